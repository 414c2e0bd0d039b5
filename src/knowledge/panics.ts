// Panics that only restate a report printed before them: the reason panic() is given (`Kernel panic - not syncing:
// <reason>`) names what raised it. Facts from kernel sources: oops_end() (`Fatal exception`, `Fatal exception in
// interrupt`), __warn() under panic_on_warn, check_hung_uninterruptible_tasks() under hung_task_panic, watchdog_timer_fn()
// under softlockup_panic, the hard-lockup detector under hardlockup_panic (3.10: `Hard LOCKUP`), panic_on_rcu_stall,
// mce_panic(), check_panic_on_oom() and out_of_memory() (mm/oom_kill.c).
import type { IncidentKind } from '../result/kinds.js';

/** Reports whose printing ends in die()/oops_end(): a `Fatal exception` panic is the consequence of one of them. */
const OOPS_KINDS: readonly IncidentKind[] = [
  'bad-access', 'general-protection-fault', 'bug', 'cpu-exception', 'stack-overflow', 'list-corruption', 'oops',
];

/** Reports under panic_on_warn (WARN(), and the sanitizers and debug checks that end their report with one). */
const WARN_KINDS: readonly IncidentKind[] = [
  'warning', 'kasan', 'kmsan', 'kcsan', 'kfence', 'ubsan', 'lockdep', 'suspicious-rcu', 'atomic-sleep', 'list-corruption', 'bad-page-state', 'memory-leak', 'bug',
];

/** The reports a panic can restate, as `details.follows` names them (src/i18n says each: `hungTask`, "hung task report"). */
export const FOLLOWS = ['oops', 'warning', 'hungTask', 'softLockup', 'hardLockup', 'rcuStall', 'mce', 'oom'] as const;
export type Follows = (typeof FOLLOWS)[number];

export interface ConsequencePanic {
  /** Matches the reason after `Kernel panic - not syncing: `. */
  readonly reason: RegExp;
  /** What is printed before the panic. */
  readonly follows: Follows;
  /** Kinds of report the panic is the consequence of. */
  readonly causes: readonly IncidentKind[];
  /**
   * Which report of a run of them printed just before the panic caused it: the `last` (the oops that died, the lockup
   * that panicked), or the `first` of a pass that reports several and then panics (khungtaskd's blocked tasks).
   */
  readonly pick: 'first' | 'last';
}

export const CONSEQUENCE_PANICS: readonly ConsequencePanic[] = [
  // (x86 `Fatal exception`, arm64 `Oops: Fatal exception in interrupt`, `Oops - BUG: Fatal exception`)
  { reason: /^(?:[\w -]{1,40}: )?Fatal exception/, follows: 'oops', causes: OOPS_KINDS, pick: 'last' },
  { reason: /^panic_on_warn set/, follows: 'warning', causes: WARN_KINDS, pick: 'last' },
  { reason: /^hung_task: blocked tasks/, follows: 'hungTask', causes: ['hung-task'], pick: 'first' },
  { reason: /^softlockup: hung tasks/, follows: 'softLockup', causes: ['soft-lockup'], pick: 'last' },
  { reason: /^(?:hardlockup|Hard LOCKUP)/, follows: 'hardLockup', causes: ['hard-lockup'], pick: 'last' },
  { reason: /^(?:RCU Stall|rcu_stall)/i, follows: 'rcuStall', causes: ['rcu-stall'], pick: 'last' },
  { reason: /^Fatal machine check/, follows: 'mce', causes: ['mce'], pick: 'last' },
  // `Out of memory: system-wide panic_on_oom is enabled`, `... compulsory panic_on_oom ...`, 2.6-4.x
  // `Out of memory and no killable processes...`, 4.x+ `System is deadlocked on memory`.
  { reason: /^(?:Out of memory(?::| and no killable processes)|System is deadlocked on memory)/, follows: 'oom', causes: ['oom'], pick: 'last' },
];

/** The rule of a panic reason that restates an earlier report; undefined for a panic of its own (init killed, stack corrupted). */
export function consequencePanic(reason: string): ConsequencePanic | undefined {
  return CONSEQUENCE_PANICS.find((p) => p.reason.test(reason));
}
