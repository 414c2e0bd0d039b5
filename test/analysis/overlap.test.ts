import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analyzer.js';
import { LineCopies, lineMoment, MAX_REMEMBERED } from '../../src/analysis/overlap.js';
import type { LogLine } from '../../src/lines/types.js';
import type { Result } from '../../src/result/schema.js';
import { convert, parseBundle } from '../helpers/convert.js';

// The node-2 log as a sosreport holds it several times over: the bundle file, the seed write-up's excerpt and a
// journal export (`journalctl -o json`: UTC, microseconds) made from the same lines.
const BUNDLE = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8');
const EXCERPT = readFileSync('examples/node-2/seed-excerpt.log', 'utf8');
const JOURNAL = convert(parseBundle(BUNDLE), 'journal-json');
const NOW = () => new Date('2022-11-13T00:00:00Z');

function analyzeInputs(inputs: readonly { path: string; text: string }[]): Result {
  const analyzer = new Analyzer({ now: NOW, year: 2022 });
  for (const { path, text } of inputs) {
    const feed = analyzer.openSource({ path });
    for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) feed.push(line);
    feed.end();
  }
  return analyzer.finish();
}

/** What a diagnosis says, apart from where it read it: incidents, their reports and times, event counts per host. */
function diagnosis(r: Result) {
  return {
    incidents: r.incidents.map((i) => [i.kind, i.host, i.cpu, i.reports, i.signature, Date.parse(i.firstSeen!), Date.parse(i.lastSeen!)]),
    events: Object.fromEntries(r.events.map((e) => [`${e.host} ${e.template}`, e.count])),
    problems: r.summary.problems.map((p) => [p.signature, p.occurrences]),
  };
}

const once = analyzeInputs([{ path: 'messages', text: BUNDLE }]);
const rbd = (r: Result, host = 'node-2') => r.events.find((e) => e.host === host && e.template.startsWith('rbd: rbdN: encountered watch error'))?.count;

describe('overlapping inputs are counted once', () => {
  it('node-2 as bundle, seed excerpt and journal export is node-2 read once, the overlap reported', () => {
    const all = analyzeInputs([
      { path: 'messages', text: BUNDLE },
      { path: 'seed-excerpt.log', text: EXCERPT },
      { path: 'journal.json', text: JOURNAL },
    ]);
    expect(all.incidents.map((i) => i.reports)).toEqual([24, 14, 8]);
    expect(rbd(all)).toBe(21);
    expect(diagnosis(all)).toEqual(diagnosis(once));
    expect(all.inputs[0]!.overlaps).toEqual([]);
    expect(all.inputs[1]!.overlaps).toEqual([{ path: 'messages', lines: expect.any(Number) }]);
    expect(all.inputs[2]!.overlaps).toEqual([{ path: 'messages', lines: expect.any(Number) }]);
    const said = all.findings.filter((f) => f.code === 'finding.overlap').map((f) => f.text);
    expect(said).toHaveLength(2);
    expect(said[1]).toMatch(/^journal\.json repeats \d+ lines of messages \(same host, time and text; \d+ % of its lines\): counted once\.$/);
  });

  it('a file given twice counts once', () => {
    const twice = analyzeInputs([
      { path: 'messages', text: BUNDLE },
      { path: 'messages', text: BUNDLE },
    ]);
    expect(diagnosis(twice)).toEqual(diagnosis(once));
  });

  it('a truncated copy, read first or last, removes no line the whole one has', () => {
    const half = BUNDLE.split('\n').slice(0, 700).join('\n') + '\n';
    for (const order of [[half, BUNDLE], [BUNDLE, half]]) {
      const r = analyzeInputs(order.map((text, n) => ({ path: `copy${n}`, text })));
      expect(diagnosis(r)).toEqual(diagnosis(once));
    }
  });

  it('an input that overlaps in part is merged only where it does', () => {
    const lines = BUNDLE.split('\n');
    // Cut between reports (at an rbd line), so that each piece holds whole reports.
    const cutAfter = (n: number) => lines.findIndex((l, i) => i >= n && l.includes('rbd: rbd'));
    const early = lines.slice(0, cutAfter(800)).join('\n') + '\n';
    const late = lines.slice(cutAfter(500)).join('\n');
    expect(diagnosis(analyzeInputs([{ path: 'a', text: early }, { path: 'b', text: late }]))).toEqual(diagnosis(once));
  });

  it('never merges two hosts\' identical lines', () => {
    const other = BUNDLE.replaceAll(' node-2 ', ' node-3 ');
    const r = analyzeInputs([
      { path: 'node-2/messages', text: BUNDLE },
      { path: 'node-3/messages', text: other },
    ]);
    expect(rbd(r, 'node-2')).toBe(21);
    expect(rbd(r, 'node-3')).toBe(21);
    expect(r.incidents).toHaveLength(6);
    expect(r.inputs.every((i) => i.overlaps.length === 0)).toBe(true);
  });
});

describe('a directory of many nodes read node after node', () => {
  it('forgets the nodes read before past 50,000 notable lines, and warns of a forgotten node whose lines come again', () => {
    const log = (host: string, count: number) =>
      Array.from({ length: count }, (_, i) => `Nov 12 ${String(10 + Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} ${host} kernel: sd 0:0:0:0: [sda] tag#${i} timeout`).join('\n') + '\n';
    const [a, b] = [log('node-a', 26_000), log('node-b', 26_000)];
    const r = analyzeInputs([
      { path: 'node-a/messages', text: a },
      { path: 'node-b/messages', text: b },
      // node-b, the last input's node, is remembered: its copy is found; node-a's comes after it was forgotten.
      { path: 'node-b/messages.copy', text: b },
      { path: 'node-a/messages.copy', text: a },
    ]);
    expect(r.inputs.map((i) => i.overlaps.map((o) => [o.path, o.lines]))).toEqual([[], [], [['node-b/messages', 26_000]], []]);
    expect(r.warnings.filter((w) => w.code.startsWith('copies-'))).toEqual([
      expect.objectContaining({ code: 'copies-forgotten', params: { lines: 26_000, hosts: 1, host: 'node-a', max: 50_000 } }),
    ]);
  });
});

describe('lineMoment', () => {
  it('is the same second whatever zone or precision the input wrote', () => {
    const syslog = Date.parse('2022-11-12T10:10:59+08:00');
    const journal = Date.parse('2022-11-12T02:10:59.734512Z');
    expect(lineMoment({ epochMs: syslog, uptime: null })).toBe(lineMoment({ epochMs: journal, uptime: 3600.5 }));
    expect(lineMoment({ epochMs: syslog + 1000, uptime: null })).not.toBe(lineMoment({ epochMs: syslog, uptime: null }));
    expect(lineMoment({ epochMs: null, uptime: 12.5 })).not.toBe(lineMoment({ epochMs: 12_500, uptime: null }));
    expect(lineMoment({ epochMs: null, uptime: 12.5 })).toBe(lineMoment({ epochMs: null, uptime: 12.500_000_1 }));
    expect(lineMoment({ epochMs: null, uptime: 12.5 })).not.toBe(lineMoment({ epochMs: null, uptime: 12.500_001 }));
    expect(lineMoment({ epochMs: null, uptime: null })).toBeNull();
  });
});

describe('LineCopies', () => {
  const at = (second: number, text: string) => ({ epochMs: Date.UTC(2022, 10, 12, 10, 0, second), uptime: null, text }) as LogLine;

  it('keeps room for notable lines that routine ones cannot take: a read that feeds more routine lines finds the same copies', () => {
    const copies = new LineCopies({ notable: 2, routine: 1 });
    copies.isCopy(at(1, 'eth0: link up'), 'n1', false);
    copies.isCopy(at(2, 'eth0: link down'), 'n1', false);
    copies.isCopy(at(3, 'sd 0:0:0:0: [sda] timeout'), 'n1', true);
    expect(copies.unchecked).toBe(1);
    copies.begin(1);
    expect(copies.isCopy(at(3, 'sd 0:0:0:0: [sda] timeout'), 'n1', true)).toBe(true);
    expect(copies.isCopy(at(3, 'sd 0:0:0:0: [sda] timeout'), 'n2', true)).toBe(false);
    expect(copies.overlaps.get(1)).toEqual(new Map([[0, 1]]));
  });

  it('tells 100,000 distinct lines apart and finds each again in the next input (the hashed table grows without losing one)', () => {
    const copies = new LineCopies();
    const lines = Array.from({ length: 100_000 }, (_, i) => at(i % 60, `sd ${i >> 6}:0:0:0: [sd${String.fromCharCode(97 + (i % 26))}] tag#${i} timeout`));
    expect(lines.filter((l) => copies.isCopy(l, 'n1', true))).toEqual([]);
    copies.begin(1);
    expect(lines.filter((l) => copies.isCopy(l, 'n1', true)).length).toBe(100_000);
    expect(lines.filter((l) => copies.isCopy(l, 'n2', true))).toEqual([]);
    expect(copies.overlaps.get(1)).toEqual(new Map([[0, 100_000]]));
  });

  describe('past the hosts\' budget', () => {
    /** Feeds `count` notable lines of `host` as input `input`; returns how many were copies. */
    const feed = (copies: LineCopies, input: number, host: string, count = 3) => {
      copies.begin(input);
      return Array.from({ length: count }, (_, i) => copies.isCopy(at(i, `sd ${i}:0:0:0: [sda] timeout`), host, true)).filter(Boolean).length;
    };

    it('forgets the hosts read before the last one, and says how many lines of a forgotten host came back', () => {
      const copies = new LineCopies(MAX_REMEMBERED, 4);
      expect(feed(copies, 0, 'n1')).toBe(0);
      expect(feed(copies, 1, 'n2')).toBe(0);
      expect(feed(copies, 2, 'n3')).toBe(0);
      // Past 4 lines, n1 was forgotten when input 2 began, n2 when input 3 did; n3, the last input's host, was not.
      expect(feed(copies, 3, 'n3')).toBe(3);
      expect(feed(copies, 4, 'n1')).toBe(0);
      expect(copies.returned).toEqual({ hosts: new Set(['n1']), lines: 3 });
      expect(copies.unchecked).toBe(0);
    });

    it('never forgets the host of the last input that gave lines: a node\'s rotated logs, with an empty one between', () => {
      const copies = new LineCopies(MAX_REMEMBERED, 2);
      expect(feed(copies, 0, 'n1', 5)).toBe(0);
      expect(feed(copies, 1, 'n1', 0)).toBe(0);
      expect(feed(copies, 2, 'n1', 5)).toBe(5);
      expect(copies.overlaps.get(2)).toEqual(new Map([[0, 5]]));
      expect(copies.returned.lines).toBe(0);
    });

    it('counts notable lines alone: the full read, which remembers routine lines too, forgets the same hosts', () => {
      const copies = new LineCopies(MAX_REMEMBERED, 6);
      for (const [input, host] of ['n1', 'n2', 'n3'].entries()) {
        feed(copies, input, host, 2);
        for (let i = 0; i < 50; i++) copies.isCopy(at(i, `eth0: link up ${i}`), host, false);
      }
      expect(feed(copies, 3, 'n1', 2)).toBe(2);
      expect(copies.returned.lines).toBe(0);
    });

    it('holds only the hosts of the last inputs: 1,000 hosts read in turn, each one\'s lines still told apart from the next', () => {
      const copies = new LineCopies(MAX_REMEMBERED, 10);
      for (let h = 0; h < 1000; h++) expect(feed(copies, h, `n${h}`, 4)).toBe(0);
      expect(feed(copies, 1000, 'n999', 4)).toBe(4);
      expect(feed(copies, 1001, 'n0', 4)).toBe(0);
      expect(copies.returned).toEqual({ hosts: new Set(['n0']), lines: 4 });
    });
  });
});
