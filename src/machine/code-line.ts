import type { CodeBytes } from '../reports/types.js';
import { decodeArm, type ArmArch } from './arm-decode.js';
import { decodeX86, type AsmSyntax, type DecodedInstruction } from './x86-decode.js';

/** The instructions of a `Code:` line, with the one at the marked byte singled out. */
export interface CodeListing {
  readonly instructions: readonly DecodedInstruction[];
  /** Index in `instructions` of the instruction at the marked byte; null when nothing is marked. */
  readonly markerInstruction: number | null;
  /** Bytes skipped at the start because no instruction boundary there leads to the marker. */
  readonly skippedBytes: number;
  /** Whether instruction addresses are real (the RIP address was printed) or relative to the first byte. */
  readonly addressKnown: boolean;
}

/** Bytes decoded around the marker: the kernel prints 42-64 before it and ~21 from it; more is damage. */
const MAX_BYTES_BEFORE = 128;
const MAX_BYTES_FROM = 128;

/** Whether decoding `bytes` from the start ends exactly at its end, every instruction valid. */
function decodesCleanly(instructions: readonly DecodedInstruction[], length: number): boolean {
  const last = instructions[instructions.length - 1];
  return instructions.every((i) => !i.invalid) && last !== undefined && last.offset + last.length === length;
}

/**
 * Decodes the words of an ARM `Code:` line: they are whole instructions (or Thumb halfwords), so the marked
 * word starts one. Null when the ARM decoder is not loaded.
 */
function decodeArmCodeLine(code: CodeBytes, ripAddress: bigint | null, arch: ArmArch): CodeListing | null {
  const unit = arch === 'thumb' ? 2 : 4;
  const marker = code.markerIndex;
  const base = ripAddress !== null && marker !== null ? ripAddress - BigInt(marker * unit) : 0n;
  const instructions = decodeArm(code.words, arch, base);
  if (!instructions) return null;
  const at = marker === null ? -1 : instructions.findIndex((i) => i.offset === marker * unit);
  return { instructions, markerInstruction: at === -1 ? null : at, skippedBytes: 0, addressKnown: ripAddress !== null && marker !== null };
}

/**
 * Decodes a `Code:` line. x86 bytes: the marked byte starts an instruction (the RIP), but the line begins
 * mid-instruction, so the bytes before the marker are decoded from successive start offsets and the first
 * start whose instructions end exactly on the marker is kept. ARM words need `arch` (told by the report's
 * registers); without it they stay undecoded (null).
 */
export function decodeCodeLine(code: CodeBytes, ripAddress: bigint | null, syntax: AsmSyntax = 'att', arch: ArmArch | null = null): CodeListing | null {
  if (code.unit === 'word') return arch && code.words.length > 0 ? decodeArmCodeLine(code, ripAddress, arch) : null;
  if (code.bytes.length === 0) return null;
  const bytes = Uint8Array.from(code.bytes);
  const marker = code.markerIndex;
  const base = ripAddress !== null && marker !== null ? ripAddress - BigInt(marker) : 0n;
  if (marker === null) return { instructions: decodeX86(bytes.subarray(0, MAX_BYTES_FROM), base, syntax), markerInstruction: null, skippedBytes: 0, addressKnown: false };
  const tail = decodeX86(bytes.subarray(marker, marker + MAX_BYTES_FROM), base + BigInt(marker), syntax).map((i) => ({ ...i, offset: i.offset + marker }));
  let head: DecodedInstruction[] = [];
  let skipped = marker;
  for (let start = Math.max(0, marker - MAX_BYTES_BEFORE); start < marker; start++) {
    const candidate = decodeX86(bytes.subarray(start, marker), base + BigInt(start), syntax);
    if (decodesCleanly(candidate, marker - start)) {
      head = candidate.map((i) => ({ ...i, offset: i.offset + start }));
      skipped = start;
      break;
    }
  }
  // A line cut inside the marked instruction (`<48> 8b` and no more) has no instruction at the marker.
  return { instructions: [...head, ...tail], markerInstruction: tail.length > 0 ? head.length : null, skippedBytes: skipped, addressKnown: ripAddress !== null };
}

/** The instruction set of a `Code:` line, as the result names it. */
export type CodeArch = 'x86-64' | ArmArch;

/**
 * The ARM instruction set of a report's `Code:` words, told by its registers: `x0`-`x30` and `pstate` are
 * arm64's, `r0`-`r10`, `fp`, `ip` and `cpsr` 32-bit ARM's (Thumb when the words are halfwords). Null otherwise.
 */
export function armArchOf(code: CodeBytes, registers: Readonly<Record<string, string>>): ArmArch | null {
  if (code.unit !== 'word') return null;
  const names = Object.keys(registers);
  if (names.some((r) => ARM64_REGISTER_RE.test(r))) return 'arm64';
  if (names.some((r) => ARM_REGISTER_RE.test(r))) return code.words.every((w) => w.length === 4) ? 'thumb' : 'arm';
  return null;
}

const ARM64_REGISTER_RE = /^(?:x(?:[12]?\d|30)|pstate)$/;
const ARM_REGISTER_RE = /^(?:r(?:\d|10)|fp|ip|cpsr)$/;

/** Whether a report's registers are those of an ARM CPU (arm64 or 32-bit). */
export function isArmRegisterSet(registers: Readonly<Record<string, string>>): boolean {
  return Object.keys(registers).some((r) => ARM64_REGISTER_RE.test(r) || ARM_REGISTER_RE.test(r));
}

/** `push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>`: a few instructions up to the marked one, which is bracketed. */
export function instructionSequence(listing: CodeListing, before = 2, after = 0): string {
  const at = listing.markerInstruction;
  if (at === null) return listing.instructions.map((i) => i.text).join('; ');
  const from = Math.max(0, at - before);
  return listing.instructions
    .slice(from, at + after + 1)
    .map((i, n) => (from + n === at ? `<${i.text}>` : i.text))
    .join('; ');
}
