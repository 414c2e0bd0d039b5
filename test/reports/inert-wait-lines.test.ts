// A run of lines whose messages are no line of a wait is taken at once (WaitCollector.passInert): it must leave the
// wait facts as reading each line would. The frame prefilter must pass every line the frame parser reads.
import { describe, expect, it } from 'vitest';
import { mayBeFrameLine, parseFrameLine } from '../../src/reports/frames.js';
import { isInertWaitText, WaitCollector } from '../../src/reports/wait-dumps.js';
import type { LogLine } from '../../src/lines/types.js';
import { VARIANTS } from '../matrix/variants.js';

const line = (text: string, lineNo: number): LogLine => ({ path: 'log', lineNo, text, host: 'h', time: null, epochMs: null, uptime: null, kernel: true, tag: 'kernel', caller: null });

describe('isInertWaitText', () => {
  it.each([
    ['blk_update_request: I/O error, dev sdc, sector 663171421', true],
    ['XFS (sdc1): metadata I/O error: block 0xf876559e ("xfs_trans_read_buf_map") error 5 numblks 8', true],
    ['nf_conntrack: table full, dropping packet', true],
    // A wait fact, a stack line (frame, marker, stack words), a hypervisor, an empty message: read one by one.
    ['2 locks held by kworker/u4:2/51:', false],
    ['#0: ffff88801a2b3c48 (&sb->s_type->i_mutex_key#9){+.+.}-{3:3}, at: inode_lock+0x1/0x2', false],
    ['task:jbd2/sda1-8 state:D stack:0 pid:312 tgid:312 ppid:2 flags:0x00004000', false],
    [' ? __wake_up+0x44/0x50 [mod]', false],
    ['dump_stack_lvl (lib/dump_stack.c:107)', false],
    ['Call Trace:', false],
    ['<IRQ>', false],
    ['Hypervisor detected: KVM', false],
    ['   ', false],
  ])('%s', (text, inert) => {
    expect(isInertWaitText(text)).toBe(inert);
  });
});

describe('WaitCollector.passInert', () => {
  it('leaves the facts and the work counted as reading each inert line would', () => {
    const messages = [
      'INFO: task jbd2/sda1-8:312 blocked for more than 120 seconds.',
      'task:jbd2/sda1-8 state:D stack:0 pid:312 tgid:312 ppid:2 flags:0x00004000',
      'Call Trace:',
      ' __schedule+0x2a1/0x6d0',
      'blk_update_request: I/O error, dev sdc, sector 1',
      ' schedule+0x4e/0xb0',
      'Showing all locks held in the system:',
      '1 lock held by jbd2/sda1-8/312:',
      'nf_conntrack: table full, dropping packet',
      ' #0: ffff88801a2b3c48 (&journal->j_state_lock){+.+.}-{3:3}, at: jbd2_journal_commit_transaction+0x1/0x2',
      'task:rsync state:D stack:0 pid:400 ppid:1 flags:0x00000000',
      'blk_update_request: I/O error, dev sdc, sector 2',
      'blk_update_request: I/O error, dev sdc, sector 3',
      ' io_schedule+0x12/0x40',
    ];
    const each = new WaitCollector();
    const runs = new WaitCollector();
    let inert = 0;
    messages.forEach((text, i) => {
      each.line(line(text, i + 1), 'h');
      if (isInertWaitText(text)) inert++;
      else {
        runs.passInert('log', inert);
        inert = 0;
        runs.line(line(text, i + 1), 'h');
      }
    });
    runs.passInert('log', inert);
    expect(runs.result()).toEqual(each.result());
    expect(runs.steps).toBe(each.steps);
    // The I/O errors ended the dumps they came into: the frame after one is no frame of the task.
    expect(each.result().tasks.map((t) => [t.comm, t.stack.map((f) => f.function)])).toEqual([['jbd2/sda1-8', ['__schedule']], ['rsync', []]]);
  });
});

describe('mayBeFrameLine', () => {
  it('holds for every line the frame parser reads (the matrix of eras and architectures)', () => {
    // Messages as the wait reader has them (trimmed), with the dmesg time and without.
    const messages = VARIANTS.flatMap((v) => v.log.split('\n')).flatMap((raw) => [raw.trim(), raw.replace(/^\[[^\]]*\]\s?/, '').trim()]);
    const frames = messages.filter((text) => parseFrameLine(` ${text}`, null) !== null);
    expect(frames.length).toBeGreaterThan(200);
    expect(frames.filter((text) => !mayBeFrameLine(text))).toEqual([]);
  });
});
