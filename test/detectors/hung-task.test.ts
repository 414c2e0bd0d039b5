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
  ],
  invalid: [{ name: 'the hung-task sysctl message alone', log: '[    1.000000] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.\n' }],
});
