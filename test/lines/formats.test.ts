import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { detectFormat, parseLine, parseLines } from '../../src/lines/formats.js';
import type { LineContext, LineFormat } from '../../src/lines/types.js';

function ctx(overrides: Partial<LineContext> = {}): LineContext {
  return { path: 'log', year: 2022, referenceMonth: 11, assumedZone: null, previous: null, ...overrides };
}

describe('parseLine: one row per format', () => {
  const cases: [string, LineFormat, string, Record<string, unknown>][] = [
    [
      'log-collection bundle',
      'bundle',
      '2022-11-12 10:10:59 +0800 | messages | Nov 12 10:10:59 node-2 kernel: NMI watchdog: BUG: soft lockup - CPU#12 stuck for 22s! [dockerd-current:39156]',
      { text: 'NMI watchdog: BUG: soft lockup - CPU#12 stuck for 22s! [dockerd-current:39156]', host: 'node-2', time: '2022-11-12T10:10:59+08:00', kernel: true, tag: 'kernel', uptime: null },
    ],
    [
      'classic syslog, kernel',
      'syslog',
      'Nov 12 10:10:59 node-2 kernel: rbd: rbd1: encountered watch error: -107',
      { text: 'rbd: rbd1: encountered watch error: -107', host: 'node-2', time: '2022-11-12T10:10:59', kernel: true, tag: 'kernel' },
    ],
    [
      'classic syslog, program with pid',
      'syslog',
      'Nov 12 10:14:40 node-2 sshd[39311]: fatal: Timeout before authentication for 10.10.3.21 port 52118',
      { text: 'fatal: Timeout before authentication for 10.10.3.21 port 52118', host: 'node-2', kernel: false, tag: 'sshd' },
    ],
    [
      'kern.log with a kernel uptime stamp',
      'syslog',
      'Mar  3 08:01:02 web1 kernel: [ 1234.567890] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:99]',
      { text: 'watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:99]', time: '2022-03-03T08:01:02', uptime: 1234.56789 },
    ],
    [
      'journalctl -o short-iso',
      'iso',
      '2022-11-12T10:10:59+0800 node-2 kernel: CPU: 12 PID: 39156 Comm: dockerd-current',
      { text: 'CPU: 12 PID: 39156 Comm: dockerd-current', host: 'node-2', time: '2022-11-12T10:10:59+08:00', kernel: true },
    ],
    [
      'rsyslog RFC 3339 with fraction',
      'iso',
      '2022-11-12T10:10:59.123456+08:00 node-2 kernel: Call Trace:',
      { text: 'Call Trace:', time: '2022-11-12T10:10:59.123456+08:00' },
    ],
    [
      'journalctl -o short-precise',
      'syslog',
      'Nov 12 10:10:59.123456 node-2 kernel: Call Trace:',
      { text: 'Call Trace:', time: '2022-11-12T10:10:59.123456' },
    ],
    [
      'RFC 5424',
      'rfc5424',
      '<6>1 2022-11-12T10:10:59.000+08:00 node-2 kernel - - - Call Trace:',
      { text: 'Call Trace:', host: 'node-2', time: '2022-11-12T10:10:59.000+08:00', kernel: true },
    ],
    ['raw dmesg', 'dmesg', '[  637.311457] Modules linked in:', { text: 'Modules linked in:', uptime: 637.311457, host: null, time: null, caller: null }],
    [
      'dmesg with a caller tag',
      'dmesg',
      '[  637.311457][    C0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [ksoftirqd/0:9]',
      { text: 'watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [ksoftirqd/0:9]', uptime: 637.311457, caller: 'C0' },
    ],
    ['dmesg with a task caller tag', 'dmesg', '[   12.000001][ T1234] Call Trace:', { text: 'Call Trace:', caller: 'T1234' }],
    ['serial console with a level prefix', 'dmesg', '<4>[  100.5] RIP: 0010:foo+0x1/0x2', { text: 'RIP: 0010:foo+0x1/0x2', uptime: 100.5 }],
    ['dmesg -T', 'dmesg-human', '[Sat Nov 12 10:10:59 2022] Call Trace:', { text: 'Call Trace:', time: '2022-11-12T10:10:59', uptime: null }],
    ['/dev/kmsg record', 'kmsg', '4,1003,3600000000,-;Call Trace:', { text: 'Call Trace:', uptime: 3600, kernel: true }],
    ['/dev/kmsg record from user space', 'kmsg', '12,1004,3600000001,-;BUG: soft lockup - CPU#0 stuck for 22s! [x:1]', { kernel: false }],
    [
      'LAVA job log, the device console',
      'lava',
      '- {"dt": "2023-03-01T12:34:56.001000", "lvl": "target", "msg": "[   12.345678] Internal error: Oops: 5 [#1] \\"quoted\\" SMP ARM"}',
      { text: 'Internal error: Oops: 5 [#1] "quoted" SMP ARM', uptime: 12.345678, kernel: true },
    ],
    ['LAVA job log, LAVA\'s own message', 'lava', '- {"dt": "2023-03-01T12:34:55.000000", "lvl": "info", "msg": "Kernel panic - not syncing"}', { text: 'Kernel panic - not syncing', kernel: false, tag: 'lava' }],
    [
      'syslog with a one-digit priority (remote syslog receivers keep it)',
      'syslog',
      '<4>Nov 12 10:10:59 node-2 kernel: BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:99]',
      { text: 'BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:99]', host: 'node-2', time: '2022-11-12T10:10:59', kernel: true, tag: 'kernel' },
    ],
    ['syslog with a two-digit priority', 'syslog', '<13>Nov 12 10:10:59 node-2 sshd[39311]: Accepted key', { text: 'Accepted key', kernel: false, tag: 'sshd' }],
    [
      'syslog with a three-digit priority, kernel uptime stamp after the tag',
      'syslog',
      '<134>Mar  3 08:01:02 web1 kernel: [ 1234.567890] Call Trace:',
      { text: 'Call Trace:', host: 'web1', time: '2022-03-03T08:01:02', uptime: 1234.56789 },
    ],
    ['ISO syslog with a priority', 'iso', '<6>2022-11-12T10:10:59+0800 node-2 kernel: Call Trace:', { text: 'Call Trace:', time: '2022-11-12T10:10:59+08:00', kernel: true }],
    [
      'an outer ISO time before the uptime stamp (console logger)',
      'dmesg',
      '[2024-03-01T12:34:56.789012+00:00] [  123.456789] BUG: kernel NULL pointer dereference, address: 0000000000000008',
      { text: 'BUG: kernel NULL pointer dereference, address: 0000000000000008', time: '2024-03-01T12:34:56.789012+00:00', uptime: 123.456789 },
    ],
    [
      'an outer ISO time with spaces inside its brackets, then an uptime and a caller tag',
      'dmesg',
      '[ 2024-03-01 12:34:56.789 ] [ 1234.567890][ T4521] Call Trace:',
      { text: 'Call Trace:', time: '2024-03-01T12:34:56.789', uptime: 1234.56789, caller: 'T4521' },
    ],
    ['bare pasted text', 'bare', ' [<ffffffff810bd514>] __wake_up+0x44/0x50', { text: ' [<ffffffff810bd514>] __wake_up+0x44/0x50', kernel: true, time: null, uptime: null }],
  ];

  it.each(cases)('%s', (_name, format, raw, expected) => {
    const line = parseLine(raw, 7, format, ctx());
    expect(line).toMatchObject({ path: 'log', lineNo: 7, ...expected });
  });

  it('uses the assumed zone for times without one', () => {
    const line = parseLine('Nov 12 10:10:59 node-2 kernel: x', 1, 'syslog', ctx({ assumedZone: '+08:00' }));
    expect(line.time).toBe('2022-11-12T10:10:59+08:00');
    expect(line.epochMs).toBe(Date.parse('2022-11-12T02:10:59Z'));
  });

  it('infers the year before the file date for months after it (log started last year)', () => {
    const c = ctx({ year: 2023, referenceMonth: 0 });
    expect(parseLine('Dec 31 23:59:59 h kernel: x', 1, 'syslog', c).time).toBe('2022-12-31T23:59:59');
    expect(parseLine('Jan  1 00:00:01 h kernel: x', 2, 'syslog', c).time).toBe('2023-01-01T00:00:01');
  });

  it('gives a continuation line without a prefix the host and time of the line before', () => {
    const c = ctx();
    parseLine('Nov 12 10:10:59 node-2 kernel: Call Trace:', 1, 'syslog', c);
    const cont = parseLine(' [<ffffffff810bd514>] __wake_up+0x44/0x50', 2, 'syslog', c);
    expect(cont).toMatchObject({ host: 'node-2', time: '2022-11-12T10:10:59', kernel: true });
  });

  it('parses a line of another format inside a file (mixed files)', () => {
    const line = parseLine('[  5.000000] Call Trace:', 3, 'syslog', ctx());
    expect(line).toMatchObject({ text: 'Call Trace:', uptime: 5 });
  });
});

describe('detectFormat', () => {
  const sample = (line: string) => Array.from({ length: 5 }, () => line);
  it.each<[string, LineFormat]>([
    ['2022-11-12 10:10:59 +0800 | messages | Nov 12 10:10:59 node-2 kernel: x', 'bundle'],
    ['Nov 12 10:10:59 node-2 kernel: x', 'syslog'],
    ['2022-11-12T10:10:59+0800 node-2 kernel: x', 'iso'],
    ['<6>1 2022-11-12T10:10:59.000+08:00 node-2 kernel - - - x', 'rfc5424'],
    ['[    1.000000] x', 'dmesg'],
    ['[Sat Nov 12 10:10:59 2022] x', 'dmesg-human'],
    ['6,1,1000,-;x', 'kmsg'],
    ['- {"dt": "2023-03-01T12:34:56.001000", "lvl": "target", "msg": "[    1.000000] x"}', 'lava'],
    ['BUG: soft lockup - CPU#0 stuck for 22s! [x:1]', 'bare'],
  ])('%s -> %s', (line, format) => {
    expect(detectFormat(sample(line))).toBe(format);
  });

  it('picks the majority format of a file with a few foreign lines', () => {
    expect(detectFormat(['[ 1.0] a', '[ 2.0] b', 'pasted note', '[ 3.0] c'])).toBe('dmesg');
  });
});

describe('parseLines: a kernel report held in a JSON string field', () => {
  const texts = (raw: string, format: LineFormat) => parseLines(raw, 3, format, ctx()).map((l) => ({ text: l.text, lineNo: l.lineNo, kernel: l.kernel, uptime: l.uptime }));

  it('reads a pretty-printed µReport member line, its escapes undone', () => {
    const raw = String.raw`    "raw_oops": "BUG: unable to handle kernel NULL pointer dereference at 0000000000000010\nIP: [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]\nModules linked in: nfs \"lockd\"\tsunrpc\n",`;
    expect(texts(raw, 'bare')).toEqual([
      { text: 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010', lineNo: 3, kernel: true, uptime: null },
      { text: 'IP: [<ffffffffa03c21b7>] nfs_readdir_xdr_to_array+0x1a7/0x390 [nfs]', lineNo: 3, kernel: true, uptime: null },
      { text: 'Modules linked in: nfs "lockd"\tsunrpc', lineNo: 3, kernel: true, uptime: null },
    ]);
  });

  it('reads raw_oops inside a record of a JSON-lines file (µReport problem object), stamps split off', () => {
    const raw = JSON.stringify({ ureport_version: 2, problem: { type: 'kerneloops', raw_oops: '[  12.5] WARNING: CPU: 1 PID: 7 at kernel/foo.c:3 foo+0x1/0x2\n[  12.6] Call Trace:' } });
    expect(texts(raw, 'bare')).toEqual([
      { text: 'WARNING: CPU: 1 PID: 7 at kernel/foo.c:3 foo+0x1/0x2', lineNo: 3, kernel: true, uptime: 12.5 },
      { text: 'Call Trace:', lineNo: 3, kernel: true, uptime: 12.6 },
    ]);
  });

  it("splits a journal record whose MESSAGE holds several lines, each with the record's origin", () => {
    const raw = JSON.stringify({ MESSAGE: 'CPU: 2 PID: 9 Comm: x\nCall Trace:\n foo+0x1/0x2', _TRANSPORT: 'kernel', _HOSTNAME: 'db1', __REALTIME_TIMESTAMP: '1668247859000000' });
    const lines = parseLines(raw, 5, 'journal-json', ctx());
    expect(lines.map((l) => [l.text, l.host, l.time, l.lineNo, l.kernel])).toEqual([
      ['CPU: 2 PID: 9 Comm: x', 'db1', '2022-11-12T10:10:59.000000Z', 5, true],
      ['Call Trace:', 'db1', '2022-11-12T10:10:59.000000Z', 5, true],
      [' foo+0x1/0x2', 'db1', '2022-11-12T10:10:59.000000Z', 5, true],
    ]);
  });

  it('leaves a malformed string and a line that only mentions raw_oops as they are (never evaluated)', () => {
    expect(texts(String.raw`"raw_oops": "BUG: x\q",`, 'bare')).toEqual([{ text: String.raw`"raw_oops": "BUG: x\q",`, lineNo: 3, kernel: true, uptime: null }]);
    expect(texts('abrt: saved "raw_oops" of 3 reports', 'bare')).toHaveLength(1);
  });
});

describe('a LAVA job log (KernelCI, LKFT)', () => {
  it('reads the device console out of it: the report, its uptime and the time in UTC; LAVA\'s own lines are not the kernel\'s', () => {
    const entry = (dt: string, lvl: string, msg: string) => `- ${JSON.stringify({ dt, lvl, msg })}`;
    const log = [
      entry('2023-03-01T12:34:55.000000', 'info', 'start: 2.4.4 auto-login-action (timeout 00:04:00) [common]'),
      entry('2023-03-01T12:34:56.000000', 'target', '[    1.234560] ------------[ cut here ]------------'),
      entry('2023-03-01T12:34:56.001000', 'target', '[    1.234600] WARNING: CPU: 0 PID: 1 at drivers/clk/clk.c:1234 clk_core_disable+0x80/0x9c'),
      entry('2023-03-01T12:34:56.002000', 'target', '[    1.234800] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.10.0 #1'),
      entry('2023-03-01T12:34:56.003000', 'target', '[    1.235400] [<c0124e2c>] (warn_slowpath_fmt) from [<c05c5a30>] (clk_core_disable+0x80/0x9c)'),
      entry('2023-03-01T12:34:56.004000', 'target', '[    1.235500] [<c05c5a30>] (clk_core_disable) from [<c05c5b8c>] (clk_core_disable_lock+0x18/0x24)'),
      entry('2023-03-01T12:34:56.005000', 'target', '[    1.235700] ---[ end trace 1234567890abcdef ]---'),
      entry('2023-03-01T12:34:57.000000', 'info', 'BUG: soft lockup - CPU#0 stuck for 22s! [quoted by a test:1]'),
      '',
    ].join('\n');
    const r = analyzeText(log, 'lava-job.yaml');
    expect(r.inputs.map((i) => i.format)).toEqual(['lava']);
    expect(r.incidents.map((i) => [i.kind, i.culprit?.function, i.cpu, i.pid, i.firstSeen, i.firstUptime])).toEqual([
      ['warning', 'clk_core_disable', 0, 1, '2023-03-01T12:34:56.001000Z', 1.2346],
    ]);
  });
});
