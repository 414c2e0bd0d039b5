import { branchTarget, type DisInstruction } from './dis-parse.js';
import { kernelRelativePath } from './kernel-paths.js';

/** Where a sample was in the loop-bounding function: its RIP, or a return address into it. */
export interface LoopPoint {
  readonly address: bigint;
  readonly role: 'rip' | 'return';
}

export interface LoopRange {
  readonly start: bigint;
  readonly end: bigint;
  /** `backward-jump`: a jump back encloses every sample; `sampled-span`: none was in the listing, the range spans the samples. */
  readonly method: 'backward-jump' | 'sampled-span';
  /** The jump that closes the loop. */
  readonly jump: DisInstruction | null;
  readonly instructions: readonly DisInstruction[];
}

/** The code a return address stands for is the call just before it. */
const pointAddress = (p: LoopPoint) => (p.role === 'return' ? p.address - 1n : p.address);

/**
 * The loop of a function that encloses every sample: the tightest backward jump whose range
 * [target, jump] holds all the points. A fragment may lack that jump; then the range runs from
 * the first sampled instruction (the call of a return address) to the last one. Null when the
 * listing holds none of the points.
 */
export function findLoop(instructions: readonly DisInstruction[], points: readonly LoopPoint[]): LoopRange | null {
  if (instructions.length === 0 || points.length === 0) return null;
  const first = instructions[0]!.address;
  const inside = (from: bigint, to: bigint) => points.every((p) => from <= pointAddress(p) && pointAddress(p) <= to);
  let best: { start: bigint; jump: DisInstruction } | null = null;
  for (const i of instructions) {
    const target = branchTarget(i.text);
    if (target === null || target > i.address || target < first || !inside(target, i.address)) continue;
    if (!best || i.address - target < best.jump.address - best.start) best = { start: target, jump: i };
  }
  if (best) return { start: best.start, end: best.jump.address, method: 'backward-jump', jump: best.jump, instructions: between(instructions, best.start, best.jump.address) };
  const sampled = points.map((p) => sampledInstruction(instructions, p)).filter((i): i is DisInstruction => i !== null);
  if (sampled.length < points.length || sampled.length === 0) return null;
  const addresses = [...sampled.map((i) => i.address), ...points.map((p) => p.address)].filter((a) => instructions.some((i) => i.address === a));
  const start = addresses.reduce((a, b) => (b < a ? b : a));
  const end = addresses.reduce((a, b) => (b > a ? b : a));
  if (start === end) return null;
  return { start, end, method: 'sampled-span', jump: null, instructions: between(instructions, start, end) };
}

/** The instruction a point stands for: the RIP's own, or the one before a return address (the call). */
function sampledInstruction(instructions: readonly DisInstruction[], p: LoopPoint): DisInstruction | null {
  const at = instructions.findIndex((i) => i.address === p.address);
  if (at < 0) return null;
  return p.role === 'return' ? (instructions[at - 1] ?? null) : instructions[at]!;
}

function between(instructions: readonly DisInstruction[], from: bigint, to: bigint): DisInstruction[] {
  return instructions.filter((i) => i.address >= from && i.address <= to);
}

/** `block/blk-core.c:494-497` for each file the range's source lines come from. */
export function lineSpanText(lines: readonly { file: string; line: number }[]): string {
  const byFile = new Map<string, number[]>();
  for (const l of lines) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l.line]);
  return [...byFile]
    .map(([file, ns]) => {
      const lo = Math.min(...ns);
      const hi = Math.max(...ns);
      return `${kernelRelativePath(file)}:${lo === hi ? lo : `${lo}-${hi}`}`;
    })
    .join(', ');
}
