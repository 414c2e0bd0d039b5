import { sql, type Kysely, type Selectable } from 'kysely';
import type { Incident } from '../result/schema.js';
import { compareReleases } from './kernel-release.js';
import type { Store } from './open.js';
import { fleetClock } from './status.js';
import type { ProblemsTable, StoreTables } from './tables.js';
import type { HostCount, HostList, HostRow, KernelCount, OccurrenceRow, ProblemDetail, ProblemFilter, ProblemList, ProblemRow } from './views.js';

const DEFAULT_LIMIT = 100;
const TIMELINE_LIMIT = 500;

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/** A shell glob as a LIKE pattern (escape `\`): `*` any text, `?` one character; `%` and `_` match themselves. */
export function globToLike(glob: string, anywhere = false): string {
  const escaped = glob.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
  return anywhere && !/[*?]/.test(glob) ? `%${escaped}%` : escaped;
}

const likeLower = (column: string, pattern: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;

/** A problem's row with what its occurrences add up to. */
type AggregateRow = Selectable<ProblemsTable> & { hosts: number; occurrences: number; reports: number };

function toProblemRow(r: AggregateRow): ProblemRow {
  return {
    id: Number(r.id),
    signature: r.signature,
    signatureText: r.signature_text,
    signatureVersion: Number(r.signature_version),
    kind: r.kind,
    culprit: r.culprit,
    title: r.title,
    status: r.status,
    knownIssue: r.known_issue,
    hosts: Number(r.hosts),
    occurrences: Number(r.occurrences),
    reports: Number(r.reports),
    firstSeen: iso(r.first_ms),
    lastSeen: iso(r.last_ms),
  };
}

/** The occurrences (not victims) that a filter keeps, grouped by problem, with their counts. */
function aggregated(db: Kysely<StoreTables>, filter: ProblemFilter, clock: number | null) {
  let q = db.selectFrom('occurrences as o').innerJoin('problems as p', 'p.id', 'o.problem_id').where('o.role', '<>', 'victim');
  if (filter.host) q = q.innerJoin('hosts as h', 'h.id', 'o.host_id').where(likeLower('h.name', globToLike(filter.host)));
  if (filter.kernel) q = q.innerJoin('kernels as k', 'k.id', 'o.kernel_id').where(likeLower('k.release', globToLike(filter.kernel, true)));
  if (filter.sinceMs !== null && filter.sinceMs !== undefined && clock !== null) q = q.where('o.last_ms', '>=', clock - filter.sinceMs);
  if (filter.kind) q = q.where('p.kind', '=', filter.kind);
  if (filter.onlyNew) q = q.where('p.status', '=', 'new');
  return q
    .select([
      'p.id',
      'p.signature',
      'p.signature_text',
      'p.signature_version',
      'p.kind',
      'p.culprit',
      'p.title',
      'p.status',
      'p.known_issue',
      sql<number>`count(distinct o.host_id)`.as('hosts'),
      sql<number>`count(o.id)`.as('occurrences'),
      sql<number>`sum(o.reports)`.as('reports'),
      sql<number | null>`min(o.first_ms)`.as('first_ms'),
      sql<number | null>`max(o.last_ms)`.as('last_ms'),
    ])
    .groupBy('p.id');
}

/** Whether a filter keeps some occurrences of a problem and not others (then the sums are of the kept ones). */
const filtersOccurrences = (f: ProblemFilter): boolean => Boolean(f.host || f.kernel || (f.sinceMs !== null && f.sinceMs !== undefined));

/**
 * The problems a filter keeps, with their sums: the sums each ingest keeps in `problems` (a row per problem) when the
 * filter is on problems only, else those of the occurrences it keeps.
 */
function problemRows(db: Kysely<StoreTables>, filter: ProblemFilter, clock: number | null) {
  if (filtersOccurrences(filter)) return db.selectFrom(aggregated(db, filter, clock).as('p')).selectAll();
  let q = db.selectFrom('problems as p').selectAll().where('p.occurrences', '>', 0);
  if (filter.kind) q = q.where('p.kind', '=', filter.kind);
  if (filter.onlyNew) q = q.where('p.status', '=', 'new');
  return q;
}

/** Problems by impact: hosts affected, then occurrences, then the latest seen. */
export async function listProblems(store: Store, filter: ProblemFilter = {}): Promise<ProblemList> {
  return store.read(async (db) => {
    const clock = await fleetClock(db);
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const rows = (await problemRows(db, filter, clock)
      .orderBy('hosts', 'desc')
      .orderBy('occurrences', 'desc')
      .orderBy('last_ms', 'desc')
      .orderBy('id')
      .limit(limit + 1)
      .execute()) as AggregateRow[];
    const more = rows.length > limit ? (await countProblems(db, filter, clock)) - limit : 0;
    return { asOf: iso(clock), filter, problems: rows.slice(0, limit).map(toProblemRow), more };
  });
}

async function countProblems(db: Kysely<StoreTables>, filter: ProblemFilter, clock: number | null): Promise<number> {
  const row = await db
    .selectFrom(problemRows(db, filter, clock).as('a'))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The problem whose signature starts with `prefix` (4 or more hex digits), when only one does. */
async function problemIdBySignature(db: Kysely<StoreTables>, prefix: string): Promise<number | null> {
  if (!/^[0-9a-f]{4,}$/i.test(prefix)) return null;
  const rows = await db.selectFrom('problems').select('id').where('signature', 'like', `${prefix.toLowerCase()}%`).limit(2).execute();
  return rows.length === 1 ? Number(rows[0]!.id) : null;
}

/** A problem's row, with the store's clock and the count of all its occurrences (victims too), in one statement. */
function headOf(db: Kysely<StoreTables>, id: number) {
  return db
    .selectFrom('problems as p')
    .selectAll('p')
    .select([
      (eb) => eb.selectFrom('problems').select(sql<number | null>`max(last_ms)`.as('t')).as('clock'),
      (eb) => eb.selectFrom('occurrences as o').whereRef('o.problem_id', '=', 'p.id').select(sql<number>`count(*)`.as('n')).as('total'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/**
 * One problem, by its number or by (a prefix of) its signature: where and on which kernels it happened, when it
 * stopped, its occurrences and latest diagnosis; null when none matches. Three rounds of statements whatever the
 * problem's size (the second round's five at once on PostgreSQL's pool).
 */
export async function problemDetail(store: Store, ref: string): Promise<ProblemDetail | null> {
  return store.read(async (db) => {
    let head = /^\d+$/.test(ref) ? await headOf(db, Number(ref)) : undefined;
    if (!head) {
      const id = await problemIdBySignature(db, ref);
      if (id !== null) head = await headOf(db, id);
    }
    if (!head) return null;
    const id = Number(head.id);
    const [hosts, kernels, timeline, latest, ran] = await Promise.all([hostsOf(db, id), kernelsOf(db, id), timelineOf(db, id), latestOf(db, id), releasesRan(db, id)]);
    return {
      asOf: iso(head.clock === null ? null : Number(head.clock)),
      problem: toProblemRow(head as AggregateRow),
      hosts,
      kernels,
      stoppedAfter: await stoppedAfter(db, id, kernels, ran),
      timeline,
      timelineMore: Math.max(0, Number(head.total) - TIMELINE_LIMIT),
      latest,
    };
  });
}

// A problem's hosts and kernels are summed from its rows per host and kernel (schema 4), each grouped in the order of
// a covering index (schema 5), then named: no occurrence and no row of `problem_hosts` itself is read.

async function hostsOf(db: Kysely<StoreTables>, problemId: number): Promise<HostCount[]> {
  const perHost = db
    .selectFrom('problem_hosts')
    .where('problem_id', '=', problemId)
    .select(['host_id', sql<number>`sum(occurrences)`.as('n'), sql<number | null>`min(first_ms)`.as('f'), sql<number | null>`max(last_ms)`.as('l')])
    .groupBy('host_id');
  const rows = await db.selectFrom(perHost.as('a')).innerJoin('hosts as h', 'h.id', 'a.host_id').select(['h.name', 'a.n', 'a.f', 'a.l']).orderBy('a.l', 'desc').orderBy('h.name').execute();
  return rows.map((h) => ({ name: h.name, occurrences: Number(h.n), firstSeen: iso(h.f), lastSeen: iso(h.l) }));
}

/** Oldest release first. */
async function kernelsOf(db: Kysely<StoreTables>, problemId: number): Promise<KernelCount[]> {
  const perKernel = db
    .selectFrom('problem_hosts')
    .where('problem_id', '=', problemId)
    .select(['kernel_id', sql<number>`count(distinct host_id)`.as('h'), sql<number>`sum(occurrences)`.as('n'), sql<number | null>`min(first_ms)`.as('f'), sql<number | null>`max(last_ms)`.as('l')])
    .groupBy('kernel_id');
  const rows = await db.selectFrom(perKernel.as('a')).innerJoin('kernels as k', 'k.id', 'a.kernel_id').select(['k.release', 'k.arch', 'k.distro', 'a.h', 'a.n', 'a.f', 'a.l']).execute();
  return rows
    .map((k) => ({ release: k.release, arch: k.arch, distro: k.distro, hosts: Number(k.h), occurrences: Number(k.n), firstSeen: iso(k.f), lastSeen: iso(k.l) }))
    .sort((a, b) => compareReleases(a.release, b.release));
}

/** The first occurrences (victims too), oldest first, read from the timeline's covering index (schema 5). */
async function timelineOf(db: Kysely<StoreTables>, problemId: number): Promise<OccurrenceRow[]> {
  const rows = await db
    .selectFrom('occurrences as o')
    .where('o.problem_id', '=', problemId)
    .innerJoin('hosts as h', 'h.id', 'o.host_id')
    .innerJoin('inputs as i', 'i.id', 'o.input_id')
    .leftJoin('kernels as k', 'k.id', 'o.kernel_id')
    .select(['h.name as host', 'k.release as kernel', 'o.role', 'o.first_ms', 'o.last_ms', 'o.reports', 'i.path as input'])
    .orderBy('o.first_ms')
    .orderBy('o.id')
    .limit(TIMELINE_LIMIT)
    .execute();
  return rows.map((o) => ({ host: o.host, kernel: o.kernel, role: o.role, firstSeen: iso(o.first_ms), lastSeen: iso(o.last_ms), reports: Number(o.reports), input: o.input }));
}

/** The latest occurrence's diagnosis: the index gives its row (victims skipped in the index), the one row read whole. */
async function latestOf(db: Kysely<StoreTables>, problemId: number): Promise<Incident | null> {
  const row = await db
    .selectFrom('occurrences as o')
    .where('o.problem_id', '=', problemId)
    .where('o.role', '<>', 'victim')
    .select('o.incident')
    .orderBy('o.last_ms', 'desc')
    .orderBy('o.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? (JSON.parse(row.incident) as Incident) : null;
}

const hostsWith = (db: Kysely<StoreTables>, problemId: number) => db.selectFrom('problem_hosts').select('host_id').where('problem_id', '=', problemId);

/** The releases that the hosts which had the problem were seen running (a few), from their inputs and incidents. */
function releasesRan(db: Kysely<StoreTables>, problemId: number) {
  const ran = db.selectFrom('host_kernels').select('kernel_id').where('host_id', 'in', hostsWith(db, problemId));
  return db.selectFrom('kernels').select(['id', 'release']).where('id', 'in', ran).execute();
}

/**
 * The first release newer than every release the problem was seen on, that hosts which had it later ran without it
 * again, with those hosts (read only when there is such a release).
 */
async function stoppedAfter(
  db: Kysely<StoreTables>,
  problemId: number,
  affected: readonly KernelCount[],
  ran: readonly { id: number; release: string }[],
): Promise<ProblemDetail['stoppedAfter']> {
  const lastAffected = affected.at(-1)?.release;
  if (!lastAffected) return null;
  const firstClean = ran.filter((k) => compareReleases(k.release, lastAffected) > 0).sort((a, b) => compareReleases(a.release, b.release))[0];
  if (!firstClean) return null;
  const clean = await db
    .selectFrom('hosts as h')
    .select('h.name')
    .where('h.id', 'in', db.selectFrom('host_kernels').select('host_id').where('kernel_id', '=', Number(firstClean.id)).where('host_id', 'in', hostsWith(db, problemId)))
    .orderBy('h.name')
    .execute();
  return { lastAffected, firstClean: firstClean.release, cleanHosts: clean.map((h) => h.name) };
}

/** Hosts, the most recently seen first, each with its problems that are not quiet. */
export async function listHosts(store: Store, filter: { host?: string | null; limit?: number } = {}): Promise<HostList> {
  return store.read(async (db) => {
    const clock = await fleetClock(db);
    const limit = filter.limit ?? DEFAULT_LIMIT;
    let q = db.selectFrom('hosts as h');
    if (filter.host) q = q.where(likeLower('h.name', globToLike(filter.host)));
    const hosts = await q.select(['h.id', 'h.name', 'h.first_ms', 'h.last_ms']).orderBy('h.last_ms', 'desc').orderBy('h.name').limit(limit + 1).execute();
    const shown = hosts.slice(0, limit);
    const ids = shown.map((h) => Number(h.id));
    const rows: HostRow[] = [];
    if (ids.length) {
      // From the rows per problem, host and kernel that each ingest keeps, and the kernels each host ran.
      const problems = await db
        .selectFrom('problem_hosts as a')
        .innerJoin('problems as p', 'p.id', 'a.problem_id')
        .where('a.host_id', 'in', ids)
        .where('p.status', '<>', 'quiet')
        .select(['a.host_id', 'p.id', 'p.kind', 'p.title', 'p.status', sql<number>`sum(a.occurrences)`.as('n'), sql<number | null>`max(a.last_ms)`.as('l')])
        .groupBy(['a.host_id', 'p.id', 'p.kind', 'p.title', 'p.status'])
        .execute();
      const counts = await db.selectFrom('problem_hosts').where('host_id', 'in', ids).select(['host_id', sql<number>`sum(occurrences)`.as('n')]).groupBy('host_id').execute();
      const inputs = await db.selectFrom('inputs').where('host_id', 'in', ids).select(['host_id', sql<number>`count(*)`.as('n')]).groupBy('host_id').execute();
      const kernels = await db.selectFrom('host_kernels as r').innerJoin('kernels as k', 'k.id', 'r.kernel_id').where('r.host_id', 'in', ids).select(['r.host_id', 'k.release']).execute();
      for (const h of shown) {
        const id = Number(h.id);
        rows.push({
          name: h.name,
          firstSeen: iso(h.first_ms),
          lastSeen: iso(h.last_ms),
          kernels: kernels.filter((k) => Number(k.host_id) === id).map((k) => k.release).sort(compareReleases),
          inputs: Number(inputs.find((i) => Number(i.host_id) === id)?.n ?? 0),
          occurrences: Number(counts.find((c) => Number(c.host_id) === id)?.n ?? 0),
          openProblems: problems
            .filter((p) => Number(p.host_id) === id)
            .sort((a, b) => Number(b.l ?? 0) - Number(a.l ?? 0))
            .map((p) => ({ id: Number(p.id), kind: p.kind, title: p.title, status: p.status, occurrences: Number(p.n) })),
        });
      }
    }
    const total = hosts.length > limit ? Number((await db.selectFrom('hosts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n) : shown.length;
    return { asOf: iso(clock), hosts: rows, more: total - shown.length };
  });
}
