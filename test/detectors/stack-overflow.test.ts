import { stackOverflow } from '../../src/reports/detectors/stack-overflow.js';
import { log, testDetector } from './tester.js';

testDetector(stackOverflow, {
  valid: [
    {
      name: 'guard page hit, then the double-fault oops line inside the same report',
      log: log(`
        [  733.821133][    C1] BUG: stack guard page was hit at ffffc900190cfff8 (stack is ffffc900190d0000..ffffc900190d7fff)
        [  733.821152][    C1] kernel stack overflow (double-fault): 0000 [#1] PREEMPT SMP KASAN
        [  733.821164][    C1] CPU: 1 PID: 10931 Comm: syz-executor.2 Tainted: G        W         5.13.0-syzkaller #0
        [  733.821187][    C1] RIP: 0010:netdev_next_lower_dev_rcu+0x8/0xb0
        [  733.821217][    C1] RSP: 0018:ffffc900190d0000 EFLAGS: 00010212
        [  733.821341][    C1] Call Trace:
        [  733.821347][    C1]  bond_get_lowest_level_rcu+0x12d/0x2e0
        [  733.821390][    C1]  bond_get_stats+0xf5/0x4d0
        [  733.821452][    C1]  dev_get_stats+0xa5/0x2b0
        [  733.821458][    C1]  bond_get_stats+0x1ed/0x4d0
        [  733.821523][    C1]  dev_get_stats+0xa5/0x2b0
        [  733.821529][    C1]  rtnl_fill_stats+0x48/0xa90
      `),
      expected: {
        title: 'stack overflow in netdev_next_lower_dev_rcu',
        cpu: 1,
        pid: 10931,
        taint: 'G        W',
        culprit: { function: 'netdev_next_lower_dev_rcu', module: null },
        details: { address: 'ffffc900190cfff8' },
      },
    },
    {
      name: 'a deep chain entered from rtnl_newlink: blamed on the handler that entered it, where it ran out kept aside',
      log: log(`
        [ 2331.755198][    C0] BUG: stack guard page was hit at ffffc9001a6e7fe8 (stack is ffffc9001a6e8000..ffffc9001a6effff)
        [ 2331.755221][    C0] kernel stack overflow (double-fault): 0000 [#1] PREEMPT SMP KASAN
        [ 2331.755233][    C0] CPU: 0 PID: 9061 Comm: syz-executor.4 Tainted: G        W         5.13.0-syzkaller #0
        [ 2331.755246][    C0] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [ 2331.755256][    C0] RIP: 0010:arch_stack_walk+0x57/0xe0
        [ 2331.755285][    C0] RSP: 0018:ffffc9001a6e7ff0 EFLAGS: 00010246
        [ 2331.755408][    C0] Call Trace:
        [ 2331.755428][    C0]  stack_trace_save+0x8c/0xc0
        [ 2331.755465][    C0]  kasan_save_stack+0x1b/0x40
        [ 2331.755578][    C0]  kasan_set_track+0x1c/0x30
        [ 2331.755585][    C0]  kasan_set_free_info+0x20/0x30
        [ 2331.755592][    C0]  __kasan_slab_free+0xfb/0x130
        [ 2331.760271][    C0]  bond_compute_features+0x56c/0xaa0
        [ 2331.760295][    C0]  bond_netdev_event+0x5d6/0xa80
        [ 2331.760302][    C0]  notifier_call_chain+0xb5/0x200
        [ 2331.760310][    C0]  call_netdevice_notifiers_info+0xb5/0x130
        [ 2331.760319][    C0]  __netdev_update_features+0x95d/0x17d0
        [ 2331.760376][    C0]  __netdev_update_features+0x906/0x17d0
        [ 2331.760417][    C0]  dev_disable_lro+0x8d/0x3e0
        [ 2331.760456][    C0]  br_add_if+0xa4e/0x1c70
        [ 2331.760476][    C0]  do_set_master+0x1c8/0x220
        [ 2331.760483][    C0]  __rtnl_newlink+0x13af/0x1760
        [ 2331.760641][    C0]  rtnl_newlink+0x64/0xa0
        [ 2331.760656][    C0]  rtnetlink_rcv_msg+0x44e/0xb70
        [ 2331.760717][    C0]  netlink_rcv_skb+0x153/0x420
        [ 2331.760753][    C0]  netlink_unicast+0x533/0x7d0
        [ 2331.760805][    C0]  netlink_sendmsg+0x85b/0xda0
        [ 2331.760836][    C0]  sock_sendmsg+0xcf/0x120
        [ 2331.760842][    C0]  ____sys_sendmsg+0x6e8/0x810
        [ 2331.760898][    C0]  ___sys_sendmsg+0xf3/0x170
        [ 2331.760962][    C0]  __sys_sendmsg+0xe5/0x1b0
        [ 2331.760991][    C0]  do_syscall_64+0x35/0xb0
        [ 2331.760998][    C0]  entry_SYSCALL_64_after_hwframe+0x44/0xae
      `),
      expected: {
        title: 'stack overflow in rtnl_newlink',
        culprit: { function: 'rtnl_newlink', module: null },
        entry: { function: 'rtnl_newlink', module: null },
        rip: { function: 'arch_stack_walk', offset: '0x57', size: '0xe0', module: null },
        details: { address: 'ffffc9001a6e7fe8', overflowIn: 'bond_compute_features' },
      },
    },
  ],
  invalid: [{ name: 'a double fault without a guard page hit is a CPU exception', log: '[    1.000000] PANIC: double fault, error_code: 0x0\n' }],
});
