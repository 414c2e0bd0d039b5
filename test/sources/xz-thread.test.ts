// xz text is decoded in a worker thread of its own (src/sources/xz-thread.ts), by the xz program when it is on PATH
// (src/sources/xz-program.ts), else by xz-decompress in WebAssembly (KTRIAGE_XZ=builtin asks for it). The worker script
// exists only in the build (`npm test` builds first), so this runs the built code, and checks it against the in-thread
// decoding the TypeScript sources use, with either decoder, and the two decoders against each other: the same text,
// the same analysis, the same warnings for broken and hostile files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/result/schema.js';
import { analyzePaths as inThread } from '../../src/run.js';
import type * as Run from '../../src/run.js';
import type * as Decompress from '../../src/sources/decompress.js';
import { tarOf } from '../helpers/archives.js';
import { hasXz, scratchFolder } from '../helpers/scratch.js';

const built = (await import(new URL('../../dist/src/run.js', import.meta.url).href)) as typeof Run;
const { decompress } = (await import(new URL('../../dist/src/sources/decompress.js', import.meta.url).href)) as typeof Decompress;

const node2 = readFileSync('examples/node-2/messages.node-2.20221112.log');
const { write } = scratchFolder('ktriage-xz-thread-');
const options = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 };
const xzOf = (bytes: Buffer, ...flags: string[]) => execFileSync('xz', ['-c', ...flags], { input: bytes, maxBuffer: 1 << 30 });
const withoutRun = ({ incidents, warnings, events, inputs, findings }: Result) => ({ incidents, warnings, events, inputs, findings });

const DECODERS = ['program', 'builtin'] as const;
const decodingWith = (decoder: (typeof DECODERS)[number]) => {
  if (decoder === 'builtin') process.env['KTRIAGE_XZ'] = 'builtin';
  else delete process.env['KTRIAGE_XZ'];
};

describe.skipIf(!hasXz).each(DECODERS)('xz decoded in a worker thread, by the %s decoder', (decoder) => {
  beforeAll(() => decodingWith(decoder));
  afterAll(() => decodingWith('program'));

  it('gives the text in order, across many hand-overs, and stops cleanly when the reader stops early', async () => {
    // 6 MiB of text in blocks of 1 MiB (the way `xz -T` writes them): several hand-overs of the worker.
    const text = Buffer.concat(Array.from({ length: Math.ceil((6 << 20) / node2.length) }, (_, i) => Buffer.concat([Buffer.from(`copy ${i}\n`), node2])));
    const packed = xzOf(text, '-1', '--block-size=1MiB');
    const pieces: Buffer[] = [];
    for await (const piece of decompress(Readable.from([packed]), 'xz', 'messages.xz')) pieces.push(piece as Buffer);
    expect(Buffer.concat(pieces).equals(text)).toBe(true);
    const early = decompress(Readable.from([packed]), 'xz', 'messages.xz');
    for await (const piece of early) {
      expect((piece as Buffer).length).toBeGreaterThan(0);
      break;
    }
    expect(early.destroyed).toBe(true);
  });

  it('analyzes a .xz log and a .tar.xz bundle as the in-thread decoding does', async () => {
    const log = write('logs/messages-20221112.xz', xzOf(node2));
    const tar = await tarOf([{ name: 'sosreport-node-2-2022-11-12-abcdef/var/log/messages', data: node2 }]);
    const bundle = write('sosreport-node-2-2022-11-12-abcdef.tar.xz', xzOf(tar));
    for (const path of [log, bundle]) {
      const { result } = await built.analyzePaths([path], options);
      expect(result.incidents.length).toBeGreaterThan(0);
      expect(withoutRun(result)).toEqual(withoutRun((await inThread([path], options)).result));
    }
  });

  it('says the same of a cut, a corrupt, a not-xz, a too-large-dictionary file and a compression bomb, and reads the text before the error', async () => {
    const { result } = await built.analyzePaths(badFiles(), options);
    expect(reasons(result)).toEqual([
      ['bomb.xz', 'compression-bomb'],
      ['cut.xz', 'xz-truncated'],
      ['corrupt.xz', 'xz-corrupt'],
      ['plain.xz', 'xz-not-xz'],
      ['dictionary.xz', 'xz-dictionary'],
    ]);
    const { result: theirs } = await inThread(badFiles(), options);
    expect(reasons(result)).toEqual(reasons(theirs));
    expect(result.inputs.map((i) => i.path)).toEqual(theirs.inputs.map((i) => i.path));
    // The text decoded before the error is analyzed: a cut file's lines up to where it ends.
    expect(result.warnings.find((w) => w.params['reason'] === 'xz-truncated')?.params['lines']).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasXz)('the xz program and the WebAssembly decoder', () => {
  afterAll(() => decodingWith('program'));

  const both = async (paths: string[]) => {
    decodingWith('builtin');
    const { result: builtin } = await built.analyzePaths(paths, options);
    decodingWith('program');
    const { result: program } = await built.analyzePaths(paths, options);
    return { builtin, program };
  };

  it('give the same analysis of a .xz log and a .tar.xz bundle', async () => {
    const tar = await tarOf([{ name: 'sosreport-node-2-2022-11-12-abcdef/var/log/messages', data: node2 }]);
    const { builtin, program } = await both([write('good/messages-20221112.xz', xzOf(node2)), write('good/sosreport-node-2-2022-11-12-abcdef.tar.xz', xzOf(tar, '-9'))]);
    expect(program.incidents.length).toBeGreaterThan(0);
    expect(withoutRun(program)).toEqual(withoutRun(builtin));
  });

  it('give the same reasons for broken files', async () => {
    // (Not always the same lines before corrupt data: each decoder gives what it decoded before it found the damage.)
    const { builtin, program } = await both(badFiles());
    expect(reasons(program)).toEqual(reasons(builtin));
    expect(program.inputs.map((i) => i.path)).toEqual(builtin.inputs.map((i) => i.path));
  });
});

const reasons = (r: Result) => r.warnings.map((w) => [w.path?.split('/').pop(), w.params['reason']]);

let made: string[] | null = null;

/** xz files broken in each way, and a plain log beside them (made once). */
function badFiles(): string[] {
  return (made ??= makeBadFiles());
}

function makeBadFiles(): string[] {
  const whole = xzOf(node2);
  const corrupt = Buffer.from(whole);
  corrupt[whole.length >> 1] = corrupt[whole.length >> 1]! ^ 0xff;
  const bigDictionary = Buffer.from(whole);
  bigDictionary[16] = 30;
  bigDictionary.writeUInt32LE(crc32(bigDictionary.subarray(12, 20)), 20);
  return [
    write('bad/cut.xz', whole.subarray(0, whole.length >> 1)),
    write('bad/corrupt.xz', corrupt),
    write('bad/plain.xz', node2),
    write('bad/dictionary.xz', bigDictionary),
    write('bad/bomb.xz', xzOf(Buffer.concat([node2, Buffer.alloc(64 << 20, 'a')]))),
    write('bad/kern.log', node2),
  ];
}
