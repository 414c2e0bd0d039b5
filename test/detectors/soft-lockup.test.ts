import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { softLockup } from '../../src/reports/detectors/soft-lockup.js';
import { log, testDetector } from './tester.js';

// The first report of the seed incident (3.10 / RHEL 7 layout), as the kernel printed it.
const RHEL7 = readFileSync('examples/node-2/seed-excerpt.log', 'utf8').split('\n').slice(0, 35).join('\n');

// A 5.x+ layout: no addresses, `? ` frames, <IRQ>/<TASK> markers, Code: before the registers.
const MODERN = `[ 2000.100001] watchdog: BUG: soft lockup - CPU#3 stuck for 26s! [kworker/3:1:1234]
[ 2000.100002] Modules linked in: xfs nvme nvme_core
[ 2000.100003] CPU: 3 PID: 1234 Comm: kworker/3:1 Tainted: G             L     5.15.0-91-generic #101-Ubuntu
[ 2000.100004] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.15.0-1 04/01/2014
[ 2000.100005] Workqueue: events_freezable_power_ disk_events_workfn
[ 2000.100006] RIP: 0010:native_queued_spin_lock_slowpath+0x20b/0x240
[ 2000.100007] Code: 00 00 f0 0f b1 17 0f 94 c0 84 c0 74 d2 c3 cc cc cc cc 8b 07 84 c0 74 0f f3 90 <8b> 07 84 c0 75 f8 b8 01 00 00 00 66 89 07 c3
[ 2000.100008] RSP: 0018:ffffb4e2c0dcbd60 EFLAGS: 00000202
[ 2000.100009] RAX: 0000000000000001 RBX: ffff9b3a4a6e8000 RCX: 0000000000000000
[ 2000.100010] Call Trace:
[ 2000.100011]  <IRQ>
[ 2000.100012]  ? watchdog_timer_fn+0x1be/0x220
[ 2000.100013]  ? __hrtimer_run_queues+0x10f/0x2a0
[ 2000.100014]  </IRQ>
[ 2000.100015]  <TASK>
[ 2000.100016]  _raw_spin_lock+0x22/0x30
[ 2000.100017]  nvme_poll_cq+0x35/0x90 [nvme]
[ 2000.100018]  nvme_timeout+0x1a3/0x360 [nvme]
[ 2000.100019]  blk_mq_check_expired+0x91/0xb0
[ 2000.100020]  worker_thread+0x53/0x410
[ 2000.100021]  kthread+0x127/0x150
[ 2000.100022]  ret_from_fork+0x1f/0x30
[ 2000.100023]  </TASK>
`;

function only(text: string) {
  const result = analyzeText(text, 'log');
  expect(result.incidents).toHaveLength(1);
  return result.incidents[0]!;
}

describe('soft-lockup detector', () => {
  it('documents itself with examples its header matches', () => {
    for (const example of softLockup.meta.examples) expect(softLockup.header.test(example)).toBe(true);
  });

  it('parses every field of the 3.10 / RHEL 7 layout', () => {
    const i = only(RHEL7);
    expect(i).toMatchObject({
      kind: 'soft-lockup',
      cpu: 12,
      pid: 39156,
      comm: 'dockerd-current',
      maxStuckSeconds: 22,
      taint: 'G        W  OE',
      kernel: '3.10.0-693.11.1.el7.es.10.x86_64',
      hardware: 'Dell Inc. PowerEdge R740/01YM03, BIOS 2.2.11 06/13/2019',
      rip: { function: '_raw_spin_unlock_irqrestore', offset: '0x15', size: '0x20', module: null },
      culprit: { function: 'blk_set_queue_dying', module: null },
      entry: { function: 'dm_ctl_ioctl', module: 'dm_mod' },
      corrupted: false,
    });
    expect(i.registers).toMatchObject({ RSP: '0018:ffff881f5b317c28', EFLAGS: '00000246', RAX: 'ffff880f2d793cd0', R15: '0000000000000000', CR2: '00007f7d1c00c000', DR7: '0000000000000400' });
    expect(i.stackWords).toHaveLength(12);
    expect(i.stackWords[1]).toBe('ffffffff810bd514');
    expect(i.stack).toHaveLength(13);
    expect(i.stack[0]).toEqual({ address: 'ffffffff810bd514', function: '__wake_up', offset: '0x44', size: '0x50', module: null, reliable: true, context: null });
    expect(i.stack[5]).toEqual({ address: 'ffffffffc00098a0', function: 'dev_suspend', offset: '0x250', size: '0x250', module: 'dm_mod', reliable: false, context: null });
    expect(i.code?.markerIndex).toBe(43);
    expect(i.code?.bytes.split(' ')[43]).toBe('0f');
    expect(i.code?.bytes.split(' ').slice(41, 43)).toEqual(['57', '9d']);
  });

  it('parses the modern layout with IRQ/TASK markers and unreliable frames', () => {
    const i = only(MODERN);
    expect(i).toMatchObject({
      cpu: 3,
      pid: 1234,
      comm: 'kworker/3:1',
      maxStuckSeconds: 26,
      taint: 'G             L',
      kernel: '5.15.0-91-generic',
      rip: { function: 'native_queued_spin_lock_slowpath', offset: '0x20b', size: '0x240' },
      // The spinlock frames are plumbing: the driver function taking the lock is the culprit.
      culprit: { function: 'nvme_poll_cq', module: 'nvme' },
      entry: { function: 'blk_mq_check_expired', module: null },
      firstUptime: 2000.100001,
    });
    expect(i.stack.map((f) => [f.function, f.reliable, f.context])).toEqual([
      ['watchdog_timer_fn', false, 'IRQ'],
      ['__hrtimer_run_queues', false, 'IRQ'],
      ['_raw_spin_lock', true, 'TASK'],
      ['nvme_poll_cq', true, 'TASK'],
      ['nvme_timeout', true, 'TASK'],
      ['blk_mq_check_expired', true, 'TASK'],
      ['worker_thread', true, 'TASK'],
      ['kthread', true, 'TASK'],
      ['ret_from_fork', true, 'TASK'],
    ]);
    expect(i.title).toBe('soft lockup in nvme_poll_cq');
  });

  it('keeps a report whole when another subsystem prints into it (SMP printk)', () => {
    const lines = MODERN.split('\n');
    lines.splice(8, 0, '[ 2000.100008] nvme nvme0: I/O 123 QID 4 timeout, aborting');
    const result = analyzeText(lines.join('\n'), 'log');
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]!.stack).toHaveLength(9);
    expect(result.events.map((e) => e.template)).toContain('nvme nvmeN: I/O N QID N timeout, aborting');
  });

  it('flags a report cut off after its header as corrupted', () => {
    const i = only(MODERN.split('\n').slice(0, 2).join('\n'));
    expect(i.corrupted).toBe(true);
    expect(i.corruptionReasons.join()).toMatch(/cut off/);
    expect(i.title).toBe('soft lockup');
  });

  it('does not take another CPU register dump for this report', () => {
    const text = MODERN.replace('CPU: 3 PID: 1234', 'CPU: 5 PID: 77');
    const i = only(text);
    expect(i.cpu).toBe(3);
    expect(i.pid).toBe(1234);
    expect(i.corrupted).toBe(true);
    expect(i.culprit).toBeNull();
  });
});

testDetector(softLockup, {
  valid: [
    {
      name: '5.10: stuck in a tasklet on the interrupt stack; the entry is the tasklet, not the syscall it interrupted',
      log: log(`
        [  516.671899][    C1] watchdog: BUG: soft lockup - CPU#1 stuck for 134s! [syz-executor.3:16401]
        [  516.731179][    C1] CPU: 1 PID: 16401 Comm: syz-executor.3 Not tainted 5.10.0-rc6-syzkaller #0
        [  516.750065][    C1] RIP: 0010:__sanitizer_cov_trace_switch+0xe/0x70
        [  516.776268][    C1] RSP: 0018:ffffc90000d909e8 EFLAGS: 00000246
        [  516.846256][    C1] Call Trace:
        [  516.849610][    C1]  <IRQ>
        [  516.852462][    C1]  jhash+0x1d7/0x5d0
        [  516.856438][    C1]  __rhashtable_lookup+0x22b/0x780
        [  516.897170][    C1]  sta_info_get_bss+0x144/0x3f0
        [  516.911609][    C1]  ieee80211_rx_list+0xdd3/0x23d0
        [  516.954196][    C1]  ieee80211_tasklet_handler+0xd3/0x130
        [  516.959733][    C1]  tasklet_action_common.constprop.0+0x22f/0x2d0
        [  516.966051][    C1]  __do_softirq+0x2a0/0x9f6
        [  516.970547][    C1]  asm_call_irq_on_stack+0xf/0x20
        [  516.975552][    C1]  </IRQ>
        [  516.978481][    C1]  do_softirq_own_stack+0xaa/0xd0
        [  516.983491][    C1]  irq_exit_rcu+0x132/0x200
        [  516.987990][    C1]  sysvec_apic_timer_interrupt+0x4d/0x100
        [  516.993697][    C1]  asm_sysvec_apic_timer_interrupt+0x12/0x20
        [  517.228136][    C1]  tcp_sendmsg+0x2b/0x40
        [  517.232377][    C1]  inet_sendmsg+0x99/0xe0
        [  517.241996][    C1]  sock_sendmsg+0xcf/0x120
        [  517.246415][    C1]  __sys_sendto+0x21c/0x320
        [  517.281952][    C1]  __x64_sys_sendto+0xdd/0x1b0
        [  517.297945][    C1]  do_syscall_64+0x2d/0x70
        [  517.302373][    C1]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
      `),
      expected: {
        title: 'soft lockup in jhash',
        cpu: 1,
        pid: 16401,
        culprit: { function: 'jhash', module: null },
        entry: { function: 'ieee80211_tasklet_handler', module: null },
        details: { syscall: 'sendto' },
      },
    },
    {
      name: 'arm64 5.9: no stack markers; the softirq run on interrupt exit is found past el1_irq',
      log: log(`
        [  637.311457][    C0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [ksoftirqd/0:9]
        [  637.466599][    C0] CPU: 0 PID: 9 Comm: ksoftirqd/0 Not tainted 5.9.0-12994-gf9893351acae #15
        [  637.470521][    C0] pc : _raw_spin_unlock_irqrestore+0x74/0x110
        [  637.471589][    C0] lr : _raw_spin_unlock_irqrestore+0xd8/0x110
        [  637.494411][    C0] Call trace:
        [  637.495455][    C0]  _raw_spin_unlock_irqrestore+0x74/0x110
        [  637.496383][    C0]  debug_check_no_obj_freed+0x234/0x438
        [  637.497375][    C0]  slab_free_freelist_hook+0x174/0x1f8
        [  637.498341][    C0]  kmem_cache_free+0xac/0x4f8
        [  637.522484][    C0]  ip_local_deliver_finish+0x1e0/0x350
        [  637.525948][    C0]  ip_list_rcv+0x2c4/0x418
        [  637.526879][    C0]  __netif_receive_skb_list_core+0x450/0x740
        [  637.527837][    C0]  netif_receive_skb_list_internal+0x558/0xb20
        [  637.529675][    C0]  net_rx_action+0xcbc/0x1268
        [  637.530599][    C0]  _stext+0x29c/0x1098
        [  637.531506][    C0]  irq_exit+0x470/0x540
        [  637.532402][    C0]  __handle_domain_irq+0xfc/0x1d0
        [  637.533350][    C0]  gic_handle_irq+0x78/0x230
        [  637.534194][    C0]  el1_irq+0xc0/0x180
        [  637.534982][    C0]  kthread_should_stop+0x8c/0xd0
        [  637.535900][    C0]  smpboot_thread_fn+0xa8/0x928
        [  637.536734][    C0]  kthread+0x30c/0x408
        [  637.537536][    C0]  ret_from_fork+0x10/0x30
      `),
      expected: {
        title: 'soft lockup in debug_check_no_obj_freed',
        comm: 'ksoftirqd/0',
        culprit: { function: 'debug_check_no_obj_freed', module: null },
        entry: { function: 'ip_list_rcv', module: null },
      },
    },
    {
      name: 'a task name with a line break splits the header and the CPU line: the report is kept, the halves joined',
      log: log(`
        [  100.000001] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [syz.3
        [  100.000001] evil:18088]
        [  100.000002] Modules linked in:
        [  100.000003] CPU: 1 PID: 18088 Comm: syz.3
        [  100.000003] evil Not tainted 6.8.0 #1
        [  100.000004] Hardware name: QEMU Standard PC
        [  100.000005] RIP: 0010:spin_loop_fn+0x15/0x20
        [  100.000006] RSP: 0018:ffffc90000abfd28 EFLAGS: 00000246
        [  100.000007] Call Trace:
        [  100.000010]  <TASK>
        [  100.000011]  evil_ioctl+0x44/0x50
        [  100.000012]  __x64_sys_ioctl+0xa1/0xc0
        [  100.000013]  do_syscall_64+0x16/0x1b
        [  100.000014]  entry_SYSCALL_64_after_hwframe+0x77/0x7f
        [  100.000015]  </TASK>
      `),
      expected: {
        title: 'soft lockup in spin_loop_fn',
        cpu: 1,
        pid: 18088,
        comm: 'syz.3\\nevil',
        corrupted: false,
        details: { taskName: 'holds a line break: the header is split over two lines (shown as \\n)', syscall: 'ioctl' },
      },
    },
  ],
});
