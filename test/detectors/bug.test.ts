import { bug } from '../../src/reports/detectors/bug.js';
import { log, testDetector } from './tester.js';

testDetector(bug, {
  valid: [
    {
      name: 'hardened usercopy: the BUG and invalid opcode lines stay in one report; the checker is skipped',
      log: log(`
        [   55.288565] usercopy: kernel memory exposure attempt detected from ffff8801d4310630 (SCTPv6) (11 bytes)
        [   55.290089] ------------[ cut here ]------------
        [   55.290728] kernel BUG at mm/usercopy.c:84!
        [   55.291539] invalid opcode: 0000 [#1] SMP KASAN
        [   55.293174] Modules linked in:
        [   55.293614] CPU: 1 PID: 2993 Comm: syzkaller447333 Not tainted 4.14.0-rc5-mm1+ #20
        [   55.296668] RIP: 0010:__check_object_size+0x3a2/0x4f0
        [   55.297366] RSP: 0018:ffff8801d22170f0 EFLAGS: 00010286
        [   55.307725] Call Trace:
        [   55.317730]  sctp_getsockopt+0x2b90/0x70b0
        [   55.644961]  sock_common_getsockopt+0x95/0xd0
        [   55.654064]  SyS_getsockopt+0x178/0x340
        [   55.677058]  entry_SYSCALL_64_fastpath+0x1f/0xbe
        [   55.681780] RIP: 0033:0x43fc99
        [   55.754590] ---[ end trace 569becb7b442ce27 ]---
        [   55.759474] Kernel panic - not syncing: Fatal exception
      `),
      expected: {
        title: 'kernel BUG in sctp_getsockopt',
        cpu: 1,
        pid: 2993,
        comm: 'syzkaller447333',
        culprit: { function: 'sctp_getsockopt', module: null },
        corrupted: false,
        role: 'culprit',
        details: { location: 'mm/usercopy.c:84', usercopy: 'kernel memory exposure attempt detected from ffff8801d4310630 (SCTPv6) (11 bytes)' },
      },
    },
    {
      name: 'BUG_ON in an skb helper is blamed on its caller',
      log: log(`
        [  100.000000] kernel BUG at net/core/skbuff.c:104!
        [  100.000100] invalid opcode: 0000 [#1] PREEMPT SMP KASAN
        [  100.000200] CPU: 0 PID: 5078 Comm: syz-executor.1 Not tainted 4.19.0+ #79
        [  100.000300] RIP: 0010:skb_panic+0x16c/0x16e
        [  100.000400] Call Trace:
        [  100.000500]  skb_put.cold+0x24/0x24
        [  100.000600]  pfkey_send_acquire+0x1d3c/0x2540
        [  100.000700]  km_query+0x16b/0x2d0
        [  100.000800]  xfrm_state_find+0x2b9c/0x4530
      `),
      expected: { title: 'kernel BUG in pfkey_send_acquire', culprit: { function: 'pfkey_send_acquire', module: null }, details: { location: 'net/core/skbuff.c:104' } },
    },
  ],
  invalid: [{ name: 'a WARNING', log: '[    1.000000] WARNING: CPU: 0 PID: 1 at mm/filemap.c:1234 foo+0x1/0x2\n' }],
});
