// Helpers for the robustness tests: the node-2 fixture cut into its reports, variants of it built
// by moving and damaging report lines, and the segmenter run alone to see each report's flags.
import { readFileSync } from 'node:fs';
import { random } from '../../bench/generate.js';
import { detectFormat, parseLine } from '../../src/lines/formats.js';
import type { LineContext } from '../../src/lines/types.js';
import { HeaderMatcher } from '../../src/reports/header-matcher.js';
import { Segmenter } from '../../src/reports/segmenter.js';
import type { Report } from '../../src/reports/types.js';

export const NODE2_PATH = 'examples/node-2/messages.node-2.20221112.log';
export const node2Text = readFileSync(NODE2_PATH, 'utf8');
export const node2Lines = node2Text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);

/** Runs the line parser and the segmenter alone over a text: the reports with their own flags. */
export function segmentText(text: string, path = 'variant'): Report[] {
  const raw = text.split(/\r\n|\n|\r/);
  if (raw[raw.length - 1] === '') raw.pop();
  const format = detectFormat(raw.slice(0, 200));
  const ctx: LineContext = { path, year: 2022, referenceMonth: 11, assumedZone: null, previous: null };
  const reports: Report[] = [];
  const segmenter = new Segmenter(new HeaderMatcher(), { report: (r) => reports.push(r), fragment: () => {}, loose: () => {}, unassembled: () => {}, error: (stage, params, e) => { throw new Error(`${stage} ${JSON.stringify(params)}: ${String(e)}`); } });
  raw.forEach((line, i) => segmenter.push(parseLine(line, i + 1, format, ctx)));
  segmenter.end();
  return reports;
}

/** One report of the clean fixture: its 0-based line indexes and what it says. */
export interface CleanReport {
  readonly indexes: readonly number[];
  readonly cpu: number;
  readonly pid: number;
  readonly rip: string | null;
  readonly stack: readonly string[];
}

export const node2Reports: readonly CleanReport[] = segmentText(node2Text).map((r) => ({
  indexes: r.lines.map((l) => l.lineNo - 1),
  cpu: r.cpu!,
  pid: r.pid!,
  rip: r.rip?.function ?? null,
  stack: r.stack.map((f) => f.function),
}));

// `2022-11-12 10:16:03 +0800 | messages | Nov 12 10:16:03 node-2 kernel: ` (bundle stamp, then syslog stamp).
const STAMP_RE = /^(\d{4}-\d{2}-\d{2} )(\d{2}:\d{2}:\d{2})( \+0800 \| messages \| [A-Z][a-z]{2} [ \d]\d )(\d{2}:\d{2}:\d{2})/;

/** The line with its two time stamps replaced by those of `like`. */
export function restamp(line: string, like: string): string {
  const time = STAMP_RE.exec(like)![2]!;
  return line.replace(STAMP_RE, (_m, day: string, _t: string, mid: string) => `${day}${time}${mid}${time}`);
}

/** The message part of a fixture line, with its prefix swapped for another line's prefix. */
export function withPrefixOf(message: string, like: string): string {
  return `${like.slice(0, like.indexOf(' kernel: ') + ' kernel: '.length)}${message}`;
}

/**
 * Merges two line lists keeping each one's order; `pickFirst(i)` says whether the i-th merged line
 * comes from `a` (when both still have lines).
 */
export function merge<T>(a: readonly T[], b: readonly T[], pickFirst: (i: number) => boolean): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const fromA = j >= b.length || (i < a.length && pickFirst(out.length));
    out.push(fromA ? a[i++]! : b[j++]!);
  }
  return out;
}

/** Pairs each report of `mover` with the nearest unused report of `host`, by header line time. */
export function pairNearest(movers: readonly CleanReport[], hosts: readonly CleanReport[]): Map<CleanReport, CleanReport> {
  const timeOf = (r: CleanReport) => Date.parse(`${STAMP_RE.exec(node2Lines[r.indexes[0]!]!)![1]!.trim()}T${STAMP_RE.exec(node2Lines[r.indexes[0]!]!)![2]!}Z`);
  const used = new Set<CleanReport>();
  const pairs = new Map<CleanReport, CleanReport>();
  for (const m of movers) {
    const host = hosts.filter((h) => !used.has(h)).sort((x, y) => Math.abs(timeOf(x) - timeOf(m)) - Math.abs(timeOf(y) - timeOf(m)))[0]!;
    used.add(host);
    pairs.set(m, host);
  }
  return pairs;
}

/**
 * node-2 with each of migration/13's reports printed into one of CPU 12's, at its time stamps, line by
 * line as two CPUs printing together interleave them: `schedule(k)` gives the k-th pair's merge order.
 * Returns the text and, for every output line, the 0-based index of the clean line it came from.
 */
export function interleavedNode2(schedule: (pair: number) => (i: number) => boolean): { text: string; origin: number[] } {
  const movers = node2Reports.filter((r) => r.cpu === 13);
  const pairs = pairNearest(movers, node2Reports.filter((r) => r.cpu === 12));
  const moved = new Set([...pairs].flatMap(([m, h]) => [...m.indexes, ...h.indexes.slice(1)]));
  const hostStart = new Map([...pairs].map(([m, h]) => [h.indexes[0]!, { mover: m, host: h }]));
  const out: { line: string; origin: number }[] = [];
  let k = 0;
  for (let i = 0; i < node2Lines.length; i++) {
    const pair = hostStart.get(i);
    if (!pair && moved.has(i)) continue;
    if (!pair) {
      out.push({ line: node2Lines[i]!, origin: i });
      continue;
    }
    const hostLines = pair.host.indexes.map((x) => ({ line: node2Lines[x]!, origin: x }));
    const moverLines = pair.mover.indexes.map((x) => ({ line: restamp(node2Lines[x]!, node2Lines[i]!), origin: x }));
    out.push(...merge(hostLines, moverLines, schedule(k++)));
  }
  return { text: `${out.map((o) => o.line).join('\n')}\n`, origin: out.map((o) => o.origin) };
}

/** Seeded pseudo-random booleans, for merge orders that tests can name by a number. */
export function seededCoin(seed: number, pFirst = 0.5): (i: number) => boolean {
  const next = random(seed);
  return () => next() < pFirst;
}

/**
 * The kernel lines of a variant as `dmesg` prints them on a kernel with printk caller ids: each
 * report line tagged with its CPU (`[C12]`, printed from the watchdog interrupt), others `[T1]`.
 */
export function withCallerTags(text: string, origin: readonly number[]): string {
  const cpuOf = new Map(node2Reports.flatMap((r) => r.indexes.map((i) => [i, r.cpu] as const)));
  const lines = text.split('\n').slice(0, origin.length);
  const first = Date.parse(`${lines[0]!.slice(0, 10)}T${lines[0]!.slice(11, 19)}Z`);
  return `${lines
    .map((line, n) => {
      const at = line.indexOf(' kernel: ');
      if (at < 0) return null;
      const uptime = ((Date.parse(`${line.slice(0, 10)}T${line.slice(11, 19)}Z`) - first) / 1000 + 3600).toFixed(6).padStart(12);
      const cpu = cpuOf.get(origin[n]!);
      return `[${uptime}][${(cpu === undefined ? 'T1' : `C${cpu}`).padStart(6)}] ${line.slice(at + ' kernel: '.length)}`;
    })
    .filter((l) => l !== null)
    .join('\n')}\n`;
}

/** One stretch of a report lost to a full printk buffer: lines `from` (>= 1, after the header) to `from + count`. */
export interface Loss {
  readonly report: number;
  readonly from: number;
  readonly count: number;
}

/** node-2 with the given stretches of report lines replaced by `** N printk messages dropped **`. */
export function withDroppedMessages(losses: readonly Loss[]): { text: string; damaged: Set<number> } {
  const replaced = new Map<number, { count: number; last: number }>();
  const damaged = new Set<number>();
  for (const loss of losses) {
    const r = node2Reports[loss.report]!;
    const from = Math.min(Math.max(1, loss.from), r.indexes.length - 1);
    const to = Math.min(r.indexes.length, from + Math.max(1, loss.count));
    replaced.set(r.indexes[from]!, { count: to - from, last: r.indexes[to - 1]! });
    damaged.add(r.indexes[0]!);
  }
  const out: string[] = [];
  for (let i = 0; i < node2Lines.length; i++) {
    const loss = replaced.get(i);
    if (!loss) {
      out.push(node2Lines[i]!);
      continue;
    }
    out.push(withPrefixOf(`** ${loss.count} printk messages dropped **`, node2Lines[i]!));
    i = loss.last;
  }
  return { text: `${out.join('\n')}\n`, damaged };
}
