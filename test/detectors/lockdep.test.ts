import { lockdep } from '../../src/reports/detectors/lockdep.js';
import { log, testDetector } from './tester.js';

testDetector(lockdep, {
  valid: [
    {
      name: 'circular dependency: blamed on the lock being acquired, lock names in details, the chain not blamed',
      log: log(`
        [  127.525000] ======================================================
        [  127.532093] WARNING: possible circular locking dependency detected
        [  127.538376] 4.14.0-rc1+ #1 Not tainted
        [  127.542228] ------------------------------------------------------
        [  127.548509] syz-executor0/22269 is trying to acquire lock:
        [  127.554094]  (&bdev->bd_mutex){+.+.}, at: [<ffffffff8232bf0e>] blkdev_reread_part+0x1e/0x40
        [  127.562560]
        [  127.562560] but task is already holding lock:
        [  127.568495]  (&lo->lo_ctl_mutex#2){+.+.}, at: [<ffffffff83542c29>] lo_compat_ioctl+0x109/0x140
        [  127.577221]
        [  127.577221] which lock already depends on the new lock.
        [  127.593087] -> #1 (&lo->lo_ctl_mutex#2){+.+.}:
        [  127.599124]        __lock_acquire+0x328f/0x4620
        [  127.616972]        lo_release+0x6b/0x180
        [  127.660888]
        [  127.660888] -> #0 (&bdev->bd_mutex){+.+.}:
        [  127.666578]        check_prev_add+0x865/0x1520
        [  127.688991]        blkdev_reread_part+0x1e/0x40
        [  127.776120]  *** DEADLOCK ***
        [  127.782144] 1 lock held by syz-executor0/22269:
        [  127.786775]  #0:  (&lo->lo_ctl_mutex#2){+.+.}, at: [<ffffffff83542c29>] lo_compat_ioctl+0x109/0x140
        [  127.795934]
        [  127.795934] stack backtrace:
        [  127.800405] CPU: 0 PID: 22269 Comm: syz-executor0 Not tainted 4.14.0-rc1+ #1
        [  127.810000] Call Trace:
        [  127.810001]  dump_stack+0x194/0x257
        [  127.810002]  __lock_acquire+0x328f/0x4620
        [  127.810003]  lock_acquire+0x1d5/0x580
        [  127.810004]  __mutex_lock+0x16f/0x1870
        [  127.810005]  blkdev_reread_part+0x1e/0x40
        [  127.810006]  loop_reread_partitions+0x12f/0x1a0
        [  127.820000] some later unrelated message
      `),
      expected: {
        title: 'lockdep report in blkdev_reread_part',
        cpu: 0,
        pid: 22269,
        comm: 'syz-executor0',
        culprit: { function: 'blkdev_reread_part', module: null },
        corrupted: false,
        details: { problem: 'circular locking dependency', lock: '&bdev->bd_mutex', heldLock: '&lo->lo_ctl_mutex#2' },
      },
    },
    {
      name: 'bad unlock balance (4.9 bracketed title): the frame on the line after `is trying to release lock ... at:`',
      log: log(`
        [  264.309846] [ BUG: bad unlock balance detected! ]
        [  264.314656] 4.9.65-gea83e4a #95 Not tainted
        [  264.318945] -------------------------------------
        [  264.323751] syz-executor1/1081 is trying to release lock (mrt_lock) at:
        [  264.330694] [<ffffffff834dea24>] ipmr_mfc_seq_stop+0xe4/0x140
        [  264.336540] but there are no more locks to release!
        [  264.341515]
        [  264.341515] other info that might help us debug this:
        [  264.348145] 1 lock held by syz-executor1/1081:
        [  264.352000] stack backtrace:
        [  264.353000] CPU: 1 PID: 1081 Comm: syz-executor1 Not tainted 4.9.65-gea83e4a #95
        [  264.354000] Call Trace:
        [  264.355000]  [<ffffffff81d90889>] dump_stack+0xc1/0x128
        [  264.356000]  [<ffffffff81234567>] lock_release+0x8e5/0xc50
        [  264.357000]  [<ffffffff834dea24>] ipmr_mfc_seq_stop+0xe4/0x140
        [  264.358000]  [<ffffffff81600000>] seq_read+0x4a4/0x1120
      `),
      expected: { title: 'lockdep report in ipmr_mfc_seq_stop', culprit: { function: 'ipmr_mfc_seq_stop', module: null }, details: { problem: 'bad unlock balance' } },
    },
    {
      name: 'non-static key: lockdep machinery (anything with lock or stack in its name) skipped',
      log: log(`
        [   16.305150] INFO: trying to register non-static key.
        [   16.305671] the code is fine but needs lockdep annotation.
        [   16.306408] turning off the locking correctness validator.
        [   16.306956] CPU: 0 PID: 2990 Comm: syzkaller460037 Not tainted 4.14.0-rc7-next-20171103+ #10
        [   16.308571] Call Trace:
        [   16.308831]  dump_stack+0x194/0x257
        [   16.309657]  register_lock_class+0x55e/0x2c70
        [   16.312366]  __lock_acquire+0x203/0x4770
        [   16.313366]  lock_acquire+0x1d5/0x580
        [   16.314366]  _raw_spin_lock_bh+0x31/0x40
        [   16.315366]  tcp_fastopen_reset_cipher+0x1b9/0x4d0
        [   16.316366]  do_tcp_setsockopt.isra.37+0x1a4/0x1f10
      `),
      expected: { title: 'lockdep report in tcp_fastopen_reset_cipher', culprit: { function: 'tcp_fastopen_reset_cipher', module: null }, details: { problem: 'non-static lock key' } },
    },
    {
      name: 'workqueue leaked lock: the last work function the kernel names',
      log: log(`
        [   52.362800] BUG: workqueue leaked lock or atomic: kworker/0:1/0x00000000/353
        [   52.362800]      last function: addrconf_dad_work
        [   52.374928] 1 lock held by kworker/0:1/353:
        [   52.379256]  #0:  (rcu_read_lock_bh){......}, at: [<ffffffff8294ef60>] hashlimit_mt_common.isra.11+0x190/0x22a0
        [   52.390498] CPU: 0 PID: 353 Comm: kworker/0:1 Not tainted 4.3.5+ #124
        [   52.411790] Workqueue: ipv6_addrconf addrconf_dad_work
      `),
      expected: { title: 'lockdep report in addrconf_dad_work', pid: 353, culprit: { function: 'addrconf_dad_work', module: null }, corrupted: false },
    },
    {
      name: 'lock held when returning to user space: the lock listed under the held-locks line; no stack is printed',
      log: log(`
        [  197.073115] WARNING: lock held when returning to user space!
        [  197.074536] 4.18.0-rc4+ #51 Not tainted
        [  197.075539] ------------------------------------------------
        [  197.076969] syz-executor0/17896 is leaving the kernel with locks still held!
        [  197.078741] 1 lock held by syz-executor0/17896:
        [  197.079733]  #0: 00000000a3b01fa0 (&fi->mutex){+.+.}, at: fuse_lock_inode+0xaf/0xe0
      `),
      expected: { title: 'lockdep report in fuse_lock_inode', corrupted: false, details: { problem: 'lock held when returning to user space', lock: '&fi->mutex' } },
    },
    {
      name: "a work item's lockdep map taken in process_one_work is not blamed: the lock the task already holds is",
      log: log(`
        [ 1319.870000][   T43] WARNING: possible circular locking dependency detected
        [ 1319.875308][   T43] kworker/u8:2/43 is trying to acquire lock:
        [ 1319.879142][   T43] ffffc9000027fdf0 ((work_completion)(&peer->transmit_handshake_work)){+.+.}-{0:0}, at: process_one_work+0x8c0/0x17b0
        [ 1319.886943][   T43]
        [ 1319.886943][   T43] but task is already holding lock:
        [ 1319.889733][   T43] ffff8880649b0d28 (&wg->static_identity.lock){+.+.}-{3:3}, at: wg_set_device+0xfb7/0x1490
        [ 1319.895722][   T43]
        [ 1319.895800][   T43] stack backtrace:
        [ 1319.895900][   T43] CPU: 1 PID: 43 Comm: kworker/u8:2 Not tainted 5.10.0-syzkaller #0
        [ 1319.896000][   T43] Call Trace:
        [ 1319.896100][   T43]  lock_acquire+0x1ed/0x520
        [ 1319.896200][   T43]  process_one_work+0x8e1/0x17b0
      `),
      expected: { title: 'lockdep report in wg_set_device', details: { lock: '(work_completion)(&peer->transmit_handshake_work)', heldLock: '&wg->static_identity.lock' } },
    },
    {
      name: "unregistered key: the BUG line and the WARNING of lockdep's own DEBUG_LOCKS_WARN_ON make one report, blamed past lockdep's machinery",
      log: log(`
        [   54.049135] BUG: key ffff88807a1c1b48 has not been registered!
        [   54.049167] ------------[ cut here ]------------
        [   54.049172] DEBUG_LOCKS_WARN_ON(1)
        [   54.049189] WARNING: CPU: 1 PID: 5060 at kernel/locking/lockdep.c:4895 lockdep_init_map_type+0x6d5/0x800
        [   54.049225] Modules linked in:
        [   54.049238] CPU: 1 PID: 5060 Comm: syz-executor.0 Not tainted 6.2.0-syzkaller #0
        [   54.049262] RIP: 0010:lockdep_init_map_type+0x6d5/0x800
        [   54.049391] Call Trace:
        [   54.049394]  <TASK>
        [   54.049400]  __kernfs_create_file+0x14b/0x2a0
        [   54.049425]  sysfs_add_file_mode_ns+0x1f1/0x310
        [   54.049446]  internal_create_group+0x3a7/0xcd0
        [   54.049490]  do_syscall_64+0x39/0xb0
        [   54.049510]  </TASK>
        [   54.049520] ---[ end trace 0000000000000000 ]---
      `),
      expected: { title: 'lockdep report in __kernfs_create_file', cpu: 1, pid: 5060, culprit: { function: '__kernfs_create_file', module: null }, corrupted: false, details: { problem: 'lock key not registered' } },
    },
    {
      name: 'a circular dependency report cut before its lock lines is corrupted',
      log: log(`
        [  131.449777] [ INFO: possible circular locking dependency detected ]
        [  131.449789] 3.10.37+ #1 Not tainted
      `),
      expected: { title: 'lockdep report', culprit: null, corrupted: true },
    },
  ],
  invalid: [{ name: 'lockdep turned off notice', log: '[  901.000000] INFO: lockdep is turned off.\n' }],
});
