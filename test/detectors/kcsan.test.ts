import { kcsan } from '../../src/reports/detectors/kcsan.js';
import { log, testDetector } from './tester.js';

testDetector(kcsan, {
  valid: [
    {
      name: 'two racing functions: the title names both, the culprit is the first, both accesses in details',
      log: log(`
        [   44.378000][    C4] ==================================================================
        [   44.379001][    C4] BUG: KCSAN: data-race in find_next_bit / rcu_report_exp_cpu_mult
        [   44.379966][    C4]
        [   44.380268][    C4] read to 0xffffffff85a7f140 of 8 bytes by task 1082 on cpu 7:
        [   44.381409][    C4]  find_next_bit+0x57/0xe0
        [   44.381969][    C4]  sync_rcu_exp_select_node_cpus+0x28e/0x510
        [   44.384066][    C4]  process_one_work+0x3d4/0x890
        [   44.386391][    C4]
        [   44.386691][    C4] write to 0xffffffff85a7f140 of 8 bytes by interrupt on cpu 4:
        [   44.387656][    C4]  rcu_report_exp_cpu_mult+0x4f/0xa0
        [   44.388333][    C4]  rcu_report_exp_rdp+0x6c/0x90
        [   44.396484][    C4]
        [   44.396800][    C4] Reported by Kernel Concurrency Sanitizer on:
        [   44.397634][    C4] CPU: 4 PID: 6252 Comm: syz-fuzzer Not tainted 5.3.0+ #3
        [   44.398000][    C4] ==================================================================
      `),
      expected: {
        title: 'KCSAN data race in find_next_bit / rcu_report_exp_cpu_mult',
        cpu: 4,
        culprit: { function: 'find_next_bit', module: null },
        corrupted: false,
        details: {
          bugType: 'data-race',
          racingFunctions: 'find_next_bit / rcu_report_exp_cpu_mult',
          access1: 'read of 8 bytes at 0xffffffff85a7f140 by task 1082 on CPU 7',
          access2: 'write of 8 bytes at 0xffffffff85a7f140 by interrupt on CPU 4',
        },
      },
    },
  ],
});
