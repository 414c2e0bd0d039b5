import { kfence } from '../../src/reports/detectors/kfence.js';
import { log, testDetector } from './tester.js';

testDetector(kfence, {
  valid: [
    {
      name: 'use-after-free read: memcpy skipped, the KFENCE object in details, allocation stack not blamed',
      log: log(`
        [  221.219000][ T9991] ==================================================================
        [  221.219706][ T9991] BUG: KFENCE: use-after-free read in memcmp+0x57/0x150
        [  221.219706][ T9991]
        [  221.229282][ T9991] Use-after-free read at 0xffff88823bc8cf68 (in kfence-#69):
        [  221.236645][ T9991]  memcpy+0x57/0x150
        [  221.236645][ T9991]  find_uprobe+0x57/0x150
        [  221.236676][ T9991]  uprobe_apply+0x26/0x130
        [  221.306667][ T9991]
        [  221.308981][ T9991] kfence-#69 [0xffff88823bc8ce00-0xffff88823bc8cfa7, size=424, cache=kmalloc-512] allocated by task 9997:
        [  221.320273][ T9991]  __uprobe_register+0x19c/0x850
        [  221.377815][ T9991]
        [  221.377815][ T9991] freed by task 9997:
        [  221.383987][ T9991]  put_uprobe+0x13b/0x190
        [  221.400000][ T9991]
        [  221.400001][ T9991] CPU: 0 PID: 9991 Comm: syz-executor.0 Not tainted 5.10.0 #1
        [  221.400002][ T9991] ==================================================================
      `),
      expected: {
        title: 'KFENCE in find_uprobe',
        pid: 9991,
        culprit: { function: 'find_uprobe', module: null },
        corrupted: false,
        details: { bugType: 'use-after-free read', address: '0xffff88823bc8cf68', object: 'kfence-#69' },
      },
    },
  ],
});
