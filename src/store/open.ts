import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import { classifyStoreError, StoreError } from './errors.js';
import type { StoreLocation } from './location.js';
import { migrate, SCHEMA_LATEST, schemaVersion, type Engine } from './migrations.js';
import type { StoreTables } from './tables.js';

/** A writer waits this long for another writer's transaction before giving up (SQLite busy timeout). */
const BUSY_TIMEOUT_MS = 15_000;
/** A PostgreSQL server that does not answer within this is reported unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Writers of one PostgreSQL store take this advisory lock: one ingest at a time, like SQLite's single writer. */
const PG_WRITE_LOCK = 0x6b747269; // "ktri"

export interface OpenOptions {
  /** Create the SQLite file (and its folder) when it does not exist: ingest does, the queries do not. */
  readonly create: boolean;
}

/** An open incident store at the latest schema version, on SQLite or PostgreSQL. */
export class Store {
  constructor(
    readonly db: Kysely<StoreTables>,
    readonly engine: Engine,
    readonly location: StoreLocation,
  ) {}

  static async open(location: StoreLocation, options: OpenOptions): Promise<Store> {
    const store = location.engine === 'sqlite' ? await openSqlite(location.path, options) : await openPostgres(location.url, location);
    try {
      await store.upgrade();
      return store;
    } catch (error) {
      await store.close();
      throw classifyStoreError(error, location);
    }
  }

  /**
   * Runs `work` as the only writer, in one transaction: all of it is stored or none (an error, a kill or a full disk
   * in the middle leaves the store as it was). SQLite: BEGIN IMMEDIATE takes the write lock at once (waiting up to the
   * busy timeout); PostgreSQL: a transaction-scoped advisory lock.
   */
  async write<T>(work: (tx: Kysely<StoreTables>) => Promise<T>): Promise<T> {
    try {
      return await this.db.connection().execute(async (conn) => {
        await sql.raw(this.engine === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
        try {
          if (this.engine === 'postgres') await sql`select pg_advisory_xact_lock(${PG_WRITE_LOCK})`.execute(conn);
          const out = await work(conn);
          // The interruption test's failpoint: the process dies with everything written but not committed.
          if (process.env['KTRIAGE_STORE_DIE_BEFORE_COMMIT'] === '1') process.kill(process.pid, 'SIGKILL');
          await sql.raw('commit').execute(conn);
          return out;
        } catch (error) {
          await sql.raw('rollback').execute(conn).catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      throw classifyStoreError(error, this.location);
    }
  }

  /** Runs a read, with the engine's errors turned into store problems. */
  async read<T>(work: (db: Kysely<StoreTables>) => Promise<T>): Promise<T> {
    try {
      return await work(this.db);
    } catch (error) {
      throw classifyStoreError(error, this.location);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy().catch(() => undefined);
  }

  /** Refuses a newer schema; runs the missing migrations under the write lock (another process may be at it too). */
  private async upgrade(): Promise<void> {
    const seen = await schemaVersion(this.db, this.engine);
    if (seen > SCHEMA_LATEST) throw newerSchema(seen, this.location);
    if (seen === SCHEMA_LATEST) return;
    await this.write(async (tx) => {
      const now = await schemaVersion(tx, this.engine);
      if (now > SCHEMA_LATEST) throw newerSchema(now, this.location);
      if (now < SCHEMA_LATEST) await migrate(tx, this.engine, now);
    });
  }
}

function newerSchema(version: number, location: StoreLocation): StoreError {
  return new StoreError('newerSchema', `schema version ${version}, this ktriage knows up to ${SCHEMA_LATEST}`, location);
}

async function openSqlite(path: string, options: OpenOptions): Promise<Store> {
  const location: StoreLocation = { engine: 'sqlite', path };
  if (!existsSync(path)) {
    if (!options.create) throw new StoreError('missing', 'no store yet: `ktriage ingest PATH` creates it', location);
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw classifyStoreError(error, location);
    }
  }
  // (loaded here: analyze never needs the native module)
  const { default: Database } = await import('better-sqlite3');
  let database: import('better-sqlite3').Database;
  try {
    database = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw classifyStoreError(error, location);
  }
  try {
    // Reading the catalog first: a file that is not a database fails here, before anything could be written to it.
    database.prepare('select count(*) from sqlite_master').get();
    if (!database.readonly) setWal(database);
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw classifyStoreError(error, location);
  }
  return new Store(new Kysely<StoreTables>({ dialect: new SqliteDialect({ database: keepingStatements(database) }) }), 'sqlite', location);
}

/** Statements kept compiled by their SQL text, at most this many: an ingest runs the same few for every result. */
const STATEMENTS_KEPT = 256;

/** The database as Kysely's dialect sees it, preparing each distinct SQL text once (Kysely prepares on every query). */
function keepingStatements(database: import('better-sqlite3').Database): SqliteDatabase {
  const kept = new Map<string, import('better-sqlite3').Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = kept.get(text);
      if (!statement) {
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
        statement = database.prepare(text);
        kept.set(text, statement);
      }
      return statement;
    },
  };
}

/** WAL lets the queries read while an ingest writes; a file we may only read keeps its journal mode. */
function setWal(database: import('better-sqlite3').Database): void {
  try {
    database.pragma('journal_mode = WAL');
  } catch (error) {
    if (!String((error as { code?: string }).code).startsWith('SQLITE_READONLY')) throw error;
  }
}

async function openPostgres(url: string, location: StoreLocation): Promise<Store> {
  const { default: pg } = await import('pg');
  // int8 (counts, epoch milliseconds) and numeric (sums) as numbers: they stay far below 2^53 here.
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format as 'text')) };
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'ktriage', types } as import('pg').PoolConfig);
  // An idle connection the server drops must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw classifyStoreError(error, location);
  }
  return new Store(new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) }), 'postgres', location);
}
