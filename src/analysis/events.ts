import { isEarlier, lasting, type LogLine } from '../lines/types.js';
import { isAsciiDigit, trimEndWhere } from '../text/trim.js';
import { lookupErrno } from '../knowledge/errno.js';
import { GENERATED_ID_DIGITS, GENERATED_NAME_PREFIXES } from '../knowledge/interface-names.js';
import { STORAGE_ANYWHERE_RE, storageError, type StorageError } from '../knowledge/storage.js';
import type { UnsaidEvent } from '../result/unsaid.js';
import { RecentTexts } from '../lines/recent-texts.js';
import { templateByModule } from '../lines/line-scan.js';

// Words that make a line an error, failure or timeout rather than routine noise. Besides the generic ones, each names a
// kernel message a support engineer looks for: `hard resetting link` (libata), `Detected Tx Unit Hang` (e1000e, igb,
// ixgbe), `cpu clock throttled` and `RT throttling activated` (thermal, sched), `neighbor table overflow!`, `Marking
// clocksource 'tsc' as unstable`, `Possible SYN flooding on port 80`, `page allocation stalls for 10000ms`, and a link
// going down (`NIC Link is Down`, bonding's `link status definitely down`, `SATA link down`), a file system remounted
// read-only after an error (ext4), an NMI nothing claims (`Uhhuh. NMI received for unknown reason 2d on CPU 0.`).
export const NOTABLE_RE =
  /\b(?:err(?:or)?s?|fail(?:ed|ure|s)?|timed? ?out|timeout|not responding|unable|cannot|can't|denied|refused|abort(?:ed|ing)?|reset(?:ting)?|offline|lost|corrupt(?:ed|ion)?|critical|fatal|hung|hang|stall(?:ed|s)?|blocked|dropp(?:ed|ing)|warn(?:ing)?|throttl(?:ed|ing)|overflow|unstable|flooding|link (?:is |status definitely )?down|remounting filesystem read-only|nmi received for unknown reason)\b/i;
/**
 * The whole words NOTABLE_RE takes on their own, in lower case (it takes them in any case): the line scan finds them
 * without the regex (native/line-scan.c, has_notable_word). A word left out only costs the regex.
 */
export const NOTABLE_WORDS: readonly string[] = [
  'err', 'errs', 'error', 'errors', 'fail', 'fails', 'failed', 'failure', 'timeout', 'timedout', 'unable', 'cannot', 'denied', 'refused',
  'abort', 'aborted', 'aborting', 'reset', 'offline', 'lost', 'corrupt', 'corrupted', 'corruption', 'critical', 'fatal', 'hung', 'stall',
  'stalled', 'stalls', 'blocked', 'dropped', 'dropping', 'warn', 'warning', 'resetting', 'hang', 'throttled', 'throttling', 'overflow',
  'unstable', 'flooding',
];
// A negative number that may be an errno: `-107`, `error -5`, `ret=-110`, `(-28)`.
const NEGATIVE_RE = /(?<![\w.-])-(\d{1,3})(?![\w.])/g;
// An errno printed without sign or name after the word that says it is one: `error 5`, `err=5`, `errno: 5`. Not `I/O error 10`
// (ext4_end_bio prints a blk_status_t there since 4.13) nor `sector 5`; a number running on (`5.1`, `5:0`, `5s`) is no errno.
const UNSIGNED_RE = /(?<!I\/O )\b(?:error|err|errno)[ =:]{1,2}(\d{1,3})(?![\w.:/-])/g;
/** Whether a text holds a number NEGATIVE_RE would take for an errno (before the errno table is asked). */
const ERRNO_LIKE_RE = new RegExp(NEGATIVE_RE.source);
/** Whether a text holds an errno UNSIGNED_RE would take (`errno: 5`, `err=5`), before the errno table is asked. */
const UNSIGNED_ERRNO_LIKE_RE = new RegExp(UNSIGNED_RE.source);
const GENERATED_PREFIX = GENERATED_NAME_PREFIXES.join('|');
// What SUBJECT_RE's first branch needs to match: a prefix and a hex digit (an id may hold no decimal digit).
const MAYBE_GENERATED_RE = new RegExp(String.raw`(?:${GENERATED_PREFIX})[\da-f]`);
// Device-like subjects: rbd1, sda3, dm-12, eth0, nvme0n1, md127; letters then digits (hex tail allowed). First, a name
// made of a known prefix and a generated hex id (veth3a4b5c6, vethbfbcdd, cali0e1f2a3b4c5: GENERATED_NAME_PREFIXES),
// which would else keep its id's leading letters in the template (`vethaebN`), or all of an id without a digit: group 1
// is such a name's prefix, group 2 the other names'.
const SUBJECT_RE = new RegExp(
  String.raw`\b(?:(${GENERATED_PREFIX})[\da-f]{${GENERATED_ID_DIGITS.min},${GENERATED_ID_DIGITS.max}}|([a-z][a-z_]{0,15}-?)\d[\da-z]{0,15})\b`,
  'g',
);
const IPV4_RE = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// An ISO 8601 date, maybe with its time (seconds, a fraction, a zone), as daemons print it in their messages
// (`time="2022-11-12T10:15:00.123456789Z"`, `2022-11-12 10:15:00,123`): without it a message repeated over days or
// hours would make an event per day and hour. Each run of digits is whole (`(?!\d)`), so that the module reads it alike.
const ISO_TIME_RE = /\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9}(?!\d))?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?(?!\w)/g;
// What ISO_TIME_RE needs to match at all: the `-` between a year and its month.
const MAYBE_DATE_RE = /\d-\d/;
// The date and time of a klog header after its level letter, as Kubernetes' components print it
// (`E1112 10:15:00.123456    1234 kubelet.go:2100] ...`): `E TIME`, the level kept.
const KLOG_TIME_RE = /(?<=\b[IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}(?!\w)/g;
const MAYBE_KLOG_RE = /\b[IWEF]\d/;
// An address or id: `0x` and 8 hex digits or more, or such a run with a letter (`ffff8a1b2c3d4e5f`, `2f1e0d9c`), made
// `ADDR`; such a run of decimal digits alone is a number, `N` (a sector, an inode, an audit serial, and after a `-`,
// where NUMBER_RE takes none: `web-12345678`), so that a message's 7-digit and 8-digit numbers make one event.
const HEX_RE = /\b(?:0x)?[0-9a-f]{8,}\b/gi;
const addressOf = (run: string): string => (/^0x|[a-f]/i.test(run) ? 'ADDR' : 'N');
const NUMBER_RE = /(?<![\w-])\d+(?:\.\d+)?(?![\w])/g;
const HAS_DIGIT_RE = /\d/;
const HAS_WORD_RE = /[A-Za-z0-9]/;
// What NEGATIVE_RE needs to match at all: a cheap test before templating a program line.
const MAYBE_ERRNO_RE = /-\d/;
// What UNSIGNED_RE needs to match at all.
const MAYBE_UNSIGNED_RE = /err/i;

/**
 * Caps on the groups kept, so that a log of unique lines cannot grow memory without bound: routine and notable groups
 * have a cap each, so that routine groups, of which the full read makes many more (200 hosts' chatter), never crowd out notable
 * ones and the fast and the full read keep the same notable events.
 */
export const MAX_GROUPS = { routine: 5000, notable: 5000 } as const;

export interface Template {
  readonly template: string;
  readonly subjects: readonly string[];
  readonly errno: number | null;
  /**
   * templateHash(template), by which the events find a template's groups: the templates of a block read by a scan worker
   * come to the main thread as new strings, which a Map keyed by them hashed again at each lookup (0.24 µs for a
   * message of 140 characters, a lookup for each message and origin of a run).
   */
  readonly hash: number;
}

/**
 * A hash of a template (FNV-1a, four characters a round as one little-endian word, then one a round), as the line scan's
 * module makes it of a template's bytes (text_hash): for an ASCII template the two are the same. Its low 30 bits: a small
 * integer to V8, and one an Int32Array holds as it is (see PackedReadings).
 */
export function templateHash(template: string): number {
  let h = 0x811c9dc5;
  let i = 0;
  const c = (k: number): number => template.charCodeAt(k) & 0xff;
  for (; i + 4 <= template.length; i += 4) h = Math.imul(h ^ (c(i) | (c(i + 1) << 8) | (c(i + 2) << 16) | (c(i + 3) << 24)), 16777619);
  for (; i < template.length; i++) h = Math.imul(h ^ c(i), 16777619);
  return h & TEMPLATE_HASH_MASK;
}

/** The bits of a template's hash kept (see templateHash). */
export const TEMPLATE_HASH_MASK = 0x3fffffff;

/** What a message says as an event; null for a separator rule or a blank line. */
function readMessage(message: string): Reading | null {
  const text = message.trim();
  if (!HAS_WORD_RE.test(text)) return null;
  const storage = storageError(text);
  // A storage error is notable whatever its words (`timing out command`, `Failing path`).
  return eventReading(templateOf(text), storage, storage !== null || NOTABLE_RE.test(text));
}

/**
 * Whether a text, its line's prefix included, may say something notable as readMessage tells it (a notable word, an
 * errno, a storage error whatever its words): a superset of the events' rules, asked by the fast scan before them
 * (src/lines/fast-scan.ts, mayMatter), which must never pass over a line they keep.
 */
export function mayBeNotable(text: string): boolean {
  return NOTABLE_RE.test(text) || ERRNO_LIKE_RE.test(text) || UNSIGNED_ERRNO_LIKE_RE.test(text) || STORAGE_ANYWHERE_RE.test(text);
}

/** What a message says as an event, to hand back to addRead (null: nothing). */
export type MessageReading = Reading | null;

/** Whether a message counts among the notable events (an error, a failure, an errno): the fast and the full read keep all of them. */
export function isNotableReading(reading: MessageReading): boolean {
  return reading !== null && (reading.notable || reading.errno !== null);
}

/**
 * What a message of a kernel line or (`kernel` false) a program's says as an event: a pure function of the two, which
 * the scan workers also compute (src/analysis/text-reading.ts). Program lines are kept only when notable or with an
 * errno: most daemon chatter stops here, untemplated.
 */
export function readEvent(message: string, kernel: boolean): MessageReading {
  if (!kernel && !NOTABLE_RE.test(message) && (!MAYBE_ERRNO_RE.test(message) || isPlainChatter(message))) return null;
  return readMessage(message);
}

/**
 * Whether a program's message that is not notable by its words can hold no errno and no storage error: the events
 * would drop its reading (EventAggregator.addLines), so it is not templated. Most daemon chatter with a date or an id
 * in it (`2022-11-12`, `token-929025`) stops here: 40 % of the distinct texts of a busy node.
 */
const isPlainChatter = (message: string): boolean =>
  !ERRNO_LIKE_RE.test(message) && !MAYBE_UNSIGNED_RE.test(message) && storageError(message.trim()) === null;

interface Reading extends Template {
  readonly notable: boolean;
  readonly storage: StorageError | null;
  /** The group the last line with this text went to. */
  lastGroup: Group | null;
}

/** A message's reading made of what readEvent tells of it (also where a scan worker's readings are unpacked: text-reading.ts). */
export const eventReading = ({ template, subjects, errno, hash }: Template, storage: StorageError | null, notable: boolean): NonNullable<MessageReading> => ({
  template,
  subjects,
  errno,
  hash,
  storage,
  notable,
  lastGroup: null,
});

/** Turns a message into its template: subjects become `nameN`, numbers `N`, addresses `ADDR`, dates and times `TIME`; errnos stay. */
export function templateOf(text: string): Template {
  return templateByModule(text) ?? templateByRules(text);
}

/** templateOf by its rules, the regexes above: for the messages the module does not read, and the module's reference. */
export function templateByRules(text: string): Template {
  // Without a digit only the hex rule can apply (hex words like `deadbeef`), or a generated name's id of hex letters: the
  // fast path of most noise.
  if (!HAS_DIGIT_RE.test(text) && !MAYBE_GENERATED_RE.test(text)) {
    const template = text.replace(HEX_RE, addressOf);
    return { template, subjects: [], errno: null, hash: templateHash(template) };
  }
  const subjects: string[] = [];
  let errno: number | null = null;
  const errnos: string[] = [];
  // Errnos are set aside first (as NUL-delimited placeholders) so that the number rules leave them alone; each keeps its sign as printed.
  // Each rule runs only when the character it cannot match without is there (a scan is cheaper than a replace).
  const setAside = (sign: number) => (whole: string, digits: string) => {
    if (!lookupErrno(Number(digits))) return whole;
    errno ??= sign * Number(digits);
    errnos.push(whole);
    return `\u0000E${errnos.length - 1}\u0000`;
  };
  let t = !text.includes('-') ? text : text.replace(NEGATIVE_RE, setAside(-1));
  if (MAYBE_UNSIGNED_RE.test(t)) t = t.replace(UNSIGNED_RE, setAside(1));
  if (MAYBE_DATE_RE.test(t)) t = t.replace(ISO_TIME_RE, 'TIME');
  if (MAYBE_KLOG_RE.test(t)) t = t.replace(KLOG_TIME_RE, ' TIME');
  if (t.includes('.')) t = t.replace(IPV4_RE, 'IP');
  t = t.replace(HEX_RE, addressOf);
  if (HAS_DIGIT_RE.test(t) || MAYBE_GENERATED_RE.test(t)) {
    t = t.replace(SUBJECT_RE, (whole, prefix: string | undefined, name: string | undefined) => {
      if (!subjects.includes(whole)) subjects.push(whole);
      return `${prefix ?? name}N`;
    });
    t = t.replace(NUMBER_RE, 'N');
  }
  if (t.includes('\u0000')) t = t.replace(/\u0000E(\d+)\u0000/g, (_w, i: string) => errnos[Number(i)]!);
  return { template: t, subjects, errno, hash: templateHash(t) };
}

/** The subsystem a line comes from: the syslog program, or the kernel message's leading word. */
export function eventKind(line: LogLine): string {
  if (!line.kernel && line.tag) return line.tag.replace(/\[\d+\]$/, '');
  const word = /^([A-Za-z][\w-]*)/.exec(line.text);
  return word ? trimEndWhere(word[1]!.toLowerCase(), isAsciiDigit) : 'kernel';
}

interface Group {
  kind: string;
  template: string;
  host: string | null;
  /** `k` for kernel lines, else the program tag: lines of one template from different programs are different events. */
  source: string | null;
  kernel: boolean;
  count: number;
  first: LogLine;
  last: LogLine;
  subjects: Set<string>;
  errno: number | null;
  notable: boolean;
  storage: StorageError | null;
}

/**
 * Groups lines outside reports by template in one streaming pass. Program (non-kernel) lines are
 * kept only when notable: daemon chatter is not part of a kernel diagnosis, its errors can be.
 */
export class EventAggregator {
  /** The groups of each template (one per host and source) by its hash, and all of them in the order they were made. */
  private readonly byTemplate = new Map<number, Group[]>();
  private readonly groups: Group[] = [];
  /** Groups made, notable and routine (see MAX_GROUPS). */
  private readonly made = { routine: 0, notable: 0 };
  private overflow = 0;

  /** `rememberTexts`: room for the readings of recent messages (see RecentTexts), 0 for none. */
  constructor(private readonly recent = new RecentTexts<Reading | null>(0)) {}

  /** Adds a line; `host` is the line's own, or the one its input is known by (dmesg lines carry none). */
  add(line: LogLine, host: string | null = line.host): void {
    this.addRead(line, host, this.read(line.text, line.kernel));
  }

  /**
   * What add() makes of a message (a pure function of its text and origin), for a caller that adds it again and again
   * (the fast path's repeats): addRead() then skips the lookup.
   */
  readingOf(line: LogLine): MessageReading {
    return this.read(line.text, line.kernel);
  }

  /** add() with the message's reading known (see readingOf). */
  addRead(line: LogLine, host: string | null, reading: MessageReading): void {
    this.addLines(line, line, line, 1, host, reading);
  }

  /**
   * Adds `count` lines of one message's reading and origin at once, as addRead() would one by one in input order:
   * `line` the first of them in that order, `earliest` the first of the earliest, `latest` the last of the latest.
   */
  addLines(line: LogLine, earliest: LogLine, latest: LogLine, count: number, host: string | null, reading: MessageReading): void {
    if (reading === null) return;
    const { template, subjects, errno, notable, storage, hash } = reading;
    if (!line.kernel && !notable && errno === null) return;
    const source = line.kernel ? 'k' : line.tag;
    const device = storage?.device ?? null;
    // The group of the line before with the same text, most often: no lookup at all.
    const last = reading.lastGroup;
    let group = last && belongsTo(last, host, source, device) ? last : groupOf(this.byTemplate.get(hash), template, host, source, device);
    if (!group) {
      const kept = isNotableReading(reading) ? 'notable' : 'routine';
      if (this.made[kept] >= MAX_GROUPS[kept]) {
        this.overflow += count;
        return;
      }
      this.made[kept]++;
      group = { kind: eventKind(line), template, host, source, kernel: line.kernel, count: 0, first: lasting(line), last: line, subjects: new Set(), errno, notable: kept === 'notable', storage };
      this.groups.push(group);
      const siblings = this.byTemplate.get(hash);
      if (siblings) siblings.push(group);
      else this.byTemplate.set(hash, [group]);
    }
    reading.lastGroup = group;
    group.count += count;
    // Members of a bundle arrive in archive order, not always oldest first: keep the earliest and the latest line.
    if (isEarlier(earliest, group.first)) group.first = lasting(earliest);
    if (!isEarlier(latest, group.last)) group.last = latest;
    // Keep a bounded subject list: a template with thousands of subjects is summarised by its count.
    for (const s of subjects) if (group.subjects.size < 64) group.subjects.add(s);
  }

  /**
   * What a message says as an event (null: nothing, a separator rule or a blank line), remembered for the
   * messages seen last: logs repeat the same text (one device's error every second), and templating costs more than a lookup.
   */
  private read(message: string, kernel: boolean): Reading | null {
    const known = this.recent.get(message);
    if (known !== undefined) return known;
    const reading = readEvent(message, kernel);
    // (daemon chatter, null here, is not remembered: it is told cheaply again)
    if (reading !== null || kernel) this.recent.set(message, reading);
    return reading;
  }

  /** Lines not grouped because the template cap was reached. */
  get droppedLines(): number {
    return this.overflow;
  }

  /** The groups in time order of their first line; a group without a time stays after the one before it. */
  groupsList(): UnsaidEvent[] {
    return inTimeOrder([...this.groups]).map((g) => {
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
        // Only storage errors carry the key: the events of other logs stay as they were.
        ...(g.storage ? { storage: { ...g.storage } } : {}),
      };
    });
  }
}

/** Whether a group is the one of this host, source and storage device (a template's lines of two devices are two events: `Failing path N:N`). */
const belongsTo = (group: Group, host: string | null, source: string | null, device: string | null): boolean =>
  group.host === host && group.source === source && (group.storage?.device ?? null) === device;

/** The group of a template's groups (and those of templates of the same hash) that has this host, source and device. */
function groupOf(groups: readonly Group[] | undefined, template: string, host: string | null, source: string | null, device: string | null): Group | undefined {
  if (groups) for (const group of groups) if (group.template === template && belongsTo(group, host, source, device)) return group;
  return undefined;
}

/**
 * Sorts groups by their first line's time, stably. Groups arrive in reading order, which for the members
 * of a bundle is archive order, not time order; an untimed group is keyed like the group before it.
 */
function inTimeOrder(groups: Group[]): Group[] {
  let previous = -Infinity;
  const keyed = groups.map((group) => {
    previous = group.first.epochMs ?? previous;
    return { group, key: previous };
  });
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.group);
}

// Made at its first use: making a collator costs some 15 ms, in each thread that loads this module (the scan workers never sort).
let natural: Intl.Collator | null = null;

/** Compares "rbd10" after "rbd9" (what `localeCompare(b, 'en', { numeric: true })` does, without a collator per call). */
export function naturalCompare(a: string, b: string): number {
  natural ??= new Intl.Collator('en', { numeric: true });
  return natural.compare(a, b);
}
