import { buildTable, LINE_PIECES, mayMatter } from './fast-scan.js';
import { readSyslogStamp } from './formats.js';
import { LINE_SCAN_WASM } from './line-scan-wasm.js';

/**
 * The line scan of the fast path (native/line-scan.c, run as WebAssembly): finds in raw bytes the lines that may
 * matter, without decoding any. About three times faster than the same scan in JavaScript, which is most of the
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
  scan(from: number, to: number, maxLine: number): number;
  readonly piece_table: WasmGlobal;
  readonly piece_multiplier: WasmGlobal;
  readonly wordish: WasmGlobal;
  readonly region: WasmGlobal;
  readonly stop_at: WasmGlobal;
  readonly stop_end: WasmGlobal;
  readonly stop_previous: WasmGlobal;
  readonly stop_line: WasmGlobal;
  readonly lines_passed: WasmGlobal;
  readonly last_line_at: WasmGlobal;
  readonly resume_at: WasmGlobal;
}

/** Sizes fixed in native/line-scan.c. */
const TABLE_BITS = 13;
const REGION_BYTES = 1 << 20;
const ROOM = 65536;

interface Scanner {
  readonly scan: (from: number, to: number, maxLine: number) => number;
  readonly region: Uint8Array;
  readonly stopAt: Int32Array;
  readonly stopEnd: Int32Array;
  readonly stopPrevious: Int32Array;
  readonly stopLine: Int32Array;
  /** The module's whole memory as 32-bit words, to read its single-number outputs at the indexes below. */
  readonly words: Int32Array;
  readonly linesPassed: number;
  readonly lastLineAt: number;
  readonly resumeAt: number;
}

/** Bytes that, before a `-`, make it part of a word rather than an errno's sign (NEGATIVE_RE's look-behind). */
const isWordish = (byte: number): boolean => /[\w.-]/.test(String.fromCharCode(byte));

/** A window of four bytes, first byte high, as a little-endian load of the same bytes reads it. */
const littleEndian = (window: number): number => (((window & 0xff) << 24) | ((window & 0xff00) << 8) | ((window >>> 8) & 0xff00) | (window >>> 24)) >>> 0;

let instance: Scanner | null = null;

/** The module, compiled and filled in at first use (synchronously: it is small). */
function scanner(): Scanner {
  if (instance) return instance;
  const module = new WebAssembly.Module(Buffer.from(LINE_SCAN_WASM, 'base64'));
  const exports = new WebAssembly.Instance(module).exports as ScanExports;
  const { buffer } = exports.memory;
  const at = (global: WasmGlobal): number => global.value;
  const table = buildTable(LINE_PIECES.map(littleEndian), TABLE_BITS);
  new Int32Array(buffer, at(exports.piece_table), 1 << TABLE_BITS).set(table.slots);
  new Uint32Array(buffer, at(exports.piece_multiplier), 1)[0] = table.multiplier >>> 0;
  new Uint8Array(buffer, at(exports.wordish), 256).set(Uint8Array.from({ length: 256 }, (_, b) => (isWordish(b) ? 1 : 0)));
  instance = {
    scan: exports.scan,
    region: new Uint8Array(buffer, at(exports.region), REGION_BYTES),
    stopAt: new Int32Array(buffer, at(exports.stop_at), ROOM),
    stopEnd: new Int32Array(buffer, at(exports.stop_end), ROOM),
    stopPrevious: new Int32Array(buffer, at(exports.stop_previous), ROOM),
    stopLine: new Int32Array(buffer, at(exports.stop_line), ROOM),
    words: new Int32Array(buffer),
    linesPassed: at(exports.lines_passed) >> 2,
    lastLineAt: at(exports.last_line_at) >> 2,
    resumeAt: at(exports.resume_at) >> 2,
  };
  return instance;
}

/** Lines of a region that the fast path cannot pass over. */
export interface RegionStops {
  /** Offsets (in the bytes scanned) of the lines that may matter, in order. */
  readonly stops: Int32Array;
  /** For each stop, the offset of its `\n`. */
  readonly ends: Int32Array;
  /** For each stop, where the line before it starts (-1 for the region's first line). */
  readonly previous: Int32Array;
  /** For each stop, the number of lines of the region before it. */
  readonly lineIndex: Int32Array;
  /** Lines of the region. */
  readonly lineCount: number;
  /** Where the region's last line starts (-1 when it has none). */
  readonly lastLineStart: number;
}

/**
 * The stops of a region with their syslog lines told apart by their text after the time: most lines that matter in a
 * large log repeat one of a few messages, which the reader then takes whole without decoding them again.
 */
export interface RegionLines extends RegionStops {
  /** For each stop, where its text after a syslog time starts, or -1 (not a syslog line, or too long). */
  readonly restAt: Int32Array;
  /** For each stop with a syslog time, the index of its text after the time in `rests`, or -1. */
  readonly restIds: Int32Array;
  /** The region's distinct texts after a syslog time, as Latin-1 (the bytes themselves: equal texts are equal bytes). */
  readonly rests: readonly string[];
}

/**
 * The lines of `bytes[from, to)` (whole lines: `from` starts one, `to` is just past a `\n`) that the scan finds may
 * matter, or that are longer than `maxLineBytes`: a superset of the lines `mayMatter` accepts.
 */
export function candidateLines(bytes: Uint8Array, from: number, to: number, maxLineBytes: number): RegionStops {
  const s = scanner();
  const found: StopLists = { stops: [], ends: [], previous: [], lineIndex: [] };
  let lines = 0;
  let lastStart = -1;
  for (let at = from; at < to; ) {
    const pieceEnd = lastLineEnd(bytes, at, Math.min(to, at + REGION_BYTES));
    if (pieceEnd === -1) {
      // A line longer than the module's region is longer than any limit: a stop of its own.
      const end = bytes.indexOf(10, at);
      push(found, at, end, lastStart, lines++);
      lastStart = at;
      at = end + 1;
      continue;
    }
    s.region.set(bytes.subarray(at, pieceEnd));
    for (let resume = 0; resume < pieceEnd - at; ) {
      const count = s.scan(resume, pieceEnd - at, maxLineBytes);
      for (let k = 0; k < count; k++) {
        const previous = s.stopPrevious[k]!;
        push(found, at + s.stopAt[k]!, at + s.stopEnd[k]!, previous === -1 ? lastStart : at + previous, lines + s.stopLine[k]!);
      }
      lines += s.words[s.linesPassed]!;
      const last = s.words[s.lastLineAt]!;
      if (last !== -1) lastStart = at + last;
      resume = s.words[s.resumeAt]!;
    }
    at = pieceEnd;
  }
  return { ...typed(found), lineCount: lines, lastLineStart: lastStart };
}

interface StopLists {
  readonly stops: number[];
  readonly ends: number[];
  readonly previous: number[];
  readonly lineIndex: number[];
}

function push(lists: StopLists, start: number, end: number, previous: number, index: number): void {
  lists.stops.push(start);
  lists.ends.push(end);
  lists.previous.push(previous);
  lists.lineIndex.push(index);
}

function typed(lists: StopLists): Pick<RegionStops, 'stops' | 'ends' | 'previous' | 'lineIndex'> {
  return { stops: Int32Array.from(lists.stops), ends: Int32Array.from(lists.ends), previous: Int32Array.from(lists.previous), lineIndex: Int32Array.from(lists.lineIndex) };
}

/** Just past the last `\n` of `bytes[from, to)`, or -1 when there is none. */
function lastLineEnd(bytes: Uint8Array, from: number, to: number): number {
  const at = bytes.lastIndexOf(10, to - 1);
  return at >= from ? at + 1 : -1;
}

/**
 * The lines of `bytes[from, to)` that may matter (`mayMatter`, checked on each candidate) or are longer than
 * `maxLineBytes`, with the texts after their syslog times.
 */
export function findStops(bytes: Uint8Array, from: number, to: number, maxLineBytes: number): RegionLines {
  const candidates = candidateLines(bytes, from, to, maxLineBytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: StopLists = { stops: [], ends: [], previous: [], lineIndex: [] };
  const restAt: number[] = [];
  const restIds: number[] = [];
  const rests = new Map<string, number>();
  candidates.stops.forEach((start, k) => {
    const end = candidates.ends[k]!;
    const long = end - start > maxLineBytes;
    const line = long ? '' : text.toString('latin1', start, end);
    if (!long && !mayMatter(line)) return;
    push(kept, start, end, candidates.previous[k]!, candidates.lineIndex[k]!);
    const stamp = long ? null : readSyslogStamp(line);
    const rest = stamp ? line.slice(stamp.length) : null;
    let id = rest === null ? -1 : rests.get(rest);
    if (id === undefined) rests.set(rest!, (id = rests.size));
    restAt.push(stamp ? start + stamp.length : -1);
    restIds.push(id);
  });
  return { ...candidates, ...typed(kept), restAt: Int32Array.from(restAt), restIds: Int32Array.from(restIds), rests: [...rests.keys()] };
}
