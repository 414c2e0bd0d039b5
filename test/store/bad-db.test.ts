// A store that cannot be used: one line naming it (password hidden) and why, exit 5, and nothing half-written.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rawSql, testEngines } from './engines.js';
import { keep, NODE2, NODE2_EXCERPT } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ktriage-bad-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

function expectOneLine(r: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(5);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('a store that cannot be used', () => {
  it('an unreachable server: one line, the password never printed', () => {
    for (const db of ['postgres://triage:Sup3rSecret@127.0.0.1:1/fleet', 'postgresql://127.0.0.1:1/fleet?user=triage&password=Sup3rSecret']) {
      const r = runCli(['problems', '--db', db]);
      expectOneLine(r, /^ktriage: incident store postgres(ql)?:\/\/.*127\.0\.0\.1:1\/fleet.* cannot be reached \(connect ECONNREFUSED/);
      expect(r.stderr + r.stdout).not.toContain('Sup3rSecret');
      expect(r.stderr).toContain('***');
    }
  });

  it('KTRIAGE_DB is used when --db is not given, and hidden the same way', () => {
    const r = runCli(['ingest', NODE2_EXCERPT], { env: { KTRIAGE_DB: 'postgres://triage:Sup3rSecret@127.0.0.1:1/fleet' } });
    expectOneLine(r, /postgres:\/\/triage:\*\*\*@127\.0\.0\.1:1\/fleet cannot be reached/);
  });

  it('a corrupt SQLite file is reported as such and left byte for byte as it was', () => {
    const path = join(dir, 'corrupt.db');
    const bytes = Buffer.from('SQLite format 3\u0000'.padEnd(4096, 'garbage '));
    writeFileSync(path, bytes);
    for (const args of [['problems'], ['ingest', NODE2_EXCERPT]]) {
      const r = runCli([...args, '--db', path]);
      expectOneLine(r, /corrupt\.db is not a ktriage SQLite database or is damaged; it was left as it is/);
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('asking an empty place says there is no store yet (and creates none)', () => {
    const path = join(dir, 'none', 'ktriage.db');
    const r = runCli(['problems', '--db', path]);
    expectOneLine(r, /none\/ktriage\.db does not exist \(no store yet: `ktriage ingest PATH` creates it\)/);
    expect(existsSync(path)).toBe(false);
  });

  it('a read-only SQLite file: nothing stored, one line', async () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const path = join(ro, 'ktriage.db');
    await keep(path, NODE2_EXCERPT);
    const before = readFileSync(path);
    chmodSync(path, 0o444);
    chmodSync(ro, 0o755);
    // root may write any file: the ingest then runs as nobody, for whom the file is read-only.
    const asOther = isRoot ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'ingest', '--db', path, NODE2], { encoding: 'utf8', ...asOther });
    expectOneLine(r, /ktriage\.db is read-only here: nothing was stored/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it.skipIf(!isRoot)('a full disk: nothing of the input stored, one line', async () => {
    const mount = join(dir, 'small');
    mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mount]).status === 0;
    if (!mounted) {
      console.log('store tests: the full-disk case skipped (cannot mount a small tmpfs here)');
      return;
    }
    try {
      const path = join(mount, 'ktriage.db');
      await keep(path, NODE2_EXCERPT);
      // Fill what is left of the file system.
      spawnSync('sh', ['-c', `cat /dev/zero > ${join(mount, 'filler')}`]);
      const r = runCli(['ingest', '--db', path, NODE2]);
      expectOneLine(r, /is full \(no space left\): nothing of this input was stored/);
      rmSync(join(mount, 'filler'));
      const hosts = JSON.parse(runCli(['hosts', '--db', path, '-f', 'json']).stdout) as { hosts: { inputs: number }[] };
      expect(hosts.hosts[0]!.inputs).toBe(1);
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});

describe.each(testEngines().filter((e) => e.name === 'postgres'))('a read-only database on $name', (engine) => {
  it('a server that refuses writes (a standby, a read-only database): nothing stored, one line', async () => {
    const db = await engine.fresh();
    await keep(db, NODE2_EXCERPT);
    const name = new URL(db).pathname.slice(1);
    await rawSql(db, `alter database ${name} set default_transaction_read_only = on`);
    const r = runCli(['ingest', '--db', db, NODE2]);
    expectOneLine(r, /is read-only here: nothing was stored \(cannot execute .* in a read-only transaction\)/);
    // Reading still works.
    expect(runCli(['problems', '--db', db]).status).toBe(0);
  });
});
