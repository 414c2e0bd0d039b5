// What ktriage refuses or bounds when reading compressed files and bundles, and what it says when a file is not read
// the way it looks: each limit of the README's reliability section, with an input built to cross it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/run.js';
import type { Result } from '../../src/result/schema.js';

const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const node2 = readFileSync(EXAMPLE, 'utf8');
const NOW = () => new Date('2022-11-13T00:00:00Z');
const NODE2_INCIDENTS = [[12, 24], [13, 14], [15, 8]];
const dir = mkdtempSync(join(tmpdir(), 'ktriage-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasXz = spawnSync('xz', ['--version']).status === 0;

function write(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function analyze(...paths: string[]): Promise<Result> {
  return (await analyzePaths(paths, { now: NOW })).result;
}

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
    expect(result.warnings).toEqual([{ path, message: expect.stringMatching(/^xz data compressed with a dictionary larger than 64 MiB, the most this decoder takes \(it bounds the memory/) }]);
    expect(incidentsOf(result)).toEqual(NODE2_INCIDENTS);
  });
});
