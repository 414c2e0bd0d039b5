import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Analyzer, analyzeText } from '../../src/analyzer.js';

// The first CPU 12 report of the node-2 example, as kernel messages.
const messages = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8')
  .split('\n')
  .map((l) => /\bkernel: (.*)$/.exec(l)?.[1])
  .filter((m): m is string => m !== undefined);
const start = messages.findIndex((m) => /soft lockup - CPU#12 /.test(m));
const report = messages.slice(start, messages.findIndex((m, i) => i > start && m.startsWith('Code:')) + 1);

function syslogAt(seconds: number, message: string, host = 'node-9'): string {
  const t = new Date(Date.UTC(2022, 10, 12, 0, 0, 0) + seconds * 1000);
  const clock = t.toISOString().slice(11, 19);
  return `Nov ${String(t.getUTCDate()).padStart(2)} ${clock} ${host} kernel: ${message}`;
}

describe('memory stays bounded on a CPU stuck for a day', () => {
  it('counts every one of 3000 reports (past the cap on kept report lines) and keeps the first report whole', () => {
    const reports = 3000;
    const lines: string[] = [];
    for (let i = 0; i < reports; i++) for (const m of report) lines.push(syslogAt(i * 28, m));
    expect(lines.length).toBeGreaterThan(100_000);
    const result = analyzeText(`${lines.join('\n')}\n`, 'messages', { now: () => new Date('2022-11-14T00:00:00Z') });
    expect(result.incidents).toHaveLength(1);
    const incident = result.incidents[0]!;
    expect(incident.reports).toBe(reports);
    expect(incident.ripSamples.reduce((n, r) => n + r.count, 0)).toBe(reports);
    expect(incident.lines).toHaveLength(report.length);
    expect(incident.evidence.length).toBeLessThanOrEqual(200);
    expect(incident.lastSeen).toBe(`2022-11-12T23:19:32`);
  });

  it('keeps at most the distinct reports it is given room for, and says how many more it counted', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) for (const m of report) lines.push(syslogAt(i * 28, m));
    const result = analyzeText(`${lines.join('\n')}\n`, 'messages', { now: () => new Date('2022-11-14T00:00:00Z'), maxKeptReports: 20 });
    expect(result.incidents[0]!.reports).toBe(20);
    // The first report not kept: the 21st, at its header line.
    expect(result.warnings).toEqual([expect.objectContaining({ path: 'messages', code: 'reports-dropped', params: { count: 10, max: 20, line: 20 * report.length + 1 } })]);
    // A copy of a kept report (the log pasted twice) is no report more.
    const twice = analyzeText(`${[...lines.slice(0, 20 * report.length), ...lines.slice(0, 20 * report.length)].join('\n')}\n`, 'messages', { now: () => new Date('2022-11-14T00:00:00Z'), maxKeptReports: 20 });
    expect(twice.warnings.filter((w) => w.code === 'reports-dropped')).toEqual([]);
    expect(twice.incidents[0]!.reports).toBe(20);
  });

  it('past the cap, still keeps the report of a problem none kept is of: a lockup on the host read after the flood is not lost', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) for (const m of report) lines.push(syslogAt(i * 28, m));
    for (const m of report) lines.push(syslogAt(30 * 28, m, 'node-10'));
    const result = analyzeText(`${lines.join('\n')}\n`, 'messages', { now: () => new Date('2022-11-14T00:00:00Z'), maxKeptReports: 20 });
    expect(result.incidents.map((i) => [i.host, i.kind, i.reports])).toEqual([
      ['node-9', 'soft-lockup', 20],
      ['node-10', 'soft-lockup', 1],
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'reports-dropped', params: { count: 10, max: 20, line: 20 * report.length + 1 } })]);
  });

  it('bounds the new problems kept past the cap too (a flood of distinct reports, one host each)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) for (const m of report) lines.push(syslogAt(i * 28, m, `node-${i}`));
    const result = analyzeText(`${lines.join('\n')}\n`, 'messages', { now: () => new Date('2022-11-14T00:00:00Z'), maxKeptReports: 20 });
    // 20, and a fifth of that more for problems not kept yet.
    expect(result.incidents).toHaveLength(24);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'reports-dropped', params: { count: 16, max: 20, line: 24 * report.length + 1 } })]);
  });
});

describe('inputs read', () => {
  it('are kept by the analyzer only as their summaries once they have ended (800 rotated logs of 200 hosts are 800 feeds)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const analyzer = new Analyzer({ now: () => new Date('2022-11-14T00:00:00Z') });
    const feeds = Array.from({ length: 3 }, (_, n) => {
      const feed = analyzer.openSource({ path: `messages.${n}` });
      for (let i = 0; i < 50; i++) feed.push(syslogAt(i, `blk_update_request: I/O error, dev sdc, sector ${1000 + i}`, `node-${n}`));
      feed.end();
      return new WeakRef(feed);
    });
    // (a WeakRef keeps its target to the end of the job that made it)
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(feeds.map((feed) => feed.deref())).toEqual([undefined, undefined, undefined]);
    expect(analyzer.finish().inputs.map((input) => [input.path, input.lines, input.host])).toEqual([
      ['messages.0', 50, 'node-0'],
      ['messages.1', 50, 'node-1'],
      ['messages.2', 50, 'node-2'],
    ]);
  });
});
