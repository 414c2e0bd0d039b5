export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m, i]));

export function monthIndex(abbrev: string): number {
  return MONTH_INDEX.get(abbrev) ?? -1;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Offsets from UTC in use run from -12:00 to +14:00: past 14 hours is no zone of any place. */
const MAX_ZONE_MINUTES = 14 * 60;

/** Normalises "+0800", "+08:00", "Z" to "+08:00" / "Z"; null for none or no real offset ("+99:99"). */
export function normaliseZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  if (zone === 'Z' || zone === 'z') return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m || Number(m[3]) > 59 || Number(m[2]) * 60 + Number(m[3]) > MAX_ZONE_MINUTES) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}

function zoneMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** The ISO time (whole seconds) of an epoch in a zone ("+08:00" or "Z"). */
export function isoInZone(epochMs: number, zone: string): string {
  return `${new Date(epochMs + zoneMinutes(zone) * 60_000).toISOString().slice(0, 19)}${zone}`;
}

export interface WallClock {
  readonly iso: string;
  readonly epochMs: number;
}

/** One remembered wall-clock reading and what it gave. */
interface ClockSlot {
  year: number; month: number; day: number; h: number; min: number; s: number; fraction: string | null; zone: string | null;
  clock: WallClock | null;
}

const emptySlot = (): ClockSlot => ({ year: NaN, month: NaN, day: NaN, h: NaN, min: NaN, s: NaN, fraction: null, zone: null, clock: null });
// Consecutive lines mostly share their second; two slots because a bundle line carries two stamps (its own and syslog's).
const slots: [ClockSlot, ClockSlot] = [emptySlot(), emptySlot()];
let nextSlot = 0;

/** Builds the ISO string and epoch of a wall-clock reading; fraction is the digits after the seconds' dot. */
export function wallClock(
  year: number, month: number, day: number, h: number, min: number, s: number, fraction: string | null, zone: string | null,
): WallClock | null {
  for (const slot of slots) {
    if (slot.s === s && slot.min === min && slot.h === h && slot.day === day && slot.month === month && slot.year === year && slot.fraction === fraction && slot.zone === zone) return slot.clock;
  }
  const clock = buildClock(year, month, day, h, min, s, fraction, zone);
  slots[nextSlot] = { year, month, day, h, min, s, fraction, zone, clock };
  nextSlot = 1 - nextSlot;
  return clock;
}

/** `00` to `99`, for times (a lookup: most lines of a large log have a second of their own). */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => pad(n));

/** The last day read: its ISO date and its midnight, as most lines share the day of the line before. */
let lastDay = { year: NaN, month: NaN, day: NaN, iso: '', midnight: NaN };

function dayOf(year: number, month: number, day: number): { iso: string; midnight: number } {
  if (lastDay.day !== day || lastDay.month !== month || lastDay.year !== year) {
    lastDay = { year, month, day, iso: `${pad(year, 4)}-${pad(month + 1)}-${pad(day)}T`, midnight: Date.UTC(year, month, day) };
  }
  return lastDay;
}

/** Milliseconds of a wall-clock reading (whole seconds) since the epoch, in its zone; null for no valid reading. */
export function epochMsOf(year: number, month: number, day: number, h: number, min: number, s: number, zone: string | null): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || h > 23 || min > 59 || s > 60) return null;
  const { midnight } = dayOf(year, month, day);
  if (Number.isNaN(midnight)) return null;
  const local = midnight + ((h * 60 + min) * 60 + s) * 1000;
  return zone ? local - zoneMinutes(zone) * 60_000 : local;
}

function buildClock(
  year: number, month: number, day: number, h: number, min: number, s: number, fraction: string | null, zone: string | null,
): WallClock | null {
  const seconds = epochMsOf(year, month, day, h, min, s, zone);
  if (seconds === null) return null;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const frac = fraction ? `.${fraction.slice(0, 6)}` : '';
  // (the day was just read by epochMsOf: its ISO date is the one remembered)
  const iso = `${dayOf(year, month, day).iso}${TWO_DIGITS[h]}:${TWO_DIGITS[min]}:${TWO_DIGITS[s]}${frac}${zone ?? ''}`;
  return { iso, epochMs: seconds + ms };
}
