import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { checkIncidents } from '../../bench/check.js';
import { generateText, type GenerateOptions } from '../../bench/generate.js';

const NOW = () => new Date('2022-11-20T00:00:00Z');
const small: GenerateOptions = { bytes: 400_000, format: 'syslog', host: 'node-7', incidents: 12, seed: 3 };

describe('benchmark log generator (tiny size)', () => {
  it('writes mostly noise with the planted reports, deterministically for a seed', () => {
    const { text, plan } = generateText(small);
    expect(text.length).toBeGreaterThanOrEqual(small.bytes);
    expect(plan.bytes).toBe(text.length);
    expect(Object.values(plan.incidents).reduce((a, b) => a + (b ?? 0), 0)).toBe(12);
    expect(Object.keys(plan.incidents).length).toBeGreaterThanOrEqual(5);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(plan.lines);
    expect(lines.every((l) => /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} node-7 [^:]+: /.test(l))).toBe(true);
    const watchdog = lines.filter((l) => /kernel: NMI watchdog: BUG: soft lockup/.test(l)).length;
    expect(watchdog).toBe(plan.incidents['soft-lockup']! * 4);
    expect(lines.filter((l) => / kernel: /.test(l)).length).toBeLessThan(lines.length * 0.6);
    const digest = (t: string) => createHash('sha256').update(t).digest('hex');
    expect(digest(generateText(small).text)).toBe(digest(text));
    expect(digest(generateText({ ...small, seed: 4 }).text)).not.toBe(digest(text));
  });

  it('plants incidents the analyzer finds, kind by kind, in syslog and bundle formats', () => {
    for (const format of ['syslog', 'bundle'] as const) {
      const { text, plan } = generateText({ ...small, format });
      const check = checkIncidents(plan, analyzeText(text, `gen-${format}.log`, { now: NOW }));
      expect(check.kinds.filter((k) => k.checked && k.planted > 0).length, format).toBeGreaterThanOrEqual(4);
      expect(check.kinds.filter((k) => k.checked && k.planted !== k.found), format).toEqual([]);
      expect(check.ok).toBe(true);
    }
  });

  it('fails the check when an incident is missed or a kind was not planted', () => {
    const { text, plan } = generateText(small);
    const result = analyzeText(text, 'gen.log', { now: NOW });
    expect(checkIncidents(plan, { incidents: result.incidents.slice(1) }).ok).toBe(false);
    expect(checkIncidents(plan, { incidents: [...result.incidents, { ...result.incidents[0]!, kind: 'panic' }] }).ok).toBe(false);
  });
});
