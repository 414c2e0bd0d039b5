import { kmsan } from '../../src/reports/detectors/kmsan.js';
import { log, testDetector } from './tester.js';

testDetector(kmsan, {
  valid: [
    {
      name: 'kernel-infoleak: the stack right under the header, the user copy skipped, origin stacks not blamed',
      log: log(`
        [  600.160000][ T9046] =====================================================
        [  600.168788][ T9046] BUG: KMSAN: kernel-infoleak in _copy_to_user+0x1c9/0x270
        [  600.176027][ T9046]  _copy_to_user+0x1c9/0x270
        [  600.180651][ T9046]  urandom_read_nowarn+0x57b/0xb10
        [  600.185814][ T9046]  __x64_sys_getrandom+0x34a/0x460
        [  600.191004][ T9046]  do_syscall_64+0x54/0xd0
        [  600.201384][ T9046]
        [  600.203707][ T9046] Uninit was stored to memory at:
        [  600.208784][ T9046]  chacha_permute+0x12db/0x1400
        [  600.213671][ T9046]  chacha_block_generic+0xe7/0xb20
        [  600.220000][ T9046]
        [  600.230000][ T9046] CPU: 1 PID: 9046 Comm: syz-executor.1 Not tainted 5.17.0-rc4-syzkaller #0
        [  600.240000][ T9046] =====================================================
      `),
      expected: {
        title: 'KMSAN in urandom_read_nowarn',
        cpu: 1,
        pid: 9046,
        culprit: { function: 'urandom_read_nowarn', module: null },
        corrupted: false,
        details: { bugType: 'kernel-infoleak' },
      },
    },
  ],
});
