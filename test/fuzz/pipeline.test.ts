// Property-based tests of the whole pipeline on hostile input. Seeded (KTRIAGE_FUZZ_SEED replays a
// failure; fast-check prints the seed and path of a failing case), scaled by KTRIAGE_FUZZ_SCALE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { itWithShared } from '../helpers/shared.js';
import { analyzeText } from '../../src/analyzer.js';
import { analyzePaths } from '../../src/run.js';
import { MAX_LINE_CHARS } from '../../src/sources/read.js';
import { convert, parseBundle, type TargetFormat } from '../helpers/convert.js';
import { node2Lines, node2Reports, node2Text, segmentText } from '../robustness/support.js';
import { corpusLogs, lineMutationArb, logArb, mutate, mutationArb, prefixArb, messageArb } from './arbitraries.js';
import { checkResult, inputLines } from './check.js';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzParams } from './params.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
/** Cases run per property, added up for the report at the end. */
const counts = new Map<string, number>();
const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);

function analyzeAndCheck(name: string, text: string) {
  count(name);
  const result = analyzeText(text, 'fuzz.log', { now: NOW });
  checkResult(result, new Map([['fuzz.log', inputLines(text)]]));
  return result;
}

const TRUE_TASKS = new Set(node2Reports.map((r) => `${r.cpu}/${r.pid}`));
const corpus = corpusLogs();

afterAll(() => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`fuzz cases (seed ${FUZZ_SEED}): ${total} in all; ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

describe('the analyzer on hostile text never throws, validates, and points at real lines', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('random lines in every prefix format, mixed line ends, NUL bytes and junk', () => {
    fc.assert(
      fc.property(logArb, (text) => {
        analyzeAndCheck('mixed-lines', text);
      }),
      fuzzParams(3500),
    );
  });

  it('random characters, any code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constant('\n'), fc.constant('\r'), fc.constant('\0'), fc.constantFrom(...'[]<>:|#?+/x0 '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 3000 }), (text) => {
        analyzeAndCheck('random-chars', text);
      }),
      fuzzParams(2500),
    );
  });

  it('mutated windows of the node-2 log: cuts, shuffles, duplicates, damaged characters', () => {
    fc.assert(
      fc.property(fc.nat(node2Lines.length - 1), fc.integer({ min: 1, max: 400 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (start, length, mutations) => {
        const lines = mutate(node2Lines.slice(start, start + length), mutations);
        analyzeAndCheck('node-2-window', lines.map((l) => l.text).join('\n'));
      }),
      fuzzParams(1500),
    );
  });

  it('the whole node-2 log mutated, with CRLF or CR line ends', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { maxLength: 10 }), fc.constantFrom('\n', '\r\n', '\r'), (mutations, end) => {
        analyzeAndCheck('node-2-full', mutate(node2Lines, mutations).map((l) => l.text).join(end) + end);
      }),
      fuzzParams(100),
    );
  });

  it('node-2 with whole lines moved, lost or repeated: never a CPU or PID that no report of the log has', () => {
    fc.assert(
      fc.property(fc.array(lineMutationArb, { minLength: 1, maxLength: 8 }), (mutations) => {
        const text = mutate(node2Lines, mutations).map((l) => l.text).join('\n');
        const result = analyzeAndCheck('node-2-lines', text);
        for (const i of result.incidents) if (i.cpu !== null || i.pid !== null) expect(TRUE_TASKS).toContain(`${i.cpu}/${i.pid}`);
        // A report speaks for the CPU and task its header names, whatever lines landed in it.
        for (const r of segmentText(text)) {
          const claim = /CPU#(\d+) stuck for \d+s! \[.*:(\d+)\]/.exec(r.header.text)!;
          expect([r.cpu, r.pid]).toEqual([Number(claim[1]), Number(claim[2])]);
        }
      }),
      fuzzParams(400),
    );
  });

  itWithShared('every log of the syzkaller corpus as it is', () => {
    for (const { text } of corpus) analyzeAndCheck('corpus', text);
  });

  itWithShared('mutated logs of the syzkaller corpus', () => {
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (index, mutations, end) => {
        const lines = mutate(inputLines(corpus[index]!.text), mutations);
        analyzeAndCheck('corpus-mutated', lines.map((l) => l.text).join(end));
      }),
      fuzzParams(1500),
    );
  });

  it('every prefix format mixed line by line in one file gives the CPUs and tasks of node-2', () => {
    const formats: TargetFormat[] = ['syslog', 'short-iso', 'short-precise', 'rfc5424', 'journal-json', 'dmesg', 'dmesg-caller', 'dmesg-human', 'kmsg', 'bare'];
    // Kernel-only formats keep the kernel lines: convert the kernel lines only, so line k is the same message everywhere.
    const kernelOnly = parseBundle(node2Text).filter((l) => l.tag === 'kernel');
    const rendered = formats.map((f) => inputLines(convert(kernelOnly, f)));
    fc.assert(
      fc.property(fc.nat(kernelOnly.length - 1), fc.integer({ min: 50, max: 300 }), fc.array(fc.nat(formats.length - 1), { minLength: 1, maxLength: 300 }), (start, length, picks) => {
        const lines = kernelOnly.slice(start, start + length).map((_, k) => rendered[picks[k % picks.length]!]![start + k]!);
        const result = analyzeAndCheck('mixed-formats', lines.join('\n'));
        for (const i of result.incidents) if (i.cpu !== null || i.pid !== null) expect(TRUE_TASKS).toContain(`${i.cpu}/${i.pid}`);
      }),
      fuzzParams(300),
    );
  });

  it('lines of 1 MB among real lines', () => {
    fc.assert(
      fc.property(fc.constantFrom('A', '\0', ' ', '[<ffffffff810bd514>] ', 'CPU: 1 PID: 1 ', 'ffff881f5b317c60 ', 'RAX: ', '+0x1/'), fc.nat(node2Lines.length - 1), (unit, at) => {
        const huge = unit.repeat(Math.ceil(1_000_000 / unit.length));
        const lines = [...node2Lines.slice(Math.max(0, at - 40), at), node2Lines[at]! + huge, huge, ...node2Lines.slice(at + 1, at + 40)];
        analyzeAndCheck('1mb-lines', lines.join('\n'));
      }),
      fuzzParams(16),
    );
  });
});

describe('files on disk: random bytes, invalid UTF-8, NUL, gzip, line ends', { timeout: FUZZ_TIMEOUT_MS }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What the file reader makes of the bytes: NULs dropped, decoded with replacement, lines cut at MAX_LINE_CHARS. */
  const readerLines = (bytes: Uint8Array) => inputLines(new TextDecoder().decode(bytes.filter((b) => b !== 0))).map((l) => l.slice(0, MAX_LINE_CHARS));

  it('analyzePaths never rejects, names every problem, and its evidence holds', async () => {
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 4000 }),
      fc.array(fc.tuple(prefixArb, messageArb, fc.constantFrom('\n', '\r\n', '\r', '\0\n')), { maxLength: 60 }).map((ls) => new TextEncoder().encode(ls.map((l) => l.join('')).join(''))),
      fc.tuple(fc.nat(node2Lines.length - 1), fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(20_000)).map(([start, junk, at]) => {
        const text = new TextEncoder().encode(node2Lines.slice(start, start + 120).join('\n'));
        const cut = at % (text.length + 1);
        return new Uint8Array([...text.slice(0, cut), ...junk, ...text.slice(cut)]);
      }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytesArb, fc.constantFrom('plain', 'gz', 'gz-truncated'), async (bytes, packing) => {
        count('files');
        const path = join(dir, `case-${n++}.log${packing === 'plain' ? '' : '.gz'}`);
        const gz = gzipSync(bytes);
        writeFileSync(path, packing === 'plain' ? bytes : packing === 'gz' ? gz : gz.subarray(0, Math.floor(gz.length / 2)));
        const { result, readable } = await analyzePaths([path], { now: NOW });
        expect(readable).toBeLessThanOrEqual(1);
        if (readable === 0) expect(result.warnings.map((w) => w.path)).toContain(path);
        // A truncated gzip yields a prefix of the lines: evidence must still be within the lines read.
        checkResult(result, new Map([[path, readerLines(bytes)]]));
        for (const w of result.warnings) expect(w.message.length).toBeGreaterThan(0);
      }),
      fuzzParams(200),
    );
  });
});
