// The CLI end to end on inputs and outputs a careless user or an attacker gives it: archives that are not what their
// name says, an output path that is one of the logs, a full disk. Each must end in one line naming the file and the
// documented exit code, with every other input still analyzed: never a silent exit, never a lost log.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { tarOf } from '../helpers/archives.js';
import { runCli } from '../helpers/cli.js';
import { NODE2_PATH } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'ktriage-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node2 = readFileSync(NODE2_PATH, 'utf8');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** The node-2 incidents in a JSON report: what shows the good log beside a bad input was still analyzed. */
const node2Incidents = (stdout: string) => (JSON.parse(stdout) as { incidents: { cpu: number; reports: number }[] }).incidents.map((i) => [i.cpu, i.reports]);
const NODE2_INCIDENTS = [[12, 24], [13, 14], [15, 8]];

describe('archives that are not what their name says', async () => {
  const bundle = gzipSync(await tarOf([{ name: 'var/log/messages', data: node2 }]));
  // (random bytes from a fixed generator: the same case every run)
  let seed = 12;
  const noise = Buffer.from(Array.from({ length: 5000 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed >> 16) & 0xff));
  const cases = [
    ['plain.tar.gz', 'plain text, not gzip\n', /corrupt gzip data/],
    ['noise.tgz', noise, /corrupt gzip data/],
    ['plain.tar.xz', 'plain text, not xz at all\n', /not xz data/],
    ['noise.tar.xz', noise, /not xz data/],
    ['partial-download.tgz', bundle.subarray(0, Math.floor(bundle.length / 2)), /compressed data ends early \(truncated file\)/],
    ['empty.tar.gz', '', /compressed data ends early|not a tar archive|holds no kernel log/],
  ] as const;

  for (const [name, content, reason] of cases) {
    it(`${name}: a one-line warning naming it, and the log beside it analyzed (--strict: exit ${EXIT.strictWarnings})`, () => {
      const path = file(`bad/${name}`, content);
      const run = runCli(['analyze', '--strict', '-f', 'json', path, NODE2_PATH]);
      expect(run.status).toBe(EXIT.strictWarnings);
      expect(run.stderr.split('\n').filter((l) => l.startsWith(`ktriage: ${path}: `) && reason.test(l))).toHaveLength(1);
      expect(node2Incidents(run.stdout)).toEqual(NODE2_INCIDENTS);
    });
  }

  it('all of them inside a directory walk: each named, the log among them analyzed', () => {
    const walk = join(dir, 'walk');
    for (const [name, content] of cases) file(`walk/${name}`, content);
    file('walk/messages', node2);
    const run = runCli(['analyze', '-f', 'json', walk]);
    expect(run.status).toBe(EXIT.ok);
    for (const [name, , reason] of cases) expect(run.stderr.split('\n').filter((l) => l.startsWith(`ktriage: ${join(walk, name)}`) && reason.test(l)), name).not.toHaveLength(0);
    expect(node2Incidents(run.stdout)).toEqual(NODE2_INCIDENTS);
  });
});

describe('an output path that is one of the inputs is refused before anything is read', () => {
  const refused = (args: string[], output: string) => {
    const run = runCli(['analyze', ...args, '-o', output]);
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr).toMatch(new RegExp(`^ktriage: -o ${output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*; choose another output path\n$`));
    return run;
  };

  it('the log itself, by its name, a symbolic link or a hard link: refused, the log unchanged', () => {
    const log = file('one/messages', node2);
    symlinkSync(log, join(dir, 'one/link-to-messages'));
    linkSync(log, join(dir, 'one/hardlink'));
    expect(refused([log], log).stderr).toContain(`is the input ${log}: the report would overwrite it`);
    refused([log], join(dir, 'one/link-to-messages'));
    refused([log], join(dir, 'one/hardlink'));
    refused([join(dir, 'one/link-to-messages')], log);
    expect(readFileSync(log, 'utf8')).toBe(node2);
  });

  it('a log of an input directory, or a new file there named like a log (the next run would read it): refused', () => {
    const logs = join(dir, 'logs');
    const log = file('logs/var/log/messages', node2);
    refused([logs], log);
    // A dangling symbolic link whose target would land in the directory as a log.
    symlinkSync(join(logs, 'var/log/kern.log'), join(dir, 'dangling'));
    refused([logs], join(dir, 'dangling'));
    expect(refused([logs], join(logs, 'report.log')).stderr).toContain(`lies in the input directory ${logs} under a log's name`);
    expect(existsSync(join(logs, 'report.log'))).toBe(false);
    expect(readFileSync(log, 'utf8')).toBe(node2);
  });

  it('a report file beside the logs that the walk does not read, or elsewhere: written', () => {
    const logs = join(dir, 'logs2');
    file('logs2/messages', node2);
    const html = join(logs, 'report.html');
    expect(runCli(['analyze', logs, '-f', 'html', '-o', html]).status).toBe(EXIT.ok);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

describe.skipIf(!existsSync('/dev/full'))('a report that cannot be written (a full disk: /dev/full)', () => {
  it(`to standard output: one line, exit ${EXIT.writeFailed}, no stack`, () => {
    const full = openSync('/dev/full', 'w');
    const run = spawnSync(process.execPath, ['dist/cli/main.js', 'analyze', NODE2_PATH], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    closeSync(full);
    expect(run.status).toBe(EXIT.writeFailed);
    expect(run.stderr).toBe('ktriage: cannot write the report to standard output: no space left on device (ENOSPC)\n');
  });

  it(`to -o FILE: one line, exit ${EXIT.writeFailed}`, () => {
    const run = runCli(['analyze', NODE2_PATH, '-o', '/dev/full']);
    expect(run.status).toBe(EXIT.writeFailed);
    expect(run.stderr).toBe('ktriage: cannot write /dev/full: no space left on device (ENOSPC)\n');
  });
});

describe('a report whose reading throws never loses the run', () => {
  const cutCode = [
    '[  100.000000] BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
    '[  100.000001] RIP: 0010:foo+0x10/0x20',
    '[  100.000002] Call Trace:',
    '[  100.000003]  bar+0x1/0x2',
    // Cut inside the marked instruction: `48 8b` is the start of a mov, its operands lost.
    '[  100.000004] Code: 55 48 89 e5 <48> 8b',
  ].join('\n');

  it(`a Code: line cut inside the marked instruction: exit ${EXIT.ok}, the report decoded up to it, the log beside it analyzed`, () => {
    const path = file('cut-code.log', `${cutCode}\n`);
    const run = runCli(['analyze', '-f', 'json', path, NODE2_PATH]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(EXIT.ok);
    const doc = JSON.parse(run.stdout) as { incidents: { cpu: number | null; reports: number; machine: { codeInstructions: { text: string; rip: boolean }[] } | null }[]; errors: unknown[] };
    expect(doc.errors).toEqual([]);
    const cut = doc.incidents.find((i) => i.cpu === null)!;
    expect(cut.machine!.codeInstructions.slice(0, 2).map((i) => [i.text, i.rip])).toEqual([['push %rbp', false], ['mov %rsp,%rbp', false]]);
    expect(doc.incidents.filter((i) => i.cpu !== null).map((i) => [i.cpu, i.reports])).toEqual(NODE2_INCIDENTS);
  });

  it('a machine-code reading that throws is an entry in errors, the incident kept without its machine section', async () => {
    const { analyzeText } = await import('../../src/analyzer.js');
    // Machine inputs that fail when read: what any bug of the reading would do.
    const failing = { syntax: 'att', symbols: null, vmlinux: null, source: null, get listings(): never { throw new Error('listings unreadable'); } } as const;
    const result = analyzeText(`${cutCode}\n${node2}`, 'mixed.log', { machine: failing });
    expect(result.errors).toContainEqual({ where: 'machine code of the report at mixed.log:1', stage: 'machine-code', params: { at: 'mixed.log:1' }, message: 'listings unreadable' });
    // The reports say it in the reader's language, naming the report.
    const { renderText } = await import('../../src/render/text.js');
    expect(renderText(result, { lang: 'zh', color: false })).toContain('解读 mixed.log:1 的报告的机器码时出错：listings unreadable');
    expect(renderText(result, { color: false })).toContain('error in machine code of the report at mixed.log:1: listings unreadable');
    expect(result.incidents.length).toBeGreaterThanOrEqual(4);
    expect(result.incidents.every((i) => i.machine === null)).toBe(true);
  });
});

describe('--tz takes only an offset some place has', () => {
  for (const zone of ['+99:99', '+14:01', 'CST']) {
    it(`refuses ${zone}: exit ${EXIT.usage}, one line`, () => {
      const run = runCli(['analyze', '--tz', zone, NODE2_PATH]);
      expect(run.status).toBe(EXIT.usage);
      expect(run.stderr).toBe(`ktriage: --tz must be an offset from UTC like +08:00, between -14:00 and +14:00, not "${zone}"\n`);
    });
  }

  it('takes +05:45, -0330 and Z, and writes times in that zone', async () => {
    const { normaliseZone } = await import('../../src/time/clock.js');
    expect(['+05:45', '-0330', 'Z', '+14:00', '-12:00'].map(normaliseZone)).toEqual(['+05:45', '-03:30', 'Z', '+14:00', '-12:00']);
    // (a log line's own zone is read by the same function: one with no real offset counts as none)
    expect(['+99:99', '+08:60', '-15:00', '8', '+8:00'].map(normaliseZone)).toEqual([null, null, null, null, null]);
    const run = runCli(['analyze', '--tz', '-0330', '-f', 'json', file('dmesg-t.log', '[Sat Nov 12 10:10:59 2022] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [a:1]\n')]);
    expect(run.status).toBe(EXIT.ok);
    expect((JSON.parse(run.stdout) as { inputs: { firstSeen: string }[] }).inputs[0]!.firstSeen).toBe('2022-11-12T10:10:59-03:30');
  });
});
