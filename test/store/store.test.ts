// The incident store as a user drives it (ktriage ingest / problems / problem / hosts / reprocess), on SQLite and,
// when the test server is there, on PostgreSQL: the same assertions on both.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rawSql, testEngines } from './engines.js';
import { NODE2, NODE2_EXCERPT, otherHostLog } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ktriage-store-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node7 = otherHostLog(dir, 'node-7');
const node9 = otherHostLog(dir, 'node-9');

interface ProblemsJson {
  problems: { id: number; signature: string; signatureText: string; hosts: number; occurrences: number; reports: number; status: string }[];
}

function problems(db: string, ...args: string[]): ProblemsJson {
  const r = runCli(['problems', '--db', db, '-f', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as ProblemsJson;
}

function ingest(db: string, ...paths: string[]) {
  return runCli(['ingest', '--db', db, ...paths]);
}

/** Runs the CLI in a process of its own without waiting (for ingests that overlap in time). */
function ingestAsync(db: string, path: string, env: Record<string, string> = {}): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/src/cli/main.js', 'ingest', '--db', db, path], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

const count = async (db: string, table: string) => Number((await rawSql(db, `select count(*) as n from ${table}`))[0]!['n']);

describe.each(testEngines())('incident store on $name', (engine) => {
  it('node-2 ingested twice is one problem with one occurrence', async () => {
    const db = await engine.fresh();
    const first = ingest(db, NODE2);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('1 input(s) stored');
    const again = ingest(db, NODE2);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 input(s) stored, 1 already there');
    const { problems: list } = problems(db);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ signatureText: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy', hosts: 1, occurrences: 1, reports: 24, status: 'new' });
    const text = runCli(['problems', '--db', db]).stdout;
    expect(text).toMatch(/1\s+new\s+1\s+1\s+2022-11-12 02:22Z\s+soft-lockup\s+soft lockup in blk_set_queue_dying/);
  });

  it('the same soft lockup on two hosts is one problem on two hosts', async () => {
    const db = await engine.fresh();
    expect(ingest(db, NODE2).status).toBe(0);
    expect(ingest(db, node7).status).toBe(0);
    const { problems: list } = problems(db);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ hosts: 2, occurrences: 2 });
    const hosts = JSON.parse(runCli(['hosts', '--db', db, '-f', 'json']).stdout) as { hosts: { name: string; openProblems: { id: number }[] }[] };
    expect(hosts.hosts.map((h) => h.name).sort()).toEqual(['node-2', 'node-7']);
    expect(hosts.hosts.every((h) => h.openProblems.length === 1)).toBe(true);
    expect(problems(db, '--host', 'NODE-7')).toMatchObject({ problems: [{ hosts: 1 }] });
    expect(problems(db, '--host', 'node-?', '--kernel', '693.11')).toMatchObject({ problems: [{ hosts: 2 }] });
    expect(problems(db, '--kernel', '4.18*').problems).toEqual([]);
    expect(problems(db, '--kind', 'oops').problems).toEqual([]);
  });

  it('two ingests at once, in two processes, lose nothing and duplicate nothing', async () => {
    const db = await engine.fresh();
    // The store exists (and is migrated) before, as it would be for a team; each process then ingests its host.
    expect(ingest(db, NODE2).status).toBe(0);
    const runs = await Promise.all([ingestAsync(db, node7), ingestAsync(db, node9), ingestAsync(db, NODE2), ingestAsync(db, node7)]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ status: 0 });
    expect(problems(db).problems).toMatchObject([{ hosts: 3, occurrences: 3 }]);
    expect(await count(db, 'inputs')).toBe(3);
    expect(await count(db, 'hosts')).toBe(3);
    // Each host: its culprit and its two victims, stored once.
    expect(await count(db, 'occurrences')).toBe(9);
  });

  it('two first ingests into a new store at once both migrate it safely', async () => {
    const db = await engine.fresh();
    const runs = await Promise.all([ingestAsync(db, NODE2), ingestAsync(db, node7)]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ status: 0 });
    expect(problems(db).problems).toMatchObject([{ hosts: 2, occurrences: 2 }]);
  });

  it('another copy of the same lines extends the stored occurrence instead of adding one', async () => {
    const db = await engine.fresh();
    expect(ingest(db, NODE2_EXCERPT).status).toBe(0);
    const merged = ingest(db, NODE2);
    expect(merged.stderr).toContain('1 input(s) stored, 0 already there; 0 occurrence(s) added, 3 merged');
    expect(problems(db).problems).toMatchObject([{ occurrences: 1, reports: 24 }]);
  });

  it('an ingest killed before it commits leaves nothing of its input, and the input can be ingested later', async () => {
    const db = await engine.fresh();
    expect(ingest(db, NODE2).status).toBe(0);
    const killed = await ingestAsync(db, node7, { KTRIAGE_STORE_DIE_BEFORE_COMMIT: '1' });
    expect(killed.signal).toBe('SIGKILL');
    expect(problems(db).problems).toMatchObject([{ hosts: 1, occurrences: 1 }]);
    expect(await count(db, 'inputs')).toBe(1);
    expect(await count(db, 'hosts')).toBe(1);
    const later = ingest(db, node7);
    expect(later.stderr).toContain('1 input(s) stored, 0 already there');
    expect(problems(db).problems).toMatchObject([{ hosts: 2, occurrences: 2 }]);
  });

  it('problem ID shows hosts, kernels, the occurrences and the latest diagnosis, in every format', async () => {
    const db = await engine.fresh();
    ingest(db, NODE2);
    ingest(db, node7);
    const text = runCli(['problem', '1', '--db', db]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy');
    expect(text.stdout).toMatch(/node-7\s+1\s+2022-11-12 02:10Z\s+2022-11-12 02:22Z/);
    expect(text.stdout).toMatch(/3\.10\.0-693\.11\.1\.el7\.es\.10\.x86_64\s+2\s+2/);
    expect(text.stdout).toMatch(/victim\s+14/);
    expect(text.stdout).toContain('loop bounded by blk_set_queue_dying');
    const signature = problems(db).problems[0]!.signature;
    const bySignature = JSON.parse(runCli(['problem', signature.slice(0, 8), '--db', db, '-f', 'json']).stdout) as { problem: { id: number }; latest: { culprit: { function: string } } };
    expect(bySignature.problem.id).toBe(1);
    expect(bySignature.latest.culprit.function).toBe('blk_set_queue_dying');
    expect(runCli(['problem', '1', '--db', db, '-f', 'md']).stdout).toMatch(/^# Problem 1: soft lockup in blk\\_set\\_queue\\_dying/);
    expect(runCli(['problem', '1', '--db', db, '--lang', 'zh']).stdout).toContain('最近一次诊断');
    const missing = runCli(['problem', '999', '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no stored problem is 999');
  });

  it('reprocess files occurrences under the signatures this ktriage derives', async () => {
    const db = await engine.fresh();
    ingest(db, NODE2);
    ingest(db, node7);
    // As an older ktriage would have left them: another signature, an older version.
    await rawSql(db, `update problems set signature = 'old0signature', signature_version = 0`);
    const before = problems(db).problems;
    expect(before[0]!.signature).toBe('old0signature');
    const r = runCli(['reprocess', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^6 occurrence\(s\) re-signed with signature version \d+: 0 changed; problems 1 -> 1/);
    const after = problems(db).problems;
    expect(after).toMatchObject([{ signatureText: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy', hosts: 2, occurrences: 2 }]);
    expect(after[0]!.signature).not.toBe('old0signature');
  });

  it('a store of a newer schema version is refused, untouched', async () => {
    const db = await engine.fresh();
    ingest(db, NODE2);
    await rawSql(db, 'update ktriage_schema set version = 99');
    for (const args of [['problems'], ['ingest', node7]]) {
      const r = runCli([...args, '--db', db]);
      expect(r.status).toBe(5);
      expect(r.stderr).toMatch(/was written by a newer ktriage: upgrade ktriage to use it \(schema version 99, this ktriage knows up to \d+\)/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await count(db, 'inputs')).toBe(1);
  });
});
