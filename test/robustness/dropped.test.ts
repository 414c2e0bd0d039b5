// `** N printk messages dropped **`: the kernel's log buffer overflowed and lines of a report are lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';
import { node2Reports, node2Text, segmentText, withDroppedMessages, type Loss } from './support.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const DROPPED_REASON = 'printk messages were dropped inside the report';
const shape = (text: string) => analyzeText(text, 'messages', { now: NOW }).incidents.map((i) => ({ cpu: i.cpu, pid: i.pid, comm: i.comm, role: i.role, reports: i.reports, loopFunction: i.loopFunction, culprit: i.culprit?.function }));
const cleanShape = shape(node2Text);

/** Flags per report of the damaged text, by the clean line index of its header. */
function flags(text: string) {
  return segmentText(text).map((r) => ({ header: r.header.lineNo, cpu: r.cpu, pid: r.pid, corrupted: r.corrupted, reasons: r.corruption.map((c) => c.code), rip: r.rip?.function ?? null, stack: r.stack.map((f) => f.function) }));
}

function checkLosses(losses: readonly Loss[]) {
  const { text, damaged } = withDroppedMessages(losses);
  const lines = text.split('\n');
  const reports = flags(text);
  // Every report still comes out, with its own CPU and PID (headers are never in the lost stretch).
  expect(reports).toHaveLength(node2Reports.length);
  const headerTexts = node2Reports.map((r) => r.indexes[0]!);
  reports.forEach((r, k) => {
    const truth = node2Reports[k]!;
    expect([r.cpu, r.pid]).toEqual([truth.cpu, truth.pid]);
    expect(lines[r.header - 1]).toContain('soft lockup');
    const wasDamaged = damaged.has(headerTexts[k]!);
    // Exactly the damaged reports are flagged, and flagged for that reason.
    expect(r.corrupted).toBe(wasDamaged);
    if (wasDamaged) expect(r.reasons).toContain('corruption.dropped');
    else expect({ rip: r.rip, stack: r.stack }).toEqual({ rip: truth.rip, stack: truth.stack });
  });
  return text;
}

describe('printk messages dropped in the middle of reports', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('flags exactly the damaged reports and keeps the incidents of the clean file', () => {
    // Lose the registers of one report per incident, and the middle of the call trace of two more.
    const cpu = (c: number, nth: number) => node2Reports.indexOf(node2Reports.filter((r) => r.cpu === c)[nth]!);
    const text = checkLosses([
      { report: cpu(12, 3), from: 6, count: 5 },
      { report: cpu(13, 2), from: 8, count: 4 },
      { report: cpu(15, 1), from: 3, count: 2 },
      { report: cpu(12, 10), from: 24, count: 4 },
      { report: cpu(13, 9), from: 19, count: 3 },
    ]);
    expect(shape(text)).toEqual(cleanShape);
    const incidents = analyzeText(text, 'messages', { now: NOW }).incidents;
    for (const i of incidents) expect(i.corruptionReasons).toContain(DROPPED_REASON);
  });

  it('any stretch of any report: exactly the damaged reports are flagged, never a wrong CPU or PID', () => {
    const loss = fc.record({ report: fc.nat(node2Reports.length - 1), from: fc.integer({ min: 1, max: 40 }), count: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.uniqueArray(loss, { maxLength: 8, selector: (l) => l.report }), (losses) => {
        const text = checkLosses(losses);
        const got = shape(text);
        expect(got.map(({ cpu, pid, role, reports }) => ({ cpu, pid, role, reports }))).toEqual(cleanShape.map(({ cpu, pid, role, reports }) => ({ cpu, pid, role, reports })));
      }),
      fuzzParams(150),
    );
  });
});
