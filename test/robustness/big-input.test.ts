// A 100 MB single line, a 2 GB sparse file of NUL bytes, and a 2 GB hole of NULs between two copies
// of a log (what a crash leaves): each is read in a child process whose peak memory (maxRSS) must stay
// within a generous bound that only unbounded buffering would break. Speed is the benchmark's (npm run bench), not this test's.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync, appendFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE2_PATH } from './support.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;
/** Peak memory allowed: node itself takes ~60 MB; holding a 100 MB line or a 2 GB file would exceed it. */
const MAX_RSS_MB = 400;

// Runs analyzePaths from the build in a fresh process and prints what a user and this test check.
const DRIVER = `
const { analyzePaths } = await import(${JSON.stringify(new URL('../../dist/src/run.js', import.meta.url).href)});
const { result, readable } = await analyzePaths(process.argv.slice(1));
console.log(JSON.stringify({
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  readable,
  lines: result.inputs.map((i) => i.lines),
  incidents: result.incidents.map((i) => [i.cpu, i.reports]),
  warnings: result.warnings.map((w) => w.message),
}));`;

interface Measured {
  maxRssMB: number;
  readable: number;
  lines: number[];
  incidents: [number, number][];
  warnings: string[];
}

function measure(path: string): Measured {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', DRIVER, path], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const measured = JSON.parse(run.stdout) as Measured;
  console.log(`${path.split('/').pop()}: ${(statSync(path).size / MB).toFixed(0)} MB read, peak RSS ${measured.maxRssMB.toFixed(0)} MB`);
  expect(measured.maxRssMB).toBeLessThan(MAX_RSS_MB);
  return measured;
}

// (no timeout: reading 2 GB takes seconds alone and minutes on a busy machine; its length is set by the input size)
describe('huge inputs in bounded memory', { timeout: 0 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const node2 = readFileSync(NODE2_PATH);

  it('a single line of 100 MB is cut at 64 KiB and reported, the lines around it analyzed', () => {
    const path = join(dir, 'messages');
    const fd = openSync(path, 'w');
    writeSync(fd, node2);
    const block = Buffer.alloc(MB, 'A');
    for (let i = 0; i < 100; i++) writeSync(fd, block);
    writeSync(fd, '\n');
    writeSync(fd, node2);
    closeSync(fd);
    const m = measure(path);
    rmSync(path);
    expect(m.warnings).toContain('1 line(s) longer than 64 KiB were cut');
    expect(m.incidents).toEqual([[12, 24], [13, 14], [15, 8]]);
  });

  it('a 2 GB sparse file of NUL bytes: read through, said to hold no text', () => {
    const path = join(dir, 'kern.log');
    writeFileSync(path, '');
    truncateSync(path, 2 * GB);
    const m = measure(path);
    expect(m.warnings).toEqual([`only NUL bytes (${2 * GB}), no log text`]);
    expect(m.lines).toEqual([0]);
  });

  it('a 2 GB hole of NULs between two boots: both sides analyzed, the hole reported', () => {
    const path = join(dir, 'syslog');
    writeFileSync(path, node2);
    truncateSync(path, node2.length + 2 * GB);
    appendFileSync(path, node2);
    const m = measure(path);
    expect(m.warnings).toEqual([`${2 * GB} NUL byte(s) removed (zeroed blocks, as a crash leaves in a log file)`]);
    // The line after the hole is whole (its NULs are gone), so both copies keep all their lines.
    expect(m.lines).toEqual([2 * node2.toString().split('\n').length - 2]);
    expect(m.incidents).toEqual([[12, 24], [13, 14], [15, 8]]);
  });
});
