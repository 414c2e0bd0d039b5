import { LineScanner, mayMatter } from '../lines/fast-scan.js';

/** Bytes per read of a disk file, and per block of the parallel scan: the two must be the same to line up. */
export const BLOCK_BYTES = 1 << 20;

/** The lines of one block that the fast path cannot pass over, found away from the main thread. */
export interface BlockStops {
  /** Where the block's first whole line starts: 0, or just past the end of the line the block starts inside. */
  readonly regionStart: number;
  /** Just past the block's last `\n` (the region ends there; the rest is the start of a line of the next block). */
  readonly regionEnd: number;
  /** Offsets (in the block) of the lines that may matter, in order. */
  readonly stops: Int32Array;
  /** For each stop, the number of lines of the region before it. */
  readonly lineIndex: Int32Array;
  /** Lines of the region. */
  readonly lineCount: number;
}

/**
 * The stops of one block, as the line splitter's own scan would find them: `startsAtLine` tells whether the byte
 * before the block is a line end (or there is none). Only plain `\n` text is scanned; null when the block holds
 * a `\r` or a NUL byte (the splitter then reads it the slow way) or no line end at all.
 */
export function scanBlock(bytes: Uint8Array, startsAtLine: boolean, maxLineBytes: number): BlockStops | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf(13) !== -1 || buf.indexOf(0) !== -1) return null;
  const last = buf.lastIndexOf(10);
  if (last === -1) return null;
  const regionStart = startsAtLine ? 0 : buf.indexOf(10) + 1;
  const regionEnd = last + 1;
  const scanner = new LineScanner(maxLineBytes);
  const stops: number[] = [];
  const lineIndex: number[] = [];
  let index = 0;
  for (let at = regionStart; at < regionEnd; ) {
    const next = scanner.next(buf, at, regionEnd);
    index += scanner.skippedLines;
    if (next === regionEnd) break;
    const end = buf.indexOf(10, next);
    if (end - next > maxLineBytes || mayMatter(buf.toString('latin1', next, end))) {
      stops.push(next);
      lineIndex.push(index);
    }
    index++;
    at = end + 1;
  }
  return { regionStart, regionEnd, stops: Int32Array.from(stops), lineIndex: Int32Array.from(lineIndex), lineCount: index };
}
