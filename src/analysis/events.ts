import type { LogLine } from '../lines/types.js';
import { lookupErrno } from '../knowledge/errno.js';
import type { EventGroup } from '../result/schema.js';

// Words that make a line an error, failure or timeout rather than routine noise.
const NOTABLE_RE = /\b(?:err(?:or)?s?|fail(?:ed|ure|s)?|timed? ?out|timeout|not responding|unable|cannot|can't|denied|refused|abort(?:ed|ing)?|reset|offline|lost|corrupt(?:ed|ion)?|critical|fatal|hung|stall(?:ed)?|blocked|dropped|warn(?:ing)?)\b/i;
// A negative number that may be an errno: `-107`, `error -5`, `ret=-110`, `(-28)`.
const NEGATIVE_RE = /(?<![\w.-])-(\d{1,3})(?![\w.])/g;
// Device-like subjects: rbd1, sda3, dm-12, eth0, nvme0n1, md127; letters then digits (hex tail allowed).
const SUBJECT_RE = /\b([a-z][a-z_]{0,15}-?)(\d[\da-z]{0,15})\b/g;
const IPV4_RE = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const HEX_RE = /\b(?:0x)?[0-9a-f]{8,}\b/gi;
const NUMBER_RE = /(?<![\w-])\d+(?:\.\d+)?(?![\w])/g;

/** Cap on distinct templates kept, so that a log of unique lines cannot grow memory without bound. */
const MAX_GROUPS = 5000;

export interface Template {
  readonly template: string;
  readonly subjects: readonly string[];
  readonly errno: number | null;
}

/** Turns a message into its template: subjects become `nameN`, numbers `N`, long hex `ADDR`; errnos stay. */
export function templateOf(text: string): Template {
  const subjects: string[] = [];
  let errno: number | null = null;
  const errnos: string[] = [];
  // Errnos are set aside first (as NUL-delimited placeholders) so that the number rules leave them alone.
  let t = text.replace(NEGATIVE_RE, (whole, digits: string) => {
    const info = lookupErrno(Number(digits));
    if (!info) return whole;
    errno ??= -Number(digits);
    errnos.push(whole);
    return `\u0000E${errnos.length - 1}\u0000`;
  });
  t = t.replace(IPV4_RE, 'IP');
  t = t.replace(HEX_RE, 'ADDR');
  t = t.replace(SUBJECT_RE, (whole, name: string) => {
    if (!subjects.includes(whole)) subjects.push(whole);
    return `${name}N`;
  });
  t = t.replace(NUMBER_RE, 'N');
  t = t.replace(/\u0000E(\d+)\u0000/g, (_w, i: string) => errnos[Number(i)]!);
  return { template: t, subjects, errno };
}

/** The subsystem a line comes from: the syslog program, or the kernel message's leading word. */
export function eventKind(line: LogLine): string {
  if (!line.kernel && line.tag) return line.tag.replace(/\[\d+\]$/, '');
  const word = /^([A-Za-z][\w-]*)/.exec(line.text);
  return word ? word[1]!.toLowerCase().replace(/\d+$/, '') : 'kernel';
}

interface Group {
  kind: string;
  template: string;
  host: string | null;
  kernel: boolean;
  count: number;
  first: LogLine;
  last: LogLine;
  subjects: Set<string>;
  errno: number | null;
  notable: boolean;
}

/**
 * Groups lines outside reports by template in one streaming pass. Program (non-kernel) lines are
 * kept only when notable: daemon chatter is not part of a kernel diagnosis, its errors can be.
 */
export class EventAggregator {
  private readonly groups = new Map<string, Group>();
  private overflow = 0;

  add(line: LogLine): void {
    const text = line.text.trim();
    if (text === '') return;
    const notable = NOTABLE_RE.test(text);
    const { template, subjects, errno } = templateOf(text);
    if (!line.kernel && !notable && errno === null) return;
    const key = `${line.host ?? ''}\u0001${line.kernel ? 'k' : line.tag}\u0001${template}`;
    let group = this.groups.get(key);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) {
        this.overflow++;
        return;
      }
      group = { kind: eventKind(line), template, host: line.host, kernel: line.kernel, count: 0, first: line, last: line, subjects: new Set(), errno, notable: notable || errno !== null };
      this.groups.set(key, group);
    }
    group.count++;
    // Members of a bundle arrive in archive order, not always oldest first: keep the earliest and the latest line.
    if (isEarlier(line, group.first)) group.first = line;
    if (!isEarlier(line, group.last)) group.last = line;
    // Keep a bounded subject list: a template with thousands of subjects is summarised by its count.
    for (const s of subjects) if (group.subjects.size < 64) group.subjects.add(s);
  }

  /** Lines not grouped because the template cap was reached. */
  get droppedLines(): number {
    return this.overflow;
  }

  groupsList(): EventGroup[] {
    return [...this.groups.values()].map((g) => {
      const info = g.errno === null ? null : lookupErrno(g.errno);
      return {
        kind: g.kind,
        template: g.template,
        host: g.host,
        kernel: g.kernel,
        count: g.count,
        firstSeen: g.first.time,
        lastSeen: g.last.time,
        firstUptime: g.first.uptime,
        lastUptime: g.last.uptime,
        subjects: [...g.subjects].sort(naturalCompare),
        errno: g.errno,
        errnoName: info?.name ?? null,
        errnoMeaning: info?.meaning ?? null,
        notable: g.notable,
        example: { path: g.first.path, line: g.first.lineNo, text: g.first.text },
        relation: null,
      };
    });
  }
}

/** True when both lines carry a wall-clock time and `a`'s is before `b`'s. */
function isEarlier(a: LogLine, b: LogLine): boolean {
  return a.epochMs !== null && b.epochMs !== null && a.epochMs < b.epochMs;
}

/** Compares "rbd10" after "rbd9". */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
