import { spinlockBug } from '../../src/reports/detectors/spinlock-bug.js';
import { log, testDetector } from './tester.js';

testDetector(spinlockBug, {
  valid: [
    {
      name: '4.4 bad magic: the lock fields in details, spinlock debug frames skipped',
      log: log(`
        [   82.818367] BUG: spinlock bad magic on CPU#0, syz-executor/20513
        [   82.824830]  lock: 0xffff8800bb37e088, .magic: ffff8800, .owner: <none>/-1, .owner_cpu: 131071
        [   82.833579] CPU: 0 PID: 20513 Comm: syz-executor Not tainted 4.4.70+ #9
        [   82.840570] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [   82.849899]  0000000000000000 ffff8801d3e4faf8 ffffffff81c01b4c ffff8800bb37e088
        [   82.873873] Call Trace:
        [   82.876438]  [<ffffffff81c01b4c>] dump_stack+0x80/0xb4
        [   82.881697]  [<ffffffff811d2be2>] spin_dump+0x152/0x280
        [   82.887044]  [<ffffffff811d2fc5>] do_raw_spin_lock+0x225/0x2c0
        [   82.892991]  [<ffffffff828b61be>] _raw_spin_lock+0xe/0x10
        [   82.898497]  [<ffffffff824e6a26>] tcp_nuke_addr+0x586/0x8a0
        [   82.904173]  [<ffffffff81aad743>] ? security_capable+0x93/0xc0
        [   82.910115]  [<ffffffff8259012f>] devinet_ioctl+0x58f/0x1460
      `),
      expected: {
        title: 'spinlock bug in tcp_nuke_addr',
        cpu: 0,
        pid: 20513,
        comm: 'syz-executor',
        culprit: { function: 'tcp_nuke_addr', module: null },
        corrupted: false,
        details: { lockType: 'spinlock', problem: 'bad magic', lock: '0xffff8800bb37e088', magic: 'ffff8800', owner: '<none>/-1', ownerCpu: 131071 },
      },
    },
  ],
});
