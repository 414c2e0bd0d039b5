// The scan workers read and template the distinct texts of the lines a block kept; the main thread takes them as
// they are. They must be what the main thread would make of the same texts itself.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTABLE_RE, readEvent } from '../../src/analysis/events.js';
import { HEADER_PREFIX_SOURCE } from '../../src/knowledge/header-prefixes.js';
import { STORAGE_FORMATS } from '../../src/knowledge/storage.js';
import { DETECTORS } from '../../src/reports/index.js';
import { readingsOf, readPlainText, readTexts, textOf, workerTexts, type BlockTexts, type RepeatedText, type WorkerTexts } from '../../src/analysis/text-reading.js';
import { findStops, lastShape, shapeOf, SHAPE_BYTES, type RegionStops } from '../../src/lines/line-scan.js';
import { HeaderMatcher } from '../../src/reports/header-matcher.js';
import { plainFileWorkerCount, workerCount } from '../../src/sources/scan-workers.js';
import { CORPUS_DIR, itWithShared } from '../helpers/shared.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';

const lines = [
  'Nov 12 10:10:59 node-7 kernel: blk_update_request: I/O error, dev sdc, sector 123456',
  'Nov 12 10:10:59 node-7 kernel: blk_update_request: I/O error, dev sdc, sector 98765',
  'Nov 12 10:11:00 node-7 kernel: blk_update_request: I/O error, dev sdc, sector 123456',
  'Nov 12 10:11:00 node-7 kubelet[3301]: E1112 "Error syncing pod, skipping" pod="default/web-0a1b2c3d"   ',
  'Nov 12 10:11:01 node-7 kernel: rbd: rbd3: encountered watch error: -107',
  'Nov 12 10:11:01 node-7 kernel: INFO: task kworker/u64:2:4242 blocked for more than 120 seconds.',
  'Nov 12 10:11:01 node-7 kernel: CPU: 12 PID: 39156 Comm: kworker/12:1 Tainted: G W 3.10.0 #1',
  'Nov 12 10:11:02 node-7 kernel: device veth1 entered promiscuous mode',
  'Nov 12 10:11:02 node-7 kernel: Buffer I/O error on dev sdc1, logical block 77, lost async page write \xff\xfe',
];

/**
 * Checks that each text a worker read is what the main thread reads of it (origin, message, size, event reading);
 * returns how many were plain lines.
 */
function plainTextsAsMainThreadReads(bytes: Buffer, found: RegionStops, texts: BlockTexts, headers: HeaderMatcher): number {
  let plain = 0;
  for (let s = 0; s < found.stops.length; s++) {
    const id = found.restIds[s]!;
    const rest = bytes.toString('utf8', found.restAt[s]!, found.ends[s]!);
    const own = readPlainText(rest, headers);
    const given = textOf(texts, bytes, id);
    if (own?.invalidUtf8) {
      // Not valid UTF-8: left to the main thread.
      expect(given).toBeUndefined();
      continue;
    }
    if (!own) {
      expect(given, rest).toBeNull();
      continue;
    }
    plain++;
    const { text: _message, ...source } = own.origin;
    expect(given, rest).toEqual({ chars: own.chars, origin: source, text: own.text, invalidUtf8: false, moving: null, reading: readEvent(own.text, own.origin.kernel) });
  }
  return plain;
}

describe('texts read in a scan worker', () => {
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  const found = findStops(bytes, 0, bytes.length, 65536);
  const headers = new HeaderMatcher();
  const texts = readTexts(bytes, found, headers, workerTexts(false));

  it('are what the main thread reads of the same text: origin, message, size and event reading', () => {
    // The hung task header and the register dump's CPU line open reports: not plain.
    expect(plainTextsAsMainThreadReads(bytes, found, texts, headers)).toBe(found.stops.length - 3);
  });

  it('share one origin and one event reading among texts of one source and one template', () => {
    expect(texts.origins).toHaveLength(2);
    const sectors = [0, 1].map((s) => textOf(texts, bytes, found.restIds[s]!)!);
    expect(sectors[0]!.text).not.toBe(sectors[1]!.text);
    expect(sectors[0]!.reading).toBe(sectors[1]!.reading);
    expect(sectors[0]!.reading).toMatchObject({ template: 'blk_update_request: I/O error, dev sdc, sector N', notable: true });
  });

  it('cross to the main thread with their readings packed, and are read there as in the worker', () => {
    // (posted as a worker posts them: structured clone)
    const posted = structuredClone(readTexts(bytes, found, headers, workerTexts(false)));
    const readings = [...found.restIds].map((id) => textOf(posted, bytes, id)?.reading);
    expect(readings).toEqual([...found.restIds].map((id) => textOf(texts, bytes, id)?.reading));
    expect(readings.filter((reading) => reading?.storage)).not.toEqual([]);
    expect(readings.filter((reading) => reading?.errno !== null)).not.toEqual([]);
  });
});

/** What a scan worker hands over of a block of `texts` (after a syslog time each): each line's text as the main thread takes it. */
function textsOfBlock(texts: readonly string[]): { texts: BlockTexts; lines: RepeatedText[] } {
  const bytes = Buffer.from(`${texts.map((text) => `Nov 12 10:11:01 ${text}`).join('\n')}\n`, 'latin1');
  const found = findStops(bytes, 0, bytes.length, 65536);
  const read = readTexts(bytes, found, new HeaderMatcher(), workerTexts(false));
  return { texts: read, lines: [...found.restIds].map((id) => textOf(read, bytes, id)!) };
}

describe('readings shared in a block', () => {
  it('only by texts of one template, subjects, errno and storage device', () => {
    const block = [
      'blk_update_request: I/O error, dev sdc, sector 1',
      'blk_update_request: I/O error, dev sdc, sector 2',
      'blk_update_request: I/O error, dev sdd, sector 3',
      'rbd: rbd1: encountered watch error: -107',
      'rbd: rbd2: encountered watch error: -107',
      'rbd: rbd2: encountered watch error: -110',
    ].map((text) => `node-7 kernel: ${text}`);
    const readings = textsOfBlock(block).lines.map((line) => line.reading);
    expect(readings[1]).toBe(readings[0]);
    expect(new Set(readings).size).toBe(5);
    expect(readings[2]).toMatchObject({ template: 'blk_update_request: I/O error, dev sdd, sector N', storage: { device: 'sdd' } });
  });
});

describe('origins shared in a block', () => {
  it('only by lines of one host, program, uptime and caller', () => {
    // Programs whose names begin and end alike and are as long, hosts that differ, and uptimes printed in the kernel's text.
    const block = [
      'node-1 sshd[1]: session error',
      'node-2 sshd[2]: session error',
      'node-1 ssh_d[3]: session error',
      'node-1 sshd[4]: failed password',
      'node-1 sxxd[5]: session error',
      'node-1 kernel: [  12.000001] rbd: rbd1: encountered watch error: -107',
      'node-1 kernel: [  12.000002] rbd: rbd1: encountered watch error: -107',
      'node-1 kernel: [   12.000001][   T42] rbd: rbd1: encountered watch error: -107',
    ];
    const { texts, lines } = textsOfBlock(block);
    const origins = lines.map((line) => line.origin);
    expect(origins.map((o) => [o.host, o.tag, o.uptime, o.caller])).toEqual([
      ['node-1', 'sshd', null, null],
      ['node-2', 'sshd', null, null],
      ['node-1', 'ssh_d', null, null],
      ['node-1', 'sshd', null, null],
      ['node-1', 'sxxd', null, null],
      ['node-1', 'kernel', 12.000001, null],
      ['node-1', 'kernel', 12.000002, null],
      ['node-1', 'kernel', 12.000001, 'T42'],
    ]);
    expect(origins[3]).toBe(origins[0]);
    expect(new Set(origins).size).toBe(7);
    expect(texts.origins).toHaveLength(7);
  });
});

describe("a scan worker's memory of texts", () => {
  it('remembers a text from its second sight on: the distinct texts of a noisy log are read and dropped', () => {
    const headers = new HeaderMatcher();
    const memory = workerTexts(false);
    const block = (text: string) => Buffer.from(`Nov 12 10:11:01 node-7 kernel: ${text}\n`, 'latin1');
    const rest = (text: string) => `node-7 kernel: ${text}`;
    const read = (text: string) => {
      const bytes = block(text);
      return readTexts(bytes, findStops(bytes, 0, bytes.length, 65536), headers, memory);
    };
    read('rbd: rbd3: encountered watch error: -107');
    read('audit: type=1400 audit(1668219031.187:413574203): avc:  denied  { connectto } for  pid=1107');
    const recent = memory.seen!.recent;
    expect(recent.get(rest('rbd: rbd3: encountered watch error: -107'))).toBeUndefined();
    const again = read('rbd: rbd3: encountered watch error: -107');
    expect(recent.get(rest('rbd: rbd3: encountered watch error: -107'))).toMatchObject({ event: readingsOf(again)[0] });
    expect(recent.get(rest('audit: type=1400 audit(1668219031.187:413574203): avc:  denied  { connectto } for  pid=1107'))).toBeUndefined();
  });

  it('holds no texts in the full read, whose texts are read again in each block as they were in the first', () => {
    const memory = workerTexts(true);
    expect(memory.seen).toBeNull();
    const lines = ['Nov 12 10:11:01 node-7 kernel: rbd: rbd3: encountered watch error: -107', 'Nov 12 10:11:02 node-7 sshd[13]: Accepted publickey for core'];
    const blocks = [0, 1, 2].map(() => readAsWorker(lines, memory));
    const readings = blocks.map(({ texts }) => readingsOf(texts));
    expect(readings[2]).toEqual(readings[0]);
    expect(readings[0]).toMatchObject([{ template: 'rbd: rbdN: encountered watch error: -107', subjects: ['rbd3'], errno: -107, notable: true }]);
  });
});

/** Reads the syslog lines `lines` as one block in a scan worker with `memory`; checks each text against the main thread's reading. */
function readAsWorker(lines: readonly string[], memory: WorkerTexts): { texts: BlockTexts; bytes: Buffer; found: RegionStops } {
  const headers = new HeaderMatcher();
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const found = findStops(bytes, 0, bytes.length, 65536);
  const texts = readTexts(bytes, found, headers, memory);
  plainTextsAsMainThreadReads(bytes, found, texts, headers);
  return { texts, bytes, found };
}

/** The shape of `text` (see shapeOf), or null when it has no number. */
const shapeText = (text: string, other = false): string | null => {
  const bytes = Buffer.from(text, 'latin1');
  return shapeOf(bytes, 0, bytes.length, other) === -1 ? null : Buffer.from(lastShape().subarray(0, bytes.length)).toString('latin1');
};

describe('numbers, by which texts have one shape', () => {
  it.each([
    ['sector 773493166, lost', 'sector 000000000, lost'],
    ['New session 4692 of user core.', 'New session 0000 of user core.'],
    // Joined to a `.`, `:` or `-`: a time, a serial, an address's parts.
    ['audit(1668219031.123:45678): pid=23456 at 10:10:31.422232581 from 10.10.0.12', 'audit(0000000000.000:00000): pid=00000 at 00:00:00.000000000 from 00.00.0.00'],
    // Up to three digits where an errno may be: kept, for the errno table reads them by value.
    ['watch error: -107 on port 123, error=5 err 12 errno: 3 ERR:7 x-5', 'watch error: -107 on port 000, error=5 err 12 errno: 3 ERR:7 x-5'],
    // The digits ending a word of lowercase letters (a subject: `c12` of SELinux categories, `sdc1234`); not other
    // digits next to a letter or `_` (`1234x`, `E1112`).
    ['dev sdc1234 c12,c345 x1234 1234x E1112 a_1 dm-1234 8:1234', 'dev sdc0000 c00,c000 x0000 1234x E1112 a_0 dm-0000 0:0000'],
    // Hex of 5 or more with a letter and a digit (its characters made letters), or of 8 or more after 0x; not a word of
    // hex letters, nor uppercase, nor shorter.
    ['block 0x1029a7b5 at ffff8801d9c4e000 cafe1234 deadbeef DEADBEEF1 web-baa941a5', 'block 0x00000000 at aaaaaaaaaaaaaaaa aaaaaaaa deadbeef DEADBEEF1 web-aaaaaaaa'],
    ['0x1f 0xdeadbe 1a2b3c4 id=30a352 eea27f a1b2 decade', '0x1f 0xdeadbe aaaaaaa id=aaaaaa aaaaaa a1b2 decade'],
    ['[12345] (56789) "4444"', '[00000] (00000) "0000"'],
    ['no number here: -5, int3, EXT4-fs, nvme0n1, Sdc1', null],
  ])('%s', (text, shape) => {
    expect(shapeText(text)).toBe(shape);
  });

  it('are changed to another digit each for the check of a shape, a subject\'s to one of its own', () => {
    expect(shapeText('sector 1234567, block 0x1029a7b5')).toBe('sector 0000000, block 0x00000000');
    expect(shapeText('sector 1234567, block 0x1029a7b5', true)).toBe('sector 2111111, block 0x21111111');
    // (each subject's digits the next of a count, zero-padded, never its own: the changed text's subjects all differ)
    expect(shapeText('s0 c47,c36 s0 s1 sda1', true)).toBe('s1 c02,c03 s4 s5 sda6');
  });
});

/**
 * The digits a regex source names one by one (outside `\\d`, quantifiers and escapes), and those of its classes that
 * hold some digits but not all (`[234]`), each in the word the source makes around it (`EXT2`, `int3`, `0x`) and where
 * in the word it is.
 */
function digitsByValue(source: string): { word: string; at: number }[] {
  const found: { word: string; at: number }[] = [];
  const inWord = (from: number, digits: string[], after: number) => {
    const before = /[A-Za-z_]*$/.exec(source.slice(0, from))![0];
    const rest = /^[A-Za-z0-9_]*/.exec(source.slice(after))![0];
    for (const digit of digits) found.push({ word: `${before}${digit}${rest}`, at: before.length });
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i += source[i + 1] === 'x' ? 3 : source[i + 1] === 'u' ? 5 : 1;
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      i = source.indexOf('}', i);
    } else if (c === '[') {
      const end = source.indexOf(']', i + 2);
      const digits = [...'0123456789'].filter((d) => new RegExp(source.slice(i, end + 1)).test(d));
      if (digits.length > 0 && digits.length < 10) inWord(i, digits, end + 1);
      i = end;
    } else if (/\d/.test(c)) {
      inWord(i, [c], i + 1);
    }
  }
  return found;
}

describe('the rules texts of one shape are read by', () => {
  // Texts share a shape when they differ only in numbers (see shapeOf): a digit a rule names by value must be no number
  // of a shape, or a text of the shape could take the read of one the rule does not match.
  const sources = [
    ...DETECTORS.map((d) => [`header of ${d.kind}`, d.header.source] as const),
    ['header prefixes', HEADER_PREFIX_SOURCE] as const,
    ...STORAGE_FORMATS.map((re, i) => [`storage format ${i}`, re.source] as const),
    ['notable words', NOTABLE_RE.source] as const,
  ];

  /** The words of `source`'s digits named by value (see digitsByValue) whose digit a shape takes for a number (changes, for its check). */
  const takenForNumbers = (source: string): string[] =>
    digitsByValue(source)
      .filter(({ word, at }) => (shapeText(` ${word} `, true) ?? ` ${word} `)[1 + at] !== word[at])
      .map(({ word }) => word);

  it.each(sources)('%s names no digit of a number by value', (_name, source) => {
    expect(takenForNumbers(source)).toEqual([]);
  });

  it('finds the digits named by value, in their words, and those a shape would take', () => {
    expect(digitsByValue('^EXT[234]-fs \\d{1,4}: 0x[0-9a-f]{8} |int3| [\\d,-]{2}')).toEqual([
      { word: 'EXT2', at: 3 },
      { word: 'EXT3', at: 3 },
      { word: 'EXT4', at: 3 },
      { word: '0x', at: 0 },
      { word: 'int3', at: 3 },
    ]);
    // (a rule that read an interface's number, or a bare number, by value)
    expect(takenForNumbers('^eth[01]: link up|int3|EXT4|port 0 ')).toEqual(['eth0', 'eth1', '0']);
  });
});

describe('texts of one shape in a scan worker', () => {
  const kernel = (message: string) => `Nov 12 10:11:01 node-7 kernel: ${message}`;

  it('are read by their shape from its third sight on, each as the main thread reads it', () => {
    const memory = workerTexts(false);
    const sectors = [773493166, 123456789, 987654321, 424242424];
    readAsWorker(
      sectors.map((n) => kernel(`blk_update_request: I/O error, dev sdc, sector ${n}`)),
      memory,
    );
    const reads = memory.shapes.reads.filter((read) => typeof read === 'object' && read !== null);
    expect(reads).toMatchObject([
      {
        event: { template: 'blk_update_request: I/O error, dev sdc, sector N', storage: { kind: 'io-error', device: 'sdc' } },
        runs: true,
      },
    ]);
  });

  it('are read one by one when a rule takes a number as a name', () => {
    const memory = workerTexts(false);
    const { texts, bytes, found } = readAsWorker(
      [11112222, 33334444, 55556666, 77778888].map((n) => kernel(`blk_update_request: I/O error, dev ${n}, sector 4096`)),
      memory,
    );
    const devices = [...found.restIds].map((id) => textOf(texts, bytes, id)!.reading!.storage!.device);
    expect(devices).toEqual(['11112222', '33334444', '55556666', '77778888']);
  });

  it("take their shape's read and origin when their numbers before the message are in no field of it (a pid), and their own origin when they are (a host)", () => {
    const memory = workerTexts(false);
    const message = 'error: kex_exchange_identification: read: Connection reset by peer';
    readAsWorker([1234, 5678, 9012, 3456].map((pid) => `Nov 12 10:11:01 node-7 sshd[${pid}]: ${message}`), memory);
    const reads = memory.shapes.reads.filter((read) => typeof read === 'object' && read !== null);
    expect(reads).toMatchObject([{ origin: { host: 'node-7', tag: 'sshd', kernel: false }, source: Buffer.from('node-7 sshd') }]);
    const hosts = ['10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.14'];
    const { texts, bytes, found } = readAsWorker(hosts.map((host) => `Nov 12 10:11:01 ${host} sshd[1234]: ${message}`), memory);
    expect([...found.restIds].map((id) => textOf(texts, bytes, id)!.origin.host)).toEqual(hosts);
  });

  it('take their own subjects where the read of the shape has its own, when only their subjects differ (a generated interface name)', () => {
    const memory = workerTexts(false);
    const ids = ['42ed88', 'cfaef9', '406799', '42ed88', 'abcdef'];
    const { texts, bytes, found } = readAsWorker(ids.map((id) => kernel(`bond0: failed to enslave veth${id} (error)`)), memory);
    expect([...found.restIds].map((id) => textOf(texts, bytes, id)!.reading!.subjects)).toEqual(ids.map((id) => ['bond0', `veth${id}`]));
    const reads = memory.shapes.reads.filter((read) => typeof read === 'object' && read !== null);
    expect(reads).toMatchObject([{ event: { template: 'bondN: failed to enslave vethN (error)' }, places: { at: Int32Array.from([15, 5, 40, 10]) } }]);
  });

  it('are read as the main thread reads each, whatever their numbers, interface names and subjects (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    // Messages of one shape but for their numbers (D, a digit) and generated names' ids (H), each taken four times with
    // those drawn anew from a few, so that two subjects of a text are often the same.
    const part = fc.oneof(
      fc.constantFrom('error', 'failed', 'port', 'dev', 'sdc1', 'dm-', 'bond0', 'cali', 'x', '-', ':', '.', '(', ')', ',', ' ', ' ', ' ', 'err=', 'c', 's0', 'int'),
      fc.integer({ min: 0, max: 3 }).map((k) => ['D', 'DD', 'DDD', 'DDDD'][k]!),
      fc.constantFrom('vethH', 'caliH', 'lxcH'),
    );
    const joined = fc.array(part, { minLength: 2, maxLength: 14 }).map((parts) => parts.join(''));
    // (and words apart, which makes more texts of one shape; subjects of letters and digits, often found twice: an audit
    // record's `s0:c47,c36`)
    const word = fc.constantFrom('vethH', 'caliH', 'lxcH', 'D', 'DDDD', 'c', 's0', 'dm-DDDD', 'port', 'failed', '(vethH)', 'sdc1', 'sD:cD,cDD', 'sD', 'cD', 'intD', 'sdcD');
    const apart = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
    const template = fc.oneof(joined, apart).map((message) => `${message} error`);
    const draw = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a1b2c3', '123456', 'abcdef'));
    fc.assert(
      fc.property(template, fc.array(draw, { minLength: 16, maxLength: 16 }), (shape, draws) => {
        let d = 0;
        const fill = () => shape.replace(/D/g, () => String(draws[d++ % draws.length]![0])).replace(/H/g, () => draws[d++ % draws.length]![1]);
        readAsWorker([fill(), fill(), fill(), fill()].map((message) => `Nov 12 10:11:01 node-7 kernel: ${message}`), workerTexts(false));
      }),
      fuzzParams(500),
    );
  });

  it('that open a report stay no plain lines', () => {
    const memory = workerTexts(false);
    const { texts, bytes, found } = readAsWorker(
      ['ffff8801d9c4e000', 'ffff8801d9c4f000', 'ffff8801aaaa0000'].map((a) => kernel(`BUG: unable to handle kernel paging request at ${a}`)),
      memory,
    );
    expect([...found.restIds].map((id) => textOf(texts, bytes, id))).toEqual([null, null, null]);
  });

  itWithShared('are read as the main thread reads each, over every message of the syzkaller corpus with its numbers changed', () => {
    // A seeded generator: the changed numbers are the same on every run.
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // Each character of a number (changed in its shape either way) made another digit, or hex letter for a letter.
    const changed = (message: string): string => {
      const [zero, other] = [shapeText(message)!, shapeText(message, true)!];
      const pick = (c: string, i: number) => (zero[i] === c && other[i] === c ? c : /\d/.test(c) ? String(random(10)) : 'abcdef'[random(6)]!);
      return [...message].map(pick).join('');
    };
    const memory = workerTexts(false);
    let shaped = 0;
    for (const name of readdirSync(CORPUS_DIR).filter((f) => /^\d+$/.test(f))) {
      const messages = readFileSync(`${CORPUS_DIR}/${name}`, 'latin1')
        .split('\n')
        .map((line) => line.replace(/^\[ *\d+\.\d+\](?:\[ *[CT]\d+\])? ?/, ''))
        .filter((message) => message.trim() !== '' && !message.startsWith('TITLE:'));
      const lines: string[] = [];
      for (const message of messages) {
        if (message.length > SHAPE_BYTES || shapeText(message) === null) continue;
        shaped++;
        lines.push(...[message, changed(message), changed(message), changed(message)].map(kernel));
      }
      readAsWorker(lines, memory);
    }
    expect(shaped).toBeGreaterThan(5000);
  });
});

describe('scan workers', () => {
  it('are as many as the cores, at most 8, or as KTRIAGE_WORKERS asks', () => {
    expect([workerCount(undefined, 2), workerCount(undefined, 64), workerCount('1', 2), workerCount('3', 2), workerCount('0', 2), workerCount('x', 4)]).toEqual([2, 8, 1, 3, 1, 4]);
  });

  it('are a core fewer for a plain file, whose main thread scans blocks too, at least one, or as KTRIAGE_WORKERS asks', () => {
    expect([plainFileWorkerCount(undefined, 1), plainFileWorkerCount(undefined, 2), plainFileWorkerCount(undefined, 4), plainFileWorkerCount(undefined, 64), plainFileWorkerCount('2', 2)]).toEqual([1, 1, 3, 7, 2]);
  });
});
