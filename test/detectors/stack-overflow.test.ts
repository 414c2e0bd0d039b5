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
  ],
  invalid: [{ name: 'a double fault without a guard page hit is a CPU exception', log: '[    1.000000] PANIC: double fault, error_code: 0x0\n' }],
});
