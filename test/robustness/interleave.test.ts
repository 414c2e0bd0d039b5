// Reports that different CPUs print at the same moment interleave line by line. Built from node-2:
// each of migration/13's reports is moved into one of CPU 12's, at its time stamps, in many orders.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithShared } from '../helpers/shared.js';
import { analyzeText } from '../../src/analyzer.js';
import { diagnosisDigest } from '../helpers/digest.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';
import { headerClaim } from '../../src/reports/reassembly.js';
import { DETECTORS } from '../../src/reports/index.js';
import { corpusLogs } from '../fuzz/arbitraries.js';
import { interleavedNode2, merge, node2Lines, node2Reports, node2Text, seededCoin, segmentText, withCallerTags } from './support.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const analyze = (text: string) => analyzeText(text, 'messages', { now: NOW });
const clean = diagnosisDigest(analyze(node2Text));
const PAIRS = node2Reports.filter((r) => r.cpu === 13).length;
const messageOf = (line: string) => line.slice(line.indexOf(' kernel: ') + 1);

/** What is wrong in the reports of a variant: a wrong CPU/PID, a line of the other report, an unflagged wrong stack. */
function lies(text: string, origin: readonly number[]): string[] {
  const lines = text.split('\n');
  const problems: string[] = [];
  for (const r of segmentText(text)) {
    const truth = node2Reports.find((c) => c.indexes[0] === origin[r.header.lineNo - 1]);
    if (!truth) {
      problems.push(`report at line ${r.header.lineNo} has no header in the clean log`);
      continue;
    }
    if (r.cpu !== truth.cpu || r.pid !== truth.pid) problems.push(`line ${r.header.lineNo}: CPU ${r.cpu} PID ${r.pid}, not ${truth.cpu}/${truth.pid}`);
    // A line of the other report with the very same text (`Call Trace:`) cannot mislead anyone.
    const own = new Set(truth.indexes.map((i) => messageOf(node2Lines[i]!)));
    const foreign = r.lines.filter((l) => !truth.indexes.includes(origin[l.lineNo - 1]!) && !own.has(messageOf(lines[l.lineNo - 1]!)));
    if (foreign.length > 0) problems.push(`CPU ${r.cpu} took another report's lines: ${foreign.map((l) => l.text).join(' | ')}`);
    const stack = r.stack.map((f) => f.function).join(' ');
    if (!r.corrupted && (r.rip?.function !== truth.rip || stack !== truth.stack.join(' '))) problems.push(`CPU ${r.cpu} at line ${r.header.lineNo}: unflagged RIP ${r.rip?.function} stack ${stack}`);
  }
  return problems;
}

/** The committed variant's merge order: fixed, whatever seed the property tests run with. */
const VARIANT_SEED = 20221112;

describe('node-2 with migration/13 printing into CPU 12 at the same time stamps', { timeout: FUZZ_TIMEOUT_MS }, () => {
  const variant = interleavedNode2((pair) => seededCoin(VARIANT_SEED + pair));

  it('every migration/13 report is really mixed into a CPU 12 report', () => {
    const reports = segmentText(variant.text);
    const cpu13 = reports.filter((r) => r.cpu === 13);
    expect(cpu13).toHaveLength(PAIRS);
    for (const r of cpu13) expect(reports.some((o) => o.cpu === 12 && o.header.time === r.header.time && o.lines.some((l) => l.lineNo > r.header.lineNo && l.lineNo < r.lines.at(-1)!.lineNo))).toBe(true);
  });

  it('gives the same incidents as the clean file: CPU 12 culprit (24), migration/13 (14) and migration/15 (8) victims', () => {
    const result = analyze(variant.text);
    expect(diagnosisDigest(result)).toEqual(clean);
    expect(result.incidents.map((i) => [i.cpu, i.comm, i.role, i.reports, i.corrupted])).toEqual([
      [12, 'dockerd-current', 'culprit', 24, false],
      [13, 'migration/13', 'victim', 14, false],
      [15, 'migration/15', 'victim', 8, false],
    ]);
    expect(result.incidents[0]!.loopFunction).toBe('blk_set_queue_dying');
  });

  it('tells every report truly: a few that could not be fully told apart are flagged as interleaved', () => {
    expect(lies(variant.text, variant.origin)).toEqual([]);
    const flagged = segmentText(variant.text).filter((r) => r.corrupted);
    expect(flagged.length).toBeLessThanOrEqual(4);
    for (const r of flagged) expect(r.corruption).toEqual([{ code: 'corruption.interleaved', params: {} }]);
  });

  it('any merge order: never a wrong CPU, PID or stack; the incidents stay the same', () => {
    const orders = fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), { minLength: PAIRS, maxLength: PAIRS });
    fc.assert(
      fc.property(orders, (bits) => {
        const v = interleavedNode2((k) => (i) => bits[k]![i % bits[k]!.length]!);
        expect(lies(v.text, v.origin)).toEqual([]);
        expect(diagnosisDigest(analyze(v.text))).toEqual(clean);
      }),
      fuzzParams(150),
    );
  });

  it('with printk caller tags ([C12]/[C13]) every merge order is reassembled exactly', () => {
    const digestOf = (text: string) => diagnosisDigest(analyzeText(text, 'dmesg', { now: NOW })).incidents;
    const plain = interleavedNode2(() => () => true);
    const reference = digestOf(withCallerTags(plain.text, plain.origin));
    expect(reference.map((i) => [i.cpu, i.reports, i.role])).toEqual([[12, 24, 'culprit'], [13, 14, 'victim'], [15, 8, 'victim']]);
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (seed, p) => {
        const v = interleavedNode2((pair) => seededCoin(seed + pair, p));
        const tagged = withCallerTags(v.text, v.origin);
        expect(segmentText(tagged).filter((r) => r.corrupted)).toEqual([]);
        expect(digestOf(tagged)).toEqual(reference);
      }),
      fuzzParams(50),
    );
  });
});

describeWithShared('any two reports of the syzkaller corpus printed by two CPUs at the same moment', { timeout: FUZZ_TIMEOUT_MS }, () => {
  /** A report alone, as `dmesg` lines of one instant. */
  const asDmesg = (texts: readonly string[]) => `${texts.map((t) => `[  100.000000] ${t}`).join('\n')}\n`;
  const byDetector = new Map(DETECTORS.map((d) => [d.kind, d]));
  // Register-dump reports that name their CPU, as the clean parse of each alone sees them.
  const reports = corpusLogs()
    .flatMap(({ text }) => segmentText(text))
    .filter((r) => byDetector.get(r.kind)?.body === 'trace' && headerClaim(r.header.text).cpu !== null && r.lines.length >= 5 && r.lines.length <= 150)
    .map((r) => r.lines.map((l) => l.text))
    .map((texts) => ({ texts, alone: segmentText(asDmesg(texts)) }))
    .filter((r) => r.alone.length === 1)
    .map(({ texts, alone }) => ({ texts, cpu: headerClaim(texts[0]!).cpu, truth: alone[0]! }));

  it('finds such reports in the corpus', () => {
    expect(reports.length).toBeGreaterThan(50);
  });

  it('never gives a report another CPU, PID, RIP or stack without flagging it', () => {
    const pair = fc.tuple(fc.nat(reports.length - 1), fc.nat(reports.length - 1)).filter(([a, b]) => reports[a]!.cpu !== reports[b]!.cpu);
    fc.assert(
      fc.property(pair, fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), ([a, b], bits) => {
        const [first, second] = [reports[a]!, reports[b]!];
        const merged = merge(first.texts, second.texts, (i) => bits[i % bits.length]!);
        for (const r of segmentText(asDmesg(merged))) {
          const own = [first, second].find((x) => x.texts[0] === r.header.text);
          if (!own) continue;
          // Its own CPU and task; flagged, it may fall back on what its own header claims.
          const claim = headerClaim(r.header.text);
          if (r.cpu !== own.truth.cpu || r.pid !== own.truth.pid) expect([r.corrupted, r.cpu, r.pid]).toEqual([true, claim.cpu, claim.pid ?? own.truth.pid]);
          const ownTexts = new Set(own.texts);
          expect(r.lines.map((l) => l.text).filter((t) => !ownTexts.has(t))).toEqual([]);
          if (!r.corrupted) expect({ rip: r.rip?.function, stack: r.stack.map((f) => f.function) }).toEqual({ rip: own.truth.rip?.function, stack: own.truth.stack.map((f) => f.function) });
        }
      }),
      fuzzParams(300),
    );
  });
});
