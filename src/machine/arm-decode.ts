import { createRequire } from 'node:module';
import type { DecodedInstruction, FlowKind } from './x86-decode.js';

/** The ARM instruction sets a `Code:` line of words can hold: arm64, 32-bit ARM, Thumb (16-bit halfwords). */
export type ArmArch = 'arm64' | 'arm' | 'thumb';

interface CapstoneInstruction {
  readonly address: number | bigint;
  readonly size: number;
  readonly mnemonic: string;
  readonly op_str: string;
}
interface CapstoneDecoder {
  disasm(bytes: number[], address: number | bigint, count?: number): CapstoneInstruction[];
  close(): void;
}
interface CapstoneModule {
  readonly ARCH_ARM64: number;
  readonly ARCH_ARM: number;
  readonly MODE_ARM: number;
  readonly MODE_THUMB: number;
  readonly MODE_LITTLE_ENDIAN: number;
  Capstone: new (arch: number, mode: number) => CapstoneDecoder;
}

let decoders: Map<ArmArch, CapstoneDecoder> | null = null;
let loading: Promise<boolean> | null = null;

/**
 * Loads the Capstone disassembler (a WebAssembly build, instantiated asynchronously) once; decoding ARM code
 * needs it first. Resolves false when it cannot be loaded: ARM `Code:` lines then stay undecoded.
 */
export function loadArmDecoder(): Promise<boolean> {
  loading ??= (async () => {
    try {
      const factory = createRequire(import.meta.url)('@alexaltea/capstone-js') as () => Promise<CapstoneModule>;
      const cs = await factory();
      decoders = new Map([
        ['arm64', new cs.Capstone(cs.ARCH_ARM64, cs.MODE_ARM)],
        ['arm', new cs.Capstone(cs.ARCH_ARM, cs.MODE_ARM)],
        ['thumb', new cs.Capstone(cs.ARCH_ARM, cs.MODE_THUMB)],
      ]);
      return true;
    } catch {
      return false;
    }
  })();
  return loading;
}

/** 32-bit ARM condition suffixes: `bne`, `blxeq`... are conditional forms of `b`, `blx`. */
const CONDITION = '(?:eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?';
const FLOW_RULES: readonly [RegExp, FlowKind][] = [
  [/^(?:ret|reta[ab]|eret\w*)$/, 'return'],
  [new RegExp(`^bx${CONDITION}$`), 'indirect-jump'],
  [/^(?:blr\w*)$/, 'indirect-call'],
  [new RegExp(`^(?:bl|blx)${CONDITION}$`), 'call'],
  [/^(?:br|bra\w*)$/, 'indirect-jump'],
  [/^(?:b\.\w+|cbn?z|tbn?z)$/, 'branch'],
  [/^b$/, 'jump'],
  [new RegExp(`^b${CONDITION.slice(0, -1)}$`), 'branch'],
  [/^(?:brk|udf|hlt|bkpt)$/, 'exception'],
  [/^(?:svc|hvc|smc)$/, 'interrupt'],
];

function flowOf(mnemonic: string, operands: string): FlowKind {
  // `pop {..., pc}` and `ldm ..., {..., pc}` return on 32-bit ARM; `bx lr` too.
  if (/^(?:pop|ldm\w*)$/.test(mnemonic) && /\bpc\}/.test(operands)) return 'return';
  if (/^bx/.test(mnemonic) && operands === 'lr') return 'return';
  if (/^blx/.test(mnemonic) && !operands.startsWith('#')) return 'indirect-call';
  return FLOW_RULES.find(([re]) => re.test(mnemonic))?.[1] ?? 'next';
}

/** The immediate target of a direct branch: the last `#0x...` operand. */
function targetOf(flow: FlowKind, operands: string): bigint | null {
  if (flow !== 'call' && flow !== 'jump' && flow !== 'branch') return null;
  const m = /#(0x[0-9a-f]+)\s*$/.exec(operands);
  return m ? BigInt(m[1]!) : null;
}

/** Little-endian bytes of the printed words (each word or halfword is the instruction's value). */
function wordBytes(word: string): number[] {
  const value = parseInt(word, 16);
  return Array.from({ length: word.length / 2 }, (_, i) => (value >>> (8 * i)) & 0xff);
}

/**
 * Decodes the words of an ARM `Code:` line placed at `address`, one instruction per word (arm64, ARM) or
 * per one or two halfwords (Thumb); a word that is no instruction becomes `.inst 0x...` as in objdump. Null
 * when the decoder is not loaded (see loadArmDecoder).
 */
export function decodeArm(words: readonly string[], arch: ArmArch, address: bigint): DecodedInstruction[] | null {
  const decoder = decoders?.get(arch);
  if (!decoder) return null;
  const unit = arch === 'thumb' ? 2 : 4;
  const out: DecodedInstruction[] = [];
  for (let n = 0; n < words.length; ) {
    const at = address + BigInt(n * unit);
    // A 32-bit Thumb instruction is printed as two halfwords: offer both, keep what the decoder takes.
    const take = words.slice(n, arch === 'thumb' ? n + 2 : n + 1);
    const [i] = decoder.disasm(take.flatMap(wordBytes), at, 1);
    const used = i ? i.size / unit : 1;
    const printed = words.slice(n, n + used).join(' ');
    if (!i) {
      out.push({ offset: n * unit, address: at, length: unit, bytes: printed, text: `.inst 0x${printed}`, mnemonic: '.inst', flow: 'next', target: null, invalid: true });
    } else {
      const flow = flowOf(i.mnemonic, i.op_str);
      const text = i.op_str ? `${i.mnemonic} ${i.op_str}` : i.mnemonic;
      out.push({ offset: n * unit, address: at, length: i.size, bytes: printed, text, mnemonic: i.mnemonic, flow, target: targetOf(flow, i.op_str), invalid: false });
    }
    n += used;
  }
  return out;
}
