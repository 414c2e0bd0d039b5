import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';

/** A way to make empty stores of one engine for a test file. */
export interface TestEngine {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty store's --db value. */
  fresh(): Promise<string>;
}

const PG_URL = process.env['KTRIAGE_TEST_PG_URL'];

/** SQLite always; PostgreSQL when KTRIAGE_TEST_PG_URL names a server we may create databases on (.ci/start-postgres.sh). */
export function testEngines(): TestEngine[] {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const engines: TestEngine[] = [{ name: 'sqlite', fresh: async () => join(dir, `store-${++n}`, 'ktriage.db') }];
  if (PG_URL) engines.push({ name: 'postgres', fresh: () => freshPgDatabase(PG_URL) });
  else console.log('store tests: PostgreSQL skipped (KTRIAGE_TEST_PG_URL is not set; .ci/start-postgres.sh starts a server)');
  return engines;
}

const created: string[] = [];

/** A new database on the test server, dropped when the file's tests end. */
async function freshPgDatabase(base: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `ktriage_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  if (created.length === 0) afterAll(dropCreated);
  created.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropCreated(): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const name of created.splice(0)) await client.query(`drop database if exists ${name} with (force)`);
  await client.end();
}

/** Runs SQL on a store directly (to look at what was stored, or to break it on purpose). */
export async function rawSql(db: string, statement: string): Promise<Record<string, unknown>[]> {
  if (db.startsWith('postgres')) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      return (await client.query(statement)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(db);
  try {
    const st = sqlite.prepare(statement);
    return st.reader ? (st.all() as Record<string, unknown>[]) : (st.run(), []);
  } finally {
    sqlite.close();
  }
}
