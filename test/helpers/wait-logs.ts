// Real-shaped logs of hung tasks waiting on each other, shared by the wait-graph analysis and rendering tests.

export const at = (t: number) => `[  ${t.toFixed(6)}][ T1042]`;
export const hung = (t: number, comm: string, pid: number, frames: string[]) => [
  `${at(t)} INFO: task ${comm}:${pid} blocked for more than 143 seconds.`,
  `${at(t)}       Not tainted 5.1.0-rc6+ #90`,
  `${at(t)} "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.`,
  `${at(t)} ${comm} D29336  ${pid}   7543 0x00000004`,
  `${at(t)} Call Trace:`,
  ...frames.map((f) => `${at(t)}  ${f}+0x10/0x20`),
];
export const MUTEX_WAIT = ['__schedule', 'schedule', 'schedule_preempt_disabled', '__mutex_lock', 'mutex_lock_nested', 'mount_bdev', 'udf_mount', 'legacy_get_tree', 'do_mount', 'ksys_mount', 'do_syscall_64'];

/** The syzkaller bd_fsfreeze_mutex shape: waiters, one task holding the mutex and waiting for s_umount, the running holder on CPU 0. */
export function freezeLog(): string {
  return [
    ...hung(767.9, 'syz-executor013', 7561, MUTEX_WAIT),
    ...hung(768.2, 'syz-executor013', 7563, MUTEX_WAIT),
    ...hung(768.4, 'syz-executor013', 7559, ['__schedule', 'schedule', 'rwsem_down_write_failed', 'down_write', 'grab_super', 'sget', 'mount_bdev', 'udf_mount', 'legacy_get_tree', 'do_mount', 'ksys_mount', 'do_syscall_64']),
    `${at(769.28)} Showing all locks held in the system:`,
    `${at(769.28)} 1 lock held by khungtaskd/1042:`,
    `${at(769.29)}  #0: 000000006329251d (rcu_read_lock){....}, at: debug_show_all_locks+0x5f/0x27e`,
    `${at(769.49)} 2 locks held by syz-executor013/7547:`,
    `${at(769.49)} 1 lock held by syz-executor013/7561:`,
    `${at(769.50)}  #0: 00000000d97cb347 (&bdev->bd_fsfreeze_mutex){+.+.}, at: mount_bdev+0x93/0x3c0`,
    `${at(769.51)} 1 lock held by syz-executor013/7563:`,
    `${at(769.51)}  #0: 00000000d97cb347 (&bdev->bd_fsfreeze_mutex){+.+.}, at: mount_bdev+0x93/0x3c0`,
    `${at(769.52)} 2 locks held by syz-executor013/7559:`,
    `${at(769.53)}  #0: 00000000d97cb347 (&bdev->bd_fsfreeze_mutex){+.+.}, at: mount_bdev+0x93/0x3c0`,
    `${at(769.54)}  #1: 000000001ecfe564 (&type->s_umount_key#39){+.+.}, at: grab_super+0xb4/0x290`,
    `${at(769.58)} =============================================`,
    `${at(769.671)} Sending NMI from CPU 1 to CPUs 0:`,
    `[  769.677189][    C0] NMI backtrace for cpu 0`,
    `[  769.677194][    C0] CPU: 0 PID: 7547 Comm: syz-executor013 Not tainted 5.1.0-rc6+ #90`,
    `[  769.677200][    C0] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011`,
    `[  769.677204][    C0] RIP: 0010:__sanitizer_cov_trace_pc+0x1/0x50`,
    `[  769.677270][    C0] Call Trace:`,
    ...['xas_load', 'find_get_entry', 'pagecache_get_page', '__bread_gfp', 'udf_tread', 'udf_load_vrs', 'udf_fill_super', 'mount_bdev', 'udf_mount', 'legacy_get_tree', 'do_mount', 'ksys_mount', 'do_syscall_64'].map((f) => `[  769.677276][    C0]  ${f}+0x21/0x150`),
    '',
  ].join('\n');
}
