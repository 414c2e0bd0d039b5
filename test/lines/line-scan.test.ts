// The WebAssembly line scan (native/line-scan.c) reads more than which lines may matter: each syslog line's time
// (packed) and its text after the time (told apart exactly, by bytes), on which the reader then relies to take repeated
// messages whole. Checked here against the JavaScript that reads the same lines one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTable, LINE_PIECES, mayBeHeader, mayMatter } from '../../src/lines/fast-scan.js';
import { readSyslogStamp } from '../../src/lines/formats.js';
import { candidateLines, findStops, HEADER_NOT_LOOKED_FOR, headerPieceIn, lastShape, LINE_TABLE_MULTIPLIER, littleEndian, restText, shapeOf, SHAPE_BYTES, TABLE_BITS } from '../../src/lines/line-scan.js';
import { MONTHS, monthIndex } from '../../src/time/clock.js';
import { GENERATED_ID_DIGITS, GENERATED_NAME_PREFIXES } from '../../src/knowledge/interface-names.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';

// The syslog time as the regex that read it before readSyslogStamp (kept here as its specification).
const SYSLOG_STAMP_RE = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? /;

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const stampLike = fc
  .tuple(
    fc.oneof(fc.constantFrom(...MONTHS), fc.stringMatching(/^[A-Z][a-z]{2}$/), fc.stringMatching(/^[A-Za-z]{2,4}$/)),
    fc.constantFrom(' ', '  ', ''),
    digits(0, 3),
    fc.constantFrom(' ', ''),
    digits(1, 3),
    fc.constantFrom(':', '-'),
    digits(2, 2),
    fc.constantFrom(':'),
    digits(1, 2),
    fc.oneof(fc.constant(''), digits(0, 10).map((d) => `.${d}`)),
    fc.constantFrom(' ', '', 'x'),
  )
  .map((parts) => parts.join(''));
const rest = fc.oneof(fc.constantFrom('node-2 kernel: rbd1: error -5', 'host app[1]: failed', 'h kernel: BUG: soft lockup'), fc.stringMatching(/^[ -~]{0,40}$/));

describe('syslog time', () => {
  it('is read by readSyslogStamp exactly as the regex it replaced reads it (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(stampLike, rest, (stamp, after) => {
        const line = stamp + after;
        const m = SYSLOG_STAMP_RE.exec(line);
        const read = readSyslogStamp(line);
        if (!m) {
          expect(read).toBeNull();
          return;
        }
        expect(read).toEqual({ length: m[0].length, month: m[1], day: Number(m[2]), h: Number(m[3]), min: Number(m[4]), s: Number(m[5]), fraction: m[6] ?? null });
      }),
      fuzzParams(20_000),
    );
  });

  it('is read by the line scan as readSyslogStamp reads it: where the text after it starts, and its packed time (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(stampLike, rest, (stamp, after) => {
        // (an errno makes the line a stop, so that the scan reports it)
        const line = `${stamp}${after} -5`;
        const bytes = Buffer.from(`${line}\n`, 'latin1');
        const found = candidateLines(bytes, 0, bytes.length, 65536);
        expect([...found.stops]).toEqual([0]);
        const read = readSyslogStamp(line);
        const month = read ? monthIndex(read.month) : -1;
        if (month < 0) {
          expect([found.restAt[0], found.restIds[0], found.clocks[0]]).toEqual([-1, -1, -1]);
          return;
        }
        expect(found.restAt[0]).toBe(read!.length);
        expect(restText(bytes, found, found.restIds[0]!)).toBe(line.slice(read!.length));
        const packed = read!.fraction === null ? month | (read!.day << 4) | (read!.h << 9) | (read!.min << 15) | (read!.s << 21) : -1;
        expect(found.clocks[0]).toBe(packed);
      }),
      fuzzParams(5_000),
    );
  });

  it('never holds what makes a line matter: a syslog line matters exactly when its text after the time does (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    const words = fc.constantFrom('error', 'err', 'lost', 'BUG: ', 'WARNING: ', ': 0000 [#1]', '-5', '(-110)', 'x-1', 'CPU: 3 PID', 'trap ', 'INFO: ');
    fc.assert(
      fc.property(stampLike, fc.array(fc.oneof(words, fc.stringMatching(/^[ -~]{0,12}$/)), { maxLength: 5 }), (stamp, parts) => {
        const line = stamp + parts.join('');
        const read = readSyslogStamp(line);
        if (read) expect(mayMatter(line)).toBe(mayMatter(line.slice(read.length)));
      }),
      fuzzParams(20_000),
    );
  });
});

describe('repeated texts', () => {
  it('gives equal texts after the time one index, different ones (by a byte) different indexes, with the lines before them counted', () => {
    const lines = [
      'Nov 12 10:10:59 node-2 kernel: rbd: rbd1: encountered watch error: -107',
      'Nov 12 10:11:00 node-2 kernel: eth0: link up',
      'Nov  2 10:11:01 node-2 kernel: rbd: rbd1: encountered watch error: -107',
      'Nov 12 10:11:02 node-2 kernel: rbd: rbd2: encountered watch error: -107',
      'Nov 12 10:11:03.250 node-2 kernel: rbd: rbd1: encountered watch error: -107',
      'not syslog: error',
      'Nov 12 10:11:04 node-2 kernel: rbd: rbd1: encountered watch error: -107',
    ];
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const found = findStops(bytes, 0, bytes.length, 65536);
    expect([...found.lineIndex]).toEqual([0, 2, 3, 4, 5, 6]);
    const ids = [...found.restIds];
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toBe(ids[3]);
    expect(ids[0]).toBe(ids[5]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[4]).toBe(-1);
    expect(restText(bytes, found, ids[2]!)).toBe('node-2 kernel: rbd: rbd2: encountered watch error: -107');
    // A fraction of a second is not packed (the reader reads such a time from the line).
    expect(found.clocks[3]).toBe(-1);
    expect(found.clocks[0]).toBe(10 | (12 << 4) | (10 << 9) | (10 << 15) | (59 << 21));
  });
});

describe('the table of pieces', () => {
  it('takes the multiplier given for it: each piece its own slot at the first try, no search at start', () => {
    const found = buildTable(LINE_PIECES.map(littleEndian), TABLE_BITS);
    // (when the pieces change, LINE_TABLE_MULTIPLIER is to be the multiplier the search finds: this one)
    expect(buildTable(LINE_PIECES.map(littleEndian), TABLE_BITS, LINE_TABLE_MULTIPLIER).multiplier, `0x${(found.multiplier >>> 0).toString(16)}`).toBe(LINE_TABLE_MULTIPLIER);
  });
});

describe('lines alike but for their digits', () => {
  const fold = (byte: number) => byte | 0x20;
  const bytesOf = (window: number) => [24, 16, 8, 0].map((shift) => (window >>> shift) & 0xff);
  const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

  it('hold the same pieces: the table is closed under a digit changed, but for one before an `x`, which the scan keeps', () => {
    const pieces = new Set(LINE_PIECES.map((window) => window >>> 0));
    const open: string[] = [];
    for (const window of pieces) {
      const bytes = bytesOf(window);
      bytes.forEach((byte, i) => {
        if (!isDigit(byte) || (i < 3 && bytes[i + 1] === fold(0x78))) return;
        for (let digit = 0x30; digit <= 0x39; digit++) {
          const changed = bytes.map((b, j) => (j === i ? digit : b));
          if (!pieces.has(changed.reduce((w, b) => ((w << 8) | b) >>> 0, 0))) open.push(String.fromCharCode(...changed));
        }
      });
    }
    expect(open).toEqual([]);
  });

  it('are each kept as mayMatter keeps it, whichever of them the scan met first (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    // (each `D` a digit of each line's own: `+0x1f/0x20` is a frame, a wait's piece, and `+7x1f/0x20` none)
    const parts = fc.constantFrom('+Dx1f/0x20', ' Dx2D', 'D [#', ' [D]', 'DD', 'x', 'X', ' ', '-D', 'error D', 'err', 'BUG: ', 'CPU: D', 'Session D');
    const shape = fc.array(fc.oneof(parts, fc.stringMatching(/^[ -~]{0,4}$/)), { minLength: 1, maxLength: 8 }).map((all) => all.join(''));
    const fill = fc.array(fc.constantFrom(0, 0, 5, 7), { minLength: 24, maxLength: 24 });
    fc.assert(
      fc.property(shape, fc.array(fill, { minLength: 2, maxLength: 6 }), (text, fills) => {
        const lines = fills.map((digits) => {
          let k = 0;
          return `Nov 12 10:10:59 h kernel: ${text.replace(/D/g, () => String(digits[k++ % digits.length]))}`;
        });
        const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
        expect([...findStops(bytes, 0, bytes.length, 65536).lineIndex]).toEqual(lines.flatMap((line, i) => (mayMatter(line) ? [i] : [])));
      }),
      fuzzParams(5_000),
    );
  });
});

describe('texts that hold a piece of a report header', () => {
  it('are told by the module: a kept text it finds none in passes no part of it through mayBeHeader (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    const words = fc.constantFrom('error', 'failed', 'BUG: ', 'WARNING: ', 'Internal error: ', 'divide error: 0000 [#1]', '[Hardware Error]: ', 'CPU: 3 PID', 'Pid: 1', 'list_add', 'é', '-5');
    const text = fc.array(fc.oneof(words, fc.stringMatching(/^[ -~]{0,12}$/)), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.boolean(), (texts, every) => {
        const bytes = Buffer.from(texts.map((t) => `Nov 12 10:10:59 node-2 kernel: ${t}\n`).join(''));
        const found = findStops(bytes, 0, bytes.length, 65536, every);
        for (const id of found.restIds) {
          const rest = Buffer.from(restText(bytes, found, id), 'latin1').toString('utf8');
          // (its parts: the message after the origin, as the reader cuts it)
          // (the scan may not look in a text whose shape it saw before: the module is then asked of the text alone)
          // (in the full read too: 96-97 % of its texts take their shape's read, not looked at whole)
          const told = found.restHeaders[id] === HEADER_NOT_LOOKED_FOR ? headerPieceIn(bytes, found.restSpans[2 * id]!, found.restSpans[2 * id + 1]!) : found.restHeaders[id] === 1;
          for (const part of [rest, rest.slice('node-2 kernel: '.length), rest.trim()]) if (mayBeHeader(part)) expect(told, rest).toBe(true);
        }
      }),
      fuzzParams(5_000),
    );
  });
});

describe('every line a stop (the full read of a large input)', () => {
  it('stops at each line, routine ones too, with its index, its line before and its text after the time', () => {
    const lines = [
      'Nov 12 10:10:59 node-2 systemd[1]: Started Session 4 of user root.',
      'Nov 12 10:10:59 node-2 kernel: device veth12 entered promiscuous mode',
      'Nov 12 10:11:00 node-2 kernel: rbd: rbd1: encountered watch error: -107',
      'a line without a time',
      'Nov 12 10:11:01 node-2 systemd[1]: Started Session 4 of user root.',
    ];
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const found = findStops(bytes, 0, bytes.length, 65536, true);
    expect([...found.lineIndex]).toEqual([0, 1, 2, 3, 4]);
    expect([...found.stops].map((at, k) => bytes.toString('latin1', at, found.ends[k]))).toEqual(lines);
    expect([...found.previous]).toEqual([-1, ...found.stops.slice(0, -1)]);
    expect(found.restIds[3]).toBe(-1);
    expect(found.restIds[4]).toBe(found.restIds[0]);
    expect(restText(bytes, found, found.restIds[1]!)).toBe('node-2 kernel: device veth12 entered promiscuous mode');
    // Without it, only the lines that may matter.
    expect([...findStops(bytes, 0, bytes.length, 65536).lineIndex]).toEqual([2]);
  });
});

describe('regions with more lines that may matter than the module has room for at once', () => {
  it('finds them all, in order, with their texts told apart across the rounds', () => {
    // 200 000 candidate lines (the module holds 65 536 a round), every fifth a syslog line repeating one of 7 texts.
    const lines = Array.from({ length: 200_000 }, (_, i) => (i % 5 === 0 ? `Nov 12 10:10:${String(i % 60).padStart(2, '0')} h kernel: e${i % 7} -5` : `-${i % 10}`));
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const found = findStops(bytes, 0, bytes.length, 65536);
    expect(found.stops.length).toBe(lines.length);
    expect(found.lineCount).toBe(lines.length);
    expect([...found.lineIndex].every((index, k) => index === k)).toBe(true);
    const texts = new Set<string>();
    found.restIds.forEach((id, k) => {
      if (k % 5 !== 0) return expect(id).toBe(-1);
      texts.add(restText(bytes, found, id));
      expect(restText(bytes, found, id)).toBe(`h kernel: e${k % 7} -5`);
    });
    expect(texts.size).toBe(7);
  });
});

/**
 * The shape of a text as its rule reads (kept here as its specification): each run of lowercase hex digits next to no
 * word character, maybe after `0x`, is a number when it is decimal, unless an errno may be there (1 to 3 digits after
 * `-`, or after `err`, `error` or `errno`, any case, and 1 or 2 of ` =:`), or of 5 characters or more with a digit and a
 * letter among them, or of 8 or more after `0x`; its characters made `0`, or `a` for a run with a letter and no `0x` (the hex rule tells it from a
 * decimal one). So is the id of a generated interface name (a known prefix and 5 to 16 hex digits, a word: `vethcfaef9`),
 * its characters made `a`; and the digits that end a word of 1 to 16 of `[a-z_]` (its first a letter) and 1 to 16
 * digits (a subject: `c47`, `sda1`), made `0`, but after `int` (an oops header reads `int3`) and where a rule before
 * took them.
 */
function shapeByRule(text: string): { shape: string; first: number } {
  let first = -1;
  const numbered = text.replace(/(?<!\w)(0x)?([0-9a-f]+)(?!\w)/g, (match: string, prefix: string | undefined, run: string, at: number) => {
    const digits = run.replace(/[a-f]/g, '').length;
    const errnoPlace = run.length <= 3 && (text[at - 1] === '-' || /(?:err|error|errno)[ =:]{1,2}$/i.test(text.slice(0, at)));
    const number = prefix ? run.length >= 8 : digits === run.length ? !errnoPlace : run.length >= 5 && digits > 0;
    if (!number) return match;
    const from = at + (prefix?.length ?? 0);
    if (first === -1) first = from;
    return (prefix ?? '') + (!prefix && digits < run.length ? 'a' : '0').repeat(run.length);
  });
  const ids = new RegExp(`\\b(${GENERATED_NAME_PREFIXES.join('|')})([0-9a-f]{${GENERATED_ID_DIGITS.min},${GENERATED_ID_DIGITS.max}})\\b`, 'g');
  const shape = numbered.replace(ids, (_match: string, name: string, id: string, at: number) => {
    if (first === -1 || at + name.length < first) first = at + name.length;
    return name + 'a'.repeat(id.length);
  });
  let withSubjects = shape;
  for (const { index, 1: name, 2: digits } of text.matchAll(/\b([a-z][a-z_]{0,15})(\d{1,16})\b/g)) {
    const from = index + name!.length;
    const to = from + digits!.length;
    if (name === 'int' || shape.slice(from, to) !== digits) continue;
    if (first === -1 || from < first) first = from;
    withSubjects = withSubjects.slice(0, from) + '0'.repeat(to - from) + withSubjects.slice(to);
  }
  return { shape: withSubjects, first };
}

describe('the shapes of distinct texts', () => {
  const piece = fc.constantFrom('0', '1', '9', 'a', 'f', 'g', 'x', 'X', 'A', ' ', '.', ':', '-', '_', '[', '=', '0x', '12', '1234', 'deadbeef', '0x1029a7b5', 'sector 773493166', 'err', 'Error', 'ERRNO', 'veth', 'cali', 'th', 'abc12', 'c', 'int', 's_', 'e1a', 'f5');

  it('are made by the scan as the rule makes them: texts of one shape one hash, where the first number starts (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 6 }), (texts) => {
        const bytes = Buffer.from(texts.map((t) => `Nov 12 10:10:59 ${t}\n`).join(''), 'latin1');
        const found = findStops(bytes, 0, bytes.length, 65536, true);
        const byShape = new Map<string, string>();
        for (let id = 0; id < found.restSpans.length / 2; id++) {
          const text = restText(bytes, found, id);
          const rule = shapeByRule(text);
          expect(found.restShapes[3 * id + 2], text).toBe(rule.first);
          expect(shapeOf(Buffer.from(text, 'latin1'), 0, text.length), text).toBe(rule.first);
          expect(Buffer.from(lastShape().subarray(0, text.length)).toString('latin1'), text).toBe(rule.shape);
          if (rule.first === -1) continue;
          const hash = `${found.restShapes[3 * id]} ${found.restShapes[3 * id + 1]}`;
          // (one hash per shape, and, but for a collision of 64 bits, one shape per hash)
          expect(byShape.get(hash) ?? rule.shape, text).toBe(rule.shape);
          byShape.set(hash, rule.shape);
          expect([...byShape.values()].filter((shape) => shape === rule.shape).length).toBe(1);
        }
      }),
      fuzzParams(5_000),
    );
  });

  it('are none for a text longer than SHAPE_BYTES', () => {
    const text = `h kernel: sector 773493166 ${'x'.repeat(SHAPE_BYTES)}`;
    const bytes = Buffer.from(`Nov 12 10:10:59 ${text}\n`);
    expect(findStops(bytes, 0, bytes.length, 65536, true).restShapes[2]).toBe(-1);
  });

  it('tell, in the fast read, whether a text matters as the first text of its shape did: its words are theirs', () => {
    // (a shape seen in a scan before: its later texts are not looked at again for notable words or header pieces)
    const lines = (sector: number, words: string): string => `Nov 12 10:10:59 h kernel: blk_update_request: ${words}, dev sdc, sector ${sector}\n`;
    // (`d ou` is a piece, of `timed out`: the scan stops at those lines too, and the text's words tell them apart)
    for (const [words, kept] of [['I/O error', 50], ['I/O used outside', 0]] as const) {
      for (const start of [10_000_000, 20_000_000]) {
        const bytes = Buffer.from(Array.from({ length: 50 }, (_v, k) => lines(start + 7919 * k, words)).join(''));
        const found = findStops(bytes, 0, bytes.length, 65536, false);
        expect(found.stops.length, words).toBe(kept);
        const candidates = candidateLines(bytes, 0, bytes.length, 65536);
        expect(candidates.stops.length, words).toBe(50);
        expect([...candidates.restHeaders].filter((header) => header === HEADER_NOT_LOOKED_FOR).length).toBeGreaterThanOrEqual(49);
      }
    }
  });
});

describe('lines kept', () => {
  it('are exactly those mayMatter accepts, a notable word found by the module or by the regex (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    const words = fc.constantFrom('error', 'ERRORS', 'Failed', 'err', 'xerror', 'error_', 'err5', 'erro', "can't", 'time out', 'timedout', 'Warning', 'lost', 'hung', 'é', '-5', 'BUG: ');
    const text = fc.array(fc.oneof(words, fc.constantFrom(' ', ', ', ': ', '_', '[', '.'), fc.stringMatching(/^[ -~]{0,8}$/)), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (texts) => {
        const lines = texts.map((t) => `Nov 12 10:10:59 h kernel: ${t}`);
        const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
        const found = findStops(bytes, 0, bytes.length, 65536);
        expect([...found.lineIndex]).toEqual(lines.flatMap((line, i) => (mayMatter(line) ? [i] : [])));
      }),
      fuzzParams(10_000),
    );
  });
});
