// Work and output grow linearly with the number of incidents, and copies of a report cost no memory. Nothing
// here reads a clock: work is counted as the elements that array searches and passes visit (every
// `find`/`filter`/`includes`... walks its array), memory as the heap kept after a garbage collection.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { MAX_INCIDENTS } from '../../src/analysis/cap.js';
import { resultSchema } from '../../src/result/schema.js';

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (s: number) => `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;

/** `n` soft lockups of different tasks, one report each, a second apart: n incidents. */
function lockups(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`Nov 12 ${clock(i)} node-9 kernel: watchdog: BUG: soft lockup - CPU#${i % 64} stuck for 22s! [task${i}:${1000 + i}]`);
  return `${lines.join('\n')}\n`;
}

const ITERATING = ['find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'some', 'every', 'includes', 'indexOf', 'lastIndexOf', 'map', 'flatMap', 'forEach', 'reduce', 'slice', 'sort', 'join'] as const;

/** Runs `work` counting the elements that array methods walk (a search inside a loop over incidents shows as n^2). */
function countVisits<T>(work: () => T): { value: T; visits: number } {
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = ITERATING.map((name) => [name, proto[name]!] as const);
  let visits = 0;
  for (const [name, original] of originals) {
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      visits += this.length;
      return original.apply(this, args);
    };
  }
  try {
    return { value: work(), visits };
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
}

const now = () => new Date('2022-11-13T00:00:00Z');

describe('incidents at scale', () => {
  it('the work grows linearly: 10 times the incidents cost at most 12 times the element visits', () => {
    const small = lockups(1_000);
    const large = lockups(10_000);
    const a = countVisits(() => analyzeText(small, 'messages', { now }));
    const b = countVisits(() => analyzeText(large, 'messages', { now }));
    expect(a.value.incidents.length + (a.value.omittedIncidents?.incidents ?? 0)).toBe(1_000);
    expect(b.value.incidents.length + (b.value.omittedIncidents?.incidents ?? 0)).toBe(10_000);
    expect(b.visits / a.visits, `${a.visits} visits for 1k incidents, ${b.visits} for 10k`).toBeLessThan(12);
  });

  it(`keeps ${MAX_INCIDENTS} incidents whole and counts the rest by kind and culprit, with a run warning`, () => {
    const result = analyzeText(lockups(MAX_INCIDENTS + 500), 'messages', { now });
    expect(resultSchema.safeParse(result).success).toBe(true);
    expect(result.incidents).toHaveLength(MAX_INCIDENTS);
    expect(result.incidents[MAX_INCIDENTS - 1]!.comm).toBe(`task${MAX_INCIDENTS - 1}`);
    const omitted = result.omittedIncidents!;
    expect(omitted).toMatchObject({ incidents: 500, reports: 500, otherIncidents: 0 });
    expect(omitted.groups).toEqual([{ kind: 'soft-lockup', culprit: null, incidents: 500, reports: 500, firstSeen: '2022-11-12T00:16:40', lastSeen: '2022-11-12T00:24:59' }]);
    expect(result.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^500 incident\(s\) past the first 1000 were counted, not kept whole \(500 reports; 500 soft-lockup\)/));
    // Below the cap nothing is said.
    const under = analyzeText(lockups(10), 'messages', { now });
    expect(under.omittedIncidents).toBeUndefined();
    expect(under.warnings).toEqual([]);
  });

  it('the JSON document is bounded: 10 times the incidents give less than 1.1 times the bytes', () => {
    const a = JSON.stringify(analyzeText(lockups(MAX_INCIDENTS), 'messages', { now })).length;
    const b = JSON.stringify(analyzeText(lockups(10 * MAX_INCIDENTS), 'messages', { now })).length;
    expect(b / a).toBeLessThan(1.1);
  });
});

describe('memory is bounded by what the diagnosis keeps', () => {
  /** Heap kept (MB, after a collection) once `copies` copies of one report were fed: a log concatenated with itself. */
  function heapAfterCopies(copies: number): number {
    const script = `
      const { Analyzer } = await import('./dist/src/analyzer.js');
      const report = ['watchdog: BUG: soft lockup - CPU#12 stuck for 22s! [dockerd:39156]', 'CPU: 12 PID: 39156 Comm: dockerd Tainted: G W OE 3.10.0 #1',
        'RIP: 0010:[<ffffffff816ab6a5>]  [<ffffffff816ab6a5>] _raw_spin_unlock_irqrestore+0x15/0x20', 'Call Trace:',
        ' [<ffffffff81318a6e>] blk_set_queue_dying+0x4e/0x150', ' [<ffffffff81318bd4>] blk_cleanup_queue+0x34/0x160', 'Code: 90 55 48 89 e5 <5d> c3 90'];
      const analyzer = new Analyzer({ now: () => new Date('2022-11-13T00:00:00Z') });
      const feed = analyzer.openSource({ path: 'messages' });
      for (let i = 0; i < ${copies}; i++) for (let r = 0; r < 30; r++) for (const m of report) feed.push('Nov 12 10:' + String(10 + r).padStart(2, '0') + ':59 node-2 kernel: ' + m);
      feed.end();
      globalThis.gc(); globalThis.gc();
      const mb = process.memoryUsage().heapUsed / 1048576;
      const result = analyzer.finish();
      if (result.incidents[0].reports !== 30) throw new Error('expected 30 reports, got ' + result.incidents[0].reports);
      process.stdout.write(String(mb));`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return Number(run.stdout);
  }

  it('a log repeated 200 times keeps no more than the log once (the copies are dropped as they come)', () => {
    const once = heapAfterCopies(1);
    const many = heapAfterCopies(200);
    // 200 copies of 30 reports held whole would be tens of MB.
    expect(many - once).toBeLessThan(4);
  });
});
