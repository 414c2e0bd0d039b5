import { readSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { readTexts, type TextsRead, type WorkerTexts } from '../analysis/text-reading.js';
import { findStops, type RegionStops } from '../lines/line-scan.js';
import type { HeaderMatcher } from '../reports/header-matcher.js';

/** Bytes per read of a disk file, and per block of the parallel scan: the two must be the same to line up. */
export const BLOCK_BYTES = 1 << 20;

/** The lines of one block that the fast path cannot pass over, found away from the main thread. */
export interface BlockStops extends RegionStops, TextsRead {
  /** Where the block's first whole line starts: 0, or just past the end of the line the block starts inside. */
  readonly regionStart: number;
  /** Just past the block's last `\n` (the region ends there; the rest is the start of a line of the next block). */
  readonly regionEnd: number;
}

/**
 * The stops of one block, as the line splitter would find them: `startsAtLine` tells whether the byte before the
 * block is a line end (or there is none). Only plain `\n` text is scanned; null when the block holds a `\r` or a
 * NUL byte (the splitter then reads it the slow way) or no line end at all. With `everyLine`, every line is a stop (see
 * findStops).
 */
export function scanBlock(bytes: Uint8Array, startsAtLine: boolean, maxLineBytes: number, everyLine: boolean): BlockStops | null {
  if (bytes.indexOf(13) !== -1 || bytes.indexOf(0) !== -1) return null;
  const last = bytes.lastIndexOf(10);
  if (last === -1) return null;
  const regionStart = startsAtLine ? 0 : bytes.indexOf(10) + 1;
  const regionEnd = last + 1;
  return { regionStart, regionEnd, ...findStops(bytes, regionStart, regionEnd, maxLineBytes, everyLine) };
}

/** A block's buffer: the block and the byte before it (whether the block starts at a line start). */
export const BLOCK_BUFFER_BYTES = BLOCK_BYTES + 1;

/** How a thread reads the texts of the lines it keeps: its header matcher and what it remembers of texts read before. */
export interface TextReader {
  readonly headers: HeaderMatcher;
  readonly memory: WorkerTexts;
}

/** A block's stops (scanBlock) with the texts of its kept lines read; null when it is not to be scanned. */
export function scanWithTexts(bytes: Buffer, startsAtLine: boolean, maxLineBytes: number, everyLine: boolean, reader: TextReader): BlockStops | null {
  const stops = scanBlock(bytes, startsAtLine, maxLineBytes, everyLine);
  return stops && blockStops(stops, readTexts(bytes, stops, reader.headers, reader.memory));
}

/**
 * A block's stops as the reader takes them, made at this one place whoever scanned the block: the main thread (see
 * scanWithTexts), the reader itself (a chunk no worker scanned, see LineSplitter.skipLines), or a worker, whose reply is
 * made again by the structured clone. Objects of two makings have two hidden
 * classes, and the reader's hottest function (LineFeed.repeatRun) was compiled for the one, thrown away at the first
 * block of the other and compiled again (36-40 ms of TurboFan each time, noisy 1 GB).
 */
export function blockStops(found: BlockStops, texts = found.texts): BlockStops {
  return {
    regionStart: found.regionStart,
    regionEnd: found.regionEnd,
    stops: found.stops,
    ends: found.ends,
    previous: found.previous,
    lineIndex: found.lineIndex,
    restAt: found.restAt,
    restIds: found.restIds,
    clocks: found.clocks,
    restSpans: found.restSpans,
    restHashes: found.restHashes,
    restHeaders: found.restHeaders,
    restShapes: found.restShapes,
    lineCount: found.lineCount,
    lastLineStart: found.lastLineStart,
    texts,
  };
}

/**
 * Reads block `block` of the open file `fd` into `whole` (BLOCK_BUFFER_BYTES) and scans it (scanWithTexts): what a scan
 * worker hands over, and what the main thread makes of a block it scans itself (see Prescan). `bytes` is the block,
 * empty past the file's end.
 */
export function readScannedBlock(fd: number, block: number, whole: Buffer, maxLineBytes: number, everyLine: boolean, reader: TextReader): { bytes: Buffer; found: BlockStops | null } {
  const from = block * BLOCK_BYTES;
  const before = from === 0 ? 0 : 1;
  const buffer = whole.subarray(0, BLOCK_BYTES + before);
  const read = readSync(fd, buffer, 0, buffer.length, from - before);
  const bytes = buffer.subarray(before, Math.max(before, read));
  return { bytes, found: bytes.length > 0 ? scanWithTexts(bytes, before === 0 || buffer[0] === 10, maxLineBytes, everyLine, reader) : null };
}

/** The memory of a scanned block's lists, moved from a scan worker to the reader rather than copied. */
export function listBuffers(found: BlockStops): ArrayBuffer[] {
  return [found.stops, found.ends, found.previous, found.lineIndex, found.restAt, found.restIds, found.clocks, found.restSpans, found.restHashes, found.restHeaders, found.restShapes, found.texts!.fields, found.texts!.readings.numbers].map((list) => list.buffer as ArrayBuffer);
}

/**
 * Frees memory moved to the reader now, rather than at its collector's next pass over it: moved into a channel that is
 * closed before the message is read (some 70 µs a channel).
 */
export function moveAway(buffers: readonly ArrayBuffer[]): void {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(null, buffers as ArrayBuffer[]);
  port1.close();
  port2.close();
}

/** Blocks whose lists are freed at once by ListRelease. */
const BLOCKS_PER_RELEASE = 8;

/**
 * Frees the lists of the blocks a reader is done with (it keeps nothing of a block: see Prescan.blocks), a few blocks at
 * a time (moveAway). Left to the collector, they waited for it (a reply over 100 KB is even deserialized into the old
 * generation: V8 pretenures a large message): at 1 GB they held 15-25 MB more at the peak (quiet 177 against 157 MB,
 * storage 175-185 against 155-157, at the same speed). Freed at the reader's next young collection instead (moved into a
 * copy of nothing), storage still peaked at 159-183 MB: its lists come at 120 MB a second, faster than its scavenges.
 */
export class ListRelease {
  private pending: ArrayBuffer[] = [];
  private blocks = 0;

  add(found: BlockStops | null): void {
    if (!found) return;
    this.pending.push(...listBuffers(found));
    if (++this.blocks === BLOCKS_PER_RELEASE) this.flush();
  }

  flush(): void {
    if (this.pending.length > 0) moveAway(this.pending);
    this.pending = [];
    this.blocks = 0;
  }
}
