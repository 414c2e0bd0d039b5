import type { RecentTexts } from './recent-texts.js';

/** The line formats ktriage recognises, detected per file. */
export const LINE_FORMATS = ['bundle', 'syslog', 'iso', 'rfc5424', 'journal-json', 'lava', 'dmesg', 'dmesg-human', 'kmsg', 'bare'] as const;
export type LineFormat = (typeof LINE_FORMATS)[number];

/** One log line with its prefix parsed away; `text` is the message as the kernel (or program) printed it. */
export interface LogLine {
  /** Path of the input the line came from, as shown to the user. */
  readonly path: string;
  /** 1-based line number in that input. */
  readonly lineNo: number;
  /** The message after all prefixes (syslog header, dmesg timestamp, caller tag). */
  readonly text: string;
  readonly host: string | null;
  /** Wall-clock time as ISO 8601; with an offset when the line carries a time zone. */
  readonly time: string | null;
  /** Milliseconds for ordering and gaps: UTC when the zone is known, else local time read as UTC. */
  readonly epochMs: number | null;
  /** Seconds since boot, from a `[ 1234.567890]` stamp or a kmsg record. */
  readonly uptime: number | null;
  /** True when the kernel printed the line (syslog tag `kernel`, dmesg, kmsg, bare text). */
  readonly kernel: boolean;
  /** Syslog program tag (`kernel`, `sshd`), or null when the format has none. */
  readonly tag: string | null;
  /** printk caller id (`T123` task, `C1` CPU) when the kernel printed one. */
  readonly caller: string | null;
  /**
   * The lines as printed, when this one is a report header the kernel printed in pieces and the segmenter joined (see
   * src/knowledge/header-pieces.ts): the header is read whole, and the report's lines name each piece where it is.
   */
  readonly pieces?: readonly LogLine[];
}

/**
 * A line object the reader moves on to the next line of the same message (the fast path's repeats): whoever keeps a
 * line as the first of something keeps `lasting(line)`, a copy that stays. The last line seen may be kept as is.
 */
export interface MovingLine extends LogLine {
  lasting(): LogLine;
}

/** The line as it is now, to keep (a copy of a MovingLine, else the line itself). */
export const lasting = (line: LogLine): LogLine => ('lasting' in line ? (line as MovingLine).lasting() : line);

/** True when both lines carry a wall-clock time and `a`'s is before `b`'s. */
export function isEarlier(a: LogLine, b: LogLine): boolean {
  return a.epochMs !== null && b.epochMs !== null && a.epochMs < b.epochMs;
}

/** What a line's prefix says besides its time, and its message: the same for each repeat of a message. */
export interface LineOrigin {
  readonly text: string;
  readonly host: string | null;
  readonly uptime: number | null;
  readonly kernel: boolean;
  readonly tag: string | null;
  readonly caller: string | null;
}

/** Where a line comes from, without its message (what a repeated message's lines share, see PackedSyslogLine). */
export type LineSource = Omit<LineOrigin, 'text'>;

/** Per-file state the prefix parsers need (year inference, previous line for continuation lines). */
export interface LineContext {
  readonly path: string;
  /** Year used for syslog lines without one. */
  year: number;
  /** Month index (0-11) of the file's modification time: later months belong to the year before. */
  referenceMonth: number;
  /** Offset applied to wall-clock times without a zone, e.g. "+08:00" (from --tz), or null. */
  readonly assumedZone: string | null;
  previous: LogLine | null;
  /** The origins of recent syslog lines by their text after the time (see RecentTexts): repeats are not parsed again. */
  readonly origins?: RecentTexts<LineOrigin | null>;
  /** Set by each parse: the line took its time, or its kernel/program origin, from `previous`. */
  usedPrevious?: boolean;
}
