// No regular expression of the detectors or line parsers may take super-linear time: each is run on
// long adversarial lines (repeated near-matches of real report lines, long runs of one character).
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { detectFormat, isKmsgDictionaryLine, parseLine } from '../../src/lines/formats.js';
import { LINE_FORMATS, type LineContext } from '../../src/lines/types.js';
import { isStackWordsLine, isStructuralLine, parseCodeLine, parseCpuLine, parseRegisterLine, parseRipLine } from '../../src/reports/body.js';
import { parseFrameLine, parseSymbol } from '../../src/reports/frames.js';
import { DETECTORS } from '../../src/reports/index.js';
import { headerClaim, lineRole } from '../../src/reports/reassembly.js';
import { KERNEL_TEXTS, prefixArb } from '../fuzz/arbitraries.js';
import fc from 'fast-check';
import { FUZZ_SEED } from '../fuzz/params.js';

/** Length of the adversarial lines (the file reader cuts lines at 64 KiB; analyzeText does not). */
const LENGTH = 100_000;
/** A linear scan of 100 KB takes a millisecond or so; a quadratic one takes minutes. */
const BUDGET_MS = 500;

const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / Math.max(1, unit.length))).slice(0, LENGTH);
const FILLERS = [' ', '\t', 'f', '0', 'a', 'A', '_', '.', ':', '[', '<', '#', '-', '*', 'ffffffff ', ' 0', '+0x1/', '0x1/0x', 'a+0x', '[<ffffffff810bd514>] ', 'RAX: ', ': ', '** 1', 'CPU#1 ', 'CPU: 1 PID: 1 ', '[ 1.1]', '<IRQ>', '\u0000', '\uFFFD'];
const prefixes = fc.sample(prefixArb, { seed: FUZZ_SEED, numRuns: 12 });

/** Near-misses of every report line the tools know: the line without its last character repeated, a prefix then a long run. */
function adversarialLines(): string[] {
  const seeds = [...new Set([...KERNEL_TEXTS, ...DETECTORS.flatMap((d) => d.meta.examples)])];
  const lines = FILLERS.map((f) => `${fill(f)}!`);
  for (const seed of seeds) {
    lines.push(fill(seed.slice(0, -1)));
    lines.push(`${seed.slice(0, Math.ceil(seed.length / 2))}${fill(FILLERS[seed.length % FILLERS.length]!)}!`);
    lines.push(`${seed}${fill(' ')}x`);
  }
  return lines;
}
const LINES = adversarialLines();

function slowest(run: (line: string) => unknown, lines: readonly string[]): { ms: number; line: string } {
  let worst = { ms: 0, line: '' };
  for (const line of lines) {
    const started = performance.now();
    run(line);
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { ms, line };
  }
  return worst;
}

function expectLinear(name: string, run: (line: string) => unknown, lines: readonly string[] = LINES): void {
  const worst = slowest(run, lines);
  expect(worst.ms, `${name} took ${Math.round(worst.ms)} ms on ${JSON.stringify(worst.line.slice(0, 60))}...`).toBeLessThan(BUDGET_MS);
}

describe('regular expressions run in linear time on long adversarial lines', () => {
  it(`builds ${LINES.length} lines of ${LENGTH / 1000} KB`, () => {
    expect(LINES.length).toBeGreaterThan(100);
    expect(LINES.every((l) => l.length >= LENGTH)).toBe(true);
  });

  it('detector headers carry no flags: the segmenter and the spoofing check join them into one prefilter', () => {
    expect(DETECTORS.filter((d) => d.header.flags !== '').map((d) => d.kind)).toEqual([]);
  });

  for (const d of DETECTORS) {
    it(`detector ${d.kind}: header, body lines, absorbed headers`, () => {
      for (const re of [d.header, ...(d.bodyLines ?? []), ...(d.absorbs ?? [])]) expectLinear(`${d.kind} ${re}`, (l) => new RegExp(re.source, re.flags).exec(l));
    });
  }

  it('line prefix parsers of every format, and format detection', () => {
    const ctx = (): LineContext => ({ path: 'x', year: 2022, referenceMonth: 11, assumedZone: null, previous: null });
    const withPrefixes = LINES.filter((_, i) => i % 4 === 0).flatMap((l) => prefixes.map((p) => p + l));
    for (const format of LINE_FORMATS) expectLinear(`parseLine(${format})`, (l) => parseLine(l, 1, format, ctx()), [...LINES, ...withPrefixes]);
    expectLinear('detectFormat', (l) => detectFormat([l, l, l]));
    expectLinear('isKmsgDictionaryLine', isKmsgDictionaryLine);
  });

  it('report body parsers: CPU line, RIP, Code:, registers, frames, symbols, structure, stack words', () => {
    expectLinear('parseCpuLine', parseCpuLine);
    expectLinear('parseRipLine', parseRipLine);
    expectLinear('parseCodeLine', parseCodeLine);
    expectLinear('parseRegisterLine', (l) => parseRegisterLine(l, {}));
    expectLinear('parseFrameLine', (l) => parseFrameLine(l, null));
    expectLinear('parseSymbol', parseSymbol);
    expectLinear('isStructuralLine', isStructuralLine);
    expectLinear('isStackWordsLine', isStackWordsLine);
    expectLinear('lineRole', lineRole);
    expectLinear('headerClaim', headerClaim);
  });

  // Each detector's own parsing (detect) on a long variant of its header and adversarial lines in its body.
  for (const d of DETECTORS) {
    it(`detector ${d.kind}: its report parser on long headers and bodies`, () => {
      const body = LINES.filter((_, i) => i % 29 === 0);
      const cases = d.meta.examples.slice(0, 1).flatMap((example) => [
        ...body.map((l) => [example, 'CPU: 1 PID: 1 Comm: a Not tainted 5.4.0 #1', 'Call Trace:', l, ` ${l}`].join('\n')),
        ...FILLERS.slice(0, 8).map((f) => `${example}${fill(f)}`),
      ]);
      expectLinear(`${d.kind} detect`, (text) => analyzeText(text), cases);
    });
  }

  it('the whole analyzer on one adversarial line inside a report (segmenter, events, spoofing check)', () => {
    const report = ['watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [a:1]', 'CPU: 1 PID: 1 Comm: a Not tainted 5.4.0 #1', 'RIP: 0010:f+0x1/0x2', 'Call Trace:'];
    expectLinear('analyzeText', (l) => analyzeText([...report, l, ` ${l}`].join('\n')), LINES.filter((_, i) => i % 3 === 0));
  });
});
