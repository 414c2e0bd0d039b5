import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Incident } from '../result/schema.js';
import type { ProblemHostsTable, ProblemsTable, StoreTables } from './tables.js';

type Tx = Kysely<StoreTables>;
export type ProblemRecord = Selectable<ProblemsTable>;

/** Rows per multi-row statement: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters at 15 columns a row. */
const ROWS_PER_STATEMENT = 500;

/** Runs `write` on successive slices of `rows` (a multi-row statement each). */
export async function inChunks<T>(rows: readonly T[], write: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let n = 0; n < rows.length; n += ROWS_PER_STATEMENT) await write(rows.slice(n, n + ROWS_PER_STATEMENT));
}

export const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? Number(a) : Math.min(Number(a), b));
export const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? Number(a) : Math.max(Number(a), b));

/**
 * The problems of a batch of incidents by signature: the stored ones read in one statement, the missing ones created
 * in one (kind, culprit and title from the first incident of the signature, no occurrences yet).
 */
export async function problemsOf(tx: Tx, incidents: readonly Incident[], counts: { problemsAdded: number }): Promise<Map<string, ProblemRecord>> {
  const bySignature = new Map<string, ProblemRecord>();
  const signatures = [...new Set(incidents.map((i) => i.signature))];
  await inChunks(signatures, async (slice) => {
    for (const row of await tx.selectFrom('problems').selectAll().where('signature', 'in', slice).execute()) bySignature.set(row.signature, row);
  });
  const missing = new Map<string, Insertable<ProblemsTable>>();
  for (const i of incidents) {
    if (bySignature.has(i.signature) || missing.has(i.signature)) continue;
    missing.set(i.signature, {
      signature: i.signature,
      signature_text: i.signatureText,
      signature_version: i.signatureVersion,
      kind: i.kind,
      culprit: i.culprit?.function ?? null,
      title: i.title,
      first_ms: null,
      last_ms: null,
      status: 'new',
      known_issue: null,
      hosts: 0,
      occurrences: 0,
      reports: 0,
    });
  }
  await inChunks([...missing.values()], async (slice) => {
    for (const row of await tx.insertInto('problems').values(slice).returningAll().execute()) bySignature.set(row.signature, row);
  });
  counts.problemsAdded += missing.size;
  return bySignature;
}

/** What an ingest adds to a problem's occurrences (not victims) on one host and kernel (0: none named). */
export interface SpreadDelta {
  readonly problemId: number;
  readonly hostId: number;
  readonly kernelId: number;
  /** Occurrences added (0 when a stored one was only extended). */
  readonly occurrences: number;
  readonly reports: number;
  readonly first: number | null;
  readonly last: number | null;
}

const spreadKey = (p: number, h: number, k: number) => `${p}/${h}/${k}`;

/**
 * Adds an ingest's deltas to `problem_hosts` and to the problems' sums (hosts, occurrences, reports, first and last
 * seen), reading the stored rows of the touched problems and hosts once and writing each touched row once.
 */
export async function addToAggregates(tx: Tx, deltas: readonly SpreadDelta[], problems: ReadonlyMap<number, ProblemRecord>): Promise<void> {
  if (deltas.length === 0) return;
  const problemIds = [...new Set(deltas.map((d) => d.problemId))];
  const hostIds = [...new Set(deltas.map((d) => d.hostId))];
  const stored = await tx.selectFrom('problem_hosts').selectAll().where('problem_id', 'in', problemIds).where('host_id', 'in', hostIds).execute();
  const rows = new Map<string, Selectable<ProblemHostsTable>>(stored.map((r) => [spreadKey(Number(r.problem_id), Number(r.host_id), Number(r.kernel_id)), r]));
  const pairsBefore = new Set(stored.map((r) => `${Number(r.problem_id)}/${Number(r.host_id)}`));
  const touched = new Map<number, ProblemRecord>();
  for (const d of deltas) {
    const key = spreadKey(d.problemId, d.hostId, d.kernelId);
    const row = rows.get(key) ?? { problem_id: d.problemId, host_id: d.hostId, kernel_id: d.kernelId, occurrences: 0, reports: 0, first_ms: null, last_ms: null };
    rows.set(key, { ...row, occurrences: Number(row.occurrences) + d.occurrences, reports: Number(row.reports) + d.reports, first_ms: minOf(row.first_ms, d.first), last_ms: maxOf(row.last_ms, d.last) });
    const p = touched.get(d.problemId) ?? { ...problems.get(d.problemId)! };
    const newHost = !pairsBefore.has(`${d.problemId}/${d.hostId}`);
    pairsBefore.add(`${d.problemId}/${d.hostId}`);
    touched.set(d.problemId, {
      ...p,
      hosts: Number(p.hosts) + (newHost ? 1 : 0),
      occurrences: Number(p.occurrences) + d.occurrences,
      reports: Number(p.reports) + d.reports,
      first_ms: minOf(p.first_ms, d.first),
      last_ms: maxOf(p.last_ms, d.last),
    });
  }
  const changed = new Set(deltas.map((d) => spreadKey(d.problemId, d.hostId, d.kernelId)));
  await inChunks(
    [...changed].map((k) => rows.get(k)!),
    (slice) =>
      tx
        .insertInto('problem_hosts')
        .values(slice)
        .onConflict((oc) =>
          oc.columns(['problem_id', 'host_id', 'kernel_id']).doUpdateSet((eb) => ({
            occurrences: eb.ref('excluded.occurrences'),
            reports: eb.ref('excluded.reports'),
            first_ms: eb.ref('excluded.first_ms'),
            last_ms: eb.ref('excluded.last_ms'),
          })),
        )
        .execute(),
  );
  // Every column is given (the rows were read whole), so one upsert on the key writes the new sums of all of them.
  await inChunks([...touched.values()], (slice) =>
    tx
      .insertInto('problems')
      .values(slice)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          hosts: eb.ref('excluded.hosts'),
          occurrences: eb.ref('excluded.occurrences'),
          reports: eb.ref('excluded.reports'),
          first_ms: eb.ref('excluded.first_ms'),
          last_ms: eb.ref('excluded.last_ms'),
        })),
      )
      .execute(),
  );
}

/**
 * Derives `problem_hosts` and the problems' sums again from every stored occurrence (after reprocess moved
 * occurrences between problems, and when migration 4 creates them), and `host_kernels` from the inputs and incidents.
 */
export async function rebuildAggregates(tx: Tx): Promise<void> {
  await tx.deleteFrom('problem_hosts').execute();
  await sql`insert into problem_hosts (problem_id, host_id, kernel_id, occurrences, reports, first_ms, last_ms)
    select problem_id, host_id, coalesce(kernel_id, 0), count(*), sum(reports), min(first_ms), max(last_ms)
    from occurrences where role <> 'victim' group by problem_id, host_id, coalesce(kernel_id, 0)`.execute(tx);
  const of = (expr: string) => sql.raw(`(select ${expr} from problem_hosts a where a.problem_id = problems.id)`);
  await tx
    .updateTable('problems')
    .set({
      hosts: sql<number>`${of('count(distinct a.host_id)')}`,
      occurrences: sql<number>`coalesce(${of('sum(a.occurrences)')}, 0)`,
      reports: sql<number>`coalesce(${of('sum(a.reports)')}, 0)`,
      first_ms: sql<number>`${of('min(a.first_ms)')}`,
      last_ms: sql<number>`${of('max(a.last_ms)')}`,
    })
    .execute();
  await tx.deleteFrom('host_kernels').execute();
  await sql`insert into host_kernels (host_id, kernel_id)
    select host_id, kernel_id from inputs where host_id is not null and kernel_id is not null
    union select host_id, kernel_id from occurrences where kernel_id is not null`.execute(tx);
}
