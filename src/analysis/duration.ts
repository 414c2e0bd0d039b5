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

/** The clock part of an ISO time ("10:10:59"), or the uptime as "[1234.56]". */
export function shortTime(time: string | null, uptime: number | null): string {
  if (time) {
    const m = /T(\d{2}:\d{2}:\d{2})/.exec(time);
    if (m) return m[1]!;
  }
  return uptime !== null ? `[${uptime.toFixed(2)}]` : '?';
}
