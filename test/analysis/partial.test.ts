import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { render } from '../../src/render/index.js';
import { log } from '../detectors/tester.js';

// Register dumps whose report header is not in the log (cut by a console switch, a log rotation or a grep): what is
// left of an oops is still an incident, marked partial, of kind `oops`.

const X86_6X = log(`
  [  123.456700] mlx5_core 0000:3b:00.0 enp59s0f0np0: TX timeout detected
  [  123.456789] CPU: 2 PID: 4521 Comm: kworker/2:1 Tainted: G           OE      6.1.0-18-amd64 #1  Debian 6.1.76-1
  [  123.456790] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
  [  123.456791] Workqueue: events mlx5e_tx_timeout_work [mlx5_core]
  [  123.456792] RIP: 0010:mlx5e_tx_reporter_timeout_recover+0x2c/0x140 [mlx5_core]
  [  123.456793] Code: 0f 1f 44 00 00 41 55 41 54 55 53 48 89 fb 48 83 ec 08 48 8b 6f 08 <48> 8b 45 10 4c 8b a0 c8 00 00 00 4d 85 e4 74 6d
  [  123.456794] RSP: 0018:ffffb1c2c0a4fd98 EFLAGS: 00010246
  [  123.456795] RAX: 0000000000000000 RBX: ffff9a0a4c3e2000 RCX: 0000000000000000
  [  123.456796] RDX: 0000000000000001 RSI: ffff9a0a4c3e2000 RDI: ffff9a0a4c3e2000
  [  123.456797] RBP: 0000000000000000 R08: 0000000000000000 R09: ffffb1c2c0a4fc28
  [  123.456798] R10: 0000000000000003 R11: ffffffffb5f46d28 R12: ffff9a0a4c3e2000
  [  123.456799] R13: ffff9a0a41d0e000 R14: 0000000000000000 R15: ffff9a0a4c3e2048
  [  123.456800] FS:  0000000000000000(0000) GS:ffff9a0befc80000(0000) knlGS:0000000000000000
  [  123.456801] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033
  [  123.456802] CR2: 0000000000000010 CR3: 000000010a40e000 CR4: 00000000003506e0
  [  123.456803] Call Trace:
  [  123.456804]  <TASK>
  [  123.456805]  devlink_health_reporter_recover+0x2d/0x70
  [  123.456806]  devlink_health_report+0x1a1/0x290
  [  123.456807]  mlx5e_reporter_tx_timeout+0xcd/0x100 [mlx5_core]
  [  123.456808]  mlx5e_tx_timeout_work+0x4b/0x60 [mlx5_core]
  [  123.456809]  process_one_work+0x1c7/0x380
  [  123.456810]  worker_thread+0x4d/0x380
  [  123.456811]  kthread+0xd7/0x100
  [  123.456812]  ret_from_fork+0x1f/0x30
  [  123.456813]  </TASK>
  [  123.456814] ---[ end trace 0000000000000000 ]---
`);

// RHEL 7: the RIP line of 3.10, the `Stack:` words, and `Code:` after the trace.
const X86_310 = log(`
  [ 8765.432101] CPU: 7 PID: 1234 Comm: java Not tainted 3.10.0-957.el7.x86_64 #1
  [ 8765.432102] Hardware name: HP ProLiant DL380 Gen9/ProLiant DL380 Gen9, BIOS P89 10/21/2019
  [ 8765.432103] task: ffff8817f9e8a080 ti: ffff8817e4c6c000 task.ti: ffff8817e4c6c000
  [ 8765.432104] RIP: 0010:[<ffffffffc05e1a2b>]  [<ffffffffc05e1a2b>] nfs4_do_close+0x5b/0x2c0 [nfsv4]
  [ 8765.432105] RSP: 0018:ffff8817e4c6fd10  EFLAGS: 00010246
  [ 8765.432106] RAX: 0000000000000000 RBX: ffff8817d2b1a000 RCX: 0000000000000000
  [ 8765.432107] FS:  00007f3b2d7fe700(0000) GS:ffff88303f9c0000(0000) knlGS:0000000000000000
  [ 8765.432108] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033
  [ 8765.432109] CR2: 0000000000000038 CR3: 0000002fd8a0e000 CR4: 00000000003607e0
  [ 8765.432110] Stack:
  [ 8765.432111]  ffff8817d2b1a000 ffff8817e4c6fd60 ffffffffc05c8b5a ffff882fd9f1a000
  [ 8765.432112] Call Trace:
  [ 8765.432113]  [<ffffffffc05c8b5a>] __nfs4_close+0x13a/0x1b0 [nfsv4]
  [ 8765.432114]  [<ffffffffc05c8be3>] nfs4_close_sync+0x13/0x20 [nfsv4]
  [ 8765.432115]  [<ffffffffc05b0e4e>] nfs4_close_context+0x3e/0x50 [nfsv4]
  [ 8765.432116]  [<ffffffffc057a8f2>] __put_nfs_open_context+0xb2/0x110 [nfs]
  [ 8765.432117]  [<ffffffffc057ab5b>] nfs_file_release+0x3b/0x50 [nfs]
  [ 8765.432118]  [<ffffffff8104c93c>] __fput+0xec/0x260
  [ 8765.432119]  [<ffffffff8104cb9e>] ____fput+0xe/0x10
  [ 8765.432120]  [<ffffffff810bf1bb>] task_work_run+0xbb/0xe0
  [ 8765.432121]  [<ffffffff81769c34>] system_call_fastpath+0x22/0x27
  [ 8765.432122] Code: 48 89 e5 41 57 41 56 41 55 41 54 53 48 83 ec 20 48 8b 47 10 <48> 8b 40 38 48 85 c0 74 0a
`);

// RHEL 7 ppc64le: no RIP+Code:, the fault address is in DAR.
const PPC64 = log(`
  [ 4321.000001] CPU: 12 PID: 5678 Comm: kworker/12:2 Not tainted 3.10.0-1160.el7.ppc64le #1
  [ 4321.000002] task: c000000fd5a91500 ti: c000000fd5b20000 task.ti: c000000fd5b20000
  [ 4321.000003] NIP: d000000011a2b3c4 LR: d000000011a2b3a0 CTR: c0000000001c2a10
  [ 4321.000004] REGS: c000000fd5b239f0 TRAP: 0300   Not tainted  (3.10.0-1160.el7.ppc64le)
  [ 4321.000005] MSR: 800000010280b033 <SF,VEC,VSX,EE,FP,ME,IR,DR,RI,LE,TM[E]>  CR: 24002842  XER: 00000000
  [ 4321.000006] CFAR: c000000000009368 DAR: 0000000000000010 DSISR: 40000000 SOFTE: 1
  [ 4321.000007] GPR00: d000000011a2b3a0 c000000fd5b23c70 d000000011a4c2b8 c000000fd5b23cf0
  [ 4321.000008] NIP [d000000011a2b3c4] ibmvfc_complete_purge+0x44/0x90 [ibmvfc]
  [ 4321.000009] LR [d000000011a2b3a0] ibmvfc_complete_purge+0x20/0x90 [ibmvfc]
  [ 4321.000010] Call Trace:
  [ 4321.000011] [c000000fd5b23c70] [d000000011a2b3a0] ibmvfc_complete_purge+0x20/0x90 [ibmvfc] (unreliable)
  [ 4321.000012] [c000000fd5b23ca0] [d000000011a2f1e8] ibmvfc_purge_requests+0x1a8/0x1e0 [ibmvfc]
  [ 4321.000013] [c000000fd5b23d20] [d000000011a33c84] ibmvfc_tasklet+0x6d4/0x980 [ibmvfc]
  [ 4321.000014] [c000000fd5b23e00] [c0000000000ef2a4] tasklet_action+0xd4/0x180
  [ 4321.000015] Instruction dump:
  [ 4321.000016] 60000000 e93f0010 7fa3eb78 39400000 e9290040 f9490010 4bfffd55 60000000
`);

// arm64: the pc line and the Code: words locate the fault.
const ARM64 = log(`
  [   55.000001] CPU: 3 PID: 812 Comm: kworker/u8:3 Not tainted 5.10.110 #1
  [   55.000002] Hardware name: Rockchip RK3568 EVB1 DDR4 V10 Board (DT)
  [   55.000003] Workqueue: events_unbound deferred_probe_work_func
  [   55.000004] pstate: 60400009 (nZCv daif +PAN -UAO -TCO BTYPE=--)
  [   55.000005] pc : dw_hdmi_qp_bridge_enable+0x34/0x120
  [   55.000006] lr : drm_atomic_bridge_chain_enable+0x5c/0xa0
  [   55.000007] sp : ffffffc012a4b9f0
  [   55.000008] x29: ffffffc012a4b9f0 x28: ffffff80c1b2e000
  [   55.000009] x27: 0000000000000000 x26: ffffff80c1a3d880
  [   55.000010] Call trace:
  [   55.000011]  dw_hdmi_qp_bridge_enable+0x34/0x120
  [   55.000012]  drm_atomic_bridge_chain_enable+0x5c/0xa0
  [   55.000013]  drm_atomic_helper_commit_modeset_enables+0x1a4/0x250
  [   55.000014]  commit_tail+0xa0/0x180
  [   55.000015]  drm_atomic_helper_commit+0x16c/0x190
  [   55.000016] Code: f9400a60 b4000480 f9401a61 aa1303e0 (f9400821)
`);

// Register dumps printed on purpose: all-CPU NMI backtraces and sysrq show-regs. They carry RIP, Code: and CR2 too.
const NMI_BACKTRACE = log(`
  [  300.000001] Sending NMI from CPU 0 to CPUs 1:
  [  300.000002] NMI backtrace for cpu 1
  [  300.000003] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 5.15.0-91-generic #101-Ubuntu
  [  300.000004] RIP: 0010:native_safe_halt+0xb/0x10
  [  300.000005] Code: 07 0f 00 2d 0b 7c 52 00 f4 c3 cc cc cc cc 0f 1f 44 00 00 0f 00 2d fb 7b 52 00 fb f4 <c3> cc cc cc cc
  [  300.000006] RSP: 0018:ffffb4c0000a3e88 EFLAGS: 00000246
  [  300.000007] CR2: 00007f1d2c0b1000 CR3: 000000010a40e000 CR4: 00000000003506e0
  [  300.000008] Call Trace:
  [  300.000009]  <TASK>
  [  300.000010]  default_idle+0xe/0x20
  [  300.000011]  default_idle_call+0x38/0xf0
  [  300.000012]  do_idle+0x1e5/0x250
  [  300.000013]  cpu_startup_entry+0x20/0x30
  [  300.000014]  </TASK>
`);

const SYSRQ_SHOW_REGS = log(`
  [  400.000001] sysrq: Show Regs
  [  400.000002] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.15.0-91-generic #101-Ubuntu
  [  400.000003] RIP: 0010:native_safe_halt+0xb/0x10
  [  400.000004] Code: 07 0f 00 2d 0b 7c 52 00 f4 c3 cc cc cc cc 0f 1f 44 00 00 0f 00 2d fb 7b 52 00 fb f4 <c3> cc cc cc cc
  [  400.000005] CR2: 00007f1d2c0b1000 CR3: 000000010a40e000 CR4: 00000000003506e0
  [  400.000006] Call Trace:
  [  400.000007]  <IRQ>
  [  400.000008]  handle_sysrq+0x2a/0x40
  [  400.000009]  </IRQ>
`);

// A grep that kept the CPU and RIP lines only: no trace, nothing to blame.
const RIP_ONLY = log(`
  [  500.000001] CPU: 4 PID: 2211 Comm: dd Not tainted 4.18.0-372.9.1.el8.x86_64 #1
  [  500.000002] RIP: 0010:copy_page+0x7/0x10
`);

describe('an oops whose header is missing', () => {
  it.each([
    ['x86 6.x (RIP, Code:, CR2)', X86_6X, { cpu: 2, pid: 4521, comm: 'kworker/2:1', culprit: { function: 'mlx5e_tx_reporter_timeout_recover', module: 'mlx5_core' }, kernel: '6.1.0-18-amd64' }],
    ['x86 3.10 RHEL 7 (RIP, Code: after the trace)', X86_310, { cpu: 7, pid: 1234, comm: 'java', culprit: { function: 'nfs4_do_close', module: 'nfsv4' }, kernel: '3.10.0-957.el7.x86_64' }],
    ['ppc64le RHEL 7 (DAR)', PPC64, { cpu: 12, pid: 5678, comm: 'kworker/12:2', culprit: { function: 'ibmvfc_complete_purge', module: 'ibmvfc' }, kernel: '3.10.0-1160.el7.ppc64le' }],
    ['arm64 (pc, Code:)', ARM64, { cpu: 3, pid: 812, comm: 'kworker/u8:3', culprit: { function: 'dw_hdmi_qp_bridge_enable', module: null }, kernel: '5.10.110' }],
  ])('%s is a partial oops incident', (_name, text, expected) => {
    const result = analyzeText(text);
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({ id: 'I1', kind: 'oops', partial: { reason: 'header-missing' }, title: `kernel oops in ${expected.culprit.function}`, ...expected });
    expect(result.summary.verdictCode).toBe('verdict.incident');
    expect(result.warnings.filter((w) => /register dump/.test(w.message))).toEqual([]);
  });

  it('takes its place in time among the other incidents', () => {
    const hung = log(`
      [   10.000000] INFO: task khugepaged:57 blocked for more than 120 seconds.
      [   10.000001]       Not tainted 6.1.0-18-amd64 #1
      [   10.000002] Call Trace:
      [   10.000003]  <TASK>
      [   10.000004]  __schedule+0x34d/0x9e0
      [   10.000005]  schedule+0x5a/0xd0
      [   10.000006]  rwsem_down_write_slowpath+0x2a4/0x5c0
      [   10.000007]  khugepaged+0x1b5/0x2e0
      [   10.000008]  kthread+0xd7/0x100
      [   10.000009]  ret_from_fork+0x1f/0x30
      [   10.000010]  </TASK>
    `);
    const result = analyzeText(hung + X86_6X);
    expect(result.incidents.map((i) => [i.id, i.kind])).toEqual([['I1', 'hung-task'], ['I2', 'oops']]);
    const reversed = analyzeText(X86_6X + hung.replace(/\[ {3}10\./g, '[  910.'));
    expect(reversed.incidents.map((i) => [i.id, i.kind])).toEqual([['I1', 'oops'], ['I2', 'hung-task']]);
  });

  it('is said to be partial in every rendering, in English and Chinese', () => {
    const result = analyzeText(X86_6X);
    const options = { color: false, compactJson: false };
    expect(render(result, 'text', { ...options, lang: 'en' })).toContain('Partial     a register dump and call trace whose report header is not in the log');
    expect(render(result, 'md', { ...options, lang: 'en' })).toContain('| Partial | a register dump and call trace whose report header is not in the log');
    expect(render(result, 'html', { ...options, lang: 'zh' })).toContain('缺少报告头');
    expect(render(result, 'text', { ...options, lang: 'zh' })).toContain('内核 oops');
  });
});

describe('register dumps that are no oops', () => {
  it.each([
    ['an NMI backtrace of another CPU', NMI_BACKTRACE],
    ['an NMI backtrace with the NMI handler\'s complaint before its CPU line', NMI_BACKTRACE.replace('NMI backtrace for cpu 1\n', 'NMI backtrace for cpu 1\n[  300.000002] INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run: 1.860 msecs\n')],
    ['sysrq show-regs', SYSRQ_SHOW_REGS],
    ['a CPU and RIP line without a trace', RIP_ONLY],
  ])('%s gives no incident', (_name, text) => {
    const result = analyzeText(text);
    expect(result.incidents).toEqual([]);
    expect(result.summary.verdictCode).toBe('verdict.none');
  });
});
