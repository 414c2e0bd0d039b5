import type { CodeBytes } from '../reports/types.js';
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
 * Decodes the x86 bytes of a `Code:` line. The marked byte starts an instruction (the RIP), but the
 * line begins mid-instruction: decode the bytes before the marker from successive start offsets and
 * keep the first start whose instructions end exactly on the marker. Null for arm64 words.
 */
export function decodeCodeLine(code: CodeBytes, ripAddress: bigint | null, syntax: AsmSyntax = 'att'): CodeListing | null {
  if (code.unit !== 'byte' || code.bytes.length === 0) return null;
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
  return { instructions: [...head, ...tail], markerInstruction: head.length, skippedBytes: skipped, addressKnown: ripAddress !== null };
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
