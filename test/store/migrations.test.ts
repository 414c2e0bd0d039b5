// Numbered migrations: a store made by an older ktriage (schema 1) is upgraded in place, its data kept.
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, SCHEMA_LATEST, schemaVersion, type Engine } from '../../src/store/migrations.js';
import { Store } from '../../src/store/open.js';
import { storeLocation } from '../../src/store/location.js';
import type { StoreTables } from '../../src/store/tables.js';
import { rawSql, testEngines } from './engines.js';

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

  it('upgrade a schema-1 store in place and keep what it holds', async () => {
    const db = await engine.fresh();
    const old = await connect(engine.name, db);
    expect(await schemaVersion(old, engine.name)).toBe(0);
    // What the first ktriage with a store left: schema 1 only, one host in it.
    await old.schema.createTable('ktriage_schema').addColumn('version', 'integer').execute();
    await migrations(engine.name)[0]!.up(old);
    await old.insertInto('ktriage_schema').values({ version: 1 }).execute();
    await old.insertInto('hosts').values({ name: 'node-2', first_ms: 1, last_ms: 2 }).execute();
    expect(await indexesOf(engine.name, db)).toEqual([]);
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
