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
    expected: { kind: 'bad-access', culprit: 'ext3_get_inode_loc', cpu: null, pid: 4417 },
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
    expected: { kind: 'cpu-exception', culprit: 'bond_3ad_xmit_xor', cpu: null, pid: 30122 },
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
];
