// What kernel function names mean to a triager. Facts from kernel sources and
// ../shared/docs/kernel-facts.md §4.3, §4.6 and §6; matched on the name without a
// compiler suffix (".isra.0", ".constprop.3", ".cold").

/** Strips compiler-generated suffixes so that `csd_lock_wait.isra.1` matches `csd_lock_wait`. */
export function baseFunctionName(name: string): string {
  return name.replace(/(?:\.(?:isra|constprop|part|cold|llvm|lto_priv)(?:\.\d+)?)+$/, '');
}

function matcher(exact: readonly string[], patterns: readonly RegExp[]): (fn: string) => boolean {
  const set = new Set(exact);
  return (fn) => {
    const base = baseFunctionName(fn);
    return set.has(base) || patterns.some((p) => p.test(base));
  };
}

/**
 * Frames that only wait for another CPU: a lockup whose stack sits in one of them is
 * a victim of whatever that CPU is doing (stop_machine, IPI/CSD waits).
 */
export const WAITER_FRAMES = [
  'multi_cpu_stop', 'stop_machine_yield', 'stop_machine_cpuslocked', 'stop_two_cpus', 'stop_cpus', 'cpu_stopper_thread',
  'smp_call_function_many', 'smp_call_function_many_cond', 'smp_call_function_single', 'smp_call_function',
  'csd_lock_wait', 'csd_lock_wait_toolong', 'on_each_cpu', 'on_each_cpu_cond_mask', 'on_each_cpu_mask',
  'native_flush_tlb_others', 'flush_tlb_others', 'synchronize_sched_expedited', 'try_stop_cpus',
] as const;

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
 * Frames that report, lock, wait, schedule, allocate, copy or dump: a kernel developer skips them
 * to find the function that is to blame.
 */
const GENERIC_EXACT = [
  // reporting and dumping
  'dump_stack', 'dump_stack_lvl', 'show_stack', 'show_regs', '__show_regs', 'show_trace_log_lvl', 'printk', '_printk', 'vprintk',
  'vprintk_emit', 'vprintk_default', 'panic', 'die', '__die', 'oops_end', 'do_trap', 'do_error_trap', 'report_bug', 'handle_bug',
  'exc_invalid_op', '__warn', 'warn_slowpath_fmt', 'warn_slowpath_null', 'warn_slowpath_common', '__warn_printk', 'bad_page',
  'watchdog_timer_fn', 'watchdog_overflow_callback', 'nmi_cpu_backtrace', 'nmi_trigger_cpumask_backtrace', 'arch_trigger_cpumask_backtrace',
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
  'schedule', '__schedule', 'schedule_timeout', 'schedule_preempt_disabled', 'io_schedule', 'io_schedule_timeout',
  'wait_for_completion', 'wait_for_completion_io', 'wait_for_completion_timeout', 'wait_for_completion_killable',
  'wait_for_common', '__wait_for_common', 'do_wait_for_common', 'wait_for_common_io', 'bit_wait', 'bit_wait_io',
  '__wait_on_bit', 'out_of_line_wait_on_bit', '__wait_on_bit_lock', 'wait_on_page_bit', 'wait_on_page_bit_common',
  'folio_wait_bit_common', 'prepare_to_wait', 'finish_wait', '__wake_up', '__wake_up_common', '__wake_up_common_lock', 'wake_up_process',
  'try_to_wake_up', 'autoremove_wake_function', 'default_wake_function', 'cpu_relax', 'rep_nop',
  // allocating and freeing
  'kmalloc', '__kmalloc', 'kmem_cache_alloc', 'kmem_cache_free', 'kfree', 'kzalloc', 'kvmalloc', 'kvmalloc_node', '__kmalloc_node',
  'alloc_pages', '__alloc_pages', '__alloc_pages_nodemask', 'alloc_pages_current', 'slab_alloc', 'slab_free', '__slab_alloc',
  '___slab_alloc', 'vmalloc', '__vmalloc', 'krealloc', 'kmemdup',
  // copying and string helpers
  'memcpy', 'memmove', 'memset', '__memcpy', '__memset', '__memmove', 'strlen', 'strcpy', 'strncpy', 'strcmp', 'strnlen', 'copy_user_generic_unrolled',
  'copy_user_enhanced_fast_string', '_copy_to_user', '_copy_from_user', 'copy_to_user', 'copy_from_user', '__copy_user_nocache',
  'rep_movs_alternative',
] as const;

const GENERIC_PATTERNS = [
  /^(?:__)?kasan_/, /^(?:__)?asan_/, /^(?:__)?kmsan_/, /^(?:__)?kcsan_/, /^(?:__)?ubsan_/, /^(?:__)?sanitizer_/, /^check_memory_region/,
  /^(?:__)?lockdep_/, /^print_(?:circular|usage|bad_irq|deadlock|lock)/, /^(?:__)?debug_lockdep/, /^check_(?:prev_add|noncircular|deadlock)/,
  /^validate_chain/, /^(?:__)?lock_acquire/, /^mark_lock/, /^trace_hardirqs/, /^(?:__)?rcu_read_(?:un)?lock/, /^(?:_)?raw_spin/, /^queued_(?:read|write)_lock/,
  /^(?:__)?(?:dump|show)_/, /^(?:__)?warn_/, /^__might_(?:sleep|fault|resched)/, /^___might_sleep/, /^might_fault/,
  /^(?:__)?(?:asm_)?exc_page_fault/, /^(?:__)?do_page_fault/, /^(?:__)?bad_area/, /^no_context$/, /^page_fault$/, /^do_user_addr_fault/,
  /^kernelmode_fixup_or_oops/, /^handle_page_fault/, /^spurious_kernel_fault/, /^(?:__)?do_kern_addr_fault/,
  /^fixup_exception/, /^ex_handler_/, /^(?:__)?schedule/, /^(?:__)?mutex_lock/, /^(?:__)?wait_for_completion/,
  /^(?:__)?alloc_pages/, /^(?:__)?kmalloc/, /^kmem_cache_alloc/, /^(?:__)?memcpy/, /^(?:__)?memset/, /^(?:__)?memmove/,
  /^(?:__)?(?:copy|clear)_user/, /^_copy_(?:to|from)_user/, /^(?:__)?kfree/, /^slab_/, /^(?:__)?slab_/,
] as const;

/** True when the frame only reports, locks, waits, allocates or copies. */
export const isGenericFrame = matcher(GENERIC_EXACT, GENERIC_PATTERNS);

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
  'ret_from_fork', 'ret_from_fork_asm', 'kthread', 'worker_thread', 'process_one_work', 'process_scheduled_works',
  'smpboot_thread_fn', 'el0_svc', 'el0_svc_common', 'do_el0_svc', 'invoke_syscall', 'el0t_64_sync_handler', 'el0t_64_sync',
  'el0_sync', 'el0_svc_naked', 'ret_fast_syscall', 'vector_swi', 'start_kernel', 'secondary_startup_64', 'start_secondary',
  'cpu_startup_entry', 'do_idle', 'cpu_idle', 'common_startup_64', 'x86_64_start_kernel', 'x86_64_start_reservations',
  'irq_exit', 'irq_exit_rcu', '__irq_exit_rcu', 'do_softirq', '__do_softirq', 'handle_softirqs', 'do_softirq_own_stack', 'run_ksoftirqd',
  'call_timer_fn', 'run_timer_softirq', 'expire_timers', '__run_timers', 'do_IRQ', 'common_interrupt', 'ret_from_intr',
];

const ENTRY_PATTERNS = [/^__(?:x64|ia32|arm64|se|do)_sys_/, /^(?:SyS|sys|ksys)_/, /^(?:asm_)?sysvec_/, /^entry_/, /^__sysvec_/, /^el[01]_/];

/** True for syscall, ioctl, interrupt and kthread plumbing frames. */
export const isEntryPlumbingFrame = matcher(ENTRY_EXACT, ENTRY_PATTERNS);
