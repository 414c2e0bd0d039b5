/** Incident kinds, and the phrase each one's title starts with. */
export const KIND_PHRASES = {
  'soft-lockup': 'soft lockup',
  'hard-lockup': 'hard lockup',
  'hung-task': 'task hung',
  'rcu-stall': 'RCU stall',
  'workqueue-stall': 'workqueue lockup',
  warning: 'WARNING',
  bug: 'kernel BUG',
  'bad-access': 'bad memory access',
  'general-protection-fault': 'general protection fault',
  'cpu-exception': 'CPU exception',
  'stack-overflow': 'stack overflow',
  'atomic-sleep': 'sleeping in atomic context',
  'spinlock-bug': 'spinlock bug',
  lockdep: 'lockdep report',
  'suspicious-rcu': 'suspicious RCU usage',
  kasan: 'KASAN',
  kmsan: 'KMSAN',
  kcsan: 'KCSAN data race',
  kfence: 'KFENCE',
  ubsan: 'UBSAN',
  'memory-leak': 'memory leak',
  'bad-page-state': 'bad page state',
  'list-corruption': 'list corruption',
  panic: 'kernel panic',
  oom: 'OOM kill',
  'page-allocation-failure': 'page allocation failure',
  mce: 'machine check',
  'userspace-segfault': 'user-space segfault',
  'cfi-failure': 'CFI failure',
  'slab-corruption': 'slab corruption',
  // A register dump whose report header is missing or unknown: a kernel crash of a kind the log does not say.
  oops: 'kernel oops',
} as const;

export type IncidentKind = keyof typeof KIND_PHRASES;

export const INCIDENT_KINDS = Object.keys(KIND_PHRASES) as IncidentKind[];

/** Kinds where a CPU or task is stuck: they get loop-bounding and entry analysis. */
export const STUCK_KINDS: ReadonlySet<IncidentKind> = new Set(['soft-lockup', 'hard-lockup', 'hung-task', 'rcu-stall', 'workqueue-stall']);

/** Kinds where a CPU spins without scheduling: repeated samples bound the loop. A hung task sleeps instead. */
export const SPINNING_KINDS: ReadonlySet<IncidentKind> = new Set(['soft-lockup', 'hard-lockup', 'rcu-stall']);

/** Kinds that leave the kernel running and correct: worth a look, not an emergency. */
export const WARNING_KINDS: ReadonlySet<IncidentKind> = new Set(['warning', 'userspace-segfault', 'memory-leak', 'page-allocation-failure', 'suspicious-rcu', 'lockdep', 'kcsan']);

/** Kinds that point at a bug in the kernel code that printed them: look for a fix of the culprit function. */
export const KERNEL_BUG_KINDS: ReadonlySet<IncidentKind> = new Set([
  'warning', 'bug', 'bad-access', 'general-protection-fault', 'cpu-exception', 'stack-overflow', 'list-corruption', 'kasan', 'kmsan',
  'kcsan', 'kfence', 'ubsan', 'lockdep', 'suspicious-rcu', 'atomic-sleep', 'spinlock-bug', 'bad-page-state', 'memory-leak', 'oops',
  'cfi-failure', 'slab-corruption',
]);

/** `<kind phrase> in <function>`, or the bare phrase when no function is known. */
export function makeTitle(kind: IncidentKind, fn: string | null | undefined): string {
  return fn ? `${KIND_PHRASES[kind]} in ${fn}` : KIND_PHRASES[kind];
}

/**
 * Why an incident was built from less than a whole report: `header-missing`, a register dump with a call trace and
 * a fault address whose header line is not in the log (cut, or lost to a console switch); `header-unknown`, a
 * header line no detector knows, kept with the register dump after it.
 */
export const PARTIAL_REASONS = ['header-missing', 'header-unknown'] as const;
export type PartialReason = (typeof PARTIAL_REASONS)[number];
