// Known lockup signatures: when an incident's loop-bounding function or stack matches, ktriage
// names the suspected mechanism and the check that proves it. Facts from
// ../shared/docs/kernel-facts.md §1 and §6.

export interface Signature {
  readonly id: string;
  /** Matches when the loop-bounding function or any stack function is one of these. */
  readonly functions: readonly string[];
  readonly kinds: readonly string[];
  readonly finding: string;
  readonly nextStep: { readonly text: string; readonly why: string } | null;
}

export const SIGNATURES: readonly Signature[] = [
  {
    id: 'blkg-list-walk',
    functions: ['blk_set_queue_dying'],
    kinds: ['soft-lockup', 'hard-lockup', 'rcu-stall'],
    finding:
      'Known pattern: blk_set_queue_dying walks q->blkg_list with blk_queue_for_each_rl without holding queue_lock (RHEL 7 / 4.x legacy block layer); a blkcg removed at the same time (container teardown) leaves a self-linked node and the walk never ends.',
    nextStep: {
      text: 'From a vmcore, inspect q->blkg_list of the dying request queue (crash> struct request_queue <q>; list -H <q>->blkg_list) and look for a self-linked blkg->q_node.',
      why: 'A self-linked or cyclic blkg_list proves the race with blkcg destruction; fixed kernels hold queue_lock around the walk.',
    },
  },
  {
    id: 'csd-lock-wait',
    functions: ['csd_lock_wait', 'smp_call_function_many', 'smp_call_function_many_cond', 'smp_call_function_single'],
    kinds: ['soft-lockup', 'hard-lockup'],
    finding:
      'The CPU waits for another CPU to run a cross-CPU function call (IPI/CSD lock). The target CPU has interrupts off in a long loop, lost the IPI, or its vCPU was not scheduled.',
    nextStep: {
      text: 'Find the target CPU: enable CONFIG_CSD_LOCK_WAIT_DEBUG (csd: Detected non-responsive CSD lock ... for CPU#NN) or set kernel.softlockup_all_cpu_backtrace=1.',
      why: 'The waiting CPU is a victim; the cause is on the CPU it waits for.',
    },
  },
  {
    id: 'reclaim-storm',
    functions: ['shrink_slab', 'shrink_inactive_list', 'isolate_lru_pages', 'shrink_page_list', 'balance_pgdat', 'super_cache_scan', 'xfs_reclaim_inodes_ag'],
    kinds: ['soft-lockup', 'hung-task', 'rcu-stall'],
    finding: 'The stuck code is memory reclaim: severe memory pressure, very large LRU or slab lists, or a filesystem shrinker doing slow I/O.',
    nextStep: { text: 'Check memory pressure around the incident (sar -r, /proc/meminfo, slabtop) and the OOM/allocation-failure events.', why: 'Reclaim storms follow memory exhaustion.' },
  },
];
