import type { Insertable, Kysely } from 'kysely';
import type { Incident, Result } from '../result/schema.js';
import { TOOL_VERSION } from '../version.js';
import { addToAggregates, inChunks, maxOf, minOf, problemsOf, type ProblemRecord, type SpreadDelta } from './aggregates.js';
import { kernelBuild } from './kernel-release.js';
import type { Store } from './open.js';
import { refreshStatuses } from './status.js';
import type { OccurrencesTable, StoreTables } from './tables.js';
import { epochMs } from '../time/spans.js';

/** What identifies an input's bytes: their SHA-256 and size (the CLI hashes the files it was given). */
export interface InputDigest {
  readonly sha256: string;
  readonly size: number;
}

export interface IngestSummary {
  /** Inputs stored now. */
  readonly inputsAdded: number;
  /** Inputs whose bytes were stored before (same SHA-256): nothing of them was added again. */
  readonly inputsKnown: number;
  /** Occurrences added, and occurrences already stored that the same lines (another copy) extended. */
  readonly occurrencesAdded: number;
  readonly occurrencesMerged: number;
  /** Problems (signatures) seen for the first time. */
  readonly problemsAdded: number;
}

type Tx = Kysely<StoreTables>;

/** Host name for lines that name none (bare dmesg without a folder or bundle name). */
export const UNKNOWN_HOST = '(unknown host)';

/**
 * Stores a result: its new inputs, their incidents as occurrences of problems (keyed by signature) and their event
 * summaries, in one transaction. Inputs already stored (by SHA-256) add nothing; an incident whose lines another stored
 * input already covered (same problem, same host, overlapping time) extends that occurrence instead of adding one.
 * A result costs a fixed number of statements, whatever its number of incidents (multi-row reads and writes).
 */
export async function ingestResult(store: Store, result: Result, digests: ReadonlyMap<string, InputDigest>): Promise<IngestSummary> {
  return store.write(async (tx) => {
    const digestOf = (path: string) => digests.get(path) ?? fail(`no digest for input ${path}`);
    const inputIds = new Map<string, number>();
    const shas = result.inputs.map((i) => digestOf(i.path).sha256);
    const stored = new Map<string, number>();
    await inChunks(shas, async (slice) => {
      for (const row of await tx.selectFrom('inputs').select(['id', 'sha256']).where('sha256', 'in', slice).execute()) stored.set(row.sha256, Number(row.id));
    });
    const fresh = result.inputs.filter((i) => !stored.has(digestOf(i.path).sha256));
    for (const input of result.inputs) if (stored.has(digestOf(input.path).sha256)) inputIds.set(input.path, stored.get(digestOf(input.path).sha256)!);
    const none: IngestSummary = { inputsAdded: 0, inputsKnown: result.inputs.length - fresh.length, occurrencesAdded: 0, occurrencesMerged: 0, problemsAdded: 0 };
    if (fresh.length === 0) return none;

    const hosts = new HostIds(tx);
    const kernels = new KernelIds(tx);
    const ran = new HostKernels();
    const onlyKernel = result.summary.kernels.length === 1 ? await kernels.id(result.summary.kernels[0]!) : null;
    const now = new Date().toISOString();
    for (const input of fresh) {
      const digest = digestOf(input.path);
      const hostId = input.host ? await hosts.id(input.host) : null;
      const row = await tx
        .insertInto('inputs')
        .values({
          sha256: digest.sha256,
          path: input.path,
          size: digest.size,
          format: input.format,
          host_id: hostId,
          kernel_id: onlyKernel,
          lines: input.lines,
          first_ms: epochMs(input.firstSeen),
          last_ms: epochMs(input.lastSeen),
          first_seen: input.firstSeen,
          last_seen: input.lastSeen,
          ingested_at: now,
          tool_version: TOOL_VERSION,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      inputIds.set(input.path, Number(row.id));
      if (hostId !== null) {
        hosts.saw(hostId, epochMs(input.firstSeen), epochMs(input.lastSeen));
        if (onlyKernel !== null) ran.add(hostId, onlyKernel);
      }
    }

    const counts = { occurrencesAdded: 0, occurrencesMerged: 0, problemsAdded: 0 };
    // A victim is filed under its culprit's problem.
    const byId = new Map(result.incidents.map((i) => [i.id, i]));
    const ownerOf = (i: Incident): Incident => (i.role === 'victim' && i.causedBy ? (byId.get(i.causedBy) ?? i) : i);
    const problems = await problemsOf(tx, result.incidents.map(ownerOf), counts);
    const keys: OccurrenceKey[] = [];
    // Culprits and standalone incidents first: a victim names its culprit's occurrence.
    const ordered = [...result.incidents].sort((a, b) => Number(a.role === 'victim') - Number(b.role === 'victim'));
    for (const incident of ordered) {
      const inputId = inputIds.get(incident.evidence[0]?.path ?? incident.lines[0]?.path ?? '') ?? inputIds.values().next().value!;
      const hostId = await hosts.id(incident.host ?? result.inputs.find((i) => inputIds.get(i.path) === inputId)?.host ?? UNKNOWN_HOST);
      const kernelId = incident.kernel ? await kernels.id(incident.kernel) : null;
      keys.push({ problem: problems.get(ownerOf(incident).signature)!, hostId, kernelId, inputId, incident });
      hosts.saw(hostId, epochMs(incident.firstSeen), epochMs(incident.lastSeen));
      if (kernelId !== null) ran.add(hostId, kernelId);
    }
    const deltas = await storeOccurrences(tx, keys, counts);
    await addToAggregates(tx, deltas, new Map([...problems.values()].map((p) => [Number(p.id), p])));

    const freshPaths = new Set(fresh.map((i) => i.path));
    const events = [];
    for (const event of result.events) {
      if (!freshPaths.has(event.example.path)) continue;
      events.push({
        input_id: inputIds.get(event.example.path)!,
        host_id: event.host ? await hosts.id(event.host) : null,
        kind: event.kind,
        template: event.template,
        count: event.count,
        notable: event.notable ? 1 : 0,
        errno: event.errno,
        first_ms: epochMs(event.firstSeen),
        last_ms: epochMs(event.lastSeen),
      });
    }
    await inChunks(events, (slice) => tx.insertInto('events').values(slice).execute());
    await ran.save(tx);
    await hosts.save();
    // The statuses count from the problems' newest time: an ingest that touched no problem changes none.
    if (deltas.length > 0) await refreshStatuses(tx);
    return { ...none, inputsAdded: fresh.length, ...counts };
  });
}

function fail(message: string): never {
  throw new Error(message);
}

/** Ids of hosts by name, created on first use, with the span of time the store has seen them in (written once, at the end). */
class HostIds {
  private readonly rows = new Map<string, { id: number; first: number | null; last: number | null; changed: boolean }>();
  private readonly byId = new Map<number, { id: number; first: number | null; last: number | null; changed: boolean }>();
  constructor(private readonly tx: Tx) {}

  async id(name: string): Promise<number> {
    const known = this.rows.get(name);
    if (known) return known.id;
    // Read first: a stored host (the usual case) costs one read and no write; no other writer can add it meanwhile.
    const row =
      (await this.tx.selectFrom('hosts').select(['id', 'first_ms', 'last_ms']).where('name', '=', name).executeTakeFirst()) ??
      (await this.tx.insertInto('hosts').values({ name, first_ms: null, last_ms: null }).returning(['id', 'first_ms', 'last_ms']).executeTakeFirstOrThrow());
    const entry = { id: Number(row.id), first: row.first_ms === null ? null : Number(row.first_ms), last: row.last_ms === null ? null : Number(row.last_ms), changed: false };
    this.rows.set(name, entry);
    this.byId.set(entry.id, entry);
    return entry.id;
  }

  saw(id: number, first: number | null, last: number | null): void {
    const e = this.byId.get(id)!;
    const f = minOf(e.first, first);
    const l = maxOf(e.last, last);
    if (f !== e.first || l !== e.last) Object.assign(e, { first: f, last: l, changed: true });
  }

  async save(): Promise<void> {
    for (const e of this.byId.values()) if (e.changed) await this.tx.updateTable('hosts').set({ first_ms: e.first, last_ms: e.last }).where('id', '=', e.id).execute();
  }
}

class KernelIds {
  private readonly ids = new Map<string, number>();
  constructor(private readonly tx: Tx) {}

  async id(release: string): Promise<number> {
    const known = this.ids.get(release);
    if (known !== undefined) return known;
    const row =
      (await this.tx.selectFrom('kernels').select('id').where('release', '=', release).executeTakeFirst()) ??
      (await this.tx.insertInto('kernels').values(kernelBuild(release)).returning('id').executeTakeFirstOrThrow());
    this.ids.set(release, Number(row.id));
    return Number(row.id);
  }
}

/** The kernels the ingested hosts ran, added to `host_kernels` in one statement. */
class HostKernels {
  private readonly pairs = new Map<string, { host_id: number; kernel_id: number }>();

  add(host: number, kernel: number): void {
    this.pairs.set(`${host}/${kernel}`, { host_id: host, kernel_id: kernel });
  }

  async save(tx: Tx): Promise<void> {
    await inChunks([...this.pairs.values()], (slice) => tx.insertInto('host_kernels').values(slice).onConflict((oc) => oc.columns(['host_id', 'kernel_id']).doNothing()).execute());
  }
}

const taskKey = (i: Incident): string => `${i.cpu ?? ''}|${i.pid ?? ''}|${i.comm ?? ''}`;

interface OccurrenceKey {
  readonly problem: ProblemRecord;
  readonly hostId: number;
  readonly kernelId: number | null;
  readonly inputId: number;
  readonly incident: Incident;
}

/** An occurrence as the ingest sees it: stored before (`stored`), or added by this ingest. */
interface Occurrence {
  row: Insertable<OccurrencesTable> & { id: number };
  readonly stored: boolean;
  changed: boolean;
}

/** The time span an incident covers, and the uptime that tells a report without a wall clock. */
function spanOf(i: Incident): { first: number | null; last: number | null } {
  const first = epochMs(i.firstSeen);
  return { first, last: epochMs(i.lastSeen) ?? first };
}

/** Whether an occurrence holds the same lines as the incident: same problem, host, role and task, overlapping time. */
function sameLines(o: Occurrence['row'], key: OccurrenceKey): boolean {
  const { incident } = key;
  if (Number(o.problem_id) !== Number(key.problem.id) || Number(o.host_id) !== key.hostId || o.role !== incident.role || o.task !== taskKey(incident)) return false;
  const { first, last } = spanOf(incident);
  // Without a wall clock (bare dmesg), the same boot's report is told by its uptime.
  if (first === null) return o.first_ms === null && o.first_uptime !== null && o.first_uptime !== undefined && Number(o.first_uptime) === (incident.firstUptime ?? -1);
  return o.first_ms !== null && o.last_ms !== null && Number(o.first_ms) <= last! && Number(o.last_ms) >= first;
}

/**
 * Adds each incident as an occurrence, or extends the occurrence (stored, or added by this ingest) of the same problem,
 * host, role and task whose time overlaps it (the same lines read from another copy: a rotated file, a journal export,
 * an excerpt). Overlapping copies keep the larger report count, never the sum, so that lines read twice are not counted
 * twice. The candidates are read in one statement, the new occurrences written in one; returns the aggregates' deltas.
 */
async function storeOccurrences(tx: Tx, keys: readonly OccurrenceKey[], counts: { occurrencesAdded: number; occurrencesMerged: number }): Promise<SpreadDelta[]> {
  if (keys.length === 0) return [];
  const known: Occurrence[] = [];
  await inChunks(keys, async (slice) => {
    const rows = await tx
      .selectFrom('occurrences')
      .select(['id', 'problem_id', 'host_id', 'kernel_id', 'input_id', 'role', 'caused_by', 'task', 'first_ms', 'last_ms', 'first_seen', 'last_seen', 'first_uptime', 'reports'])
      .where((eb) =>
        eb.or(
          slice.map((k) => {
            const { first, last } = spanOf(k.incident);
            const same = [eb('problem_id', '=', Number(k.problem.id)), eb('host_id', '=', k.hostId), eb('task', '=', taskKey(k.incident))];
            return eb.and(first === null ? [...same, eb('first_ms', 'is', null)] : [...same, eb('first_ms', '<=', last!), eb('last_ms', '>=', first)]);
          }),
        ),
      )
      .execute();
    for (const row of rows) if (!known.some((o) => o.row.id === Number(row.id))) known.push({ row: { ...row, id: Number(row.id), incident: '' }, stored: true, changed: false });
  });
  // Ids are counted here, under the writer's lock, so that a victim names its culprit's row in the same multi-row insert.
  let nextId = Number((await tx.selectFrom('occurrences').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0) + 1;
  const occurrenceOf = new Map<string, Occurrence>();
  const deltas: SpreadDelta[] = [];
  for (const key of keys) {
    const { incident } = key;
    const { first, last } = spanOf(incident);
    const same = known.filter((o) => sameLines(o.row, key)).sort((a, b) => Number(a.row.first_ms ?? 0) - Number(b.row.first_ms ?? 0) || a.row.id - b.row.id)[0];
    const json = JSON.stringify(incident);
    const victim = incident.role === 'victim';
    if (!same) {
      counts.occurrencesAdded++;
      const culprit = incident.causedBy ? occurrenceOf.get(incident.causedBy) : undefined;
      const o: Occurrence = {
        row: {
          id: nextId++,
          problem_id: Number(key.problem.id),
          host_id: key.hostId,
          kernel_id: key.kernelId,
          input_id: key.inputId,
          role: incident.role,
          caused_by: culprit?.row.id ?? null,
          task: taskKey(incident),
          first_ms: first,
          last_ms: last,
          first_seen: incident.firstSeen,
          last_seen: incident.lastSeen ?? incident.firstSeen,
          first_uptime: incident.firstUptime,
          reports: incident.reports,
          incident: json,
        },
        stored: false,
        changed: true,
      };
      known.push(o);
      occurrenceOf.set(incident.id, o);
      if (!victim) deltas.push({ problemId: Number(key.problem.id), hostId: key.hostId, kernelId: key.kernelId ?? 0, occurrences: 1, reports: incident.reports, first, last });
      continue;
    }
    const r = same.row;
    const earlier = first !== null && r.first_ms !== null && r.first_ms !== undefined && first < Number(r.first_ms);
    const later = last !== null && r.last_ms !== null && r.last_ms !== undefined && last > Number(r.last_ms);
    const more = incident.reports > Number(r.reports);
    if (!victim) deltas.push({ problemId: Number(r.problem_id), hostId: Number(r.host_id), kernelId: Number(r.kernel_id ?? 0), occurrences: 0, reports: more ? incident.reports - Number(r.reports) : 0, first, last });
    same.row = {
      ...r,
      first_ms: minOf(r.first_ms ?? null, first),
      last_ms: maxOf(r.last_ms ?? null, last),
      first_seen: earlier ? incident.firstSeen : r.first_seen,
      last_seen: later ? incident.lastSeen : r.last_seen,
      reports: Math.max(Number(r.reports), incident.reports),
      // The copy with more reports tells more: its incident becomes the occurrence's diagnosis.
      ...(more ? { incident: json, input_id: key.inputId } : {}),
    };
    same.changed = true;
    occurrenceOf.set(incident.id, same);
    counts.occurrencesMerged++;
  }
  await inChunks(
    known.filter((o) => !o.stored).map((o) => o.row),
    (slice) => tx.insertInto('occurrences').values(slice).execute(),
  );
  for (const o of known.filter((k) => k.stored && k.changed)) {
    const { id, first_ms, last_ms, first_seen, last_seen, reports, incident, input_id } = o.row;
    await tx
      .updateTable('occurrences')
      .set({ first_ms, last_ms, first_seen, last_seen, reports, ...(incident ? { incident, input_id } : {}) })
      .where('id', '=', id)
      .execute();
  }
  return deltas;
}
