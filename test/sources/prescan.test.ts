// The fast path over a large plain file runs its reading and scanning in worker threads. Whatever the blocks
// look like (a report or a line across a block boundary, NUL bytes, `\r\n` line ends), the analysis must be
// the one the single-threaded fast path gives. The worker script exists only in the build
// (`npm test` builds first), so this runs the built `analyzePaths`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/result/schema.js';
import type * as Run from '../../src/run.js';
import type * as Block from '../../src/sources/prescan-block.js';

const built = (await import(new URL('../../dist/src/run.js', import.meta.url).href)) as typeof Run;
const { BLOCK_BYTES } = (await import(new URL('../../dist/src/sources/prescan-block.js', import.meta.url).href)) as typeof Block;

const dir = mkdtempSync(join(tmpdir(), 'ktriage-prescan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node2 = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8').split('\n').filter(Boolean);
const noise = [
  'Nov 12 10:10:59 node-2 kernel: device veth12 entered promiscuous mode',
  'Nov 12 10:10:59 node-2 systemd[1]: Started Session 4 of user root.',
  'Nov 12 10:10:59 node-2 rsyslogd[1010]: imjournal: 42 messages lost due to rate-limiting',
  'Nov 12 10:10:59 node-2 kernel: nf_conntrack: table full, dropping packet',
];

/** node-2's lines spread over about `blocks` blocks of noise, so that its reports land across block boundaries. */
function spread(blocks: number): string {
  const noiseLines = Math.ceil((blocks * BLOCK_BYTES) / 70 / node2.length);
  return node2.flatMap((line, i) => [line, ...Array.from({ length: noiseLines }, (_, j) => noise[(i + j) % noise.length]!)]).join('\n') + '\n';
}

const allButPassedOver = ({ linesPassedOver: _, ...input }: Result['inputs'][number]) => input;

async function analyze(path: string, parallelScanMinBytes: number): Promise<Result> {
  const { result } = await built.analyzePaths([path], { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: true, parallelScanMinBytes });
  return result;
}

describe('fast path with the scan in worker threads', () => {
  const cases: [string, (text: string) => Buffer][] = [
    ['plain text', (text) => Buffer.from(text)],
    ['a line across every block boundary', (text) => Buffer.from(text.replace(/\n/g, (m, at: number) => (at % BLOCK_BYTES < 40 ? ' ' : m)))],
    ['NUL bytes in the second block', (text) => Buffer.concat([Buffer.from(text.slice(0, BLOCK_BYTES + 100)), Buffer.alloc(5000), Buffer.from(text.slice(BLOCK_BYTES + 100))])],
    ['`\\r\\n` line ends in part of the file', (text) => Buffer.from(text.slice(0, 2 * BLOCK_BYTES) + text.slice(2 * BLOCK_BYTES).replace(/\n/g, '\r\n'))],
  ];
  it.each(cases)('gives the same analysis as the single-threaded scan: %s', async (_name, make) => {
    const path = join(dir, 'messages');
    writeFileSync(path, make(spread(4)));
    const threaded = await analyze(path, 0);
    const single = await analyze(path, Number.POSITIVE_INFINITY);
    expect(threaded.incidents.length).toBeGreaterThan(0);
    // Routine events come only from the lines read, which depend on how the file was cut (see the fast path's own tests);
    // so does the number of lines passed over unread.
    for (const part of ['incidents', 'warnings', 'errors', 'findings', 'nextSteps'] as const) expect(threaded[part]).toEqual(single[part]);
    expect(threaded.inputs.map(allButPassedOver)).toEqual(single.inputs.map(allButPassedOver));
    expect(threaded.events.filter((e) => e.notable)).toEqual(single.events.filter((e) => e.notable));
  });

  it('finds the node-2 incidents and counts every line of a multi-block file', async () => {
    const text = spread(3);
    const path = join(dir, 'messages');
    writeFileSync(path, text);
    const result = await analyze(path, 0);
    expect(result.inputs[0]!.lines).toBe(text.split('\n').length - 1);
    expect(result.inputs[0]!.bytes).toBe(Buffer.byteLength(text));
    expect(result.incidents.filter((i) => i.kind === 'soft-lockup').map((i) => i.cpu)).toEqual(expect.arrayContaining([12, 13]));
  });
});
