import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { errorReason, type Reason } from '../result/warnings.js';
import type { Compression } from './select.js';
import { XZ_DICTIONARY_LIMIT_BYTES, XzProgramError, xzProgram, xzText } from './xz-program.js';
import { xzInThread } from './xz-thread.js';

/** Output past this many times the compressed bytes read is a compression bomb, not a log. */
export const MAX_COMPRESSION_RATIO = 1000;
/** The ratio is only judged past this much output: tiny files may compress absurdly well. */
export const RATIO_FLOOR_BYTES = 8 * 1024 * 1024;
/** No single log is this large once decompressed; past it the member is refused. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 ** 3;

/** A member or file refused for safety (bomb, size cap); `why` says why (the message is its reason code). */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(
    readonly why: Reason,
    /** The file, member or archive refused (as its path is shown): what it gave before must be dropped. */
    readonly subject: string,
  ) {
    super(why.reason);
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
    if (this.out > this.limit) return done(new RefusedError({ reason: 'size-cap', limitBytes: this.limit }, this.subject));
    if (this.out > RATIO_FLOOR_BYTES && this.out > MAX_COMPRESSION_RATIO * this.compressed.bytes) {
      return done(new RefusedError({ reason: 'compression-bomb', ratio: MAX_COMPRESSION_RATIO }, this.subject));
    }
    done(null, chunk);
  }
}

const ignore = () => undefined;

/** Bytes of text per chunk inflated (zlib's default is 16 KiB): each chunk is one hand-over to the reader, which has a cost of its own. */
const GUNZIP_CHUNK_BYTES = 1 << 20;

/**
 * Decompresses a gzip or xz stream, refusing output past MAX_COMPRESSION_RATIO times the input or past
 * `limit` bytes. Errors (corrupt data, refusal, a failing input) surface on the returned stream, and
 * destroying it (a reader that stops early) tears the whole chain down.
 */
export function decompress(input: Readable, compression: Compression, subject: string, limit = MAX_DECOMPRESSED_BYTES): Readable {
  const counter = new ByteCounter();
  const guard = new BombGuard(counter, limit, subject);
  if (compression === 'gz') return pipeline(input, counter, createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }), guard, ignore);
  const compressed = pipeline(input, counter, ignore);
  const program = xzProgram();
  // In a worker thread when it can (not running from the TypeScript sources).
  const text = xzInThread(compressed, program) ?? xzText(compressed, program);
  return pipeline(text, guard, ignore);
}

// xz-embedded's return codes (xz.h) and the reasons they give for a file being read.
const XZ_REASONS: Readonly<Record<string, Reason>> = {
  '3': { reason: 'xz-memory' },
  '4': { reason: 'xz-dictionary', limitBytes: XZ_DICTIONARY_LIMIT_BYTES },
  '5': { reason: 'xz-not-xz' },
  '6': { reason: 'xz-options' },
  '7': { reason: 'xz-corrupt' },
  '8': { reason: 'xz-truncated' },
};

/** Why decompressing or reading an archive failed, more clearly than the library's own message. */
export function describeDecodeError(error: unknown): Reason {
  if (error instanceof RefusedError || error instanceof XzProgramError) return error.why;
  const e = error as NodeJS.ErrnoException;
  const message = e.message ?? String(error);
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) return { reason: 'gzip-truncated' };
  if (e.code === 'Z_DATA_ERROR') return { reason: 'gzip-corrupt', detail: message };
  const xz = /get_next_output failed with error code (\d+)/.exec(message);
  if (xz) return XZ_REASONS[xz[1]!] ?? { reason: 'xz-error', xzCode: Number(xz[1]) };
  if (/^Unexpected end of data$/.test(message)) return { reason: 'tar-truncated' };
  if (/^Invalid (?:tar )?header/.test(message)) return { reason: 'tar-corrupt', detail: message };
  return errorReason(error);
}
