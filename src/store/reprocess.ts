import { sql } from 'kysely';
import { incidentSignature, SIGNATURE_VERSION } from '../analysis/signature.js';
import type { Incident } from '../result/schema.js';
import { inChunks, problemsOf, rebuildAggregates } from './aggregates.js';
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
        const signed = rows.map((row) => {
          const incident = JSON.parse(row.incident) as Incident;
          const again = { ...incident, ...incidentSignature(incident) };
          return { row, signed: again, changed: again.signature !== incident.signature || again.signatureVersion !== incident.signatureVersion };
        });
        // A victim follows its culprit (re-filed in the first pass); the others go to their signature's problem.
        const culprits = new Map<number, number>();
        const causes = signed.flatMap((s) => (victims && s.row.caused_by !== null ? [Number(s.row.caused_by)] : []));
        await inChunks(causes, async (slice) => {
          for (const c of await tx.selectFrom('occurrences').select(['id', 'problem_id']).where('id', 'in', slice).execute()) culprits.set(Number(c.id), Number(c.problem_id));
        });
        const problems = await problemsOf(tx, signed.filter((s) => !culprits.has(Number(s.row.caused_by))).map((s) => s.signed), counts);
        for (const { row, signed: incident, changed } of signed) {
          occurrences++;
          if (changed) resigned++;
          const problemId = culprits.get(Number(row.caused_by)) ?? Number(problems.get(incident.signature)!.id);
          if (changed || problemId !== Number(row.problem_id)) {
            await tx.updateTable('occurrences').set({ problem_id: problemId, incident: JSON.stringify(incident) }).where('id', '=', row.id).execute();
          }
        }
        after = Number(rows.at(-1)!.id);
      }
    }
    // The sums of the problems that lost or gained occurrences, from what they hold now; then the empty ones go.
    await rebuildAggregates(tx);
    await tx.deleteFrom('problems').where('id', 'not in', tx.selectFrom('occurrences').select('problem_id')).execute();
    await refreshStatuses(tx);
    return { occurrences, resigned, problemsBefore, problemsAfter: await countProblems(), signatureVersion: SIGNATURE_VERSION };
  });
}
