import { ubsan } from '../../src/reports/detectors/ubsan.js';
import { log, testDetector } from './tester.js';

testDetector(ubsan, {
  valid: [
    {
      name: '4.5 `Undefined behaviour in file:line:col`: the problem line in details, the UBSAN handlers skipped',
      log: log(`
        [    4.556970] ================================================================================
        [    4.556972] UBSAN: Undefined behaviour in drivers/usb/core/devio.c:1517:25
        [    4.556975] shift exponent -1 is negative
        [    4.556979] CPU: 2 PID: 3624 Comm: usb Not tainted 4.5.0-rc1 #252
        [    4.556984]  0000000000000000 0000000000000000 ffffffff845c6528 ffff8802493b3c68
        [    4.556996] Call Trace:
        [    4.557004]  [<ffffffff81b2e7d9>] dump_stack+0x45/0x6c
        [    4.557010]  [<ffffffff81bcb87d>] ubsan_epilogue+0xd/0x40
        [    4.557015]  [<ffffffff81bcc1c1>] __ubsan_handle_shift_out_of_bounds+0xf1/0x140
        [    4.557030]  [<ffffffff822247af>] ? proc_do_submiturb+0x9af/0x2c30
        [    4.557034]  [<ffffffff82226794>] proc_do_submiturb+0x2994/0x2c30
        [    4.557040]  [<ffffffff82228000>] usbdev_do_ioctl+0x5d1/0x3b20
        [    4.557100] ================================================================================
      `),
      expected: {
        title: 'UBSAN in proc_do_submiturb',
        cpu: 2,
        pid: 3624,
        comm: 'usb',
        culprit: { function: 'proc_do_submiturb', module: null },
        corrupted: false,
        details: { source: 'drivers/usb/core/devio.c:1517', problem: 'shift exponent -1 is negative' },
      },
    },
    {
      name: '5.9+ named check with an absolute build path, shortened to the kernel tree',
      log: log(`
        [  175.968362][T13309] UBSAN: array-index-out-of-bounds in /usr/local/src/linux2/arch/x86/kernel/uprobes.c:263:56
        [  175.969802][T13309] index 4 is out of range for type 'insn_byte_t [4]'
        [  175.970958][T13309] CPU: 2 PID: 13309 Comm: syz-executor.3 Not tainted 5.9.0-rc5-next-20200916 #36
        [  175.973306][T13309] Call Trace:
        [  175.973685][T13309]  dump_stack+0x14b/0x18f
        [  175.974290][T13309]  ubsan_epilogue+0xb/0x5a
        [  175.974921][T13309]  __ubsan_handle_out_of_bounds.cold+0x62/0x6c
        [  175.975740][T13309]  arch_uprobe_analyze_insn+0x91b/0xa40
        [  175.978833][T13309]  install_breakpoint.isra.0+0x6e7/0x7e0
      `),
      expected: { title: 'UBSAN in arch_uprobe_analyze_insn', details: { check: 'array-index-out-of-bounds', source: 'arch/x86/kernel/uprobes.c:263', problem: "index 4 is out of range for type 'insn_byte_t [4]'" } },
    },
  ],
});
