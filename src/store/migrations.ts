import { sql, type Kysely } from 'kysely';
import { rebuildAggregates } from './aggregates.js';
import type { StoreTables } from './tables.js';

/** One step of the schema, the same on SQLite and PostgreSQL; run once, in order, inside the writer's transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<StoreTables>): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations build tables that are not in the typed schema yet
type AnyDb = Kysely<any>;

export type Engine = 'sqlite' | 'postgres';

function createTables(db: AnyDb, engine: Engine) {
  // SQLite's rowid alias must be spelled `integer primary key`; PostgreSQL counts with a sequence.
  const key = engine === 'postgres' ? 'bigserial' : 'integer';
  return [
    db.schema.createTable('hosts').addColumn('id', key, (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull().unique()).addColumn('first_ms', 'bigint').addColumn('last_ms', 'bigint'),
    db.schema
      .createTable('kernels')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('release', 'text', (c) => c.notNull().unique())
      .addColumn('arch', 'text')
      .addColumn('distro', 'text'),
    db.schema
      .createTable('inputs')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('host_id', 'bigint', (c) => c.references('hosts.id'))
      .addColumn('kernel_id', 'bigint', (c) => c.references('kernels.id'))
      .addColumn('lines', 'bigint', (c) => c.notNull())
      .addColumn('first_ms', 'bigint')
      .addColumn('last_ms', 'bigint')
      .addColumn('first_seen', 'text')
      .addColumn('last_seen', 'text')
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      .addColumn('tool_version', 'text', (c) => c.notNull()),
    db.schema
      .createTable('problems')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('signature', 'text', (c) => c.notNull().unique())
      .addColumn('signature_text', 'text', (c) => c.notNull())
      .addColumn('signature_version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('culprit', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('first_ms', 'bigint')
      .addColumn('last_ms', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('known_issue', 'text'),
    db.schema
      .createTable('occurrences')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('problem_id', 'bigint', (c) => c.notNull().references('problems.id'))
      .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
      .addColumn('kernel_id', 'bigint', (c) => c.references('kernels.id'))
      .addColumn('input_id', 'bigint', (c) => c.notNull().references('inputs.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('caused_by', 'bigint')
      .addColumn('task', 'text', (c) => c.notNull())
      .addColumn('first_ms', 'bigint')
      .addColumn('last_ms', 'bigint')
      .addColumn('first_seen', 'text')
      .addColumn('last_seen', 'text')
      .addColumn('first_uptime', 'double precision')
      .addColumn('reports', 'integer', (c) => c.notNull())
      .addColumn('incident', 'text', (c) => c.notNull()),
    db.schema
      .createTable('events')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('input_id', 'bigint', (c) => c.notNull().references('inputs.id'))
      .addColumn('host_id', 'bigint', (c) => c.references('hosts.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('notable', 'integer', (c) => c.notNull())
      .addColumn('errno', 'integer')
      .addColumn('first_ms', 'bigint')
      .addColumn('last_ms', 'bigint'),
  ];
}

/** Every schema step so far, oldest first; a store records the last one it ran in `ktriage_schema`. */
export function migrations(engine: Engine): readonly Migration[] {
  return [
    {
      version: 1,
      name: 'hosts, kernels, inputs, problems, occurrences, events',
      async up(db) {
        for (const table of createTables(db as AnyDb, engine)) await table.execute();
      },
    },
    {
      version: 2,
      name: 'indexes for the problems, problem and hosts queries and for merging occurrences',
      async up(db) {
        const d = db as AnyDb;
        await d.schema.createIndex('occurrences_problem_host').on('occurrences').columns(['problem_id', 'host_id', 'task', 'first_ms']).execute();
        await d.schema.createIndex('occurrences_host').on('occurrences').columns(['host_id', 'problem_id']).execute();
        await d.schema.createIndex('occurrences_last').on('occurrences').column('last_ms').execute();
        await d.schema.createIndex('events_input').on('events').column('input_id').execute();
        await d.schema.createIndex('problems_last').on('problems').column('last_ms').execute();
      },
    },
    {
      version: 3,
      name: 'a covering index for the problem counts (the queries no longer read the rows holding the incidents JSON)',
      async up(db) {
        await (db as AnyDb).schema
          .createIndex('occurrences_counts')
          .on('occurrences')
          .columns(['problem_id', 'role', 'host_id', 'kernel_id', 'reports', 'first_ms', 'last_ms'])
          .execute();
      },
    },
    {
      version: 4,
      name: 'per-problem sums and per problem, host and kernel counts kept by each ingest; the kernels each host ran; indexes for the timeline and latest diagnosis',
      async up(db) {
        const d = db as AnyDb;
        for (const column of ['hosts', 'occurrences', 'reports']) await d.schema.alterTable('problems').addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0)).execute();
        await d.schema
          .createTable('problem_hosts')
          .addColumn('problem_id', 'bigint', (c) => c.notNull().references('problems.id'))
          .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
          // 0 when the incidents named no kernel: a key column cannot be NULL on both engines alike.
          .addColumn('kernel_id', 'bigint', (c) => c.notNull())
          .addColumn('occurrences', 'bigint', (c) => c.notNull())
          .addColumn('reports', 'bigint', (c) => c.notNull())
          .addColumn('first_ms', 'bigint')
          .addColumn('last_ms', 'bigint')
          .addPrimaryKeyConstraint('problem_hosts_key', ['problem_id', 'host_id', 'kernel_id'])
          .execute();
        await d.schema.createIndex('problem_hosts_host').on('problem_hosts').columns(['host_id', 'problem_id']).execute();
        await d.schema
          .createTable('host_kernels')
          .addColumn('host_id', 'bigint', (c) => c.notNull().references('hosts.id'))
          .addColumn('kernel_id', 'bigint', (c) => c.notNull().references('kernels.id'))
          .addPrimaryKeyConstraint('host_kernels_key', ['host_id', 'kernel_id'])
          .execute();
        await d.schema.createIndex('occurrences_timeline').on('occurrences').columns(['problem_id', 'first_ms', 'id']).execute();
        await d.schema.createIndex('occurrences_latest').on('occurrences').columns(['problem_id', 'last_ms', 'id']).execute();
        await d.schema.createIndex('inputs_host').on('inputs').column('host_id').execute();
        // The hosts queries read problem_hosts and host_kernels now: one index less to write per occurrence.
        await d.schema.dropIndex('occurrences_host').execute();
        await rebuildAggregates(db);
      },
    },
    {
      version: 5,
      name: 'covering indexes for `problem ID`: its timeline, hosts and kernels read index entries only, its latest diagnosis one occurrence row',
      async up(db) {
        const d = db as AnyDb;
        // An occurrence row holds its incident's JSON (kilobytes): the timeline's 500 rows were 500 pages read.
        await d.schema.dropIndex('occurrences_timeline').execute();
        await d.schema.createIndex('occurrences_timeline').on('occurrences').columns(['problem_id', 'first_ms', 'id', 'host_id', 'input_id', 'kernel_id', 'role', 'last_ms', 'reports']).execute();
        // The role in the index: victims are passed over without reading their rows.
        await d.schema.dropIndex('occurrences_latest').execute();
        await d.schema.createIndex('occurrences_latest').on('occurrences').columns(['problem_id', 'last_ms', 'id', 'role']).execute();
        // Summed per host and per kernel in index order, without a sort or a read of the rows.
        await d.schema.createIndex('problem_hosts_by_host').on('problem_hosts').columns(['problem_id', 'host_id', 'occurrences', 'first_ms', 'last_ms']).execute();
        await d.schema.createIndex('problem_hosts_by_kernel').on('problem_hosts').columns(['problem_id', 'kernel_id', 'host_id', 'occurrences', 'first_ms', 'last_ms']).execute();
        // The hosts that ran the first clean release, among those that had the problem.
        await d.schema.createIndex('host_kernels_kernel').on('host_kernels').columns(['kernel_id', 'host_id']).execute();
      },
    },
  ];
}

/** The schema version this ktriage writes. */
export const SCHEMA_LATEST = migrations('sqlite').at(-1)!.version;

/** The version a store is at: 0 for an empty database (no ktriage tables yet). */
export async function schemaVersion(db: Kysely<StoreTables>, engine: Engine): Promise<number> {
  const exists =
    engine === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'ktriage_schema'`.execute(db)
      : await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'ktriage_schema'`.execute(db);
  if (Number(exists.rows[0]?.n ?? 0) === 0) return 0;
  const row = await db.selectFrom('ktriage_schema').select('version').executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** Runs the steps after `from`, and records the new version (the caller holds the write lock). */
export async function migrate(db: Kysely<StoreTables>, engine: Engine, from: number): Promise<number> {
  if (from === 0) await (db as AnyDb).schema.createTable('ktriage_schema').ifNotExists().addColumn('version', 'integer', (c) => c.notNull()).execute();
  const steps = migrations(engine).filter((m) => m.version > from);
  for (const step of steps) await step.up(db);
  const to = steps.at(-1)?.version ?? from;
  if (from === 0) await db.insertInto('ktriage_schema').values({ version: to }).execute();
  else if (to !== from) await db.updateTable('ktriage_schema').set({ version: to }).execute();
  return to;
}
