import { buildTable, LINE_PIECES, mayMatter } from './fast-scan.js';
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
  readonly stop_line: WasmGlobal;
  readonly lines_passed: WasmGlobal;
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
  readonly stopLine: Int32Array;
  readonly state: Int32Array;
  readonly linesPassed: number;
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
  const state = new Int32Array(buffer);
  instance = {
    scan: exports.scan,
    region: new Uint8Array(buffer, at(exports.region), REGION_BYTES),
    stopAt: new Int32Array(buffer, at(exports.stop_at), ROOM),
    stopLine: new Int32Array(buffer, at(exports.stop_line), ROOM),
    state,
    linesPassed: at(exports.lines_passed) >> 2,
    resumeAt: at(exports.resume_at) >> 2,
  };
  return instance;
}

/** Lines of a region that the fast path cannot pass over. */
export interface RegionStops {
  /** Offsets (in the bytes scanned) of the lines that may matter, in order. */
  readonly stops: Int32Array;
  /** For each stop, the number of lines of the region before it. */
  readonly lineIndex: Int32Array;
  /** Lines of the region. */
  readonly lineCount: number;
}

/**
 * The lines of `bytes[from, to)` (whole lines: `from` starts one, `to` is just past a `\n`) that the scan finds may
 * matter, or that are longer than `maxLineBytes`: a superset of the lines `mayMatter` accepts.
 */
export function candidateLines(bytes: Uint8Array, from: number, to: number, maxLineBytes: number): RegionStops {
  const s = scanner();
  const stops: number[] = [];
  const lineIndex: number[] = [];
  let lines = 0;
  for (let at = from; at < to; ) {
    const pieceEnd = lastLineEnd(bytes, at, Math.min(to, at + REGION_BYTES));
    if (pieceEnd === -1) {
      // A line longer than the module's region is longer than any limit: a stop of its own.
      stops.push(at);
      lineIndex.push(lines++);
      at = bytes.indexOf(10, at) + 1;
      continue;
    }
    s.region.set(bytes.subarray(at, pieceEnd));
    for (let resume = 0; resume < pieceEnd - at; ) {
      const found = s.scan(resume, pieceEnd - at, maxLineBytes);
      for (let k = 0; k < found; k++) {
        stops.push(at + s.stopAt[k]!);
        lineIndex.push(lines + s.stopLine[k]!);
      }
      lines += s.state[s.linesPassed]!;
      resume = s.state[s.resumeAt]!;
    }
    at = pieceEnd;
  }
  return { stops: Int32Array.from(stops), lineIndex: Int32Array.from(lineIndex), lineCount: lines };
}

/** Just past the last `\n` of `bytes[from, to)`, or -1 when there is none. */
function lastLineEnd(bytes: Uint8Array, from: number, to: number): number {
  const at = bytes.lastIndexOf(10, to - 1);
  return at >= from ? at + 1 : -1;
}

/** The lines of `bytes[from, to)` that may matter (`mayMatter`, checked on each candidate) or are longer than `maxLineBytes`. */
export function findStops(bytes: Uint8Array, from: number, to: number, maxLineBytes: number): RegionStops {
  const candidates = candidateLines(bytes, from, to, maxLineBytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const keep: number[] = [];
  candidates.stops.forEach((start, k) => {
    const end = text.indexOf(10, start);
    if (end - start > maxLineBytes || mayMatter(text.toString('latin1', start, end))) keep.push(k);
  });
  return {
    stops: Int32Array.from(keep, (k) => candidates.stops[k]!),
    lineIndex: Int32Array.from(keep, (k) => candidates.lineIndex[k]!),
    lineCount: candidates.lineCount,
  };
}
