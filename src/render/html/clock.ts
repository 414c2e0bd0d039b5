import type { Result } from '../../result/schema.js';
import { zoneOf, type Clock } from '../../time/axis.js';

/** A moment as the result gives it: ISO time and/or uptime seconds. */
export interface Moment {
  readonly time: string | null;
  readonly uptime: number | null;
}

/** Picks the clock most of the timeline's items can be placed on; null when none has any. */
export function chooseClock(result: Result): Clock | null {
  const moments: Moment[] = [
    ...result.incidents.map((i) => ({ time: i.firstSeen, uptime: i.firstUptime })),
    ...result.events.map((e) => ({ time: e.firstSeen, uptime: e.firstUptime })),
  ];
  const timed = moments.filter((m) => m.time !== null);
  const uptimed = moments.filter((m) => m.uptime !== null);
  if (timed.length === 0 && uptimed.length === 0) return null;
  if (timed.length >= uptimed.length) return { kind: 'wall', zoneMinutes: zoneOf(timed[0]!.time!) };
  return { kind: 'uptime', zoneMinutes: 0 };
}

/** Seconds on the clock's axis, or null when the moment has no reading of that clock. */
export function secondsOn(clock: Clock, m: Moment): number | null {
  if (clock.kind === 'uptime') return m.uptime;
  if (m.time === null) return null;
  const ms = Date.parse(m.time);
  return Number.isNaN(ms) ? null : ms / 1000;
}
