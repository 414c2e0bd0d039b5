import { sql, type Kysely } from 'kysely';
import type { StoreTables } from './tables.js';

/** A problem is `new` when first seen within this span before the store's newest time, `quiet` when not seen in it. */
export const STATUS_WINDOW_MS = 7 * 86_400_000;

export type ProblemStatus = 'new' | 'recurring' | 'quiet';

/**
 * The store's clock: the newest time any stored log reached. Statuses and `--since` count back from it rather than
 * from the wall clock, so that logs ingested weeks after the fact still read as they did then.
 */
export async function fleetClock(db: Kysely<StoreTables>): Promise<number | null> {
  const row = await db.selectFrom('problems').select(sql<number | null>`max(last_ms)`.as('t')).executeTakeFirst();
  return row?.t === null || row?.t === undefined ? null : Number(row.t);
}

/** Sets every problem's status from its first and last time against the store's clock (one statement). */
export async function refreshStatuses(tx: Kysely<StoreTables>): Promise<void> {
  const now = await fleetClock(tx);
  if (now === null) return;
  const from = now - STATUS_WINDOW_MS;
  const status = sql<string>`case when first_ms is null or first_ms >= ${from} then 'new' when last_ms >= ${from} then 'recurring' else 'quiet' end`;
  // Only the rows whose status changes are written (an ingest would otherwise rewrite every problem).
  await tx.updateTable('problems').set({ status }).where('status', '<>', status).execute();
}
