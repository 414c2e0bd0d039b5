import type { Readable } from 'node:stream';

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
 * Streams a byte stream as lines: `\n`, `\r\n` and lone `\r` end a line, invalid UTF-8 is replaced,
 * over-long lines are cut. Calls `onLine` synchronously for each line; resolves with the stats.
 */
export async function readLines(stream: Readable, onLine: (line: string) => void, onBytes?: (n: number) => void): Promise<ReadStats> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const stats: ReadStats = { lines: 0, bytes: 0, longLines: 0, invalidUtf8: false, looksBinary: false };
  let carry = '';
  let carryCut = false;
  let first = true;
  let pendingCR = false;
  const emit = (line: string) => {
    stats.lines++;
    onLine(line);
  };
  const feed = (text: string) => {
    if (!stats.invalidUtf8 && text.includes('\uFFFD')) stats.invalidUtf8 = true;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // "\r\n" split across two chunks: the "\n" closes nothing new.
      if (c === 10 && i === 0 && pendingCR && carry === '') {
        start = 1;
        pendingCR = false;
        continue;
      }
      const piece = text.slice(start, i);
      emit(cut(carry + piece));
      carry = '';
      carryCut = false;
      const crlf = c === 13 && text.charCodeAt(i + 1) === 10;
      pendingCR = c === 13 && !crlf && i === text.length - 1;
      if (crlf) i++;
      start = i + 1;
    }
    if (start < text.length) {
      pendingCR = false;
      if (carry.length < MAX_LINE_CHARS) carry += text.slice(start, start + MAX_LINE_CHARS - carry.length + 1);
      if (carry.length > MAX_LINE_CHARS) carryCut = true;
    }
  };
  const cut = (line: string): string => {
    if (line.length > MAX_LINE_CHARS || carryCut) {
      stats.longLines++;
      return line.slice(0, MAX_LINE_CHARS);
    }
    return line;
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (first) {
      stats.looksBinary = controlRatio(buf) > 0.1;
      first = false;
      if (stats.looksBinary) break;
    }
    stats.bytes += buf.length;
    onBytes?.(buf.length);
    feed(decoder.decode(buf, { stream: true }));
  }
  if (!stats.looksBinary) {
    feed(decoder.decode());
    if (carry !== '') emit(cut(carry));
  }
  return stats;
}
