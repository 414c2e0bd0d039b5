import { TextDecoder } from 'node:util';
import type { Readable } from 'node:stream';
import { mayMatter } from '../lines/fast-scan.js';
import { findStops, type RegionStops } from '../lines/line-scan.js';
import { blockStops, type BlockStops } from './prescan-block.js';
import type { BlockTexts } from '../analysis/text-reading.js';
import { Prescan, type ScannedBlock } from './prescan.js';
import { StreamScan } from './stream-scan.js';

/** Longest line kept whole; longer lines are cut (and the cut reported) so memory stays bounded. */
export const MAX_LINE_CHARS = 64 * 1024;

export interface ReadStats {
  lines: number;
  bytes: number;
  /** Lines longer than MAX_LINE_CHARS, cut to that length. */
  longLines: number;
  /** Bytes that were not valid UTF-8 and were replaced. */
  invalidUtf8: boolean;
  /** NUL or other control bytes typical of binary data, in the first block. */
  looksBinary: boolean;
  /** NUL bytes removed from the text (zeroed blocks left by a crash). */
  nulBytes: number;
  /** The text's encoding when not UTF-8: UTF-16 told by its byte-order mark (decoded), or guessed without one (not decoded). */
  utf16: { readonly order: 'le' | 'be'; readonly marked: boolean } | null;
}

/** UTF-16 byte-order marks: little-endian `FF FE`, big-endian `FE FF`. */
function utf16Mark(buf: Buffer): 'le' | 'be' | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'be';
  return null;
}

/**
 * UTF-16 without a byte-order mark, guessed from the first block: ASCII text in UTF-16 has a NUL in every other byte,
 * at odd offsets (little-endian) or even ones (big-endian); zeroed blocks have them everywhere, UTF-8 text nowhere.
 */
function utf16Guess(buf: Buffer): 'le' | 'be' | null {
  const n = Math.min(buf.length, 8192) & ~1;
  if (n < 16) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > 0.4 * half && even < 0.05 * half) return 'le';
  if (even > 0.4 * half && odd < 0.05 * half) return 'be';
  return null;
}

/** Decodes UTF-16 chunks to UTF-8 ones (a character split across two chunks is kept for the next). */
class Utf16ToUtf8 {
  private readonly decoder: TextDecoder;
  constructor(order: 'le' | 'be') {
    this.decoder = new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be');
  }
  push(bytes: Buffer): Buffer {
    return Buffer.from(this.decoder.decode(bytes, { stream: true }), 'utf8');
  }
  end(): Buffer {
    return Buffer.from(this.decoder.decode(), 'utf8');
  }
}

const ZEROS = Buffer.alloc(64 * 1024);

/** Length of the run of NUL bytes at `from` (compared a block at a time: holes are gigabytes long). */
function nulRun(buf: Buffer, from: number): number {
  let at = from;
  while (at < buf.length) {
    const n = Math.min(ZEROS.length, buf.length - at);
    if (buf.subarray(at, at + n).equals(ZEROS.subarray(0, n))) {
      at += n;
      continue;
    }
    while (buf[at] === 0) at++;
    break;
  }
  return at - from;
}

/**
 * Drops NUL bytes. A crash leaves zeroed blocks in a log file where data never reached the disk,
 * often gigabytes of them and without a line end before the next boot's first line: removed, they
 * neither hide that line in an over-long one nor count as binary data.
 */
function withoutNul(buf: Buffer): { text: Buffer; removed: number } {
  if (buf.indexOf(0) === -1) return { text: buf, removed: 0 };
  const kept: Buffer[] = [];
  let start = 0;
  for (let nul = buf.indexOf(0); nul !== -1; nul = buf.indexOf(0, start)) {
    kept.push(buf.subarray(start, nul));
    start = nul + nulRun(buf, nul);
  }
  kept.push(buf.subarray(start));
  const text = Buffer.concat(kept);
  return { text, removed: buf.length - text.length };
}

function controlRatio(chunk: Buffer): number {
  const n = Math.min(chunk.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = chunk[i]!;
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 27 && b !== 12)) control++;
  }
  return n === 0 ? 0 : control / n;
}

/**
 * The reader's consumer when it can do without most lines: while `skipping`, lines the fast scan
 * (`src/lines/fast-scan.ts`) finds irrelevant are only counted, never decoded.
 */
export interface LineSkipper {
  readonly skipping: boolean;
  /** `count` lines of `bytes` bytes (line ends included) were passed over; the last one is `buf[lastStart, lastEnd)`. */
  skip(count: number, bytes: number, buf: Buffer, lastStart: number, lastEnd: number): void;
  /** The bytes of the chunk passed last are about to be reused: nothing may refer to them any more. */
  chunkDone(): void;
  /**
   * Offers a syslog line that may repeat a message: the stop `s` of `found`, in `buf`, whose scan told its text after
   * the time (RegionStops.restIds). Returns what the line's text is (whether its bytes were valid UTF-8, told once
   * for the message) when the line was taken as a repeat, or null: then it is fed as usual.
   */
  repeat(buf: Buffer, found: RegionStops, s: number): { readonly invalidUtf8: boolean } | null;
  /**
   * Offers the stops from `s` on as a run taken at once, with the lines passed over between them (see
   * SourceFeed.repeatRun); returns the number of stops taken, 0 when none was: then `s` is offered to repeat().
   */
  repeatRun(buf: Buffer, found: RegionStops, s: number): number;
  /**
   * The texts of a region the reader scanned itself, read as a scan worker reads those of its blocks (so that runs of
   * their lines can be taken); undefined when its lines are to be taken one by one.
   */
  readTexts(buf: Buffer, found: RegionStops): BlockTexts | undefined;
}

/** Bytes of one line kept at most: MAX_LINE_CHARS characters of any UTF-8 text. */
const MAX_LINE_BYTES = MAX_LINE_CHARS * 4;

/**
 * Cuts byte chunks into lines. Each line is decoded on its own from the bytes, so that a line kept
 * by the analysis (an event's example, a report's evidence) holds only its own text, never the chunk
 * it came from: memory then follows what the analysis keeps, not the input size.
 */
class LineSplitter {
  private readonly carry: Buffer[] = [];
  private carryBytes = 0;
  private carryCut = false;
  /** The previous chunk ended in `\r`: a `\n` starting the next one ends nothing new. */
  private pendingCR = false;

  /** The current chunk's lines that may matter: found by a worker (`prescan.ts`), or here at the chunk's first skip. */
  private found: BlockStops | null = null;
  private stopCursor = 0;
  /** A line start of the current chunk whose index in the found region is known (just past a stop line). */
  private knownFrom = -1;
  private knownIndex = 0;

  constructor(
    private readonly emit: (line: string, cut: boolean) => void,
    private readonly skipper: LineSkipper | null,
    /** Every line is a stop (see findStops): none is passed over, lines are taken as the skipper takes those that matter. */
    private readonly everyLine: boolean,
  ) {}

  push(buf: Buffer, found: BlockStops | null = null): void {
    this.found = found;
    this.stopCursor = 0;
    this.knownFrom = -1;
    let start = 0;
    if (this.pendingCR && buf.length > 0) {
      this.pendingCR = false;
      if (buf[0] === 10) start = 1;
    }
    // (a block a worker scanned holds no `\r`: see scanBlock)
    let cr = found ? -1 : buf.indexOf(13, start);
    // Only `\n`-ended chunks take the fast path: it counts lines by `\n` alone. Every line is taken through the skipper
    // only in blocks a worker scanned: on the main thread, line by line is as fast and keeps less memory.
    const lastLineEnd = cr === -1 && this.skipper && (found || !this.everyLine) ? buf.lastIndexOf(10) : -1;
    while (start < buf.length) {
      if (start <= lastLineEnd && this.carryBytes === 0 && this.skipper!.skipping) {
        start = this.skipLines(buf, start, lastLineEnd + 1);
        if (start > lastLineEnd) {
          if (start < buf.length) this.keep(buf.subarray(start));
          return;
        }
        // A line that may matter, whose end the scan found; most are a message seen before.
        const found = this.found!;
        const s = this.stopCursor;
        const run = found.restIds[s] === -1 ? 0 : this.skipper!.repeatRun(buf, found, s);
        if (run > 0) {
          // Past the run's last line: the next skip counts on from the line after it.
          const last = s + run - 1;
          start = found.ends[last]! + 1;
          this.stopCursor = s + run;
          this.knownFrom = start;
          this.knownIndex = found.lineIndex[last]! + 1;
          continue;
        }
        const end = found.ends[s]!;
        if (found.restIds[s] === -1 || this.skipper!.repeat(buf, found, s) === null) this.line(buf, start, end);
        start = end + 1;
        continue;
      }
      const nl = buf.indexOf(10, start);
      if (cr !== -1 && cr < start) cr = buf.indexOf(13, start);
      const end = cr !== -1 && (nl === -1 || cr < nl) ? cr : nl;
      if (end === -1) break;
      this.line(buf, start, end);
      if (buf[end] === 13 && end + 1 === buf.length) this.pendingCR = true;
      start = buf[end] === 13 && buf[end + 1] === 10 ? end + 2 : end + 1;
    }
    if (start < buf.length) this.keep(buf.subarray(start));
  }

  end(): void {
    if (this.carryBytes > 0) this.line(Buffer.alloc(0), 0, 0);
  }

  /** Passes over the lines of `buf[from, to)` that cannot matter; returns where the next one that may starts (or `to`). */
  private skipLines(buf: Buffer, from: number, to: number): number {
    let found = this.found;
    if (!found || found.regionEnd !== to || from < found.regionStart) {
      const stops = findStops(buf, from, to, MAX_LINE_CHARS, this.everyLine);
      found = this.found = blockStops({ regionStart: from, regionEnd: to, ...stops }, this.skipper!.readTexts(buf, stops));
      this.stopCursor = 0;
      this.knownFrom = -1;
    }
    const { stops, lineIndex } = found;
    let s = this.stopCursor;
    while (s < stops.length && stops[s]! < from) s++;
    this.stopCursor = s;
    const atStop = s < stops.length;
    const next = atStop ? stops[s]! : to;
    const indexAtNext = atStop ? lineIndex[s]! : found.lineCount;
    const indexAtFrom = from === found.regionStart ? 0 : from === this.knownFrom ? this.knownIndex : -1;
    const count = indexAtFrom >= 0 ? indexAtNext - indexAtFrom : countLineEnds(buf, from, next);
    // The last line passed over is the one just before the stop (or the region's last): its start is known.
    if (count > 0) this.skipper!.skip(count, next - from, buf, atStop ? found.previous[s]! : found.lastLineStart, next - 1);
    if (atStop) {
      this.knownFrom = found.ends[s]! + 1;
      this.knownIndex = indexAtNext + 1;
    }
    return next;
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (this.carryBytes === 0) {
      const cut = end - start > MAX_LINE_BYTES;
      this.emit(buf.toString('utf8', start, cut ? start + MAX_LINE_BYTES : end), cut);
      return;
    }
    this.keep(buf.subarray(start, end));
    const bytes = Buffer.concat(this.carry);
    const cut = this.carryCut;
    this.carry.length = 0;
    this.carryBytes = 0;
    this.carryCut = false;
    const text = bytes.toString('utf8');
    // A line split across two chunks is judged like the others: skipped unless it may matter.
    if (!cut && !this.everyLine && this.skipper?.skipping && text.length <= MAX_LINE_CHARS && !mayMatter(text)) this.skipper.skip(1, bytes.length + 1, bytes, 0, bytes.length);
    else this.emit(text, cut);
  }

  /** Keeps the unfinished end of a chunk (a copy: stream chunks may be reused), up to MAX_LINE_BYTES. */
  private keep(piece: Buffer): void {
    const room = MAX_LINE_BYTES - this.carryBytes;
    if (piece.length > room) this.carryCut = true;
    if (room <= 0 || piece.length === 0) return;
    const kept = Buffer.from(piece.subarray(0, room));
    this.carry.push(kept);
    this.carryBytes += kept.length;
  }
}

/** Number of `\n` in `buf[from, to)`. */
function countLineEnds(buf: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = buf.indexOf(10, from); at !== -1 && at < to; at = buf.indexOf(10, at + 1)) count++;
  return count;
}

/**
 * Streams a byte stream as lines: `\n`, `\r\n` and lone `\r` end a line, invalid UTF-8 is replaced,
 * over-long lines are cut. Calls `onLine` synchronously for each line; resolves with the stats. With a `skipper`,
 * lines that cannot matter are passed over (the fast read), or with `everyLine` every line is taken through it (the
 * full read of a large input: the lines that repeat a text are taken as repeats, in runs).
 */
export async function readLines(
  input: Readable | Prescan | StreamScan | readonly ScannedBlock[],
  onLine: (line: string) => void,
  skipper: (LineSkipper & { fastRead: boolean }) | null = null,
  everyLine = false,
): Promise<ReadStats> {
  const stats: ReadStats = { lines: 0, bytes: 0, longLines: 0, invalidUtf8: false, looksBinary: false, nulBytes: 0, utf16: null };
  // (the skipper's own lines before the fast path starts, the sample its format is told from, are passed over too)
  if (skipper) skipper.fastRead = !everyLine;
  const counted: LineSkipper | null = skipper && {
    get skipping() {
      return skipper.skipping;
    },
    skip(count, bytes, buf, lastStart, lastEnd) {
      stats.lines += count;
      skipper.skip(count, bytes, buf, lastStart, lastEnd);
    },
    chunkDone() {
      skipper.chunkDone();
    },
    repeat(buf, found, s) {
      const taken = skipper.repeat(buf, found, s);
      if (taken) {
        stats.lines++;
        if (taken.invalidUtf8) stats.invalidUtf8 = true;
      }
      return taken;
    },
    readTexts(buf, found) {
      return skipper.readTexts(buf, found);
    },
    repeatRun(buf, found, s) {
      const run = skipper.repeatRun(buf, found, s);
      // (a run is of texts a worker read: valid UTF-8)
      if (run > 0) stats.lines += found.lineIndex[s + run - 1]! - found.lineIndex[s]! + 1;
      return run;
    },
  };
  const splitter = new LineSplitter((line, cut) => {
    stats.lines++;
    if (!stats.invalidUtf8 && line.includes('\uFFFD')) stats.invalidUtf8 = true;
    if (cut || line.length > MAX_LINE_CHARS) {
      stats.longLines++;
      onLine(line.slice(0, MAX_LINE_CHARS));
    } else onLine(line);
  }, counted, everyLine);
  let first = true;
  /** Whether the start of the input was looked at for a byte-order mark (or a UTF-16 guess). */
  let sniffed = false;
  let utf16: Utf16ToUtf8 | null = null;
  for await (const { bytes: read, found } of chunksOf(input)) {
    let raw = read;
    let scanned = found;
    if (!sniffed && raw.length > 0) {
      sniffed = true;
      // (a first chunk of one byte, which only a pipe could give, is read as UTF-8)
      const mark = utf16Mark(raw);
      const guess = mark ? null : utf16Guess(raw);
      if (mark || guess) stats.utf16 = { order: (mark ?? guess)!, marked: mark !== null };
      if (mark) {
        utf16 = new Utf16ToUtf8(mark);
        stats.bytes += 2;
        raw = raw.subarray(2);
      } else if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) {
        // A UTF-8 byte-order mark would stick to the first line and hide its prefix.
        stats.bytes += 3;
        raw = raw.subarray(3);
      }
    }
    if (utf16) {
      stats.bytes += raw.length;
      raw = utf16.push(raw);
      // (a worker's scan found lines in the UTF-16 bytes, not in these)
      scanned = null;
    }
    // A block a worker scanned holds no NUL byte (scanBlock finds nothing in one that does).
    const { text: buf, removed } = scanned ? { text: raw, removed: 0 } : withoutNul(raw);
    stats.nulBytes += removed;
    // The first chunk with anything but NUL bytes tells text from binary data.
    if (first && buf.length > 0) {
      stats.looksBinary = controlRatio(buf) > 0.1;
      first = false;
      if (stats.looksBinary) break;
    }
    if (!utf16) stats.bytes += raw.length;
    splitter.push(buf, scanned);
    // (the prescan hands the block's memory back to its workers once the next one is asked for)
    counted?.chunkDone();
  }
  if (utf16 && !stats.looksBinary) {
    splitter.push(utf16.end());
    counted?.chunkDone();
  }
  if (!stats.looksBinary) splitter.end();
  return stats;
}

/** The byte chunks of a stream, or the blocks of a prescan (or of a small file a worker read ahead) with the lines the workers found. */
async function* chunksOf(input: Readable | Prescan | StreamScan | readonly ScannedBlock[]): AsyncGenerator<ScannedBlock> {
  if (Array.isArray(input)) {
    yield* input as readonly ScannedBlock[];
    return;
  }
  if (input instanceof Prescan || input instanceof StreamScan) {
    yield* input.blocks();
    return;
  }
  for await (const chunk of input as AsyncIterable<Buffer | string>) yield { bytes: typeof chunk === 'string' ? Buffer.from(chunk) : chunk, found: null };
}
