// One row per header, line-prefix or frame variant: the text as the kernel prints it, the kernel version and architecture
// it comes from, the kernel source file whose printk prints it, and what the analysis must make of it (kind, culprit,
// CPU, PID of the first root incident). test/matrix/matrix.test.ts runs them; docs/detectors.md lists them.
import type { IncidentKind } from '../../src/result/kinds.js';
import { log } from '../detectors/tester.js';

export interface Variant {
  /** The detector (incident kind) the variant belongs to, or the reading layer it exercises. */
  readonly detector: IncidentKind | 'line prefix' | 'frame';
  /** A short name of the variant, as docs/detectors.md lists it. */
  readonly variant: string;
  readonly kernel: string;
  readonly arch: string;
  /** The kernel source file that prints it. */
  readonly source: string;
  readonly log: string;
  readonly expected: { readonly kind: IncidentKind; readonly culprit: string | null; readonly cpu: number | null; readonly pid: number | null };
  /** Trace lines the frame parser must read, with the function and module it must find. */
  readonly frames?: readonly { readonly line: string; readonly function: string; readonly module: string | null }[];
}

export const VARIANTS: readonly Variant[] = [
  {
    detector: 'hard-lockup',
    variant: 'powerpc watchdog: `CPU N detected hard LOCKUP on other CPUs M`, then the stuck CPU\'s `CPU M Hard LOCKUP` and registers',
    kernel: '5.14 (RHEL 9)',
    arch: 'ppc64le',
    source: 'arch/powerpc/kernel/watchdog.c',
    log: log(`
      [ 1234.567890] watchdog: CPU 2 detected hard LOCKUP on other CPUs 5
      [ 1234.567900] watchdog: CPU 2 TB:123456, last SMP heartbeat TB:120000 (21000ms ago)
      [ 1234.568000] watchdog: CPU 5 Hard LOCKUP
      [ 1234.568010] watchdog: CPU 5 TB:123456, last heartbeat TB:110000 (26000ms ago)
      [ 1234.568020] Modules linked in: xfs
      [ 1234.568100] CPU: 5 PID: 999 Comm: kworker/5:1 Not tainted 5.14.0-70.el9.ppc64le #1
      [ 1234.568200] NIP:  c000000000123456 LR: c000000000123400 CTR: 0000000000000000
      [ 1234.568300] NIP [c000000000123456] spin_loop_fn+0x16/0x40
      [ 1234.568400] LR [c000000000123400] worker_fn+0x30/0x90
      [ 1234.568500] Call Trace:
      [ 1234.568600] [c0000000fe1a3c30] [c000000000123400] worker_fn+0x30/0x90 (unreliable)
      [ 1234.568700] [c0000000fe1a3ca0] [c000000000140000] process_one_work+0x1f0/0x400
    `),
    expected: { kind: 'hard-lockup', culprit: 'spin_loop_fn', cpu: 5, pid: 999 },
  },
  {
    detector: 'hard-lockup',
    variant: 'powerpc watchdog 4.13-5.x: `Watchdog CPU:N self-detected Hard LOCKUP @ func`',
    kernel: '4.18 (RHEL 8)',
    arch: 'ppc64le',
    source: 'arch/powerpc/kernel/watchdog.c',
    log: log(`
      [  500.000000] Watchdog CPU:1 self-detected Hard LOCKUP @ spin_loop_fn+0x16/0x40
      [  500.000010] Modules linked in: xfs
      [  500.000020] CPU: 1 PID: 77 Comm: stress Not tainted 4.18.0-305.el8.ppc64le #1
      [  500.000030] NIP:  c000000000123456 LR: c000000000123400 CTR: 0000000000000000
      [  500.000040] NIP [c000000000123456] spin_loop_fn+0x16/0x40
      [  500.000050] LR [c000000000123400] worker_fn+0x30/0x90
      [  500.000060] Call Trace:
      [  500.000070] [c0000000fe1a3ca0] [c000000000140000] process_one_work+0x1f0/0x400
    `),
    expected: { kind: 'hard-lockup', culprit: 'spin_loop_fn', cpu: 1, pid: 77 },
  },

  {
    detector: 'hard-lockup',
    variant: '2.6 x86_64 `NMI Watchdog detected LOCKUP on CPU N` (die_nmi), in `.text.lock.spinlock`',
    kernel: '2.6.18 (RHEL 5)',
    arch: 'x86_64',
    source: 'arch/x86_64/kernel/nmi.c',
    log: log(`
      [  500.000000] NMI Watchdog detected LOCKUP on CPU 1
      [  500.000001] CPU 1
      [  500.000002] Modules linked in: ext3 jbd
      [  500.000003] Pid: 2345, comm: kjournald Not tainted 2.6.18-8.el5 #1
      [  500.000004] RIP: 0010:[<ffffffff80064b46>]  [<ffffffff80064b46>] .text.lock.spinlock+0x2/0x30
      [  500.000005] RSP: 0018:ffff81007e1f3d88  EFLAGS: 00000086
      [  500.000006] Call Trace:
      [  500.000007]  [<ffffffff8801a123>] :jbd:journal_commit_transaction+0x123/0x1000
      [  500.000008]  [<ffffffff8801d456>] :jbd:kjournald+0xc1/0x213
      [  500.000009]  [<ffffffff80032890>] kthread+0xfe/0x132
    `),
    expected: { kind: 'hard-lockup', culprit: 'journal_commit_transaction', cpu: 1, pid: 2345 },
  },
  {
    detector: 'hard-lockup',
    variant: '2.6 i386 `BUG: NMI Watchdog detected LOCKUP on CPUN, eip ADDR, registers:`',
    kernel: '2.6.20',
    arch: 'i386',
    source: 'arch/i386/kernel/nmi.c',
    log: log(`
      [  500.000000] BUG: NMI Watchdog detected LOCKUP on CPU0, eip c0123456, registers:
      [  500.000001] Modules linked in: e1000
      [  500.000002] CPU:    0
      [  500.000003] EIP:    0060:[<c0123456>]    Not tainted VLI
      [  500.000004] EIP is at e1000_poll_loop+0x16/0x40 [e1000]
      [  500.000005] Process swapper (pid: 0, ti=c0400000 task=c0380000 task.ti=c0400000)
      [  500.000006] Call Trace:
      [  500.000007]  [<c0124567>] e1000_intr+0x37/0x90 [e1000]
      [  500.000008]  [<c0145678>] handle_IRQ_event+0x28/0x60
      [  500.000009]  =======================
    `),
    expected: { kind: 'hard-lockup', culprit: 'e1000_poll_loop', cpu: 0, pid: 0 },
  },
  {
    detector: 'bad-page-state',
    variant: "2.6 `Bad page state in process 'comm'` (before 2.6.28), blamed past the allocator's free path",
    kernel: '2.6.20',
    arch: 'i386',
    source: 'mm/page_alloc.c',
    log: log(`
      [  100.000000] Bad page state in process 'swapper'
      [  100.000001] page:c1234567 flags:0x00000400 mapping:00000000 mapcount:1 count:0
      [  100.000002] Trying to fix it up, but a reboot is needed
      [  100.000003] Backtrace:
      [  100.000004]  [<c0104f2e>] show_trace_log_lvl+0x1a/0x2f
      [  100.000005]  [<c0105568>] dump_stack+0x16/0x18
      [  100.000006]  [<c0150123>] bad_page+0x63/0x90
      [  100.000007]  [<c0150456>] free_hot_cold_page+0x96/0x170
      [  100.000008]  [<f8a12345>] mydrv_free_buf+0x25/0x40 [mydrv]
    `),
    expected: { kind: 'bad-page-state', culprit: 'mydrv_free_buf', cpu: null, pid: null },
  },
  {
    detector: 'oom',
    variant: '2.6 OOM kill: `oomkilladj=`/`oom_adj=` on the invoker line, `kill process ... or a child`, `Killed process N, UID U, (comm)`',
    kernel: '2.6.18-2.6.32 (RHEL 5, RHEL 6)',
    arch: 'x86_64',
    source: 'mm/oom_kill.c',
    log: log(`
      Jun 10 12:00:01 host kernel: java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0
      Jun 10 12:00:01 host kernel: Pid: 4321, comm: java Not tainted 2.6.32-431.el6.x86_64 #1
      Jun 10 12:00:01 host kernel: Call Trace:
      Jun 10 12:00:01 host kernel:  [<ffffffff81122be0>] ? dump_header+0x90/0x1b0
      Jun 10 12:00:01 host kernel: Out of memory: Kill process 4321 (java) score 912 or sacrifice child
      Jun 10 12:00:01 host kernel: Killed process 4321, UID 500, (java) total-vm:8000000kB, anon-rss:4000000kB, file-rss:12kB
    `),
    expected: { kind: 'oom', culprit: null, cpu: null, pid: 4321 },
  },
  {
    detector: 'warning',
    variant: '2.6 `BUG: warning at FILE:LINE/func() (Not tainted)` (WARN_ON before WARNING:)',
    kernel: '2.6.20',
    arch: 'i386',
    source: 'include/asm-generic/bug.h',
    log: log(`
      Jun 10 12:00:01 host kernel: BUG: warning at kernel/softirq.c:138/local_bh_enable() (Not tainted)
      Jun 10 12:00:01 host kernel:  [<c0104f2e>] show_trace_log_lvl+0x1a/0x2f
      Jun 10 12:00:01 host kernel:  [<c01054d2>] show_trace+0x12/0x14
      Jun 10 12:00:01 host kernel:  [<c0105568>] dump_stack+0x16/0x18
      Jun 10 12:00:01 host kernel:  [<c0125ab5>] local_bh_enable+0x45/0x92
      Jun 10 12:00:01 host kernel:  [<f8a5e0b6>] e1000_xmit_frame+0x4b6/0x7c0 [e1000]
      Jun 10 12:00:01 host kernel:  [<c02bf3e1>] dev_hard_start_xmit+0x1b1/0x217
      Jun 10 12:00:01 host kernel:  =======================
    `),
    expected: { kind: 'warning', culprit: 'e1000_xmit_frame', cpu: null, pid: null },
  },
  {
    detector: 'bad-access',
    variant: '2.6 i386 oops: `CPU:    0` on its own line, `EIP is at`, the task in `Process comm (pid: N, ti=...)`, lower-case registers',
    kernel: '2.6.22',
    arch: 'i386',
    source: 'arch/i386/kernel/traps.c',
    log: log(`
      Jun 10 12:00:01 host kernel: BUG: unable to handle kernel NULL pointer dereference at virtual address 00000000
      Jun 10 12:00:01 host kernel:  printing eip:
      Jun 10 12:00:01 host kernel: c01234ab
      Jun 10 12:00:01 host kernel: *pde = 00000000
      Jun 10 12:00:01 host kernel: Oops: 0000 [#1]
      Jun 10 12:00:01 host kernel: SMP
      Jun 10 12:00:01 host kernel: Modules linked in: nfs lockd
      Jun 10 12:00:01 host kernel: CPU:    1
      Jun 10 12:00:01 host kernel: EIP:    0060:[<c01234ab>]    Not tainted VLI
      Jun 10 12:00:01 host kernel: EFLAGS: 00010246   (2.6.22.1 #1)
      Jun 10 12:00:01 host kernel: EIP is at nfs_foo+0x1b/0x40 [nfs]
      Jun 10 12:00:01 host kernel: eax: 00000000   ebx: f6e2df00   ecx: 00000000   edx: 00000000
      Jun 10 12:00:01 host kernel: Process bash (pid: 3000, ti=f6e2c000 task=f7c8a030 task.ti=f6e2c000)
      Jun 10 12:00:01 host kernel: Stack: 00000000 f6e2df00 c012345b
      Jun 10 12:00:01 host kernel: Call Trace:
      Jun 10 12:00:01 host kernel:  [<c0104b8a>] show_trace_log_lvl+0x1a/0x30
      Jun 10 12:00:01 host kernel:  [<c012345b>] nfs_bar+0x3b/0x50 [nfs]
      Jun 10 12:00:01 host kernel:  =======================
      Jun 10 12:00:01 host kernel: Code: 8b 45 08 <8b> 00 5d c3
      Jun 10 12:00:01 host kernel: EIP: [<c01234ab>] nfs_foo+0x1b/0x40 [nfs] SS:ESP 0068:f6e2df00
    `),
    expected: { kind: 'bad-access', culprit: 'nfs_foo', cpu: 1, pid: 3000 },
  },
  {
    detector: 'atomic-sleep',
    variant: '2.6 `BUG: scheduling while atomic: comm/pid/0x...` with no CPU line: the task from the header',
    kernel: '2.6.20',
    arch: 'i386',
    source: 'kernel/sched.c',
    log: log(`
      Jun 10 12:00:01 host kernel: BUG: scheduling while atomic: events/0/8/0x10000100
      Jun 10 12:00:01 host kernel:  [<c0104f2e>] show_trace_log_lvl+0x1a/0x2f
      Jun 10 12:00:01 host kernel:  [<c0105568>] dump_stack+0x16/0x18
      Jun 10 12:00:01 host kernel:  [<c02fbc44>] schedule+0x44/0x6a0
      Jun 10 12:00:01 host kernel:  [<f8a5e0b6>] usb_foo_wait+0x4b6/0x7c0 [usbcore]
      Jun 10 12:00:01 host kernel:  [<c012a8f2>] run_timer_softirq+0x102/0x160
      Jun 10 12:00:01 host kernel:  =======================
    `),
    expected: { kind: 'atomic-sleep', culprit: 'usb_foo_wait', cpu: null, pid: 8 },
  },
  {
    detector: 'warning',
    variant: '`WARNING: at FILE:LINE` with no function, site in the NIP line',
    kernel: '3.10 (RHEL 7)',
    arch: 'ppc64',
    source: 'lib/bug.c',
    log: log(`
      [ 4521.367544] ------------[ cut here ]------------
      [ 4521.367561] WARNING: at fs/xfs/xfs_aops.c:1244
      [ 4521.367566] Modules linked in: xfs libcrc32c sg ibmvscsi
      [ 4521.367611] CPU: 3 PID: 4211 Comm: kswapd0 Not tainted 3.10.0-327.el7.ppc64 #1
      [ 4521.367615] task: c0000003f0a41a60 ti: c0000003f0ab4000 task.ti: c0000003f0ab4000
      [ 4521.367619] NIP: d000000001c41e14 LR: d000000001c41dfc CTR: c00000000024b9d0
      [ 4521.367624] REGS: c0000003f0ab7530 TRAP: 0700   Not tainted  (3.10.0-327.el7.ppc64)
      [ 4521.367628] MSR: 8000000100029032 <SF,EE,ME,IR,DR,RI>  CR: 24042048  XER: 00000000
      [ 4521.367642] NIP [d000000001c41e14] .xfs_vm_releasepage+0xc4/0x140 [xfs]
      [ 4521.367652] LR [d000000001c41dfc] .xfs_vm_releasepage+0xac/0x140 [xfs]
      [ 4521.367655] Call Trace:
      [ 4521.367659] [c0000003f0ab77b0] [d000000001c41dfc] .xfs_vm_releasepage+0xac/0x140 [xfs] (unreliable)
      [ 4521.367668] [c0000003f0ab7840] [c00000000021b7a4] .try_to_release_page+0x74/0xb0
      [ 4521.367675] [c0000003f0ab78b0] [c00000000023429c] .shrink_page_list+0xb2c/0xce0
      [ 4521.367682] [c0000003f0ab7a20] [c000000000234b8c] .shrink_inactive_list+0x26c/0x640
      [ 4521.367689] [c0000003f0ab7b20] [c000000000235788] .shrink_lruvec+0x4a8/0x7c0
      [ 4521.367696] [c0000003f0ab7c60] [c000000000236f40] .kswapd+0x620/0xbd0
      [ 4521.367703] [c0000003f0ab7db0] [c0000000000fc5e8] .kthread+0xe8/0xf0
      [ 4521.367710] [c0000003f0ab7e30] [c00000000000a3e4] .ret_from_kernel_thread+0x5c/0x78
      [ 4521.367714] Instruction dump:
      [ 4521.367718] 60000000 e8010010 7c0803a6 4e800020 60000000 60000000 3d200080 7c0a4838
      [ 4521.367730] ---[ end trace 2b2a6e4b1e43b1a9 ]---
    `),
    expected: { kind: 'warning', culprit: 'xfs_vm_releasepage', cpu: 3, pid: 4211 },
    frames: [
      { line: '[c0000003f0ab7840] [c00000000021b7a4] .try_to_release_page+0x74/0xb0', function: 'try_to_release_page', module: null },
      { line: '[c0000003f0ab77b0] [d000000001c41dfc] .xfs_vm_releasepage+0xac/0x140 [xfs] (unreliable)', function: 'xfs_vm_releasepage', module: 'xfs' },
    ],
  },
  {
    detector: 'warning',
    variant: '`WARNING: at FILE:LINE` with the function wrapped onto the next line',
    kernel: '3.10 (RHEL 7)',
    arch: 'arm64',
    source: 'lib/bug.c',
    log: log(`
      [ 1021.118204] ------------[ cut here ]------------
      [ 1021.118215] WARNING: at drivers/net/ethernet/hisilicon/hns/hns_enet.c:1210
      [ 1021.118219]  hns_nic_net_timeout+0x8c/0xa0 [hns_enet_drv]()
      [ 1021.118231] Modules linked in: hns_enet_drv hns_dsaf hnae
      [ 1021.118260] CPU: 5 PID: 0 Comm: swapper/5 Not tainted 4.5.0-15.el7.aarch64 #1
      [ 1021.118266] PC is at hns_nic_net_timeout+0x8c/0xa0 [hns_enet_drv]
      [ 1021.118271] LR is at hns_nic_net_timeout+0x80/0xa0 [hns_enet_drv]
      [ 1021.118275] pc : [<fffffdfffc8a3c4c>] lr : [<fffffdfffc8a3c40>] pstate: 60000145
      [ 1021.118280] sp : fffffe03fffd3d90
      [ 1021.118330] Call trace:
      [ 1021.118336] [<fffffdfffc8a3c4c>] hns_nic_net_timeout+0x8c/0xa0 [hns_enet_drv]
      [ 1021.118345] [<fffffe00007b0e28>] dev_watchdog+0x2a8/0x2b0
      [ 1021.118352] [<fffffe0000119c94>] call_timer_fn+0x6c/0x160
      [ 1021.118358] [<fffffe0000119f80>] run_timer_softirq+0x1f8/0x2b8
      [ 1021.118364] [<fffffe00000c8b8c>] __do_softirq+0x11c/0x280
      [ 1021.118420] ---[ end trace 49e3b6f9b0e6b2c0 ]---
    `),
    expected: { kind: 'warning', culprit: 'hns_nic_net_timeout', cpu: 5, pid: 0 },
  },
  {
    detector: 'warning',
    variant: '`WARNING: at FILE:LINE func+o/s [mod]()`',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'kernel/panic.c',
    log: log(`
      Jan 12 03:14:07 db04 kernel: ------------[ cut here ]------------
      Jan 12 03:14:07 db04 kernel: WARNING: at net/sched/sch_generic.c:261 dev_watchdog+0x26b/0x280() (Not tainted)
      Jan 12 03:14:07 db04 kernel: Hardware name: ProLiant DL380 G7
      Jan 12 03:14:07 db04 kernel: NETDEV WATCHDOG: eth0 (bnx2): transmit queue 0 timed out
      Jan 12 03:14:07 db04 kernel: Modules linked in: bnx2 nfs lockd
      Jan 12 03:14:07 db04 kernel: Pid: 0, comm: swapper Not tainted 2.6.32-431.el6.x86_64 #1
      Jan 12 03:14:07 db04 kernel: Call Trace:
      Jan 12 03:14:07 db04 kernel: <IRQ>  [<ffffffff81071e27>] ? warn_slowpath_common+0x87/0xc0
      Jan 12 03:14:07 db04 kernel: [<ffffffff81071f16>] ? warn_slowpath_fmt+0x46/0x50
      Jan 12 03:14:07 db04 kernel: [<ffffffff8147c4eb>] ? dev_watchdog+0x26b/0x280
      Jan 12 03:14:07 db04 kernel: [<ffffffff81084b07>] ? run_timer_softirq+0x197/0x340
      Jan 12 03:14:07 db04 kernel: [<ffffffff8107a8e1>] ? __do_softirq+0xc1/0x1e0
      Jan 12 03:14:07 db04 kernel: ---[ end trace 8a1e1d6b5b7a3f21 ]---
    `),
    expected: { kind: 'warning', culprit: 'dev_watchdog', cpu: null, pid: 0 },
  },
  {
    detector: 'warning',
    variant: '`WARNING: at FILE:LINE func+o/s [mod]()` with a module',
    kernel: '3.0 (SLES 11)',
    arch: 'x86_64',
    source: 'kernel/panic.c',
    log: log(`
      [81234.117301] ------------[ cut here ]------------
      [81234.117310] WARNING: at /usr/src/packages/BUILD/kernel-default-3.0.101/linux-3.0/fs/xfs/xfs_aops.c:1091 xfs_vm_releasepage+0xc3/0xf0 [xfs]()
      [81234.117316] Modules linked in: xfs exportfs
      [81234.117330] Pid: 52, comm: kswapd0 Tainted: G        W  X 3.0.101-63-default #1
      [81234.117333] Call Trace:
      [81234.117345]  [<ffffffff81004935>] dump_trace+0x75/0x300
      [81234.117352]  [<ffffffff81463f8f>] dump_stack+0x69/0x6f
      [81234.117359]  [<ffffffff8106233b>] warn_slowpath_common+0x7b/0xc0
      [81234.117380]  [<ffffffffa03b4d03>] xfs_vm_releasepage+0xc3/0xf0 [xfs]
      [81234.117390]  [<ffffffff810f7a02>] shrink_page_list+0x5a2/0x950
      [81234.117396]  [<ffffffff810f8313>] shrink_inactive_list+0x173/0x4d0
      [81234.117420] ---[ end trace 3b1f60d1c2e9d7f4 ]---
    `),
    expected: { kind: 'warning', culprit: 'xfs_vm_releasepage', cpu: null, pid: 52 },
  },
  {
    detector: 'warning',
    variant: '`WARNING: atFILE` (no space)',
    kernel: '2.6.18 (RHEL 5)',
    arch: 'i386',
    source: 'kernel/panic.c',
    log: log(`
      [  512.220114] WARNING: atnet/ipv4/tcp_input.c:2841 tcp_fastretrans_alert+0x98c/0xaf0()
      [  512.220126] Pid: 3411, comm: ntpd Not tainted 2.6.18-419.el5 #1
      [  512.220130]  [<c0428f71>] warn_on_slowpath+0x47/0x73
      [  512.220140]  [<c05f7e2c>] tcp_fastretrans_alert+0x98c/0xaf0
      [  512.220147]  [<c05f8d3a>] tcp_ack+0xb7a/0xd20
      [  512.220155]  [<c05fb2e1>] tcp_rcv_established+0x6f1/0x7d0
      [  512.220171] ---[ end trace 4f0b9ac7c3c1e2a8 ]---
    `),
    expected: { kind: 'warning', culprit: 'tcp_fastretrans_alert', cpu: null, pid: 3411 },
  },
  {
    detector: 'warning',
    variant: 'powerpc `Badness at FILE:LINE`',
    kernel: '2.6.27',
    arch: 'ppc32',
    source: 'arch/powerpc/kernel/traps.c',
    log: log(`
      [   41.112003] Badness at kernel/mutex.c:207
      [   41.112017] NIP: c036ffe0 LR: c036ffc8 CTR: c0024f04
      [   41.112025] REGS: ef0f9d40 TRAP: 0700   Not tainted  (2.6.27-rc5)
      [   41.112033] MSR: 00021032 <ME,IR,DR>  CR: 24024082  XER: 20000000
      [   41.112045] TASK = ef0b1b40[1087] 'modprobe' THREAD: ef0f8000
      [   41.112121] NIP [c036ffe0] mutex_lock_nested+0x2c8/0x2f4
      [   41.112130] LR [c036ffc8] mutex_lock_nested+0x2b0/0x2f4
      [   41.112136] Call Trace:
      [   41.112142] [ef0f9df0] [c036ffc8] mutex_lock_nested+0x2b0/0x2f4 (unreliable)
      [   41.112155] [ef0f9e30] [f1a4c1b8] gpio_keys_probe+0x78/0x2d0 [gpio_keys]
      [   41.112166] [ef0f9e80] [c0242d58] platform_drv_probe+0x20/0x30
      [   41.112176] [ef0f9e90] [c0240c14] driver_probe_device+0xcc/0x1b4
    `),
    expected: { kind: 'warning', culprit: 'gpio_keys_probe', cpu: null, pid: null },
  },
  {
    detector: 'bad-access',
    variant: 'powerpc `Unable to handle kernel paging request for data at address`, then `Oops: Kernel access of bad area`',
    kernel: '3.10 (RHEL 7)',
    arch: 'ppc64',
    source: 'arch/powerpc/mm/fault.c',
    log: log(`
      [ 8731.220014] Unable to handle kernel paging request for data at address 0x00000010
      [ 8731.220021] Faulting instruction address: 0xd000000003a1c2e8
      [ 8731.220028] Oops: Kernel access of bad area, sig: 11 [#1]
      [ 8731.220031] SMP NR_CPUS=2048 NUMA pSeries
      [ 8731.220036] Modules linked in: nfsd ibmveth
      [ 8731.220069] CPU: 7 PID: 28871 Comm: nfsd Not tainted 3.10.0-514.el7.ppc64 #1
      [ 8731.220074] task: c0000001e3c4b5c0 ti: c0000001e3d60000 task.ti: c0000001e3d60000
      [ 8731.220078] NIP: d000000003a1c2e8 LR: d000000003a1c2c0 CTR: c000000000556f10
      [ 8731.220083] REGS: c0000001e3d63850 TRAP: 0300   Not tainted  (3.10.0-514.el7.ppc64)
      [ 8731.220097] DAR: 0000000000000010, DSISR: 40000000
      [ 8731.220165] NIP [d000000003a1c2e8] .nfsd4_encode_fattr+0x398/0x1610 [nfsd]
      [ 8731.220176] LR [d000000003a1c2c0] .nfsd4_encode_fattr+0x370/0x1610 [nfsd]
      [ 8731.220180] Call Trace:
      [ 8731.220188] [c0000001e3d63ad0] [d000000003a1c2c0] .nfsd4_encode_fattr+0x370/0x1610 [nfsd] (unreliable)
      [ 8731.220199] [c0000001e3d63c60] [d000000003a1da60] .nfsd4_encode_getattr+0x60/0x90 [nfsd]
      [ 8731.220210] [c0000001e3d63d00] [d000000003a23b84] .nfsd4_encode_operation+0xd4/0x220 [nfsd]
      [ 8731.220221] [c0000001e3d63da0] [d000000003a14f2c] .nfsd4_proc_compound+0x35c/0x890 [nfsd]
      [ 8731.220240] Instruction dump:
      [ 8731.220244] 7fa3eb78 4bffec21 e8410028 2fa30000 409effa0 e93f0010 e9290000 e9490010
    `),
    expected: { kind: 'bad-access', culprit: 'nfsd4_encode_fattr', cpu: 7, pid: 28871 },
  },
  {
    detector: 'bad-access',
    variant: 'powerpc `BUG: Kernel NULL pointer dereference on read at`',
    kernel: '5.10',
    arch: 'ppc64le',
    source: 'arch/powerpc/mm/fault.c',
    log: log(`
      [  201.335116] BUG: Kernel NULL pointer dereference on read at 0x00000000
      [  201.335125] Faulting instruction address: 0xc0000000008d1d5c
      [  201.335130] Oops: Kernel access of bad area, sig: 11 [#1]
      [  201.335134] LE PAGE_SIZE=64K MMU=Radix SMP NR_CPUS=2048 NUMA pSeries
      [  201.335163] CPU: 2 PID: 1622 Comm: modprobe Not tainted 5.10.0-rc3 #1
      [  201.335168] NIP:  c0000000008d1d5c LR: c0000000008d1d40 CTR: 0000000000000000
      [  201.335172] REGS: c00000001ed5f6f0 TRAP: 0300   Not tainted  (5.10.0-rc3)
      [  201.335231] NIP [c0000000008d1d5c] strlen+0x1c/0x30
      [  201.335236] LR [c0000000008d1d40] kstrdup+0x40/0xb0
      [  201.335240] Call Trace:
      [  201.335244] [c00000001ed5f9a0] [c00000000045b2d8] kstrdup_const+0x48/0x60 (unreliable)
      [  201.335252] [c00000001ed5f9d0] [c0000000007e2f00] ibmvnic_probe+0x2d0/0x5d0
      [  201.335261] [c00000001ed5fa80] [c0000000000f9d54] vio_bus_probe+0x84/0x1a0
    `),
    expected: { kind: 'bad-access', culprit: 'ibmvnic_probe', cpu: 2, pid: 1622 },
  },
  {
    detector: 'bad-access',
    variant: 'LoongArch `CPU N Unable to handle kernel paging request at virtual address`',
    kernel: '6.1',
    arch: 'loongarch64',
    source: 'arch/loongarch/mm/fault.c',
    log: log(`
      [  315.442090] CPU 3 Unable to handle kernel paging request at virtual address 0000000000000008, era == 9000000002a4b1d4, ra == 9000000002a4b1c0
      [  315.442204] Oops[#1]:
      [  315.442212] CPU: 3 PID: 2210 Comm: kworker/3:1 Not tainted 6.1.0-loongson-3 #1
      [  315.442220] Hardware name: Loongson Loongson-3A5000-7A1000-1w-A2101/Loongson-LS3A5000-7A1000-1w-A2101, BIOS vUDK2018-LoongArch-V2.0.pre-beta8 06/15/2022
      [  315.442226] pc 9000000002a4b1d4 ra 9000000002a4b1c0 tp 900000010a4c8000 sp 900000010a4cbd10
      [  315.442314]    ERA: 9000000002a4b1d4 stmmac_tx_clean+0x74/0x6a0
      [  315.442330]  CRMD: 000000b0 (PLV0 -IE -DA +PG DACM=CC DACF=CC -WE)
      [  315.442400] Call Trace:
      [  315.442404] [<9000000002a4b1d4>] stmmac_tx_clean+0x74/0x6a0
      [  315.442418] [<9000000002a4ba60>] stmmac_napi_poll_tx+0x80/0x180
      [  315.442430] [<90000000030b7a4c>] __napi_poll+0x4c/0x1e0
      [  315.442438] [<90000000030b7f64>] net_rx_action+0x124/0x300
    `),
    expected: { kind: 'bad-access', culprit: 'stmmac_tx_clean', cpu: 3, pid: 2210 },
  },
  {
    detector: 'bad-access',
    variant: '32-bit ARM `Unable to handle kernel NULL pointer dereference at virtual address`, `PC is at`, `(f) from (g)` frames',
    kernel: '4.9',
    arch: 'arm',
    source: 'arch/arm/mm/fault.c',
    log: log(`
      [   12.345678] Unable to handle kernel NULL pointer dereference at virtual address 00000000
      [   12.345700] pgd = c0004000
      [   12.345710] [00000000] *pgd=00000000
      [   12.345720] Internal error: Oops: 5 [#1] PREEMPT SMP ARM
      [   12.345730] Modules linked in: mydrv
      [   12.345740] CPU: 0 PID: 123 Comm: kworker/0:1 Not tainted 4.9.0 #1
      [   12.345750] Hardware name: Generic DT based system
      [   12.345770] PC is at mydrv_probe+0x10/0x20 [mydrv]
      [   12.345780] LR is at platform_drv_probe+0x30/0x40
      [   12.345790] pc : [<bf000010>]    lr : [<c0400400>]    psr: 60000013
      [   12.345800] sp : c6c2fe00  ip : 00000000  fp : c6c2fe1c
      [   12.345820] Process kworker/0:1 (pid: 123, stack limit = 0xc6c2e210)
      [   12.345830] Stack: (0xc6c2fe00 to 0xc6c30000)
      [   12.345840] fe00: 00000000 c6c2fe1c c0400400 bf000010
      [   12.345850] [<bf000010>] (mydrv_probe [mydrv]) from [<c0400400>] (platform_drv_probe+0x30/0x40)
      [   12.345860] [<c0400400>] (platform_drv_probe) from [<c03fe000>] (really_probe+0x1f0/0x2c0)
      [   12.345880] Code: e5933000 e3530000 0a000001 (e5932000)
    `),
    expected: { kind: 'bad-access', culprit: 'mydrv_probe', cpu: 0, pid: 123 },
    frames: [{ line: '[<c0400400>] (platform_drv_probe) from [<c03fe000>] (really_probe+0x1f0/0x2c0)', function: 'platform_drv_probe', module: null }],
  },
  {
    detector: 'bad-access',
    variant: 'RISC-V `Unable to handle kernel NULL pointer dereference at virtual address`, `Oops [#1]`, site in `epc :`',
    kernel: '5.15',
    arch: 'riscv64',
    source: 'arch/riscv/mm/fault.c',
    log: log(`
      [    5.123456] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008
      [    5.123460] Oops [#1]
      [    5.123470] Modules linked in:
      [    5.123480] CPU: 1 PID: 77 Comm: sh Not tainted 5.15.0 #1
      [    5.123490] Hardware name: riscv-virtio,qemu (DT)
      [    5.123500] epc : ext4_readdir+0x10/0x220
      [    5.123510]  ra : iterate_dir+0x6c/0x170
      [    5.123520] epc : ffffffff80300010 ra : ffffffff8020006c sp : ff20000000473d60
      [    5.123540] status: 0000000200000120 badaddr: 0000000000000008 cause: 000000000000000d
      [    5.123550] [<ffffffff80300010>] ext4_readdir+0x10/0x220
      [    5.123560] [<ffffffff8020006c>] iterate_dir+0x6c/0x170
      [    5.123570] [<ffffffff80200300>] __riscv_sys_getdents64+0x70/0xf0
      [    5.123580] [<ffffffff80003190>] ret_from_syscall+0x0/0x2
    `),
    expected: { kind: 'bad-access', culprit: 'ext4_readdir', cpu: 1, pid: 77 },
  },
  {
    detector: 'bad-access',
    variant: 'MIPS `CPU N Unable to handle kernel paging request at virtual address ..., epc == ..., ra == ...`, site in `epc   :`',
    kernel: '4.14 (OpenWrt)',
    arch: 'mips',
    source: 'arch/mips/mm/fault.c',
    log: log(`
      [   33.100000] CPU 0 Unable to handle kernel paging request at virtual address 00000004, epc == 80234567, ra == 80234500
      [   33.100010] Oops[#1]:
      [   33.100020] CPU: 0 PID: 456 Comm: hostapd Not tainted 4.14.180 #0
      [   33.100030] $ 0   : 00000000 00000001 00000000 00000004
      [   33.100060] epc   : 80234567 ath9k_tx+0x17/0x300 [ath9k]
      [   33.100070] ra    : 80234500 ieee80211_tx+0x50/0x100 [mac80211]
      [   33.100090] Cause : 00800008 (ExcCode 02)
      [   33.100100] BadVA : 00000004
      [   33.100120] Modules linked in: ath9k mac80211
      [   33.100130] Process hostapd (pid: 456, threadinfo=8f3c4000, task=8f0a2c80, tls=77f36dd0)
      [   33.100140] Stack : 00000000 00000001 8f3c5d40 80234500
      [   33.100150] Call Trace:
      [   33.100160] [<80234567>] ath9k_tx+0x17/0x300 [ath9k]
      [   33.100170] [<80234500>] ieee80211_tx+0x50/0x100 [mac80211]
      [   33.100180] [<80123400>] dev_hard_start_xmit+0x90/0x1a0
      [   33.100190] Code: 8c820000  10400003  00000000 <8c430004> 03e00008
    `),
    expected: { kind: 'bad-access', culprit: 'ath9k_tx', cpu: 0, pid: 456 },
    frames: [{ line: '[<80234567>] ath9k_tx+0x17/0x300 [ath9k]', function: 'ath9k_tx', module: 'ath9k' }],
  },
  {
    detector: 'bad-access',
    variant: '2.6 x86_64 `Unable to handle kernel NULL pointer dereference at ... RIP:`',
    kernel: '2.6.18 (RHEL 5)',
    arch: 'x86_64',
    source: 'arch/x86_64/mm/fault.c',
    log: log(`
      Mar  3 11:02:41 web2 kernel: Unable to handle kernel NULL pointer dereference at 0000000000000008 RIP:
      Mar  3 11:02:41 web2 kernel:  [<ffffffff8805a0b5>] :ext3:ext3_get_inode_loc+0x1a/0x200
      Mar  3 11:02:41 web2 kernel: PGD 12b4c7067 PUD 12b4d2067 PMD 0
      Mar  3 11:02:41 web2 kernel: Oops: 0000 [1] SMP
      Mar  3 11:02:41 web2 kernel: last sysfs file: /block/sda/removable
      Mar  3 11:02:41 web2 kernel: CPU 1
      Mar  3 11:02:41 web2 kernel: Modules linked in: ext3 jbd
      Mar  3 11:02:41 web2 kernel: Pid: 4417, comm: httpd Not tainted 2.6.18-308.el5 #1
      Mar  3 11:02:41 web2 kernel: RIP: 0010:[<ffffffff8805a0b5>]  [<ffffffff8805a0b5>] :ext3:ext3_get_inode_loc+0x1a/0x200
      Mar  3 11:02:41 web2 kernel: RSP: 0018:ffff81012b4f3c58  EFLAGS: 00010246
      Mar  3 11:02:41 web2 kernel: Call Trace:
      Mar  3 11:02:41 web2 kernel:  [<ffffffff8805a2e4>] :ext3:ext3_reserve_inode_write+0x38/0x90
      Mar  3 11:02:41 web2 kernel:  [<ffffffff8805a364>] :ext3:ext3_mark_inode_dirty+0x28/0x40
      Mar  3 11:02:41 web2 kernel:  [<ffffffff8800c4bb>] :jbd:journal_start+0xc8/0xf0
      Mar  3 11:02:41 web2 kernel:  [<ffffffff800138b4>] __mark_inode_dirty+0x29/0x16e
    `),
    expected: { kind: 'bad-access', culprit: 'ext3_get_inode_loc', cpu: 1, pid: 4417 },
    frames: [{ line: ' [<ffffffff8805a2e4>] :ext3:ext3_reserve_inode_write+0x38/0x90', function: 'ext3_reserve_inode_write', module: 'ext3' }],
  },
  {
    detector: 'cpu-exception',
    variant: '2.6 x86_64 `double fault: 0000 [1]` (no `#`)',
    kernel: '2.6.18 (RHEL 5)',
    arch: 'x86_64',
    source: 'arch/x86_64/kernel/traps.c',
    log: log(`
      [ 9012.400201] double fault: 0000 [1] SMP
      [ 9012.400207] last sysfs file: /devices/pci0000:00/0000:00:1f.3/i2c-0/name
      [ 9012.400211] CPU 2
      [ 9012.400214] Modules linked in: bonding e1000e
      [ 9012.400240] Pid: 30122, comm: java Tainted: G      2.6.18-194.el5 #1
      [ 9012.400244] RIP: 0010:[<ffffffff8006d29a>]  [<ffffffff8006d29a>] :bonding:bond_3ad_xmit_xor+0x1ea/0x2d0
      [ 9012.400252] RSP: 0018:ffff810232c1e000  EFLAGS: 00010086
      [ 9012.400290] Call Trace:
      [ 9012.400296]  [<ffffffff80063002>] thread_return+0x62/0xfe
      [ 9012.400302]  [<ffffffff8006e1d7>] do_gettimeofday+0x40/0x90
    `),
    expected: { kind: 'cpu-exception', culprit: 'bond_3ad_xmit_xor', cpu: 2, pid: 30122 },
  },
  {
    detector: 'cpu-exception',
    variant: 'arm64 `Internal error: Oops - Undefined instruction` (any case)',
    kernel: '6.6',
    arch: 'arm64',
    source: 'arch/arm64/kernel/traps.c',
    log: log(`
      [  88.921355] Internal error: Oops - Undefined instruction: 0000000002000000 [#1] PREEMPT SMP
      [  88.929672] Modules linked in: panfrost gpu_sched
      [  88.940311] CPU: 4 PID: 611 Comm: weston Not tainted 6.6.0-rc4 #1
      [  88.947119] Hardware name: Radxa ROCK 5B (DT)
      [  88.951546] pstate: 60400009 (nZCv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
      [  88.958552] pc : panfrost_job_push+0x1c4/0x2f0 [panfrost]
      [  88.963930] lr : panfrost_job_push+0x1a8/0x2f0 [panfrost]
      [  88.969310] sp : ffff80008a2b3a60
      [  89.006740] Call trace:
      [  89.009183]  panfrost_job_push+0x1c4/0x2f0 [panfrost]
      [  89.014284]  panfrost_ioctl_submit+0x25c/0x300 [panfrost]
      [  89.019742]  drm_ioctl_kernel+0xc4/0x170
      [  89.023675]  drm_ioctl+0x1f8/0x440
      [  89.027088]  __arm64_sys_ioctl+0xa8/0xf0
    `),
    expected: { kind: 'cpu-exception', culprit: 'panfrost_job_push', cpu: 4, pid: 611 },
  },
  {
    detector: 'spinlock-bug',
    variant: '`BUG: spinlock lockup on CPU#N` (no "suspected")',
    kernel: '2.6.32',
    arch: 'x86_64',
    source: 'lib/spinlock_debug.c',
    log: log(`
      [ 4102.550317] BUG: spinlock lockup on CPU#1, kjournald/1520, ffff88007d4a5d40
      [ 4102.550328] Pid: 1520, comm: kjournald Not tainted 2.6.32-5-amd64 #1
      [ 4102.550333] Call Trace:
      [ 4102.550342]  [<ffffffff811ac3b5>] _raw_spin_lock+0x108/0x11d
      [ 4102.550350]  [<ffffffff812f23f1>] _spin_lock_irqsave+0x3a/0x46
      [ 4102.550358]  [<ffffffffa01b1cf2>] ata_scsi_queuecmd+0x2c/0x320 [libata]
      [ 4102.550366]  [<ffffffff81215c40>] scsi_dispatch_cmd+0x1c0/0x23c
    `),
    expected: { kind: 'spinlock-bug', culprit: 'ata_scsi_queuecmd', cpu: 1, pid: 1520 },
  },
  {
    detector: 'soft-lockup',
    variant: '2.6 `BUG: soft lockup detected on CPU#N!`',
    kernel: '2.6.18 (RHEL 5)',
    arch: 'x86_64',
    source: 'kernel/softlockup.c',
    log: log(`
      Sep 17 04:12:09 nfs1 kernel: BUG: soft lockup detected on CPU#3!
      Sep 17 04:12:09 nfs1 kernel:
      Sep 17 04:12:09 nfs1 kernel: Call Trace:
      Sep 17 04:12:09 nfs1 kernel:  <IRQ>  [<ffffffff800b63c5>] softlockup_tick+0xdb/0xed
      Sep 17 04:12:09 nfs1 kernel:  [<ffffffff800933cd>] update_process_times+0x42/0x68
      Sep 17 04:12:09 nfs1 kernel:  [<ffffffff80074750>] smp_local_timer_interrupt+0x23/0x47
      Sep 17 04:12:09 nfs1 kernel:  [<ffffffff8005dc8e>] apic_timer_interrupt+0x66/0x6c
      Sep 17 04:12:09 nfs1 kernel:  <EOI>  [<ffffffff8858c1f4>] :nfs:nfs_access_cache_shrinker+0x6a/0x1c0
      Sep 17 04:12:09 nfs1 kernel:  [<ffffffff8003f6a5>] shrink_slab+0xdc/0x153
      Sep 17 04:12:09 nfs1 kernel:  [<ffffffff800cde59>] try_to_free_pages+0x1c8/0x2d6
    `),
    expected: { kind: 'soft-lockup', culprit: 'nfs_access_cache_shrinker', cpu: 3, pid: null },
  },
  {
    detector: 'soft-lockup',
    variant: 'a header whose task has a negative PID',
    kernel: '4.19',
    arch: 'x86_64',
    source: 'kernel/watchdog.c',
    log: log(`
      [ 7744.120031] watchdog: BUG: soft lockup - CPU#6 stuck for 23s! [vhost-4110:-1]
      [ 7744.120120] CPU: 6 PID: -1 Comm: vhost-4110 Tainted: G             L    4.19.0-6-amd64 #1
      [ 7744.120131] RIP: 0010:vhost_net_buf_peek+0x51/0x90 [vhost_net]
      [ 7744.120200] Call Trace:
      [ 7744.120211]  handle_rx+0xb3/0xa90 [vhost_net]
      [ 7744.120220]  vhost_worker+0xc4/0x130 [vhost]
      [ 7744.120228]  kthread+0x112/0x130
    `),
    expected: { kind: 'soft-lockup', culprit: 'vhost_net_buf_peek', cpu: 6, pid: -1 },
  },
  {
    detector: 'suspicious-rcu',
    variant: '2.6 `[ INFO: suspicious rcu_dereference_check() usage. ]`',
    kernel: '2.6.35',
    arch: 'x86_64',
    source: 'kernel/lockdep.c',
    log: log(`
      [   12.744110] ===================================================
      [   12.744113] [ INFO: suspicious rcu_dereference_check() usage. ]
      [   12.744115] ---------------------------------------------------
      [   12.744118] net/mac80211/sta_info.c:886 invoked rcu_dereference_check() without protection!
      [   12.744121]
      [   12.744122] other info that might help us debug this:
      [   12.744123]
      [   12.744126] rcu_scheduler_active = 1, debug_locks = 1
      [   12.744128] 1 lock held by wpa_supplicant/1910:
      [   12.744130]  #0:  (rtnl_mutex){+.+.+.}, at: [<ffffffff8139b7a0>] rtnl_lock+0x17/0x19
      [   12.744140]
      [   12.744141] stack backtrace:
      [   12.744144] Pid: 1910, comm: wpa_supplicant Not tainted 2.6.35-rc1 #1
      [   12.744146] Call Trace:
      [   12.744152]  [<ffffffff81079c24>] lockdep_rcu_dereference+0x9d/0xa5
      [   12.744160]  [<ffffffffa02c6c58>] ieee80211_find_sta_by_hw+0xb8/0x140 [mac80211]
      [   12.744168]  [<ffffffffa02d1a01>] ieee80211_set_tim+0x21/0x60 [mac80211]
      [   12.744176]  [<ffffffffa02c7bb0>] sta_info_destroy+0x70/0x1c0 [mac80211]
    `),
    expected: { kind: 'suspicious-rcu', culprit: 'ieee80211_find_sta_by_hw', cpu: null, pid: 1910 },
  },
  {
    detector: 'mce',
    variant: '2.6 `CPU N: Machine Check Exception:` with `Bank N:` on the next line',
    kernel: '2.6.18 (RHEL 5)',
    arch: 'x86_64',
    source: 'arch/x86_64/kernel/mce.c',
    log: log(`
      [ 6612.001217] CPU 2: Machine Check Exception: 0000000000000004
      [ 6612.001224] Bank 4: b200000000070f0f at 0000000212345000
      [ 6612.001230] Kernel panic - not syncing: Machine check
    `),
    expected: { kind: 'mce', culprit: null, cpu: 2, pid: null },
  },
  {
    detector: 'mce',
    variant: 'powerpc `Oops: Machine check, sig: 7`',
    kernel: '4.14',
    arch: 'ppc32',
    source: 'arch/powerpc/kernel/traps.c',
    log: log(`
      [  530.114102] Machine check in kernel mode.
      [  530.114110] Caused by (from SRR1=41000): Transfer error ack signal
      [  530.114118] Oops: Machine check, sig: 7 [#1]
      [  530.114121] BE PREEMPT CMPC885
      [  530.114130] CPU: 0 PID: 412 Comm: app Not tainted 4.14.90 #1
      [  530.114137] NIP:  c0201da4 LR: c0201d90 CTR: 00000000
      [  530.114190] NIP [c0201da4] fsl_spi_cpu_bufs+0x44/0x60
      [  530.114198] Call Trace:
      [  530.114204] [c7b3bd70] [c0201f2c] fsl_spi_bufs.isra.3+0x114/0x170
    `),
    expected: { kind: 'mce', culprit: null, cpu: 0, pid: 412 },
  },
  {
    detector: 'mce',
    variant: 'arm64 `SError Interrupt on CPUn`',
    kernel: '5.15',
    arch: 'arm64',
    source: 'arch/arm64/kernel/traps.c',
    log: log(`
      [ 1320.552115] SError Interrupt on CPU5, code 0x00000000bf000002 -- SError
      [ 1320.552123] CPU: 5 PID: 0 Comm: swapper/5 Not tainted 5.15.0-1012-raspi #14
      [ 1320.552130] Hardware name: Raspberry Pi 4 Model B Rev 1.4 (DT)
      [ 1320.552136] pstate: 60400009 (nZCv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
      [ 1320.552143] pc : cpuidle_enter_state+0xc8/0x3b0
      [ 1320.552200] Kernel panic - not syncing: Asynchronous SError Interrupt
    `),
    expected: { kind: 'mce', culprit: null, cpu: 5, pid: 0 },
  },
  {
    detector: 'cfi-failure',
    variant: 'kCFI `CFI failure at SITE (target: ...; expected type: ...)`, then `invalid opcode`',
    kernel: '6.1',
    arch: 'x86_64',
    source: 'kernel/cfi.c',
    log: log(`
      [  402.118871] CFI failure at nf_hook_slow+0x5e/0x110 (target: ebt_broute+0x0/0x80 [ebtable_broute]; expected type: 0x8d1d5e17)
      [  402.118899] invalid opcode: 0000 [#1] PREEMPT SMP NOPTI
      [  402.118905] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 6.1.0-cfi #1
      [  402.118912] RIP: 0010:nf_hook_slow+0x5e/0x110
      [  402.118920] Call Trace:
      [  402.118923]  <IRQ>
      [  402.118926]  br_handle_frame+0x1f4/0x390 [bridge]
      [  402.118940]  __netif_receive_skb_core+0x2b3/0xd60
      [  402.118948]  __netif_receive_skb_one_core+0x3c/0x90
    `),
    expected: { kind: 'cfi-failure', culprit: 'nf_hook_slow', cpu: 1, pid: 0 },
  },
  {
    detector: 'cfi-failure',
    variant: 'arm64 `Internal error: Oops - CFI` (the CFI line lost)',
    kernel: '6.6',
    arch: 'arm64',
    source: 'arch/arm64/kernel/traps.c',
    log: log(`
      [  51.224101] Internal error: Oops - CFI: 00000000f2008228 [#1] PREEMPT SMP
      [  51.231322] CPU: 0 PID: 1123 Comm: binder:1123_2 Tainted: G           OE      6.6.30-android15 #1
      [  51.240871] pc : binder_transaction_buffer_release+0x1c4/0x330
      [  51.246802] lr : binder_transaction_buffer_release+0x1b0/0x330
      [  51.252732] Call trace:
      [  51.255180]  binder_transaction_buffer_release+0x1c4/0x330
      [  51.260761]  binder_free_buf+0x54/0x108
      [  51.264698]  binder_thread_write+0x4a4/0x1760
    `),
    expected: { kind: 'cfi-failure', culprit: 'binder_transaction_buffer_release', cpu: 0, pid: 1123 },
  },
  {
    detector: 'cfi-failure',
    variant: 'clang CFI `CFI failure (target: ...):` then a WARN in kernel/cfi.c',
    kernel: '5.10 (Android)',
    arch: 'arm64',
    source: 'kernel/cfi.c',
    log: log(`
      [   21.550312] CFI failure (target: wlan_hdd_cfg80211_scan+0x0/0x48 [wlan]):
      [   21.550330] WARNING: CPU: 2 PID: 955 at kernel/cfi.c:29 __cfi_check_fail+0x38/0x40
      [   21.550402] CPU: 2 PID: 955 Comm: wpa_supplicant Tainted: G        W  O      5.10.66-android12 #1
      [   21.550408] pc : __cfi_check_fail+0x38/0x40
      [   21.550414] lr : __cfi_check_fail+0x38/0x40
      [   21.550420] Call trace:
      [   21.550423]  __cfi_check_fail+0x38/0x40
      [   21.550430]  __cfi_slowpath_diag+0x140/0x1d0
      [   21.550436]  rdev_scan+0x90/0x1a8
      [   21.550441]  nl80211_trigger_scan+0x7f4/0x828
    `),
    expected: { kind: 'cfi-failure', culprit: 'rdev_scan', cpu: 2, pid: 955 },
  },
  {
    detector: 'slab-corruption',
    variant: 'SLUB `BUG <cache> (Tainted: ...): Poison overwritten`, blamed on who freed it',
    kernel: '4.18 (RHEL 8)',
    arch: 'x86_64',
    source: 'mm/slub.c',
    log: log(`
      [ 3301.772915] =============================================================================
      [ 3301.772919] BUG kmalloc-256 (Tainted: G           OE    --------- -  -): Poison overwritten
      [ 3301.772921] -----------------------------------------------------------------------------
      [ 3301.772921]
      [ 3301.772923] INFO: 0x000000005e3b0c41-0x00000000d6b1b08d. First byte 0x6a instead of 0x6b
      [ 3301.772930] INFO: Allocated in mlx5e_alloc_rq+0x2a1/0x7e0 [mlx5_core] age=1812 cpu=4 pid=2211
      [ 3301.772990] INFO: Freed in mlx5e_free_rq+0x55/0x90 [mlx5_core] age=40 cpu=4 pid=2211
      [ 3301.773040] INFO: Slab 0x00000000a9b4d4f2 objects=32 used=32 fp=0x          (null) flags=0x17ffffc0008100
      [ 3301.773043] INFO: Object 0x00000000ec6f2f5e @offset=3328 fp=0x000000001b2d39c8
      [ 3301.773045]
      [ 3301.773048] Object 00000000ec6f2f5e: 6b 6b 6b 6b 6a 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b  kkkkjkkkkkkkkkkk
      [ 3301.773080] Redzone 00000000a3c1e7f5: bb bb bb bb bb bb bb bb                          ........
      [ 3301.773083] Padding 000000002ad0e9b3: 5a 5a 5a 5a 5a 5a 5a 5a                          ZZZZZZZZ
      [ 3301.773087] CPU: 4 PID: 2230 Comm: kworker/4:2 Tainted: G    B      OE    --------- -  - 4.18.0-305.el8.x86_64 #1
      [ 3301.773090] Call Trace:
      [ 3301.773096]  dump_stack+0x5c/0x80
      [ 3301.773101]  check_bytes_and_report.cold.69+0x3f/0x6b
      [ 3301.773105]  check_object+0x17c/0x280
      [ 3301.773109]  alloc_debug_processing+0xc5/0x100
      [ 3301.773112]  ___slab_alloc+0x5f6/0x640
      [ 3301.773130]  __kmalloc+0x1b1/0x200
      [ 3301.773135]  nvme_alloc_iod+0x3a/0x90 [nvme]
      [ 3301.773150] FIX kmalloc-256: Restoring 0x000000005e3b0c41-0x00000000d6b1b08d=0x6b
    `),
    expected: { kind: 'slab-corruption', culprit: 'mlx5e_free_rq', cpu: 4, pid: 2230 },
  },
  {
    detector: 'slab-corruption',
    variant: '2.6 SLUB `BUG <cache>: Redzone overwritten` (no taint), blamed on who allocated it',
    kernel: '2.6.25',
    arch: 'i386',
    source: 'mm/slub.c',
    log: log(`
      [  602.114092] =============================================================================
      [  602.114096] BUG kmalloc-64: Redzone overwritten
      [  602.114099] -----------------------------------------------------------------------------
      [  602.114101]
      [  602.114103] INFO: 0xf5c3e040-0xf5c3e043. First byte 0x0 instead of 0xcc
      [  602.114110] INFO: Allocated in usb_alloc_urb+0x17/0x40 age=3 cpu=0 pid=1873
      [  602.114118] INFO: Freed in kobject_uevent_env+0x2e6/0x3a0 age=90 cpu=0 pid=1402
      [  602.114125] INFO: Slab 0xc181c7c0 used=31 fp=0xf5c3e7b0 flags=0x400000c3
      [  602.114130] INFO: Object 0xf5c3e000 @offset=0 fp=0xf5c3e050
      [  602.114140] Pid: 1873, comm: usb-storage Not tainted 2.6.25-rc3 #1
      [  602.114143]  [<c01722b0>] print_trailer+0xe0/0x110
      [  602.114150]  [<c0172452>] check_bytes_and_report+0x92/0xb0
      [  602.114160]  [<c0172a83>] check_object+0x93/0x1e0
      [  602.114170]  [<c0173a3e>] __slab_free+0x17e/0x2a0
      [  602.114180]  [<c0173ddf>] kfree+0x7f/0xa0
      [  602.114190]  [<f8a4c1b2>] usb_stor_bulk_transfer_sglist+0x82/0xd0 [usb_storage]
      [  602.114200] FIX kmalloc-64: Restoring 0xf5c3e040-0xf5c3e043=0xcc
    `),
    expected: { kind: 'slab-corruption', culprit: 'usb_alloc_urb', cpu: null, pid: 1873 },
  },
  {
    detector: 'slab-corruption',
    variant: 'SLUB `BUG <cache> (Not tainted): Objects remaining`, blamed on who destroyed the cache',
    kernel: '5.4',
    arch: 'x86_64',
    source: 'mm/slub.c',
    log: log(`
      [ 1190.441203] =============================================================================
      [ 1190.441208] BUG nf_conntrack_expect (Not tainted): Objects remaining in nf_conntrack_expect on __kmem_cache_shutdown()
      [ 1190.441211] -----------------------------------------------------------------------------
      [ 1190.441211]
      [ 1190.441214] INFO: Slab 0x00000000c9e3ed5d objects=36 used=1 fp=0x000000004b2d7f55 flags=0x17ffffc0000200
      [ 1190.441218] CPU: 2 PID: 16512 Comm: modprobe Not tainted 5.4.0-42-generic #46
      [ 1190.441222] Call Trace:
      [ 1190.441230]  dump_stack+0x6d/0x9a
      [ 1190.441235]  slab_err+0xb7/0xdc
      [ 1190.441240]  __kmem_cache_shutdown.cold+0x3a/0x14e
      [ 1190.441248]  shutdown_cache+0x13/0x1b0
      [ 1190.441252]  kmem_cache_destroy+0x231/0x260
      [ 1190.441258]  nf_conntrack_expect_fini+0x1b/0x20 [nf_conntrack]
      [ 1190.441266]  nf_conntrack_cleanup_end+0x53/0x70 [nf_conntrack]
      [ 1190.441272]  nf_conntrack_standalone_fini+0x21/0x4d1 [nf_conntrack]
      [ 1190.441280]  __x64_sys_delete_module+0x147/0x290
      [ 1190.441288] INFO: Object 0x000000006d5c9f3e @offset=2816
    `),
    expected: { kind: 'slab-corruption', culprit: 'nf_conntrack_expect_fini', cpu: 2, pid: 16512 },
  },
  {
    detector: 'slab-corruption',
    variant: 'SLAB `Slab corruption (Not tainted): <cache> start=..., len=...`, blamed on the last user',
    kernel: '3.10',
    arch: 'x86_64',
    source: 'mm/slab.c',
    log: log(`
      [ 2411.331402] Slab corruption (Not tainted): kmalloc-512 start=ffff8800a61f3800, len=512
      [ 2411.331409] Redzone: 0x9f911029d74e35b/0x9f911029d74e35b.
      [ 2411.331412] Last user: [<ffffffffa02b4e6d>](sd_remove+0x5d/0x90 [sd_mod])
      [ 2411.331420] 0d0: 6b 6b 6b 6b 6b 6b 6b 6b 00 00 00 00 6b 6b 6b 6b  kkkkkkkk....kkkk
      [ 2411.331426] Prev obj: start=ffff8800a61f3590, len=512
      [ 2411.331429] Redzone: 0x9f911029d74e35b/0x9f911029d74e35b.
      [ 2411.331432] Last user: [<ffffffff8136b8c9>](kfree_skbmem+0x59/0x60)
      [ 2411.331436] 000: 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00  ................
    `),
    expected: { kind: 'slab-corruption', culprit: 'sd_remove', cpu: null, pid: null },
  },
  {
    detector: 'lockdep',
    variant: '`BUG: looking up invalid subclass`',
    kernel: '4.9',
    arch: 'x86_64',
    source: 'kernel/locking/lockdep.c',
    log: log(`
      [  77.302117] BUG: looking up invalid subclass: 8
      [  77.302121] turning off the locking correctness validator.
      [  77.302127] CPU: 0 PID: 5111 Comm: syz-executor3 Not tainted 4.9.0+ #1
      [  77.302133] Call Trace:
      [  77.302140]  dump_stack+0x83/0xb2
      [  77.302148]  register_lock_class+0x3b0/0x4a0
      [  77.302155]  __lock_acquire+0x9a/0x1510
      [  77.302162]  lock_acquire+0x12e/0x2b0
      [  77.302169]  _raw_spin_lock_nested+0x31/0x40
      [  77.302177]  sctp_sock_migrate+0x2dc/0x4b0
      [  77.302185]  sctp_accept+0x1f4/0x2c0
      [  77.302192]  inet_accept+0x8b/0x2b0
    `),
    expected: { kind: 'lockdep', culprit: 'sctp_sock_migrate', cpu: 0, pid: 5111 },
  },
  {
    detector: 'bad-page-state',
    variant: '`BUG: Bad page cache in process`',
    kernel: '4.14',
    arch: 'x86_64',
    source: 'mm/filemap.c',
    log: log(`
      [ 1202.554123] BUG: Bad page cache in process syz-executor5  pfn:1d6e00
      [ 1202.554130] page:ffffea00075b8000 count:3 mapcount:1 mapping:ffff8801c8f2a2e0 index:0x0
      [ 1202.554136] flags: 0x2fffc0000000029(locked|uptodate|lru)
      [ 1202.554140] raw: 02fffc0000000029 ffff8801c8f2a2e0 0000000000000000 0000000300000000
      [ 1202.554146] page dumped because: still mapped when deleted
      [ 1202.554152] CPU: 1 PID: 9012 Comm: syz-executor5 Tainted: G    B           4.14.0+ #1
      [ 1202.554156] Call Trace:
      [ 1202.554160]  dump_stack+0x194/0x257
      [ 1202.554168]  __delete_from_page_cache+0x1e1/0xcd0
      [ 1202.554175]  delete_from_page_cache+0x100/0x1f0
      [ 1202.554182]  truncate_inode_page+0x12c/0x1e0
      [ 1202.554190]  shmem_undo_range+0x7b7/0x1fe0
      [ 1202.554198]  shmem_truncate_range+0x27/0xa0
    `),
    expected: { kind: 'bad-page-state', culprit: 'shmem_undo_range', cpu: 1, pid: 9012 },
  },
  {
    detector: 'warning',
    variant: '`RTNL: assertion failed at FILE (LINE)` with dump_stack() only',
    kernel: '2.6.32',
    arch: 'x86_64',
    source: 'include/linux/rtnetlink.h',
    log: log(`
      [ 9910.331204] RTNL: assertion failed at net/core/dev.c (4336)
      [ 9910.331210] Pid: 2881, comm: bond-monitor Not tainted 2.6.32-5-amd64 #1
      [ 9910.331213] Call Trace:
      [ 9910.331221]  [<ffffffff81273c52>] ? dump_stack+0x0/0x2
      [ 9910.331228]  [<ffffffff81273e1a>] dev_set_promiscuity+0x2a/0x80
      [ 9910.331236]  [<ffffffffa0331b41>] bond_change_active_slave+0x1c1/0x440 [bonding]
      [ 9910.331244]  [<ffffffffa0332a55>] bond_select_active_slave+0xe5/0x120 [bonding]
      [ 9910.331252]  [<ffffffffa0333eb2>] bond_mii_monitor+0x3b2/0x5a0 [bonding]
    `),
    expected: { kind: 'warning', culprit: 'dev_set_promiscuity', cpu: null, pid: 2881 },
  },
  {
    detector: 'warning',
    variant: '`sysctl table check failed:` with dump_stack() only',
    kernel: '2.6.24',
    arch: 'i386',
    source: 'kernel/sysctl_check.c',
    log: log(`
      [   14.881020] sysctl table check failed: /net/ipv4/netfilter/ip_conntrack_max .3.5.28.1 Unknown sysctl binary path
      [   14.881031] Pid: 1432, comm: modprobe Not tainted 2.6.24-16-generic #1
      [   14.881034]  [<c012fb5d>] set_fail+0x3d/0x50
      [   14.881040]  [<c013003e>] sysctl_check_table+0x34e/0x6a0
      [   14.881046]  [<c0130050>] sysctl_check_table+0x360/0x6a0
      [   14.881052]  [<c012047c>] register_sysctl_table+0x4c/0xb0
      [   14.881058]  [<f8b4d0c5>] nf_conntrack_l3proto_ipv4_init+0xc5/0x110 [nf_conntrack_ipv4]
      [   14.881066]  [<c014a4d2>] sys_init_module+0x1582/0x1a00
    `),
    expected: { kind: 'warning', culprit: 'nf_conntrack_l3proto_ipv4_init', cpu: null, pid: 1432 },
  },
  {
    detector: 'bad-access',
    variant: 's390 `Unable to handle kernel pointer dereference in virtual kernel address space`, site in `Krnl PSW`',
    kernel: '3.10 (RHEL 7)',
    arch: 's390x',
    source: 'arch/s390/mm/fault.c',
    log: log(`
      [  812.373482] Unable to handle kernel pointer dereference in virtual kernel address space
      [  812.373489] Failing address: 0000000000000000 TEID: 0000000000000483
      [  812.373492] Fault in home space mode while using kernel ASCE.
      [  812.373497] AS:0000000000d9c007 R3:0000000000000024
      [  812.373505] Oops: 0004 ilc:3 [#1] SMP
      [  812.373510] Modules linked in: xfs libcrc32c dasd_eckd_mod dasd_mod
      [  812.373530] CPU: 1 PID: 4412 Comm: kworker/1:2 Not tainted 3.10.0-957.el7.s390x #1
      [  812.373533] task: 00000000fa3e8000 ti: 00000000f8f30000 task.ti: 00000000f8f30000
      [  812.373537] Krnl PSW : 0704c00180000000 000003ff80a2c1b2 (xfs_buf_ioend+0x4a/0x1f0 [xfs])
      [  812.373545]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 EA:3
      [  812.373550] Krnl GPRS: 0000000000000000 0000000000000000 00000000f8f33c60 0000000000000001
      [  812.373575] Krnl Code: 000003ff80a2c1a4: e31020000004	lg	%r1,0(%r2)
      [  812.373600] Call Trace:
      [  812.373605] ([<000003ff80a2c19a>] xfs_buf_ioend+0x32/0x1f0 [xfs])
      [  812.373612]  [<000003ff80a2c3ca>] xfs_buf_ioend_work+0x2a/0x38 [xfs]
      [  812.373618]  [<0000000000167a28>] process_one_work+0x1c0/0x4f8
      [  812.373622]  [<0000000000168036>] worker_thread+0x2d6/0x410
      [  812.373627]  [<00000000001702b8>] kthread+0xd8/0xe0
      [  812.373632]  [<000000000070f6aa>] kernel_thread_starter+0x6/0xc
      [  812.373640] Last Breaking-Event-Address:
      [  812.373643]  [<000003ff80a2c196>] xfs_buf_ioend+0x2e/0x1f0 [xfs]
      [  812.373653] Kernel panic - not syncing: Fatal exception: panic_on_oops
    `),
    expected: { kind: 'bad-access', culprit: 'xfs_buf_ioend', cpu: 1, pid: 4412 },
    frames: [
      { line: '([<000003ff80a2c19a>] xfs_buf_ioend+0x32/0x1f0 [xfs])', function: 'xfs_buf_ioend', module: 'xfs' },
      { line: ' [<000003ff80a2c3ca>] xfs_buf_ioend_work+0x2a/0x38 [xfs]', function: 'xfs_buf_ioend_work', module: 'xfs' },
    ],
  },
  {
    detector: 'warning',
    variant: 's390 `WARNING: at FILE:LINE` with no function, site in `Krnl PSW`',
    kernel: '3.10 (RHEL 7)',
    arch: 's390x',
    source: 'lib/bug.c',
    log: log(`
      [ 1502.114730] ------------[ cut here ]------------
      [ 1502.114744] WARNING: at net/core/dev.c:2299
      [ 1502.114750] Modules linked in: qeth_l2 qeth ccwgroup vmur
      [ 1502.114769] CPU: 2 PID: 0 Comm: swapper/2 Not tainted 3.10.0-693.el7.s390x #1
      [ 1502.114773] task: 00000000f3a3a000 ti: 00000000f3a44000 task.ti: 00000000f3a44000
      [ 1502.114777] Krnl PSW : 0404c00180000000 00000000005d6e3a (skb_warn_bad_offload+0xd2/0xf0)
      [ 1502.114785]            R:0 T:1 IO:0 EX:0 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 EA:3
      [ 1502.114790] Krnl GPRS: 0000000000000000 0000000000000024 0000000000000052 0000000000a4f6e8
      [ 1502.114815] Call Trace:
      [ 1502.114820] ([<00000000005d6e30>] skb_warn_bad_offload+0xc8/0xf0)
      [ 1502.114826]  [<00000000005dc0b4>] __skb_gso_segment+0x10c/0x120
      [ 1502.114831]  [<00000000005dc3ae>] validate_xmit_skb+0x15e/0x2d0
      [ 1502.114836]  [<00000000005dd0c6>] __dev_queue_xmit+0x3ae/0x5e8
      [ 1502.114840] Last Breaking-Event-Address:
      [ 1502.114843]  [<00000000005d6e36>] skb_warn_bad_offload+0xce/0xf0
      [ 1502.114848] ---[ end trace 7c1a5b0e2e1a4d11 ]---
    `),
    expected: { kind: 'warning', culprit: 'skb_warn_bad_offload', cpu: 2, pid: 0 },
  },
  {
    detector: 'hung-task',
    variant: '2.6 `INFO: task NAME:PID blocked for more than N seconds.` with the task line and `[<addr>]` frames',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'kernel/hung_task.c',
    log: log(`
      INFO: task jbd2/dm-0-8:412 blocked for more than 120 seconds.
      "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
      jbd2/dm-0-8   D 0000000000000003     0   412      2 0x00000000
       ffff88042a3a9c40 0000000000000046 0000000000000000 ffff88042a3a9bd0
      Call Trace:
       [<ffffffff810a1a3e>] ? ktime_get_ts+0xbe/0xf0
       [<ffffffff8111f9c0>] ? sync_page+0x0/0x50
       [<ffffffff8150e7f3>] io_schedule+0x73/0xc0
       [<ffffffff8111f9fd>] sync_page+0x3d/0x50
       [<ffffffff8150f1bf>] __wait_on_bit+0x5f/0x90
       [<ffffffff8111fc33>] wait_on_page_bit+0x73/0x80
       [<ffffffff81134c04>] wait_on_page_writeback_range+0xf4/0x1a0
       [<ffffffff81134cfb>] filemap_fdatawait+0x2b/0x30
       [<ffffffffa00a3b2d>] jbd2_journal_commit_transaction+0x7ad/0x1500 [jbd2]
       [<ffffffffa00a9a28>] kjournald2+0xb8/0x220 [jbd2]
       [<ffffffff81096a36>] kthread+0x96/0xa0
       [<ffffffff8100c0ca>] child_rip+0xa/0x20
    `),
    expected: { kind: 'hung-task', culprit: 'jbd2_journal_commit_transaction', cpu: null, pid: 412 },
  },
  {
    detector: 'rcu-stall',
    variant: '3.10 `INFO: rcu_sched self-detected stall on CPU { N}` (braces, no `rcu: ` prefix)',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'kernel/rcutree.c',
    log: log(`
      INFO: rcu_sched self-detected stall on CPU { 3}  (t=60000 jiffies g=178325 c=178324 q=2104)
      Task dump for CPU 3:
      ksoftirqd/3     R  running task        0    29      2 0x00000008
       ffff88046e9d3e58 ffffffff810c2b2e 0000000000000003 ffffffff81a3d740
      Call Trace:
       <IRQ>  [<ffffffff810c2b2e>] sched_show_task+0xae/0x120
       [<ffffffff810c6399>] dump_cpu_task+0x39/0x70
       [<ffffffff8113a0e0>] rcu_dump_cpu_stacks+0x90/0xd0
       [<ffffffff8113d812>] rcu_check_callbacks+0x442/0x730
       [<ffffffff81099177>] update_process_times+0x47/0x80
       [<ffffffff810f0b45>] tick_sched_handle.isra.13+0x25/0x60
       [<ffffffff810f0bc1>] tick_sched_timer+0x41/0x70
       [<ffffffff810b49a2>] __hrtimer_run_queues+0xd2/0x260
       [<ffffffff810b4f40>] hrtimer_interrupt+0xb0/0x1e0
       [<ffffffff816b7d1c>] smp_apic_timer_interrupt+0x3c/0x60
       [<ffffffff816b4272>] apic_timer_interrupt+0x232/0x240
       <EOI>  [<ffffffffc03a61c4>] ? nf_conntrack_tuple_taken+0x94/0x1e0 [nf_conntrack]
       [<ffffffffc03a62a7>] __nf_conntrack_confirm+0x77/0x3f0 [nf_conntrack]
       [<ffffffffc03c1a35>] ipv4_confirm+0x75/0xf0 [nf_conntrack_ipv4]
       [<ffffffff815a0a58>] nf_iterate+0x98/0xe0
       [<ffffffff815a0b48>] nf_hook_slow+0xa8/0x110
       [<ffffffff815b0b8a>] ip_local_deliver+0xaa/0xc0
       [<ffffffff81590e7a>] __netif_receive_skb_core+0x55a/0x7d0
       [<ffffffff81085b20>] run_ksoftirqd+0x30/0x50
       [<ffffffff810b09cf>] kthread+0xcf/0xe0
       [<ffffffff816b4f58>] ret_from_fork+0x58/0x90
    `),
    expected: { kind: 'rcu-stall', culprit: '__nf_conntrack_confirm', cpu: 3, pid: 29 },
  },
  {
    detector: 'oom',
    variant: '2.6 `invoked oom-killer: gfp_mask=0x..., order=N, oom_adj=N` and `Out of memory: Kill process N (comm) score N or sacrifice child`',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'mm/oom_kill.c',
    log: log(`
      java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0
      java cpuset=/ mems_allowed=0
      Pid: 4312, comm: java Not tainted 2.6.32-431.el6.x86_64 #1
      Call Trace:
       [<ffffffff810d0211>] ? cpuset_print_task_mems_allowed+0x91/0xb0
       [<ffffffff811225c0>] ? dump_header+0x90/0x1b0
       [<ffffffff81122a42>] ? oom_kill_process+0x82/0x2a0
       [<ffffffff81122981>] ? select_bad_process+0xe1/0x120
       [<ffffffff81122e80>] ? out_of_memory+0x220/0x3c0
       [<ffffffff8112f79f>] ? __alloc_pages_nodemask+0x89f/0x8d0
       [<ffffffff8116769a>] ? alloc_pages_current+0xaa/0x110
       [<ffffffff8111f9b7>] ? __page_cache_alloc+0x87/0x90
       [<ffffffff81526de8>] ? page_fault+0x28/0x30
      Out of memory: Kill process 4312 (java) score 912 or sacrifice child
      Killed process 4312, UID 500, (java) total-vm:12345678kB, anon-rss:7654321kB, file-rss:1234kB
    `),
    expected: { kind: 'oom', culprit: null, cpu: null, pid: 4312 },
  },
  {
    detector: 'page-allocation-failure',
    variant: '3.10 `NAME: page allocation failure: order:N, mode:0x...` (no `nodemask`)',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'mm/page_alloc.c',
    log: log(`
      kworker/0:1: page allocation failure: order:4, mode:0x10c0d0
      CPU: 0 PID: 3017 Comm: kworker/0:1 Not tainted 3.10.0-693.el7.x86_64 #1
      Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 09/21/2015
      Workqueue: events vmxnet3_reset_work [vmxnet3]
       000000000010c0d0 00000000a5a8b0c6 ffff88003c8bb9a8 ffffffff816a3db1
      Call Trace:
       [<ffffffff816a3db1>] dump_stack+0x19/0x1b
       [<ffffffff81188810>] warn_alloc_failed+0x110/0x180
       [<ffffffff8169fd8a>] __alloc_pages_slowpath+0x6b6/0x724
       [<ffffffff8118cd85>] __alloc_pages_nodemask+0x405/0x420
       [<ffffffff811d1108>] alloc_pages_current+0x98/0x110
       [<ffffffff8118760e>] __get_free_pages+0xe/0x40
       [<ffffffff811dca2e>] kmalloc_order_trace+0x2e/0xa0
       [<ffffffff811e05d1>] __kmalloc+0x211/0x230
       [<ffffffffc04b3a5c>] vmxnet3_rq_create_all+0x20c/0x6f0 [vmxnet3]
       [<ffffffffc04b4a6e>] vmxnet3_create_queues+0x3e/0x90 [vmxnet3]
       [<ffffffffc04b6d77>] vmxnet3_reset_work+0x57/0xa0 [vmxnet3]
       [<ffffffff810a881a>] process_one_work+0x17a/0x440
       [<ffffffff810a94e6>] worker_thread+0x126/0x3c0
       [<ffffffff810b098f>] kthread+0xcf/0xe0
       [<ffffffff816b4f18>] ret_from_fork+0x58/0x90
    `),
    expected: { kind: 'page-allocation-failure', culprit: 'vmxnet3_rq_create_all', cpu: 0, pid: 3017 },
  },
  {
    detector: 'bug',
    variant: '2.6 `kernel BUG at FILE:LINE!` with `invalid opcode: 0000 [#1] SMP` and the 2.6 `RIP: 0010:[<addr>]  [<addr>] func+o/s` line',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'arch/x86/kernel/traps.c',
    log: log(`
      ------------[ cut here ]------------
      kernel BUG at fs/ext4/inode.c:2620!
      invalid opcode: 0000 [#1] SMP
      last sysfs file: /sys/devices/system/cpu/online
      CPU 6
      Modules linked in: ext4 jbd2 mbcache
      Pid: 2291, comm: flush-253:2 Not tainted 2.6.32-358.el6.x86_64 #1 HP ProLiant DL380 G7
      RIP: 0010:[<ffffffffa00b5b8b>]  [<ffffffffa00b5b8b>] mpage_da_submit_io+0x4eb/0x520 [ext4]
      RSP: 0018:ffff8804297bbb60  EFLAGS: 00010246
      Process flush-253:2 (pid: 2291, threadinfo ffff8804297ba000, task ffff88042b5aa040)
      Stack:
       ffff8804297bbb90 ffff880429ad9000 0000000000000000 ffff8804297bbd30
      Call Trace:
       [<ffffffffa00b5d4e>] mpage_da_map_and_submit+0x18e/0x470 [ext4]
       [<ffffffffa00b6217>] ext4_da_writepages+0x2e7/0x620 [ext4]
       [<ffffffff81134cd1>] do_writepages+0x21/0x40
       [<ffffffff811b5f2d>] writeback_single_inode+0xdd/0x290
       [<ffffffff811b6319>] writeback_sb_inodes+0xb9/0x170
       [<ffffffff811b6b5b>] wb_writeback+0xfb/0x3a0
       [<ffffffff811b7055>] bdi_writeback_task+0x55/0x130
       [<ffffffff81096a36>] kthread+0x96/0xa0
       [<ffffffff8100c0ca>] child_rip+0xa/0x20
      Code: 0f 0b eb fe 0f 1f 44 00 00 48 8b 45 b8 48 8b 50 20 <0f> 0b eb fe 66 2e 0f 1f 84 00 00 00 00 00
      RIP  [<ffffffffa00b5b8b>] mpage_da_submit_io+0x4eb/0x520 [ext4]
    `),
    expected: { kind: 'bug', culprit: 'mpage_da_submit_io', cpu: 6, pid: 2291 },
  },
  {
    detector: 'general-protection-fault',
    variant: '3.10 `general protection fault: 0000 [#1] SMP` with the 3.10 RIP line and `Code:` after the trace',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'arch/x86/kernel/traps.c',
    log: log(`
      general protection fault: 0000 [#1] SMP
      Modules linked in: nfsv3 nfs fscache lockd sunrpc
      CPU: 14 PID: 28231 Comm: ls Not tainted 3.10.0-862.el7.x86_64 #1
      Hardware name: Dell Inc. PowerEdge R630/02C2CP, BIOS 2.4.3 01/17/2017
      task: ffff8c8a5d3a0fd0 ti: ffff8c8c6b7a4000 task.ti: ffff8c8c6b7a4000
      RIP: 0010:[<ffffffffc05f2d63>]  [<ffffffffc05f2d63>] nfs_fhget+0x113/0x6b0 [nfs]
      RSP: 0018:ffff8c8c6b7a7c78  EFLAGS: 00010202
      RAX: dead000000000200 RBX: ffff8c8b2c1e8e48 RCX: 0000000000000000
      Call Trace:
       [<ffffffffc05f6fa5>] nfs_readdir_page_filler+0x2a5/0x610 [nfs]
       [<ffffffffc05f7510>] nfs_readdir_xdr_to_array+0x200/0x330 [nfs]
       [<ffffffffc05f7662>] nfs_readdir_filler+0x22/0x90 [nfs]
       [<ffffffff8119456f>] do_read_cache_page+0x7f/0x190
       [<ffffffffc05f790a>] nfs_readdir+0x1ea/0x570 [nfs]
       [<ffffffff8122fa1a>] vfs_readdir+0xba/0xe0
       [<ffffffff8122fe35>] SyS_getdents+0x95/0x120
       [<ffffffff8171f7d5>] system_call_fastpath+0x1c/0x21
      Code: 48 8b 83 c8 00 00 00 48 85 c0 74 08 48 89 df e8 b3 64 ff ff 48 8b 43 28 <48> 8b 40 18 48 89 43 20
      RIP  [<ffffffffc05f2d63>] nfs_fhget+0x113/0x6b0 [nfs]
    `),
    expected: { kind: 'general-protection-fault', culprit: 'nfs_fhget', cpu: 14, pid: 28231 },
  },
  {
    detector: 'hard-lockup',
    variant: '4.x `NMI watchdog: Watchdog detected hard LOCKUP on cpu N` with the interrupted RIP',
    kernel: '4.18 (RHEL 8)',
    arch: 'x86_64',
    source: 'kernel/watchdog_hld.c',
    log: log(`
      NMI watchdog: Watchdog detected hard LOCKUP on cpu 5
      Modules linked in: mlx5_core mlxfw
      CPU: 5 PID: 3112 Comm: kworker/5:2 Not tainted 4.18.0-305.el8.x86_64 #1
      Hardware name: Dell Inc. PowerEdge R740/0YWR7D, BIOS 2.10.2 02/24/2021
      Workqueue: events mlx5_timestamp_overflow [mlx5_core]
      RIP: 0010:native_queued_spin_lock_slowpath+0x5d/0x1c0
      Code: 6d f0 0f ba 2f 08 0f 92 c0 0f b6 c0 c1 e0 08 89 c2 8b 07 30 e4 09 d0 a9 00 01 ff ff 75 47 85 c0 74 0e 8b 07 84 c0 74 08 f3 90 <8b> 07 84 c0 75 f8 b8 01 00 00 00 66 89 07 c3
      RSP: 0018:ffffb3a3c6b3fe30 EFLAGS: 00000002
      Call Trace:
       _raw_spin_lock_irqsave+0x40/0x50
       mlx5_timestamp_overflow+0x2a/0x90 [mlx5_core]
       process_one_work+0x1a7/0x360
       worker_thread+0x30/0x390
       kthread+0x112/0x130
       ret_from_fork+0x35/0x40
    `),
    expected: { kind: 'hard-lockup', culprit: 'mlx5_timestamp_overflow', cpu: 5, pid: 3112 },
  },
  {
    detector: 'kasan',
    variant: '4.9 `BUG: KASAN: use-after-free in func+o/s at addr ADDR` (the address in the header)',
    kernel: '4.9',
    arch: 'x86_64',
    source: 'mm/kasan/report.c',
    log: log(`
      ==================================================================
      BUG: KASAN: use-after-free in sock_wfree+0x118/0x120 at addr ffff8801c7a3e158
      Read of size 8 by task syz-executor3/5218
      CPU: 1 PID: 5218 Comm: syz-executor3 Not tainted 4.9.0+ #9
      Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
       ffff8801d9e07a58 ffffffff8234c8d9 ffff8801dbc03d40 ffff8801c7a3e100
      Call Trace:
       [<ffffffff8234c8d9>] dump_stack+0x2ee/0x3ef
       [<ffffffff81a3d0d4>] kasan_object_err+0x1c/0x70
       [<ffffffff81a3d37a>] kasan_report_error+0x1fa/0x500
       [<ffffffff81a3d7a8>] __asan_report_load8_noabort+0x14/0x20
       [<ffffffff8382fc78>] sock_wfree+0x118/0x120
       [<ffffffff8383a6d4>] skb_release_head_state+0x124/0x260
       [<ffffffff8383b5a5>] skb_release_all+0x15/0x60
       [<ffffffff8383b60f>] __kfree_skb+0x1f/0x1b0
       [<ffffffff83c5c3df>] tcp_sendmsg+0x1c0f/0x2fc0
       [<ffffffff83d1f9b5>] inet_sendmsg+0x164/0x490
       [<ffffffff837f5c8b>] sock_sendmsg+0xcb/0x110
       [<ffffffff837f7c55>] SYSC_sendto+0x1f5/0x310
       [<ffffffff837f9cc3>] SyS_sendto+0x43/0x50
       [<ffffffff8442d205>] entry_SYSCALL_64_fastpath+0x23/0xc6
      ==================================================================
    `),
    expected: { kind: 'kasan', culprit: 'sock_wfree', cpu: 1, pid: 5218 },
  },
  {
    detector: 'stack-overflow',
    variant: '2.6 x86_64 `Thread overran stack, or stack corrupted`',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'arch/x86/kernel/dumpstack_64.c',
    log: log(`
      Thread overran stack, or stack corrupted
      Oops: 0000 [#1] SMP
      last sysfs file: /sys/devices/system/cpu/cpu7/cache/index2/shared_cpu_map
      CPU 3
      Modules linked in: xfs exportfs nfsd
      Pid: 9915, comm: nfsd Not tainted 2.6.32-279.el6.x86_64 #1 Supermicro X8DTN/X8DTN
      RIP: 0010:[<ffffffff8105a8d9>]  [<ffffffff8105a8d9>] find_busiest_group+0x5a9/0x8a0
      RSP: 0018:ffff880028263a90  EFLAGS: 00010046
      Call Trace:
       [<ffffffff81060dc0>] load_balance+0x130/0x7a0
       [<ffffffff814fd27e>] schedule+0x3ee/0xb70
       [<ffffffffa0390e2c>] xfs_buf_lock+0x3c/0x70 [xfs]
       [<ffffffffa0391025>] _xfs_buf_find+0x1c5/0x270 [xfs]
       [<ffffffffa039125a>] xfs_buf_get+0x8a/0x1b0 [xfs]
       [<ffffffffa03914ed>] xfs_buf_read+0x2d/0x110 [xfs]
       [<ffffffffa03854a3>] xfs_trans_read_buf+0x193/0x430 [xfs]
       [<ffffffffa0347a1f>] xfs_btree_read_buf_block+0x5f/0xc0 [xfs]
       [<ffffffffa05a1b5c>] nfsd_write+0xec/0x100 [nfsd]
       [<ffffffff8100c0ca>] child_rip+0xa/0x20
    `),
    expected: { kind: 'stack-overflow', culprit: 'find_busiest_group', cpu: 3, pid: 9915 },
  },
  {
    detector: 'ubsan',
    variant: '4.x `UBSAN: Undefined behaviour in FILE:L:C` with the problem on the next line, between `=` rules',
    kernel: '4.15',
    arch: 'x86_64',
    source: 'lib/ubsan.c',
    log: log(`
      ================================================================================
      UBSAN: Undefined behaviour in net/ipv4/tcp_input.c:3482:31
      shift exponent 255 is too large for 32-bit type 'unsigned int'
      CPU: 0 PID: 3321 Comm: syz-executor1 Not tainted 4.15.0-rc3+ #154
      Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
      Call Trace:
       <IRQ>
       __dump_stack lib/dump_stack.c:17 [inline]
       dump_stack+0xe9/0x14b lib/dump_stack.c:53
       ubsan_epilogue+0x9/0x49 lib/ubsan.c:164
       __ubsan_handle_shift_out_of_bounds+0x1f4/0x25d lib/ubsan.c:421
       tcp_ack_update_rtt+0x8a4/0x940 net/ipv4/tcp_input.c:3482
       tcp_clean_rtx_queue+0x1d2/0x1cb0 net/ipv4/tcp_input.c:3181
       tcp_ack+0x10d6/0x3100 net/ipv4/tcp_input.c:3688
       tcp_rcv_established+0x5c4/0x1cf0 net/ipv4/tcp_input.c:5519
       tcp_v4_do_rcv+0x4a3/0x770 net/ipv4/tcp_ipv4.c:1477
       </IRQ>
      ================================================================================
    `),
    expected: { kind: 'ubsan', culprit: 'tcp_ack_update_rtt', cpu: 0, pid: 3321 },
  },
  {
    detector: 'workqueue-stall',
    variant: '4.x `BUG: workqueue lockup - pool cpus=N node=N flags=0x0 nice=N stuck for Ns!` with the in-flight work',
    kernel: '4.18 (RHEL 8)',
    arch: 'x86_64',
    source: 'kernel/workqueue.c',
    log: log(`
      BUG: workqueue lockup - pool cpus=2 node=0 flags=0x0 nice=0 stuck for 41s!
      Showing busy workqueues and worker pools:
      workqueue events: flags=0x0
        pwq 4: cpus=2 node=0 flags=0x0 nice=0 active=3/256 refcnt=4
          in-flight: 3117:mlx5e_tx_timeout_work [mlx5_core]
          pending: vmstat_shepherd, cache_reap
      pool 4: cpus=2 node=0 flags=0x0 nice=0 hung=41s workers=3 idle: 24 1908
    `),
    expected: { kind: 'workqueue-stall', culprit: 'mlx5e_tx_timeout_work', cpu: null, pid: null },
  },
  {
    detector: 'userspace-segfault',
    variant: '2.6/3.x `comm[PID]: segfault at ADDR ip IP sp SP error N in OBJ[BASE+SIZE]`',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'arch/x86/mm/fault.c',
    log: log(`
      nginx[12417]: segfault at 0 ip 00007f3a9c2b1b2d sp 00007ffd6f0e1a10 error 4 in libc-2.17.so[7f3a9c17c000+1c4000]
    `),
    expected: { kind: 'userspace-segfault', culprit: 'libc-2.17.so', cpu: null, pid: 12417 },
  },
  {
    detector: 'memory-leak',
    variant: 'kmemleak `unreferenced object 0xADDR (size N):` with `comm`, `hex dump` and `backtrace:`',
    kernel: '4.19',
    arch: 'x86_64',
    source: 'mm/kmemleak.c',
    log: log(`
      BUG: memory leak
      unreferenced object 0xffff88810e7d8a00 (size 256):
        comm "syz-executor611", pid 7120, jiffies 4294943227 (age 13.830s)
        hex dump (first 32 bytes):
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
          01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
        backtrace:
          [<000000006a2d1b6c>] kmemleak_alloc_recursive include/linux/kmemleak.h:43 [inline]
          [<000000006a2d1b6c>] slab_post_alloc_hook mm/slab.h:439 [inline]
          [<000000006a2d1b6c>] kmem_cache_alloc_trace+0x145/0x2c0 mm/slab.c:3548
          [<00000000a1c56b55>] kmalloc include/linux/slab.h:547 [inline]
          [<00000000a1c56b55>] kzalloc include/linux/slab.h:742 [inline]
          [<00000000a1c56b55>] bpf_link_init_sec+0x2a/0x120 kernel/bpf/syscall.c:2210
          [<00000000c1a3b3f7>] __sys_bpf+0x1c5/0x3a0 kernel/bpf/syscall.c:4490
          [<0000000017d05a8c>] do_syscall_64+0x73/0x1f0 arch/x86/entry/common.c:290
          [<00000000e9f5d6a5>] entry_SYSCALL_64_after_hwframe+0x44/0xa9
    `),
    expected: { kind: 'memory-leak', culprit: 'bpf_link_init_sec', cpu: null, pid: 7120 },
  },
  {
    detector: 'atomic-sleep',
    variant: '2.6 `BUG: sleeping function called from invalid context at FILE:LINE` with `in_atomic():1, irqs_disabled():0` (no spaces)',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'kernel/sched.c',
    log: log(`
      BUG: sleeping function called from invalid context at mm/slab.c:3103
      in_atomic(): 1, irqs_disabled(): 0, pid: 4012, name: bnx2fc_thread
      Pid: 4012, comm: bnx2fc_thread Not tainted 2.6.32-220.el6.x86_64 #1
      Call Trace:
       [<ffffffff81057e77>] ? __might_sleep+0xd7/0x100
       [<ffffffff8116044b>] ? kmem_cache_alloc_trace+0x16b/0x1d0
       [<ffffffffa03b2c5e>] ? bnx2fc_alloc_session_resc+0x2e/0x3a0 [bnx2fc]
       [<ffffffffa03b2c5e>] bnx2fc_alloc_session_resc+0x2e/0x3a0 [bnx2fc]
       [<ffffffffa03b6c11>] bnx2fc_offload_session+0x51/0x170 [bnx2fc]
       [<ffffffffa03a9bb5>] bnx2fc_l2_rcv_thread+0x245/0x420 [bnx2fc]
       [<ffffffff81090886>] kthread+0x96/0xa0
       [<ffffffff8100c14a>] child_rip+0xa/0x20
    `),
    expected: { kind: 'atomic-sleep', culprit: 'bnx2fc_alloc_session_resc', cpu: null, pid: 4012 },
  },
  {
    detector: 'panic',
    variant: '2.6/3.x `Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(N,N)`',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'init/do_mounts.c',
    log: log(`
      VFS: Cannot open root device "mapper/rhel-root" or unknown-block(0,0): error -6
      Please append a correct "root=" boot option; here are the available partitions:
      Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)
      CPU: 0 PID: 1 Comm: swapper/0 Not tainted 3.10.0-957.el7.x86_64 #1
      Hardware name: Red Hat KVM, BIOS 0.5.1 01/01/2011
      Call Trace:
       [<ffffffff81761e41>] dump_stack+0x19/0x1b
       [<ffffffff8175b550>] panic+0xe8/0x21f
       [<ffffffff81d8b6ce>] mount_block_root+0x2a1/0x2b0
       [<ffffffff81d8b730>] mount_root+0x53/0x56
       [<ffffffff81d8b86f>] prepare_namespace+0x13c/0x174
       [<ffffffff81d8b34c>] kernel_init_freeable+0x22f/0x256
       [<ffffffff8175040e>] kernel_init+0xe/0x100
       [<ffffffff81774ddd>] ret_from_fork_nospec_begin+0x7/0x21
    `),
    expected: { kind: 'panic', culprit: 'mount_block_root', cpu: 0, pid: 1 },
  },
  {
    detector: 'kcsan',
    variant: '5.x `BUG: KCSAN: data-race in A / B` with both accesses and `Reported by Kernel Concurrency Sanitizer`',
    kernel: '5.10',
    arch: 'x86_64',
    source: 'kernel/kcsan/report.c',
    log: log(`
      ==================================================================
      BUG: KCSAN: data-race in ext4_mark_iloc_dirty / ext4_mark_iloc_dirty

      write to 0xffff88812f9b6e40 of 4 bytes by task 2743 on cpu 1:
       ext4_mark_iloc_dirty+0x4a/0x1d0
       __ext4_mark_inode_dirty+0xd4/0x330
       ext4_dirty_inode+0x78/0xa0
       __mark_inode_dirty+0x6d/0x5a0

      read to 0xffff88812f9b6e40 of 4 bytes by task 2741 on cpu 0:
       ext4_mark_iloc_dirty+0x3a/0x1d0
       __ext4_mark_inode_dirty+0xd4/0x330
       ext4_dirty_inode+0x78/0xa0

      Reported by Kernel Concurrency Sanitizer on:
      CPU: 0 PID: 2741 Comm: syz-executor.3 Not tainted 5.10.0-rc1-syzkaller #0
      Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
      ==================================================================
    `),
    expected: { kind: 'kcsan', culprit: 'ext4_mark_iloc_dirty', cpu: 0, pid: 2741 },
  },
  {
    detector: 'kfence',
    variant: '5.12+ `BUG: KFENCE: use-after-free read in func+o/s` with the object line',
    kernel: '5.15',
    arch: 'arm64',
    source: 'mm/kfence/report.c',
    log: log(`
      ==================================================================
      BUG: KFENCE: use-after-free read in ufshcd_compl_one_cqe+0x1b4/0x2d0

      Use-after-free read at 0x00000000b0fd6a34 (in kfence-#86):
       ufshcd_compl_one_cqe+0x1b4/0x2d0
       ufshcd_poll+0x148/0x2a0
       ufshcd_intr+0x90/0x1c0
       __handle_irq_event_percpu+0x60/0x1d8
       handle_irq_event+0x5c/0x150

      kfence-#86: 0x00000000b0fd6a34-0x000000005d5d4bd9, size=256, cache=kmalloc-256

      CPU: 4 PID: 0 Comm: swapper/4 Tainted: G S      W  OE     5.15.94-android14-11 #1
      Hardware name: Qualcomm Technologies, Inc. Kalama MTP (DT)
      ==================================================================
    `),
    expected: { kind: 'kfence', culprit: 'ufshcd_compl_one_cqe', cpu: 4, pid: 0 },
  },
  {
    detector: 'kmsan',
    variant: '6.x `BUG: KMSAN: uninit-value in func+o/s` with `Uninit was created at:`',
    kernel: '6.6',
    arch: 'x86_64',
    source: 'mm/kmsan/report.c',
    log: log(`
      =====================================================
      BUG: KMSAN: uninit-value in hfsplus_cat_case_cmp_key+0x5d/0x110
       hfsplus_cat_case_cmp_key+0x5d/0x110
       hfs_find_rec_by_key+0xb1/0x240
       __hfsplus_brec_find+0x26b/0x7b0
       hfsplus_brec_find+0x445/0x970
       hfsplus_find_cat+0xc5/0x4f0
       hfsplus_iget+0x72f/0xb10
       hfsplus_fill_super+0xe71/0x2540
       mount_bdev+0x508/0x840
       legacy_get_tree+0x110/0x290
       vfs_get_tree+0xa5/0x500
       path_mount+0x68e/0x2b80
       __x64_sys_mount+0x55e/0x6b0
       do_syscall_64+0x41/0xc0
       entry_SYSCALL_64_after_hwframe+0x63/0x6b

      Uninit was created at:
       __kmalloc+0x11e/0x3e0
       hfsplus_find_init+0x91/0x250

      CPU: 1 PID: 5020 Comm: syz-executor291 Not tainted 6.6.0-syzkaller #0
      Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 10/09/2023
      =====================================================
    `),
    expected: { kind: 'kmsan', culprit: 'hfsplus_cat_case_cmp_key', cpu: 1, pid: 5020 },
  },
  {
    detector: 'list-corruption',
    variant: '2.6 `WARNING: at lib/list_debug.c:L __list_add+o/s()` then the `list_add corruption.` message',
    kernel: '2.6.32 (RHEL 6)',
    arch: 'x86_64',
    source: 'lib/list_debug.c',
    log: log(`
      ------------[ cut here ]------------
      WARNING: at lib/list_debug.c:30 __list_add+0x8f/0xa0() (Not tainted)
      Hardware name: PowerEdge R720
      list_add corruption. next->prev should be prev (ffff880c2e4a8c58), but was ffff880c1f5e1d58. (next=ffff880c1f5e1d58).
      Modules linked in: nfs lockd fscache auth_rpcgss nfs_acl sunrpc
      Pid: 31507, comm: ps Not tainted 2.6.32-431.el6.x86_64 #1
      Call Trace:
       [<ffffffff81071e27>] ? warn_slowpath_common+0x87/0xc0
       [<ffffffff81071f16>] ? warn_slowpath_fmt+0x46/0x50
       [<ffffffff812a1b1f>] ? __list_add+0x8f/0xa0
       [<ffffffff811a79d7>] ? d_alloc+0x137/0x1b0
       [<ffffffff811f8a52>] ? proc_fill_cache+0x92/0x220
       [<ffffffff811fd2a6>] ? proc_pid_readdir+0x126/0x1e0
       [<ffffffff811f8f3d>] ? proc_root_readdir+0x4d/0x60
       [<ffffffff811a1020>] ? vfs_readdir+0xc0/0xe0
       [<ffffffff811a11a9>] ? sys_getdents+0x89/0xf0
       [<ffffffff8100b072>] ? system_call_fastpath+0x16/0x1b
      ---[ end trace 4b1d3e0a2c2f3b49 ]---
    `),
    expected: { kind: 'list-corruption', culprit: 'd_alloc', cpu: null, pid: 31507 },
  },
  {
    detector: 'list-corruption',
    variant: '4.16+ `list_del corruption.` message, then the `WARNING: ... at lib/list_debug.c` that carries its trace',
    kernel: '5.15',
    arch: 'arm64',
    source: 'lib/list_debug.c',
    log: log(`
      [ 3312.584120] ------------[ cut here ]------------
      [ 3312.584131] list_del corruption. prev->next should be ffffff8805a3c5d8, but was ffffff8805a3c2d8. (prev=ffffff8805a3c2d8)
      [ 3312.584178] WARNING: CPU: 2 PID: 1187 at lib/list_debug.c:53 __list_del_entry_valid+0xa8/0xd0
      [ 3312.584190] Modules linked in: wlan(O) qca_cld3
      [ 3312.584231] CPU: 2 PID: 1187 Comm: binder:1187_2 Tainted: G        W  O      5.15.74-android13-8 #1
      [ 3312.584240] Hardware name: Qualcomm Technologies, Inc. Taro MTP (DT)
      [ 3312.584246] pstate: 62400005 (nZCv daif +PAN -UAO +TCO -DIT -SSBS BTYPE=--)
      [ 3312.584251] pc : __list_del_entry_valid+0xa8/0xd0
      [ 3312.584256] lr : __list_del_entry_valid+0xa8/0xd0
      [ 3312.584262] sp : ffffffc01f5c3b70
      [ 3312.584310] Call trace:
      [ 3312.584314]  __list_del_entry_valid+0xa8/0xd0
      [ 3312.584320]  binder_dequeue_work_head_ilocked+0x38/0x9c
      [ 3312.584327]  binder_thread_read+0x2a4/0x1f1c
      [ 3312.584333]  binder_ioctl_write_read+0x1b4/0x3f0
      [ 3312.584339]  binder_ioctl+0x224/0xc4c
      [ 3312.584345]  __arm64_sys_ioctl+0xa8/0xf0
      [ 3312.584352]  invoke_syscall+0x5c/0x130
      [ 3312.584359]  el0_svc_common+0xb8/0xf0
      [ 3312.584364]  do_el0_svc+0x28/0x88
      [ 3312.584370]  el0_svc+0x24/0x84
      [ 3312.584376]  el0t_64_sync_handler+0x88/0xec
      [ 3312.584381]  el0t_64_sync+0x1b8/0x1bc
      [ 3312.584387] ---[ end trace 3a1f0b1b7c5c2a11 ]---
    `),
    expected: { kind: 'list-corruption', culprit: 'binder_dequeue_work_head_ilocked', cpu: 2, pid: 1187 },
  },
  {
    detector: 'bad-access',
    variant: 'i386 `BUG: unable to handle kernel NULL pointer dereference` with ` at virtual address ADDR` on a line of its own',
    kernel: '2.6.24',
    arch: 'i386',
    source: 'arch/x86/mm/fault_32.c',
    log: log(`
      [ 2211.310421] BUG: unable to handle kernel NULL pointer dereference
      [ 2211.310433] e100: eth0: e100_watchdog: link up, 100Mbps, full-duplex
      [ 2211.310440]  at virtual address 00000004
      [ 2211.310447]  printing eip: c0268a3b *pde = 00000000
      [ 2211.310455] Oops: 0002 [#1] SMP
      [ 2211.310460] Modules linked in: usb_storage snd_hda_intel
      [ 2211.310470] Pid: 5123, comm: khubd Not tainted (2.6.24-19-generic #1)
      [ 2211.310478] EIP: 0060:[<c0268a3b>] EFLAGS: 00010246 CPU: 1
      [ 2211.310486] EIP is at klist_del+0xb/0x30
      [ 2211.310493] Call Trace:
      [ 2211.310500]  [<c0268ba2>] device_del+0x22/0x1b0
      [ 2211.310508]  [<f8a1c1f5>] usb_disconnect+0x95/0x110 [usbcore]
      [ 2211.310517]  [<f8a1d44a>] hub_thread+0x2fa/0xd50 [usbcore]
      [ 2211.310525]  [<c013d6f2>] kthread+0x42/0x70
      [ 2211.310532]  [<c0104c8f>] kernel_thread_helper+0x7/0x10
    `),
    expected: { kind: 'bad-access', culprit: 'usb_disconnect', cpu: 1, pid: 5123 },
  },
  {
    detector: 'line prefix',
    variant: 'syslog priority `<N>`/`<NN>`/`<NNN>` before the syslog header',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'remote syslog (RFC 3164)',
    log: log(`
      <4>Nov 12 10:10:59 db-7 kernel: BUG: soft lockup - CPU#6 stuck for 22s! [kworker/6:1:8812]
      <4>Nov 12 10:10:59 db-7 kernel: Modules linked in: xfs libcrc32c
      <4>Nov 12 10:10:59 db-7 kernel: CPU: 6 PID: 8812 Comm: kworker/6:1 Not tainted 3.10.0-1160.el7.x86_64 #1
      <4>Nov 12 10:10:59 db-7 kernel: RIP: 0010:[<ffffffff8132f5a1>]  [<ffffffff8132f5a1>] xfs_ail_push_all_sync+0x91/0x110 [xfs]
      <4>Nov 12 10:10:59 db-7 kernel: RSP: 0018:ffff9a0bb7a3fcd8  EFLAGS: 00000246
      <30>Nov 12 10:10:59 db-7 systemd[1]: Started Session 12 of user root.
      <132>Nov 12 10:10:59 db-7 kernel: Call Trace:
      <132>Nov 12 10:10:59 db-7 kernel: [<ffffffffc04b1e2a>] xfs_log_quiesce+0x3a/0x80 [xfs]
      <132>Nov 12 10:10:59 db-7 kernel: [<ffffffffc04b1e95>] xfs_log_unmount+0x25/0x60 [xfs]
      <132>Nov 12 10:10:59 db-7 kernel: [<ffffffffc04a8a0e>] xfs_unmountfs+0xae/0x150 [xfs]
      <132>Nov 12 10:10:59 db-7 kernel: [<ffffffff810c5a41>] process_one_work+0x17a/0x440
      <132>Nov 12 10:10:59 db-7 kernel: [<ffffffff810c6aa6>] worker_thread+0x126/0x3c0
    `),
    expected: { kind: 'soft-lockup', culprit: 'xfs_ail_push_all_sync', cpu: 6, pid: 8812 },
  },
  {
    detector: 'line prefix',
    variant: 'an outer `[ISO time]` before `[uptime]` (console logger)',
    kernel: '6.1',
    arch: 'x86_64',
    source: 'console logger (conserver, LAVA)',
    log: log(`
      [2024-03-01T12:34:56.700001+00:00] [  123.456700] BUG: kernel NULL pointer dereference, address: 0000000000000008
      [2024-03-01T12:34:56.700002+00:00] [  123.456701] #PF: supervisor read access in kernel mode
      [2024-03-01T12:34:56.700003+00:00] [  123.456702] Oops: 0000 [#1] PREEMPT SMP NOPTI
      [2024-03-01T12:34:56.700004+00:00] [  123.456703] CPU: 2 PID: 4521 Comm: kworker/2:1 Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1
      [2024-03-01T12:34:56.700005+00:00] [  123.456704] RIP: 0010:igb_configure_tx_ring+0x9c/0x190 [igb]
      [2024-03-01T12:34:56.700006+00:00] [  123.456705] Code: 48 8b 45 10 4c 8b a0 c8 00 00 00 <48> 8b 45 08 4d 85 e4 74 6d
      [2024-03-01T12:34:56.700007+00:00] [  123.456706] Call Trace:
      [2024-03-01T12:34:56.700008+00:00] [  123.456707]  <TASK>
      [2024-03-01T12:34:56.700009+00:00] [  123.456708]  igb_configure+0x1b7/0x400 [igb]
      [2024-03-01T12:34:56.700010+00:00] [  123.456709]  __igb_open+0xe4/0x6a0 [igb]
      [2024-03-01T12:34:56.700011+00:00] [  123.456710]  igb_reset_task+0x49/0x60 [igb]
      [2024-03-01T12:34:56.700012+00:00] [  123.456711]  process_one_work+0x1c7/0x380
      [2024-03-01T12:34:56.700013+00:00] [  123.456712]  worker_thread+0x4d/0x380
      [2024-03-01T12:34:56.700014+00:00] [  123.456713]  </TASK>
    `),
    expected: { kind: 'bad-access', culprit: 'igb_configure_tx_ring', cpu: 2, pid: 4521 },
  },
  {
    detector: 'line prefix',
    variant: 'ABRT µReport `"raw_oops": "..."` (a kernel report in a JSON string, escapes undone)',
    kernel: '3.10 (RHEL 7)',
    arch: 'x86_64',
    source: 'abrt-dump-journal-oops / FAF µReport',
    log: log(`
      {
        "ureport_version": 2,
        "reason": "BUG: unable to handle kernel NULL pointer dereference at 0000000000000010",
        "problem": {
          "type": "kerneloops",
          "component": "kernel",
          "raw_oops": "[  821.004512] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010\\n[  821.004560] IP: [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]\\n[  821.004590] PGD 36c2f067 PUD 3742b067 PMD 0 \\n[  821.004600] Oops: 0000 [#1] SMP \\n[  821.004610] Modules linked in: nfs lockd sunrpc\\n[  821.004620] CPU: 2 PID: 3051 Comm: ls Not tainted 3.10.0-123.el7.x86_64 #1\\n[  821.004630] task: ffff880037a0c440 ti: ffff8800364f2000 task.ti: ffff8800364f2000\\n[  821.004640] RIP: 0010:[<ffffffffa03c21b7>]  [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]\\n[  821.004650] RSP: 0018:ffff8800364f3d28  EFLAGS: 00010246\\n[  821.004660] Call Trace:\\n[  821.004670]  [<ffffffffa03c2436>] nfs_readdir_filler+0x36/0xb0 [nfs]\\n[  821.004680]  [<ffffffff81141f1e>] do_read_cache_page+0x7e/0x1b0\\n[  821.004690]  [<ffffffffa03c26a9>] nfs_readdir+0x159/0x5e0 [nfs]\\n[  821.004700]  [<ffffffff811c2e30>] vfs_readdir+0xb0/0xe0\\n[  821.004710]  [<ffffffff815f19d9>] system_call_fastpath+0x16/0x1b\\n[  821.004720] Code: 48 8b 45 c8 48 8b 50 10 <48> 8b 42 10 48 85 c0 74 0a\\n[  821.004730] RIP  [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]\\n",
          "version": "3.10.0-123.el7.x86_64"
        }
      }
    `),
    expected: { kind: 'bad-access', culprit: 'nfs_readdir_xdr_to_array', cpu: 2, pid: 3051 },
  },

];

/** The log of a row, for a detector's own table that checks more of the same report than the matrix does. */
export function variantLog(variant: string): string {
  const row = VARIANTS.find((v) => v.variant === variant);
  if (!row) throw new Error(`no matrix row named ${variant}`);
  return row.log;
}
