import { sql } from 'kysely';
import { incidentSignature, SIGNATURE_VERSION } from '../analysis/signature.js';
import type { Incident } from '../result/schema.js';
import { upsertProblem } from './ingest.js';
import type { Store } from './open.js';
import { refreshStatuses } from './status.js';

/** Occurrences read and rewritten per round: their incidents' JSON is the bulk of a store. */
const PAGE = 500;

export interface ReprocessSummary {
  readonly occurrences: number;
  /** Occurrences whose signature changed (and so, maybe, their problem). */
  readonly resigned: number;
  readonly problemsBefore: number;
  readonly problemsAfter: number;
  readonly signatureVersion: number;
}

/**
 * Re-derives every stored incident's signature with this ktriage's normalization (after SIGNATURE_VERSION changed)
 * and files the occurrences under the problems those signatures name, in one transaction; a victim follows its
 * culprit. Problems left without occurrences are removed.
 */
export async function reprocessStore(store: Store): Promise<ReprocessSummary> {
  return store.write(async (tx) => {
    const countProblems = async () => Number((await tx.selectFrom('problems').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const problemsBefore = await countProblems();
    const counts = { problemsAdded: 0 };
    let occurrences = 0;
    let resigned = 0;
    for (const victims of [false, true]) {
      let after = 0;
      for (;;) {
        let page = tx.selectFrom('occurrences').select(['id', 'incident', 'caused_by', 'problem_id']).where('id', '>', after).orderBy('id').limit(PAGE);
        page = victims ? page.where('role', '=', 'victim') : page.where('role', '<>', 'victim');
        const rows = await page.execute();
        if (rows.length === 0) break;
        for (const row of rows) {
          occurrences++;
          const incident = JSON.parse(row.incident) as Incident;
          const signed = { ...incident, ...incidentSignature(incident) };
          const changed = signed.signature !== incident.signature || signed.signatureVersion !== incident.signatureVersion;
          if (changed) resigned++;
          const culprit = victims && row.caused_by !== null ? await tx.selectFrom('occurrences').select('problem_id').where('id', '=', row.caused_by).executeTakeFirst() : undefined;
          const problemId = culprit ? Number(culprit.problem_id) : await upsertProblem(tx, signed, counts);
          if (changed || problemId !== Number(row.problem_id)) {
            await tx.updateTable('occurrences').set({ problem_id: problemId, incident: JSON.stringify(signed) }).where('id', '=', row.id).execute();
          }
        }
        after = Number(rows.at(-1)!.id);
      }
    }
    await tx.deleteFrom('problems').where('id', 'not in', tx.selectFrom('occurrences').select('problem_id')).execute();
    // Spans of the problems that lost or gained occurrences, from what they hold now.
    await tx
      .updateTable('problems')
      .set({
        first_ms: sql<number>`(select min(o.first_ms) from occurrences o where o.problem_id = problems.id)`,
        last_ms: sql<number>`(select max(o.last_ms) from occurrences o where o.problem_id = problems.id)`,
      })
      .execute();
    await refreshStatuses(tx);
    return { occurrences, resigned, problemsBefore, problemsAfter: await countProblems(), signatureVersion: SIGNATURE_VERSION };
  });
}
