// Any process can write report-shaped text to syslog or /dev/kmsg. Such lines are not kernel
// reports: they give no incident, never join a real report, and the run says what it ignored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';
import { node2Lines, node2Text } from './support.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const analyze = (text: string, path = 'messages') => analyzeText(text, path, { now: NOW, year: 2022 });
const FAKE_REPORT = [
  'BUG: soft lockup - CPU#3 stuck for 22s! [evil:666]',
  'CPU: 3 PID: 666 Comm: evil Not tainted 5.4.0 #1',
  'RIP: 0010:evil_function+0x1/0x2',
  'Call Trace:',
  ' evil_caller+0x5/0x10',
];

describe('report-shaped lines written by user space', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('syslog: a program tag is not the kernel, and the warning names program, file and line', () => {
    const text = FAKE_REPORT.map((m) => `Nov 12 10:10:59 node-2 myapp[123]: ${m}`).join('\n');
    const result = analyze(text);
    expect(result.incidents).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ path: 'messages', message: expect.stringMatching(/^line 1: 1 line\(s\) from the program "myapp" look like a kernel report \("BUG: soft lockup - CPU#3.*not logged by the kernel/) })]);
  });

  it('a fake report between real ones changes nothing in the node-2 diagnosis', () => {
    const at = node2Lines.findIndex((l) => l.includes('CPU#13 stuck'));
    const spoofed = FAKE_REPORT.map((m) => node2Lines[at]!.replace(/node-2 kernel: .*/, `node-2 evil[666]: ${m}`));
    const text = [...node2Lines.slice(0, at), ...spoofed, ...node2Lines.slice(at)].join('\n');
    const clean = analyze(node2Text).incidents;
    const result = analyze(text);
    expect(result.incidents.map((i) => [i.cpu, i.pid, i.reports, i.loopFunction, i.role])).toEqual(clean.map((i) => [i.cpu, i.pid, i.reports, i.loopFunction, i.role]));
    expect(result.warnings.some((w) => w.message.includes('"evil"'))).toBe(true);
  });

  it('program lines printed in the middle of a real report never join it', () => {
    const header = node2Lines.findIndex((l) => l.includes('CPU#12 stuck'));
    const trace = node2Lines.findIndex((l, i) => i > header && l.includes('Call Trace:'));
    const fake = ['[<ffffffff81000000>] evil_function+0x1/0x2', 'RIP: 0010:[<ffffffff81000000>]  [<ffffffff81000000>] evil_function+0x1/0x2', 'CPU: 12 PID: 666 Comm: evil Not tainted 5.4.0 #1'];
    const injected = fake.map((m) => node2Lines[trace]!.replace(/node-2 kernel: .*/, `node-2 evil[666]: ${m}`));
    const text = [...node2Lines.slice(0, trace + 1), ...injected, ...node2Lines.slice(trace + 1)].join('\n');
    const culprit = analyze(text).incidents[0]!;
    expect(culprit.stack.map((f) => f.function)).not.toContain('evil_function');
    expect(culprit.rip?.function).toBe('_raw_spin_unlock_irqrestore');
    expect(culprit.lines.map((l) => l.text).join('\n')).not.toContain('evil');
  });

  it('/dev/kmsg records with the user facility are not kernel reports', () => {
    const kmsg = (facility: number, i: number, m: string) => `${(facility << 3) | 4},${100 + i},${5_000_000 + i},-;${m}`;
    const spoofed = analyze(FAKE_REPORT.map((m, i) => kmsg(1, i, m)).join('\n'), 'kmsg.txt');
    expect(spoofed.incidents).toEqual([]);
    expect(spoofed.warnings).toEqual([expect.objectContaining({ path: 'kmsg.txt', message: expect.stringContaining('written to the kernel log by user space (not the kernel facility)') })]);
    const real = analyze(FAKE_REPORT.map((m, i) => kmsg(0, i, m)).join('\n'), 'kmsg.txt');
    expect(real.incidents.map((i) => [i.cpu, i.pid])).toEqual([[3, 666]]);
    expect(real.warnings.filter((w) => w.message.includes('user space'))).toEqual([]);
  });

  it('dmesg -r (<14>) and dmesg -x (user :warn :) priorities of user space are not kernel reports', () => {
    const raw = (pri: number) => FAKE_REPORT.map((m, i) => `<${pri}>[ 5000.00000${i}] ${m}`).join('\n');
    const decoded = (facility: string) => FAKE_REPORT.map((m, i) => `${facility.padEnd(6)}:warn  : [ 5000.00000${i}] ${m}`).join('\n');
    for (const text of [raw(12), decoded('user')]) {
      const result = analyze(text, 'dmesg.txt');
      expect(result.incidents).toEqual([]);
      expect(result.warnings.some((w) => w.message.includes('user space'))).toBe(true);
    }
    for (const text of [raw(4), decoded('kern')]) expect(analyze(text, 'dmesg.txt').incidents.map((i) => i.cpu)).toEqual([3]);
  });

  it('any program name and any mix of report lines from it: no incident, always a warning', () => {
    const tag = fc.stringMatching(/^[A-Za-z][\w.-]{0,15}$/).filter((t) => t !== 'kernel');
    const style = fc.constantFrom('syslog', 'iso', 'bundle', 'rfc5424');
    fc.assert(
      fc.property(tag, style, fc.array(fc.constantFrom(...FAKE_REPORT), { minLength: 1, maxLength: 12 }), (program, s, body) => {
        const lines = [FAKE_REPORT[0]!, ...body].map((m, i) => {
          const t = `10:10:${String(10 + (i % 50)).padStart(2, '0')}`;
          if (s === 'syslog') return `Nov 12 ${t} node-2 ${program}[42]: ${m}`;
          if (s === 'iso') return `2022-11-12T${t}+08:00 node-2 ${program}[42]: ${m}`;
          if (s === 'bundle') return `2022-11-12 ${t} +0800 | messages | Nov 12 ${t} node-2 ${program}[42]: ${m}`;
          return `<14>1 2022-11-12T${t}.000+08:00 node-2 ${program} - - - ${m}`;
        });
        const result = analyze(lines.join('\n'));
        expect(result.incidents).toEqual([]);
        expect(result.warnings.some((w) => w.message.includes(`from the program "${program}"`))).toBe(true);
      }),
      fuzzParams(300),
    );
  });
});
