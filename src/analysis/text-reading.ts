import { syslogOrigin, type PackedSyslogLine } from '../lines/formats.js';
import { isWord } from '../lines/fast-scan.js';
import { HEADER_NOT_LOOKED_FOR, headerPieceIn, lastShape, shapeOf, type RegionStops } from '../lines/line-scan.js';
import { RecentTexts } from '../lines/recent-texts.js';
import type { LineOrigin, LineSource } from '../lines/types.js';
import { isCutHereLine, parseCpuLine } from '../reports/body.js';
import type { HeaderMatcher } from '../reports/header-matcher.js';
import { isInertWaitText } from '../reports/wait-dumps.js';
import { eventReading, readEvent, type MessageReading } from './events.js';
import type { StorageKind } from '../knowledge/storage.js';

/**
 * A syslog text after the time that can only be a loose line (no report header, no register dump's `CPU:` line):
 * its origin, and its message as parseLine keeps it. A pure function of the text, read once per distinct text: by
 * the main thread (Analyzer.repeatOf), or by the scan worker that found it (see BlockTexts).
 */
export interface PlainText {
  /** Characters of the decoded text after the time (the line's size in the input summary). */
  readonly chars: number;
  readonly origin: LineSource;
  readonly text: string;
  /** Its bytes were not valid UTF-8 (replaced when decoded). */
  readonly invalidUtf8: boolean;
}

/** A plain text as the lines repeating it are read: the line read last, and what the events make of it. */
export interface RepeatedText extends PlainText {
  /** The line of this message read last (see MovingLine): moved on to the next repeat rather than made again. */
  moving: PackedSyslogLine | null;
  /** What the events make of it (undefined until first asked). */
  reading?: MessageReading;
}

/**
 * What the decoded text after a syslog time is, when it is a plain line (see PlainText); null when it may open a report
 * or a dump (or is the `cut here` line before one), or has no syslog origin. `headers` null: the text is known to hold no piece of a report header (see
 * RegionStops.restHeaders), so it opens none.
 */
export function readPlainText(rest: string, headers: HeaderMatcher | null, origins?: RecentTexts<LineOrigin | null>): (PlainText & { readonly origin: LineOrigin }) | null {
  const origin = syslogOrigin(rest, { origins });
  if (origin === null) return null;
  const plain = plainText(rest, origin);
  const reading = headers?.read(plain.text);
  // (a `cut here` line is fed to the segmenter too: the message of the WARN() it opens may follow it)
  if (reading && (reading.header !== null || (origin.kernel && reading.maybe && (parseCpuLine(plain.text.trimStart()) || isCutHereLine(plain.text))))) return null;
  return plain;
}

/** The text after a syslog time as a plain line of `origin`, before it is known to be one. */
const plainText = (rest: string, origin: LineOrigin): PlainText & { readonly origin: LineOrigin } => ({
  chars: rest.length,
  origin,
  text: origin.text.trimEnd(),
  invalidUtf8: rest.includes('\uFFFD'),
});

/** Numbers kept per text id in BlockTexts.fields, in this order. */
const FIELDS = 7;
const [STATE, TEXT_START, TEXT_END, CHARS, ORIGIN, READING, RUNS] = [0, 1, 2, 3, 4, 5, 6];
/** A text's STATE: not read by the worker (the main thread reads it), not a plain line, a plain line. */
const UNREAD = 0;
const NOT_PLAIN = 1;
const PLAIN = 2;

/**
 * The plain texts of a block's kept lines, read and templated in the scan worker that scanned it: numbers per text id
 * (RegionStops.restIds), the message as a span of the block's bytes, and the origins and event readings the texts
 * share (one copy each: the texts of one template share their reading: same template, subjects, errno and storage device). Made so that the main thread receives a few
 * arrays, not an object per line: it decodes a message only when a line of it is read, and counts the lines into
 * their events.
 */
export interface BlockTexts {
  /** FIELDS numbers per text id. */
  readonly fields: Int32Array;
  readonly origins: readonly LineSource[];
  /** The block's readings, packed (see readingsOf). */
  readonly readings: PackedReadings;
}

/**
 * A block's readings as they cross from a scan worker to the main thread: their distinct templates, their other strings
 * in order, and five numbers per reading (errno, flags, template hash, number of subjects, template). Posted as
 * objects, each reading's keys were written and read again and each object made key by key: 2.0 ms a block of the full
 * read of quiet (1,400 readings) against 0.7 packed, and 0.43-0.50 against 0.18-0.39 on noisy (single thread, both
 * ends). Each template is posted once: the readings of one template differ in their subjects (a busy node's audit
 * records, 190 a block of the fast read), and each copy of a long template was serialized, made again on the main
 * thread and kept there while the block waited.
 */
export interface PackedReadings {
  readonly count: number;
  readonly templates: readonly string[];
  readonly strings: readonly string[];
  readonly numbers: Int32Array;
}

/** A region's stops with the plain texts a scan worker read (see BlockTexts). */
export interface TextsRead {
  readonly texts?: BlockTexts;
}

/** What a worker read of one text, kept for its next blocks: the fields that do not depend on where the text is. */
interface TextRead extends Said {
  /** Bytes from the message's start to the end of the text, and the message's own bytes. */
  readonly fromEnd: number;
  readonly messageBytes: number;
  readonly chars: number;
  readonly origin: LineSource;
  /**
   * The block (see blocksRead) whose origin and reading ids (in its `origins` and `readings`; -1 for no reading) these
   * are: the texts of one shape share their read (see readText), whose ids are then found once a block, not again by
   * their fields for each text (a storage flood's 3,000 texts a block, most of them of a few shapes: 0.71 against 0.89
   * ms a block, one thread). 0 for none yet.
   */
  block: number;
  originId: number;
  readingId: number;
  /**
   * Set on the read a shape's texts take (see readText): the text's bytes up to the end of its program's name (its host
   * and program, of which the origin is made), null when the origin holds more (an uptime, a caller) or they were not
   * found. A text of the shape with the same bytes there has the same origin: its numbers before the message are in none
   * of its fields (a pid after the program's name).
   */
  source: Buffer | null;
  /**
   * Set on the read a shape's texts take when they differ in their subjects (see readText, withPlaces): where the read's
   * subjects stand in the text, a start and a length for each place (a subject may stand at several), in the text's
   * order, which each text's subjects are taken from; null when they are the same in every text.
   */
  places: SubjectPlaces | null;
}

/** Where the subjects of a shape's read stand in its texts (see TextRead.places). */
interface SubjectPlaces {
  /** A start and a length for each place, in the text's order. */
  readonly at: Int32Array;
  /** The read's own text: one holding the same bytes at those places has the read's subjects. */
  readonly text: Uint8Array;
}

/** What a plain text says, whoever printed it. */
interface Said {
  readonly event: MessageReading;
  /** Its lines can be taken in runs (see takesRun). */
  readonly runs: boolean;
}

/** What a text after a syslog time is: a plain line read (TextRead), no plain line (null), or 'unread' (not valid UTF-8). */
type Read = TextRead | null | 'unread';

/**
 * The read of a text of one shape (see readText), taken by the others; UNSURE when two of its texts may say different
 * things, ONCE when one text of it was read.
 */
type ShapeRead = Read | typeof UNSURE | typeof ONCE;
const UNSURE = Symbol('unsure');
const ONCE = Symbol('once');

/** Slots (a power of two) of TextsSeen.hashes, and of WorkerTexts.shapes. */
const SEEN_BITS = 16;
const SEEN_SLOTS = 1 << SEEN_BITS;
const SHAPE_BITS = 12;
const SHAPE_SLOTS = 1 << SHAPE_BITS;

/**
 * What a scan worker remembers of the texts it read (see readTexts): texts that differ only in their numbers (a
 * sector, a time, a session id) share a shape, remembered in `shapes` (see readText); in the fast read, the texts seen
 * in more than one block (`seen`). The full read remembers no text: its texts are the log's routine lines, distinct
 * in each block but for some 2-5 % (bench profiles), which only churned the memory of the few that repeat (one block
 * of the full read: texts 16.5 against 12.9 ms of CPU on the storage profile, 20.9 against 17.8 on quiet, 23.1 against
 * 19.5 on noisy); the fast read's texts are the few lines that matter, and repeat (the memory took 2.3 against 3.6 ms
 * a storage block, 0.84 against 1.33 on quiet).
 */
export interface WorkerTexts {
  readonly seen: TextsSeen | null;
  readonly shapes: ShapeSlots;
}

/**
 * Texts seen in the blocks before: a text repeating all through a log is read once, not once a block. A text is
 * remembered from its second sight on: `hashes` holds a hash of each text seen (a collision only remembers a text early).
 * Remembered at first sight, the distinct texts of a noisy log (ids, addresses, counters) outlived the young generation
 * of the garbage collector for nothing: 60 blocks of the noisy bench profile took 0.72 s of CPU to read so, 0.45 s
 * remembering none.
 */
interface TextsSeen {
  readonly recent: RecentTexts<Read>;
  readonly hashes: Int32Array;
}

/**
 * The shapes a worker saw, one per slot by their hash (RegionStops.restShapes): the hash's halves and the text's length
 * tell the shape, and its read. A shape whose hash takes another's slot drops that one.
 */
export interface ShapeSlots {
  readonly lows: Int32Array;
  readonly highs: Int32Array;
  /** -1 for a slot never taken. */
  readonly lengths: Int32Array;
  readonly reads: ShapeRead[];
}

/**
 * A scan worker's memory of texts for the fast or (`everyLine`) the full read: 4096 slots of shapes, and for the fast
 * read 1024 texts (emptied when full).
 */
export const workerTexts = (everyLine: boolean): WorkerTexts => ({
  seen: everyLine ? null : { recent: new RecentTexts(1024), hashes: new Int32Array(SEEN_SLOTS) },
  shapes: { lows: new Int32Array(SHAPE_SLOTS), highs: new Int32Array(SHAPE_SLOTS), lengths: new Int32Array(SHAPE_SLOTS).fill(-1), reads: new Array<ShapeRead>(SHAPE_SLOTS).fill(UNSURE) },
});

/** A reader's memories of texts (a scan worker's, or the main thread's for the regions it scans), the fast read's and the full read's, each made at its first use. */
export function textMemories(): (everyLine: boolean) => WorkerTexts {
  const made: { fast?: WorkerTexts; full?: WorkerTexts } = {};
  return (everyLine) => (everyLine ? (made.full ??= workerTexts(true)) : (made.fast ??= workerTexts(false)));
}

/** The slot of 2 ** bits for `hash`: the high bits of a multiple of it, which all of its bits make. */
const slotOf = (hash: number, bits: number): number => Math.imul(hash, 0x9e3779b1) >>> (32 - bits);

/** Whether a text whose hash is `hash` was seen before (a text of that hash was); marks it seen. */
function seenBefore(seen: Int32Array, hash: number): boolean {
  const slot = slotOf(hash, SEEN_BITS);
  if (seen[slot] === hash) return true;
  seen[slot] = hash;
  return false;
}

/**
 * Reads the distinct texts after a syslog time of the lines a scan kept (RegionStops.restSpans), in a scan worker;
 * `memory` holds what it read of the texts of the blocks before. A text whose bytes are not valid UTF-8 is left
 * unread: its message's place in characters is not its place in bytes.
 */
export function readTexts(bytes: Buffer, found: RegionStops, headers: HeaderMatcher, memory: WorkerTexts): BlockTexts {
  const fields = new Int32Array((found.restSpans.length / 2) * FIELDS);
  const origins: LineSource[] = [];
  const readings: NonNullable<MessageReading>[] = [];
  const originIdsOfBlock = originIds();
  const readingIds: ReadingIds = new Map();
  const block = ++blocksRead;
  const seen = memory.seen;
  for (let s = 0; s < found.restIds.length; s++) {
    const id = found.restIds[s]!;
    const at = id * FIELDS;
    if (id === -1 || fields[at + STATE] !== UNREAD) continue;
    const start = found.restSpans[2 * id]!;
    const end = found.restSpans[2 * id + 1]!;
    const again = seen !== null && seenBefore(seen.hashes, found.restHashes[id]!);
    const key = again ? bytes.toString('latin1', start, end) : '';
    let read = again ? seen.recent.get(key) : undefined;
    if (read === undefined) {
      read = readText(bytes, start, end, headers, found.restHeaders[id]!, memory.shapes, found.restShapes, id);
      if (again) seen.recent.set(key, read);
    }
    if (read === 'unread') continue;
    fields[at + STATE] = read ? PLAIN : NOT_PLAIN;
    if (!read) continue;
    fields[at + TEXT_START] = end - read.fromEnd;
    fields[at + TEXT_END] = end - read.fromEnd + read.messageBytes;
    fields[at + CHARS] = read.chars;
    if (read.block !== block) {
      read.block = block;
      read.originId = originId(originIdsOfBlock, origins, read.origin);
      read.readingId = read.event === null ? -1 : readingId(readingIds, readings, read.event);
    }
    fields[at + ORIGIN] = read.originId;
    fields[at + READING] = read.readingId;
    fields[at + RUNS] = read.runs ? 1 : 0;
  }
  return { fields, origins, readings: packReadings(readings) };
}

/** Blocks whose texts readTexts read, in this thread: a read's ids are its block's (see TextRead.block). */
let blocksRead = 0;

/** A reading's flags in PackedReadings.numbers. */
const NOTABLE_FLAG = 1;
const STORAGE_FLAG = 2;
const ADDRESS_FLAG = 4;
/** PackedReadings.numbers' errno for none. */
const NO_ERRNO = 1 << 30;

/** Numbers per reading in PackedReadings.numbers. */
const PACKED = 5;

function packReadings(readings: readonly NonNullable<MessageReading>[]): PackedReadings {
  const templates: string[] = [];
  // (by the template's hash, made already: a Map of strings hashed each new template's characters again)
  const templateIds = new Map<number, number>();
  const strings: string[] = [];
  const numbers = new Int32Array(readings.length * PACKED);
  // (no array made a reading: it runs for each of a block's readings, 1,400 a block of the full read)
  readings.forEach(({ template, subjects, errno, hash, storage, notable }, i) => {
    let templateId = templateIds.get(hash);
    // (another template of the same hash is posted again)
    if (templateId === undefined || templates[templateId] !== template) templateIds.set(hash, (templateId = templates.push(template) - 1));
    numbers[PACKED * i] = errno ?? NO_ERRNO;
    numbers[PACKED * i + 1] = (notable ? NOTABLE_FLAG : 0) | (storage ? STORAGE_FLAG : 0) | (storage?.address != null ? ADDRESS_FLAG : 0);
    numbers[PACKED * i + 2] = hash;
    numbers[PACKED * i + 3] = subjects.length;
    numbers[PACKED * i + 4] = templateId;
    for (const subject of subjects) strings.push(subject);
    if (!storage) return;
    strings.push(storage.kind, storage.device);
    if (storage.address !== null) strings.push(storage.address);
  });
  return { count: readings.length, templates, strings, numbers };
}

/**
 * The readings of the blocks read last, by their packed readings: kept here, not on the packed readings, which a large
 * message puts in the old generation (V8 pretenures it): a young object it refers to lives through every young
 * collection until a full one, so each block's readings were copied and promoted (quiet 1 GB, full read: 200 MB
 * promoted on the main thread, a quarter of its young generation kept at each collection).
 */
const unpacked: { packed: PackedReadings; readings: readonly NonNullable<MessageReading>[] }[] = [];
/** Blocks whose readings `unpacked` keeps: the block read and the one before it (a line split across the two). */
const UNPACKED_BLOCKS = 2;

/** A block's readings (see PackedReadings), made once: the events keep a reading's last group on it. */
export function readingsOf(texts: BlockTexts): readonly NonNullable<MessageReading>[] {
  const packed = texts.readings;
  const known = unpacked.find((entry) => entry.packed === packed);
  if (known) return known.readings;
  const { count, templates, strings, numbers } = packed;
  const readings = new Array<NonNullable<MessageReading>>(count);
  let s = 0;
  const take = (): string => strings[s++]!;
  for (let i = 0; i < count; i++) {
    const errno = numbers[PACKED * i]!;
    const flags = numbers[PACKED * i + 1]!;
    const subjectCount = numbers[PACKED * i + 3]!;
    const template = templates[numbers[PACKED * i + 4]!]!;
    const subjects: string[] = [];
    for (let k = 0; k < subjectCount; k++) subjects.push(take());
    const storage = flags & STORAGE_FLAG ? { kind: take() as StorageKind, device: take(), address: flags & ADDRESS_FLAG ? take() : null } : null;
    readings[i] = eventReading({ template, subjects, errno: errno === NO_ERRNO ? null : errno, hash: numbers[PACKED * i + 2]! }, storage, (flags & NOTABLE_FLAG) !== 0);
  }
  unpacked.unshift({ packed, readings });
  unpacked.length = Math.min(unpacked.length, UNPACKED_BLOCKS);
  return readings;
}

/**
 * What a worker reads of the text `bytes[start, end)`, text `id` of the region (its shape in `shapes`, see
 * RegionStops.restShapes). Texts that differ only in their numbers (see shapeOf: also a generated interface name's id)
 * have one shape, and say the same unless a rule copies a number (a subject, a device, an address): no rule tells such
 * a number's characters apart (the kernel's formats match them as `\d`, `[0-9a-f]` or by length, and name digits only
 * next to a letter; the digits where an errno may be are no number: see test/analysis/text-reading.test.ts). A shape
 * seen twice is read in full once more with its numbers changed. When that says the same, its texts take the read of
 * the shape's second text; when it differs only in subjects found at the same places, each text takes that read with
 * the subjects at those places of its own (withPlaces: `vethcfaef9 entered promiscuous mode`); else (a rule copied a
 * number as a device or an address) its texts are each read in full. A text takes the read as it is when its numbers
 * are all in the message or its host and program are the read's (see TextRead.source), with its own origin read when
 * not (an uptime). A storage flood's texts differ in a sector or block number, a busy node's daemon errors in their
 * times and ids, its routine lines in interface names: read in full, each cost 1.5-5 µs.
 */
function readText(bytes: Buffer, start: number, end: number, headers: HeaderMatcher, header: number, slots: ShapeSlots, shapes: Int32Array, id: number): Read {
  const firstNumber = shapes[3 * id + 2]!;
  if (firstNumber === -1) return readFully(bytes, start, end, matcherFor(headers, header, bytes, start, end));
  const length = end - start;
  const low = shapes[3 * id]!;
  const high = shapes[3 * id + 1]!;
  const { lows, highs, lengths, reads } = slots;
  const slot = slotOf(low, SHAPE_BITS);
  if (lows[slot] !== low || highs[slot] !== high || lengths[slot] !== length) {
    lows[slot] = low;
    highs[slot] = high;
    lengths[slot] = length;
    reads[slot] = ONCE;
    return readFully(bytes, start, end, matcherFor(headers, header, bytes, start, end));
  }
  const known = reads[slot]!;
  if (known === ONCE) {
    const matcher = matcherFor(headers, header, bytes, start, end);
    const read = readFully(bytes, start, end, matcher);
    shapeOf(bytes, start, end, true);
    const changed = lastShape();
    // (`matcher` fits the changed text too: its numbers' characters stay hex digits, and a header piece takes a digit
    // only as any hex digit, `X [#`, or alone, ` [1]`)
    const changedText = Buffer.from(changed.buffer, changed.byteOffset, length);
    const other = readFully(changedText, 0, length, matcher);
    // (the same read, or one whose subjects are taken by place: else the shape's texts are each read whole)
    const taken = sameMeaning(read, other) ? read : (withPlaces(read, other, bytes.subarray(start, end), changedText) ?? UNSURE);
    reads[slot] = taken === UNSURE ? UNSURE : withSource(taken, bytes, start, end);
    return read;
  }
  if (known === UNSURE) return readFully(bytes, start, end, matcherFor(headers, header, bytes, start, end));
  if (known === null || known === 'unread') return known;
  const read = firstNumber >= length - known.fromEnd || (known.source !== null && sameBytesAt(bytes, start, known.source, 0, known.source.length)) ? known : withOrigin(bytes, start, end, known);
  return read && known.places !== null ? withSubjectsAt(read, known.places, bytes, start) : read;
}

/** The read `known` of a shape's text with the origin of text `bytes[start, end)` of the shape. */
function withOrigin(bytes: Buffer, start: number, end: number, known: TextRead): TextRead | null {
  const rest = bytes.toString('utf8', start, end);
  const origin = syslogOrigin(rest, {});
  return origin && placed(plainText(rest, origin), end - start, known);
}

/**
 * `read` (of `text`) as the read of its shape's texts, each with its own subjects taken where `read`'s are (see
 * TextRead.places): when `other`, the read of the text with every number changed (`changed`), differs from it only in
 * its subjects, and they are what `changed` holds at the places where `text` holds one of `read`'s as a word, different
 * at each place (a subject found twice, as an audit record's `s0`, changed two ways: each place is seen to be one).
 * Null otherwise, and for a text that is not ASCII (its characters must be its bytes).
 */
function withPlaces(read: Read, other: Read, text: Buffer, changed: Buffer): TextRead | null {
  if (read === null || read === 'unread' || other === null || other === 'unread' || read.chars !== text.length || read.runs !== other.runs) return null;
  const [a, b] = [read.event, other.event];
  if (a === null || b === null || a.subjects.length === 0 || a.template !== b.template || !sameButSubjects(a, b)) return null;
  const at = wordPlaces(text, a.subjects);
  const own = subjectsAt(text, 0, at);
  const changedOwn = subjectsAt(changed, 0, at);
  if (!sameStrings(own, a.subjects) || changedOwn.length !== at.length / 2 || !sameStrings(changedOwn, b.subjects)) return null;
  read.places = { at, text: Buffer.from(text) };
  return read;
}

/** Where each of `words` stands in `text` as a word (no word character on either side): its start and length, in the text's order. */
function wordPlaces(text: Buffer, words: readonly string[]): Int32Array {
  const found: [number, number][] = [];
  for (const word of words) {
    for (let at = text.indexOf(word, 0, 'latin1'); at !== -1; at = text.indexOf(word, at + 1, 'latin1')) {
      if ((at === 0 || !isWord(text[at - 1]!)) && (at + word.length === text.length || !isWord(text[at + word.length]!))) found.push([at, word.length]);
    }
  }
  return Int32Array.from(found.sort((x, y) => x[0] - y[0]).flat());
}

/** The distinct strings at `places` (see TextRead.places) of the text `bytes[start, ...)`, in order: its subjects, as the template's rules take them. */
function subjectsAt(bytes: Buffer, start: number, places: Int32Array): string[] {
  const subjects: string[] = [];
  for (let i = 0; i < places.length; i += 2) {
    const subject = bytes.toString('latin1', start + places[i]!, start + places[i]! + places[i + 1]!);
    if (!subjects.includes(subject)) subjects.push(subject);
  }
  return subjects;
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether `a[aFrom, aFrom + length)` and `b[bFrom, bFrom + length)` hold the same bytes (a loop: Buffer.compare's call
 * cost more than comparing a host's and a program's bytes, or a subject's).
 */
function sameBytesAt(a: Uint8Array, aFrom: number, b: Uint8Array, bFrom: number, length: number): boolean {
  if (aFrom + length > a.length || bFrom + length > b.length) return false;
  for (let i = 0; i < length; i++) if (a[aFrom + i] !== b[bFrom + i]) return false;
  return true;
}

/** Whether the text `bytes[start, ...)` holds the bytes of the read's own text at its places (see SubjectPlaces). */
function holdsAt(bytes: Buffer, start: number, { at, text }: SubjectPlaces): boolean {
  for (let i = 0; i < at.length; i += 2) if (!sameBytesAt(bytes, start + at[i]!, text, at[i]!, at[i + 1]!)) return false;
  return true;
}

/** `read` with the subjects of text `bytes[start, ...)` at its places (see TextRead.places). */
function withSubjectsAt(read: TextRead, places: SubjectPlaces, bytes: Buffer, start: number): TextRead {
  // (most texts of a storage flood's shape name the device the read names: its subjects, without making them again)
  if (holdsAt(bytes, start, places)) return read;
  const event = read.event!;
  const subjects = subjectsAt(bytes, start, places.at);
  const own = eventReading({ template: event.template, subjects, errno: event.errno, hash: event.hash }, event.storage, event.notable);
  return { ...read, event: own, block: 0, originId: -1, readingId: -1, source: null, places: null };
}

/** Bytes that end a syslog line's program name (SYSLOG_ORIGIN_RE in src/lines/formats.ts): `[`, `:` or ASCII whitespace. */
const NAME_ENDS = new Set([0x5b, 0x3a, 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** `read`, the read of text `bytes[start, end)` that its shape's texts take, with its source (see TextRead.source). */
function withSource(read: Read, bytes: Buffer, start: number, end: number): Read {
  if (read === null || read === 'unread' || read.origin.uptime !== null || read.origin.caller !== null) return read;
  const hostEnd = bytes.indexOf(0x20, start);
  let at = hostEnd + 1;
  while (hostEnd !== -1 && at < end && !NAME_ENDS.has(bytes[at]!)) at++;
  // (the host and the program as the origin has them, else the text is not as SYSLOG_ORIGIN_RE read it)
  if (hostEnd === -1 || hostEnd >= end || bytes.toString('latin1', hostEnd + 1, at) !== read.origin.tag) return read;
  read.source = Buffer.from(bytes.subarray(start, at));
  return read;
}

/**
 * The header regexes for text `bytes[start, end)`, whose RegionStops.restHeaders is `header`: null when it holds no piece
 * of a report header (see readPlainText), asked of the scan's module when the scan did not look.
 */
function matcherFor(headers: HeaderMatcher, header: number, bytes: Buffer, start: number, end: number): HeaderMatcher | null {
  return header === 1 || (header === HEADER_NOT_LOOKED_FOR && headerPieceIn(bytes, start, end)) ? headers : null;
}

/** Whether two reads say the same (their origins aside). */
function sameMeaning(a: Read, b: Read): boolean {
  if (a === null || a === 'unread' || b === null || b === 'unread') return a === b;
  if (a.runs !== b.runs || (a.event === null) !== (b.event === null)) return false;
  return a.event === null || (a.event.template === b.event!.template && sameReading(a.event, b.event!));
}

/** What a worker reads of the text `bytes[start, end)`, rule by rule (`headers` null: see readPlainText). */
function readFully(bytes: Buffer, start: number, end: number, headers: HeaderMatcher | null): Read {
  const plain = readPlainText(bytes.toString('utf8', start, end), headers);
  if (!plain) return null;
  if (plain.invalidUtf8) return 'unread';
  return placed(plain, end - start, { event: readEvent(plain.text, plain.origin.kernel), runs: !plain.origin.kernel || isInertWaitText(plain.text) });
}

/** A plain text of `bytes` bytes, and what it says, as a worker keeps it. */
function placed(plain: PlainText & { readonly origin: LineOrigin }, bytes: number, { event, runs }: Said): TextRead {
  const { host, uptime, kernel, tag, caller } = plain.origin;
  // Valid UTF-8 of as many characters as bytes is ASCII, as most logs are: then characters are bytes.
  const ascii = plain.chars === bytes;
  return {
    // The message is the end of the text, less what trimEnd took: its bytes are found from the end.
    fromEnd: ascii ? plain.origin.text.length : Buffer.byteLength(plain.origin.text),
    messageBytes: ascii ? plain.text.length : Buffer.byteLength(plain.text),
    chars: plain.chars,
    origin: { host, uptime, kernel, tag, caller },
    event,
    runs,
    block: 0,
    originId: -1,
    readingId: -1,
    source: null,
    places: null,
  };
}

/**
 * A block's origins as readTexts finds them again: first in a slot chosen by a few of their characters and compared field
 * by field (a block has a handful; a key string made for each text read cost a tenth of a full read's time in the
 * workers), then by a key made of their fields.
 */
interface OriginIds {
  /** Per slot (see originSlot), the index in the block's `origins` of the origin found there last, -1 for none. */
  readonly slots: Int32Array;
  readonly byKey: Map<string, number>;
}
const ORIGIN_BITS = 6;
const originIds = (): OriginIds => ({ slots: new Int32Array(1 << ORIGIN_BITS).fill(-1), byKey: new Map() });

/** A slot for an origin, from what tells a block's origins apart cheaply: its program's name and the line's uptime. */
function originSlot({ tag, kernel, uptime }: LineSource): number {
  let hash = kernel ? 1 : 0;
  if (tag) hash = hash * 31 + tag.length * 7 + tag.charCodeAt(0) + tag.charCodeAt(tag.length - 1) * 131;
  if (uptime !== null) hash = hash * 31 + Math.trunc(uptime * 1000);
  return slotOf(hash, ORIGIN_BITS);
}

const sameOrigin = (a: LineSource, b: LineSource): boolean =>
  a.host === b.host && a.tag === b.tag && a.kernel === b.kernel && a.uptime === b.uptime && a.caller === b.caller;

/** The index of a text's origin in a block's `origins`, added when no equal one is there. */
function originId({ slots, byKey }: OriginIds, origins: LineSource[], origin: LineSource): number {
  const slot = originSlot(origin);
  const known = slots[slot]!;
  if (known !== -1 && sameOrigin(origins[known]!, origin)) return known;
  const { host, uptime, kernel, tag, caller } = origin;
  const key = `${host}\u0001${uptime}\u0001${kernel}\u0001${tag}\u0001${caller}`;
  let id = byKey.get(key);
  if (id === undefined) {
    id = origins.push(origin) - 1;
    byKey.set(key, id);
  }
  slots[slot] = id;
  return id;
}

/**
 * A block's readings by their template's hash (Template.hash), then by what tells most readings of one template apart
 * (detailOf), as indexes in `readings`. Keyed by the template itself, each text's template (a new string, as long as the
 * message) was hashed again for the lookup: 3 % of all the CPU of a noisy log's fast read.
 */
type ReadingIds = Map<number, Map<string, number[]>>;

/**
 * The part of a reading that differs most between texts of one template: a storage error's address, else its subjects
 * (joined by a space, which no subject holds). The first subject alone left the readings of `docker0: port 3(veth1a2b)
 * entered blocking state` in one list, each new one compared with all before it (139 in a block of the full read).
 */
const detailOf = ({ storage, subjects }: NonNullable<MessageReading>): string =>
  storage?.address ?? (subjects.length > 1 ? subjects.join(' ') : (subjects[0] ?? ''));

/**
 * The index of a reading in a block's `readings`, added when no equal one is there: texts of one template, subjects,
 * errno and storage device share one. Looked up by template (its hash) and detail, then compared field by field: a key made of all
 * the fields (it was their JSON) cost a fifth of the reading of a storage flood's distinct texts, and by template alone
 * the readings of a template whose every line names another sector or device were each compared with all the others.
 */
function readingId(ids: ReadingIds, readings: NonNullable<MessageReading>[], event: NonNullable<MessageReading>): number {
  let byDetail = ids.get(event.hash);
  if (!byDetail) ids.set(event.hash, (byDetail = new Map()));
  const detail = detailOf(event);
  const same = byDetail.get(detail);
  // (templates of one hash may differ)
  if (same) for (const id of same) if (readings[id]!.template === event.template && sameReading(readings[id]!, event)) return id;
  const id = readings.push(event) - 1;
  if (same) same.push(id);
  else byDetail.set(detail, [id]);
  return id;
}

function sameReading(a: NonNullable<MessageReading>, b: NonNullable<MessageReading>): boolean {
  return sameStrings(a.subjects, b.subjects) && sameButSubjects(a, b);
}

/** Whether two readings say the same but perhaps for their subjects (their templates aside). */
function sameButSubjects(a: NonNullable<MessageReading>, b: NonNullable<MessageReading>): boolean {
  const [x, y] = [a.storage, b.storage];
  return a.errno === b.errno && a.notable === b.notable && (x === y || (x !== null && y !== null && x.kind === y.kind && x.device === y.device && x.address === y.address));
}

/**
 * Text `id` of a block a worker read, as the main thread takes it (its message decoded from `bytes`, the block's); null
 * when it is not a plain line, undefined when the worker did not read it.
 */
export function textOf(texts: BlockTexts, bytes: Buffer, id: number): RepeatedText | null | undefined {
  const at = id * FIELDS;
  const state = texts.fields[at + STATE];
  if (state === UNREAD) return undefined;
  if (state === NOT_PLAIN) return null;
  const reading = texts.fields[at + READING]!;
  return {
    chars: texts.fields[at + CHARS]!,
    origin: texts.origins[texts.fields[at + ORIGIN]!]!,
    text: messageOf(texts, bytes, id),
    invalidUtf8: false,
    moving: null,
    reading: reading === -1 ? null : readingsOf(texts)[reading]!,
  };
}

/**
 * Whether the lines of text `id` can be taken in runs, counted into their events at once (SourceFeed.repeatRun): a plain
 * line the worker read, a program's, or the kernel's that is no line of a wait (isInertWaitText).
 */
export function takesRun(texts: BlockTexts, id: number): boolean {
  return texts.fields[id * FIELDS + STATE] === PLAIN && texts.fields[id * FIELDS + RUNS] === 1;
}

/** The index in the block's `readings` of text `id`'s reading (see takesRun), -1 for none. */
export const readingIndex = (texts: BlockTexts, id: number): number => texts.fields[id * FIELDS + READING]!;

/** The index in the block's `origins` of text `id`'s origin (see takesRun). */
export const originIndex = (texts: BlockTexts, id: number): number => texts.fields[id * FIELDS + ORIGIN]!;

/** The characters of text `id` after the time (see PlainText.chars). */
export const charsOf = (texts: BlockTexts, id: number): number => texts.fields[id * FIELDS + CHARS]!;

/** The message of text `id` (see textOf), decoded from `bytes`, the block's. */
export function messageOf(texts: BlockTexts, bytes: Buffer, id: number): string {
  return bytes.toString('utf8', texts.fields[id * FIELDS + TEXT_START], texts.fields[id * FIELDS + TEXT_END]);
}
