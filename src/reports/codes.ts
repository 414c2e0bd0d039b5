import type { InnerMessage } from '../result/schema.js';

// The phrases detectors and the analysis attach to a report, as message codes: why a report cannot be trusted whole
// (corruption), and detail values that are ktriage's own words rather than data from the log (a task's state, a cut
// trace). src/i18n says each code in English and Chinese; the JSON keeps the English beside the code.

/** Every reason a report is flagged corrupted. Parameters are named in the comment. */
export const CORRUPTION_CODES = [
  /** printk lost lines (`** N printk messages dropped **`) inside the report. */
  'corruption.dropped',
  /** The segmenter left out lines that could be this report's or another CPU's printed at the same moment. */
  'corruption.interleaved',
  /** Too many reports printed at the same moment to reassemble side by side: this one was closed early. */
  'corruption.crowded',
  /** `pid`: the task's PID is negative. */
  'corruption.negativePid',
  /** Fault injection's own stack (should_fail...) is inside the report. */
  'corruption.faultInjection',
  /** `dumpCpu`, `dumpPid`, `cpu`, `pid`: the register dump is another CPU's or task's than the header names. */
  'corruption.otherDump',
  /** `cpus`: no backtrace of the stalled CPUs. */
  'corruption.rcu.noBacktrace',
  'corruption.rcu.cutOff',
  'corruption.lockdep.noLockLine',
  'corruption.cut.beforeBacktrace',
  'corruption.cut.beforeCallTrace',
  'corruption.cut.beforeRegisters',
  'corruption.noKernelFunction',
  'corruption.logEnds.beforeTrace',
  'corruption.hung.noReliableFrame',
  'corruption.hung.dumpStack',
  'corruption.kasan.noFunction',
  /** `follows`: a FOLLOWS key (knowledge/panics.ts): the report the panic restates is not in the log. */
  'corruption.panic.followsMissing',
  /** `kind`: an incident kind: a header-less register dump, kind taken from the concurrent reports. */
  'corruption.headerMissing',
] as const;

export type CorruptionCode = (typeof CORRUPTION_CODES)[number];

/** A reason a report is corrupted, as a code and its parameters. */
export interface Corruption extends InnerMessage {
  readonly code: CorruptionCode;
}

/** Detail values that are ktriage's phrases, each said by src/i18n. Parameters are named in the comment. */
export const DETAIL_CODES = [
  'detail.state.blocked',
  'detail.state.ioWait',
  'detail.state.cantDie',
  'detail.trace.cut',
  'detail.taskName.split',
  /** `op` (read, write, read-write, with ` (marked)`), `size`, `address`, `pid` (null: an interrupt), `cpu`. */
  'detail.kcsan.access',
  /** `device`. */
  'detail.problem.dentryBusy',
  /** `cache`, `message` (the kernel's words). */
  'detail.problem.slubCache',
  'detail.problem.badUnwind',
  'detail.problem.sleepInAtomic',
  'detail.problem.scheduleAtomic',
  /** `function`. */
  'detail.problem.preemptible',
  'detail.problem.spinlockLockup',
  'detail.problem.slabCorruption',
  /** `problem`: a LOCKDEP_PROBLEMS key. */
  'detail.lockdep',
  /** `fault`: a FAULTS key. */
  'detail.fault',
  /** `follows`: a FOLLOWS key (knowledge/panics.ts). */
  'detail.follows',
  /** `bytes`, `side` (a SIDES key), `region` (its size in bytes, or null): where a sanitizer's bad address is. */
  'detail.located',
] as const;

export type DetailCode = (typeof DETAIL_CODES)[number];

/** A detail value said by code. */
export interface DetailMessage extends InnerMessage {
  readonly code: DetailCode;
}

/** The problems lockdep reports, as `detail.lockdep` names them. */
export const LOCKDEP_PROBLEMS = [
  'circular', 'recursive', 'inconsistent', 'irqInversion', 'irqUnsafeOrder', 'badUnlock', 'heldLockFreed', 'heldToUser', 'heldAtExit',
  'nestedNotTaken', 'invalidWaitContext', 'nonStaticKey', 'workqueueLeak', 'capacity', 'invalidSubclass',
  'unregisteredKey',
] as const;
export type LockdepProblem = (typeof LOCKDEP_PROBLEMS)[number];

/** The kinds of bad memory access `detail.fault` names (an `Unhandled fault:` keeps the kernel's own words instead). */
export const FAULTS = ['nullPointer', 'pointer', 'alignment', 'internalError', 'badArea', 'pagingRequest'] as const;
export type Fault = (typeof FAULTS)[number];

/** Where a bad address is against the object a sanitizer names. */
export const SIDES = ['inside', 'right', 'left'] as const;
export type Side = (typeof SIDES)[number];

export function corruption(code: CorruptionCode, params: InnerMessage['params'] = {}): Corruption {
  return { code, params };
}

export function detailMessage(code: DetailCode, params: InnerMessage['params'] = {}): DetailMessage {
  return { code, params };
}

/** Whether a detail value is a message rather than data. */
export function isDetailMessage(value: unknown): value is DetailMessage {
  return typeof value === 'object' && value !== null && 'code' in value;
}
