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
    {
      name: 'a dentry still in use at unmount: its own line opens the report, the WARN of umount_check is part of it',
      log: log(`
        [   20.143962][  T367] BUG: Dentry ffff888119d8a000{i=0,n=.index}  still in use (1) [unmount of ramfs ramfs]
        [   20.175803][  T367] ------------[ cut here ]------------
        [   20.202650][  T367] WARNING: CPU: 0 PID: 367 at fs/dcache.c:1616 umount_check+0x18d/0x1d0
        [   20.233554][  T367] Modules linked in:
        [   20.332025][  T367] CPU: 0 PID: 367 Comm: syz-executor388 Not tainted 5.10.75-syzkaller-01082-g234d53d2bb60 #0
        [   20.352222][  T367] RIP: 0010:umount_check+0x18d/0x1d0
        [   20.380000][  T367] Call Trace:
        [   20.380100][  T367]  d_walk+0x1f6/0x5e0
        [   20.380200][  T367]  shrink_dcache_for_umount+0x82/0x1d0
        [   20.380300][  T367]  generic_shutdown_super+0x66/0x2c0
        [   20.380400][  T367]  kill_litter_super+0x75/0xa0
        [   20.380500][  T367]  deactivate_locked_super+0xa7/0xf0
        [   20.380600][  T367]  cleanup_mnt+0x1a4/0x210
        [   20.380700][  T367] ---[ end trace 8b8c7a5a5d2a0b17 ]---
      `),
      expected: { kind: 'bug', title: 'kernel BUG in umount_check', pid: 367, corrupted: false, details: { problem: 'dentry still in use at unmount of ramfs' } },
    },
    {
      name: 'a SLUB debug check names the cache and the problem (a KASAN line of that shape is not one)',
      log: '[  367.131148] BUG kmalloc-8 (Tainted: G    B         ): Object already free\n',
      expected: { kind: 'bug', corrupted: true, details: { problem: 'SLUB cache kmalloc-8: Object already free' } },
    },
  ],
  invalid: [
    { name: 'a WARNING', log: '[    1.000000] WARNING: CPU: 0 PID: 1 at mm/filemap.c:1234 foo+0x1/0x2\n' },
    { name: 'the SLUB-shaped line of an old KASAN report', log: '[   96.027166] BUG fasync_cache (Tainted: G    B          ): kasan: bad access detected\n' },
  ],
});
