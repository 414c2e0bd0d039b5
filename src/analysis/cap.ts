import type { OmittedIncidents } from '../result/schema.js';
import type { WarningParams } from '../result/warnings.js';
import type { IncidentDraft } from './incidents.js';

/**
 * Incidents kept whole (stacks, samples, findings, machine code). A log with more is one problem printed
 * over and over or a flood: the first ones say what it is, and the rest are counted by kind and culprit.
 */
export const MAX_INCIDENTS = 1000;
/** Kind/culprit groups of the omitted incidents listed, largest first; the others are counted together. */
const MAX_OMITTED_GROUPS = 100;

type OmittedGroup = OmittedIncidents['groups'][number];

/** Keeps the first `max` drafts (time order) whole, and counts the others by kind and culprit. */
export function capIncidents(drafts: readonly IncidentDraft[], max = MAX_INCIDENTS): { kept: IncidentDraft[]; omitted: OmittedIncidents | null } {
  if (drafts.length <= max) return { kept: [...drafts], omitted: null };
  const groups = new Map<string, { group: OmittedGroup; firstMs: number; lastMs: number }>();
  let reports = 0;
  for (const d of drafts.slice(max)) {
    const culprit = d.culprit?.function ?? null;
    const key = `${d.kind}|${culprit ?? ''}`;
    const first = d.samples[0]!.line;
    const last = d.samples[d.samples.length - 1]!.line;
    reports += d.samples.length;
    const entry = groups.get(key);
    if (!entry) {
      const group = { kind: d.kind, culprit, incidents: 1, reports: d.samples.length, firstSeen: first.time, lastSeen: last.time };
      groups.set(key, { group, firstMs: first.epochMs ?? Infinity, lastMs: last.epochMs ?? -Infinity });
      continue;
    }
    const { group } = entry;
    group.incidents++;
    group.reports += d.samples.length;
    if (first.epochMs !== null && first.epochMs < entry.firstMs) [entry.firstMs, group.firstSeen] = [first.epochMs, first.time];
    if (last.epochMs !== null && last.epochMs > entry.lastMs) [entry.lastMs, group.lastSeen] = [last.epochMs, last.time];
  }
  const ranked = [...groups.values()].map((e) => e.group).sort((a, b) => b.incidents - a.incidents || b.reports - a.reports);
  const listed = ranked.slice(0, MAX_OMITTED_GROUPS);
  const otherIncidents = ranked.slice(MAX_OMITTED_GROUPS).reduce((n, g) => n + g.incidents, 0);
  return { kept: drafts.slice(0, max), omitted: { incidents: drafts.length - max, reports, groups: listed, otherIncidents } };
}

/**
 * The parameters of the run warning that says incidents were counted, not kept: with the three largest groups
 * (`countN`, `kindN`, `culpritN`: '' when none), so the text report shows them; `more`: 1 when there are other groups.
 */
export function omittedParams(omitted: OmittedIncidents, max = MAX_INCIDENTS): WarningParams {
  const top = omitted.groups.slice(0, 3).flatMap((g, n) => [[`count${n + 1}`, g.incidents], [`kind${n + 1}`, g.kind], [`culprit${n + 1}`, g.culprit ?? '']]);
  return { incidents: omitted.incidents, max, reports: omitted.reports, ...Object.fromEntries(top), more: omitted.groups.length > 3 ? 1 : 0 };
}
