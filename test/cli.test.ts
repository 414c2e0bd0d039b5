import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { resultSchema, type Result } from '../src/result/schema.js';
import { runCli } from './helpers/cli.js';

const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const exampleText = readFileSync(EXAMPLE, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'ktriage-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('ktriage analyze (README commands)', () => {
  it('prints the diagnosis of the example, verdict first', () => {
    const r = runCli(['analyze', EXAMPLE]);
    expect(r.status).toBe(0);
    const verdictAt = r.stdout.indexOf('VERDICT');
    expect(verdictAt).toBeGreaterThan(0);
    expect(verdictAt).toBeLessThan(r.stdout.indexOf('INCIDENTS'));
    expect(r.stdout).toMatch(/soft lockup in blk_set_queue_dying\s+CPU 12\s+dockerd-current\[39156\]\s+24x/);
    expect(r.stdout).toMatch(/victim of I1\s+soft lockup in multi_cpu_stop\s+CPU 13\s+migration\/13\[74\]\s+14x/);
    expect(r.stdout).toContain('-107 = ENOTCONN');
    expect(r.stdout).toContain('kernel.softlockup_panic=1');
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });

  it('reads a log of the size the scan workers read (started before the command loads) as the example alone', () => {
    // The example after 40 MB of a node's routine lines, read both ways: the full read below 64 MB, the fast one with --fast.
    const routine = 'Nov 12 09:00:00 node-2 systemd[1]: Started Session 4242 of user root.\n';
    const path = file('large.log', routine.repeat(Math.ceil((40 << 20) / routine.length)) + exampleText);
    const titles = (args: string[]): string[] => (JSON.parse(runCli(['analyze', '-f', 'json', ...args]).stdout) as Result).incidents.map((incident) => incident.title);
    const alone = titles([EXAMPLE]);
    expect(alone.length).toBeGreaterThan(0);
    expect(titles([path])).toEqual(alone);
    expect(titles([path, '--fast'])).toEqual(alone);
  });

  it('prints a JSON document that validates against the schema', () => {
    const r = runCli(['analyze', EXAMPLE, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Result;
    expect(resultSchema.safeParse(doc).success).toBe(true);
    expect(doc.incidents.map((i) => i.role)).toEqual(['culprit', 'victim', 'victim']);
  });

  it('prints Markdown for a ticket', () => {
    const r = runCli(['analyze', EXAMPLE, '--format', 'md']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# ktriage report/);
    expect(r.stdout).toContain('| I1 | culprit | soft lockup in blk\\_set\\_queue\\_dying | 12 |');
    expect(r.stdout).toContain('## Next steps');
  });

  it('writes to the named file only with -o', () => {
    const out = join(dir, 'report.json');
    const r = runCli(['analyze', EXAMPLE, '-f', 'json', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as Result).incidents).toHaveLength(3);
  });

  it('--each prints one JSON document per input (JSON Lines)', () => {
    const r = runCli(['analyze', '--each', '-f', 'json', EXAMPLE, 'examples/node-2/seed-excerpt.log']);
    expect(r.status).toBe(0);
    const docs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Result);
    expect(docs.map((d) => d.inputs[0]!.path)).toEqual([EXAMPLE, 'examples/node-2/seed-excerpt.log']);
  });

  it('reads stdin with -', () => {
    const r = runCli(['analyze', '-', '-f', 'json'], { input: exampleText });
    expect((JSON.parse(r.stdout) as Result).incidents[0]!.title).toBe('soft lockup in blk_set_queue_dying');
  });

  it('reads .gz files and walks directories for kernel logs', () => {
    const logs = join(dir, 'bundle', 'var', 'log');
    mkdirSync(logs, { recursive: true });
    writeFileSync(join(logs, 'messages-20221112.gz'), gzipSync(exampleText));
    writeFileSync(join(logs, 'yum.conf'), 'not a log');
    const r = runCli(['analyze', join(dir, 'bundle'), '-f', 'json']);
    const doc = JSON.parse(r.stdout) as Result;
    expect(doc.inputs.map((i) => i.path)).toEqual([join(logs, 'messages-20221112.gz')]);
    expect(doc.incidents).toHaveLength(3);
  });

  it('--fast gives the same incidents and notable events', () => {
    const full = JSON.parse(runCli(['analyze', EXAMPLE, '-f', 'json']).stdout) as Result;
    const fast = JSON.parse(runCli(['analyze', '--fast', EXAMPLE, '-f', 'json']).stdout) as Result;
    expect(fast.incidents).toEqual(full.incidents);
    expect(fast.events.filter((e) => e.notable)).toEqual(full.events.filter((e) => e.notable));
    expect(full.inputs[0]!.linesPassedOver).toBe(0);
  });

  it('refuses --fast with --full', () => {
    const r = runCli(['analyze', '--fast', '--full', EXAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fast and --full cannot be given together');
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node dist/cli/main.js analyze -f json ${EXAMPLE} ${EXAMPLE} | head -c 100 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });

  it('colours only on a terminal and never with NO_COLOR', () => {
    expect(runCli(['analyze', EXAMPLE], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});

describe('bad input: one-line message naming the file, other inputs still analyzed', () => {
  it('missing path: exit 1 when nothing could be read', () => {
    const r = runCli(['analyze', join(dir, 'nope.log')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`ktriage: ${join(dir, 'nope.log')}: no such file or directory\n`);
  });

  it('a missing path among good ones: exit 0, the good one analyzed', () => {
    const r = runCli(['analyze', join(dir, 'nope.log'), EXAMPLE, '-f', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('no such file or directory');
    expect((JSON.parse(r.stdout) as Result).incidents).toHaveLength(3);
  });

  it('a directory with no logs', () => {
    const empty = join(dir, 'empty-dir');
    mkdirSync(empty);
    const r = runCli(['analyze', empty]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty-dir: directory holds no kernel log/);
  });

  it('an empty file', () => {
    const r = runCli(['analyze', file('empty.log', '')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/empty\.log: empty file/);
    expect(r.stdout).toContain('No kernel incident found');
  });

  it('binary data', () => {
    const r = runCli(['analyze', file('core.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 7)))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/core\.bin: binary data, not a text log: skipped/);
  });

  it('invalid UTF-8 is replaced and reported', () => {
    const bytes = Buffer.concat([Buffer.from(exampleText.slice(0, 4000)), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(exampleText.slice(4000))]);
    const r = runCli(['analyze', file('latin.log', bytes), '-f', 'json']);
    expect(r.stderr).toMatch(/latin\.log: contains bytes that are not valid UTF-8/);
    expect((JSON.parse(r.stdout) as Result).incidents).toHaveLength(3);
  });

  it('CRLF line ends', () => {
    const r = runCli(['analyze', file('crlf.log', exampleText.replace(/\n/g, '\r\n')), '-f', 'json']);
    const doc = JSON.parse(r.stdout) as Result;
    expect(doc.incidents.map((i) => i.reports)).toEqual([24, 14, 8]);
    expect(doc.incidents[0]!.comm).toBe('dockerd-current');
  });

  it('a truncated .gz: the lines before the damage are analyzed', () => {
    const gz = gzipSync(exampleText);
    const r = runCli(['analyze', file('cut.log.gz', gz.subarray(0, Math.floor(gz.length / 2))), '-f', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cut\.log\.gz: compressed data ends early \(truncated file\); analyzed the \d+ line\(s\) before it/);
    expect((JSON.parse(r.stdout) as Result).incidents[0]!.cpu).toBe(12);
  });

  it('a report cut off mid-way is kept and flagged corrupted', () => {
    const text = exampleText.split('\n').slice(0, 9).join('\n');
    const r = runCli(['analyze', file('cut-report.log', text), '-f', 'json']);
    const [incident] = (JSON.parse(r.stdout) as Result).incidents;
    expect(incident).toMatchObject({ cpu: 12, pid: 39156, corrupted: true });
  });

  it('usage errors exit 2', () => {
    expect(runCli(['analyze']).status).toBe(2);
    expect(runCli(['analyze', EXAMPLE, '--format', 'xml']).status).toBe(2);
    const r = runCli(['analyze', EXAMPLE, '--tz', 'CET']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--tz must be an offset from UTC like +08:00');
    expect(runCli(['analyze', EXAMPLE, '--frobnicate']).status).toBe(2);
    // Without a command the words are paths (ktriage FILE...): an unknown word is a missing file.
    const word = runCli(['frobnicate']);
    expect([word.status, word.stdout, word.stderr]).toEqual([1, '', 'ktriage: frobnicate: no such file or directory\n']);
  });

  it('--strict exits 3 when a warning was raised', () => {
    expect(runCli(['analyze', '--strict', EXAMPLE, join(dir, 'nope.log')]).status).toBe(3);
    expect(runCli(['analyze', '--strict', EXAMPLE]).status).toBe(0);
  });
});
