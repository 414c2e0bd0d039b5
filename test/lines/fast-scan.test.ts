// The fast path of the line reader passes over lines without decoding them. It must never pass over a
// line that could open a report or be a notable or errno event, whatever the line's prefix, case or
// chunking: checked against the detectors' own header regexes and the event rules, on generated lines.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analyzer, analyzeText } from '../../src/analyzer.js';
import { isNotableReading, readEvent } from '../../src/analysis/events.js';
import { storageError } from '../../src/knowledge/storage.js';
import { LINE_PIECES, mayBeHeader, mayMatter } from '../../src/lines/fast-scan.js';
import { candidateLines, findStops } from '../../src/lines/line-scan.js';
import { parseLine } from '../../src/lines/formats.js';
import type { LineFormat } from '../../src/lines/types.js';
import { isCutHereLine, parseCpuLine } from '../../src/reports/body.js';
import { DETECTORS } from '../../src/reports/index.js';
import { STORAGE_EXAMPLES } from '../knowledge/storage-examples.js';
import type { Result } from '../../src/result/schema.js';
import { analyzePaths } from '../../src/run.js';
import { readLines } from '../../src/sources/read.js';
import { inputsText } from '../../src/render/common.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';

const MAX_LINE = 64 * 1024;
const PREFIXES: readonly [LineFormat, string][] = [
  ['syslog', 'Nov 12 10:10:59 node-2 kernel: '],
  ['syslog', 'Nov 12 10:10:59 node-2 myapp[12]: '],
  ['bundle', '2022-11-12 10:10:59 +0800 | messages | Nov 12 10:10:59 node-2 kernel: '],
  ['iso', '2022-11-12T10:10:59.123456+08:00 node-2 kernel: '],
  ['dmesg', '[ 1234.567890] '],
  ['dmesg', '[ 1234.567890] [T123] '],
  ['kmsg', '4,1234,5678901,-;'],
  ['syslog', '<134>Nov 12 10:10:59 node-2 kernel: '],
  ['dmesg', '[2024-03-01T12:34:56.789012+00:00] [ 1234.567890] '],
];

/**
 * What the full path would do with the line's message: open a report or a register dump (or announce one: `cut here`,
 * after which a WARNING's message may come), or keep it as a notable event.
 */
function matters(text: string): boolean {
  return DETECTORS.some((d) => d.header.test(text)) || parseCpuLine(text.trimStart()) !== null || isCutHereLine(text) || isNotableReading(readEvent(text, true));
}

/** Whether the byte scan (before `mayMatter` checks its candidates) stops at the line, alone or after a routine one. */
function scanStopsAt(raw: string): boolean {
  const alone = Buffer.from(`${raw}\n`);
  const after = Buffer.from(`routine line\n${raw}\n`);
  const stops = (bytes: Buffer) => [...candidateLines(bytes, 0, bytes.length, MAX_LINE).stops];
  return stops(alone).includes(0) && stops(after).includes(13);
}

const examples = DETECTORS.flatMap((d) => d.meta.examples);
const storageLines = STORAGE_EXAMPLES.map(([, line]) => line);
const WORDS = ['error', 'errors', 'err', 'Failed', 'FAILURE', 'timed out', 'timeout', 'not responding', 'Unable', 'cannot', "can't", 'denied', 'refused', 'aborting', 'reset', 'offline', 'lost', 'corruption', 'Critical', 'fatal', 'hung', 'stalled', 'blocked', 'dropped', 'Warning', '-5', '(-110)', 'ret=-28', 'node-7', 'x-1', 'CPU: 3 PID: 1 Comm: a', 'list_add corruption', 'interrupt', 'erratum', 'stderr', 'é'];
const filler = fc.stringMatching(/^[ -~]{0,24}$/);
const message = fc.oneof(
  fc.constantFrom(...examples, ...storageLines),
  fc.tuple(filler, fc.constantFrom(...examples, ...storageLines, ...WORDS), filler).map(([a, w, b]) => `${a}${w}${b}`),
  fc.array(fc.oneof(fc.constantFrom(...WORDS), filler), { maxLength: 6 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ' ')),
);

describe('fast line scan', () => {
  it('stops at every detector example header, and at the `cut here` line before a WARN()\'s, under every line prefix', () => {
    for (const example of [...examples, '------------[ cut here ]------------']) {
      for (const [, prefix] of PREFIXES) {
        expect(scanStopsAt(prefix + example), prefix + example).toBe(true);
        expect(mayMatter(prefix + example)).toBe(true);
      }
    }
  });

  it('never passes over a line the full path would keep (property, against the detectors and event rules)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), message, ([format, prefix], text) => {
        const raw = prefix + text;
        const line = parseLine(raw, 1, format, { path: 'log', year: 2022, referenceMonth: 11, assumedZone: null, previous: null });
        if (!matters(line.text)) return;
        expect(mayMatter(raw)).toBe(true);
        expect(scanStopsAt(raw)).toBe(true);
      }),
      fuzzParams(20_000),
    );
  });

  it('stops at every storage error and errno the events take for notable, whatever its words, under every line prefix', () => {
    const lines = [...storageLines, 'mlx5_core 0000:3b:00.0: cmd failed, errno: 5', 'qla2xxx: Abort command issued nexus=0:1:2 --  0 2003. errno=110'];
    for (const line of lines.filter((text) => isNotableReading(readEvent(text, true)))) {
      for (const [, prefix] of PREFIXES) {
        expect(mayMatter(prefix + line), prefix + line).toBe(true);
        expect(scanStopsAt(prefix + line), prefix + line).toBe(true);
      }
    }
    // (every storage error among them: a rule the events take for notable whatever its words)
    expect(lines.filter((text) => storageError(text) !== null).every((text) => isNotableReading(readEvent(text, true)))).toBe(true);
  });

  it('lets every report header and CPU line through its header prefilter (property, against the detectors)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    for (const example of examples) expect(mayBeHeader(example), example).toBe(true);
    expect(mayBeHeader('CPU: 12 PID: 39156 Comm: dockerd-current Tainted: G W OE')).toBe(true);
    expect(mayBeHeader('------------[ cut here ]------------')).toBe(true);
    fc.assert(
      fc.property(message, (text) => {
        if (DETECTORS.some((d) => d.header.test(text)) || parseCpuLine(text.trimStart())) expect(mayBeHeader(text)).toBe(true);
      }),
      fuzzParams(20_000),
    );
    expect(mayBeHeader('device veth1 entered promiscuous mode')).toBe(false);
    expect(mayBeHeader('imjournal: 42 messages lost due to rate-limiting')).toBe(false);
    // Common words of notable lines are no header piece; the headers that hold them still pass.
    for (const notHeader of ['time="2022-11-12" level=error msg="failed to delete task"', 'blk_update_request: I/O error, dev sdc, sector 2048']) expect(mayBeHeader(notHeader)).toBe(false);
    for (const header of ['Internal error: Oops: 96000005 [#1] SMP', '[Hardware Error]: Machine check events logged', 'kworker/0:1: page allocation failure: order:0, mode:0x20']) expect(mayBeHeader(header)).toBe(true);
  });

  it('passes over routine lines and counts them', () => {
    const routine = ['Nov 12 10:10:59 node-2 kernel: docker0: port 3(veth1) entered blocking state', 'Nov 12 10:10:59 node-2 systemd[1]: Started Session 4 of user root.', 'Nov 12 10:11:00 node-2 kernel: device veth1 entered promiscuous mode'];
    const bytes = Buffer.from(`${routine.join('\n')}\n`);
    const found = findStops(bytes, 0, bytes.length, MAX_LINE);
    expect([...found.stops]).toEqual([]);
    expect(found.lineCount).toBe(3);
    for (const line of routine) expect(mayMatter(line)).toBe(false);
  });

  it('finds each line that may matter with the number of lines before it, and no other', () => {
    const lines = ['kernel: eth0: link up', 'kernel: rbd: rbd1: encountered watch error: -107', 'sshd[3]: Accepted publickey', 'kernel: x-1 y2.-5 node-7', 'kernel: sd 0:0:0:0: [sda] timed out', ''];
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const starts = lines.map((_, i) => Buffer.byteLength(lines.slice(0, i).map((l) => `${l}\n`).join('')));
    const found = findStops(bytes, 0, bytes.length, MAX_LINE);
    expect([...found.stops]).toEqual([starts[1], starts[4]]);
    expect([...found.ends]).toEqual([starts[2]! - 1, starts[5]! - 1]);
    expect([...found.previous]).toEqual([starts[0], starts[3]]);
    expect([...found.lineIndex]).toEqual([1, 4]);
    expect(found.lineCount).toBe(6);
    expect(found.lastLineStart).toBe(starts[5]);
  });

  it('stops at lines longer than the limit, which the full path cuts and reports', () => {
    const bytes = Buffer.from(`short\n${'x'.repeat(100)}\nshort\n`);
    const found = findStops(bytes, 0, bytes.length, 50);
    expect([...found.stops]).toEqual([6]);
    expect([...found.lineIndex]).toEqual([1]);
    expect(found.lineCount).toBe(3);
  });

  it('reads regions larger than its own buffer, and lines longer than it, whole', () => {
    const noise = 'Nov 12 10:10:59 node-2 kernel: docker0: port 3(veth1) entered blocking state\n';
    const notable = 'Nov 12 10:10:59 node-2 kernel: rbd1: error -5\n';
    const long = `${'y'.repeat(1_200_000)}\n`;
    const text = `${noise.repeat(20_000)}${notable}${long}${noise.repeat(20_000)}${notable}`;
    const bytes = Buffer.from(text);
    const found = findStops(bytes, 0, bytes.length, MAX_LINE);
    expect([...found.lineIndex]).toEqual([20_000, 20_001, 40_002]);
    expect([...found.stops]).toEqual([noise.length * 20_000, noise.length * 20_000 + notable.length, text.length - notable.length]);
    expect(found.lineCount).toBe(40_003);
  });

  it('has no piece with a line end before its last byte: a window that runs into the next line never matches', () => {
    for (const piece of LINE_PIECES) for (const shift of [24, 16, 8]) expect(((piece >>> shift) & 0xff) === 0x2a, piece.toString(16)).toBe(false);
  });
});

const allButPassedOver = ({ linesPassedOver: _, ...input }: Result['inputs'][number]) => input;

/** Reads `text` in chunks of the given sizes, with the fast path when `fast`. */
async function analyzeChunks(text: string, sizes: readonly number[], fast: boolean): Promise<Result> {
  const analyzer = new Analyzer({ now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
  const feed = analyzer.openSource({ path: 'messages' });
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  await readLines(Readable.from(chunks), (line) => feed.push(line), fast ? feed : null);
  feed.end();
  return analyzer.finish();
}

describe('reading with the fast path', () => {
  const node2 = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8');
  // Routine kernel and daemon noise between the node-2 lines, as a busy node logs it.
  const noisy = node2
    .split('\n')
    .flatMap((line, i) => (i % 3 === 0 && line ? [line, line.replace(/(node-2 )\S+: .*/, `$1kernel: device veth${i} entered promiscuous mode`), line.replace(/(node-2 )\S+: .*/, '$1systemd[1]: Started Session 4 of user root.')] : [line]))
    .join('\n');

  it('gives the same reports, notable events, counts and times as the full path, however the input is chunked', { timeout: FUZZ_TIMEOUT_MS }, async () => {
    const full = analyzeText(noisy, 'messages', { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
    const notable = (r: Result) => r.events.filter((e) => e.notable);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 5 }), async (sizes) => {
        const fast = await analyzeChunks(noisy, sizes, true);
        expect(fast.incidents).toEqual(full.incidents);
        expect(notable(fast)).toEqual(notable(full));
        expect(fast.inputs.map(allButPassedOver)).toEqual(full.inputs.map(allButPassedOver));
        expect(fast.inputs[0]!.linesPassedOver).toBeGreaterThan(0);
        expect(full.inputs[0]!.linesPassedOver).toBe(0);
        expect(fast.warnings).toEqual(full.warnings);
      }),
      fuzzParams(20),
    );
  });

  it('gives the same notable events as the full path for storage errors and errnos whatever their words (`Failing path`, `timing out command`, `errno: 5`)', async () => {
    // Each storage example and errno line between routine lines, after a sample of routine lines the format is told from.
    const routine = (i: number) => `Nov 12 10:${String(10 + (i % 40)).padStart(2, '0')}:00 node-2 systemd[1]: Started Session ${i} of user root.`;
    const kernel = [...storageLines, 'mlx5_core 0000:3b:00.0: cmd failed, errno: 5'].map((line, i) => `Nov 12 10:${String(10 + (i % 40)).padStart(2, '0')}:30 node-2 kernel: ${line}`);
    const text = [...Array.from({ length: 250 }, (_, i) => routine(i)), ...kernel.flatMap((line, i) => [line, routine(i), routine(i + 1)])].join('\n');
    const full = analyzeText(text, 'messages', { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
    const fast = await analyzeChunks(text, [65536], true);
    const notable = (r: Result) => r.events.filter((e) => e.notable).map((e) => [e.template, e.count]);
    expect(fast.inputs[0]!.linesPassedOver).toBeGreaterThan(250);
    expect(notable(fast)).toEqual(notable(full));
    expect(notable(full).map(([template]) => template)).toEqual(expect.arrayContaining(['device-mapper: multipath: Failing path N:N.', 'sd N:N:N:N: [sdb] tag#N timing out command, waited 180s']));
  });

  it('passes over the routine lines of the sample its format is told from (the first 200), after the first line with a time', async () => {
    const routine = Array.from({ length: 150 }, (_, i) => `Nov 12 10:11:${String(i % 60).padStart(2, '0')} node-2 systemd[1]: Started Session ${i} of user root.`);
    const text = ['a banner without a time', 'Nov 12 10:10:59 node-2 kernel: device veth1 entered promiscuous mode', ...routine, 'Nov 12 10:12:00 node-2 kernel: rbd: rbd1: encountered watch error: -107', ''].join('\n');
    const fast = await analyzeChunks(text, [1 << 20], true);
    const full = await analyzeChunks(text, [1 << 20], false);
    expect(fast.inputs[0]!.linesPassedOver).toBe(150);
    expect(fast.inputs.map(allButPassedOver)).toEqual(full.inputs.map(allButPassedOver));
    expect(fast.events.filter((e) => e.notable)).toEqual(full.events.filter((e) => e.notable));
  });

  it('gives the same with times to the microsecond (not packed by the scan), out of order, and a year that turns', async () => {
    const full = (text: string) => analyzeText(text, 'messages', { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
    const notable = (r: Result) => r.events.filter((e) => e.notable);
    let n = 0;
    const variants = [
      noisy.replace(/^(\w{3} [ \d]\d \d\d:\d\d:\d\d)/gm, (stamp) => `${stamp}.${String(++n % 1000).padStart(6, '0')}`),
      // Two halves swapped: times go back once, in the middle of the repeats.
      (() => {
        const lines = noisy.split('\n');
        return [...lines.slice(lines.length >> 1), ...lines.slice(0, lines.length >> 1)].join('\n');
      })(),
      noisy.replace(/^Nov 12 10:1([0-4])/gm, 'Dec 31 23:5$1').replace(/^Nov 12 10:(\d)/gm, 'Jan  1 00:0$1'),
    ];
    for (const text of variants) {
      const fast = await analyzeChunks(text, [65536], true);
      const expected = full(text);
      expect(fast.incidents).toEqual(expected.incidents);
      expect(notable(fast)).toEqual(notable(expected));
      expect(fast.inputs.map(allButPassedOver)).toEqual(expected.inputs.map(allButPassedOver));
    }
  });

  it('gives the same for syslog priorities, an outer ISO time and reports held in JSON strings (µReport raw_oops, journal MESSAGE)', async () => {
    const syslog = noisy.split('\n').map((l) => l.replace(/^.*? \| messages \| /, ''));
    const kernel = syslog.filter((l) => / node-2 kernel: /.test(l));
    const oops = kernel.slice(0, kernel.findIndex((l) => / kernel: Code: /.test(l)) + 1).map((l) => l.replace(/^.* kernel: /, '')).join('\n');
    const routine = (i: number) => `{"MESSAGE":"device veth${i} entered promiscuous mode","_TRANSPORT":"kernel","__REALTIME_TIMESTAMP":"${1668247859000000 + i}"}`;
    const variants = [
      syslog.map((l, i) => (l ? `<${[4, 13, 134][i % 3]}>${l}` : l)).join('\n'),
      kernel.map((l, i) => l.replace(/^\w{3} [ \d]\d (\d\d:\d\d:\d\d) node-2 kernel: /, (_m, t: string) => `[2022-11-12T${t}.000000+08:00] [ ${1000 + i}.000000] `)).join('\n'),
      ['{', '  "ureport_version": 2,', '  "problem": {', '    "type": "kerneloops",', `    "raw_oops": ${JSON.stringify(oops)},`, '    "component": "kernel"', '  }', '}'].join('\n'),
      [...Array.from({ length: 300 }, (_, i) => routine(i)), JSON.stringify({ MESSAGE: oops, _TRANSPORT: 'kernel', __REALTIME_TIMESTAMP: '1668247999000000' }), routine(301)].join('\n'),
    ];
    for (const text of variants) {
      const fast = await analyzeChunks(text, [65536], true);
      const expected = analyzeText(text, 'messages', { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
      expect(expected.incidents.length).toBeGreaterThan(0);
      expect(expected.incidents[0]!.culprit?.function).toBe('blk_set_queue_dying');
      expect(fast.incidents).toEqual(expected.incidents);
      expect(fast.inputs.map(allButPassedOver)).toEqual(expected.inputs.map(allButPassedOver));
    }
  });

  it('groups only the routine lines it read (the first ones, those around reports), not those it passed over', async () => {
    const fast = await analyzeChunks(noisy, [65536], true);
    const promiscuous = (r: Result) => r.events.filter((e) => e.template.includes('promiscuous')).reduce((n, e) => n + e.count, 0);
    const full = analyzeText(noisy, 'messages', { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
    expect(promiscuous(full)).toBe(noisy.split('promiscuous').length - 1);
    expect(promiscuous(fast)).toBeGreaterThan(0);
    // node-2 is dense with reports: the lines between a report and the next line that ends it are read too.
    expect(promiscuous(fast)).toBeLessThan(promiscuous(full));
  });

  it('is off by default, taken with skipRoutineLines or from fastFromBytes of input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktriage-fast-'));
    try {
      const path = join(dir, 'messages');
      writeFileSync(path, noisy);
      const options = { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 };
      const { result: full } = await analyzePaths([path], options);
      const { result: fast } = await analyzePaths([path], { ...options, skipRoutineLines: true });
      expect(fast.incidents).toEqual(full.incidents);
      expect(fast.inputs.map(allButPassedOver)).toEqual(full.inputs.map(allButPassedOver));
      expect(fast.events.filter((e) => e.notable)).toEqual(full.events.filter((e) => e.notable));
      const routineLines = (r: Result) => r.events.filter((e) => !e.notable).reduce((n, e) => n + e.count, 0);
      expect(routineLines(fast)).toBeLessThan(routineLines(full));
      // From `fastFromBytes` of input on, the fast path is taken unless skipRoutineLines says otherwise.
      const size = Buffer.byteLength(noisy);
      const passedOver = async (more: object) => (await analyzePaths([path], { ...options, ...more })).result.inputs[0]!.linesPassedOver;
      expect(await passedOver({ fastFromBytes: size })).toBe(fast.inputs[0]!.linesPassedOver);
      expect(await passedOver({ fastFromBytes: size + 1 })).toBe(0);
      expect(await passedOver({ fastFromBytes: size, skipRoutineLines: false })).toBe(0);
      // A compressed log counts as eight times its size (it holds about that much text).
      const gz = join(dir, 'messages.gz');
      writeFileSync(gz, gzipSync(noisy));
      const gzPassedOver = async (fastFromBytes: number) => (await analyzePaths([gz], { ...options, fastFromBytes })).result.inputs[0]!.linesPassedOver;
      expect(await gzPassedOver(statSync(gz).size * 8)).toBeGreaterThan(0);
      expect(await gzPassedOver(statSync(gz).size * 8 + 1)).toBe(0);
      // The report says so, in every language.
      expect(inputsText(fast)).toMatch(/fast read: \d+ routine lines counted, not read \(--full reads them\)/);
      expect(inputsText(fast, 'zh')).toMatch(/快速读取：\d+ 行常规日志只计数/);
      expect(inputsText(full)).not.toContain('fast read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fast line scan and waits', () => {
  // What the wait-for graph reads (src/reports/wait-lines.ts): the scan must stop at each, under every prefix.
  const WAIT_LINES = [
    '2 locks held by syz-executor013/7547:',
    ' #0: 00000000d97cb347 (&bdev->bd_fsfreeze_mutex){+.+.}, at: mount_bdev+0x93/0x3c0',
    ' #1:  (&type->s_umount_key#25){++++..}, at: [<ffffffff811b1a5f>] iterate_supers+0x7f/0x100',
    'NMI backtrace for cpu 3',
    'Sending NMI from CPU 1 to CPUs 0:',
    'rcu: \t3-...!: (1 GPs behind) idle=8a2/1/0x4000000000000000 softirq=123/124 fqs=0',
    '1-...: (0 ticks this GP) idle=abc/140000000000000/0 softirq=0/0 fqs=2624',
    'rcu: rcu_preempt kthread starved for 10502 jiffies! g8629 f0x0 RCU_GP_WAIT_FQS(5)',
    'Tasks blocked on level-0 rcu_node (CPUs 0-7): P1234',
    'task:jbd2/sda1-8 state:D stack:0 pid:312 tgid:312 ppid:2 flags:0x00004000',
    ' __mutex_lock+0x726/0x1310',
    'Hypervisor detected: KVM',
    'INFO: task a:1 is blocked on a mutex likely owned by task b:2.',
    'smp: csd: Detected non-responsive CSD lock (#1) on CPU#5, waiting 5000000000 ns for CPU#12 flush_tlb_func+0x0/0x280',
    // sched_show_task before 5.x: 3.x with the task address, 4.x-5.x with the free stack glued to the state letter.
    'kworker/u16:2   D ffff88003fc13780     0  1234      2 0x00000000',
    'syz-executor013 D29336  7561   7543 0x00000004',
    'mysqld          D 0000000000000000     0  4321      1 0x00000080',
  ];
  it.each(WAIT_LINES)('stops at %s', (text) => {
    for (const [, prefix] of PREFIXES) {
      expect(mayMatter(prefix + text)).toBe(true);
      expect(scanStopsAt(prefix + text)).toBe(true);
    }
  });
});

describe('fast read of a sysrq-w dump in the pre-5.x task form', () => {
  // `echo w > /proc/sysrq-trigger` on a 3.10 node, between routine lines that the fast read passes over.
  const dump = [
    'SysRq : Show Blocked State',
    '  task                        PC stack   pid father',
    'jbd2/sdb1-8     D ffff88003fc13780     0   512      2 0x00000000',
    ' ffff880036b3bc50 0000000000000046 ffff880036b3bfd8 0000000000013780',
    'Call Trace:',
    ' [<ffffffff8160a7b9>] schedule+0x29/0x70',
    ' [<ffffffff8160848e>] io_schedule+0x8e/0xd0',
    ' [<ffffffff811e4a6e>] sleep_on_buffer+0xe/0x20',
    ' [<ffffffffa01bd1c4>] jbd2_journal_commit_transaction+0x1634/0x19e0 [jbd2]',
    ' [<ffffffffa01c2e18>] kjournald2+0xc8/0x260 [jbd2]',
    'mysqld          D ffff88003fd13780     0  4321      1 0x00000080',
    ' ffff88002a44fd98 0000000000000086 ffff88002a44ffd8 0000000000013780',
    'Call Trace:',
    ' [<ffffffff8160a7b9>] schedule+0x29/0x70',
    ' [<ffffffffa01bd9e5>] jbd2_log_wait_commit+0xc5/0x140 [jbd2]',
    ' [<ffffffffa01d1f7d>] ext4_sync_file+0x25d/0x350 [ext4]',
    ' [<ffffffff811cf1e5>] do_fsync+0x65/0xa0',
  ];
  const routine = 'kernel: device veth1 entered promiscuous mode';
  // (the first 200 lines are read whole, to tell the format: the dump comes after them)
  const text = [...Array.from({ length: 300 }, () => `Nov 12 09:59:00 node-5 ${routine}`), 'Nov 12 10:00:00 node-5 kernel: blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0', ...Array.from({ length: 50 }, () => `Nov 12 10:05:00 node-5 ${routine}`), ...dump.map((l) => `Nov 12 10:10:00 node-5 kernel: ${l}`), `Nov 12 10:10:01 node-5 ${routine}`, ''].join('\n');

  it('reads the tasks and their waits as the full read does', async () => {
    const full = analyzeText(text, 'messages', { now: () => new Date('2022-11-13T00:00:00Z'), year: 2022 });
    const fast = await analyzeChunks(text, [4096], true);
    expect(fast.inputs[0]!.linesPassedOver).toBeGreaterThan(0);
    expect(full.waitGraph!.edges.map((e) => `${e.from}>${e.to} ${e.kind} ${e.resource} ${e.storage?.lines ?? 0}`)).toEqual(['task:512>null io sdb1 1', 'task:4321>task:512 journal sdb1 1']);
    expect(fast.waitGraph).toEqual(full.waitGraph);
  });
});
