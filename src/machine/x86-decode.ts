import { createRequire } from 'node:module';
import type * as Iced from 'iced-x86';
import { RecentTexts } from '../lines/recent-texts.js';

/** Assembly syntax of decoded instructions: AT&T (objdump, crash) or Intel. */
export type AsmSyntax = 'att' | 'intel';

/** What an instruction does to the flow of control. */
export type FlowKind = 'next' | 'call' | 'indirect-call' | 'return' | 'jump' | 'branch' | 'indirect-jump' | 'interrupt' | 'exception';

export interface DecodedInstruction {
  /** Index of the first byte in the decoded buffer. */
  readonly offset: number;
  readonly address: bigint;
  readonly length: number;
  /** The instruction's bytes as hex pairs: "0f 1f 44 00 00". */
  readonly bytes: string;
  /** Formatted instruction: "nopl 0x0(%rax,%rax,1)". */
  readonly text: string;
  readonly mnemonic: string;
  readonly flow: FlowKind;
  /** Target of a direct call, jump or branch. */
  readonly target: bigint | null;
  readonly invalid: boolean;
}

type IcedModule = typeof Iced;

let icedModule: IcedModule | null = null;

/** iced-x86 compiles a 2 MB WebAssembly module when loaded: only pay for it when code is decoded. */
function iced(): IcedModule {
  icedModule ??= createRequire(import.meta.url)('iced-x86') as IcedModule;
  return icedModule;
}

const formatters = new Map<AsmSyntax, Iced.Formatter>();

function formatter(syntax: AsmSyntax): Iced.Formatter {
  let f = formatters.get(syntax);
  if (f) return f;
  const { Formatter, FormatterSyntax, MemorySizeOptions } = iced();
  f = new Formatter(syntax === 'att' ? FormatterSyntax.Gas : FormatterSyntax.Intel);
  // Spell operands the way objdump and crash do: `0x0(%rax,%rax,1)`, `$0x1`, `-0x3d(%rbp)`.
  f.showZeroDisplacements = true;
  f.showUselessPrefixes = true;
  f.ripRelativeAddresses = true;
  f.hexPrefix = '0x';
  f.hexSuffix = '';
  f.uppercaseHex = false;
  f.smallHexNumbersInDecimal = false;
  f.branchLeadingZeros = false;
  f.displacementLeadingZeros = false;
  f.leadingZeros = false;
  f.showBranchSize = false;
  if (syntax === 'intel') {
    // objdump -M intel: `nop DWORD PTR [rax+rax*1+0x0]`.
    f.alwaysShowScale = true;
    f.memorySizeOptions = MemorySizeOptions.Always;
  }
  formatters.set(syntax, f);
  return f;
}

/**
 * Instructions whose operand size is 64 bits by default in long mode: crash and binutils before 2.37
 * print them with a `q` suffix (`callq`, `retq`, `popfq`), which is what kernel engineers paste.
 */
const CLASSIC_Q_SUFFIX = new Set(['call', 'ret', 'popf', 'pushf', 'leave', 'iret']);

function classicSpelling(text: string, flow: FlowKind): string {
  const m = /^(\S+)(.*)$/.exec(text);
  if (!m) return text;
  const [, mnemonic, rest] = m;
  if (CLASSIC_Q_SUFFIX.has(mnemonic!)) return `${mnemonic}q${rest}`;
  if (mnemonic === 'jmp' && flow === 'indirect-jump') return `jmpq${rest}`;
  return text;
}

// String instructions name their implicit segments in objdump's spelling: `rep stos %al,%es:(%rdi)`.
const STRING_OP_RE = /^(?:rep\w* )?(?:movs|stos|lods|scas|cmps|ins|outs)[bwlq]?\b/;

/**
 * objdump's spelling where iced's differs: explicit scale 1, implicit string segments, `%db` debug
 * registers, `repz`/`repnz`, and no `$0x1` operand on the shift-by-one opcodes (D0/D1/D2/D3 /r forms).
 */
function objdumpSpelling(text: string, shiftByOne: boolean): string {
  let out = text
    .replace(/%dr(\d)\b/g, '%db$1')
    .replace(/^repe /, 'repz ')
    .replace(/^repne /, 'repnz ');
  if (shiftByOne) out = out.replace(/ \$0x1,/, ' ');
  if (!STRING_OP_RE.test(out)) out = out.replace(/^rep /, 'repz ');
  out = out.replace(/\((%\w+)?,(%\w+)\)/g, (_m, base: string | undefined, index: string) => `(${base ?? ''},${index},1)`);
  if (STRING_OP_RE.test(out)) out = out.replace(/(^|[ ,])\((%[re]?si)\)/g, '$1%ds:($2)').replace(/(^|[ ,])\((%[re]?di)\)/g, '$1%es:($2)');
  return out;
}

/** `shl %eax` (D1 /4): iced names these codes `Shl_rm32_1`. */
function isShiftByOne(i: Iced.Instruction): boolean {
  return /^(?:Rol|Ror|Rcl|Rcr|Shl|Shr|Sal|Sar)_rm\d+_1$/.test(iced().Code[i.code] ?? '');
}

function flowOf(i: Iced.Instruction): FlowKind {
  const { FlowControl } = iced();
  switch (i.flowControl) {
    case FlowControl.Call: return 'call';
    case FlowControl.IndirectCall: return 'indirect-call';
    case FlowControl.Return: return 'return';
    case FlowControl.UnconditionalBranch: return 'jump';
    case FlowControl.ConditionalBranch: return 'branch';
    case FlowControl.IndirectBranch: return 'indirect-jump';
    case FlowControl.Interrupt: return 'interrupt';
    case FlowControl.Exception: return 'exception';
    default: return 'next';
  }
}

const hexPair = (b: number) => b.toString(16).padStart(2, '0');

/**
 * The decodes of the code decoded last: reports of one bug print the same `Code:` bytes at the same RIP again and again
 * (16 distinct decodes of 306 for the 150 incidents of the bench's 1 GB log).
 */
const recentDecodes = new RecentTexts<readonly DecodedInstruction[]>(256);

/** Decodes x86-64 machine code placed at `address`, up to the last whole instruction. */
export function decodeX86(bytes: Uint8Array, address: bigint, syntax: AsmSyntax = 'att'): readonly DecodedInstruction[] {
  const key = `${syntax} ${address} ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
  let decoded = recentDecodes.get(key);
  if (!decoded) recentDecodes.set(key, (decoded = Object.freeze(decodeFresh(bytes, address, syntax).map((i) => Object.freeze(i)))));
  return decoded;
}

function decodeFresh(bytes: Uint8Array, address: bigint, syntax: AsmSyntax): DecodedInstruction[] {
  const { Decoder, DecoderOptions, DecoderError } = iced();
  const decoder = new Decoder(64, bytes, DecoderOptions.None);
  decoder.ip = address;
  const out: DecodedInstruction[] = [];
  const fmt = formatter(syntax);
  try {
    while (decoder.canDecode) {
      const offset = decoder.position;
      const i = decoder.decode();
      try {
        // A cut-off instruction at the end of the buffer is not an instruction of the code.
        if (decoder.lastError === DecoderError.NoMoreBytes) break;
        const flow = i.isInvalid ? 'next' : flowOf(i);
        const raw = i.isInvalid ? '(bad)' : fmt.format(i);
        const formatted = syntax === 'att' ? classicSpelling(objdumpSpelling(raw, isShiftByOne(i)), flow) : raw;
        // Like objdump, give the absolute address a RIP-relative operand refers to.
        const text = i.isIpRelMemoryOperand ? `${formatted} # 0x${i.ipRelMemoryAddress.toString(16)}` : formatted;
        const direct = flow === 'call' || flow === 'jump' || flow === 'branch';
        out.push({
          offset,
          address: i.ip,
          length: i.length,
          bytes: [...bytes.subarray(offset, offset + i.length)].map(hexPair).join(' '),
          text,
          mnemonic: text.split(' ', 1)[0]!,
          flow,
          target: direct ? i.nearBranchTarget : null,
          invalid: i.isInvalid,
        });
      } finally {
        i.free();
      }
    }
  } finally {
    decoder.free();
  }
  return out;
}
