import { buildTable, HEADER_PIECES, LINE_PIECES, mayMatter } from './fast-scan.js';
import { MONTHS } from '../time/clock.js';
import { LINE_SCAN_WASM } from './line-scan-wasm.js';
import { lookupErrno } from '../knowledge/errno.js';
import { GENERATED_ID_DIGITS, GENERATED_NAME_PREFIXES } from '../knowledge/interface-names.js';
import { NOTABLE_WORDS, TEMPLATE_HASH_MASK, type Template } from '../analysis/events.js';
import { randomFillSync } from 'node:crypto';

/**
 * The line scan of the fast path (native/line-scan.c, run as WebAssembly): finds in raw bytes the lines that may
 * matter, without decoding any. About two and a half times faster than the same scan in JavaScript, which is most of the
 * work of reading a large log: every byte passes through it.
 */

// The part of the WebAssembly API used here (Node's own global; @types/node does not declare it).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
};
/** An exported global: for a C array, its address in the module's memory. */
interface WasmGlobal {
  readonly value: number;
}

/** What the module exports (native/line-scan.c): its function and the addresses of its arrays. */
interface ScanExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  scan(from: number, to: number, maxLine: number, fresh: number, every: number): number;
  compact(count: number, check: number, offset: number, lineBase: number, previousStart: number, restBase: number): number;
  readonly piece_table: WasmGlobal;
  readonly piece_multiplier: WasmGlobal;
  readonly header_table: WasmGlobal;
  readonly header_multiplier: WasmGlobal;
  readonly wordish: WasmGlobal;
  readonly month_names: WasmGlobal;
  readonly region: WasmGlobal;
  readonly stop_at: WasmGlobal;
  readonly stop_end: WasmGlobal;
  readonly stop_previous: WasmGlobal;
  readonly stop_line: WasmGlobal;
  readonly lines_passed: WasmGlobal;
  readonly last_line_at: WasmGlobal;
  readonly resume_at: WasmGlobal;
  readonly stop_rest_at: WasmGlobal;
  readonly stop_rest_id: WasmGlobal;
  readonly stop_clock: WasmGlobal;
  readonly rest_start: WasmGlobal;
  readonly rest_end: WasmGlobal;
  readonly rest_hash: WasmGlobal;
  readonly rest_header: WasmGlobal;
  readonly rest_notable: WasmGlobal;
  readonly rest_shape: WasmGlobal;
  readonly rest_count: WasmGlobal;
  readonly rest_keep: WasmGlobal;
  readonly stop_keep: WasmGlobal;
  shape(length: number, other: number): number;
  header_piece(length: number): number;
  readonly shape_in: WasmGlobal;
  readonly shape_out: WasmGlobal;
  readonly shape_seed: WasmGlobal;
  readonly notable_words: WasmGlobal;
  readonly notable_from: WasmGlobal;
  template_of(length: number): number;
  readonly errno_known: WasmGlobal;
  readonly text_in: WasmGlobal;
  readonly text_out: WasmGlobal;
  readonly text_errno: WasmGlobal;
  readonly text_hash: WasmGlobal;
  readonly subject_count: WasmGlobal;
  readonly subject_at: WasmGlobal;
  readonly subject_length: WasmGlobal;
  readonly subject_bytes: WasmGlobal;
  readonly name_prefixes: WasmGlobal;
  readonly name_prefix_count: WasmGlobal;
  readonly id_digits_min: WasmGlobal;
  readonly id_digits_max: WasmGlobal;
}

/**
 * The multiplier that gives each of LINE_PIECES its own slot of the module's table (buildTable's search found it after
 * 121 tries; a test checks that it still fits the pieces, else the search runs at each start).
 */
export const LINE_TABLE_MULTIPLIER = 0x52db7a71;

/** Sizes fixed in native/line-scan.c. */
export const TABLE_BITS = 12;
const REGION_BYTES = 1 << 20;
const ROOM = 65536;
const MAX_RESTS = 8192;
/** The longest text a shape is made of (see shapeOf). */
export const SHAPE_BYTES = 1024;
/** The longest message the module templates (see templateByModule), and its mark of no errno. */
const TEXT_BYTES = 4096;
const NO_ERRNO = 1 << 30;
/** Room for generated interface names' prefixes in the module (see generated_name_end), and for a prefix's bytes. */
const MAX_NAME_PREFIXES = 8;
const NAME_PREFIX_BYTES = 8;
/** Room for notable words in the module (see has_notable_word), and for a word's bytes. */
const MAX_NOTABLE_WORDS = 64;
const NOTABLE_WORD_BYTES = 16;

interface Scanner {
  readonly scan: ScanExports['scan'];
  readonly compact: ScanExports['compact'];
  readonly restKeep: Uint8Array;
  readonly stopKeep: Uint8Array;
  readonly region: Uint8Array;
  readonly stopAt: Int32Array;
  readonly stopEnd: Int32Array;
  readonly stopRestId: Int32Array;
  /** The per-stop output arrays, in the order of LISTS. */
  readonly outputs: readonly Int32Array[];
  readonly restStart: Int32Array;
  readonly restEnd: Int32Array;
  readonly restHash: Int32Array;
  readonly restHeader: Uint8Array;
  readonly restNotable: Uint8Array;
  readonly restShape: Int32Array;
  /** The module's whole memory as 32-bit words, to read its single-number outputs at the indexes below. */
  readonly words: Int32Array;
  readonly linesPassed: number;
  readonly lastLineAt: number;
  readonly resumeAt: number;
  readonly restCount: number;
  readonly shape: ScanExports['shape'];
  readonly headerPiece: ScanExports['header_piece'];
  readonly shapeIn: Uint8Array;
  readonly shapeOut: Uint8Array;
  readonly templateOf: ScanExports['template_of'];
  /** The module's text_in, text_out and subject_bytes as Buffers (to write and read strings). */
  readonly textIn: Buffer;
  readonly textOut: Buffer;
  readonly subjectBytes: Buffer;
  readonly subjectAt: Int32Array;
  readonly subjectLength: Int32Array;
  readonly textErrno: number;
  readonly textHash: number;
  readonly subjectCount: number;
}

/** Bytes that, before a `-`, make it part of a word rather than an errno's sign (NEGATIVE_RE's look-behind). */
const isWordish = (byte: number): boolean => /[\w.-]/.test(String.fromCharCode(byte));

/** A window of four bytes, first byte high, as a little-endian load of the same bytes reads it. */
export const littleEndian = (window: number): number => (((window & 0xff) << 24) | ((window & 0xff00) << 8) | ((window >>> 8) & 0xff00) | (window >>> 24)) >>> 0;

let instance: Scanner | null = null;

/** The module, compiled and filled in at first use (synchronously: it is small). */
function scanner(): Scanner {
  if (instance) return instance;
  const module = new WebAssembly.Module(Buffer.from(LINE_SCAN_WASM, 'base64'));
  const exports = new WebAssembly.Instance(module).exports as ScanExports;
  const { buffer } = exports.memory;
  const at = (global: WasmGlobal): number => global.value;
  for (const [pieces, slots, multiplier, first] of [
    [LINE_PIECES, exports.piece_table, exports.piece_multiplier, LINE_TABLE_MULTIPLIER],
    [HEADER_PIECES, exports.header_table, exports.header_multiplier, undefined],
  ] as const) {
    const table = buildTable(pieces.map(littleEndian), TABLE_BITS, first);
    new Int32Array(buffer, at(slots), 1 << TABLE_BITS).set(table.slots);
    new Uint32Array(buffer, at(multiplier), 1)[0] = table.multiplier >>> 0;
  }
  new Uint8Array(buffer, at(exports.wordish), 256).set(Uint8Array.from({ length: 256 }, (_, b) => (isWordish(b) ? 1 : 0)));
  new Uint32Array(buffer, at(exports.month_names), 12).set(MONTHS.map((name) => name.charCodeAt(0) | (name.charCodeAt(1) << 8) | (name.charCodeAt(2) << 16)));
  randomFillSync(new Uint8Array(buffer, at(exports.shape_seed), 8));
  fillNotableWords(new Uint8Array(buffer, at(exports.notable_words), MAX_NOTABLE_WORDS * NOTABLE_WORD_BYTES), new Int32Array(buffer, at(exports.notable_from), NOTABLE_WORD_BYTES + 2));
  fillNamePrefixes(new Uint8Array(buffer, at(exports.name_prefixes), MAX_NAME_PREFIXES * NAME_PREFIX_BYTES));
  new Int32Array(buffer, at(exports.name_prefix_count), 1)[0] = GENERATED_NAME_PREFIXES.length;
  new Int32Array(buffer, at(exports.id_digits_min), 1)[0] = GENERATED_ID_DIGITS.min;
  new Int32Array(buffer, at(exports.id_digits_max), 1)[0] = GENERATED_ID_DIGITS.max;
  new Uint8Array(buffer, at(exports.errno_known), 1000).set(Uint8Array.from({ length: 1000 }, (_, n) => (lookupErrno(n) ? 1 : 0)));
  const outputs = [exports.stop_at, exports.stop_end, exports.stop_previous, exports.stop_line, exports.stop_rest_at, exports.stop_rest_id, exports.stop_clock].map(
    (global) => new Int32Array(buffer, at(global), ROOM),
  );
  instance = {
    scan: exports.scan,
    compact: exports.compact,
    restKeep: new Uint8Array(buffer, at(exports.rest_keep), MAX_RESTS),
    stopKeep: new Uint8Array(buffer, at(exports.stop_keep), ROOM),
    region: new Uint8Array(buffer, at(exports.region), REGION_BYTES),
    stopAt: outputs[LISTS.indexOf('stops')]!,
    stopEnd: outputs[LISTS.indexOf('ends')]!,
    stopRestId: outputs[LISTS.indexOf('restIds')]!,
    outputs,
    restStart: new Int32Array(buffer, at(exports.rest_start), MAX_RESTS),
    restEnd: new Int32Array(buffer, at(exports.rest_end), MAX_RESTS),
    restHash: new Int32Array(buffer, at(exports.rest_hash), MAX_RESTS),
    restHeader: new Uint8Array(buffer, at(exports.rest_header), MAX_RESTS),
    restNotable: new Uint8Array(buffer, at(exports.rest_notable), MAX_RESTS),
    restShape: new Int32Array(buffer, at(exports.rest_shape), 3 * MAX_RESTS),
    words: new Int32Array(buffer),
    linesPassed: at(exports.lines_passed) >> 2,
    lastLineAt: at(exports.last_line_at) >> 2,
    resumeAt: at(exports.resume_at) >> 2,
    restCount: at(exports.rest_count) >> 2,
    shape: exports.shape,
    headerPiece: exports.header_piece,
    shapeIn: new Uint8Array(buffer, at(exports.shape_in), SHAPE_BYTES),
    shapeOut: new Uint8Array(buffer, at(exports.shape_out), SHAPE_BYTES),
    templateOf: exports.template_of,
    textIn: Buffer.from(buffer, at(exports.text_in), TEXT_BYTES),
    textOut: Buffer.from(buffer, at(exports.text_out), TEXT_BYTES),
    subjectBytes: Buffer.from(buffer, at(exports.subject_bytes), TEXT_BYTES),
    subjectAt: new Int32Array(buffer, at(exports.subject_at), TEXT_BYTES / 2),
    subjectLength: new Int32Array(buffer, at(exports.subject_length), TEXT_BYTES / 2),
    textErrno: at(exports.text_errno) >> 2,
    textHash: at(exports.text_hash) >> 2,
    subjectCount: at(exports.subject_count) >> 2,
  };
  return instance;
}

/** GENERATED_NAME_PREFIXES as the module reads them: each in its bytes, zeros after it. */
function fillNamePrefixes(prefixes: Uint8Array): void {
  // (two letters at least: template_of tells a name that may follow by its prefix's last two)
  if (GENERATED_NAME_PREFIXES.length > MAX_NAME_PREFIXES || GENERATED_NAME_PREFIXES.some((prefix) => prefix.length < 2 || prefix.length > NAME_PREFIX_BYTES)) {
    throw new Error('GENERATED_NAME_PREFIXES do not fit the module');
  }
  GENERATED_NAME_PREFIXES.forEach((prefix, k) => prefixes.set(Buffer.from(prefix, 'latin1'), k * NAME_PREFIX_BYTES));
}

/** NOTABLE_WORDS as the module reads them: each in its bytes, sorted by length, and where the words of each length start. */
function fillNotableWords(words: Uint8Array, from: Int32Array): void {
  const sorted = [...NOTABLE_WORDS].sort((a, b) => a.length - b.length);
  if (sorted.length > MAX_NOTABLE_WORDS || sorted.some((word) => word.length >= NOTABLE_WORD_BYTES)) throw new Error('NOTABLE_WORDS do not fit the line scan');
  sorted.forEach((word, k) => words.set(Buffer.from(word, 'latin1'), k * NOTABLE_WORD_BYTES));
  for (let length = 0; length < from.length; length++) {
    const first = sorted.findIndex((word) => word.length >= length);
    from[length] = first === -1 ? sorted.length : first;
  }
}

/** Lines of a region that the fast path cannot pass over, and what the scan read of their syslog times. */
export interface RegionStops {
  /** Offsets (in the bytes scanned) of the lines that may matter, in order. */
  readonly stops: Int32Array;
  /** For each stop, the offset of its `\n`. */
  readonly ends: Int32Array;
  /** For each stop, where the line before it starts (-1 for the region's first line). */
  readonly previous: Int32Array;
  /** For each stop, the number of lines of the region before it. */
  readonly lineIndex: Int32Array;
  /** For each stop, where its text after a syslog time starts (-1: no syslog time, or a line too long). */
  readonly restAt: Int32Array;
  /** For each stop with a syslog time, which of the region's distinct texts after the time it has (-1: none; see restSpans). */
  readonly restIds: Int32Array;
  /**
   * For each stop with a syslog time, the time packed as month | day << 4 | hour << 9 | minute << 15 | second << 21
   * (-1: none, or a time with a fraction of a second).
   */
  readonly clocks: Int32Array;
  /**
   * The region's distinct texts after a syslog time (equal texts are equal bytes): where each is in the bytes scanned,
   * as start and end, text id 2 * id and 2 * id + 1 (see restText). Most lines that matter in a large log repeat one of
   * a few messages: the reader takes them whole, by this text. (Offsets, not strings: strings made ahead of the
   * reading of the region would outlive the garbage collector's young generation.)
   */
  readonly restSpans: Int32Array;
  /** A hash of each distinct text (native/line-scan.c, text_key_hash), by id: equal texts have equal hashes. */
  readonly restHashes: Int32Array;
  /**
   * 1 for each distinct text that holds a piece of a report header (HEADER_PIECES), by id: a text without one opens
   * no report and is no register dump's `CPU:` line (mayBeHeader is false for each of its parts). Told by the module
   * (twice as fast as mayBeHeader on a busy node's long audit lines). Not looked for in a text whose shape the module
   * saw before (HEADER_NOT_LOOKED_FOR: it most often takes the read of its shape's texts);
   * headerPieceIn tells it for such a text read whole.
   */
  readonly restHeaders: Uint8Array;
  /**
   * For each distinct text, 3 numbers by id: the hash of its shape (see shapeOf; 64 bits, seeded at random: texts of one
   * shape are known by it without their shapes compared), low and high halves, and where its first number starts
   * from the text's start, -1 when it has none (or is longer than SHAPE_BYTES).
   */
  readonly restShapes: Int32Array;
  /** Lines of the region. */
  readonly lineCount: number;
  /** Where the region's last line starts (-1 when it has none). */
  readonly lastLineStart: number;
}

/** The per-stop lists of RegionStops, in the module's order of its output arrays. */
const LISTS = ['stops', 'ends', 'previous', 'lineIndex', 'restAt', 'restIds', 'clocks'] as const;
type Lists = Record<(typeof LISTS)[number], Int32Array>;

/**
 * Scans the lines of `bytes[from, to)` (whole lines: `from` starts one, `to` is just past a `\n`); with `check`, keeps
 * only the stops `mayMatter` accepts (or longer than `maxLineBytes`); with `every`, every line is a stop. A line with a syslog time is checked by its text
 * after the time, once for all lines with that text: no piece of a line that matters can be in the time
 * (`Nov 12 10:10:59 ` holds no word, `-` or `: `).
 */
function scanRegion(bytes: Uint8Array, from: number, to: number, maxLineBytes: number, check: boolean, every = false): RegionStops {
  const s = scanner();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Lists[] = [];
  const restParts: RestLists[] = [];
  let lines = 0;
  let lastStart = -1;
  let firstRest = 0;
  for (let at = from; at < to; ) {
    const pieceEnd = lastLineEnd(bytes, at, Math.min(to, at + REGION_BYTES));
    if (pieceEnd === -1) {
      // A line longer than the module's region is longer than any limit: a stop of its own.
      const end = bytes.indexOf(10, at);
      parts.push(Object.fromEntries(LISTS.map((name, i) => [name, Int32Array.of([at, end, lastStart, lines, -1, -1, -1][i]!)])) as Lists);
      lines++;
      lastStart = at;
      at = end + 1;
      continue;
    }
    s.region.set(bytes.subarray(at, pieceEnd));
    let rests = 0;
    for (let resume = 0; resume < pieceEnd - at; ) {
      const count = s.scan(resume, pieceEnd - at, maxLineBytes, resume === 0 ? 1 : 0, every ? 1 : 0);
      if (check) {
        // The texts new since the last call, and whether each may matter; then the stops without one.
        for (; rests < s.words[s.restCount]!; rests++) {
          s.restKeep[rests] = s.restNotable[rests] === 1 || mayMatter(text.toString('latin1', at + s.restStart[rests]!, at + s.restEnd[rests]!)) ? 1 : 0;
        }
        for (let k = 0; k < count; k++) {
          if (s.stopRestId[k] !== -1) continue;
          const start = at + s.stopAt[k]!;
          const end = at + s.stopEnd[k]!;
          s.stopKeep[k] = end - start > maxLineBytes || mayMatter(text.toString('latin1', start, end)) ? 1 : 0;
        }
      }
      const kept = s.compact(count, check ? 1 : 0, at, lines, lastStart, firstRest);
      parts.push(Object.fromEntries(LISTS.map((name, i) => [name, s.outputs[i]!.slice(0, kept)])) as Lists);
      lines += s.words[s.linesPassed]!;
      const last = s.words[s.lastLineAt]!;
      if (last !== -1) lastStart = at + last;
      resume = s.words[s.resumeAt]!;
    }
    restParts.push(restListsOf(s, at));
    firstRest += s.words[s.restCount]!;
    at = pieceEnd;
  }
  const lists = parts.length === 1 ? parts[0]! : (Object.fromEntries(LISTS.map((name) => [name, concat(parts.map((p) => p[name]), Int32Array)])) as Lists);
  const restLists = restParts.length === 1 ? restParts[0]! : joinRests(restParts);
  return { ...lists, ...restLists, lineCount: lines, lastLineStart: lastStart };
}

/** The per-text lists of RegionStops. */
interface RestLists {
  readonly restSpans: Int32Array;
  readonly restHashes: Int32Array;
  readonly restHeaders: Uint8Array;
  readonly restShapes: Int32Array;
}

/** The distinct texts of the piece the module scanned last, at `offset` of the caller's bytes. */
function restListsOf(s: Scanner, offset: number): RestLists {
  const count = s.words[s.restCount]!;
  const restSpans = new Int32Array(2 * count);
  for (let id = 0; id < count; id++) {
    restSpans[2 * id] = offset + s.restStart[id]!;
    restSpans[2 * id + 1] = offset + s.restEnd[id]!;
  }
  return { restSpans, restHashes: s.restHash.slice(0, count), restHeaders: s.restHeader.slice(0, count), restShapes: s.restShape.slice(0, 3 * count) };
}

/** The distinct texts of pieces scanned one after the other, their ids going on from piece to piece. */
function joinRests(parts: readonly RestLists[]): RestLists {
  return {
    restSpans: concat(parts.map((p) => p.restSpans), Int32Array),
    restHashes: concat(parts.map((p) => p.restHashes), Int32Array),
    restHeaders: concat(parts.map((p) => p.restHeaders), Uint8Array),
    restShapes: concat(parts.map((p) => p.restShapes), Int32Array),
  };
}

/** The text after the syslog time of the region's distinct text `id`, as Latin-1 (its bytes), from the bytes scanned. */
export function restText(bytes: Buffer, found: RegionStops, id: number): string {
  return bytes.toString('latin1', found.restSpans[2 * id]!, found.restSpans[2 * id + 1]!);
}

function concat<T extends Int32Array | Uint8Array>(arrays: readonly T[], type: new (length: number) => T): T {
  const all = new type(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    all.set(a, at);
    at += a.length;
  }
  return all;
}

/**
 * The lines of `bytes[from, to)` (whole lines: `from` starts one, `to` is just past a `\n`) that the scan finds may
 * matter, or that are longer than `maxLineBytes`: a superset of the lines `mayMatter` accepts.
 */
export function candidateLines(bytes: Uint8Array, from: number, to: number, maxLineBytes: number): RegionStops {
  return scanRegion(bytes, from, to, maxLineBytes, false);
}

/** Just past the last `\n` of `bytes[from, to)`, or -1 when there is none. */
function lastLineEnd(bytes: Uint8Array, from: number, to: number): number {
  const at = bytes.lastIndexOf(10, to - 1);
  return at >= from ? at + 1 : -1;
}

/**
 * The lines of `bytes[from, to)` that may matter (`mayMatter`, checked on each candidate) or are longer than
 * `maxLineBytes`; with `everyLine`, all of them (the full read of a large input: its lines are taken as the fast read
 * takes those that matter, most as repeats of a text read once).
 */
export function findStops(bytes: Uint8Array, from: number, to: number, maxLineBytes: number, everyLine = false): RegionStops {
  return scanRegion(bytes, from, to, maxLineBytes, !everyLine, everyLine);
}

/**
 * Makes the shape of the text `bytes[start, end)` (at most SHAPE_BYTES): the text with each character of its numbers
 * made `0`, or with `other` another digit than it was (native/line-scan.c, shape). A number is a run of digits next to
 * no letter or `_` and in no errno's place (1 to 3 digits after `-`, or after `err`, `error` or `errno` and 1 or 2 of
 * ` =:`), or lowercase hex of 8 characters or more with a digit among them, or after `0x`, next to no word character,
 * or a generated interface name's id (`vethcfaef9`: its characters made `a`, or `b`). Returns where the first number
 * starts (from `start`), -1 when there is none; the shape is then the first `end - start` bytes of lastShape(). (The
 * scan makes the shape of each distinct text it finds, see RegionStops.restShapes: this one is for a text of other
 * bytes.)
 */
export function shapeOf(bytes: Uint8Array, start: number, end: number, other = false): number {
  return withShapeIn(bytes, start, end).shape(end - start, other ? 1 : 0);
}

/** The scanner with `bytes[start, end)` copied to its shape_in, which shape and header_piece read. */
function withShapeIn(bytes: Uint8Array, start: number, end: number): Scanner {
  const s = scanner();
  s.shapeIn.set(bytes.subarray(start, end));
  return s;
}

/** The bytes the last shapeOf wrote (valid until the next call). */
export const lastShape = (): Uint8Array => scanner().shapeOut;

/** RegionStops.restHeaders of a text whose header pieces the scan did not look for. */
export const HEADER_NOT_LOOKED_FOR = 2;

/** Whether the text `bytes[start, end)` holds a piece of a report header (see RegionStops.restHeaders); true for a text longer than SHAPE_BYTES. */
export function headerPieceIn(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start > SHAPE_BYTES || withShapeIn(bytes, start, end).headerPiece(end - start) === 1;
}

/**
 * The template of a message made by the module (native/line-scan.c, template_of), as templateByRules makes it (see
 * src/analysis/events.ts) in about half the time (300K messages of the noisy bench profile: 262-332 ms against
 * 621-642 ms); null for a message it does not read (not ASCII, or longer than TEXT_BYTES): the rules then make it.
 */
export function templateByModule(text: string): Template | null {
  if (text.length > TEXT_BYTES) return null;
  const s = scanner();
  // (a character past ASCII takes more than one byte)
  if (s.textIn.write(text, 'utf8') !== text.length) return null;
  const length = s.templateOf(text.length);
  if (length === -1) return null;
  const subjects: string[] = [];
  for (let k = 0; k < s.words[s.subjectCount]!; k++) subjects.push(s.subjectBytes.toString('latin1', s.subjectAt[k], s.subjectAt[k]! + s.subjectLength[k]!));
  const errno = s.words[s.textErrno]!;
  return { template: s.textOut.toString('latin1', 0, length), subjects, errno: errno === NO_ERRNO ? null : errno, hash: s.words[s.textHash]! & TEMPLATE_HASH_MASK };
}
