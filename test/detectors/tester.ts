import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import type { Detector } from '../../src/reports/types.js';
import type { Incident } from '../../src/result/schema.js';

/** A log that must yield an incident of the detector's kind, and the fields it must have. */
export interface ValidCase {
  readonly name: string;
  readonly log: string;
  readonly expected: Partial<Omit<Incident, 'details'>> & { details?: Record<string, unknown> };
}

/** A log that must not yield an incident of the detector's kind. */
export interface InvalidCase {
  readonly name: string;
  readonly log: string;
}

/** Removes the indentation of a template literal and its first and last empty lines. */
export function log(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

/** The first incident in log order that nothing else caused: what a user reads first. */
function firstRoot(incidents: readonly Incident[]): Incident | undefined {
  return incidents.filter((i) => i.causedBy === null).sort((a, b) => (a.lines[0]?.line ?? 0) - (b.lines[0]?.line ?? 0))[0];
}

/**
 * Table-driven detector tests in the manner of ESLint's RuleTester: every valid log must give, as its
 * first root incident, one of the detector's kind with the expected fields; no invalid log may give one.
 */
export function testDetector(detector: Detector, cases: { valid: readonly ValidCase[]; invalid?: readonly InvalidCase[] }): void {
  describe(`${detector.kind} detector`, () => {
    it('documents itself with examples its header matches', () => {
      expect(detector.meta.examples.length).toBeGreaterThan(0);
      for (const example of detector.meta.examples) expect(detector.header.test(example), example).toBe(true);
    });

    it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
      const result = analyzeText(c.log, 'log', { now: () => new Date(0) });
      expect(result.errors).toEqual([]);
      const first = firstRoot(result.incidents);
      expect(first?.kind).toBe(c.expected.kind ?? detector.kind);
      expect(first).toMatchObject(c.expected);
    });

    it.each((cases.invalid ?? []).map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
      const result = analyzeText(c.log, 'log', { now: () => new Date(0) });
      expect(result.incidents.filter((i) => i.kind === detector.kind)).toEqual([]);
    });
  });
}
