// Reports that different CPUs print at the same moment interleave line by line. Built from node-2:
// each of migration/13's reports is moved into one of CPU 12's, at its time stamps, in many orders.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { diagnosisDigest } from '../helpers/digest.js';
import { FUZZ_SEED, fuzzParams } from '../fuzz/params.js';
import { interleavedNode2, node2Lines, node2Reports, node2Text, seededCoin, segmentText, withCallerTags } from './support.js';

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

describe('node-2 with migration/13 printing into CPU 12 at the same time stamps', () => {
  const variant = interleavedNode2((pair) => seededCoin(FUZZ_SEED + pair));

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

  it('reassembles each report exactly', () => {
    expect(lies(variant.text, variant.origin)).toEqual([]);
    expect(segmentText(variant.text).filter((r) => r.corrupted)).toEqual([]);
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
