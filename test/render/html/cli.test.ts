import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const OPENER = process.platform === 'darwin' ? 'open' : 'xdg-open';
const dir = mkdtempSync(join(tmpdir(), 'ktriage-html-cli-'));
const DESKTOP = { DISPLAY: ':0', WAYLAND_DISPLAY: '' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ktriage analyze --format html', () => {
  it('prints the page on stdout without -o', () => {
    const r = runCli(['analyze', EXAMPLE, '--format', 'html']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('--open says where the report is when there is no viewer to open it, and still succeeds', () => {
    const out = join(dir, 'no-viewer.html');
    const r = runCli(['analyze', EXAMPLE, '--format', 'html', '-o', out, '--open'], { env: { ...DESKTOP, PATH: dir } });
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<!DOCTYPE html>');
    expect(r.stderr).toBe(`ktriage: report written to ${out} (no ${OPENER} here to open it)\n`);
  });

  it.skipIf(process.platform === 'darwin')('--open only says where the report is outside a desktop session (e.g. over SSH)', () => {
    const out = join(dir, 'ssh.html');
    const r = runCli(['analyze', EXAMPLE, '--format', 'html', '-o', out, '--open'], { env: { DISPLAY: '', WAYLAND_DISPLAY: '' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`ktriage: report written to ${out} (no desktop session to open it in)\n`);
  });

  it(`--open hands the written report to ${OPENER}`, async () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    const opened = join(dir, 'opened.txt');
    writeFileSync(join(bin, OPENER), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(join(bin, OPENER), 0o755);
    const out = join(dir, 'report.html');
    const r = runCli(['analyze', EXAMPLE, '--format', 'html', '-o', out, '--open'], { env: { ...DESKTOP, PATH: bin } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`ktriage: opening ${out} with ${OPENER}\n`);
    // The viewer runs detached from ktriage: wait for it to have run.
    await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8'), { timeout: 10_000 }).toBe(out);
  });

  it('refuses --each with several inputs: one page per run', () => {
    const r = runCli(['analyze', EXAMPLE, EXAMPLE, '--each', '--format', 'html']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('run ktriage once per input');
  });

  it('--open without -o tells the user it needs a file', () => {
    const r = runCli(['analyze', EXAMPLE, '--format', 'html', '--open']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stderr).toBe('ktriage: --open needs -o FILE: the report went to stdout\n');
  });
});
