// A week of one node's `messages`: the node-2 soft lockup (two reports of CPU 12 and the rbd errors around them)
// happening again and again, 3 to 4 hours apart, with routine lines between. Classic syslog (no year: analyze with
// `year: 2022`), in the node's zone +08:00.
import { readFileSync } from 'node:fs';
import { parseBundle, type BundleLine } from './convert.js';

const NODE2 = 'examples/node-2/messages.node-2.20221112.log';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONE_MS = 8 * 3600_000;
const HOUR_MS = 3600_000;
/** Gaps between occurrences, cycled: every 3-4 h. */
const GAPS_MS = [3 * HOUR_MS, 3.5 * HOUR_MS, 4 * HOUR_MS];

const pad = (n: number) => String(n).padStart(2, '0');

/** `Nov 12 10:10:59` in +08:00. */
export function syslogStamp(epochMs: number): string {
  const t = new Date(epochMs + ZONE_MS);
  return `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** The lines of one occurrence: node-2 from the first CPU 12 report to just before its third (two reports, rbd errors). */
export function occurrenceLines(): BundleLine[] {
  const lines = parseBundle(readFileSync(NODE2, 'utf8'));
  const start = lines.find((l) => l.message.includes('soft lockup - CPU#12'))!.epochMs;
  return lines.filter((l) => l.epochMs >= start && l.epochMs < start + 60_000);
}

export interface WeekLogOptions {
  readonly occurrences?: number;
  readonly host?: string;
  /** Shifts every time (another host's occurrences at other moments). */
  readonly offsetMs?: number;
}

/** The text of the log and the start of each occurrence. */
export function weekLog(options: WeekLogOptions = {}): { text: string; starts: number[] } {
  const { occurrences = 50, host = 'node-2', offsetMs = 0 } = options;
  const one = occurrenceLines();
  const base = one[0]!.epochMs + offsetMs;
  const out: string[] = [];
  const starts: number[] = [];
  let at = base;
  for (let k = 0; k < occurrences; k++) {
    starts.push(at);
    for (const l of one) out.push(`${syslogStamp(l.epochMs - one[0]!.epochMs + at)} ${host} ${l.tag}: ${l.message}`);
    const gap = GAPS_MS[k % GAPS_MS.length]!;
    // Routine lines every 20 minutes until the next occurrence.
    for (let t = at + 20 * 60_000; t < at + gap - 60_000; t += 20 * 60_000) out.push(`${syslogStamp(t)} ${host} systemd: Started Session ${Math.round(t / 1000) % 100000} of user root.`);
    at += gap;
  }
  return { text: `${out.join('\n')}\n`, starts };
}
