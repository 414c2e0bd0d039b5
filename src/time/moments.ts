/** A moment as the logs give it: wall-clock milliseconds and/or seconds since boot, whichever is known. */
export interface Moment {
  readonly ms: number | null;
  readonly uptime: number | null;
}

/** Something that happened from a first to a last line: an incident or an event group. */
export interface Span {
  readonly firstSeen: string | null;
  readonly firstUptime: number | null;
  readonly lastSeen: string | null;
  readonly lastUptime: number | null;
}

const HAS_ZONE_RE = /(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO time; a time without a zone is read as UTC so that such times compare among themselves. */
export function isoMs(time: string): number {
  return Date.parse(HAS_ZONE_RE.test(time) ? time : `${time}Z`);
}

export function momentOf(time: string | null, uptime: number | null): Moment {
  const ms = time ? isoMs(time) : NaN;
  return { ms: Number.isNaN(ms) ? null : ms, uptime };
}

export const firstMoment = (s: Span): Moment => momentOf(s.firstSeen, s.firstUptime);
export const lastMoment = (s: Span): Moment => momentOf(s.lastSeen, s.lastUptime);

/** Seconds from a to b, by wall clock when both have it, else by uptime; null when not comparable. */
export function secondsBetween(a: Moment, b: Moment): number | null {
  if (a.ms !== null && b.ms !== null) return (b.ms - a.ms) / 1000;
  if (a.uptime !== null && b.uptime !== null) return b.uptime - a.uptime;
  return null;
}

/** Seconds from the first to the last line of an incident or event group; null when not comparable. */
export function spanSeconds(s: Span): number | null {
  return secondsBetween(firstMoment(s), lastMoment(s));
}
