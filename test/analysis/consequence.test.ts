import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { consequencePanic } from '../../src/knowledge/panics.js';
import type { Incident } from '../../src/result/schema.js';
import { log } from '../detectors/tester.js';

// A panic that restates a report (`Fatal exception`, `hung_task: blocked tasks`, `Hard LOCKUP`, panic_on_oom...) is
// linked to that report and blamed on its culprit, not on the frames of the CPU that ran panic().

const byKind = (incidents: readonly Incident[], kind: string) => incidents.filter((i) => i.kind === kind);

// x86 6.x: a NULL dereference, then oops_end() panics with the panicking CPU's frames (dump_stack, panic, oops_end).
const X86_FATAL_EXCEPTION = log(`
  [ 1021.314071] BUG: kernel NULL pointer dereference, address: 0000000000000008
  [ 1021.314100] #PF: supervisor read access in kernel mode
  [ 1021.314110] #PF: error_code(0x0000) - not-present page
  [ 1021.314120] PGD 0 P4D 0
  [ 1021.314130] Oops: 0000 [#1] PREEMPT SMP NOPTI
  [ 1021.314140] CPU: 5 PID: 23812 Comm: kworker/5:2 Tainted: G           OE      6.5.0-35-generic #35~22.04.1-Ubuntu
  [ 1021.314150] Hardware name: Dell Inc. PowerEdge R650/0PYXKY, BIOS 1.13.2 12/13/2023
  [ 1021.314160] Workqueue: events nvmet_tcp_release_queue_work [nvmet_tcp]
  [ 1021.314170] RIP: 0010:nvmet_tcp_uninit_data_in_cmds+0x2d/0x90 [nvmet_tcp]
  [ 1021.314180] Code: 55 48 89 e5 41 55 41 54 53 48 8b 9f 48 01 00 00 48 85 db 74 2d 44 8b a7 40 01 00 00 <48> 8b 43 08 4c 8b 2b
  [ 1021.314190] RSP: 0018:ffffb05a4e46fe00 EFLAGS: 00010206
  [ 1021.314200] CR2: 0000000000000008 CR3: 000000012f83a004 CR4: 0000000000770ee0
  [ 1021.314210] Call Trace:
  [ 1021.314220]  <TASK>
  [ 1021.314230]  nvmet_tcp_release_queue_work+0x1c5/0x380 [nvmet_tcp]
  [ 1021.314240]  process_one_work+0x223/0x440
  [ 1021.314250]  worker_thread+0x4d/0x3f0
  [ 1021.314260]  kthread+0xf2/0x120
  [ 1021.314270]  ret_from_fork+0x47/0x70
  [ 1021.314280]  </TASK>
  [ 1021.314290] ---[ end trace 0000000000000000 ]---
  [ 1021.398710] Kernel panic - not syncing: Fatal exception
  [ 1021.398720] CPU: 5 PID: 23812 Comm: kworker/5:2 Tainted: G      D    OE      6.5.0-35-generic #35~22.04.1-Ubuntu
  [ 1021.398730] Call Trace:
  [ 1021.398740]  <TASK>
  [ 1021.398750]  dump_stack_lvl+0x48/0x70
  [ 1021.398760]  dump_stack+0x10/0x20
  [ 1021.398770]  panic+0x1b3/0x3a0
  [ 1021.398780]  oops_end+0x12a/0x140
  [ 1021.398790]  page_fault_oops+0x15d/0x5a0
  [ 1021.398800]  exc_page_fault+0x7f/0x180
  [ 1021.398810]  asm_exc_page_fault+0x27/0x30
  [ 1021.398820]  </TASK>
  [ 1021.398830] Kernel Offset: 0x2a00000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)
`);

// arm64 5.x: die() in interrupt: `Oops: Fatal exception in interrupt`, printed from the IRQ stack (call_on_irq_stack).
const ARM64_FATAL_IN_INTERRUPT = log(`
  [  734.120301] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010
  [  734.120330] Mem abort info:
  [  734.120340]   ESR = 0x96000006
  [  734.120350]   EC = 0x25: DABT (current EL), IL = 32 bits
  [  734.120360] Internal error: Oops: 96000006 [#1] PREEMPT SMP
  [  734.120370] Modules linked in: bcmdhd
  [  734.120380] CPU: 1 PID: 0 Comm: swapper/1 Tainted: G           O      5.15.92 #1
  [  734.120390] Hardware name: Raspberry Pi 4 Model B Rev 1.4 (DT)
  [  734.120400] pstate: 60400085 (nZCv daIf +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
  [  734.120410] pc : dhd_rx_frame+0x1c4/0x6a0 [bcmdhd]
  [  734.120420] lr : dhd_rx_frame+0x1a8/0x6a0 [bcmdhd]
  [  734.120430] sp : ffffffc008003d80
  [  734.120440] Call trace:
  [  734.120450]  dhd_rx_frame+0x1c4/0x6a0 [bcmdhd]
  [  734.120460]  dhd_bus_rxctl+0x8c/0x120 [bcmdhd]
  [  734.120470]  dhdsdio_isr+0x1b0/0x2a0 [bcmdhd]
  [  734.120480]  __handle_irq_event_percpu+0x60/0x1e0
  [  734.120490]  handle_irq_event+0x50/0x120
  [  734.120500]  call_on_irq_stack+0x28/0x50
  [  734.120510]  do_interrupt_handler+0x58/0x60
  [  734.120520] Code: f9400a60 b4000480 f9401a61 aa1303e0 (f9400821)
  [  734.120530] ---[ end trace 8a3b1c2d4e5f6a7b ]---
  [  734.130540] Kernel panic - not syncing: Oops: Fatal exception in interrupt
  [  734.130550] SMP: stopping secondary CPUs
  [  734.130560] Kernel Offset: disabled
`);

/** One khungtaskd pass over `tasks` blocked tasks (3.10 RHEL 7 layout), then hung_task_panic. */
function hungTasks(tasks: readonly (readonly [string, number, string])[]): string {
  const lines: string[] = [];
  let t = 1200.1;
  const stamp = () => `[${(t += 0.001).toFixed(6).padStart(12)}]`;
  for (const [comm, pid, where] of tasks) {
    lines.push(
      `${stamp()} INFO: task ${comm}:${pid} blocked for more than 120 seconds.`,
      `${stamp()} "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.`,
      `${stamp()} ${comm.padEnd(15)} D ffff88103fc54680     0 ${pid}      2 0x00000000`,
      `${stamp()} Call Trace:`,
      `${stamp()}  [<ffffffff8168c169>] schedule+0x29/0x70`,
      `${stamp()}  [<ffffffff81689bc9>] schedule_timeout+0x239/0x2c0`,
      `${stamp()}  [<ffffffff8168a74d>] __down_common+0xaa/0x104`,
      `${stamp()}  [<ffffffffc03a1b2e>] ${where}+0x5e/0x90 [xfs]`,
      `${stamp()}  [<ffffffff810b052f>] kthread+0xcf/0xe0`,
      `${stamp()}  [<ffffffff81697318>] ret_from_fork+0x58/0x90`,
    );
  }
  lines.push(
    `${stamp()} Kernel panic - not syncing: hung_task: blocked tasks`,
    `${stamp()} CPU: 14 PID: 281 Comm: khungtaskd Not tainted 3.10.0-1160.el7.x86_64 #1`,
    `${stamp()} Call Trace:`,
    `${stamp()}  [<ffffffff81685e03>] dump_stack+0x19/0x1b`,
    `${stamp()}  [<ffffffff8167f85a>] panic+0xe3/0x1f2`,
    `${stamp()}  [<ffffffff8113ab53>] watchdog+0x2f3/0x340`,
    `${stamp()}  [<ffffffff810b052f>] kthread+0xcf/0xe0`,
    `${stamp()}  [<ffffffff81697318>] ret_from_fork+0x58/0x90`,
  );
  return `${lines.join('\n')}\n`;
}

// 3.10 (RHEL 7): the hard-lockup WARN from the NMI, then hardlockup_panic.
const HARD_LOCKUP_310 = log(`
  [ 5412.882300] ------------[ cut here ]------------
  [ 5412.882310] WARNING: at kernel/watchdog.c:293 watchdog_overflow_callback+0xf5/0x120()
  [ 5412.882320] Watchdog detected hard LOCKUP on cpu 3
  [ 5412.882330] Modules linked in: mlx4_en mlx4_core
  [ 5412.882340] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 3.10.0-957.el7.x86_64 #1
  [ 5412.882350] Hardware name: Supermicro X10DRi/X10DRI, BIOS 2.0 12/17/2015
  [ 5412.882360] Call Trace:
  [ 5412.882370]  <NMI>  [<ffffffff81761f3c>] dump_stack+0x19/0x1b
  [ 5412.882380]  [<ffffffff810cfd48>] warn_slowpath_common+0x68/0x80
  [ 5412.882390]  [<ffffffff810cfdc7>] warn_slowpath_fmt+0x57/0x80
  [ 5412.882400]  [<ffffffff81141c15>] watchdog_overflow_callback+0xf5/0x120
  [ 5412.882410]  [<ffffffff8119b5fe>] __perf_event_overflow+0x8e/0x2b0
  [ 5412.882420]  [<ffffffff810374c8>] intel_pmu_handle_irq+0x1f8/0x4a0
  [ 5412.882430]  [<ffffffff8176c2bb>] perf_event_nmi_handler+0x2b/0x50
  [ 5412.882440]  [<ffffffff8176b9fd>] nmi_handle.isra.0+0x5d/0xc0
  [ 5412.882450]  [<ffffffff8176bba8>] do_nmi+0x148/0x2f0
  [ 5412.882460]  [<ffffffff8176ad0d>] end_repeat_nmi+0x1e/0x2e
  [ 5412.882470]  <<EOE>>  [<ffffffffc05a2c1e>] mlx4_en_process_rx_cq+0x2ae/0x9f0 [mlx4_en]
  [ 5412.882480]  [<ffffffffc05a3b0b>] mlx4_en_poll_rx_cq+0x3b/0x80 [mlx4_en]
  [ 5412.882490]  [<ffffffff8165a14c>] net_rx_action+0x26c/0x390
  [ 5412.882500]  [<ffffffff810d831f>] __do_softirq+0xef/0x280
  [ 5412.882510]  [<ffffffff8177445c>] call_softirq+0x1c/0x30
  [ 5412.882520]  <EOI>  [<ffffffff810d86b5>] irq_exit+0xf5/0x100
  [ 5412.882530] Kernel panic - not syncing: Hard LOCKUP
  [ 5412.882540] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 3.10.0-957.el7.x86_64 #1
  [ 5412.882550] Call Trace:
  [ 5412.882560]  <NMI>  [<ffffffff81761f3c>] dump_stack+0x19/0x1b
  [ 5412.882570]  [<ffffffff8175b1a5>] panic+0xe8/0x21f
  [ 5412.882580]  [<ffffffff810cfd3a>] warn_slowpath_common+0x5a/0x80
  [ 5412.882590]  [<ffffffff81141c15>] watchdog_overflow_callback+0xf5/0x120
  [ 5412.882600]  <<EOE>>  [<ffffffff810a4f40>] cpuidle_enter_state+0x40/0xc0
`);

// 6.x softlockup_panic: the panic is raised from the watchdog's timer interrupt.
const SOFT_LOCKUP_PANIC = log(`
  [ 3318.229314] watchdog: BUG: soft lockup - CPU#9 stuck for 26s! [fio:48811]
  [ 3318.229340] CPU: 9 PID: 48811 Comm: fio Kdump: loaded Tainted: G               X  6.4.0-150600.21-default #1 SLE15-SP6
  [ 3318.229350] Hardware name: Lenovo ThinkSystem SR650/7X06CTO1WW, BIOS -[IVE176N-3.30]- 07/12/2023
  [ 3318.229360] RIP: 0010:blk_mq_sched_dispatch_requests+0x3a/0x70
  [ 3318.229370] Code: 89 fb 48 8b 47 18 48 8b 68 40 48 8b 45 28 48 8b 40 10 a8 01 75 2c 48 89 df e8 4a fb ff ff <83> f8 f5 74 0c 5b 5d c3
  [ 3318.229380] RSP: 0018:ffffb26a4e05fb48 EFLAGS: 00000246
  [ 3318.229390] Call Trace:
  [ 3318.229400]  <TASK>
  [ 3318.229410]  __blk_mq_run_hw_queue+0x3a/0x70
  [ 3318.229420]  blk_mq_flush_plug_list+0x5a4/0x630
  [ 3318.229430]  __blk_flush_plug+0xf1/0x150
  [ 3318.229440]  io_submit_one+0x1a3/0x2d0
  [ 3318.229450]  __x64_sys_io_submit+0x9c/0x190
  [ 3318.229460]  do_syscall_64+0x58/0x80
  [ 3318.229470]  entry_SYSCALL_64_after_hwframe+0x73/0xdd
  [ 3318.229480]  </TASK>
  [ 3318.229490] Kernel panic - not syncing: softlockup: hung tasks
  [ 3318.229500] CPU: 9 PID: 48811 Comm: fio Kdump: loaded Tainted: G             L X  6.4.0-150600.21-default #1 SLE15-SP6
  [ 3318.229510] Call Trace:
  [ 3318.229520]  <IRQ>
  [ 3318.229530]  dump_stack_lvl+0x44/0x60
  [ 3318.229540]  panic+0x2fd/0x320
  [ 3318.229550]  watchdog_timer_fn+0x1f6/0x210
  [ 3318.229560]  __hrtimer_run_queues+0x112/0x2b0
  [ 3318.229570]  hrtimer_interrupt+0xf8/0x230
  [ 3318.229580]  </IRQ>
`);

const OOM_HEADER = log(`
  [ 9921.004411] java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0
  [ 9921.004430] CPU: 2 PID: 7120 Comm: java Not tainted 5.14.0-362.8.1.el9_3.x86_64 #1
  [ 9921.004440] Call Trace:
  [ 9921.004450]  <TASK>
  [ 9921.004460]  dump_stack_lvl+0x34/0x48
  [ 9921.004470]  dump_header+0x4a/0x201
  [ 9921.004480]  out_of_memory.cold+0x35/0x7c
  [ 9921.004490]  __alloc_pages_slowpath.constprop.0+0xb3c/0xd70
  [ 9921.004500]  </TASK>
  [ 9921.004510] Mem-Info:
  [ 9921.004520] active_anon:3923390 inactive_anon:2981 isolated_anon:0
`);

const OOM_PANIC = log(`
  [ 9921.104530] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled
  [ 9921.104540] CPU: 2 PID: 7120 Comm: java Not tainted 5.14.0-362.8.1.el9_3.x86_64 #1
  [ 9921.104550] Call Trace:
  [ 9921.104560]  <TASK>
  [ 9921.104570]  dump_stack_lvl+0x34/0x48
  [ 9921.104580]  panic+0x102/0x2c4
  [ 9921.104590]  out_of_memory.cold+0x2c/0x7c
  [ 9921.104600]  __alloc_pages_slowpath.constprop.0+0xb3c/0xd70
  [ 9921.104610]  </TASK>
`);

const FATAL_MCE = log(`
  [  412.010101] mce: [Hardware Error]: CPU 6: Machine Check Exception: 5 Bank 7: be00000000800400
  [  412.010111] mce: [Hardware Error]: RIP !INEXACT! 10:<ffffffff8104f3a5> {native_safe_halt+0x5/0x10}
  [  412.010121] mce: [Hardware Error]: TSC 2e8c5d8d26 ADDR 7f1d3c004000 MISC 86
  [  412.010131] mce: [Hardware Error]: PROCESSOR 0:50654 TIME 1700000000 SOCKET 0 APIC c microcode 2006e05
  [  412.010141] mce: [Hardware Error]: Run the above through 'mcelog --ascii'
  [  412.010151] mce: [Hardware Error]: Machine check: Processor context corrupt
  [  412.010161] Kernel panic - not syncing: Fatal machine check
`);

describe('a panic that restates a report', () => {
  it.each([
    ['x86 6.x Fatal exception after a NULL dereference', X86_FATAL_EXCEPTION, 'bad-access', { function: 'nvmet_tcp_uninit_data_in_cmds', module: 'nvmet_tcp' }],
    ['arm64 `Oops: Fatal exception in interrupt` printed on the IRQ stack', ARM64_FATAL_IN_INTERRUPT, 'bad-access', { function: 'dhd_rx_frame', module: 'bcmdhd' }],
    ['3.10 Hard LOCKUP after the watchdog WARN', HARD_LOCKUP_310, 'hard-lockup', { function: 'mlx4_en_process_rx_cq', module: 'mlx4_en' }],
    ['6.x softlockup: hung tasks from the watchdog timer', SOFT_LOCKUP_PANIC, 'soft-lockup', { function: 'blk_mq_sched_dispatch_requests', module: null }],
  ])('%s: linked to the report and blamed on its culprit', (_name, text, causeKind, culprit) => {
    const { incidents } = analyzeText(text);
    const [cause] = byKind(incidents, causeKind);
    const [panic] = byKind(incidents, 'panic');
    expect(cause).toMatchObject({ culprit, role: 'culprit', causedBy: null });
    expect(panic).toMatchObject({ causedBy: cause!.id, role: 'victim', culprit, title: `kernel panic in ${culprit.function}`, corrupted: false });
    expect(cause!.victims).toEqual([panic!.id]);
    expect(panic!.noteMessages).toContainEqual({ code: 'note.panic.follows', params: { causeKind, causeTitle: cause!.title, causeId: cause!.id, others: [], pick: 'last' } });
  });

  it('a hung-task panic after several blocked tasks is linked to the first of the pass, and names the others', () => {
    const { incidents } = analyzeText(hungTasks([['xfsaild/dm-3', 1412, 'xfsaild'], ['kworker/u96:1', 8821, 'xfs_log_worker'], ['rsync', 30112, 'xfs_log_force']]));
    const tasks = byKind(incidents, 'hung-task');
    const [panic] = byKind(incidents, 'panic');
    expect(tasks.map((t) => [t.id, t.comm, t.culprit?.function])).toEqual([['I1', 'xfsaild/dm-3', 'xfsaild'], ['I2', 'kworker/u96:1', 'xfs_log_worker'], ['I3', 'rsync', 'xfs_log_force']]);
    expect(panic).toMatchObject({ id: 'I4', causedBy: 'I1', culprit: { function: 'xfsaild', module: 'xfs' }, role: 'victim' });
    expect(panic!.noteMessages).toContainEqual({ code: 'note.panic.follows', params: { causeKind: 'hung-task', causeTitle: 'task hung in xfsaild', causeId: 'I1', others: ['I2', 'I3'], pick: 'first' } });
    expect(panic!.notes.join(' ')).toContain('The panic follows 3 reports of task hung printed one after the other (I1, I2, I3)');
  });

  it('a hung-task panic after one blocked task is linked to it', () => {
    const { incidents } = analyzeText(hungTasks([['jbd2/sdb1-8', 771, 'jbd2_journal_commit_transaction']]));
    expect(incidents.map((i) => [i.id, i.kind, i.causedBy, i.culprit?.function])).toEqual([
      ['I1', 'hung-task', null, 'jbd2_journal_commit_transaction'],
      ['I2', 'panic', 'I1', 'jbd2_journal_commit_transaction'],
    ]);
  });

  it('a fatal machine check panics as the consequence of the machine check', () => {
    const { incidents } = analyzeText(FATAL_MCE);
    expect(incidents.map((i) => [i.id, i.kind, i.causedBy])).toEqual([['I1', 'mce', null], ['I2', 'panic', 'I1']]);
  });

  it('a Fatal exception after an oops whose header is missing is linked to the partial incident', () => {
    const headerless = X86_FATAL_EXCEPTION.split('\n').filter((l) => !/NULL pointer|#PF:|PGD 0|Oops:/.test(l)).join('\n');
    const { incidents } = analyzeText(headerless);
    expect(incidents.map((i) => [i.id, i.kind, i.causedBy, i.culprit?.function, i.partial?.reason ?? null])).toEqual([
      ['I1', 'oops', null, 'nvmet_tcp_uninit_data_in_cmds', 'header-missing'],
      ['I2', 'panic', 'I1', 'nvmet_tcp_uninit_data_in_cmds', null],
    ]);
  });

  it('a panic that names no earlier report keeps its own culprit', () => {
    const { incidents } = analyzeText(log(`
      [  678.752880] Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: udp4_lib_lookup2+0x7ea/0x7f0
    `));
    expect(incidents.map((i) => [i.kind, i.causedBy, i.culprit?.function])).toEqual([['panic', null, 'udp4_lib_lookup2']]);
  });
});

describe('panic_on_oom', () => {
  it('after the OOM killer report: the panic is linked to the OOM incident', () => {
    const { incidents } = analyzeText(OOM_HEADER + OOM_PANIC);
    expect(incidents.map((i) => [i.id, i.kind, i.causedBy, i.culprit, i.partial ?? null])).toEqual([
      ['I1', 'oom', null, null, null],
      ['I2', 'panic', 'I1', null, null],
    ]);
  });

  it('without the OOM killer report: the panic still yields an OOM incident, marked partial, and is linked to it', () => {
    const { incidents, summary } = analyzeText(OOM_PANIC);
    expect(incidents.map((i) => [i.id, i.kind, i.causedBy, i.culprit, i.partial ?? null])).toEqual([
      ['I1', 'oom', null, null, { reason: 'header-missing' }],
      ['I2', 'panic', 'I1', null, null],
    ]);
    expect(incidents[0]).toMatchObject({ cpu: 2, pid: 7120, comm: 'java', details: { panicOnOom: true } });
    expect(summary.verdictParams).toMatchObject({ kind: 'oom' });
  });
});

describe('panic reasons that restate a report (knowledge/panics.ts)', () => {
  it.each([
    ['Fatal exception', 'oops'],
    ['Fatal exception in interrupt', 'oops'],
    ['Oops: Fatal exception in interrupt', 'oops'],
    ['Oops - BUG: Fatal exception', 'oops'],
    ['panic_on_warn set ...', 'warning'],
    ['hung_task: blocked tasks', 'hungTask'],
    ['softlockup: hung tasks', 'softLockup'],
    ['Hard LOCKUP', 'hardLockup'],
    ['Fatal machine check', 'mce'],
    ['Out of memory: system-wide panic_on_oom is enabled', 'oom'],
    ['Out of memory: compulsory panic_on_oom is enabled', 'oom'],
    ['Out of memory and no killable processes...', 'oom'],
    ['System is deadlocked on memory', 'oom'],
  ])('%s follows a %s', (reason, follows) => {
    expect(consequencePanic(reason)?.follows).toBe(follows);
  });

  it.each(['Attempted to kill init! exitcode=0x0000000b', 'stack-protector: Kernel stack is corrupted in: f+0x1/0x2', 'VFS: Unable to mount root fs on unknown-block(0,0)'])('%s restates no report', (reason) => {
    expect(consequencePanic(reason)).toBeUndefined();
  });
});
