// A `cut here` line keeps the segmenter from being idle (so the fast read reads the lines after it one by one, as the
// full read does) only while a WARN()'s message may still come: until its header, a kernel line printed later, or a
// program's line past the second.
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/lines/formats.js';
import type { LineContext } from '../../src/lines/types.js';
import { HeaderMatcher } from '../../src/reports/header-matcher.js';
import { Segmenter } from '../../src/reports/segmenter.js';
import type { Report } from '../../src/reports/types.js';

function segmenter() {
  const reports: Report[] = [];
  const ctx: LineContext = { path: 'messages', year: 2022, referenceMonth: 11, assumedZone: null, previous: null };
  const s = new Segmenter(new HeaderMatcher(), { report: (r) => reports.push(r), fragment: () => {}, loose: () => {}, unassembled: () => {}, error: () => {} });
  let lineNo = 0;
  const push = (text: string) => s.push(parseLine(text, ++lineNo, 'syslog', ctx));
  return { s, push, reports };
}

describe('the segmenter after a `cut here` line', () => {
  it('waits for the header, which takes the lines printed between them', () => {
    const { s, push, reports } = segmenter();
    push('Nov 12 10:15:00 node-2 kernel: ------------[ cut here ]------------');
    expect(s.idle).toBe(false);
    push('Nov 12 10:15:00 node-2 kernel: refcount_t: underflow; use-after-free.');
    expect(s.idle).toBe(false);
    push('Nov 12 10:15:00 node-2 kernel: WARNING: CPU: 1 PID: 46 at lib/refcount.c:28 refcount_warn_saturate+0x13c/0x174');
    push('Nov 12 10:15:00 node-2 kernel: Call Trace:');
    push('Nov 12 10:15:00 node-2 kernel:  mydrv_put+0x1a/0x40 [mydrv]');
    push('Nov 12 10:15:00 node-2 kernel: ---[ end trace 0000000000000000 ]---');
    s.end();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.details['message']).toBe('refcount_t: underflow; use-after-free.');
  });

  it('is idle again after a kernel line printed later, after the lines a message may have, or after a program line past the second', () => {
    const later = segmenter();
    later.push('Nov 12 10:15:00 node-2 kernel: ------------[ cut here ]------------');
    later.push('Nov 12 10:15:02 node-2 kernel: e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex');
    expect(later.s.idle).toBe(true);

    const many = segmenter();
    many.push('Nov 12 10:15:00 node-2 kernel: ------------[ cut here ]------------');
    for (let i = 0; i < 4; i++) many.push(`Nov 12 10:15:00 node-2 kernel: line ${i}`);
    expect(many.s.idle).toBe(true);

    const program = segmenter();
    program.push('Nov 12 10:15:00 node-2 kernel: ------------[ cut here ]------------');
    program.push('Nov 12 10:15:00 node-2 sshd[1]: Accepted publickey for root');
    expect(program.s.idle).toBe(false);
    program.push('Nov 12 10:15:05 node-2 sshd[1]: Accepted publickey for root');
    expect(program.s.idle).toBe(true);
  });
});
