// The fast path over a large plain file runs its reading and scanning in worker threads. Whatever the blocks
// look like (a report or a line across a block boundary, NUL bytes, `\r\n` line ends), the analysis must be
// the one the single-threaded fast path gives. The worker script exists only in the build
// (`npm test` builds first), so this runs the built `analyzePaths`.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/result/schema.js';
import type * as Run from '../../src/run.js';
import type * as Block from '../../src/sources/prescan-block.js';
import type * as Ahead from '../../src/sources/read-ahead.js';
import type * as PrescanModule from '../../src/sources/prescan.js';
import type * as TextReading from '../../src/analysis/text-reading.js';
import type * as Headers from '../../src/reports/header-matcher.js';

const built = (await import(new URL('../../dist/src/run.js', import.meta.url).href)) as typeof Run;
const { BLOCK_BUFFER_BYTES, BLOCK_BYTES, ListRelease, listBuffers, readScannedBlock, scanBlock } = (await import(new URL('../../dist/src/sources/prescan-block.js', import.meta.url).href)) as typeof Block;
const { Prescan } = (await import(new URL('../../dist/src/sources/prescan.js', import.meta.url).href)) as typeof PrescanModule;
const { textMemories } = (await import(new URL('../../dist/src/analysis/text-reading.js', import.meta.url).href)) as typeof TextReading;
const { HeaderMatcher } = (await import(new URL('../../dist/src/reports/header-matcher.js', import.meta.url).href)) as typeof Headers;
const { ReadAhead, letGo, MAX_WHOLE_BYTES } = (await import(new URL('../../dist/src/sources/read-ahead.js', import.meta.url).href)) as typeof Ahead;

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

/** Every 500th line of `text` followed by repeated errors, some an hour earlier, of two hosts, one not ASCII; a task dump now and then. */
function withRuns(text: string): string {
  const errors = [
    'Nov 12 10:11:00 node-2 kernel: blk_update_request: I/O error, dev sdc, sector 4242',
    'Nov 12 09:11:00 node-2 kernel: blk_update_request: I/O error, dev sdc, sector 4243',
    'Nov 12 10:11:01 node-3 kernel: XFS (sdc1): metadata I/O error: block 0x1f error 5 numblks 8',
    'Nov 12 10:11:01 node-2 kernel: EXT4-fs warning (device sdd1): ext4_end_bio:342: I/O error 10 writing to inode 12 (é)',
    'Nov 12 10:11:02 node-2 kubelet[3301]: E1112 "Error syncing pod, skipping" pod="default/web-0a1b2c3d"',
  ];
  const dump = ['Nov 12 10:11:03 node-2 kernel: task:jbd2/sdc1-8 state:D stack:0 pid:312 ppid:2 flags:0x00004000', 'Nov 12 10:11:03 node-2 kernel: Call Trace:', 'Nov 12 10:11:03 node-2 kernel:  io_schedule+0x12/0x40'];
  return text
    .split('\n')
    .flatMap((line, i) => (i % 500 === 0 ? [line, ...errors, ...errors.slice(0, 2), ...(i % 5000 === 0 ? dump : []), ...errors.slice(1)] : [line]))
    .join('\n');
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
    // Runs of repeats taken at once (SourceFeed.repeatRun): times that go back (a message's earliest line is not its
    // first), a second host, a message that is not ASCII, a program's errors, a task dump between I/O errors.
    ['times going back, two hosts, UTF-8 and a task dump among repeated errors', (text) => Buffer.from(withRuns(text))],
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
    expect(threaded.waitGraph).toEqual(single.waitGraph);
  });

  it('gives the same analysis over a compressed stream, alone and beside a copy of it', async () => {
    // Past the first 8 MiB a stream's blocks go to the workers (stream-scan.ts), more of them than are ahead at once, so
    // that the memory of blocks read is filled again; given twice, its lines are copies.
    const text = withRuns(spread(24));
    const gz = join(dir, 'messages-1.gz');
    const plain = join(dir, 'messages-copy');
    writeFileSync(gz, gzipSync(text, { level: 1 }));
    writeFileSync(plain, text.slice(0, text.length >> 1));
    const options = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: true };
    for (const paths of [[gz], [plain, gz]]) {
      const { result: threaded } = await built.analyzePaths(paths, options);
      const { result: single } = await built.analyzePaths(paths, { ...options, parallelStreams: false });
      expect(threaded.incidents.length).toBeGreaterThan(0);
      for (const part of ['incidents', 'warnings', 'errors', 'findings', 'nextSteps', 'waitGraph'] as const) expect(threaded[part]).toEqual(single[part]);
      expect(threaded.inputs.map(allButPassedOver)).toEqual(single.inputs.map(allButPassedOver));
      expect(threaded.events.filter((e) => e.notable)).toEqual(single.events.filter((e) => e.notable));
    }
  });

  it('reads a compressed stream cut past its first 8 MiB up to the cut, as without workers, with one warning', async () => {
    const whole = gzipSync(withRuns(spread(12)), { level: 1 });
    const cut = join(dir, 'messages-cut.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const options = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: true };
    const { result: threaded } = await built.analyzePaths([cut], options);
    const { result: single } = await built.analyzePaths([cut], { ...options, parallelStreams: false });
    expect(threaded.warnings.map((w) => [w.code, w.params.reason])).toEqual([['read-failed', 'gzip-truncated']]);
    expect(threaded.inputs[0]!.lines).toBeGreaterThan(100_000);
    for (const part of ['incidents', 'warnings', 'errors'] as const) expect(threaded[part]).toEqual(single[part]);
    expect(threaded.inputs.map(allButPassedOver)).toEqual(single.inputs.map(allButPassedOver));
    expect(threaded.events.filter((e) => e.notable)).toEqual(single.events.filter((e) => e.notable));
  });

  // The full read of a large input takes every line through the workers (each line a stop, its text read there once a
  // block): the result must be the one of the full read line by line on the main thread, routine events and all.
  const full = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: false };
  it.each(cases)('reads every line in the workers as the full read does line by line: %s', async (_name, make) => {
    const path = join(dir, 'messages');
    writeFileSync(path, make(spread(4)));
    const { result: threaded } = await built.analyzePaths([path], { ...full, parallelScanMinBytes: 0 });
    const { result: byLine } = await built.analyzePaths([path], { ...full, parallelScanMinBytes: Number.POSITIVE_INFINITY, parallelStreams: false });
    expect(threaded.incidents.length).toBeGreaterThan(0);
    expect(threaded.inputs.every((input) => input.linesPassedOver === 0)).toBe(true);
    expect(threaded).toEqual(byLine);
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

  it("reads a WARNING's message before its header (4.15+) and after it (3.10) as the full read does, though the fast one passes lines over", async () => {
    const warn = (at: string, fn: string, kernel: string, message: string, before: boolean) => [
      `Nov 12 ${at} node-2 kernel: ------------[ cut here ]------------`,
      ...(before ? [`Nov 12 ${at} node-2 kernel: ${message}`] : []),
      `Nov 12 ${at} node-2 kernel: WARNING: CPU: 3 PID: 0 at net/sched/sch_generic.c:477 ${fn}+0x248/0x260${before ? '' : '()'}`,
      ...(before ? [] : [`Nov 12 ${at} node-2 kernel: ${message}`]),
      `Nov 12 ${at} node-2 kernel: Modules linked in: ixgbe`,
      `Nov 12 ${at} node-2 kernel: CPU: 3 PID: 0 Comm: swapper/3 Not tainted ${kernel} #1`,
      `Nov 12 ${at} node-2 kernel: Call Trace:`,
      `Nov 12 ${at} node-2 kernel:  ${fn}+0x248/0x260`,
      `Nov 12 ${at} node-2 kernel:  call_timer_fn+0x2d/0x130`,
      `Nov 12 ${at} node-2 kernel:  run_timer_softirq+0x1e0/0x410`,
      `Nov 12 ${at} node-2 kernel: ---[ end trace 1a2b3c4d5e6f7a8b ]---`,
    ];
    // (three blocks of noise, a WARNING in the first and one in the third)
    const lines = Array.from({ length: (3 * BLOCK_BYTES) / 64 }, (_, i) => noise[i % noise.length]!);
    lines.splice(30_000, 0, ...warn('10:16:00', 'dev_watchdog_old', '3.10.0-693.el7.x86_64', 'NETDEV WATCHDOG: eth1 (ixgbe): transmit queue 5 timed out', false));
    lines.splice(10_000, 0, ...warn('10:15:00', 'dev_watchdog', '4.18.0-305.el8.x86_64', 'NETDEV WATCHDOG: eth0 (ixgbe): transmit queue 3 timed out', true));
    const path = join(dir, 'warnings');
    writeFileSync(path, lines.join('\n'));
    const fast = await analyze(path, 0);
    const { result: full } = await built.analyzePaths([path], { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: false });
    const messages = (r: Result) => r.incidents.filter((i) => i.kind === 'warning').map((i) => i.details['message']);
    expect(messages(full)).toEqual(['NETDEV WATCHDOG: eth0 (ixgbe): transmit queue 3 timed out', 'NETDEV WATCHDOG: eth1 (ixgbe): transmit queue 5 timed out']);
    expect(fast.inputs[0]!.linesPassedOver).toBeGreaterThan(0);
    expect(fast.incidents).toEqual(full.incidents);
  });
});

describe('blocks the main thread scans itself while it waits for a worker', () => {
  /** A scan worker that takes `delayMs` a block: it reads and scans each as a worker does, in this thread, later. */
  class SlowWorker extends EventEmitter {
    readonly asked: number[] = [];
    private fd = -1;
    private file = 0;
    private readonly reader = { headers: new HeaderMatcher(), memory: textMemories()(false) };
    constructor(private readonly delayMs: number) {
      super();
    }
    postMessage(request: { open?: string; file?: number; block?: number; maxLineBytes?: number }): void {
      if (request.open !== undefined) {
        this.fd = openSync(request.open, 'r');
        this.file = request.file!;
        return;
      }
      const block = request.block!;
      this.asked.push(block);
      setTimeout(() => {
        const { bytes, found } = readScannedBlock(this.fd, block, Buffer.alloc(BLOCK_BUFFER_BYTES), 65536, false, this.reader);
        this.emit('message', { file: this.file, block, bytes, found });
      }, this.delayMs);
    }
    ref(): void {}
    unref(): void {}
    close(): void {
      closeSync(this.fd);
    }
  }

  it('hands over every block in order, as the worker would have scanned it, those it scanned among them', async () => {
    const path = join(dir, 'slow-worker');
    const bytes = Buffer.from(spread(12));
    writeFileSync(path, bytes);
    const worker = new SlowWorker(30);
    const prescan = Prescan.start(path, bytes.length, 65536, false, undefined, [worker as unknown as Worker])!;
    const fd = openSync(path, 'r');
    const reference = { headers: new HeaderMatcher(), memory: textMemories()(false) };
    const blocks: number[] = [];
    try {
      for await (const { bytes: block, found } of prescan.blocks()) {
        const at = blocks.length;
        const expected = readScannedBlock(fd, at, Buffer.alloc(BLOCK_BUFFER_BYTES), 65536, false, reference);
        expect(block.equals(bytes.subarray(at * BLOCK_BYTES, (at + 1) * BLOCK_BYTES))).toBe(true);
        expect([found?.regionStart, found?.regionEnd, [...(found?.stops ?? [])], [...(found?.lineIndex ?? [])]]).toEqual([
          expected.found?.regionStart,
          expected.found?.regionEnd,
          [...(expected.found?.stops ?? [])],
          [...(expected.found?.lineIndex ?? [])],
        ]);
        blocks.push(at);
      }
    } finally {
      prescan.close();
      worker.close();
      closeSync(fd);
    }
    const count = Math.ceil(bytes.length / BLOCK_BYTES);
    expect(blocks.length).toBe(count);
    // (the worker was asked for some blocks, the main thread scanned the others)
    expect(worker.asked.length).toBeGreaterThan(0);
    expect(worker.asked.length).toBeLessThan(count);
  });
});

describe("a block's stops, one hidden class whoever scanned the block (blockStops)", () => {
  it('gives a block scanned in this thread and one cloned from a worker\'s reply the same hidden class, and the same lists', () => {
    // (V8's own test of hidden classes needs --allow-natives-syntax: asked of a node of its own)
    const script = `
      const { blockStops, scanWithTexts } = await import(${JSON.stringify(new URL('../../dist/src/sources/prescan-block.js', import.meta.url).href)});
      const { textMemories } = await import(${JSON.stringify(new URL('../../dist/src/analysis/text-reading.js', import.meta.url).href)});
      const { HeaderMatcher } = await import(${JSON.stringify(new URL('../../dist/src/reports/header-matcher.js', import.meta.url).href)});
      const bytes = Buffer.from(${JSON.stringify(noise.join('\n') + '\n')});
      const here = scanWithTexts(bytes, true, 65536, false, { headers: new HeaderMatcher(), memory: textMemories()(false) });
      const cloned = structuredClone(here);
      const taken = blockStops(cloned);
      const lists = (found) => JSON.stringify([found.stops, found.restIds, found.clocks, found.texts.fields].map((list) => [...list]));
      console.log(JSON.stringify({ raw: %HaveSameMap(here, cloned), taken: %HaveSameMap(here, taken), stops: here.stops.length, sameLists: lists(taken) === lists(here) }));`;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // (the clone alone has a class of its own: what blockStops is for)
    expect(JSON.parse(run.stdout)).toMatchObject({ raw: false, taken: true, sameLists: true });
    expect(JSON.parse(run.stdout).stops).toBeGreaterThan(0);
  });
});

describe('small plain and .gz files read by a scan worker ahead of the reader', () => {
  const folder = join(dir, 'hosts');
  mkdirSync(join(folder, 'node-2'), { recursive: true });
  mkdirSync(join(folder, 'node-3'), { recursive: true });
  const text = withRuns(spread(2));
  const files = {
    multiBlock: join(folder, 'node-2/messages-1.gz'),
    oneBlock: join(folder, 'node-2/messages-2.gz'),
    cut: join(folder, 'node-3/messages-1.gz'),
    notGzip: join(folder, 'node-3/messages-2.gz'),
    tooLarge: join(folder, 'node-3/messages-3.gz'),
    // Two gzip members: the trailer tells only the last one's size, far less than the text.
    twoMembers: join(folder, 'node-3/messages-4.gz'),
    plain: join(folder, 'node-3/messages'),
    plainTooLarge: join(folder, 'node-2/messages'),
  };
  const whole = gzipSync(text, { level: 1 });
  writeFileSync(files.multiBlock, whole);
  writeFileSync(files.oneBlock, gzipSync(node2.join('\n') + '\n'));
  writeFileSync(files.cut, whole.subarray(0, whole.length >> 1));
  writeFileSync(files.notGzip, node2.join('\n') + '\n');
  writeFileSync(files.tooLarge, gzipSync(text.repeat(Math.ceil(MAX_WHOLE_BYTES / text.length) + 1), { level: 1 }));
  writeFileSync(files.twoMembers, Buffer.concat([whole, gzipSync(node2.slice(0, 20).join('\n') + '\n')]));
  writeFileSync(files.plain, node2.slice(0, 50).join('\n') + '\n');
  // Past MAX_WHOLE_BYTES once it has grown after the run listed it (as a live log does): read as a stream.
  writeFileSync(files.plainTooLarge, node2.slice(0, 10).join('\n') + '\n');

  it('hands over each file as its blocks with the lines that may matter, or null for one it could not read whole', async () => {
    const paths = Object.values(files);
    const asked = paths.map((path) => ({ path, size: readFileSync(path).length, gzip: path.endsWith('.gz') }));
    writeFileSync(files.plainTooLarge, text.repeat(Math.ceil(MAX_WHOLE_BYTES / text.length) + 1));
    const ahead = ReadAhead.start(asked, 65536, false, null)!;
    try {
      const taken = await Promise.all(paths.map((path) => ahead.take(path)));
      const [multiBlock, oneBlock, cut, notGzip, tooLarge, twoMembers, plain, plainTooLarge] = taken;
      expect(Buffer.concat(multiBlock!.map((block) => block.bytes)).toString()).toBe(text);
      expect(multiBlock!.map((block) => block.bytes.length)).toEqual([BLOCK_BYTES, BLOCK_BYTES, Buffer.byteLength(text) - 2 * BLOCK_BYTES]);
      expect(multiBlock!.every((block) => block.found !== null && block.found.stops.length > 0)).toBe(true);
      expect(oneBlock!.length).toBe(1);
      expect([cut, notGzip, tooLarge, plainTooLarge]).toEqual([null, null, null, null]);
      expect(Buffer.concat(plain!.map((block) => block.bytes)).toString()).toBe(node2.slice(0, 50).join('\n') + '\n');
      expect(Buffer.concat(twoMembers!.map((block) => block.bytes)).toString()).toBe(text + node2.slice(0, 20).join('\n') + '\n');
      // Once read, a file's text and its blocks' lists are freed at once: their memory is no longer the reader's.
      const lists = multiBlock!.flatMap((block) => (block.found ? listBuffers(block.found) : []));
      expect(lists.length).toBeGreaterThan(0);
      letGo(multiBlock!);
      expect(multiBlock!.every((block) => block.bytes.length === 0)).toBe(true);
      expect(lists.every((list) => list.byteLength === 0)).toBe(true);
    } finally {
      ahead.close();
      writeFileSync(files.plainTooLarge, node2.slice(0, 10).join('\n') + '\n');
    }
  });

  it('lets go of a block\'s lists once the reader is done with it: they are no longer the reader\'s memory', async () => {
    const { readTexts, workerTexts } = await import(new URL('../../dist/src/analysis/text-reading.js', import.meta.url).href);
    const { HeaderMatcher } = await import(new URL('../../dist/src/reports/header-matcher.js', import.meta.url).href);
    const bytes = Buffer.from(withRuns(spread(1)).slice(0, BLOCK_BYTES));
    const stops = scanBlock(bytes, true, 65536, false)!;
    const found = { ...stops, texts: readTexts(bytes, stops, new HeaderMatcher(), workerTexts(false)) };
    const stopCount = found.stops.length;
    expect(stopCount).toBeGreaterThan(0);
    // A few blocks at a time: kept until then, all freed at once.
    const release = new ListRelease();
    release.add(found);
    expect(found.stops.length).toBe(stopCount);
    release.flush();
    expect(listBuffers(found).map((list) => list.byteLength)).toEqual(listBuffers(found).map(() => 0));
    expect([found.stops.length, found.restSpans.length, found.texts.fields.length]).toEqual([0, 0, 0]);
  });

  it('gives the same analysis of a folder of rotated logs as reading each as a stream', async () => {
    const options = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: true };
    const { result: ahead } = await built.analyzePaths([folder], options);
    const { result: streamed } = await built.analyzePaths([folder], { ...options, parallelStreams: false });
    expect(ahead.incidents.length).toBeGreaterThan(0);
    expect(ahead.warnings.map((w) => [w.path, w.params.reason])).toEqual([
      [files.cut, 'gzip-truncated'],
      [files.notGzip, 'gzip-corrupt'],
    ]);
    for (const part of ['incidents', 'warnings', 'errors', 'findings', 'nextSteps', 'waitGraph'] as const) expect(ahead[part]).toEqual(streamed[part]);
    expect(ahead.inputs.map(allButPassedOver)).toEqual(streamed.inputs.map(allButPassedOver));
    expect(ahead.events.filter((e) => e.notable)).toEqual(streamed.events.filter((e) => e.notable));
  });

  it('gives the same full read of that folder as reading each file line by line', async () => {
    const options = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022, skipRoutineLines: false };
    const { result: ahead } = await built.analyzePaths([folder], options);
    const { result: byLine } = await built.analyzePaths([folder], { ...options, parallelStreams: false });
    expect(ahead.incidents.length).toBeGreaterThan(0);
    for (const part of ['incidents', 'warnings', 'errors', 'findings', 'nextSteps', 'waitGraph', 'events', 'inputs'] as const) expect(ahead[part]).toEqual(byLine[part]);
  });
});
