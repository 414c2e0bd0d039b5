import { epochMsOf, isoInZone, normaliseZone } from '../time/clock.js';
import type { Result } from '../result/schema.js';
import type { UnsaidEvent, UnsaidIncident } from '../result/unsaid.js';
import { isoMs, type Span } from '../time/moments.js';

// --since, --until and --host: which incidents and event groups a report shows. A time bound is a time as the
// user writes it, or a duration back from the end of the logs (not from now: logs are read after the fact, and a
// week-old bundle read with `--since 2h` means its last two hours).

/** A bound of the window: a wall-clock time (its zone, when written), or seconds before the end of the logs. */
export type TimeBound =
  | { readonly kind: 'time'; readonly text: string; readonly fields: readonly [number, number, number, number, number, number]; readonly zone: string | null }
  | { readonly kind: 'ago'; readonly text: string; readonly seconds: number };

export interface ResultFilter {
  readonly since?: TimeBound | null;
  readonly until?: TimeBound | null;
  /** Host globs (`*`, `?`, `[...]`); a host matching any is kept. */
  readonly hosts?: readonly string[];
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86400, w: 604800 };
const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:s|min|m|h|d|w))+$/;
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** `2h`, `1h30m`, `7d`; `2022-11-12`, `2022-11-12 10:15`, `2022-11-12T10:15:00+08:00`. Null when it is neither. */
export function parseTimeBound(text: string): TimeBound | null {
  const value = text.trim();
  if (DURATION_RE.test(value)) {
    const seconds = [...value.matchAll(/(\d+(?:\.\d+)?)(s|min|m|h|d|w)/g)].reduce((sum, m) => sum + Number(m[1]) * UNIT_SECONDS[m[2]!]!, 0);
    return { kind: 'ago', text: value, seconds };
  }
  const m = TIME_RE.exec(value);
  if (!m) return null;
  const fields = [Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)] as const;
  const zone = m[7] ? normaliseZone(m[7].toUpperCase()) : null;
  if (epochMsOf(...fields, zone ?? 'Z') === null) return null;
  return { kind: 'time', text: value, fields, zone };
}

/** A host glob as a whole-name regular expression. */
export function hostGlob(glob: string): RegExp {
  let source = '';
  for (let n = 0; n < glob.length; n++) {
    const c = glob[n]!;
    const close = c === '[' ? glob.indexOf(']', n + 2) : -1;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (close > 0) {
      const set = glob.slice(n + 1, close);
      source += `[${set.startsWith('!') ? `^${set.slice(1)}` : set}]`.replace(/\\/g, '\\\\');
      n = close;
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** The window on both clocks: wall-clock milliseconds and seconds since boot (each bound null when open). */
interface Window {
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly fromUptime: number | null;
  readonly toUptime: number | null;
}

/** The zone a time written without one is read in: --tz, else that of the logs' own times, else UTC. */
function zoneOfLogs(lastSeen: string | null, assumedZone: string | null): string {
  return assumedZone ?? /(Z|[+-]\d{2}:\d{2})$/.exec(lastSeen ?? '')?.[1] ?? 'Z';
}

function resolveBound(bound: TimeBound | null | undefined, end: { ms: number | null; uptime: number | null }, zone: string): { ms: number | null; uptime: number | null } {
  if (!bound) return { ms: null, uptime: null };
  if (bound.kind === 'ago') return { ms: end.ms !== null ? end.ms - bound.seconds * 1000 : null, uptime: end.uptime !== null ? end.uptime - bound.seconds : null };
  return { ms: epochMsOf(...bound.fields, bound.zone ?? zone), uptime: null };
}

/** Whether a span overlaps the window; null when neither clock can tell (kept, and counted). */
function overlaps(s: Span, w: Window): boolean | null {
  const first = s.firstSeen ? isoMs(s.firstSeen) : NaN;
  const last = s.lastSeen ? isoMs(s.lastSeen) : first;
  if (!Number.isNaN(first) && (w.fromMs !== null || w.toMs !== null)) return (w.fromMs === null || last >= w.fromMs) && (w.toMs === null || first <= w.toMs);
  if (s.firstUptime !== null && (w.fromUptime !== null || w.toUptime !== null)) {
    const lastUp = s.lastUptime ?? s.firstUptime;
    return (w.fromUptime === null || lastUp >= w.fromUptime) && (w.toUptime === null || s.firstUptime <= w.toUptime);
  }
  return w.fromMs === null && w.toMs === null && w.fromUptime === null && w.toUptime === null ? true : null;
}

const isoOf = (ms: number | null, zone: string) => (ms === null ? null : isoInZone(ms, zone));

export interface FilterOutcome {
  readonly incidents: UnsaidIncident[];
  readonly events: UnsaidEvent[];
  readonly filter: NonNullable<Result['filter']>;
}

/**
 * Keeps the incidents and event groups that overlap the window on a matching host (with the culprit of a kept
 * victim). Those that neither clock can place are kept and counted in `undated`.
 */
export function applyFilter(filter: ResultFilter, result: { readonly incidents: UnsaidIncident[]; readonly events: UnsaidEvent[]; readonly lastSeen: string | null }, assumedZone: string | null): FilterOutcome {
  const spans: Span[] = [...result.incidents, ...result.events];
  const lastMs = result.lastSeen ? isoMs(result.lastSeen) : null;
  const lastUptime = spans.reduce<number | null>((max, s) => (s.lastUptime !== null && (max === null || s.lastUptime > max) ? s.lastUptime : max), null);
  const end = { ms: lastMs, uptime: lastUptime };
  const zone = zoneOfLogs(result.lastSeen, assumedZone);
  const from = resolveBound(filter.since, end, zone);
  const to = resolveBound(filter.until, end, zone);
  const window: Window = { fromMs: from.ms, toMs: to.ms, fromUptime: from.uptime, toUptime: to.uptime };
  const globs = (filter.hosts ?? []).map(hostGlob);
  const onHost = (host: string | null) => globs.length === 0 || (host !== null && globs.some((g) => g.test(host)));
  let undated = 0;
  const keep = (x: Span & { host: string | null }) => {
    if (!onHost(x.host)) return false;
    const inside = overlaps(x, window);
    if (inside === null) undated++;
    return inside !== false;
  };
  const kept = new Set(result.incidents.filter(keep));
  for (const i of [...kept]) {
    const culprit = result.incidents.find((c) => c.id === i.causedBy);
    if (culprit) kept.add(culprit);
  }
  const incidents = result.incidents.filter((i) => kept.has(i));
  // An event stays placed only on an incident that is shown.
  const events = result.events.filter(keep).map((e) => (e.relation && !incidents.some((i) => i.id === e.relation!.incident) ? { ...e, relation: null } : e));
  return {
    incidents,
    events,
    filter: {
      since: filter.since?.text ?? null,
      until: filter.until?.text ?? null,
      hosts: [...(filter.hosts ?? [])],
      from: isoOf(window.fromMs, zone),
      to: isoOf(window.toMs, zone),
      fromUptime: window.fromUptime,
      toUptime: window.toUptime,
      incidentsLeftOut: result.incidents.length - incidents.length,
      eventsLeftOut: result.events.length - events.length,
      undated,
    },
  };
}
