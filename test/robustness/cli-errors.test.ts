// The CLI end to end on many broken inputs at once: every problem is one stderr line naming the
// path and the reason, one bad file never stops the others, and the exit code is the documented one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { resultSchema, type Result } from '../../src/result/schema.js';
import { runCli } from '../helpers/cli.js';
import { NODE2_PATH } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'ktriage-cli-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node2 = readFileSync(NODE2_PATH, 'utf8');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const gz = gzipSync(node2);
const bad = {
  missing: [join(dir, 'missing.log'), 'no such file or directory'],
  noLogs: [(() => (mkdirSync(join(dir, 'no-logs')), join(dir, 'no-logs')))(), 'directory holds no kernel log'],
  empty: [file('empty.log', ''), 'empty file'],
  binary: [file('core.log', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7) % 32))), 'binary data, not a text log: skipped'],
  truncatedGz: [file('cut.log.gz', gz.subarray(0, Math.floor(gz.length / 3))), 'compressed data ends early (truncated file); analyzed the'],
  notGz: [file('plain.log.gz', 'not gzip at all\n'), 'corrupt gzip data'],
} as const;
const odd = {
  invalidUtf8: [file('latin1.log', Buffer.concat([Buffer.from(node2.slice(0, 3000)), Buffer.from([0xc3, 0x28, 0xff, 0x0a]), Buffer.from(node2.slice(3000))])), 'contains bytes that are not valid UTF-8; they were replaced'],
  longLine: [file('long.log', `${'x'.repeat(200_000)}\n${node2}`), '1 line(s) longer than 64 KiB were cut'],
} as const;
const crlf = file('crlf.log', node2.replace(/\n/g, '\r\n'));
const cr = file('cr.log', node2.replace(/\n/g, '\r'));
// A report cut off mid-way: the log ends inside the first report, before its registers.
const cutReport = file('cut-report.log', `${node2.split('\n').slice(0, 11).join('\n')}\n`);

const json = (stdout: string) => resultSchema.parse(JSON.parse(stdout)) as Result;

describe('one run over many broken inputs', () => {
  const paths = [...Object.values(bad).map(([p]) => p), ...Object.values(odd).map(([p]) => p), crlf, cr, cutReport, NODE2_PATH];
  const run = runCli(['analyze', ...paths, '-f', 'json']);
  const doc = json(run.stdout);

  it(`exits ${EXIT.ok}: the readable inputs were analyzed`, () => {
    expect(run.status).toBe(EXIT.ok);
    expect(doc.inputs.map((i) => i.path)).toEqual(expect.arrayContaining([odd.invalidUtf8[0], odd.longLine[0], crlf, cr, cutReport, NODE2_PATH, bad.truncatedGz[0]]));
  });

  it('names every bad input with its reason, one stderr line each', () => {
    const lines = run.stderr.trim().split('\n');
    for (const [path, reason] of [...Object.values(bad), ...Object.values(odd)]) {
      expect(lines.filter((l) => l.startsWith(`ktriage: ${path}: `) && l.includes(reason)), `${path}: ${reason}`).toHaveLength(1);
    }
    expect(lines.every((l) => l.startsWith('ktriage: '))).toBe(true);
  });

  it('copies of node-2 in one run are the same reports: the three incidents once, from the first copy read', () => {
    expect(doc.incidents.map((i) => [i.cpu, i.reports])).toEqual([[12, 24], [13, 14], [15, 8]]);
  });

  it('each readable copy on its own (--each) gives the three incidents, CRLF and CR alike; the cut report is flagged', () => {
    const copies = [crlf, cr, NODE2_PATH, odd.invalidUtf8[0], odd.longLine[0]];
    const each = runCli(['analyze', '--each', '-f', 'json', ...copies, cutReport]);
    const docs = each.stdout.trim().split('\n').map(json);
    for (const d of docs.slice(0, copies.length)) expect(d.incidents.map((i) => [i.cpu, i.comm, i.reports, i.role])).toEqual([[12, 'dockerd-current', 24, 'culprit'], [13, 'migration/13', 14, 'victim'], [15, 'migration/15', 8, 'victim']]);
    expect(docs.at(-1)!.incidents).toEqual([expect.objectContaining({ cpu: 12, pid: 39156, corrupted: true })]);
  });

  it(`--strict turns the warnings into exit ${EXIT.strictWarnings}; --quiet silences them`, () => {
    const strict = runCli(['analyze', '--strict', '-q', ...paths]);
    expect(strict.status).toBe(EXIT.strictWarnings);
    expect(strict.stderr).toBe('');
    expect(runCli(['analyze', '--strict', NODE2_PATH, crlf]).status).toBe(EXIT.ok);
  });

  it('--each: every input is its own document, bad ones included', () => {
    const each = runCli(['analyze', '--each', '-f', 'json', bad.binary[0], NODE2_PATH, bad.missing[0]]);
    expect(each.status).toBe(EXIT.ok);
    const docs = each.stdout.trim().split('\n').map(json);
    expect(docs.map((d) => d.incidents.length)).toEqual([0, 3, 0]);
    expect(docs[0]!.warnings[0]!.message).toContain('binary data');
  });
});

describe('failure paths with nothing readable', () => {
  it(`exits ${EXIT.noInput} and still names each path`, () => {
    // /dev/zero never ends: a device is refused by name instead of being read forever.
    const device = ['/dev/zero', 'a device or socket, not a log file: skipped'] as const;
    const r = runCli(['analyze', bad.missing[0], bad.noLogs[0], bad.binary[0], bad.notGz[0], device[0]]);
    expect(r.status).toBe(EXIT.noInput);
    for (const [path, reason] of [bad.missing, bad.noLogs, bad.binary, bad.notGz, device]) expect(r.stderr).toContain(`ktriage: ${path}: ${reason}`);
  });

  it(`an output file that cannot be written: exit ${EXIT.usage}, the path and the reason, no stack trace`, () => {
    const target = join(dir, 'no-such-dir', 'report.txt');
    const r = runCli(['analyze', NODE2_PATH, '-o', target]);
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toMatch(new RegExp(`^ktriage: cannot write ${target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*no such file or directory`));
    expect(r.stderr).not.toContain('    at ');
  });
});
