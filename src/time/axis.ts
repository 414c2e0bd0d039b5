/**
 * The time axis of the page: wall clock when the logs carry times, else kernel uptime
 * (dmesg without -T), so that uptime-only logs still get a timeline.
 */
export interface Clock {
  readonly kind: 'wall' | 'uptime';
  /** Offset of the logs' own time zone in minutes: labels show the times the log shows. */
  readonly zoneMinutes: number;
}

/** Offset in minutes of the zone an ISO time ends with (0 without one). */
export function zoneOf(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Axis label: "10:15" or "10:15:30" in the logs' zone, or uptime "[1234]". On an axis that crosses midnight
 * (`dated`) it carries the date: "11-12 10:15", and a tick at midnight the date alone ("11-13").
 */
export function clockLabel(clock: Clock, seconds: number, withSeconds: boolean, dated = false): string {
  if (clock.kind === 'uptime') return `[${Math.round(seconds)}]`;
  const local = new Date((seconds + clock.zoneMinutes * 60) * 1000);
  const hm = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const time = withSeconds ? `${hm}:${pad(local.getUTCSeconds())}` : hm;
  if (!dated) return time;
  const day = `${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  return local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0 ? day : `${day} ${time}`;
}

/** Whether an axis from `from` to `to` (seconds) crosses midnight in the logs' zone. */
export function crossesMidnightOn(clock: Clock, from: number, to: number): boolean {
  if (clock.kind === 'uptime') return false;
  const day = (s: number) => Math.floor((s + clock.zoneMinutes * 60) / 86400);
  return day(from) !== day(to);
}

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Round tick positions, about `target` of them, covering [from, to]. */
export function axisTicks(from: number, to: number, target = 8): number[] {
  const span = Math.max(to - from, 1);
  const step = STEPS.find((s) => span / s <= target) ?? Math.ceil(span / target / 86400) * 86400;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** "UTC+08:00" for the logs' zone. */
export function zoneText(clock: Clock): string {
  const m = Math.abs(clock.zoneMinutes);
  return `UTC${clock.zoneMinutes < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
