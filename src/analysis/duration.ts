/** "11 min 24 s", "3 h 2 min", "45 s", "1.5 s". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 10 && !Number.isInteger(s)) return `${Number(s.toFixed(1))} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return sec > 0 ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

/** The clock part of an ISO time ("10:10:59"), or the uptime as "[1234.56]". */
export function shortTime(time: string | null, uptime: number | null): string {
  if (time) {
    const m = /T(\d{2}:\d{2}:\d{2})/.exec(time);
    if (m) return m[1]!;
  }
  return uptime !== null ? `[${uptime.toFixed(2)}]` : '?';
}
