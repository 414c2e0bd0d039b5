// What a task or CPU waits on, told by the frames of its stack, and how the kernel prints what waits on what.
// Facts from kernel sources: kernel/locking/lockdep.c (lockdep_print_held_locks, debug_show_all_locks),
// kernel/hung_task.c (debug_show_blocker), kernel/sched/core.c (sched_show_task), kernel/rcu/tree_stall.h,
// kernel/smp.c (csd_lock_wait_toolong), lib/nmi_backtrace.c, fs/jbd2.
import { matcher } from './frames.js';
import { IO_WAIT_FRAMES } from './storage.js';

/** What a waiting frame waits for: a sleeping lock, a journal commit, block I/O, a grace period, other CPUs. */
export type WaitKind = 'lock' | 'journal' | 'io' | 'rcu-gp' | 'ipi' | 'stop-machine';

/** Frames of a task blocked on a sleeping lock (mutex, rw-semaphore, semaphore, rt_mutex). */
export const LOCK_WAIT_FRAMES = [
  '__mutex_lock', '__mutex_lock_slowpath', 'mutex_lock', 'mutex_lock_nested', 'mutex_lock_killable', 'mutex_lock_interruptible',
  'mutex_lock_io', 'mutex_lock_killable_nested', 'mutex_lock_interruptible_nested', 'rt_mutex_slowlock', '__rt_mutex_slowlock',
  '__rt_mutex_slowlock_locked', 'rt_mutex_lock', 'rt_mutex_lock_nested', 'rtlock_slowlock_locked',
  'rwsem_down_write_slowpath', 'rwsem_down_read_slowpath', 'rwsem_down_write_failed', 'rwsem_down_read_failed',
  'call_rwsem_down_write_failed', 'call_rwsem_down_read_failed', 'down_write', 'down_read', 'down_write_killable', 'down_read_killable',
  '__down', '__down_common', '__down_killable', '__down_interruptible', '__down_timeout', 'down', 'down_timeout', 'percpu_down_write',
  'percpu_rwsem_wait', '__percpu_down_read', 'ldsem_down_read', 'ldsem_down_write',
] as const;

/** Frames of a task waiting for the journal: the commit is done by the `jbd2/<dev>` thread. */
export const JOURNAL_WAIT_FRAMES = [
  'jbd2_log_wait_commit', 'wait_transaction_locked', 'jbd2_journal_stop', 'jbd2_complete_transaction', 'jbd2_journal_force_commit',
  'start_this_handle', 'add_transaction_credits', 'jbd2_journal_lock_updates', 'jbd2_log_wait_for_space', '__jbd2_log_wait_for_space',
] as const;

/** Frames of a task waiting for an RCU grace period. */
export const RCU_WAIT_FRAMES = [
  'synchronize_rcu', 'synchronize_rcu_expedited', 'synchronize_rcu_tasks', 'synchronize_srcu', '__synchronize_srcu', 'synchronize_sched',
  'synchronize_sched_expedited', 'rcu_barrier', 'wait_rcu_gp', '__wait_rcu_gp', 'synchronize_rcu_tasks_generic',
] as const;

/** Frames of the idle loop: a sample there is a CPU with nothing to run (or, on a guest, a vCPU the host did not run). */
export const IDLE_FRAMES = [
  'native_safe_halt', 'default_idle', 'default_idle_call', 'cpuidle_enter_state', 'cpuidle_enter', 'arch_cpu_idle', 'do_idle', 'cpu_idle_poll',
  'mwait_idle', 'intel_idle', 'acpi_idle_do_entry', 'acpi_idle_enter', 'acpi_safe_halt', 'poll_idle', 'cpu_startup_entry', 'pv_native_safe_halt',
  'xen_safe_halt', 'kvm_wait', 'halt', 'cpu_do_idle', 'arch_cpu_idle_enter', 'psci_enter_idle_state', 'cpu_idle',
] as const;

export const isLockWaitFrame = matcher(LOCK_WAIT_FRAMES, [/^(?:rwsem|mutex)_.*(?:slowpath|failed)$/]);
export const isJournalWaitFrame = matcher(JOURNAL_WAIT_FRAMES, []);
// (one list of I/O wait frames, the storage table's, for the graph's I/O edges and the storage findings)
export const isIoWaitFrame = matcher([...IO_WAIT_FRAMES], []);
export const isRcuWaitFrame = matcher(RCU_WAIT_FRAMES, []);
export const isIdleFrame = matcher(IDLE_FRAMES, []);

/** The journal thread of a device: `jbd2/sda1-8` commits the journal of sda1 (the number is the journal's inode). */
export function journalDevice(comm: string | null): string | null {
  if (!comm?.startsWith('jbd2/')) return null;
  const dash = comm.lastIndexOf('-');
  const device = dash > 5 ? comm.slice(5, dash) : comm.slice(5);
  return device.length > 0 ? device : null;
}

/**
 * Lines that say the node is a guest: a vCPU sitting in the idle loop while a watchdog fires was not run by the
 * host (steal time). `Hypervisor detected: KVM` (x86 boot), and DMI names of virtual machines.
 */
export const HYPERVISOR_HINTS: readonly { readonly re: RegExp; readonly name: (m: RegExpExecArray) => string }[] = [
  { re: /^Hypervisor detected: (\S{1,32})/, name: (m) => m[1]! },
  { re: /^Hardware name: .{0,160}?\b(KVM|VMware|Xen|QEMU|VirtualBox|Hyper-V|Virtual Machine|Google Compute Engine|Amazon EC2|BHYVE|OpenStack Nova)\b/, name: (m) => m[1]! },
  { re: /^Booting paravirtualized kernel on (\S{1,32})/, name: (m) => m[1]! },
];

/** The hypervisor a line names, or null. */
export function hypervisorOf(text: string): string | null {
  for (const hint of HYPERVISOR_HINTS) {
    const m = hint.re.exec(text);
    if (m) return hint.name(m);
  }
  return null;
}

/** What would show a holder the log does not: each a setting or command, by what is missing. */
export const HOLDER_HINTS = {
  lock: ['CONFIG_DETECT_HUNG_TASK_BLOCKER', 'lockdep (CONFIG_PROVE_LOCKING)', 'sysrq-w (echo w > /proc/sysrq-trigger)'],
  cpu: ['softlockup_all_cpu_backtrace=1', 'sysrq-l (echo l > /proc/sysrq-trigger)'],
  // csd_lock_wait_toolong names the CPU a cross-CPU call waits for (CONFIG_CSD_LOCK_WAIT_DEBUG, on by csdlock_debug=1).
  ipi: ['csdlock_debug=1 (CONFIG_CSD_LOCK_WAIT_DEBUG)', 'softlockup_all_cpu_backtrace=1', 'sysrq-l (echo l > /proc/sysrq-trigger)'],
  task: ['sysrq-w (echo w > /proc/sysrq-trigger)', 'sysrq-t'],
} as const;
