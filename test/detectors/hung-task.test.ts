import { hungTask } from '../../src/reports/detectors/hung-task.js';
import { log, testDetector } from './tester.js';

testDetector(hungTask, {
  valid: [
    {
      name: 'arm64 5.x layout: task: line, Call trace:, the blocking lock is skipped for its caller',
      log: log(`
        [  610.334229][ T1478] INFO: task syz-fuzzer:4433 blocked for more than 143 seconds.
        [  610.337281][ T1478]       Not tainted 5.9.0-12994-gf9893351acae #15
        [  610.338689][ T1478] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [  610.361669][ T1478] task:syz-fuzzer      state:D stack:    0 pid: 4433 ppid:  4402 flags:0x00000001
        [  610.364848][ T1478] Call trace:
        [  610.366182][ T1478]  __switch_to+0x210/0x450
        [  610.367628][ T1478]  __schedule+0x894/0x1eb8
        [  610.368937][ T1478]  schedule+0xac/0x228
        [  610.371513][ T1478]  rwsem_down_write_slowpath+0x604/0xc98
        [  610.373033][ T1478]  down_write+0x134/0x1f0
        [  610.374427][ T1478]  register_netdevice_notifier+0x38/0x238
        [  610.375901][ T1478]  bcm_init+0x144/0x1b8
        [  610.377193][ T1478]  can_create+0x244/0x498
        [  610.378892][ T1478]  __sock_create+0x3ec/0x740
        [  610.401364][ T1478]  __sys_socket+0xf0/0x208
        [  610.403935][ T1478]  __arm64_sys_socket+0x70/0xa8
        [  610.405432][ T1478]  el0_svc_common.constprop.0+0x158/0x530
        [  610.406871][ T1478]  do_el0_svc+0x58/0x148
        [  610.408121][ T1478]  el0_sync_handler+0x1f4/0x200
        [  610.409317][ T1478]  el0_sync+0x174/0x180
        [  610.412964][ T1478]
        [  610.412964][ T1478] Showing all locks held in the system:
        [  610.415916][ T1478] 4 locks held by kworker/u8:0/7:
      `),
      expected: {
        title: 'task hung in register_netdevice_notifier',
        pid: 4433,
        comm: 'syz-fuzzer',
        maxStuckSeconds: 143,
        culprit: { function: 'register_netdevice_notifier', module: null },
        entry: { function: '__sock_create', module: null },
        corrupted: false,
        details: { state: 'blocked (D state)', syscall: 'socket' },
      },
    },
    {
      name: '4.x x86 layout with addresses: sched_show_task line, mutex under rtnl_lock, exit path',
      log: log(`
        [ 2293.019020] INFO: task syz-executor.1:5269 blocked for more than 140 seconds.
        [ 2293.026599]       Not tainted 4.15.0 #0
        [ 2293.030630] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [ 2293.038603] syz-executor.1  D10912  5269   3856 0xb0020002 2141275110779
        [ 2293.045586] Call Trace:
        [ 2293.048190]  [<ffffffff8147436f>] context_switch+0x60f/0xa60
        [ 2293.054041]  [<ffffffff8100095a>] __schedule+0x5aa/0x1da0
        [ 2293.065602]  [<ffffffff810021df>] schedule+0x8f/0x1b0
        [ 2293.071614]  [<ffffffff81002a80>] schedule_preempt_disabled+0x10/0x20
        [ 2293.078192]  [<ffffffff810075ad>] __mutex_lock+0x82d/0x1430
        [ 2293.110642]  [<ffffffff810081c6>] mutex_lock_nested+0x16/0x20
        [ 2293.122940]  [<ffffffff83a7b4b7>] rtnl_lock+0x17/0x20
        [ 2293.128134]  [<ffffffff8401aad8>] ipv6_sock_ac_close+0x108/0x380
        [ 2293.141749]  [<ffffffff8401313b>] inet6_release+0x4b/0x80
        [ 2293.164486]  [<ffffffff81acb0a9>] __fput+0x2b9/0x790
        [ 2293.174765]  [<ffffffff8144457d>] task_work_run+0x13d/0x1c0
        [ 2293.180559]  [<ffffffff813db9f1>] do_exit+0x9f1/0x2fb0
        [ 2293.204036]  [<ffffffff813de155>] do_group_exit+0x135/0x370
        [ 2293.209806]  [<ffffffff8140e61b>] get_signal+0x70b/0x1810
        [ 2293.246332]  [<ffffffff8101a9bf>] exit_to_usermode_loop+0x2cf/0x360
        [ 2293.252877]  [<ffffffff8101ddd5>] do_fast_syscall_32+0xb55/0xe1c
        [ 2293.265828]  [<ffffffff84401ad0>] entry_SYSENTER_compat+0x90/0xa2
        [ 2293.272527] RIP: 0023:0xf7fddc69
        [ 2293.320622]
        [ 2293.320622] Showing all locks held in the system:
      `),
      expected: {
        title: 'task hung in rtnl_lock',
        pid: 5269,
        comm: 'syz-executor.1',
        culprit: { function: 'rtnl_lock', module: null },
        entry: { function: 'inet6_release', module: null },
        corrupted: false,
      },
    },
    {
      name: "a killed task that can't die, cut off after its header",
      log: log(`
        [  369.632214] INFO: task syz-executor0:4589 can't die for more than 120 seconds.
        [  369.639487] random: crng init done
      `),
      expected: { title: 'task hung', pid: 4589, comm: 'syz-executor0', corrupted: true, details: { state: "can't die" } },
    },
    {
      name: 'with the other CPUs\' backtraces after it: their RIPs are not the sleeping task\'s, the console lock is skipped',
      log: log(`
        [  962.377725] INFO: task init:2293 blocked for more than 120 seconds.
        [  962.377730]       Not tainted 4.4.132+ #53
        [  962.377731] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [  962.377743] init            D ffff88008ad8f5b0     0  2293      1 0x00000000
        [  962.377769] Call Trace:
        [  962.377783]  [<ffffffff82a9df9c>] schedule+0x7c/0x1b0
        [  962.377790]  [<ffffffff82aae624>] schedule_timeout+0x3d4/0x690
        [  962.377825]  [<ffffffff82aab9b0>] __down+0x130/0x250
        [  962.377839]  [<ffffffff81201a13>] down+0x63/0x80
        [  962.377845]  [<ffffffff81226da1>] console_lock+0x31/0x80
        [  962.377860]  [<ffffffff8122c341>] console_device+0x21/0xc0
        [  962.377867]  [<ffffffff81ecd220>] tty_open+0x8b0/0xee0
        [  962.377895]  [<ffffffff815560be>] chrdev_open+0x22e/0x570
        [  962.377901]  [<ffffffff8153a3ea>] do_dentry_open+0x6ea/0xc80
        [  962.377908]  [<ffffffff8153e2b6>] vfs_open+0x106/0x1d0
        [  962.377914]  [<ffffffff81571a6f>] path_openat+0x5bf/0x2730
        [  962.377920]  [<ffffffff815768a4>] do_filp_open+0x174/0x220
        [  962.377926]  [<ffffffff8153f0b4>] do_sys_open+0x214/0x3e0
        [  962.377932]  [<ffffffff8153f2ad>] SyS_open+0x2d/0x40
        [  962.377938]  [<ffffffff82ab3f4e>] entry_SYSCALL_64_fastpath+0x1e/0x9a
        [  962.379158] Sending NMI to all CPUs:
        [  962.380406] NMI backtrace for cpu 0
        [  962.380410] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 4.4.132+ #53
        [  962.380418] RIP: 0010:[<ffffffff81f014b0>]  [<ffffffff81f014b0>] io_serial_in+0x70/0x90
        [  962.380459] Call Trace:
        [  962.380465]  [<ffffffff81f04cd1>] serial8250_console_putchar+0x41/0x70
        [  962.380470]  [<ffffffff81ef9f73>] uart_console_write+0x73/0xe0
      `),
      expected: {
        title: 'task hung in console_device',
        pid: 2293,
        comm: 'init',
        rip: null,
        culprit: { function: 'console_device', module: null },
        entry: { function: 'tty_open', module: null },
        corrupted: false,
      },
    },
    {
      name: 'powerpc layout: `[sp] [lr] func+off/size` frames, a first saved word that is no symbol',
      log: log(`
        [ 2435.283131] INFO: task syz-executor.0:18224 blocked for more than 143 seconds.
        [ 2435.283923]       Not tainted 5.1.0-rc3 #1
        [ 2435.284345] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [ 2435.285150] syz-executor.0  D12048 18224   2776 0x00040008
        [ 2435.285727] Call Trace:
        [ 2435.285992] [c000000049a87530] [c000000049a875a0] 0xc000000049a875a0 (unreliable)
        [ 2435.286794] [c000000049a87710] [c0000000000286fc] __switch_to+0x43c/0x6d0
        [ 2435.287514] [c000000049a87780] [c000000001385b4c] __schedule+0x3cc/0xed0
        [ 2435.288206] [c000000049a87860] [c0000000013866a0] schedule+0x50/0xd0
        [ 2435.288863] [c000000049a87880] [c00000000138d5ec] schedule_timeout+0x36c/0x810
        [ 2435.289608] [c000000049a879a0] [c0000000013876ec] wait_for_common+0xfc/0x220
        [ 2435.290343] [c000000049a87a10] [c0000000005f7dc8] exit_aio+0x188/0x2a0
        [ 2435.291308] [c000000049a87ad0] [c00000000016556c] mmput+0xbc/0x260
        [ 2435.293006] [c000000049a87b00] [c000000000175ea4] do_exit+0x484/0x1300
        [ 2435.299010] [c000000049a87e20] [c00000000000e644] ret_from_except_lite+0x70/0x74
      `),
      expected: { title: 'task hung in exit_aio', pid: 18224, culprit: { function: 'exit_aio', module: null }, corrupted: false },
    },
    {
      name: 'a trace of `?` guesses and scheduler frames only blames nothing and is flagged',
      log: log(`
        [ 1353.547242][ T1145] INFO: task syz-executor.5:9850 blocked for more than 143 seconds.
        [ 1353.555551][ T1145]       Not tainted 5.7.0-rc5-syzkaller #0
        [ 1353.565574][ T1145] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [ 1353.583335][ T1145] syz-executor.5  D29496  9850  19518 0x00000004
        [ 1353.590397][ T1145] Call Trace:
        [ 1353.593796][ T1145]  ? __schedule+0x937/0x1ff0
        [ 1353.600226][ T1145]  ? rwsem_down_write_slowpath+0x90a/0xf90
        [ 1353.606375][ T1145]  ? schedule+0xd0/0x2a0
        [ 1353.638252][ T1145]  ? register_netdevice_notifier+0x1e/0x270
      `),
      expected: { title: 'task hung', culprit: null, corrupted: true, corruptionReasons: ['no reliable frame past the scheduler and lock waits in its call trace'] },
    },
    {
      name: 'a task name with a line break in it splits the header and the task line: they are joined',
      log: log(`
        [ 1052.080846][   T41] INFO: task syz.3
        [ 1052.080846][   T41] evil:18088 blocked for more than 143 seconds.
        [ 1052.101131][   T41]       Tainted: G             L      syzkaller #0
        [ 1052.124530][   T41] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [ 1052.150223][   T41] task:syz.3
        [ 1052.150223][   T41] evil state:D stack:25960 pid:18088 tgid:18087 ppid:15126  task_flags:0x400140 flags:0x08080002
        [ 1052.189780][   T41] Call Trace:
        [ 1052.199981][   T41]  <TASK>
        [ 1052.211420][   T41]  __schedule+0x10e9/0x6820
        [ 1052.227703][   T41]  schedule+0xdd/0x390
        [ 1052.258119][   T41]  schedule_timeout+0x1b2/0x280
        [ 1052.291037][   T41]  __wait_for_common+0x2e7/0x4c0
        [ 1052.427704][   T41]  __flush_work+0x4ca/0xcb0
        [ 1052.456896][   T41]  p9_fd_close+0x299/0x5a0
        [ 1052.460000][   T41]  p9_client_destroy+0xbe/0x480
        [ 1052.470000][   T41]  </TASK>
      `),
      expected: { title: 'task hung in p9_fd_close', comm: 'syz.3\\nevil', pid: 18088, maxStuckSeconds: 143, corrupted: false },
    },
    {
      name: 'the log ends inside the call trace: the frames printed still blame, and the report says outer ones may be missing',
      log: log(`
        [  843.300000] INFO: task syz-executor3:7316 blocked for more than 120 seconds.
        [  843.300001]       Not tainted 4.4.107 #1
        [  843.300002] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [  843.300003] syz-executor3   D ffff8801c2717a68     0  7316   3654 0x00000004
        [  843.300004] Call Trace:
        [  843.300005]  [<ffffffff835bec62>] schedule+0x62/0xa0
        [  843.328311]  [<ffffffff835cb4ec>] ldsem_down_write+0x1ac/0x357
        [  843.346418]  [<ffffffff835cbdd2>] tty_ldisc_lock_pair_timeout+0xb2/0x160
        [  843.353363]  [<ffffffff81f8b03f>] tty_ldisc_hangup+0x21f/0x720
      `),
      expected: { title: 'task hung in tty_ldisc_hangup', corrupted: false, details: { state: 'blocked (D state)', trace: 'the log ends inside the call trace: outer frames may be missing' } },
    },
    {
      name: "a fault-injection dump_stack printed at the same moment fills the sleeping task's trace: flagged, not trusted",
      log: log(`
        [  247.183847] INFO: task kworker/0:3:7985 blocked for more than 120 seconds.
        [  247.190452] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [  247.190456] Call Trace:
        [  247.190468]  dump_stack+0x1a7/0x27d
        [  247.190496]  should_fail+0x914/0xae0
        [  247.197492]       Not tainted 4.16.0+ #288
        [  247.209417] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        [  247.217677] kworker/0:3     D
        [  247.230662]  should_failslab+0xec/0x120
        [  247.230670]  __kmalloc+0x63/0x760
        [  247.239016]  SyS_memfd_create+0xca/0x4c0
        [  247.239030]  do_syscall_64+0x281/0x940
      `),
      expected: {
        pid: 7985,
        comm: 'kworker/0:3',
        corrupted: true,
        corruptionReasons: ["its call trace holds dump_stack: a running task's dump printed at the same moment is mixed in"],
      },
    },
    {
      name: '2.6.32 (RHEL 6): the task line without `task:`, the buffer wait (sync_buffer, __wait_on_bit) skipped for the journal commit',
      log: log(`
        Jun 10 12:00:01 host kernel: INFO: task jbd2/dm-0-8:1234 blocked for more than 120 seconds.
        Jun 10 12:00:01 host kernel: "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        Jun 10 12:00:01 host kernel: jbd2/dm-0-8   D 0000000000000001     0  1234      2 0x00000000
        Jun 10 12:00:01 host kernel: Call Trace:
        Jun 10 12:00:01 host kernel: [<ffffffff810a7091>] ? ktime_get_ts+0xb1/0xf0
        Jun 10 12:00:01 host kernel: [<ffffffff8150efa3>] io_schedule+0x73/0xc0
        Jun 10 12:00:01 host kernel: [<ffffffff811bd1f0>] sync_buffer+0x40/0x50
        Jun 10 12:00:01 host kernel: [<ffffffff8150f96f>] __wait_on_bit+0x5f/0x90
        Jun 10 12:00:01 host kernel: [<ffffffff8150fa18>] out_of_line_wait_on_bit+0x78/0x90
        Jun 10 12:00:01 host kernel: [<ffffffffa0162a3e>] jbd2_journal_commit_transaction+0x1ae/0x1500 [jbd2]
        Jun 10 12:00:01 host kernel: [<ffffffffa01681b8>] kjournald2+0xb8/0x220 [jbd2]
        Jun 10 12:00:01 host kernel: [<ffffffff81096a36>] kthread+0x96/0xa0
      `),
      expected: { pid: 1234, comm: 'jbd2/dm-0-8', culprit: { function: 'jbd2_journal_commit_transaction', module: 'jbd2' }, corrupted: false },
    },
  ],
  invalid: [
    { name: 'the hung-task sysctl message alone', log: '[    1.000000] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.\n' },
    { name: 'a short `INFO: task` line that no split-name tail completes', log: '[    1.000000] INFO: task foo\n[    1.000001] unrelated line\n' },
  ],
});
