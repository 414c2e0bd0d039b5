// What ktriage refuses or bounds when reading compressed files and bundles, and what it says when a file is not read
// the way it looks: each limit of the README's reliability section, with an input built to cross it.
import { execFileSync, spawnSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/result/schema.js';
import { zipOf } from '../helpers/archives.js';
import { analyzeAt, hasXz, scratchFolder } from '../helpers/scratch.js';

const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const node2 = readFileSync(EXAMPLE, 'utf8');
const NOW = () => new Date('2022-11-13T00:00:00Z');
const NODE2_INCIDENTS = [[12, 24], [13, 14], [15, 8]];
const { dir, write } = scratchFolder('ktriage-limits-');
const analyze = (...paths: string[]) => analyzeAt(NOW, ...paths);

const incidentsOf = (result: Result) => result.incidents.map((i) => [i.cpu, i.reports]);

describe.skipIf(!hasXz)('xz', () => {
  it('a file whose dictionary is over the decoder\'s limit says which limit and why', async () => {
    const xz = execFileSync('xz', ['-c'], { input: node2.slice(0, 3000) });
    // The block header after the 12-byte stream header: one LZMA2 filter (0x21) with one property byte, the dictionary size.
    expect([...xz.subarray(12, 16)]).toEqual([0x02, 0x00, 0x21, 0x01]);
    xz[16] = 30; // 2^(30/2 + 12) bytes: 128 MiB
    xz.writeUInt32LE(crc32(xz.subarray(12, 20)), 20);
    const path = write('big-dict/messages.xz', xz);
    const result = await analyze(path, EXAMPLE);
    expect(result.warnings).toEqual([{ path, message: expect.stringMatching(/^xz data compressed with a dictionary larger than 64 MiB, the most this decoder takes \(it bounds the memory/), code: 'read-failed', params: { reason: 'xz-dictionary', limitBytes: 64 * 1024 ** 2, lines: 0 } }]);
    expect(incidentsOf(result)).toEqual(NODE2_INCIDENTS);
  });
});

describe('zip', () => {
  it('members whose data overlap (2,000 names on one deflated body) are refused in one line, before any is inflated', async () => {
    const members = [{ name: 'messages', data: node2 }, ...Array.from({ length: 2000 }, (_, i) => ({ name: `messages.${i + 1}`, sameDataAs: 'messages' }))];
    const path = write('overlap.zip', zipOf(members));
    const result = await analyze(path, EXAMPLE);
    expect(result.warnings).toEqual([{ path, message: 'refused 2001 members whose data overlap another member\'s (a zip bomb\'s trick), not read: messages.2000, messages.1999, messages.1998, ...', code: 'zip-overlapping-members', params: { count: 2001, name1: 'messages.2000', name2: 'messages.1999', name3: 'messages.1998' } }]);
    expect(result.inputs.map((i) => i.path)).toEqual([EXAMPLE]);
    expect(incidentsOf(result)).toEqual(NODE2_INCIDENTS);
  });

  it('a zip listing more than 100,000 members: the first ones read, the rest named in a warning', async () => {
    const members = [{ name: 'var/log/messages', data: node2 }, ...Array.from({ length: 100_000 }, (_, i) => ({ name: `junk/${i}`, sameDataAs: 'var/log/messages' }))];
    const path = write('many.zip', zipOf(members));
    const result = await analyze(path);
    expect(result.warnings).toEqual([{ path, message: 'lists 100001 members: only the first 100000 were looked at, the others not read', code: 'zip-too-many-members', params: { members: 100_001, max: 100_000 } }]);
    expect(incidentsOf(result)).toEqual(NODE2_INCIDENTS);
  });
});

describe('text that is not read the way it looks', () => {
  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('a file cut shorter while it is read (log rotation): analyzed up to the cut, and said', async () => {
    // The run reads a pipe first; its writer cuts the next file, already measured, before ending the pipe.
    const fifo = join(dir, 'first.log');
    execFileSync('mkfifo', [fifo]);
    const shrinking = write('shrinking/messages', node2);
    const writer = (async () => {
      const handle = await open(fifo, 'w');
      truncateSync(shrinking, 100_000);
      await handle.writeFile('Nov 12 10:00:00 node-2 kernel: hello\n');
      await handle.close();
    })();
    const result = await analyze(fifo, shrinking);
    await writer;
    expect(result.warnings).toEqual([{ path: shrinking, message: `file shrank while it was read (truncated, as log rotation does?): read 100000 of its ${Buffer.byteLength(node2)} bytes`, code: 'file-shrank', params: { read: 100_000, size: Buffer.byteLength(node2) } }]);
  });

  it('UTF-16 with a byte-order mark, either order, is decoded: the same diagnosis, no warning', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(node2, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const result = await analyze(write(`utf16-${bytes[0]}/messages`, bytes));
      expect(result.warnings).toEqual([]);
      expect(incidentsOf(result)).toEqual(NODE2_INCIDENTS);
      expect(result.inputs[0]!.format).toBe('bundle');
    }
  });

  it('UTF-16 without one: said to be UTF-16 (not zeroed blocks), with the command that converts it', async () => {
    const path = write('utf16-bare/messages', Buffer.from(node2, 'utf16le'));
    const result = await analyze(path);
    expect(result.warnings).toEqual([{ path, message: 'looks like UTF-16LE text without a byte-order mark: read with its NUL bytes dropped, so only ASCII text is right; convert it with iconv -f UTF-16LE -t UTF-8', code: 'utf16-without-bom', params: { order: 'LE' } }]);
  });
});

describe.skipIf(!hasXz)('a compression bomb refused while it is read gives nothing', () => {
  it('node-2 followed by 64 MiB of one byte in one .xz: refused, none of its lines in the result, the log beside it analyzed', async () => {
    // The log's lines come out and are analyzed before the output passes 1000 times the file's size.
    const bomb = execFileSync('xz', ['-c'], { input: Buffer.concat([Buffer.from(node2), Buffer.alloc(64 * 1024 * 1024, 'a')]), maxBuffer: 1 << 30 });
    const path = write('bomb/messages.xz', bomb);
    const beside = write('beside/kern.log', node2.split('\n').slice(0, 40).join('\n'));
    const result = await analyze(path, beside);
    expect(result.warnings).toEqual([{ path, message: 'refused: decompresses to more than 1000 times its size (compression bomb?); nothing of it was analyzed', code: 'excluded', params: { reason: 'compression-bomb', ratio: 1000 } }]);
    expect(result.inputs.map((i) => i.path)).toEqual([beside]);
    expect(result.incidents.every((i) => i.evidence.every((e) => e.path === beside))).toBe(true);
  });
});

describe('inflated text handed over in large pieces', () => {
  it('gives 4 MiB of gzip text in at most 5 pieces (zlib alone gives 16 KiB ones: 256 of them, each a hand-over to the reader)', async () => {
    const { decompress } = await import('../../src/sources/decompress.js');
    const text = Buffer.from(node2.repeat(Math.ceil((4 << 20) / node2.length))).subarray(0, 4 << 20);
    const pieces: number[] = [];
    for await (const piece of decompress(Readable.from([gzipSync(text)]), 'gz', 'messages.gz')) pieces.push((piece as Buffer).length);
    expect(pieces.reduce((n, p) => n + p, 0)).toBe(text.length);
    expect(pieces.length).toBeLessThanOrEqual(5);
  });
});
