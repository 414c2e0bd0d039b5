import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { softLockup } from '../../src/reports/detectors/soft-lockup.js';

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
