import { DETECTORS } from '../src/reports/index.js';
import type { Result } from '../src/result/schema.js';
import type { Plan } from './generate.js';

export interface KindCheck {
  readonly kind: string;
  readonly planted: number;
  readonly found: number;
  /** False when no detector of this kind is registered yet: its reports are only noise to the analyzer. */
  readonly checked: boolean;
}

/**
 * Incidents found per kind against those planted. Kinds without a registered detector are listed but
 * not checked; an incident of a kind that was not planted is a false positive and fails the check.
 */
export function checkIncidents(plan: Plan, result: Pick<Result, 'incidents'>): { kinds: KindCheck[]; ok: boolean } {
  const detected = new Set<string>(DETECTORS.map((d) => d.kind));
  const found = new Map<string, number>();
  for (const i of result.incidents) found.set(i.kind, (found.get(i.kind) ?? 0) + 1);
  const kinds = [...new Set([...Object.keys(plan.incidents), ...found.keys()])].sort().map((kind) => ({
    kind,
    planted: plan.incidents[kind as keyof Plan['incidents']] ?? 0,
    found: found.get(kind) ?? 0,
    checked: detected.has(kind),
  }));
  return { kinds, ok: kinds.every((k) => !k.checked || k.planted === k.found) };
}

/** The notable events of a result, each as one comparable line (what a user reads of them, the example's place too). */
function notableEvents(result: Pick<Result, 'events'>): string[] {
  return result.events
    .filter((e) => e.notable)
    .map((e) => JSON.stringify([e.kind, e.template, e.host, e.kernel, e.count, e.firstSeen, e.lastSeen, e.errno, e.subjects, e.example]))
    .sort();
}

/** Whether two reads of one input (the fast and the full) give the same notable events. */
export function sameNotableEvents(a: Pick<Result, 'events'>, b: Pick<Result, 'events'>): boolean {
  return JSON.stringify(notableEvents(a)) === JSON.stringify(notableEvents(b));
}
