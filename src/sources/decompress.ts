import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import xz from 'xz-decompress';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Compression } from './select.js';

/** Output past this many times the compressed bytes read is a compression bomb, not a log. */
export const MAX_COMPRESSION_RATIO = 1000;
/** The ratio is only judged past this much output: tiny files may compress absurdly well. */
export const RATIO_FLOOR_BYTES = 8 * 1024 * 1024;
/** No single log is this large once decompressed; past it the member is refused. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 ** 3;

/** A member or file refused for safety (bomb, size cap); the message says why, in a few words. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(
    message: string,
    /** The file, member or archive refused (as its path is shown): what it gave before must be dropped. */
    readonly subject: string,
  ) {
    super(message);
  }
}

/** Counts the bytes passing through. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** Stops a decompressed stream that grows past the ratio or the size cap. */
class BombGuard extends Transform {
  private out = 0;
  constructor(
    private readonly compressed: ByteCounter,
    private readonly limit: number,
    private readonly subject: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.out += chunk.length;
    if (this.out > this.limit) return done(new RefusedError(`refused: decompresses to more than ${formatBytes(this.limit)} (size cap)`, this.subject));
    if (this.out > RATIO_FLOOR_BYTES && this.out > MAX_COMPRESSION_RATIO * this.compressed.bytes) {
      return done(new RefusedError(`refused: decompresses to more than ${MAX_COMPRESSION_RATIO} times its size (compression bomb?)`, this.subject));
    }
    done(null, chunk);
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${n / 1024 ** 3} GiB` : `${Math.round(n / 1024 ** 2)} MiB`;
}

const ignore = () => undefined;

/**
 * Decompresses a gzip or xz stream, refusing output past MAX_COMPRESSION_RATIO times the input or past
 * `limit` bytes. Errors (corrupt data, refusal, a failing input) surface on the returned stream, and
 * destroying it (a reader that stops early) tears the whole chain down.
 */
export function decompress(input: Readable, compression: Compression, subject: string, limit = MAX_DECOMPRESSED_BYTES): Readable {
  const counter = new ByteCounter();
  const guard = new BombGuard(counter, limit, subject);
  if (compression === 'gz') return pipeline(input, counter, createGunzip(), guard, ignore);
  // xz-decompress is WebAssembly (xz-embedded) over web streams: no native code, no external program.
  const web = new xz.XzReadableStream(Readable.toWeb(pipeline(input, counter, ignore)) as ReadableStream<Uint8Array>);
  return pipeline(Readable.fromWeb(web as WebReadableStream<Uint8Array>), guard, ignore);
}

/** Largest xz dictionary the decoder takes (xz-decompress builds xz-embedded with this dict_max): what `xz -9` uses. */
const XZ_DICT_MAX = '64 MiB';

// xz-embedded's return codes (xz.h): what they mean for a file being read.
const XZ_ERRORS: Readonly<Record<string, string>> = {
  '3': 'xz data needs more memory than could be had',
  '4': `xz data compressed with a dictionary larger than ${XZ_DICT_MAX}, the most this decoder takes (it bounds the memory one file can claim); decompress it with xz -d first`,
  '5': 'not xz data',
  '6': 'xz options this decoder does not support',
  '7': 'corrupt xz data',
  '8': 'xz data ends early (truncated file)',
};

/** A clearer message for decompression and archive errors than the library's own. */
export function describeDecodeError(error: unknown): string {
  if (error instanceof RefusedError) return error.message;
  const e = error as NodeJS.ErrnoException;
  const message = e.message ?? String(error);
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) return 'compressed data ends early (truncated file)';
  if (e.code === 'Z_DATA_ERROR') return `corrupt gzip data (${message})`;
  const xz = /get_next_output failed with error code (\d+)/.exec(message);
  if (xz) return XZ_ERRORS[xz[1]!] ?? `corrupt xz data (error ${xz[1]})`;
  if (/^Unexpected end of data$/.test(message)) return 'archive ends early (truncated, or not a tar archive)';
  if (/^Invalid (?:tar )?header/.test(message)) return `not a tar archive, or a corrupt one (${message})`;
  return message;
}
