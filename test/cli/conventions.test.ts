import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { colorWanted } from '../../src/cli/color.js';
import { EXIT, EXIT_MEANINGS } from '../../src/cli/exit-codes.js';
import type { Result } from '../../src/result/schema.js';
import { runCli } from '../helpers/cli.js';

// The conventions of the tools a support or kernel engineer uses every day, as they would try them.
const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const dir = mkdtempSync(join(tmpdir(), 'ktriage-conventions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (args: string[]) => JSON.parse(runCli([...args, '-f', 'json']).stdout) as Result;

describe('ktriage FILE... analyzes without the word analyze', () => {
  it('gives the same report as ktriage analyze FILE', () => {
    const plain = runCli([EXAMPLE]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe(runCli(['analyze', EXAMPLE]).stdout);
    expect(plain.stdout).toContain('soft lockup in blk_set_queue_dying');
  });

  it('a missing path: its message on stderr, exit 1, and no verdict on stdout (with or without analyze, in every format)', () => {
    const missing = join(dir, 'nope.log');
    for (const args of [[missing], ['analyze', missing], [missing, '-f', 'json'], [missing, '-f', 'html']]) {
      const r = runCli(args);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`ktriage: ${missing}: no such file or directory\n`);
    }
  });

  it('a missing path does not write the -o file', () => {
    const out = join(dir, 'never.txt');
    expect(runCli([join(dir, 'nope.log'), '-o', out]).status).toBe(1);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('--fail-on', () => {
  it('exits 4 when an incident of that severity or worse is found, 0 otherwise', () => {
    expect(runCli([EXAMPLE, '-q', '--fail-on', 'critical']).status).toBe(EXIT.failOn);
    expect(runCli([EXAMPLE, '-q', '--fail-on', 'warning']).status).toBe(EXIT.failOn);
    // A WARNING splat alone is a warning, not critical.
    const warning = join(dir, 'warn.log');
    writeFileSync(warning, ['[  10.000000] WARNING: CPU: 1 PID: 1 at fs/inode.c:300 drop_nlink+0x3b/0x50', '[  10.000001] Call Trace:', '[  10.000002]  vfs_unlink+0x10/0x20', ''].join('\n'));
    expect(runCli([warning, '-q', '--fail-on', 'critical']).status).toBe(EXIT.ok);
    expect(runCli([warning, '-q', '--fail-on', 'warning']).status).toBe(EXIT.failOn);
    // Nothing left after the filter: nothing to fail on.
    expect(runCli([EXAMPLE, '-q', '--fail-on', 'warning', '--host', 'node-9']).status).toBe(EXIT.ok);
  });

  it('is checked like the other choices', () => {
    const r = runCli([EXAMPLE, '--fail-on', 'info']);
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toContain("Allowed choices are critical, warning");
  });
});

describe('--since, --until and --host', () => {
  it('a duration counts back from the end of the logs (10:23:10 here)', () => {
    const r = json([EXAMPLE, '--since', '5m']);
    expect(r.filter).toMatchObject({ since: '5m', from: '2022-11-12T10:18:10+08:00', to: null });
    // The culprit and its victims all report after 10:18:10; events that ended before it are left out.
    expect(r.incidents.map((i) => i.id)).toEqual(['I1', 'I2', 'I3']);
    expect(r.events.every((e) => (e.lastSeen ?? '') >= '2022-11-12T10:18:10')).toBe(true);
    expect(r.events.find((e) => e.template === 'rbd: rbdN: encountered watch error: -107')).toBeUndefined();
    expect(r.filter!.eventsLeftOut).toBeGreaterThan(0);
  });

  it('an absolute time without a zone is read in the zone of the log; --until bounds the end', () => {
    const r = json([EXAMPLE, '--since', '2022-11-12 10:05', '--until', '2022-11-12T10:16:00']);
    expect(r.filter).toMatchObject({ from: '2022-11-12T10:05:00+08:00', to: '2022-11-12T10:16:00+08:00' });
    // migration/15 first reports at 10:18:47: outside; migration/13 (10:16:03) too.
    expect(r.incidents.map((i) => i.comm)).toEqual(['dockerd-current']);
    expect(r.filter!.incidentsLeftOut).toBe(2);
    expect(r.summary.verdict).not.toContain('migration');
  });

  it('a time with a zone is taken as written', () => {
    const r = json([EXAMPLE, '--until', '2022-11-12T02:11:00Z']);
    expect(r.filter!.to).toBe('2022-11-12T10:11:00+08:00');
    expect(r.incidents.map((i) => i.id)).toEqual(['I1']);
  });

  it('--host keeps matching hosts only, and says so in the report', () => {
    expect(json([EXAMPLE, '--host', 'node-[0-9]']).incidents).toHaveLength(3);
    const none = runCli([EXAMPLE, '--host', 'db-*']);
    expect(none.stdout).toContain('No kernel incident found');
    expect(none.stdout).toContain('Only on hosts db-*: 3 incidents and');
    expect(runCli([EXAMPLE, '--host', 'db-*', '--lang', 'zh']).stdout).toContain('仅显示主机 db-* 上的内容：略去 3 个内核事件');
  });

  it('on uptime-only logs (dmesg), a duration counts back from the last uptime', () => {
    const dmesg = join(dir, 'dmesg.txt');
    const report = (t: number, cpu: number) => [`[${t.toFixed(6).padStart(12)}] watchdog: BUG: soft lockup - CPU#${cpu} stuck for 22s! [kworker:${cpu}]`, `[${t.toFixed(6).padStart(12)}] RIP: 0010:spin+0x1/0x10`, `[${t.toFixed(6).padStart(12)}] Call Trace:`, `[${t.toFixed(6).padStart(12)}]  worker+0x2/0x20`];
    writeFileSync(dmesg, [...report(100, 1), ...report(4000, 2), '[ 4010.000000] eth0: link up', ''].join('\n'));
    const r = json([dmesg, '--since', '1h']);
    expect(r.filter).toMatchObject({ from: null, fromUptime: 410 });
    expect(r.incidents.map((i) => i.cpu)).toEqual([2]);
    // An absolute time cannot place uptime-only incidents and events: kept, and counted.
    expect(json([dmesg, '--since', '2022-11-12']).filter).toMatchObject({ incidentsLeftOut: 0, eventsLeftOut: 0, undated: 3 });
  });

  it('refuses what is neither a time nor a duration, with exit 2', () => {
    const r = runCli([EXAMPLE, '--since', 'yesterday']);
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^ktriage: --since must be a time like 2022-11-12T10:15.*not "yesterday"\n$/);
  });
});

describe('--color and FORCE_COLOR / NO_COLOR', () => {
  const escapes = (env: Record<string, string>, args: string[] = []) => runCli([EXAMPLE, ...args], { env }).stdout.includes('\u001b[');

  it('colours a pipe with --color always or FORCE_COLOR, never with --color never or NO_COLOR', () => {
    expect(escapes({ NO_COLOR: '' })).toBe(false);
    expect(escapes({ NO_COLOR: '' }, ['--color', 'always'])).toBe(true);
    expect(escapes({ NO_COLOR: '', FORCE_COLOR: '1' })).toBe(true);
    expect(escapes({ NO_COLOR: '', FORCE_COLOR: '0' })).toBe(false);
    expect(escapes({ NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(escapes({ NO_COLOR: '', FORCE_COLOR: '1' }, ['--color', 'never'])).toBe(false);
    expect(escapes({ NO_COLOR: '', FORCE_COLOR: '1' }, ['--no-color'])).toBe(false);
  });

  it('decides as documented', () => {
    expect(colorWanted('auto', {}, true, false)).toBe(true);
    expect(colorWanted('auto', {}, false, false)).toBe(false);
    expect(colorWanted('auto', { NO_COLOR: '1' }, true, false)).toBe(false);
    expect(colorWanted('auto', { NO_COLOR: '' }, true, false)).toBe(true);
    expect(colorWanted('auto', { FORCE_COLOR: '' }, false, false)).toBe(true);
    expect(colorWanted('auto', { FORCE_COLOR: 'false' }, true, false)).toBe(false);
    expect(colorWanted('auto', { FORCE_COLOR: '1' }, true, true)).toBe(false);
    expect(colorWanted('always', { NO_COLOR: '1' }, false, true)).toBe(true);
    expect(colorWanted('never', { FORCE_COLOR: '1' }, true, false)).toBe(false);
  });
});

describe('--help, shell completion and the man page', () => {
  it('--help shows examples, every exit code and the environment', () => {
    for (const args of [['--help'], ['analyze', '--help']]) {
      const r = runCli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Examples:\n  $ ktriage /var/log/messages');
      expect(r.stdout).toContain('--fail-on');
      for (const [code, meaning] of EXIT_MEANINGS) expect(r.stdout).toContain(`  ${code}  ${meaning}`);
      expect(r.stdout).toMatch(/NO_COLOR[\s\S]*FORCE_COLOR[\s\S]*KTRIAGE_LANG/);
    }
  });

  it('bash completion completes commands, options and their choices', () => {
    const script = runCli(['completion', 'bash']).stdout;
    const complete = (words: string[]) => {
      const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ktriage; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.trim().split('\n');
    };
    expect(complete(['ktriage', '--fai'])).toEqual(['--fail-on']);
    expect(complete(['ktriage', 'x.log', '--format', ''])).toEqual(['text', 'json', 'md', 'html']);
    expect(complete(['ktriage', 'x.log', '--fail-on', 'c'])).toEqual(['critical']);
    expect(complete(['ktriage', 'comp'])).toEqual(['completion']);
    expect(complete(['ktriage', 'completion', ''])).toEqual(['bash', 'zsh']);
  });

  const hasZsh = spawnSync('zsh', ['--version']).status === 0;
  it.skipIf(!hasZsh)('zsh completion is valid zsh naming every analyze option', () => {
    const script = runCli(['completion', 'zsh']).stdout;
    expect(script.startsWith('#compdef ktriage\n')).toBe(true);
    const check = spawnSync('zsh', ['-n'], { input: script, encoding: 'utf8' });
    expect([check.status, check.stderr]).toEqual([0, '']);
    for (const option of ['--format', '--fail-on', '--since', '--until', '--host', '--color', '--lang']) expect(script).toContain(option);
    expect(script).toContain(':failOn:(critical warning)');
  });

  it('the README shows every analyze option (or its short form), shell completion and the man page', () => {
    const readme = readFileSync('README.md', 'utf8');
    const options = [...runCli(['analyze', '--help']).stdout.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].map((m) => [m[2]!, m[1]] as const);
    expect(options.length).toBeGreaterThan(20);
    const missing = options.filter(([long, short]) => long !== '--help' && !readme.includes(`\`${long}`) && !readme.includes(` ${long}`) && !(short && readme.includes(` ${short} `)));
    expect(missing).toEqual([]);
    for (const text of ['ktriage completion bash', 'ktriage completion zsh', 'man ktriage', '--fail-on critical']) expect(readme).toContain(text);
  });

  it('an unknown shell is a usage error', () => {
    expect(runCli(['completion', 'fish']).status).toBe(EXIT.usage);
  });

  it('man/ktriage.1 is the page made from the help (npm run man), and man reads it', () => {
    const page = runCli(['man']).stdout;
    expect(readFileSync('man/ktriage.1', 'utf8')).toBe(page);
    for (const text of ['.SH EXAMPLES', '.SH EXIT STATUS', '\\-\\-fail\\-on', '\\-\\-since', 'FORCE_COLOR']) expect(page).toContain(text);
    const man = spawnSync('man', ['-l', '-'], { input: page, encoding: 'utf8', env: { ...process.env, MANWIDTH: '100', MANPAGER: 'cat', PAGER: 'cat' } });
    if (man.error) return; // (no man on this machine: the text checks above stand)
    expect(man.stdout).toMatch(/EXIT STATUS[\s\S]*\n\s+4\s+--fail-on\s+SEVERITY/);
  });
});
