import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import type { Incident } from '../../src/result/schema.js';
import { log } from '../detectors/tester.js';

// Issue 13 item 8: one report, one incident. A header split from its body (another CPU's printk, a header printed in
// pieces, a silence), a list-corruption line and the WARNING or BUG that carries its trace, a header printed twice.

interface Case {
  readonly name: string;
  readonly log: string;
  readonly incidents: readonly { kind: string; culprit: string | undefined; cpu: number | null; pid: number | null; corrupted: boolean; firstLine: number }[];
  readonly details?: Record<string, unknown>;
}

const brief = (i: Incident) => ({ kind: i.kind, culprit: i.culprit?.function, cpu: i.cpu, pid: i.pid, corrupted: i.corrupted, firstLine: i.lines[0]?.line });

const CASES: readonly Case[] = [
  {
    name: "6.x: the list_add corruption line and the WARNING that carries its trace (4.16+ prints a WARN's message first)",
    log: log(`
      [ 5811.318404] list_add corruption. prev->next should be next (ffff8881f3a4c3c8), but was ffff8881f3a4c2a8. (prev=ffff8881f3a4c2a8).
      [ 5811.318435] ------------[ cut here ]------------
      [ 5811.318436] WARNING: CPU: 3 PID: 17219 at lib/list_debug.c:30 __list_add_valid_or_report+0x7f/0xa0
      [ 5811.318450] Modules linked in: nft_chain_nat xt_MASQUERADE nf_nat
      [ 5811.318520] CPU: 3 PID: 17219 Comm: kworker/3:2 Not tainted 6.6.8-200.fc39.x86_64 #1
      [ 5811.318523] Hardware name: LENOVO 20XW0055GE/20XW0055GE, BIOS N32ET86W (1.62 ) 09/18/2023
      [ 5811.318525] Workqueue: events drm_mode_rmfb_work_fn
      [ 5811.318530] RIP: 0010:__list_add_valid_or_report+0x7f/0xa0
      [ 5811.318533] Code: 0b 48 89 f2 4c 89 c1 48 89 fe 48 c7 c7 98 1b 84 9f e8 34 8a a6 ff 0f 0b 48 89 d1 48 c7 c7 f0 1b 84 9f 48 89 c2 e8 20 8a a6 ff <0f> 0b 31 c0 c3 cc cc cc cc
      [ 5811.318535] RSP: 0018:ffffa4a2c6b2fd58 EFLAGS: 00010286
      [ 5811.318537] RAX: 0000000000000075 RBX: ffff8881f3a4c2a8 RCX: 0000000000000027
      [ 5811.318560] Call Trace:
      [ 5811.318561]  <TASK>
      [ 5811.318600]  drm_framebuffer_remove+0x2f3/0x430
      [ 5811.318610]  drm_mode_rmfb_work_fn+0x4c/0x60
      [ 5811.318620]  process_one_work+0x171/0x340
      [ 5811.318630]  worker_thread+0x27b/0x3a0
      [ 5811.318640]  kthread+0xe5/0x120
      [ 5811.318650]  ret_from_fork+0x31/0x50
      [ 5811.318660]  ret_from_fork_asm+0x1b/0x30
      [ 5811.318670]  </TASK>
      [ 5811.318680] ---[ end trace 0000000000000000 ]---
    `),
    incidents: [{ kind: 'list-corruption', culprit: 'drm_framebuffer_remove', cpu: 3, pid: 17219, corrupted: false, firstLine: 1 }],
    details: { message: 'list_add corruption. prev->next should be next (ffff8881f3a4c3c8), but was ffff8881f3a4c2a8. (prev=ffff8881f3a4c2a8).' },
  },
  {
    name: '3.x: the WARNING at lib/list_debug.c, then its list_add corruption message (before 4.16)',
    log: log(`
      [   12.345678] ------------[ cut here ]------------
      [   12.345680] WARNING: CPU: 0 PID: 1 at lib/list_debug.c:33 __list_add+0xbe/0xd0()
      [   12.345681] list_add corruption. prev->next should be next (ffff88003ec0b6a8), but was ffff88003b3e47a0. (prev=ffff88003b3e47a0).
      [   12.345690] Modules linked in: ext4 mbcache jbd2
      [   12.345700] CPU: 0 PID: 1 Comm: systemd Not tainted 3.13.0-32-generic #57-Ubuntu
      [   12.345701] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS Bochs 01/01/2011
      [   12.345702]  0000000000000009 ffff88003e5f1c60 ffffffff8171ed09 ffff88003e5f1ca8
      [   12.345710] Call Trace:
      [   12.345711]  [<ffffffff8171ed09>] dump_stack+0x45/0x56
      [   12.345712]  [<ffffffff8106710d>] warn_slowpath_common+0x7d/0xa0
      [   12.345713]  [<ffffffff8106717c>] warn_slowpath_fmt+0x4c/0x50
      [   12.345714]  [<ffffffff8137c9ae>] __list_add+0xbe/0xd0
      [   12.345715]  [<ffffffff811b1c3d>] inode_sb_list_add+0x3d/0x60
      [   12.345716]  [<ffffffff811b3f2a>] new_inode+0x2a/0x40
      [   12.345717]  [<ffffffff812a2b1e>] ramfs_get_inode+0x1e/0x130
      [   12.345718]  [<ffffffff8172fa2d>] system_call_fastpath+0x1a/0x1f
      [   12.345719] ---[ end trace 0123456789abcdef ]---
    `),
    incidents: [{ kind: 'list-corruption', culprit: 'inode_sb_list_add', cpu: 0, pid: 1, corrupted: false, firstLine: 2 }],
    details: { message: 'list_add corruption. prev->next should be next (ffff88003ec0b6a8), but was ffff88003b3e47a0. (prev=ffff88003b3e47a0).', raisedBy: 'list' },
  },
  {
    name: 'a suspicious-RCU header printed twice before its body',
    log: log(`
      [  145.361287][ T7081] 
      [  145.361297][ T7081] =============================
      [  145.361302][ T7081] WARNING: suspicious RCU usage
      [  145.361302][ T7081] WARNING: suspicious RCU usage
      [  145.361310][ T7081] 5.10.0-rc3-syzkaller #0 Not tainted
      [  145.361315][ T7081] -----------------------------
      [  145.361321][ T7081] net/ipv6/ip6_fib.c:1234 suspicious rcu_dereference_protected() usage!
      [  145.361325][ T7081] 
      [  145.361325][ T7081] other info that might help us debug this:
      [  145.361325][ T7081] 
      [  145.361331][ T7081] 
      [  145.361331][ T7081] rcu_scheduler_active = 2, debug_locks = 1
      [  145.361337][ T7081] 1 lock held by syz-executor.0/7081:
      [  145.361340][ T7081]  #0: ffffffff8c7b4c68 (rtnl_mutex){+.+.}-{3:3}, at: rtnetlink_rcv_msg+0x3f9/0xad0
      [  145.361380][ T7081] 
      [  145.361380][ T7081] stack backtrace:
      [  145.361390][ T7081] CPU: 1 PID: 7081 Comm: syz-executor.0 Not tainted 5.10.0-rc3-syzkaller #0
      [  145.361396][ T7081] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
      [  145.361400][ T7081] Call Trace:
      [  145.361410][ T7081]  dump_stack+0x107/0x163
      [  145.361420][ T7081]  fib6_add+0x2a1b/0x3fd0
      [  145.361430][ T7081]  __ip6_ins_rt+0x4f/0x80
      [  145.361440][ T7081]  ip6_route_add+0x84/0x120
      [  145.361450][ T7081]  inet6_rtm_newroute+0x152/0x160
      [  145.361460][ T7081]  rtnetlink_rcv_msg+0x44e/0xad0
    `),
    incidents: [{ kind: 'suspicious-rcu', culprit: 'fib6_add', cpu: 1, pid: 7081, corrupted: false, firstLine: 3 }],
  },
  {
    name: "3.10: a bad-access header printed in pieces with another driver's line between them",
    log: log(`
      [  821.004512] BUG: unable to handle kernel 
      [  821.004530] e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None
      [  821.004533] NULL pointer dereference at 0000000000000010
      [  821.004560] IP: [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]
      [  821.004590] PGD 36c2f067 PUD 3742b067 PMD 0 
      [  821.004600] Oops: 0000 [#1] SMP 
      [  821.004610] Modules linked in: nfs lockd sunrpc
      [  821.004620] CPU: 2 PID: 3051 Comm: ls Not tainted 3.10.0-123.el7.x86_64 #1
      [  821.004630] task: ffff880037a0c440 ti: ffff8800364f2000 task.ti: ffff8800364f2000
      [  821.004640] RIP: 0010:[<ffffffffa03c21b7>]  [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]
      [  821.004650] RSP: 0018:ffff8800364f3d28  EFLAGS: 00010246
      [  821.004660] Call Trace:
      [  821.004670]  [<ffffffffa03c2436>] nfs_readdir_filler+0x36/0xb0 [nfs]
      [  821.004680]  [<ffffffff81141f1e>] do_read_cache_page+0x7e/0x1b0
      [  821.004690]  [<ffffffffa03c26a9>] nfs_readdir+0x159/0x5e0 [nfs]
      [  821.004700]  [<ffffffff811c2e30>] vfs_readdir+0xb0/0xe0
      [  821.004710]  [<ffffffff815f19d9>] system_call_fastpath+0x16/0x1b
      [  821.004720] Code: 48 8b 45 c8 48 8b 50 10 <48> 8b 42 10 48 85 c0 74 0a
      [  821.004730] RIP  [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]
    `),
    incidents: [{ kind: 'bad-access', culprit: 'nfs_readdir_xdr_to_array', cpu: 2, pid: 3051, corrupted: false, firstLine: 1 }],
    details: { fault: 'NULL pointer dereference', address: '0000000000000010' },
  },
  {
    name: "4.18: a soft-lockup header whose body came 23 s later (a stalled console), after another report's lone header",
    log: log(`
      [ 1520.114001] INFO: task jbd2/dm-0-8:412 blocked for more than 120 seconds.
      [ 1520.114050] BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:1:2271]
      [ 1543.902113] Modules linked in: xfs libcrc32c dm_mod
      [ 1543.902140] CPU: 3 PID: 2271 Comm: kworker/3:1 Not tainted 4.18.0-80.el8.x86_64 #1
      [ 1543.902150] Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 12/12/2018
      [ 1543.902160] Workqueue: events_freezable_power_ disk_events_workfn
      [ 1543.902170] RIP: 0010:_raw_spin_unlock_irqrestore+0x11/0x20
      [ 1543.902180] Code: 00 00 00 00 00 66 90 0f 1f 44 00 00 c6 07 00 0f 1f 40 00 48 89 f7 57 9d <0f> 1f 44 00 00 c3 0f 1f 40 00
      [ 1543.902190] RSP: 0018:ffffb2c3c1c4bd28 EFLAGS: 00000246 ORIG_RAX: ffffffffffffff13
      [ 1543.902200] Call Trace:
      [ 1543.902210]  ata_scsi_queuecmd+0x104/0x370
      [ 1543.902220]  scsi_queue_rq+0x51d/0x6a0
      [ 1543.902230]  blk_mq_dispatch_rq_list+0x93/0x550
      [ 1543.902240]  process_one_work+0x1a7/0x360
      [ 1543.902250]  worker_thread+0x30/0x390
      [ 1543.902260]  kthread+0x112/0x130
      [ 1543.902270]  ret_from_fork+0x35/0x40
    `),
    incidents: [
        { kind: 'hung-task', culprit: undefined, cpu: null, pid: 412, corrupted: true, firstLine: 1 },
        { kind: 'soft-lockup', culprit: 'ata_scsi_queuecmd', cpu: 3, pid: 2271, corrupted: false, firstLine: 2 },
      ],
  },
  {
    name: 'a lone header and, 40 s later, the register dump of another task: not rejoined (the dump is a partial oops)',
    log: log(`
      [  300.000001] BUG: soft lockup - CPU#1 stuck for 22s! [kswapd0:97]
      [  340.100001] CPU: 5 PID: 4521 Comm: kworker/5:1 Not tainted 5.14.0-70.el9.x86_64 #1
      [  340.100002] RIP: 0010:mlx5e_tx_reporter_timeout_recover+0x2c/0x140 [mlx5_core]
      [  340.100003] RSP: 0018:ffffb1c2c0a4fd98 EFLAGS: 00010246
      [  340.100004] CR2: 0000000000000010 CR3: 000000010a40e000 CR4: 00000000003506e0
      [  340.100005] Call Trace:
      [  340.100006]  devlink_health_reporter_recover+0x2d/0x70
      [  340.100007]  devlink_health_report+0x1a1/0x290
      [  340.100008]  process_one_work+0x1c7/0x380
      [  340.100009]  worker_thread+0x4d/0x380
      [  340.100010]  kthread+0xd7/0x100
    `),
    incidents: [
      { kind: 'soft-lockup', culprit: undefined, cpu: 1, pid: 97, corrupted: true, firstLine: 1 },
      { kind: 'oops', culprit: 'mlx5e_tx_reporter_timeout_recover', cpu: 5, pid: 4521, corrupted: false, firstLine: 2 },
    ],
  },
  {
    name: 'two different headers in a row are two reports, not one repeated',
    log: log(`
      [  145.361302][ T7081] WARNING: suspicious RCU usage
      [  145.361303][ T7081] WARNING: possible circular locking dependency detected
    `),
    incidents: [
      { kind: 'suspicious-rcu', culprit: undefined, cpu: null, pid: null, corrupted: true, firstLine: 1 },
      { kind: 'lockdep', culprit: undefined, cpu: null, pid: null, corrupted: true, firstLine: 2 },
    ],
  },
];

describe('one report, one incident', () => {
  it.each(CASES)('$name', ({ log: text, incidents, details }) => {
    const result = analyzeText(text, 'node.log', { now: () => new Date(0) });
    expect(result.incidents.map(brief)).toEqual(incidents);
    if (details) expect(result.incidents[result.incidents.length - 1]!.details).toMatchObject(details);
  });
});

describe('a header printed in pieces', () => {
  it('is read whole, and the report lists each piece as printed on its own line', () => {
    // (a lone `\r`, as a serial console leaves in a line, cuts a line as a new line does)
    const text = '[  821.004512] BUG: unable to handle kernel\r paging request at ffffea0000f0e440\n[  821.004560] IP: [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]\n';
    const [incident] = analyzeText(text, 'node.log', { now: () => new Date(0) }).incidents;
    expect(incident!.details).toMatchObject({ fault: 'paging request', address: 'ffffea0000f0e440' });
    expect(incident!.lines.slice(0, 3)).toEqual([
      { path: 'node.log', line: 1, text: 'BUG: unable to handle kernel' },
      { path: 'node.log', line: 2, text: ' paging request at ffffea0000f0e440' },
      { path: 'node.log', line: 3, text: 'IP: [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]' },
    ]);
    expect(incident!.evidence).toEqual([{ path: 'node.log', line: 1 }]);
  });
});
