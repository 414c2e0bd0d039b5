import type { LineContext, LineFormat, LineOrigin, LineSource, LogLine, MovingLine } from './types.js';
import { epochMsOf, monthIndex, normaliseZone, wallClock, type WallClock } from '../time/clock.js';
import { namedHost } from '../knowledge/host-names.js';

/** The message part of a line once its prefix is parsed. */
interface Parsed extends LineOrigin {
  readonly clock: WallClock | null;
}

type PrefixParser = (raw: string, ctx: LineContext) => Parsed | null;

// `[ 1234.567890]` uptime stamp, optionally followed by a `[T123]`/`[ C1]` caller tag.
const UPTIME_RE = /^\[\s*(\d{1,10}\.\d{1,9})\]\s?(?:\[\s*([TC]\d{1,7})\]\s?)?/;
// `<6>` console log-level prefix in front of a dmesg line (`dmesg -r`, serial consoles).
const LEVEL_RE = /^<\d{1,3}>/;

/** Splits an optional `[uptime]` / caller tag off a kernel message. */
function splitUptime(text: string): { text: string; uptime: number | null; caller: string | null } {
  const m = UPTIME_RE.exec(text);
  if (!m) return { text, uptime: null, caller: null };
  return { text: text.slice(m[0].length), uptime: Number(m[1]), caller: m[2] ?? null };
}

/** An origin with its time, built field by field: every parser's result then has one shape (a spread would make another). */
function withClock(origin: LineOrigin, clock: WallClock | null): Parsed {
  return { text: origin.text, host: origin.host, clock, uptime: origin.uptime, kernel: origin.kernel, tag: origin.tag, caller: origin.caller };
}

function programOrigin(host: string, program: string, message: string): LineOrigin {
  const kernel = program === 'kernel';
  const { text, uptime, caller } = kernel ? splitUptime(message) : { text: message, uptime: null, caller: null };
  return { text, host: namedHost(host), uptime, kernel, tag: program, caller };
}

// `Nov 12 10:10:59 node-2 kernel: msg` and `Nov 12 10:10:59.123456 host prog[pid]: msg` (short-precise): the time
// (read by `readSyslogStamp`: `^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? `), then the origin.
const SYSLOG_ORIGIN_RE = /^(\S+) ([^\s:[]{1,64})(?:\[\d{1,10}\])?: ?(.*)$/;

export interface SyslogStamp {
  /** Characters of the stamp, with the space after it. */
  readonly length: number;
  /** Month name as written (`Nov`). */
  readonly month: string;
  readonly day: number;
  readonly h: number;
  readonly min: number;
  readonly s: number;
  /** Digits after the seconds' dot, or null. */
  readonly fraction: string | null;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;
const isLower = (code: number): boolean => code >= 97 && code <= 122;

/** The digits at `at`, 1 to `most` of them, as [value, index past them]; null when there is none. */
function digitsAt(raw: string, at: number, most: number): [number, number] | null {
  let value = 0;
  let i = at;
  for (; i < raw.length && i - at < most && isDigit(raw.charCodeAt(i)); i++) value = value * 10 + raw.charCodeAt(i) - 48;
  return i === at ? null : [value, i];
}

/** Exactly two digits at `at` followed by `after` (a character code, or -1 for none), or -1. */
function twoDigits(raw: string, at: number, after: number): number {
  const a = raw.charCodeAt(at);
  const b = raw.charCodeAt(at + 1);
  if (!isDigit(a) || !isDigit(b) || (after !== -1 && raw.charCodeAt(at + 2) !== after)) return -1;
  return (a - 48) * 10 + b - 48;
}

/** The time at the start of a syslog line, read character by character (every line kept is read: a regex costs more). */
export function readSyslogStamp(raw: string): SyslogStamp | null {
  if (!isUpper(raw.charCodeAt(0)) || !isLower(raw.charCodeAt(1)) || !isLower(raw.charCodeAt(2)) || raw.charCodeAt(3) !== 32) return null;
  const day = digitsAt(raw, raw.charCodeAt(4) === 32 ? 5 : 4, 2);
  if (!day || raw.charCodeAt(day[1]) !== 32) return null;
  const at = day[1] + 1;
  const h = twoDigits(raw, at, 58);
  const min = twoDigits(raw, at + 3, 58);
  const s = twoDigits(raw, at + 6, -1);
  if (h < 0 || min < 0 || s < 0) return null;
  let end = at + 8;
  let fraction: string | null = null;
  if (raw.charCodeAt(end) === 46) {
    const digits = digitsAt(raw, end + 1, 9);
    if (!digits) return null;
    fraction = raw.slice(end + 1, digits[1]);
    end = digits[1];
  }
  if (raw.charCodeAt(end) !== 32) return null;
  return { length: end + 1, month: raw.slice(0, 3), day: day[0], h, min, s, fraction };
}

/** The origin of a syslog line from its text after the time, remembered for recent texts when the context keeps them. */
export function syslogOrigin(rest: string, ctx: Pick<LineContext, 'origins'>): LineOrigin | null {
  const known = ctx.origins?.get(rest);
  if (known !== undefined) return known;
  const m = SYSLOG_ORIGIN_RE.exec(rest);
  const origin = m ? programOrigin(m[1]!, m[2]!, m[3]!) : null;
  ctx.origins?.set(rest, origin);
  return origin;
}

/** The wall-clock reading of a syslog time, whose month is `month` (0-11). */
export function syslogClock(month: number, stamp: Omit<SyslogStamp, 'length' | 'month'>, ctx: LineContext): WallClock | null {
  return wallClock(syslogYear(month, ctx), month, stamp.day, stamp.h, stamp.min, stamp.s, stamp.fraction, ctx.assumedZone);
}

/** The year of a syslog time (which has none): a month after the file's own month cannot be this year's, the log started last year. */
function syslogYear(month: number, ctx: LineContext): number {
  return month > ctx.referenceMonth ? ctx.year - 1 : ctx.year;
}

/**
 * A syslog line whose time the line scan packed (RegionStops.clocks: month | day << 4 | hour << 9 | minute << 15 |
 * second << 21), with its text after the time already known; null when the time is no valid one. Its time text is
 * made only when read: most such lines of a large log are only counted and ordered. `moving` is the line of the same
 * message before, moved on to this one unless this one is earlier (then a new line is made: the one before may be kept).
 */
export function packedSyslogLine(packed: number, origin: LineSource, text: string, lineNo: number, ctx: LineContext, moving: PackedSyslogLine | null): PackedSyslogLine | null {
  const epochMs = packedEpochMs(packed, ctx);
  if (epochMs === null) return null;
  if (moving && moving.path === ctx.path && moving.epochMs <= epochMs) return moving.moveTo(lineNo, epochMs, syslogYear(packed & 15, ctx), packed);
  return packedSyslogLineAt(packed, epochMs, origin, text, lineNo, ctx);
}

/** The milliseconds of a packed syslog time (see packedSyslogLine); null when it is no valid time. */
export function packedEpochMs(packed: number, ctx: LineContext): number | null {
  const month = packed & 15;
  return epochMsOf(syslogYear(month, ctx), month, (packed >> 4) & 31, (packed >> 9) & 63, (packed >> 15) & 63, (packed >> 21) & 63, ctx.assumedZone);
}

/** A new line of a packed syslog time whose milliseconds (packedEpochMs) are known. */
export function packedSyslogLineAt(packed: number, epochMs: number, origin: LineSource, text: string, lineNo: number, ctx: LineContext): PackedSyslogLine {
  return new PackedSyslogLine(ctx.path, lineNo, text, origin, epochMs, syslogYear(packed & 15, ctx), packed, ctx.assumedZone);
}

/** A repeated message's line, moved on from one repeat to the next (see MovingLine); `time` is made when first read. */
export class PackedSyslogLine implements MovingLine {
  readonly host: string | null;
  readonly uptime: number | null;
  readonly kernel: boolean;
  readonly tag: string | null;
  readonly caller: string | null;
  private madeTime: string | null = null;

  constructor(
    readonly path: string,
    public lineNo: number,
    readonly text: string,
    origin: LineSource,
    public epochMs: number,
    private year: number,
    private packed: number,
    private readonly zone: string | null,
  ) {
    this.host = origin.host;
    this.uptime = origin.uptime;
    this.kernel = origin.kernel;
    this.tag = origin.tag;
    this.caller = origin.caller;
  }

  moveTo(lineNo: number, epochMs: number, year: number, packed: number): this {
    this.lineNo = lineNo;
    this.epochMs = epochMs;
    if (packed !== this.packed || year !== this.year) this.madeTime = null;
    this.year = year;
    this.packed = packed;
    return this;
  }

  get time(): string {
    const p = this.packed;
    this.madeTime ??= wallClock(this.year, p & 15, (p >> 4) & 31, (p >> 9) & 63, (p >> 15) & 63, (p >> 21) & 63, null, this.zone)!.iso;
    return this.madeTime;
  }

  lasting(): LogLine {
    const { path, lineNo, text, host, time, epochMs, uptime, kernel, tag, caller } = this;
    return { path, lineNo, text, host, time, epochMs, uptime, kernel, tag, caller };
  }
}

/** The wall-clock reading of a syslog time from its text (`Nov 12 10:10:59.123456 `); null for none, or no valid one. */
export function syslogStampClock(text: string, ctx: LineContext): WallClock | null {
  const stamp = readSyslogStamp(text);
  const month = stamp ? monthIndex(stamp.month) : -1;
  return month < 0 ? null : syslogClock(month, stamp!, ctx);
}

/** The line without a syslog priority (`<13>`, `<6>`, `<191>`) before its header, as remote syslog receivers keep it. */
function withoutPriority(raw: string): string {
  const priority = raw.charCodeAt(0) === 60 ? LEVEL_RE.exec(raw) : null;
  return priority ? raw.slice(priority[0].length) : raw;
}

const parseSyslog: PrefixParser = (line, ctx) => {
  const raw = withoutPriority(line);
  const stamp = readSyslogStamp(raw);
  if (!stamp) return null;
  const month = monthIndex(stamp.month);
  if (month < 0) return null;
  const clock = syslogClock(month, stamp, ctx);
  const origin = syslogOrigin(raw.slice(stamp.length), ctx);
  return origin && withClock(origin, clock);
};

// ISO timestamp with optional fraction and zone: journalctl -o short-iso(-precise), rsyslog RFC 3339.
const ISO_STAMP = String.raw`(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?`;
export const ISO_RE = new RegExp(`^${ISO_STAMP} (\\S+) ([^\\s:[]{1,64})(?:\\[\\d{1,10}\\])?: ?(.*)$`);

function isoClock(m: RegExpExecArray, ctx: LineContext): WallClock | null {
  const zone = normaliseZone(m[8]) ?? ctx.assumedZone;
  return wallClock(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] ?? null, zone);
}

const parseIso: PrefixParser = (raw, ctx) => {
  const m = ISO_RE.exec(withoutPriority(raw));
  if (!m) return null;
  return withClock(programOrigin(m[9]!, m[10]!, m[11]!), isoClock(m, ctx));
};

// RFC 5424: `<6>1 2022-11-12T10:10:59.123+08:00 host kernel - - - msg`.
export const RFC5424_RE = new RegExp(`^(?:<\\d{1,3}>)?1 ${ISO_STAMP} (\\S+) (\\S+) \\S+ \\S+ (?:-|\\[.*?\\]) ?(.*)$`);

const parseRfc5424: PrefixParser = (raw, ctx) => {
  const m = RFC5424_RE.exec(raw);
  if (!m) return null;
  return withClock(programOrigin(m[9]!, m[10]!, m[11]!.replace(/^\uFEFF/, '')), isoClock(m, ctx));
};

// Log-collection bundle: `2022-11-12 10:10:59 +0800 | messages | <syslog line>`.
const BUNDLE_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ?(Z|[+-]\d{2}:?\d{2})? \| ([^|]{1,128}) \| (.*)$/;

const parseBundle: PrefixParser = (raw, ctx) => {
  const m = BUNDLE_RE.exec(raw);
  if (!m) return null;
  const zone = normaliseZone(m[8]) ?? ctx.assumedZone;
  const clock = wallClock(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] ?? null, zone);
  const inner = m[10]!;
  // The wrapped line is itself syslog (or ISO); the bundle's own stamp carries year and zone.
  const wrapped = parseSyslog(inner, { ...ctx, year: Number(m[1]), referenceMonth: 11 }) ?? parseIso(inner, ctx);
  if (wrapped) return withClock(wrapped, clock ?? wrapped.clock);
  const kernelText = splitUptime(inner);
  return { text: kernelText.text, host: null, clock, uptime: kernelText.uptime, kernel: true, tag: null, caller: kernelText.caller };
};

// `dmesg -x` decodes the priority: `kern  :warn  : [ 12.3] msg`, `user  :notice: [ 12.3] msg`.
const DECODED_PRIORITY_RE = /^([a-z]{2,8}[0-7]?) *:([a-z]{3,6}) *: /;

/** Strips a dmesg priority prefix (`dmesg -r` `<14>`, `dmesg -x` `user :notice:`); kernel is false for another facility. */
function dmesgPriority(raw: string): { line: string; kernel: boolean } {
  const decoded = DECODED_PRIORITY_RE.exec(raw);
  if (decoded) return { line: raw.slice(decoded[0].length), kernel: decoded[1] === 'kern' };
  const level = LEVEL_RE.exec(raw);
  // The raw priority is facility << 3 | level; user space writing to /dev/kmsg gets facility 1 (user).
  return level ? { line: raw.slice(level[0].length), kernel: Number(level[0].slice(1, -1)) >> 3 === 0 } : { line: raw, kernel: true };
}

// A wall-clock time a console logger put before the kernel's stamp: `[2024-03-01T12:34:56.789012+00:00] [  123.456789] msg`,
// `[ 2024-03-01 12:34:56.789 ] [  123.456789] msg`.
const OUTER_ISO_RE = new RegExp(`^\\[ ?${ISO_STAMP} ?\\] ?`);

const parseDmesg: PrefixParser = (raw, ctx) => {
  const { line: prefixed, kernel } = dmesgPriority(raw);
  const outer = prefixed.charCodeAt(0) === 91 ? OUTER_ISO_RE.exec(prefixed) : null;
  const line = outer ? prefixed.slice(outer[0].length) : prefixed;
  const m = UPTIME_RE.exec(line);
  if (!m) return null;
  return { text: line.slice(m[0].length), host: null, clock: outer ? isoClock(outer, ctx) : null, uptime: Number(m[1]), kernel, tag: null, caller: m[2] ?? null };
};

// `dmesg -T`: `[Sat Nov 12 10:10:59 2022] msg`.
const DMESG_HUMAN_RE = /^\[(?:[A-Z][a-z]{2}) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))? (\d{4})\] ?(.*)$/;

const parseDmesgHuman: PrefixParser = (raw, ctx) => {
  const m = DMESG_HUMAN_RE.exec(raw);
  if (!m) return null;
  const clock = wallClock(Number(m[7]), monthIndex(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), m[6] ?? null, ctx.assumedZone);
  const rest = splitUptime(m[8]!);
  return { text: rest.text, host: null, clock, uptime: rest.uptime, kernel: true, tag: null, caller: rest.caller };
};

// /dev/kmsg record: `level,seq,usec,flags[,more];message`.
const KMSG_RE = /^(\d{1,3}),(\d{1,20}),(\d{1,20}),[^;]{0,64};(.*)$/;

const parseKmsg: PrefixParser = (raw) => {
  const m = KMSG_RE.exec(raw);
  if (!m) return null;
  const facility = Number(m[1]) >> 3;
  const callerMatch = /^\[\s*([TC]\d{1,7})\] ?/.exec(m[4]!);
  const text = callerMatch ? m[4]!.slice(callerMatch[0].length) : m[4]!;
  // Facility 0 is the kernel; user space writing to /dev/kmsg gets facility 1 (user) by default.
  return { text, host: null, clock: null, uptime: Number(m[3]) / 1e6, kernel: facility === 0, tag: null, caller: callerMatch?.[1] ?? null };
};

/** The object a line of JSON holds (a journal record, a LAVA log entry), or null: JSON.parse only, log text is never evaluated. */
function jsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A journal field's text: a string, or the bytes journald stores as an array when the text is not valid UTF-8. */
function journalText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return Buffer.from(value as number[]).toString('utf8');
  return null;
}

/** A wall-clock reading from microseconds since the epoch (journald's `__REALTIME_TIMESTAMP`), in UTC. */
function clockFromMicros(micros: string): WallClock | null {
  if (!/^\d{1,20}$/.test(micros)) return null;
  const t = new Date(Math.floor(Number(micros) / 1000));
  const fraction = micros.slice(-6).padStart(6, '0');
  return wallClock(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), fraction, 'Z');
}

// `journalctl -o json`: one JSON object per line. MESSAGE, _HOSTNAME, __REALTIME_TIMESTAMP (µs since the epoch, UTC),
// _TRANSPORT (`kernel` for the kernel's lines), _SOURCE_MONOTONIC_TIMESTAMP (µs since boot), SYSLOG_IDENTIFIER.
const parseJournalJson: PrefixParser = (raw) => {
  const record = raw.startsWith('{') ? jsonObject(raw) : null;
  if (record === null) return null;
  const field = (name: string): string | null => journalText(record[name]);
  const message = field('MESSAGE');
  if (message === null) return null;
  const kernel = field('_TRANSPORT') === 'kernel';
  const realtime = field('__REALTIME_TIMESTAMP');
  const monotonic = kernel ? field('_SOURCE_MONOTONIC_TIMESTAMP') : null;
  const rest = kernel ? splitUptime(message) : { text: message, uptime: null, caller: null };
  return {
    text: rest.text,
    host: namedHost(field('_HOSTNAME')),
    clock: realtime ? clockFromMicros(realtime) : null,
    uptime: monotonic && /^\d{1,20}$/.test(monotonic) ? Number(monotonic) / 1e6 : rest.uptime,
    kernel,
    tag: kernel ? 'kernel' : (field('SYSLOG_IDENTIFIER') ?? field('_COMM')),
    caller: rest.caller,
  };
};

// A LAVA job log (KernelCI and LKFT boot and test runs): `- {"dt": "2023-03-01T12:34:56.123456", "lvl": "target",
// "msg": "[   12.345678] ..."}`, one YAML flow mapping per line written as JSON, `dt` in UTC. The device's console is
// `target` (`feedback` from its other namespaces); the other levels are LAVA's own messages.
const LAVA_DEVICE_LEVELS: ReadonlySet<string> = new Set(['target', 'feedback']);
const LAVA_DT_RE = new RegExp(`^${ISO_STAMP}$`);

const parseLava: PrefixParser = (raw, ctx) => {
  const record = raw.startsWith('- {"') ? jsonObject(raw.slice(2)) : null;
  if (record === null) return null;
  const { dt, lvl, msg } = record;
  if (typeof dt !== 'string' || typeof lvl !== 'string') return null;
  const stamp = LAVA_DT_RE.exec(dt);
  const clock = stamp && isoClock(stamp, { ...ctx, assumedZone: stamp[8] ? ctx.assumedZone : 'Z' });
  const device = LAVA_DEVICE_LEVELS.has(lvl);
  // (a result or a command is a mapping: its JSON is the line's text)
  const text = typeof msg === 'string' ? msg : (JSON.stringify(msg) ?? '');
  const rest = device ? splitUptime(text) : { text, uptime: null, caller: null };
  return { text: rest.text, host: null, clock, uptime: rest.uptime, kernel: device, tag: device ? null : 'lava', caller: rest.caller };
};

const parseBare: PrefixParser = (raw, ctx) => {
  const prev = ctx.previous;
  const rest = splitUptime(raw.replace(LEVEL_RE, ''));
  return {
    text: rest.text,
    host: prev?.host ?? null,
    clock: null,
    uptime: rest.uptime,
    kernel: prev ? prev.kernel : true,
    tag: prev?.tag ?? null,
    caller: rest.caller,
  };
};

export const PARSERS: Readonly<Record<LineFormat, PrefixParser>> = {
  bundle: parseBundle,
  rfc5424: parseRfc5424,
  iso: parseIso,
  syslog: parseSyslog,
  'journal-json': parseJournalJson,
  kmsg: parseKmsg,
  lava: parseLava,
  'dmesg-human': parseDmesgHuman,
  dmesg: parseDmesg,
  bare: parseBare,
};

/** Order in which formats are tried when a line does not match its file's format. */
export const FALLBACK_ORDER: readonly LineFormat[] = ['journal-json', 'lava', 'bundle', 'rfc5424', 'iso', 'syslog', 'kmsg', 'dmesg-human', 'dmesg'];

const WALL_CLOCK_FORMATS: ReadonlySet<LineFormat> = new Set(['bundle', 'rfc5424', 'iso', 'syslog', 'journal-json', 'dmesg-human']);

/** kmsg continuation lines (` SUBSYSTEM=...`) carry metadata, not messages. */
export function isKmsgDictionaryLine(raw: string): boolean {
  return /^ [A-Z_]+=/.test(raw);
}

// The stamp (and caller tag) of a kernel line glued after other console output without a line break:
// `syzkaller login: [  417.725670][    C1] rcu: INFO: rcu_sched self-detected stall on CPU`.
const GLUED_STAMP_RE = /\[ {0,12}\d{1,10}\.\d{3,9}\](?:\[ {0,6}[CT]\d{1,7}\])? /;
// The kernel's own mark glued before a record: kept on the line, where the segmenter reads it.
const DROPPED_BEFORE_RE = /^\*\* \d{1,10} printk messages dropped \*\* $/;

/**
 * A line of a stamped console log (dmesg format) without a stamp at its start: the kernel's message starts at a stamp
 * glued into it. Only there: a kernel line that carries its own stamp, or a log whose lines carry none, may quote a
 * stamp in its text, and what follows it is no message of the kernel's.
 */
function parseGlued(raw: string, ctx: LineContext): Parsed | null {
  const glued = GLUED_STAMP_RE.exec(raw);
  if (!glued || DROPPED_BEFORE_RE.test(raw.slice(0, glued.index))) return null;
  return parseBare(raw.slice(glued.index), ctx);
}

function parseWithFallback(raw: string, format: LineFormat, ctx: LineContext): Parsed | null {
  if (format === 'bare') return null;
  for (const f of FALLBACK_ORDER) {
    const parsed = f === format ? null : PARSERS[f](raw, ctx);
    if (parsed) return parsed;
  }
  return null;
}

/** Parses one raw line with the file's format, falling back to the others, then to bare text. */
export function parseLine(raw: string, lineNo: number, format: LineFormat, ctx: LineContext): LogLine {
  const own = PARSERS[format](raw, ctx) ?? parseWithFallback(raw, format, ctx);
  const parsed = own ?? (format === 'dmesg' ? parseGlued(raw, ctx) : null) ?? parseBare(raw, ctx)!;
  const inheritClock = parsed.clock === null && WALL_CLOCK_FORMATS.has(format);
  ctx.usedPrevious = own === null || format === 'bare' || inheritClock;
  const line: LogLine = {
    path: ctx.path,
    lineNo,
    text: parsed.text.trimEnd(),
    host: parsed.host,
    // A continuation line in a timestamped file belongs to the time of the line before it.
    time: parsed.clock?.iso ?? (inheritClock ? (ctx.previous?.time ?? null) : null),
    epochMs: parsed.clock?.epochMs ?? (inheritClock ? (ctx.previous?.epochMs ?? null) : null),
    uptime: parsed.uptime,
    kernel: parsed.kernel,
    tag: parsed.tag,
    caller: parsed.caller,
  };
  ctx.previous = line;
  return line;
}

// ABRT's µReport of a kernel oops holds the report in `raw_oops` (`"problem": { "type": "kerneloops", "raw_oops":
// "BUG: ...\nIP: ...\n..." }`): as a member line of a pretty-printed document, or in a record of a JSON-lines file.
// One whitespace run on each side of the optional comma: two adjacent `\s*` would backtrack quadratically.
const RAW_OOPS_MEMBER_RE = /^"raw_oops"\s*:\s*("(?:[^"\\]|\\.)*")\s*(?:,\s*)?$/;
const RAW_OOPS_KEY = 'raw_oops';
/** How deep in a record `raw_oops` is looked for (µReport: record, problem). */
const RAW_OOPS_DEPTH = 3;

/** The string a JSON value holds, or null: JSON.parse only (log text is never evaluated). */
function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The `raw_oops` string of a record or of one of its objects, at most `depth` levels down. */
function rawOopsOf(value: unknown, depth: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth === 0) return null;
  const own = (value as Record<string, unknown>)[RAW_OOPS_KEY];
  if (typeof own === 'string') return own;
  for (const member of Object.values(value)) {
    const found = rawOopsOf(member, depth - 1);
    if (found !== null) return found;
  }
  return null;
}

/** The kernel report a line holds in a `raw_oops` JSON string, with its escapes undone; null for none. */
function rawOops(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.startsWith('"raw_oops"')) {
    const member = RAW_OOPS_MEMBER_RE.exec(trimmed);
    const value = member ? jsonValue(member[1]!) : null;
    return typeof value === 'string' ? value : null;
  }
  return trimmed.startsWith('{') && trimmed.includes('"raw_oops"') ? rawOopsOf(jsonValue(trimmed), RAW_OOPS_DEPTH) : null;
}

/**
 * Parses one raw line into the lines it holds: itself, or each line of a kernel report held in a JSON string (a
 * µReport's `raw_oops`, a journal record whose MESSAGE has several lines), all with the raw line's number and origin.
 */
export function parseLines(raw: string, lineNo: number, format: LineFormat, ctx: LineContext): LogLine[] {
  const held = rawOops(raw);
  const line = parseLine(raw, lineNo, format, ctx);
  if (held === null && !line.text.includes('\n')) return [line];
  const kernel = held !== null || line.kernel;
  const texts = (held ?? line.text).split('\n');
  if (texts[texts.length - 1]!.trim() === '') texts.pop();
  const lines = texts.map((text, i): LogLine => {
    // (a journal record's first line had its stamp split off with the record)
    const rest = kernel && (held !== null || i > 0) ? splitUptime(text) : { text, uptime: null, caller: null };
    return { ...line, text: rest.text.trimEnd(), kernel, uptime: rest.uptime ?? line.uptime, caller: rest.caller ?? line.caller };
  });
  if (lines.length > 0) ctx.previous = lines[lines.length - 1]!;
  return lines;
}

/** Picks the format that parses most of the sample lines; `bare` when none does. */
export function detectFormat(sample: readonly string[]): LineFormat {
  const ctx: LineContext = { path: '', year: 2000, referenceMonth: 11, assumedZone: null, previous: null };
  let best: LineFormat = 'bare';
  let bestCount = 0;
  const lines = sample.filter((l) => l.trim() !== '');
  for (const format of FALLBACK_ORDER) {
    let count = 0;
    for (const l of lines) if (PARSERS[format](l, ctx)) count++;
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  // A handful of stamped lines among pasted text still makes the file that format.
  return bestCount > 0 && bestCount >= Math.min(3, lines.length) * 0.5 ? best : 'bare';
}
