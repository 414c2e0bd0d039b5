import { describe, expect, it } from 'vitest';
import { EventAggregator, templateOf } from '../../src/analysis/events.js';
import type { LogLine } from '../../src/lines/types.js';

function line(text: string, extra: Partial<LogLine> = {}): LogLine {
  return { path: 'log', lineNo: 1, text, host: 'h', time: null, epochMs: null, uptime: null, kernel: true, tag: 'kernel', caller: null, ...extra };
}

describe('templateOf', () => {
  it.each([
    ['rbd: rbd1: encountered watch error: -107', 'rbd: rbdN: encountered watch error: -107', ['rbd1'], -107],
    ['XFS (dm-12): Unmounting Filesystem', 'XFS (dm-N): Unmounting Filesystem', ['dm-12'], null],
    ['blk_update_request: I/O error, dev sdb, sector 123456 op 0x1:(WRITE)', 'blk_update_request: I/O error, dev sdb, sector N op 0x1:(WRITE)', [], null],
    ['nfs: server 10.0.0.5 not responding, still trying', 'nfs: server IP not responding, still trying', [], null],
    ['sd 0:0:0:0: [sda] tag#12 timing out command, waited 180s', 'sd N:N:N:N: [sda] tag#N timing out command, waited 180s', [], null],
    ['libceph: osd3 192.168.1.4:6800 socket closed (con state OPEN)', 'libceph: osdN IP:N socket closed (con state OPEN)', ['osd3'], null],
    ['ret=-110 on eth0', 'ret=-110 on ethN', ['eth0'], -110],
  ])('%s', (text, template, subjects, errno) => {
    expect(templateOf(text)).toEqual({ template, subjects, errno });
  });
});

describe('EventAggregator', () => {
  it('counts lines per template with subjects, first and last time', () => {
    const events = new EventAggregator();
    events.add(line('rbd: rbd1: encountered watch error: -107', { time: 't1', lineNo: 3 }));
    events.add(line('rbd: rbd0: encountered watch error: -107', { time: 't2', lineNo: 9 }));
    events.add(line('rbd: rbd10: encountered watch error: -107', { time: 't3', lineNo: 12 }));
    const [group] = events.groupsList();
    expect(group).toMatchObject({ kind: 'rbd', count: 3, subjects: ['rbd0', 'rbd1', 'rbd10'], firstSeen: 't1', lastSeen: 't3', errnoName: 'ENOTCONN', notable: true, example: { path: 'log', line: 3 } });
  });

  it('keeps program lines only when they report an error', () => {
    const events = new EventAggregator();
    events.add(line('Started Session 3301 of user root.', { kernel: false, tag: 'systemd' }));
    events.add(line('fatal: Timeout before authentication for 10.1.1.1 port 22', { kernel: false, tag: 'sshd' }));
    expect(events.groupsList().map((e) => e.kind)).toEqual(['sshd']);
  });
});
