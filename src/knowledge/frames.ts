// What kernel function names mean to a triager. Facts from kernel sources and
// ../shared/docs/kernel-facts.md §4.3, §4.6 and §6; matched on the name without a
// compiler suffix (".isra.0", ".constprop.3", ".cold").
import { isAsciiDigit } from '../text/trim.js';

/** Suffixes the compiler gives the copies it makes of a function (`.isra.0`, `.constprop.3`, `.cold`, `.llvm.123`). */
const COMPILER_SUFFIXES = ['isra', 'constprop', 'part', 'cold', 'llvm', 'lto_priv'] as const;

/** Where `name` ends without one compiler suffix ending at `end` (`.word` or `.word.N`); `end` when none does. */
function beforeSuffix(name: string, end: number): number {
  let digits = end;
  while (digits > 0 && isAsciiDigit(name.charCodeAt(digits - 1))) digits--;
  const numbered = digits < end && name[digits - 1] === '.' ? [digits - 1, end] : [end];
  for (const wordEnd of numbered) {
    const word = COMPILER_SUFFIXES.find((w) => name.endsWith(`.${w}`, wordEnd));
    if (word) return wordEnd - word.length - 1;
  }
  return end;
}

/**
 * Strips compiler-generated suffixes so that `csd_lock_wait.isra.1` matches `csd_lock_wait`: one suffix at a time
 * from the end (a regex anchored at `$` would rescan a long name from each of its dots).
 */
export function baseFunctionName(name: string): string {
  // (every suffix starts with a dot: most names have none, and are theirs; each matcher asks for every frame)
  if (!name.includes('.')) return name;
  let end = name.length;
  for (let next = beforeSuffix(name, end); next < end; next = beforeSuffix(name, end)) end = next;
  return end === name.length ? name : name.slice(0, end);
}

/** A predicate on function names (compiler suffixes ignored): exact names, or names matching a pattern. */
export function matcher(exact: readonly string[], patterns: readonly RegExp[]): (fn: string) => boolean {
  const set = new Set(exact);
  return (fn) => {
    const base = baseFunctionName(fn);
    return set.has(base) || patterns.some((p) => p.test(base));
  };
}

/** Frames of a CPU waiting for other CPUs to run a function it asked for (cross-CPU calls: IPI/CSD waits). */
export const IPI_WAIT_FRAMES = [
  'smp_call_function_many', 'smp_call_function_many_cond', 'smp_call_function_single', 'smp_call_function',
  'csd_lock_wait', 'csd_lock_wait_toolong', 'on_each_cpu', 'on_each_cpu_cond_mask', 'on_each_cpu_mask',
  'native_flush_tlb_others', 'flush_tlb_others',
] as const;

/**
 * Frames that only wait for another CPU: a lockup whose stack sits in one of them is
 * a victim of whatever that CPU is doing (stop_machine, IPI/CSD waits).
 */
export const WAITER_FRAMES = [
  'multi_cpu_stop', 'stop_machine_yield', 'stop_machine_cpuslocked', 'stop_two_cpus', 'stop_cpus', 'cpu_stopper_thread',
  ...IPI_WAIT_FRAMES, 'synchronize_sched_expedited', 'try_stop_cpus',
] as const;

export const isIpiWaitFrame = matcher(IPI_WAIT_FRAMES, []);

/** True when the function only waits for other CPUs (stopper or cross-CPU call waits). */
export const isWaiterFrame = matcher(WAITER_FRAMES, []);

/**
 * Functions that re-enable interrupts: a timer interrupt held back while they were off
 * is delivered right after them, so a sample there marks where interrupts came back on.
 */
export const IRQ_ENABLE_FUNCTIONS = [
  '_raw_spin_unlock_irqrestore', '_raw_spin_unlock_irq', '_raw_read_unlock_irqrestore', '_raw_write_unlock_irqrestore',
  '_raw_read_unlock_irq', '_raw_write_unlock_irq', '_raw_spin_unlock_bh', 'native_restore_fl', 'arch_local_irq_restore',
  'arch_local_irq_enable', 'native_irq_enable', '__local_bh_enable_ip', 'local_bh_enable', 'trace_hardirqs_on',
] as const;

export const isIrqEnableFunction = matcher(IRQ_ENABLE_FUNCTIONS, []);

/**
 * Helpers that return at once (wake a waiter, drop a lock): a CPU cannot stay in one for seconds, so when every
 * sample passes through one, the loop that keeps the CPU busy is in a caller that keeps calling it.
 */
export const isBriefHelperFrame = matcher(
  [...IRQ_ENABLE_FUNCTIONS, '__wake_up', '__wake_up_common', '__wake_up_common_lock', '__wake_up_locked', 'wake_up_process', 'try_to_wake_up', 'wake_up_q', 'wake_up_bit', '__wake_up_bit', 'complete', 'complete_all', '_raw_spin_unlock', '_raw_read_unlock', '_raw_write_unlock'],
  [],
);

/**
 * Routines that print a stall or lockup report from the timer interrupt. When one of them is on the stack,
 * the frames up to the timer interrupt's entry are the reporter's, and the interrupted code lies beyond.
 */
export const isStallReporterFrame = matcher(
  ['rcu_dump_cpu_stacks', 'print_cpu_stall', 'print_other_cpu_stall', 'check_cpu_stall', 'rcu_check_callbacks', 'rcu_sched_clock_irq', 'rcu_pending', 'dump_cpu_task', 'watchdog_timer_fn', 'softlockup_tick'],
  [],
);

/** The entry of the timer interrupt (x86 APIC timer, arm64 el1 IRQ, 32-bit arm `gic_handle_irq` from `__irq_svc`). */
export const isTimerInterruptEntryFrame = matcher(['__irq_svc', 'gic_handle_irq'], [/^(?:smp_|asm_)?(?:trace_)?apic_timer_interrupt/, /^(?:asm_)?sysvec_apic_timer_interrupt$/, /^el1h?_(?:64_)?irq$/]);

/**
 * The entry of an interrupt (timer, device, IPI): in a trace, the frames after it are the code the interrupt
 * happened to interrupt, not callers of what ran inside it.
 */
export const isInterruptEntryFrame = matcher(['__irq_svc', 'gic_handle_irq', 'do_IRQ', 'common_interrupt', 'asm_common_interrupt', 'ret_from_intr'], [
  /^(?:smp_|asm_)?(?:trace_)?apic_timer_interrupt/,
  /^(?:asm_)?sysvec_/,
  /^el1h?_(?:64_)?irq$/,
]);

/** A task dumping its own stack: never on the stack of a task that sleeps, whose trace the scheduler's dump prints. */
export const isSelfDumpFrame = matcher(['dump_stack', 'dump_stack_lvl', '__dump_stack'], []);

/**
 * Frames of the report's own making: the dump, the printing, the check that fired (sanitizers, lockdep and its irq
 * tracing hooks, the preemption and might-sleep checks) and the unwinder. Never a culprit, even when every other frame
 * of a trace is generic plumbing too (a check that fired in the page fault path).
 */
const REPORTING_EXACT = [
  // reporting and dumping
  'dump_stack', 'dump_stack_lvl', 'show_stack', 'show_regs', '__show_regs', 'show_trace_log_lvl', 'printk', '_printk', 'vprintk',
  'vprintk_emit', 'vprintk_default', 'panic', 'die', '__die', 'oops_end', 'do_trap', 'do_error_trap', 'report_bug', 'handle_bug',
  'exc_invalid_op', '__warn', 'warn_slowpath_fmt', 'warn_slowpath_null', 'warn_slowpath_common', 'warn_on_slowpath', '__warn_printk', 'bad_page',
  'watchdog_timer_fn', 'watchdog_overflow_callback', 'nmi_cpu_backtrace', 'nmi_trigger_cpumask_backtrace', 'arch_trigger_cpumask_backtrace',
  'sched_show_task', '_sched_show_task', 'print_other_cpu_stall', 'dump_cpu_task', 'trigger_single_cpu_backtrace',
] as const;

const REPORTING_PATTERNS = [
  /^(?:__)?kasan_/, /^(?:__)?asan_/, /^(?:__)?kmsan_/, /^(?:__)?kcsan_/, /^(?:__)?ubsan_/, /^(?:__)?sanitizer_/, /^check_memory_region/,
  /^(?:__)?lockdep_/, /^print_(?:circular|usage|bad_irq|deadlock|lock)/, /^(?:__)?debug_lockdep/, /^check_(?:prev_add|noncircular|deadlock)/,
  /^validate_chain/, /^(?:__)?lock_acquire/, /^mark_lock/, /^trace_hardirqs/,
  /^(?:__)?(?:dump|show)_/, /^warn_slowpath_(?:fmt|null|common|fmt_taint)$/, /^__might_(?:sleep|fault|resched)/, /^___might_sleep/, /^might_fault/,
  /^debug_smp_processor_id$/, /^check_preemption_disabled$/, /^__this_cpu_preempt_check$/,
  // unwinders
  /^(?:__)?unwind_/, /^(?:__)?(?:core_)?kernel_text_address$/, /^is_(?:bpf|ftrace)_(?:text_address|trampoline)$/, /^(?:__)?save_stack/,
  // sanitizer, debug-object and lockdep reporting and bookkeeping
  /^print_address_description/, /^print_report/, /^(?:__)?report_(?:bug|kasan|generic)/, /^(?:__)?debug_object/, /^(?:__)?lock_(?:release|class|is_held|downgrade)/,
  /^(?:reacquire|mark)_held_locks/, /^(?:__)?check_(?:object_size|heap_object|object)$/, /^(?:__)?(?:do_)?error_trap/, /^(?:do_|asm_)?invalid_op$/, /^fixup_bug$/,
  /^(?:__)?(?:do_)?trap$/, /hwasan/, /^(?:read|write)_once_.*nocheck/, /^walk_stack/, /^dump_backtrace/, /^warn_alloc(?:_failed|_show_mem)?$/, /^warn_bogus_irq_restore$/, /^print_(?:unlock|usage_bug|tainted|hex_dump)/,
  /^imbalance_bug$/, /^_*panic/, /panic_on_warn/, /^(?:trace|lockdep)_(?:hard|soft)irq/, /^stack_trace_(?:consume_entry|save)/, /^arch_stack_walk$/, /^register_lock_class$/, /^get_taint$/,
  /^__fortify_report$/, /^__stack_chk_fail(?:_local)?$/, /^msan_/,
] as const;

/** True when the frame is the report's own making (see REPORTING_EXACT). */
export const isReportingFrame = matcher(REPORTING_EXACT, REPORTING_PATTERNS);

/**
 * Frames that report, lock, wait, schedule, allocate, copy or dump: a kernel developer skips them
 * to find the function that is to blame.
 */
const GENERIC_EXACT = [
  // the NMI path of the perf-based hard lockup detector
  '__perf_event_overflow', 'perf_event_overflow', 'intel_pmu_handle_irq', 'handle_pmi_common', 'x86_pmu_handle_irq', 'amd_pmu_handle_irq',
  'perf_event_nmi_handler', 'nmi_handle', 'default_do_nmi', 'do_nmi', 'exc_nmi', 'asm_exc_nmi', 'end_repeat_nmi', 'watchdog_hardlockup_check',
  'rcu_dump_cpu_stacks', 'print_cpu_stall', 'check_cpu_stall', 'rcu_pending', 'rcu_sched_clock_irq', 'rcu_check_callbacks',
  'update_process_times', 'tick_sched_handle', 'tick_sched_timer', '__hrtimer_run_queues', 'hrtimer_interrupt',
  'smp_apic_timer_interrupt', 'apic_timer_interrupt', 'sysvec_apic_timer_interrupt', 'asm_sysvec_apic_timer_interrupt',
  'local_apic_timer_interrupt', '__sysvec_apic_timer_interrupt',
  // locking
  '_raw_spin_lock', '_raw_spin_lock_irq', '_raw_spin_lock_irqsave', '_raw_spin_lock_bh', '_raw_spin_unlock',
  '_raw_spin_unlock_irq', '_raw_spin_unlock_irqrestore', '_raw_spin_unlock_bh', '_raw_spin_trylock', '_raw_read_lock',
  '_raw_write_lock', '_raw_read_lock_irqsave', '_raw_write_lock_irqsave', '_raw_read_unlock_irqrestore', '_raw_write_unlock_irqrestore',
  'native_queued_spin_lock_slowpath', 'queued_spin_lock_slowpath', '__pv_queued_spin_lock_slowpath', 'pv_queued_spin_lock_slowpath',
  'do_raw_spin_lock', 'do_raw_spin_unlock', 'spin_lock', 'spin_unlock', '__ticket_spin_lock', 'mutex_lock', 'mutex_unlock',
  '__mutex_lock', '__mutex_lock_slowpath', 'mutex_lock_nested', 'mutex_lock_killable', 'mutex_lock_interruptible', 'down_read', 'down_write',
  'rwsem_down_read_slowpath', 'rwsem_down_write_slowpath', 'rwsem_down_read_failed', 'rwsem_down_write_failed', 'call_rwsem_down_read_failed',
  'call_rwsem_down_write_failed', 'lock_acquire', 'lock_release', 'down', 'up', 'percpu_down_write', 'percpu_down_read',
  'native_restore_fl', 'arch_local_irq_restore',
  // waiting and scheduling
  'schedule', '__schedule', 'schedule_timeout', 'schedule_timeout_interruptible', 'schedule_timeout_uninterruptible', 'schedule_timeout_killable',
  'schedule_timeout_idle', 'schedule_hrtimeout', 'schedule_hrtimeout_range', 'schedule_hrtimeout_range_clock', 'schedule_idle', '__schedule_bug',
  'schedule_work', 'schedule_delayed_work', 'task_blocks_on_rt_mutex', 'try_to_take_rt_mutex', 'schedule_preempt_disabled', 'io_schedule', 'io_schedule_timeout',
  'wait_for_completion', 'wait_for_completion_io', 'wait_for_completion_timeout', 'wait_for_completion_killable',
  'wait_for_common', '__wait_for_common', 'do_wait_for_common', 'wait_for_common_io', 'bit_wait', 'bit_wait_io',
  '__wait_on_bit', 'out_of_line_wait_on_bit', '__wait_on_bit_lock', 'out_of_line_wait_on_bit_lock', 'wait_on_page_bit', 'wait_on_page_bit_common',
  // buffer and page sleep callbacks of the bit waits (2.6-3.0 sync_buffer, 3.1+ sleep_on_buffer and sleep_on_page)
  'sync_buffer', 'sleep_on_buffer', 'sleep_on_page', 'sleep_on_page_killable', '__wait_on_buffer',
  // page writeback waits (2.6's sync_page: the page cache's sleep callback before sleep_on_page)
  'sync_page', 'sync_page_killable', 'wait_on_page_writeback', 'wait_on_page_writeback_range', 'filemap_fdatawait', 'filemap_fdatawait_range',
  '__filemap_fdatawait_range', 'filemap_fdatawait_keep_errors',
  'folio_wait_bit_common', 'prepare_to_wait', 'finish_wait', '__wake_up', '__wake_up_common', '__wake_up_common_lock', 'wake_up_process',
  'try_to_wake_up', 'autoremove_wake_function', 'default_wake_function', 'cpu_relax', 'rep_nop',
  'context_switch', '__switch_to', '__switch_to_asm', 'preempt_schedule_common', 'preempt_schedule_irq', '__cond_resched', '_cond_resched',
  '__down', '__down_common', '__down_interruptible', '__down_killable', '__down_timeout', 'down_interruptible', 'down_killable', 'down_timeout',
  // powerpc's trap handler and entry, through which BUG()/WARN() (a `tw`/`twi` trap) report
  'program_check_exception', 'program_check_common',
  'rt_mutex_slowlock', '__rt_mutex_slowlock', 'rt_mutex_lock', 'rt_mutex_lock_nested', '__rt_mutex_lock', 'ldsem_down_read', 'ldsem_down_write',
  '__wait_on_buffer', 'wait_on_buffer', '__lock_buffer', '__lock_page', '__lock_page_killable', 'lock_page', '__folio_lock', 'folio_lock',
  'flush_work', '__flush_work', 'flush_workqueue', '__flush_workqueue', 'kthread_stop', '__wait_rcu_gp', 'wait_rcu_gp', 'rcu_barrier',
  'tty_ldisc_lock', 'tty_ldisc_lock_pair_timeout', 'print_context_stack', 'dump_trace',
  'lock_sock_nested', '__lock_sock', 'percpu_rwsem_wait', '__percpu_down_read',
  // allocating and freeing
  'kmalloc', '__kmalloc', 'kmem_cache_alloc', 'kmem_cache_free', 'kfree', 'kzalloc', 'kvmalloc', 'kvmalloc_node', '__kmalloc_node',
  'alloc_pages', '__alloc_pages', '__alloc_pages_nodemask', 'alloc_pages_current', 'slab_alloc', 'slab_free', '__slab_alloc',
  '___slab_alloc', 'vmalloc', '__vmalloc', 'krealloc', 'kmemdup', '__get_free_pages', 'get_zeroed_page',
  // copying and string helpers
  'memcpy', 'memmove', 'memset', '__memcpy', '__memset', '__memmove', 'strlen', 'strcpy', 'strncpy', 'strcmp', 'strnlen', 'copy_user_generic_unrolled',
  'copy_user_enhanced_fast_string', '_copy_to_user', '_copy_from_user', 'copy_to_user', 'copy_from_user', '__copy_user_nocache',
  'rep_movs_alternative',
] as const;

/**
 * The slab and vmalloc allocators by name, each with the variants of its family (`_node`, `_array`, `_trace`,
 * `_track_caller`, 6.10+ `_noprof`...), whole names only: a prefix would also take KASAN's test cases
 * (`kmalloc_oob_right`, `kmalloc_uaf`), which are the culprits of their reports.
 */
const ALLOC_FAMILY = /^(?:__kmalloc|k?v?[mzc]alloc)(?:_node|_array|_array_node|_trace|_node_trace|_large|_large_node|_order|_order_trace|_slab|_reserve|_track_caller|_node_track_caller|_fix_flags|_size_roundup|_cache|_cache_node|_user|_32|_32_user|_huge|_huge_node)?(?:_noprof)?$/;

const GENERIC_PATTERNS = [
  /^(?:__)?rcu_read_(?:un)?lock/, /^(?:_)?raw_spin/, /^queued_(?:read|write)_lock/,
  /^(?:__)?(?:asm_)?exc_page_fault/, /^(?:__)?do_page_fault/, /^(?:__)?bad_area/, /^no_context$/, /^page_fault$/, /^do_user_addr_fault/,
  /^kernelmode_fixup_or_oops/, /^handle_page_fault/, /^spurious_kernel_fault/, /^(?:__)?do_kern_addr_fault/,
  /^fixup_exception/, /^ex_handler_/, /^(?:__)?mutex_lock/, /^(?:__)?wait_for_completion/,
  /^(?:__)?alloc_pages/, /^kmem_cache_alloc/, /^(?:__)?memcpy/, /^(?:__)?memset/, /^(?:__)?memmove/,
  /^(?:__)?(?:copy|clear)_user/, /^_copy_(?:to|from)_user/, /^_*kv?free(?:_sensitive|_const|_bulk|_call_rcu)?$/, /^_*kfree_rcu\w*$/, /^slab_/, /^(?:__)?slab_/,
  // MMIO accessors: the driver that calls them is the one to look at
  /^__raw_(?:read|write)[bwlq]$/, /^(?:read|write)[bwlq](?:_relaxed)?$/, /^io(?:read|write)(?:8|16|32|64)(?:be)?(?:_rep)?$/, /^read_word_at_a_time$/, /^hex_dump_to_buffer$/, /^(?:__)?(?:timer|work)_is_static_object$/, /seqprop_assert/,
  // the arm64 fault path (the x86 one is above)
  /^(?:__)?do_(?:kernel|translation|tag_check)_fault$/, /^do_mem_abort$/, /^do_bad_area$/, /^el1_(?:abort|da|ia|sync_handler|sync)$/, /^el1h_64_sync(?:_handler)?$/,
  // atomics, bit operations, refcounts, list/tree/xarray helpers: inlined into every caller
  /^_*(?:raw_|arch_)?atomic(?:64|_long)?_/, /^instrument_/, /^(?:__)?(?:set|clear|change|test)_bit/, /^(?:__)?(?:test_and_(?:set|clear|change))_bit/,
  /^(?:__)?refcount_/, /^kref_/, /^ref_tracker/, /^(?:__)?list_(?:add|del|replace|move|splice)/, /^(?:__)?hlist_(?:add|del)/, /^(?:__)?rb_/, /^klist_/,
  /^xas_(?:start|load|find)/, /^rhashtable_lookup/, /^(?:__)?phys_addr$/, /^ida_free$/,
  // locks, bottom halves
  /^(?:__)?(?:down|up)_(?:read|write)/, /^down_trylock$/, /^osq_(?:un)?lock/, /^(?:__)?mutex_/, /^_*rt_mutex_/, /^(?:look_up_|h)?lock_class/, /^perf_trace/, /spin_(?:try)?lock/, /spin_unlock/,
  // (2.6's out-of-line contended-lock code: `.text.lock.spinlock`, `.text.lock.dev`)
  /^\.?text\.lock\./, /^(?:do_)?raw_(?:read|write)_(?:try)?(?:un)?lock/, /^_raw_(?:read|write)_(?:un)?lock/, /^raw_spin_rq/, /^owner_on_cpu$/, /bh_(?:enable|disable)/,
  // string, copy, printing and checksum helpers
  /^(?:__)?str(?:n?cmp|n?cpy|lcpy|scpy|n?len|chr|r?str|nstr|n?dup)$/, /^k?strn?dup/, /^(?:__)?mem(?:cmp|chr|dup)/, /^(?:v|vs|s|sc|vsc)n?printf$/, /^kv?asprintf$/,
  /(?:^|_)string(?:_nocheck)?$/, /^pointer$/, /^va_format/, /^_?dev_(?:info|notice|warn|err|alert|crit|emerg|printk)$/, /^dev_vprintk_emit$/, /printk/,
  /^console_(?:unlock|flush_all)$/, /_indirect_thunk_/, /^(?:__)?(?:get|put)_user/, /(?:^|_)copy_(?:to|from)_user$/, /copy_(?:page_|folio_)?(?:to|from)_iter/, /^copy(?:in|out)$/,
  /^crc\d+/, /^crc_itu_t$/, /^extract_(?:user|iter)_to_sg/, /^(?:read|write)[bwlq]$/, /^logic_(?:in|out)/, /assertfail/,
  // allocation and page-cache lookup wrappers
  /^alloc_page/, ALLOC_FAMILY, /^krealloc/, /^kmem_cache/, /^allocate_slab/, /^__alloc_frozen_pages/, /^folio_(?:alloc|unlock)/, /^filemap_alloc_folio/,
  /^__filemap_get_folio/, /^find_or_create_page/, /^do_read_cache_folio/, /^read_cache_page/, /^pagecache_get_page/, /^grab_cache_page_write_begin/,
  /^kv?free$/, /^kfree_skb/, /^(?:un)?lock_page/,
  // work, timer, completion and kthread plumbing that queues, waits for or cancels the caller's objects
  /^(?:__)?(?:try_to_)?del_timer/, /^(?:__)?cancel_(?:delayed_)?work(?:_timer|_sync)?$/, /^try_to_grab_pending$/, /^(?:drain|destroy|flush)_workqueue$/,
  /^(?:__)?queue_(?:delayed_)?work/, /^insert_work$/, /^complete$/, /^kthread_stop$/, /^lock_timer_base$/, /^__timer_delete_sync$/, /^sk_stop_timer_sync$/,
  /^__mod_timer$/, /^cleanup_srcu_struct$/,
  // VFS reference helpers and driver-core, sysfs and USB core plumbing a driver calls: the caller is the one to look at
  /^iput(?:_final)?$/, /^ihold$/, /^(?:fast_)?dput$/, /^drop_nlink$/, /^find_lock_entries$/, /^truncate_inode_pages_range$/,
  /^kobject_/, /^add_uevent_var$/, /^get_device_parent/, /^device_(?:add|del|unregister|destroy|release|for_each_child|remove_file)$/, /^put_device$/,
  /^devres_release_all$/, /sysfs_remove/, /^hwrng_unregister$/, /^i2c_del_adapter$/, /^__unregister_client$/, /^rollback_registered/, /^unregister_netdev/,
  /^tty_unregister_device$/, /^dummy_urb_enqueue$/, /^usb_(?:kill_urb|kill_anchored_urbs|control_msg|hcd_submit_urb|submit_urb|start_wait_urb|bulk_msg|interrupt_msg)$/,
  // timer-interrupt entry and scheduler/RCU internals a stalled or blocked stack passes through
  /^(?:smp_)?(?:trace_)?apic_timer_interrupt/, /^retint_kernel$/, /^preempt_schedule/, /^finish_task_switch/, /^(?:__)?preempt_count_(?:add|sub)$/,
  /^rcu_(?:is_watching|dynticks|irq_enter|irq_exit|nmi_enter|nmi_exit|print_|note_context_switch)/, /^(?:find|match)_held_lock$/,
  /^write_comp_data$/,
  // assertion helpers that BUG on their caller's behalf (skb_panic, fortify_panic, __reiserfs_panic), usercopy checks, fault injection
  /^(?:__)?\w+_panic$/, /^(?:__)?skb_(?:pull|push|put)$/, /^usercopy_(?:abort|warn)$/, /^(?:__)?should_fail/, /^fail_dump$/,
  /^__kmem_cache_/,
] as const;

/** True when the frame only reports, locks, waits, allocates or copies. */
export const isGenericFrame = matcher([...REPORTING_EXACT, ...GENERIC_EXACT], [...REPORTING_PATTERNS, ...GENERIC_PATTERNS]);

/**
 * Frames between user space or interrupt entry and the first real handler: syscall dispatch,
 * ioctl/VFS glue, interrupt and worker plumbing. The first frame past them (from the outermost end)
 * is the handler the incident was entered through (node-2: dm_ctl_ioctl).
 */
const ENTRY_EXACT = [
  'system_call_fastpath', 'system_call', 'tracesys', 'sysenter_dispatch', 'ia32_sysret', 'entry_SYSCALL_64',
  'entry_SYSCALL_64_fastpath', 'entry_SYSCALL_64_after_hwframe', 'entry_SYSCALL_64_after_swapgs', 'do_syscall_64', 'do_fast_syscall_32',
  'do_int80_syscall_32', 'entry_INT80_compat', 'entry_SYSENTER_compat', 'x64_sys_call', 'do_syscall_x64',
  'do_vfs_ioctl', 'vfs_ioctl', 'ksys_ioctl', 'SyS_ioctl', 'sys_ioctl', '__x64_sys_ioctl', '__se_sys_ioctl', '__do_sys_ioctl',
  'compat_sys_ioctl', '__ia32_compat_sys_ioctl', '__x64_compat_sys_ioctl', 'block_ioctl', 'blkdev_ioctl',
  'vfs_write', 'vfs_read', 'ksys_write', 'ksys_read', '__vfs_write', '__vfs_read', 'new_sync_write', 'new_sync_read',
  // the open path down to the file system's or driver's open handler
  'do_sys_open', 'do_sys_openat2', 'do_filp_open', 'path_openat', 'do_open', 'do_last', 'vfs_open', 'do_dentry_open', 'chrdev_open',
  'ret_from_fork', 'ret_from_fork_asm', 'kthread', 'worker_thread', 'process_one_work', 'process_scheduled_works',
  'smpboot_thread_fn', 'el0_svc', 'el0_svc_common', 'do_el0_svc', 'invoke_syscall', 'el0t_64_sync_handler', 'el0t_64_sync',
  'el0_sync', 'el0_svc_naked', 'ret_fast_syscall', 'vector_swi', 'start_kernel', 'secondary_startup_64', 'start_secondary',
  'cpu_startup_entry', 'do_idle', 'cpu_idle', 'common_startup_64', 'x86_64_start_kernel', 'x86_64_start_reservations',
  'irq_exit', 'irq_exit_rcu', '__irq_exit_rcu', 'do_softirq', '__do_softirq', 'handle_softirqs', 'do_softirq_own_stack', 'run_ksoftirqd',
  'call_timer_fn', 'run_timer_softirq', 'expire_timers', '__run_timers', 'do_IRQ', 'common_interrupt', 'ret_from_intr',
  // the way back to user space: signal delivery, task work (deferred fput, mount cleanup)
  'exit_to_usermode_loop', 'exit_to_user_mode_loop', 'exit_to_user_mode_prepare', 'prepare_exit_to_usermode', '__prepare_exit_to_usermode',
  'syscall_return_slowpath', 'syscall_exit_to_user_mode', 'syscall_exit_to_user_mode_work', 'do_notify_resume', 'tracehook_notify_resume',
  'resume_user_mode_work', 'task_work_run', '____fput', '__fput', 'delayed_fput', 'fput', 'do_signal', 'arch_do_signal', 'arch_do_signal_or_restart',
  'get_signal', 'do_group_exit',
  // softirq dispatch: network receive, tasklets, hrtimers
  'net_rx_action', 'napi_poll', '__napi_poll', 'process_backlog', '__netif_receive_skb', '__netif_receive_skb_core', '__netif_receive_skb_one_core',
  'netif_receive_skb', 'netif_receive_skb_internal', '__netif_receive_skb_list_core', 'netif_receive_skb_list_internal', '__netif_receive_skb_list',
  'tasklet_action', 'tasklet_action_common', 'tasklet_hi_action', '__hrtimer_run_queues', 'hrtimer_run_softirq', 'hrtimer_interrupt',
  'irqentry_exit', 'irqentry_exit_to_user_mode', 'gic_handle_irq', '__handle_domain_irq', 'handle_domain_irq', 'gro_normal_list', 'napi_gro_receive', 'napi_gro_frags',
  // `_stext+0x29c`: an address at the start of kernel text with no symbol of its own (arm64 __do_softirq)
  '_stext',
  'handle_irq', 'generic_handle_irq', 'generic_handle_irq_desc', 'handle_edge_irq', 'handle_fasteoi_irq', 'handle_level_irq', 'handle_irq_event',
  'handle_irq_event_percpu', '__handle_irq_event_percpu', '__common_interrupt', 'asm_common_interrupt',
  'asm_call_on_stack', 'asm_call_irq_on_stack', 'asm_call_sysvec_on_stack', 'call_on_irqstack', 'run_sysvec_on_irqstack_cond', 'run_on_irqstack_cond',
  // socket-layer glue between a socket syscall and the protocol's handler
  'sock_sendmsg', 'sock_sendmsg_nosec', '__sock_sendmsg', 'sock_recvmsg', 'sock_recvmsg_nosec', 'sock_write_iter', 'sock_read_iter', 'do_sock_setsockopt',
  'sock_common_setsockopt', 'sock_common_getsockopt', 'sock_common_recvmsg', 'sock_ioctl', 'sock_do_ioctl',
  // netlink dispatch to the handler of a message type (rtnl_newlink, ip_set_uadd, devlink_nl_cmd_*)
  'netlink_sendmsg', 'netlink_unicast', 'netlink_unicast_kernel', 'netlink_rcv_skb', 'netlink_dump', '__netlink_dump_start', 'netlink_recvmsg',
  'rtnetlink_rcv', 'rtnetlink_rcv_msg', 'nfnetlink_rcv', 'nfnetlink_rcv_msg', 'nfnetlink_rcv_batch', 'genl_rcv', 'genl_rcv_msg',
  'genl_family_rcv_msg', 'genl_family_rcv_msg_doit', 'genl_family_rcv_msg_dumpit', 'genl_lock_dumpit', 'genl_start', 'genl_dumpit',
  // task exit: the release handlers of the files and mappings it drops run from here
  'do_exit', '__run_hrtimer',
];

const ENTRY_PATTERNS = [/^__(?:x64|ia32|arm64|se|do)_sys_/, /^_{2,4}sys_/, /^(?:compat_)?(?:SyS|sys|ksys)_/, /_compat_ioctl$/, /^(?:asm_)?sysvec_/, /^entry_/, /^__sysvec_/, /^el[01]_/];

/** True for syscall, ioctl, interrupt and kthread plumbing frames. */
export const isEntryPlumbingFrame = matcher(ENTRY_EXACT, ENTRY_PATTERNS);

/**
 * Lock wrappers a hung task sleeps in, which are not generic for other kinds of report (a sleep in atomic context
 * is filed under the wrapper that sleeps): the console semaphore's.
 */
export const isHungTaskLockFrame = matcher(['console_lock', 'console_trylock'], []);

/**
 * Outermost frames: where a task's or CPU's stack begins (kernel thread start, system call entry from user
 * space, the boot and idle paths). A call trace that ends with one of them was printed to its end.
 */
export const isStackBottomFrame = matcher(
  [
    'ret_from_fork', 'ret_from_fork_asm', 'ret_from_kernel_thread', 'system_call_fastpath', 'tracesys', 'sysenter_dispatch',
    'entry_SYSCALL_64', 'entry_SYSCALL_64_after_hwframe', 'entry_SYSCALL_64_fastpath', 'entry_SYSENTER_compat', 'entry_SYSENTER_compat_after_hwframe',
    'entry_INT80_compat', 'entry_SYSCALL_compat', 'entry_SYSCALL_compat_after_hwframe', 'entry_INT80_32', 'entry_SYSENTER_32',
    'secondary_startup_64', 'secondary_startup_64_no_verify', 'common_startup_64', 'x86_64_start_kernel', 'x86_64_start_reservations',
    'start_kernel', 'rest_init', 'el0t_64_sync', 'el0t_32_sync', 'el0_sync', 'el0_svc_naked', 'ret_fast_syscall', 'vector_swi',
    'secondary_start_kernel', '__secondary_switched', '__primary_switched', 'ret_from_except_lite', 'system_call_common',
  ],
  [],
);

/**
 * Frames that start a thread or a system call and call nothing on their own account: past a generic helper (a lock, a
 * VFS reference helper) they are no caller that passed it a bad object, only what is left when the trace lost the
 * caller (to `? ` frames, or cut short). The helper the fault's RIP is in is then the culprit, not these.
 */
const THREAD_START = matcher(
  ['kthread', 'worker_thread', 'rescuer_thread', 'smpboot_thread_fn', 'kthread_worker_fn', 'do_syscall_64', 'do_syscall_x64', 'x64_sys_call', 'do_fast_syscall_32', 'do_int80_syscall_32', 'invoke_syscall', 'el0_svc_common', 'do_el0_svc', 'el0_svc', 'el0t_64_sync_handler', 'cpu_startup_entry', 'do_idle', 'cpu_idle', 'start_secondary'],
  [],
);
export const isThreadStartFrame = (fn: string): boolean => isStackBottomFrame(fn) || THREAD_START(fn);

/** Lock primitives and VFS reference helpers: a fault inside one is its caller's doing (a freed or wild lock, dentry, inode). */
export const isLockOrVfsHelperFrame = matcher(
  ['lock_acquire', '__lock_acquire', 'lock_release', 'native_queued_spin_lock_slowpath', 'queued_spin_lock_slowpath', 'dput', 'fast_dput', 'iput', 'iput_final', 'ihold'],
  [/spin_(?:try)?lock/, /spin_unlock/, /^(?:do_)?_?raw_(?:read|write)_(?:try)?(?:un)?lock/, /^(?:__)?mutex_/, /^osq_(?:un)?lock$/, /^(?:__)?(?:down|up)_(?:read|write)/, /^_*rt_mutex_/, /^queued_(?:read|write)_lock/],
);

/**
 * How a problem signature treats each kind of report: the frames it leaves out beyond the generic and entry ones
 * (those every report of that kind passes through whoever is to blame: the memory-leak allocation path, the stall
 * reporter's interrupt, the hung-task wait), and how many callers of the culprit it names (default 2). A hung task
 * names none: it waits in the culprit (rtnl_lock, synchronize_rcu) for whoever holds it, and which task happened to
 * wait there varies from one occurrence to the next. Kind names as in result/kinds.ts.
 */
export const SIGNATURE_RULES_BY_KIND: Readonly<Record<string, { readonly exact: readonly string[]; readonly patterns: readonly RegExp[]; readonly callers?: number }>> = {
  'soft-lockup': { exact: ['watchdog_timer_fn', 'smp_apic_timer_interrupt', 'apic_timer_interrupt', 'cpu_relax'], patterns: [/^native_safe_halt$/] },
  'hard-lockup': { exact: ['watchdog_overflow_callback', 'watchdog_hardlockup_check'], patterns: [/^(?:native_)?(?:queued_)?spin_lock/] },
  'rcu-stall': { exact: ['rcu_gp_kthread', 'rcu_gp_fqs_loop', 'rcu_core', 'rcu_core_si', 'rcu_do_batch'], patterns: [] },
  'hung-task': { exact: ['io_schedule', 'bit_wait_io', 'rq_qos_wait', 'blk_mq_get_tag'], patterns: [/^(?:__)?wait_on_/], callers: 0 },
  'memory-leak': { exact: ['kmemleak_alloc', 'kmalloc_trace', 'kmalloc_node_trace', 'kmalloc_reserve', '__alloc_skb', 'alloc_skb', 'slab_post_alloc_hook'], patterns: [/^kmemleak_/, /_track_caller$/] },
  kasan: { exact: ['kasan_report', 'check_region_inline', 'kasan_check_range'], patterns: [] },
  warning: { exact: ['__warn', 'report_bug', 'handle_bug', 'exc_invalid_op'], patterns: [/^warn_slowpath/] },
  'page-allocation-failure': { exact: ['warn_alloc', '__alloc_pages_slowpath'], patterns: [/alloc_pages/] },
  oom: { exact: ['out_of_memory', 'oom_kill_process', 'dump_header', '__alloc_pages_slowpath', 'pagefault_out_of_memory', 'mem_cgroup_out_of_memory', 'try_charge'], patterns: [/alloc_pages/] },
};

/**
 * Waits for other CPUs or for an RCU grace period, each under the name of its family. A task or CPU stuck in one of
 * them waits for whoever does not answer (a CPU that takes no IPI, a reader that holds the grace period): its problem
 * is that wait, whichever form (`smp_call_function_single`, `_many_cond`; `synchronize_rcu_expedited`, the older
 * `synchronize_sched`, SRCU's) and whichever caller it was reached from.
 */
const WAIT_FAMILIES: readonly { readonly family: string; readonly pattern: RegExp }[] = [
  { family: 'smp_call_function', pattern: /^(?:smp_call_function(?:_single|_many|_many_cond|_any|_mask)?|on_each_cpu(?:_cond)?(?:_mask)?|csd_lock_wait)$/ },
  { family: 'synchronize_rcu', pattern: /^(?:synchronize_(?:rcu|sched|rcu_bh|srcu)(?:_expedited)?|__synchronize_srcu|_?_?wait_rcu_gp)$/ },
];

/** The wait family a function belongs to (see WAIT_FAMILIES), or null. */
export function waitFamily(fn: string): string | null {
  const base = baseFunctionName(fn);
  return WAIT_FAMILIES.find((w) => w.pattern.test(base))?.family ?? null;
}

/** Callers of the culprit a signature names for this kind of report. */
export const signatureCallers = (kind: string): number => SIGNATURE_RULES_BY_KIND[kind]?.callers ?? 2;

/** Whether a signature leaves the frame out for this kind of report (generic code, entry plumbing, or the kind's own path). */
export function isSignatureSkippedFrame(kind: string, fn: string): boolean {
  if (isGenericFrame(fn) || isEntryPlumbingFrame(fn)) return true;
  const rules = SIGNATURE_RULES_BY_KIND[kind];
  if (!rules) return false;
  const base = baseFunctionName(fn);
  return rules.exact.includes(base) || rules.patterns.some((p) => p.test(base));
}

/**
 * Frames that record, allocate or free an object: the stack saver of KASAN/KFENCE/KMSAN, the slab, page and vmalloc
 * allocators and their wrappers, and the paths that free. In an object's allocation or free stack the site that
 * allocated or freed it is the first frame past them (`save_stack_trace`, `kasan_kmalloc`, `__kmalloc` are not where).
 */
const OBJECT_TRACKING_EXACT = [
  'save_stack', 'save_stack_trace', 'save_stack_trace_tsk', 'stack_trace_save', 'set_track', 'set_track_prepare', 'set_track_update',
  'kzalloc', 'kzalloc_node', 'kcalloc', 'kmalloc_array', 'kvmalloc', 'kvzalloc', 'kvcalloc', 'kvmalloc_array', 'kvmalloc_node', 'kmemdup',
  'kmemdup_nul', 'kstrdup', 'kstrndup', 'kstrdup_const', 'krealloc', '__krealloc', 'devm_kmalloc', 'devm_kzalloc', 'slab_post_alloc_hook',
  'vmalloc', 'vzalloc', '__vmalloc', '__vmalloc_node', '__vmalloc_node_range', 'vmalloc_node', 'vzalloc_node', '__get_free_pages', 'get_zeroed_page',
  '__alloc_skb', 'alloc_skb', '__netdev_alloc_skb', '__napi_alloc_skb', 'alloc_skb_with_frags', 'build_skb', '__build_skb',
  'kzfree', 'kfree_sensitive', 'kvfree', 'kvfree_sensitive', 'vfree', 'free_pages', '__free_pages', 'slab_free', 'slab_free_hook',
  'slab_free_freelist_hook', '__slab_free', 'do_slab_free', 'qlink_free', 'qlist_free_all', 'quarantine_reduce', 'kfree_rcu_work',
  'skb_free_head', 'skb_release_data', 'skb_release_all', 'kfree_skbmem', '__kfree_skb', 'kfree_skb', 'kfree_skb_reason', 'kfree_skb_list',
] as const;

const OBJECT_TRACKING_PATTERNS = [
  /^_*kasan_/, /^_*kfence_/, /^_*kmsan_/, /^__msan_/, /^_*stack_depot_/, /^stack_trace_/, /^arch_stack_walk/, /^_*kmalloc/, /^_*do_kmalloc/,
  /^_*kmem_cache_(?:alloc|free|zalloc)/, /^_*kfree/, /^_*slab_alloc/, /^_*alloc_pages/, /^_*vmalloc/, /^kmemleak_/,
] as const;

/** True for frames that only save a stack, allocate or free: an object's allocation or free site lies past them. */
export const isObjectTrackingFrame = matcher(OBJECT_TRACKING_EXACT, OBJECT_TRACKING_PATTERNS);
