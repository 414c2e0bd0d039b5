// How a body line is attributed to one of several reports printed at the same moment.
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/lines/types.js';
import { attribute, headerClaim, lineRole, newAssembly, StackHistory, take } from '../../src/reports/reassembly.js';

const line = (text: string, lineNo = 1): LogLine => ({ path: 'x', lineNo, text, host: null, time: null, epochMs: null, uptime: 1, kernel: true, tag: null, caller: null });
const HEADER_12 = 'NMI watchdog: BUG: soft lockup - CPU#12 stuck for 22s! [dockerd-current:39156]';
const HEADER_13 = 'NMI watchdog: BUG: soft lockup - CPU#13 stuck for 22s! [migration/13:74]';

/** Two reports being assembled, each having taken the given lines already. */
function twoOpen(taken12: string[] = [], taken13: string[] = []) {
  const a = newAssembly(line(HEADER_12));
  const b = newAssembly(line(HEADER_13));
  taken12.forEach((t) => take(a, t));
  taken13.forEach((t) => take(b, t));
  return [a, b];
}

/** A history that has learned one report of HEADER_12's task, its body lines taken as the segmenter takes them. */
function learnedOf(body: string[]): StackHistory {
  const history = new StackHistory();
  const assembly = newAssembly(line(HEADER_12));
  body.forEach((t) => take(assembly, t));
  history.learn(assembly, [line(HEADER_12), ...body.map((t) => line(t))]);
  return history;
}

describe('line roles and header claims', () => {
  it('tells the lines of a register dump apart', () => {
    expect(lineRole('CPU: 13 PID: 74 Comm: migration/13 Tainted: G W OEL 3.10.0 #1')).toEqual({ kind: 'cpu', cpu: 13, pid: 74 });
    expect(lineRole('RIP: 0010:[<ffffffff8111681a>]  [<ffffffff8111681a>] multi_cpu_stop+0x4a/0x100')).toEqual({ kind: 'rip', fn: 'multi_cpu_stop' });
    expect(lineRole('[<ffffffff810bd514>] __wake_up+0x44/0x50')).toEqual({ kind: 'frame', fn: '__wake_up', address: 'ffffffff810bd514' });
    expect(lineRole(' <IRQ>')).toEqual({ kind: 'frame', fn: null, address: null });
    expect(lineRole('Code: 07 00 <0f> 1f')).toEqual({ kind: 'code' });
    expect(lineRole('ffff881f5b317c60 ffffffff810bd514')).toEqual({ kind: 'words' });
    expect(lineRole('RAX: ffff880f2d793cd0 RBX: ffff88103cd99cc0')).toEqual({ kind: 'once', name: 'RAX' });
    expect(lineRole('Modules linked in: rbd libceph')).toEqual({ kind: 'once', name: 'Modules linked in' });
    expect(lineRole('rbd: rbd1: encountered watch error: -107')).toEqual({ kind: 'other' });
  });

  it('reads which CPU and task a header speaks for', () => {
    expect(headerClaim(HEADER_12)).toEqual({ cpu: 12, pid: 39156 });
    expect(headerClaim('WARNING: CPU: 1 PID: 42 at kernel/foo.c:12 foo+0x1/0x2')).toEqual({ cpu: 1, pid: 42 });
    expect(headerClaim('Watchdog detected hard LOCKUP on cpu 3')).toEqual({ cpu: 3, pid: null });
    expect(headerClaim('INFO: task khugepaged:52 blocked for more than 120 seconds.')).toEqual({ cpu: null, pid: null });
  });
});

describe('attributing a line to one of two open reports', () => {
  const history = new StackHistory();

  it('a CPU line goes to the report whose header names that CPU', () => {
    expect(attribute(twoOpen(), 'CPU: 13 PID: 74 Comm: migration/13 Not tainted 3.10.0 #1', history)).toEqual({ to: 1 });
    expect(attribute(twoOpen(), 'CPU: 12 PID: 39156 Comm: dockerd-current Not tainted 3.10.0 #1', history)).toEqual({ to: 0 });
  });

  it('a Code: line goes to the task without history only when the other is at a RIP whose Code: it knows', () => {
    const rip = 'RIP: 0010:_raw_spin_unlock_irqrestore+0x15/0x20';
    const learned = learnedOf([rip, 'Code: 57 9d <0f> 1f']);
    const code13 = 'Code: f3 90 <8b> 43 20';
    expect(attribute(twoOpen([rip], []), code13, learned)).toEqual({ to: 1 });
    expect(attribute(twoOpen(['RIP: 0010:__wake_up+0xe/0x50'], []), code13, learned)).toEqual({ withheld: [0, 1], damaging: true });
  });

  it('a frame neither report can claim is withheld and damages both; other lines are withheld quietly', () => {
    const ready = ['CPU: 1 PID: 1 Comm: a Not tainted 3.10.0 #1', 'RIP: 0010:f+0x1/0x2', 'Call Trace:'];
    expect(attribute(twoOpen(ready, ready), ' kthread+0xcf/0xe0', history)).toEqual({ withheld: [0, 1], damaging: true });
    expect(attribute(twoOpen(ready, ready), 'RAX: 0000000000000001 RBX: ffff881f5b317a40', history)).toEqual({ withheld: [0, 1], damaging: false });
    expect(attribute(twoOpen(ready, ready), 'Modules linked in: rbd', history)).toEqual({ withheld: [0, 1], damaging: false });
  });

  it("a frame the task showed in earlier reports is that task's; an unknown one belongs to the task with no history", () => {
    const learned = learnedOf(['RIP: 0010:_raw_spin_unlock_irqrestore+0x15/0x20', '[<ffffffff812f7951>] blk_set_queue_dying+0xa1/0xc0']);
    const ready = ['CPU: 1 PID: 1 Comm: a Not tainted 3.10.0 #1', 'RIP: 0010:f+0x1/0x2', 'Call Trace:'];
    expect(attribute(twoOpen(ready, ready), '[<ffffffff812f7951>] blk_set_queue_dying+0xa1/0xc0', learned)).toEqual({ to: 0 });
    expect(attribute(twoOpen(ready, ready), '[<ffffffff81116a18>] cpu_stopper_thread+0x98/0x170', learned)).toEqual({ to: 1 });
  });

  it('a 3.x frame whose return address is in the Stack: words of one report is that report', () => {
    const ready = ['CPU: 1 PID: 1 Comm: a Not tainted 3.10.0 #1', 'RIP: 0010:f+0x1/0x2', 'Call Trace:'];
    const open = twoOpen([...ready.slice(0, 2), 'Stack:', 'ffff881f5b317c60 ffffffff810bd514', ready[2]!], ready);
    expect(attribute(open, '[<ffffffff810bd514>] __wake_up+0x44/0x50', history)).toEqual({ to: 0 });
  });
});
