import type { TextsRead } from '../analysis/text-reading.js';
import { findStops, type RegionStops } from '../lines/line-scan.js';

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
