// The incident store as a user drives it (ktriage ingest / problems / problem / hosts / reprocess), on SQLite and,
// when the test server is there, on PostgreSQL: the same assertions on both. What an ingest left is read through the
// library (no process); the CLI's output is checked where a test runs the command as a user would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeLocation } from '../../src/store/location.js';
import { Store } from '../../src/store/open.js';
import { listProblems } from '../../src/store/query.js';
import type { ProblemFilter } from '../../src/store/views.js';
import { runCliAsync } from '../helpers/cli.js';
import { rawSql, testEngines } from './engines.js';
import { keep, NODE2, NODE2_EXCERPT, otherHostLog } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ktriage-store-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const node7 = otherHostLog(dir, 'node-7');
const node9 = otherHostLog(dir, 'node-9');

interface ProblemsJson {
  problems: { id: number; signature: string; signatureText: string; hosts: number; occurrences: number; reports: number; status: string }[];
}

const cli = (args: readonly string[], env: Record<string, string> = {}) => runCliAsync(args, { env });

/** `ktriage problems -f json` as a user runs it. */
async function problems(db: string, ...args: string[]): Promise<ProblemsJson> {
  const r = await cli(['problems', '--db', db, '-f', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as ProblemsJson;
}

/** The problems the store holds, read through the library (for the checks of what an ingest left; no process). */
async function stored(db: string, filter: ProblemFilter = {}) {
  const store = await Store.open(storeLocation(db), { create: false });
  try {
    return (await listProblems(store, filter)).problems;
  } finally {
    await store.close();
  }
}

const ingest = (db: string, path: string, env: Record<string, string> = {}) => cli(['ingest', '--db', db, path], env);

const count = async (db: string, table: string) => Number((await rawSql(db, `select count(*) as n from ${table}`))[0]!['n']);

const numbers = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v)])));

/**
 * The sums each ingest keeps (per problem, and per problem, host and kernel) are what the stored occurrences (not
 * victims) add up to, counted again from scratch.
 */
async function expectSumsOfOccurrences(db: string): Promise<void> {
  const kept = await rawSql(db, `select id as p, hosts as h, occurrences as n, reports as r, first_ms as f, last_ms as l from problems where occurrences > 0 order by id`);
  const counted = await rawSql(
    db,
    `select problem_id as p, count(distinct host_id) as h, count(*) as n, sum(reports) as r, min(first_ms) as f, max(last_ms) as l
     from occurrences where role <> 'victim' group by problem_id order by problem_id`,
  );
  expect(numbers(kept)).toEqual(numbers(counted));
  const spread = await rawSql(db, `select problem_id as p, host_id as h, kernel_id as k, occurrences as n, reports as r, first_ms as f, last_ms as l from problem_hosts order by 1, 2, 3`);
  const spreadCounted = await rawSql(
    db,
    `select problem_id as p, host_id as h, coalesce(kernel_id, 0) as k, count(*) as n, sum(reports) as r, min(first_ms) as f, max(last_ms) as l
     from occurrences where role <> 'victim' group by problem_id, host_id, coalesce(kernel_id, 0) order by 1, 2, 3`,
  );
  expect(numbers(spread)).toEqual(numbers(spreadCounted));
  expect(spread.length).toBeGreaterThan(0);
}

describe.each(testEngines())('incident store on $name', (engine) => {
  // node-2 and node-7 stored, for the tests that only read (made on first use, so that each can run alone).
  let twoHostsStore: Promise<string> | null = null;
  const twoHosts = () =>
    (twoHostsStore ??= engine.fresh().then(async (db) => {
      await keep(db, NODE2, node7);
      return db;
    }));

  it('node-2 ingested twice is one problem with one occurrence', async () => {
    const db = await engine.fresh();
    const first = await ingest(db, NODE2);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('1 input(s) stored');
    const again = await ingest(db, NODE2);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 input(s) stored, 1 already there');
    const { problems: list } = await problems(db);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ signatureText: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy', hosts: 1, occurrences: 1, reports: 24, status: 'new' });
    const text = (await cli(['problems', '--db', db])).stdout;
    expect(text).toMatch(/1\s+new\s+1\s+1\s+2022-11-12 02:22Z\s+soft-lockup\s+soft lockup in blk_set_queue_dying/);
    await expectSumsOfOccurrences(db);
  });

  it('the same soft lockup on two hosts is one problem on two hosts', async () => {
    const db = await twoHosts();
    const { problems: list } = await problems(db);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ hosts: 2, occurrences: 2 });
    const hosts = JSON.parse((await cli(['hosts', '--db', db, '-f', 'json'])).stdout) as { hosts: { name: string; kernels: string[]; occurrences: number; openProblems: { id: number }[] }[] };
    expect(hosts.hosts.map((h) => h.name).sort()).toEqual(['node-2', 'node-7']);
    expect(hosts.hosts.every((h) => h.openProblems.length === 1 && h.occurrences === 1)).toBe(true);
    expect(hosts.hosts[0]!.kernels).toEqual(['3.10.0-693.11.1.el7.es.10.x86_64']);
    expect(await problems(db, '--host', 'NODE-7')).toMatchObject({ problems: [{ hosts: 1 }] });
    expect(await problems(db, '--host', 'node-?', '--kernel', '693.11')).toMatchObject({ problems: [{ hosts: 2 }] });
    expect((await problems(db, '--kernel', '4.18*')).problems).toEqual([]);
    expect((await problems(db, '--kind', 'oops')).problems).toEqual([]);
    await expectSumsOfOccurrences(db);
  });

  it('two ingests at once, in two processes, lose nothing and duplicate nothing', async () => {
    const db = await engine.fresh();
    // The store exists (and is migrated) before, as it would be for a team; each process then ingests its host.
    await keep(db, NODE2);
    const runs = await Promise.all([ingest(db, node7), ingest(db, node9), ingest(db, NODE2), ingest(db, node7)]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ status: 0 });
    expect(await stored(db)).toMatchObject([{ hosts: 3, occurrences: 3, reports: 72 }]);
    expect(await count(db, 'inputs')).toBe(3);
    expect(await count(db, 'hosts')).toBe(3);
    // Each host: its culprit and its two victims, stored once.
    expect(await count(db, 'occurrences')).toBe(9);
    await expectSumsOfOccurrences(db);
  });

  it('two first ingests into a new store at once both migrate it safely', async () => {
    const db = await engine.fresh();
    const runs = await Promise.all([ingest(db, NODE2), ingest(db, node7)]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ status: 0 });
    expect(await stored(db)).toMatchObject([{ hosts: 2, occurrences: 2 }]);
    await expectSumsOfOccurrences(db);
  });

  it('another copy of the same lines extends the stored occurrence instead of adding one', async () => {
    const db = await engine.fresh();
    await keep(db, NODE2_EXCERPT);
    const merged = await ingest(db, NODE2);
    expect(merged.stderr).toContain('1 input(s) stored, 0 already there; 0 occurrence(s) added, 3 merged');
    const [whole] = await stored(db);
    expect(whole).toMatchObject({ occurrences: 1, reports: 24, firstSeen: '2022-11-12T02:10:59.000Z', lastSeen: '2022-11-12T02:22:23.000Z' });
    await expectSumsOfOccurrences(db);
  });

  it('an ingest killed before it commits leaves nothing of its input, and the input can be ingested later', async () => {
    const db = await engine.fresh();
    await keep(db, NODE2);
    const killed = await ingest(db, node7, { KTRIAGE_STORE_DIE_BEFORE_COMMIT: '1' });
    expect(killed.signal).toBe('SIGKILL');
    expect(await stored(db)).toMatchObject([{ hosts: 1, occurrences: 1 }]);
    expect(await count(db, 'inputs')).toBe(1);
    expect(await count(db, 'hosts')).toBe(1);
    const later = await ingest(db, node7);
    expect(later.stderr).toContain('1 input(s) stored, 0 already there');
    expect(await stored(db)).toMatchObject([{ hosts: 2, occurrences: 2 }]);
    await expectSumsOfOccurrences(db);
  });

  it('problem ID shows hosts, kernels, the occurrences and the latest diagnosis, in every format', async () => {
    const db = await twoHosts();
    const text = await cli(['problem', '1', '--db', db]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy');
    expect(text.stdout).toMatch(/node-7\s+1\s+2022-11-12 02:10Z\s+2022-11-12 02:22Z/);
    expect(text.stdout).toMatch(/3\.10\.0-693\.11\.1\.el7\.es\.10\.x86_64\s+2\s+2/);
    expect(text.stdout).toMatch(/victim\s+14/);
    expect(text.stdout).toContain('loop bounded by blk_set_queue_dying');
    const signature = (await stored(db))[0]!.signature;
    const [bySignature, md, zh, missing] = await Promise.all([
      cli(['problem', signature.slice(0, 8), '--db', db, '-f', 'json']),
      cli(['problem', '1', '--db', db, '-f', 'md']),
      cli(['problem', '1', '--db', db, '--lang', 'zh']),
      cli(['problem', '999', '--db', db]),
    ]);
    const json = JSON.parse(bySignature.stdout) as { problem: { id: number }; latest: { culprit: { function: string } } };
    expect(json.problem.id).toBe(1);
    expect(json.latest.culprit.function).toBe('blk_set_queue_dying');
    expect(md.stdout).toMatch(/^# Problem 1: soft lockup in blk\\_set\\_queue\\_dying/);
    expect(zh.stdout).toContain('最近一次诊断');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no stored problem is 999');
  });

  it('reprocess files occurrences under the signatures this ktriage derives, and counts their sums again', async () => {
    const db = await engine.fresh();
    await keep(db, NODE2, node7);
    // As an older ktriage would have left them: other signatures, an older version, node-7's occurrences filed
    // under a problem of their own.
    await rawSql(db, `update problems set signature = 'old0signature', signature_version = 0`);
    await rawSql(db, `insert into problems (signature, signature_text, signature_version, kind, culprit, title, first_ms, last_ms, status, known_issue, hosts, occurrences, reports)
      select 'old1signature', signature_text, 0, kind, culprit, title, first_ms, last_ms, status, known_issue, 0, 0, 0 from problems`);
    await rawSql(db, `update occurrences set problem_id = (select id from problems where signature = 'old1signature') where host_id = (select id from hosts where name = 'node-7')`);
    const before = await stored(db);
    expect(before.map((p) => p.signature)).toEqual(['old0signature']);
    const r = await cli(['reprocess', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^6 occurrence\(s\) re-signed with signature version \d+: 0 changed; problems 2 -> 1/);
    const after = await stored(db);
    expect(after).toMatchObject([{ signatureText: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy', hosts: 2, occurrences: 2, reports: 48 }]);
    expect(after[0]!.signature).not.toMatch(/^old/);
    await expectSumsOfOccurrences(db);
    // An ingest after the reprocess adds to the sums counted again.
    await keep(db, node9);
    expect(await stored(db)).toMatchObject([{ hosts: 3, occurrences: 3, reports: 72 }]);
    await expectSumsOfOccurrences(db);
  });

  it('a store of a newer schema version is refused, untouched', async () => {
    const db = await engine.fresh();
    await keep(db, NODE2);
    await rawSql(db, 'update ktriage_schema set version = 99');
    for (const args of [['problems'], ['ingest', node7]]) {
      const r = await cli([...args, '--db', db]);
      expect(r.status).toBe(5);
      expect(r.stderr).toMatch(/was written by a newer ktriage: upgrade ktriage to use it \(schema version 99, this ktriage knows up to \d+\)/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await count(db, 'inputs')).toBe(1);
  });
});
