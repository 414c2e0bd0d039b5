import { instructionSequence, type CodeListing } from './code-line.js';
import type { DecodedInstruction } from './x86-decode.js';

export type CodePatternKind = 'irq-enable' | 'pause-loop' | 'bug-trap' | 'backward-jump';

/** Something the instructions around the RIP tell a triager. */
export interface CodePattern {
  readonly kind: CodePatternKind;
  /** The instructions that show it, the RIP's one in angle brackets. */
  readonly sequence: string;
  /** What the explanation is built from; src/i18n says it under `pattern.<kind>`. */
  readonly params: Readonly<Record<string, string | number | null>>;
}

function pattern(kind: CodePatternKind, sequence: string, params: Record<string, string | number | null>): CodePattern {
  return { kind, sequence, params };
}

const mnemonicOf = (i: DecodedInstruction) => i.mnemonic.replace(/^(?:lock|rep\w*) /, '');

/**
 * Instructions that turn interrupts back on: x86 `popf` (restores the saved IF flag) and `sti`; arm64 `msr daifclr`
 * (local_irq_enable) and `msr daif, xN` (local_irq_restore); 32-bit ARM `cpsie i` and `msr cpsr_c, rN`.
 */
export function isIrqEnableInstruction(text: string): boolean {
  return /^(?:popf[qlw]?|sti)(?:\s|$)/.test(text) || /^msr\s+(?:daifclr|daif|cpsr_c),/.test(text) || /^cpsie\s+\w*i/.test(text);
}

function irqEnable(listing: CodeListing, at: number): CodePattern | null {
  const before = listing.instructions[at - 1];
  if (!before || !isIrqEnableInstruction(before.text)) return null;
  return pattern('irq-enable', instructionSequence(listing), { instruction: before.text });
}

/**
 * How BUG() and WARN() trap: `ud2` on x86, `brk #0x800` (BUG_BRK_IMM) on arm64, the undefined instruction
 * BUG_INSTR_VALUE on 32-bit ARM (0xe7f001f2, `udf #0x12`) and Thumb (0xde02, `udf #2`).
 */
function bugTrap(listing: CodeListing, at: number): CodePattern | null {
  const i = listing.instructions[at];
  if (!i || !/^(?:ud2|brk #0x800|udf #0x12|udf #2)$/.test(i.text)) return null;
  return pattern('bug-trap', instructionSequence(listing), { instruction: i.text });
}

/** A jump at or after the RIP back to or before it: the RIP sits inside a loop visible in these bytes. */
function enclosingBackwardJump(listing: CodeListing, at: number): DecodedInstruction | null {
  const rip = listing.instructions[at]!;
  const first = listing.instructions[0]!;
  return (
    listing.instructions.slice(at).find((i) => (i.flow === 'jump' || i.flow === 'branch') && i.target !== null && i.target <= rip.address && i.target >= first.address && i.target < i.address) ??
    null
  );
}

function pauseLoop(listing: CodeListing, at: number, jump: DecodedInstruction | null): CodePattern | null {
  const near = listing.instructions.slice(Math.max(0, at - 1), at + 1);
  // cpu_relax() is `pause` on x86, `yield` on ARM; arm64 spin locks wait in `wfe`.
  const pause = near.find((i) => /^(?:pause|yield|wfe)$/.test(mnemonicOf(i)));
  if (!pause) return null;
  return pattern('pause-loop', instructionSequence(listing, 2, 2), { instruction: pause.mnemonic, jump: jump?.text ?? null });
}

function backwardJump(listing: CodeListing, jump: DecodedInstruction | null): CodePattern | null {
  if (!jump) return null;
  const span = Number(jump.address - jump.target!) + jump.length;
  return pattern('backward-jump', instructionSequence(listing, 0, listing.instructions.indexOf(jump) - listing.markerInstruction!), { jump: jump.text, span });
}

/** The patterns that matter around the RIP of a decoded `Code:` line. */
export function codePatterns(listing: CodeListing): CodePattern[] {
  const at = listing.markerInstruction;
  if (at === null || !listing.instructions[at]) return [];
  const jump = enclosingBackwardJump(listing, at);
  return [irqEnable(listing, at), bugTrap(listing, at), pauseLoop(listing, at, jump), backwardJump(listing, jump)].filter((p): p is CodePattern => p !== null);
}
