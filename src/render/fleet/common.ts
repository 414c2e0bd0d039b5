import { incidentTitle, t, type Lang } from '../../i18n/index.js';
import type { Incident } from '../../result/schema.js';
import type { HostList, ProblemDetail, ProblemList, ProblemRow } from '../../store/views.js';

/** One of the three views the store answers, with the store it came from (shown as described: no password). */
export type FleetView =
  | { readonly view: 'problems'; readonly store: string; readonly data: ProblemList }
  | { readonly view: 'problem'; readonly store: string; readonly data: ProblemDetail }
  | { readonly view: 'hosts'; readonly store: string; readonly data: HostList };

/** `2022-11-12 02:22Z`: stored times are UTC (hosts' zones differ). */
export function shortTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : '-';
}

export function statusText(lang: Lang, status: string): string {
  return t(lang, `ui.fleet.status.${status}`);
}

export function problemTitle(lang: Lang, p: Pick<ProblemRow, 'kind' | 'title'>): string {
  // (a stored kind is one the analysis gave; an unknown one only misses its Chinese title)
  return incidentTitle(lang, p as Pick<Incident, 'kind' | 'title'>);
}

export function asOfText(lang: Lang, v: FleetView): string {
  return t(lang, 'ui.fleet.asOf', { store: v.store, at: shortTime(v.data.asOf) });
}

export function seenText(lang: Lang, p: ProblemRow): string {
  return t(lang, 'ui.fleet.seen', { occurrences: p.occurrences, hosts: p.hosts, from: shortTime(p.firstSeen), to: shortTime(p.lastSeen) });
}

export function stoppedText(lang: Lang, d: ProblemDetail): string {
  const s = d.stoppedAfter;
  return s ? t(lang, 'ui.fleet.stopped', { lastAffected: s.lastAffected, firstClean: s.firstClean, hosts: s.cleanHosts.join(', ') }) : t(lang, 'ui.fleet.notStopped');
}

/** The latest occurrence's incident in one line, and its loop bound when it has one. */
export function latestLines(lang: Lang, d: ProblemDetail): string[] {
  const i = d.latest;
  if (!i) return [];
  const head = t(lang, 'ui.fleet.latestOn', { title: incidentTitle(lang, i), host: i.host ?? '?', cpu: i.cpu, comm: i.comm, reports: i.reports });
  return [head, ...(i.loopFunction ? [t(lang, 'ui.fleet.loop', { fn: i.loopFunction })] : [])];
}

/** Functions of the latest incident's trace, innermost first, `?` frames left out (at most 16). */
export function latestStack(d: ProblemDetail): string[] {
  return (d.latest?.stack ?? []).filter((f) => f.reliable).slice(0, 16).map((f) => `${f.function}${f.module ? ` [${f.module}]` : ''}`);
}
