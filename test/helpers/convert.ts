// Rewrites a log-collection bundle file into the other line formats ktriage reads, so that tests
// can check that every format yields the same diagnosis.

const BUNDLE_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) \| [^|]+ \| ([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^:]+): (.*)$/;

export interface BundleLine {
  readonly epochMs: number;
  readonly zone: string;
  readonly syslogStamp: string;
  readonly host: string;
  readonly tag: string;
  readonly message: string;
}

export function parseBundle(text: string): BundleLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = BUNDLE_RE.exec(l);
      if (!m) throw new Error(`not a bundle line: ${l}`);
      const zone = `${m[7]!.slice(0, 3)}:${m[7]!.slice(3)}`;
      const epochMs = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
      return { epochMs, zone, syslogStamp: m[8]!, host: m[9]!, tag: m[10]!, message: m[11]! };
    });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function localParts(l: BundleLine): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const sign = l.zone.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(l.zone.slice(1, 3)) * 60 + Number(l.zone.slice(4, 6))) * 60_000;
  const t = new Date(l.epochMs + offsetMs);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth(), d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
}

function isoStamp(l: BundleLine, precise: boolean): string {
  const p = localParts(l);
  return `${p.y}-${pad(p.mo + 1)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${precise ? '.000000' : ''}${l.zone}`;
}

/** Seconds since a boot placed one hour before the first line. */
function uptimeOf(l: BundleLine, first: BundleLine): string {
  return ((l.epochMs - first.epochMs) / 1000 + 3600).toFixed(6).padStart(12, ' ');
}

/** The fields `journalctl -o json` prints for a line (kernel lines with their monotonic time, in microseconds). */
function journalRecord(l: BundleLine, first: BundleLine): Record<string, string> {
  const common = { __REALTIME_TIMESTAMP: String(l.epochMs * 1000), _HOSTNAME: l.host, MESSAGE: l.message };
  if (l.tag === 'kernel') return { ...common, _TRANSPORT: 'kernel', SYSLOG_IDENTIFIER: 'kernel', _SOURCE_MONOTONIC_TIMESTAMP: String(Math.round((Number(uptimeOf(l, first)) * 1e6))) };
  return { ...common, _TRANSPORT: 'syslog', SYSLOG_IDENTIFIER: l.tag.replace(/\[\d+\]$/, '') };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type TargetFormat = 'syslog' | 'short-iso' | 'short-precise' | 'rfc5424' | 'journal-json' | 'dmesg' | 'dmesg-caller' | 'dmesg-human' | 'kmsg' | 'bare';

/** Renders the lines in the target format; kernel-only formats keep only the kernel's lines. */
export function convert(lines: readonly BundleLine[], format: TargetFormat): string {
  const first = lines[0]!;
  const kernel = lines.filter((l) => l.tag === 'kernel');
  const out = (() => {
    switch (format) {
      case 'syslog':
        return lines.map((l) => `${l.syslogStamp} ${l.host} ${l.tag}: ${l.message}`);
      case 'short-iso':
        return lines.map((l) => `${isoStamp(l, false)} ${l.host} ${l.tag}: ${l.message}`);
      case 'short-precise':
        return lines.map((l) => `${l.syslogStamp}.000000 ${l.host} ${l.tag}: ${l.message}`);
      case 'rfc5424':
        return lines.map((l) => `<6>1 ${isoStamp(l, true)} ${l.host} ${l.tag.replace(/\[\d+\]$/, '')} - - - ${l.message}`);
      case 'journal-json':
        return lines.map((l) => JSON.stringify(journalRecord(l, first)));
      case 'dmesg':
        return kernel.map((l) => `[${uptimeOf(l, first)}] ${l.message}`);
      case 'dmesg-caller':
        return withCallers(kernel).map(({ line, caller }) => `[${uptimeOf(line, first)}][${caller.padStart(6)}] ${line.message}`);
      case 'dmesg-human':
        return kernel.map((l) => {
          const p = localParts(l);
          const dow = DAYS[new Date(Date.UTC(p.y, p.mo, p.d)).getUTCDay()];
          return `[${dow} ${MONTHS[p.mo]} ${String(p.d).padStart(2)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)} ${p.y}] ${l.message}`;
        });
      case 'kmsg':
        return kernel.map((l, i) => `4,${1000 + i},${Math.round((l.epochMs - first.epochMs) * 1000 + 3_600_000_000)},-;${l.message}`);
      case 'bare':
        return kernel.map((l) => l.message);
    }
  })();
  return `${out.join('\n')}\n`;
}

/** The watchdog reports from its timer interrupt, so report lines carry the CPU tag `C<n>`; other lines a task tag. */
function withCallers(lines: readonly BundleLine[]): { line: BundleLine; caller: string }[] {
  let current = 'T1';
  return lines.map((line) => {
    const header = /soft lockup - CPU#(\d+)/.exec(line.message);
    if (header) current = `C${header[1]}`;
    const outside = /^(?:rbd|XFS|docker\d|device) /.test(line.message);
    return { line, caller: outside ? 'T4242' : current };
  });
}
