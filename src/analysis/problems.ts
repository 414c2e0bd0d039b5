import type { Problem } from '../result/schema.js';
import type { UnsaidIncident } from '../result/unsaid.js';
import { firstMoment, secondsBetween } from '../time/moments.js';

/**
 * Root incidents (culprits and standalone ones) with the same signature are one problem, on one host or many: the
 * same soft lockup 50 times in a week is one thing to fix. Victims belong to their culprit's problem and make none.
 * In the order the problems first occurred (the incidents' order).
 */
export function groupProblems(incidents: readonly UnsaidIncident[]): Problem[] {
  const bySignature = new Map<string, UnsaidIncident[]>();
  for (const i of incidents) {
    if (i.role === 'victim') continue;
    const list = bySignature.get(i.signature);
    if (list) list.push(i);
    else bySignature.set(i.signature, [i]);
  }
  return [...bySignature.values()].map(problemOf);
}

function problemOf(occurrences: readonly UnsaidIncident[]): Problem {
  const first = occurrences[0]!;
  const last = occurrences[occurrences.length - 1]!;
  const gaps = occurrences
    .slice(1)
    .map((i, n) => secondsBetween(firstMoment(occurrences[n]!), firstMoment(i)))
    .filter((s): s is number => s !== null);
  return {
    signature: first.signature,
    signatureText: first.signatureText,
    kind: first.kind,
    title: first.title,
    culprit: first.culprit?.function ?? null,
    occurrences: occurrences.length,
    incidents: occurrences.map((i) => i.id),
    hosts: [...new Set(occurrences.map((i) => i.host).filter((h): h is string => h !== null))].sort(),
    firstSeen: first.firstSeen,
    lastSeen: last.lastSeen ?? last.firstSeen,
    firstUptime: first.firstUptime,
    lastUptime: last.lastUptime ?? last.firstUptime,
    // (only when every gap is known: a partial range would understate it)
    interval: gaps.length > 0 && gaps.length === occurrences.length - 1 ? { minSeconds: Math.min(...gaps), maxSeconds: Math.max(...gaps) } : null,
  };
}

/** The problem an incident is an occurrence of (a victim: its culprit's); null when none is. */
export function problemOfIncident(problems: readonly Problem[], i: Pick<UnsaidIncident, 'id' | 'causedBy' | 'role'>): Problem | null {
  const id = i.role === 'victim' ? i.causedBy : i.id;
  return problems.find((p) => id !== null && p.incidents.includes(id)) ?? null;
}

/** How often a problem occurred, as message parameters (said when it occurred more than once). */
export function recurrenceParams(p: Problem | null) {
  return {
    occurrences: p?.occurrences ?? 1,
    since: p?.firstSeen ?? null,
    until: p?.lastSeen ?? null,
    intervalMin: p?.interval?.minSeconds ?? null,
    intervalMax: p?.interval?.maxSeconds ?? null,
    problemHosts: p && p.hosts.length > 1 ? p.hosts : [],
  };
}
