import type { Span } from './moments.js';

/** Words for hours, minutes and seconds, and what goes between a number and its unit. */
export interface DurationUnits {
  readonly h: string;
  readonly min: string;
  readonly s: string;
  readonly gap: string;
}

export const EN_DURATION_UNITS: DurationUnits = { h: 'h', min: 'min', s: 's', gap: ' ' };

/** "11 min 24 s", "3 h 2 min", "45 s", "1.5 s" (in English units unless told). */
export function formatDuration(seconds: number, units: DurationUnits = EN_DURATION_UNITS): string {
  const { h: hu, min: mu, s: su, gap: g } = units;
  const s = Math.abs(seconds);
  if (s < 10 && !Number.isInteger(s)) return `${Number(s.toFixed(1))}${g}${su}`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return m > 0 ? `${h}${g}${hu} ${m}${g}${mu}` : `${h}${g}${hu}`;
  if (m > 0) return sec > 0 ? `${m}${g}${mu} ${sec}${g}${su}` : `${m}${g}${mu}`;
  return `${sec}${g}${su}`;
}

/** "45s", "3m05s" (a progress line's elapsed time and ETA); "?" when unknown. */
export function compactDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * The clock part of an ISO time ("10:10:59"), with its date when `dated` ("11-12 10:10:59": logs that span days), or
 * the uptime as "[1234.56]".
 */
export function shortTime(time: string | null, uptime: number | null, dated = false): string {
  const m = time ? /^\d{4}-(\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(time) : null;
  if (m) return dated ? `${m[1]} ${m[2]}` : m[2]!;
  return uptime !== null ? `[${uptime.toFixed(2)}]` : '?';
}

/** `10:10:59-10:22:23`; a dated end (`11-12 10:11:00 – 11-19 13:11:30`) is set apart, its date holding a hyphen. */
const joinSpan = (from: string, to: string): string => (to.includes(' ') ? `${from} – ${to}` : `${from}-${to}`);

/** From-to of a span, its start alone when `single`; dated when told, the end without its date when on the start's day. */
export function spanClock(s: Span, single: boolean, dated = false): string {
  const from = shortTime(s.firstSeen, s.firstUptime, dated);
  if (single) return from;
  return joinSpan(from, shortTime(s.lastSeen, s.lastUptime, dated && crossesMidnight(s.firstSeen, s.lastSeen)));
}

/** Whether two ISO times fall on different days (each in its own zone, as the log wrote it). */
export function crossesMidnight(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.slice(0, 10) !== b.slice(0, 10) && /^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b);
}

/** Date and clock of an ISO time as the log wrote it (its own zone): month 1-12, day, `HH:MM:SS`; null when not ISO. */
export function isoParts(time: string): { year: number; month: number; day: number; clock: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(time);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), clock: m[4]! } : null;
}

/**
 * A range of durations in the unit of the larger, rounded to whole units: "3-4 h", "20 min", "45-50 s".
 * (How often a problem recurs: the exact seconds say less than the rough rhythm.)
 */
export function roundedRange(min: number, max: number, units: DurationUnits = EN_DURATION_UNITS): string {
  const [size, unit] = max >= 3600 ? [3600, units.h] : max >= 60 ? [60, units.min] : [1, units.s];
  const a = Math.max(Math.round(min / size), size === 1 ? 0 : 1);
  const b = Math.max(Math.round(max / size), 1);
  return `${a === b ? a : `${a}-${b}`}${units.gap}${unit}`;
}
