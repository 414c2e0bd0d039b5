import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../src/reports/index.js';
import { INCIDENT_KINDS } from '../src/result/kinds.js';

const files = readdirSync('src/reports/detectors').filter((f) => f.endsWith('.ts'));
const docs = readFileSync('docs/detectors.md', 'utf8');

describe('detector registry', () => {
  it('registers every detector file, named after its kind', () => {
    expect(DETECTORS.map((d) => `${d.kind}.ts`).sort()).toEqual([...files].sort());
  });

  it('is sorted by kind, one detector per kind, kinds from the vocabulary', () => {
    const kinds = DETECTORS.map((d) => d.kind);
    expect(kinds).toEqual([...kinds].sort());
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of kinds) expect(INCIDENT_KINDS).toContain(k);
  });

  it.each(DETECTORS.map((d) => [d.kind, d] as const))('%s is documented, with examples that only its own header matches', (kind, detector) => {
    expect(detector.meta.description.length).toBeGreaterThan(20);
    expect(docs).toContain(`| \`${kind}\` |`);
    expect(detector.meta.examples.length).toBeGreaterThan(0);
    for (const example of detector.meta.examples) {
      expect(detector.header.test(example), example).toBe(true);
      const first = DETECTORS.find((d) => d.header.test(example));
      expect(first?.kind, `${example} is claimed first by ${first?.kind}`).toBe(kind);
    }
  });
});
