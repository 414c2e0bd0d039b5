import type { Kysely } from 'kysely';
import type { Incident, Result } from '../result/schema.js';
import { TOOL_VERSION } from '../version.js';
import { kernelBuild } from './kernel-release.js';
import type { Store } from './open.js';
import { refreshStatuses } from './status.js';
import type { StoreTables } from './tables.js';
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
 */
export async function ingestResult(store: Store, result: Result, digests: ReadonlyMap<string, InputDigest>): Promise<IngestSummary> {
  return store.write(async (tx) => {
    const inputIds = new Map<string, number>();
    let known = 0;
    const fresh: Result['inputs'] = [];
    for (const input of result.inputs) {
      const digest = digests.get(input.path);
      if (!digest) throw new Error(`no digest for input ${input.path}`);
      const row = await tx.selectFrom('inputs').select('id').where('sha256', '=', digest.sha256).executeTakeFirst();
      if (row) {
        inputIds.set(input.path, Number(row.id));
        known++;
      } else fresh.push(input);
    }
    const none: IngestSummary = { inputsAdded: 0, inputsKnown: known, occurrencesAdded: 0, occurrencesMerged: 0, problemsAdded: 0 };
    if (fresh.length === 0) return none;

    const hosts = new HostIds(tx);
    const kernels = new KernelIds(tx);
    const onlyKernel = result.summary.kernels.length === 1 ? await kernels.id(result.summary.kernels[0]!) : null;
    const now = new Date().toISOString();
    for (const input of fresh) {
      const digest = digests.get(input.path)!;
      const id = await insertId(
        tx
          .insertInto('inputs')
          .values({
            sha256: digest.sha256,
            path: input.path,
            size: digest.size,
            format: input.format,
            host_id: input.host ? await hosts.id(input.host) : null,
            kernel_id: onlyKernel,
            lines: input.lines,
            first_ms: epochMs(input.firstSeen),
            last_ms: epochMs(input.lastSeen),
            first_seen: input.firstSeen,
            last_seen: input.lastSeen,
            ingested_at: now,
            tool_version: TOOL_VERSION,
          })
          .returning('id'),
      );
      inputIds.set(input.path, id);
    }

    const counts = { occurrencesAdded: 0, occurrencesMerged: 0, problemsAdded: 0 };
    const problemOf = new Map<string, number>();
    const occurrenceOf = new Map<string, number>();
    // Culprits and standalone incidents first: a victim is filed under its culprit's problem.
    const ordered = [...result.incidents].sort((a, b) => Number(a.role === 'victim') - Number(b.role === 'victim'));
    for (const incident of ordered) {
      const owner = incident.role === 'victim' && incident.causedBy ? result.incidents.find((i) => i.id === incident.causedBy) : incident;
      const problemId = problemOf.get((owner ?? incident).id) ?? (await upsertProblem(tx, owner ?? incident, counts));
      problemOf.set(incident.id, problemId);
      const inputId = inputIds.get(incident.evidence[0]?.path ?? incident.lines[0]?.path ?? '') ?? inputIds.values().next().value!;
      const hostId = await hosts.id(incident.host ?? result.inputs.find((i) => inputIds.get(i.path) === inputId)?.host ?? UNKNOWN_HOST);
      const kernelId = incident.kernel ? await kernels.id(incident.kernel) : null;
      const causedBy = incident.causedBy ? (occurrenceOf.get(incident.causedBy) ?? null) : null;
      occurrenceOf.set(incident.id, await storeOccurrence(tx, { problemId, hostId, kernelId, inputId, causedBy, incident }, counts));
      await hosts.saw(hostId, epochMs(incident.firstSeen), epochMs(incident.lastSeen));
    }

    const freshPaths = new Set(fresh.map((i) => i.path));
    for (const event of result.events) {
      if (!freshPaths.has(event.example.path)) continue;
      await tx
        .insertInto('events')
        .values({
          input_id: inputIds.get(event.example.path)!,
          host_id: event.host ? await hosts.id(event.host) : null,
          kind: event.kind,
          template: event.template,
          count: event.count,
          notable: event.notable ? 1 : 0,
          errno: event.errno,
          first_ms: epochMs(event.firstSeen),
          last_ms: epochMs(event.lastSeen),
        })
        .execute();
    }
    for (const input of fresh) if (input.host) await hosts.saw(await hosts.id(input.host), epochMs(input.firstSeen), epochMs(input.lastSeen));
    await refreshStatuses(tx);
    return { ...none, inputsAdded: fresh.length, ...counts };
  });
}

async function insertId(query: { executeTakeFirstOrThrow(): Promise<{ id: number }> }): Promise<number> {
  return Number((await query.executeTakeFirstOrThrow()).id);
}

/** Ids of hosts by name, created on first use, with the span of time the store has seen them in. */
class HostIds {
  private readonly ids = new Map<string, number>();
  constructor(private readonly tx: Tx) {}

  async id(name: string): Promise<number> {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    await this.tx.insertInto('hosts').values({ name, first_ms: null, last_ms: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const row = await this.tx.selectFrom('hosts').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    this.ids.set(name, Number(row.id));
    return Number(row.id);
  }

  async saw(id: number, first: number | null, last: number | null): Promise<void> {
    if (first === null && last === null) return;
    const row = await this.tx.selectFrom('hosts').select(['first_ms', 'last_ms']).where('id', '=', id).executeTakeFirstOrThrow();
    const f = minOf(row.first_ms, first);
    const l = maxOf(row.last_ms, last);
    if (f !== row.first_ms || l !== row.last_ms) await this.tx.updateTable('hosts').set({ first_ms: f, last_ms: l }).where('id', '=', id).execute();
  }
}

class KernelIds {
  private readonly ids = new Map<string, number>();
  constructor(private readonly tx: Tx) {}

  async id(release: string): Promise<number> {
    const known = this.ids.get(release);
    if (known !== undefined) return known;
    const build = kernelBuild(release);
    await this.tx.insertInto('kernels').values(build).onConflict((oc) => oc.column('release').doNothing()).execute();
    const row = await this.tx.selectFrom('kernels').select('id').where('release', '=', release).executeTakeFirstOrThrow();
    this.ids.set(release, Number(row.id));
    return Number(row.id);
  }
}

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));
const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? numOrNull(a) : Math.min(Number(a), b));
const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? numOrNull(a) : Math.max(Number(a), b));

/** The problem of a signature (created with the incident's kind, culprit and title), its time span widened to the incident's. */
export async function upsertProblem(tx: Tx, incident: Incident, counts: { problemsAdded: number }): Promise<number> {
  const first = epochMs(incident.firstSeen);
  const last = epochMs(incident.lastSeen);
  const row = await tx.selectFrom('problems').select(['id', 'first_ms', 'last_ms']).where('signature', '=', incident.signature).executeTakeFirst();
  if (row) {
    const f = minOf(row.first_ms, first);
    const l = maxOf(row.last_ms, last);
    if (f !== row.first_ms || l !== row.last_ms) await tx.updateTable('problems').set({ first_ms: f, last_ms: l }).where('id', '=', row.id).execute();
    return Number(row.id);
  }
  counts.problemsAdded++;
  return insertId(
    tx
      .insertInto('problems')
      .values({
        signature: incident.signature,
        signature_text: incident.signatureText,
        signature_version: incident.signatureVersion,
        kind: incident.kind,
        culprit: incident.culprit?.function ?? null,
        title: incident.title,
        first_ms: first,
        last_ms: last,
        status: 'new',
        known_issue: null,
      })
      .returning('id'),
  );
}

const taskKey = (i: Incident): string => `${i.cpu ?? ''}|${i.pid ?? ''}|${i.comm ?? ''}`;

interface OccurrenceKey {
  readonly problemId: number;
  readonly hostId: number;
  readonly kernelId: number | null;
  readonly inputId: number;
  readonly causedBy: number | null;
  readonly incident: Incident;
}

/**
 * Adds the incident as an occurrence, or extends the stored occurrence of the same problem, host and role whose time
 * overlaps it (the same lines read from another copy: a rotated file, a journal export, an excerpt). Overlapping
 * copies keep the larger report count, never the sum, so that lines read twice are not counted twice.
 */
async function storeOccurrence(tx: Tx, key: OccurrenceKey, counts: { occurrencesAdded: number; occurrencesMerged: number }): Promise<number> {
  const { incident } = key;
  const first = epochMs(incident.firstSeen);
  const last = epochMs(incident.lastSeen) ?? first;
  let query = tx
    .selectFrom('occurrences')
    .select(['id', 'first_ms', 'last_ms', 'reports', 'first_seen', 'last_seen'])
    .where('problem_id', '=', key.problemId)
    .where('host_id', '=', key.hostId)
    .where('role', '=', incident.role)
    .where('task', '=', taskKey(incident));
  // Without a wall clock (bare dmesg), the same boot's report is told by its uptime.
  query = first === null ? query.where('first_ms', 'is', null).where('first_uptime', '=', incident.firstUptime ?? -1) : query.where('first_ms', '<=', last!).where('last_ms', '>=', first);
  const same = await query.orderBy('first_ms').executeTakeFirst();
  const json = JSON.stringify(incident);
  if (!same) {
    counts.occurrencesAdded++;
    return insertId(tx
      .insertInto('occurrences')
      .values({
        problem_id: key.problemId,
        host_id: key.hostId,
        kernel_id: key.kernelId,
        input_id: key.inputId,
        role: incident.role,
        caused_by: key.causedBy,
        task: taskKey(incident),
        first_ms: first,
        last_ms: last,
        first_seen: incident.firstSeen,
        last_seen: incident.lastSeen ?? incident.firstSeen,
        first_uptime: incident.firstUptime,
        reports: incident.reports,
        incident: json,
      })
      .returning('id'));
  }
  const earlier = first !== null && same.first_ms !== null && first < Number(same.first_ms);
  const later = last !== null && same.last_ms !== null && last > Number(same.last_ms);
  const more = incident.reports > Number(same.reports);
  await tx
    .updateTable('occurrences')
    .set({
      first_ms: minOf(same.first_ms, first),
      last_ms: maxOf(same.last_ms, last),
      first_seen: earlier ? incident.firstSeen : same.first_seen,
      last_seen: later ? incident.lastSeen : same.last_seen,
      reports: Math.max(Number(same.reports), incident.reports),
      // The copy with more reports tells more: its incident becomes the occurrence's diagnosis.
      ...(more ? { incident: json, input_id: key.inputId } : {}),
    })
    .where('id', '=', same.id)
    .execute();
  counts.occurrencesMerged++;
  return Number(same.id);
}
