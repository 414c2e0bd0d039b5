import { instructionSequence, type CodeListing } from './code-line.js';
import type { DecodedInstruction } from './x86-decode.js';
import { t } from '../i18n/index.js';

export type CodePatternKind = 'irq-enable' | 'pause-loop' | 'bug-trap' | 'backward-jump';

/** Something the instructions around the RIP tell a triager. */
export interface CodePattern {
  readonly kind: CodePatternKind;
  /** The instructions that show it, the RIP's one in angle brackets. */
  readonly sequence: string;
  readonly explanation: string;
  /** What the explanation is built from; the catalog says it under `pattern.<kind>`. */
  readonly params: Readonly<Record<string, string | number | null>>;
}

function pattern(kind: CodePatternKind, sequence: string, params: Record<string, string | number | null>): CodePattern {
  return { kind, sequence, explanation: t('en', `pattern.${kind}`, params), params };
}

const mnemonicOf = (i: DecodedInstruction) => i.mnemonic.replace(/^(?:lock|rep\w*) /, '');

/** `popf` (restores the saved IF flag) and `sti` turn interrupts back on. */
export function isIrqEnableInstruction(mnemonic: string): boolean {
  return /^(?:popf[qlw]?|sti)$/.test(mnemonic);
}

function irqEnable(listing: CodeListing, at: number): CodePattern | null {
  const before = listing.instructions[at - 1];
  if (!before || !isIrqEnableInstruction(mnemonicOf(before))) return null;
  return pattern('irq-enable', instructionSequence(listing), { instruction: before.text });
}

/** `ud2` is how BUG() and WARN() trap on x86. */
function bugTrap(listing: CodeListing, at: number): CodePattern | null {
  const i = listing.instructions[at];
  if (!i || mnemonicOf(i) !== 'ud2') return null;
  return pattern('bug-trap', instructionSequence(listing), {});
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
  const pause = near.find((i) => mnemonicOf(i) === 'pause');
  if (!pause) return null;
  return pattern('pause-loop', instructionSequence(listing, 2, 2), { jump: jump?.text ?? null });
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
