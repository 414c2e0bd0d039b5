// Numbered migrations: a store made by an older ktriage (schema 1) is upgraded in place, its data kept.
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, SCHEMA_LATEST, schemaVersion, type Engine } from '../../src/store/migrations.js';
import { analyzePaths } from '../../src/run.js';
import { ingestResult } from '../../src/store/ingest.js';
import { Store } from '../../src/store/open.js';
import { problemDetail } from '../../src/store/query.js';
import { storeLocation } from '../../src/store/location.js';
import type { StoreTables } from '../../src/store/tables.js';
import { rawSql, testEngines } from './engines.js';
import { fleetDay, NODE2 } from './fixtures.js';

async function connect(engine: Engine, db: string): Promise<Kysely<StoreTables>> {
  if (engine === 'postgres') {
    const { default: pg } = await import('pg');
    return new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db, max: 1 }) }) });
  }
  mkdirSync(dirname(db), { recursive: true });
  const { default: Database } = await import('better-sqlite3');
  return new Kysely<StoreTables>({ dialect: new SqliteDialect({ database: new Database(db) }) });
}

const indexesOf = async (engine: Engine, db: string) =>
  (await rawSql(db, engine === 'sqlite' ? `select name from sqlite_master where type = 'index' and name like 'occurrences_%'` : `select indexname as name from pg_indexes where indexname like 'occurrences\\_%' and indexname <> 'occurrences_pkey'`)).map((r) => r['name']).sort();

describe.each(testEngines())('migrations on $name', (engine) => {
  it('are numbered from 1 without gaps, the last one being the version this ktriage writes', () => {
    expect(migrations(engine.name).map((m) => m.version)).toEqual(Array.from({ length: SCHEMA_LATEST }, (_, n) => n + 1));
  });

  it.each(Array.from({ length: SCHEMA_LATEST - 1 }, (_, n) => n + 1))('upgrade a schema-%i store in place and keep what it holds', async (from) => {
    const db = await engine.fresh();
    const old = await connect(engine.name, db);
    expect(await schemaVersion(old, engine.name)).toBe(0);
    // What an older ktriage left: its schema steps only, one host in it.
    await old.schema.createTable('ktriage_schema').addColumn('version', 'integer').execute();
    for (const step of migrations(engine.name).slice(0, from)) await step.up(old);
    await old.insertInto('ktriage_schema').values({ version: from }).execute();
    await old.insertInto('hosts').values({ name: 'node-2', first_ms: 1, last_ms: 2 }).execute();
    await old.destroy();

    const store = await Store.open(storeLocation(db), { create: false });
    try {
      expect(await schemaVersion(store.db, engine.name)).toBe(SCHEMA_LATEST);
      expect((await store.db.selectFrom('hosts').selectAll().execute()).map((h) => h.name)).toEqual(['node-2']);
    } finally {
      await store.close();
    }
    expect(await indexesOf(engine.name, db)).toEqual(['occurrences_counts', 'occurrences_last', 'occurrences_latest', 'occurrences_problem_host', 'occurrences_timeline']);
    expect(await rawSql(db, 'select version from ktriage_schema')).toEqual([{ version: SCHEMA_LATEST }]);
  });

  it("5: a schema-4 store's problem reads the same after the covering indexes (on SQLite from the indexes alone)", async () => {
    const db = await engine.fresh();
    const old = await connect(engine.name, db);
    await old.schema.createTable('ktriage_schema').addColumn('version', 'integer').execute();
    for (const step of migrations(engine.name).slice(0, 4)) await step.up(old);
    await old.insertInto('ktriage_schema').values({ version: 4 }).execute();
    // Ingested by schema 4's code (the tables are the same; migration 5 adds indexes only).
    const at4 = new Store(old, engine.name, storeLocation(db));
    const { result } = await analyzePaths([NODE2]);
    const [k1, k2, k3] = ['4.18.0-305.el8.x86_64', '4.18.0-348.el8.x86_64', '4.18.0-372.el8.x86_64'];
    const days = [fleetDay(result, 'node-a', k1!, '2026-09-01', 2), fleetDay(result, 'node-b', k2!, '2026-09-01', 3), fleetDay(result, 'node-a', k2!, '2026-09-02', 1), fleetDay(result, 'node-b', k3!, '2026-09-03', 0), fleetDay(result, 'node-c', k3!, '2026-09-03', 0)];
    for (const day of days) await ingestResult(at4, day.result, day.digests);
    await at4.close();

    const store = await Store.open(storeLocation(db), { create: false });
    try {
      const detail = (await problemDetail(store, '1'))!;
      expect(detail.problem).toMatchObject({ hosts: 2, occurrences: 6 });
      expect(detail.hosts.map((h) => [h.name, h.occurrences, h.lastSeen])).toEqual([
        ['node-a', 3, '2026-09-02T00:01:00.000Z'],
        ['node-b', 3, '2026-09-01T02:01:00.000Z'],
      ]);
      expect(detail.kernels.map((k) => [k.release, k.hosts, k.occurrences])).toEqual([
        [k1, 1, 2],
        [k2, 2, 4],
      ]);
      // node-b ran k3 after and had it no more; node-c ran k3 too but never had the problem.
      expect(detail.stoppedAfter).toEqual({ lastAffected: k2, firstClean: k3, cleanHosts: ['node-b'] });
      expect(detail.timeline.map((o) => `${o.host} ${o.kernel} ${o.firstSeen}`)).toEqual([
        `node-a ${k1} 2026-09-01T00:00:00.000Z`,
        `node-b ${k2} 2026-09-01T00:00:00.000Z`,
        `node-a ${k1} 2026-09-01T01:00:00.000Z`,
        `node-b ${k2} 2026-09-01T01:00:00.000Z`,
        `node-b ${k2} 2026-09-01T02:00:00.000Z`,
        `node-a ${k2} 2026-09-02T00:00:00.000Z`,
      ]);
      expect(detail.timelineMore).toBe(0);
      expect(detail.latest).toMatchObject({ host: 'node-a', kernel: k2, lastSeen: '2026-09-02T00:01:00.000Z' });
    } finally {
      await store.close();
    }
    if (engine.name !== 'sqlite') return;
    // What the timeline, hosts and kernels read is in their indexes: no occurrence row (each holds its incident's JSON).
    const plan = async (q: string) => (await rawSql(db, `explain query plan ${q}`)).map((r) => r['detail']).join(' | ');
    expect(await plan('select host_id, input_id, kernel_id, role, first_ms, last_ms, reports from occurrences where problem_id = 1 order by first_ms, id limit 500')).toContain('COVERING INDEX occurrences_timeline');
    expect(await plan('select host_id, sum(occurrences), min(first_ms), max(last_ms) from problem_hosts where problem_id = 1 group by host_id')).toContain('COVERING INDEX problem_hosts_by_host');
    expect(await plan('select kernel_id, count(distinct host_id), sum(occurrences), min(first_ms), max(last_ms) from problem_hosts where problem_id = 1 group by kernel_id')).toContain('COVERING INDEX problem_hosts_by_kernel');
  });

  it('run once: opening an up-to-date store changes nothing', async () => {
    const db = await engine.fresh();
    const fresh = await connect(engine.name, db);
    expect(await migrate(fresh, engine.name, 0)).toBe(SCHEMA_LATEST);
    await fresh.destroy();
    for (let n = 0; n < 2; n++) await (await Store.open(storeLocation(db), { create: false })).close();
    const rows = await rawSql(db, 'select count(*) as n from ktriage_schema');
    expect(Number(rows[0]!['n'])).toBe(1);
  });
});
