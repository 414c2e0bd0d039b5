// The era/architecture matrix: every header, line-prefix and frame variant in test/matrix/variants.ts is run through the
// whole analysis (its first root incident must have the row's kind, culprit, CPU and PID), each frame row through the
// frame parser, and docs/detectors.md must name every variant the table holds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { parseFrameLine } from '../../src/reports/frames.js';
import type { Incident } from '../../src/result/schema.js';
import { VARIANTS } from './variants.js';

function firstRoot(incidents: readonly Incident[]): Incident | undefined {
  return incidents.filter((i) => i.causedBy === null).sort((a, b) => (a.lines[0]?.line ?? 0) - (b.lines[0]?.line ?? 0))[0];
}

describe('era/architecture matrix', () => {
  it.each(VARIANTS.map((v) => [`${v.detector}: ${v.variant} (${v.kernel} ${v.arch}, ${v.source})`, v] as const))('%s', (_name, v) => {
    const result = analyzeText(v.log, 'matrix.log', { now: () => new Date(0) });
    expect(result.errors).toEqual([]);
    const first = firstRoot(result.incidents);
    const { kind, culprit, cpu, pid } = v.expected;
    expect({ kind: first?.kind, culprit: first?.culprit?.function ?? null, cpu: first?.cpu ?? null, pid: first?.pid ?? null }).toEqual({ kind, culprit, cpu, pid });
    for (const frame of v.frames ?? []) {
      expect(parseFrameLine(frame.line, null)?.frame, frame.line).toMatchObject({ function: frame.function, module: frame.module });
    }
  });

  it('is listed variant by variant in docs/detectors.md', () => {
    const docs = readFileSync('docs/detectors.md', 'utf8');
    const missing = VARIANTS.filter((v) => !docs.includes(`| \`${v.detector}\` | ${v.variant} |`)).map((v) => `${v.detector}: ${v.variant}`);
    expect(missing).toEqual([]);
  });
});
