import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Reason } from '../result/warnings.js';
import { XzProgramError } from './xz-program.js';

/** What the main thread tells the xz worker: the next compressed bytes (null at their end), or room for more text. */
export type XzRequest = { readonly input: Uint8Array | null } | { readonly credit: number };
/** What the xz worker tells the main thread. */
export type XzReply =
  | { readonly wantInput: true }
  | { readonly output: readonly Uint8Array[] }
  | { readonly end: true }
  // `why`: the xz program's failure, read from its message (see xz-program.ts).
  | { readonly error: string; readonly why?: Reason };
/** The xz program to decode with (see xzProgram), or null for xz-decompress. */
export interface XzWorkerData {
  readonly program: string | null;
}

/** Hand-overs of text (about 1 MiB each) the worker may decode ahead of the reader. */
const AHEAD_PIECES = 2;
/** Pieces of compressed bytes (64 KiB each from a file) given to the worker ahead of its need. */
const AHEAD_INPUTS = 8;

const script = new URL('./xz-worker.js', import.meta.url);

/**
 * The text of an xz stream, decoded in a worker thread of its own (src/sources/xz-worker.ts) by the xz `program` when
 * one is given, else by xz-embedded in WebAssembly; null when the worker script is not there (running from the
 * TypeScript sources). xz-embedded decodes some 95 MB of text a second: on the main thread that was two thirds of the
 * reading of a sosreport, with the scan workers idle. Errors of the compressed stream and of the decoder (with its own
 * message) surface on the returned stream, and destroying it ends the worker and the compressed stream.
 */
export function xzInThread(compressed: Readable, program: string | null): Readable | null {
  return existsSync(fileURLToPath(script)) ? new XzThread(compressed, program) : null;
}

class XzThread extends Readable {
  // The decoder's dictionary lives in WebAssembly memory, outside these limits; the heap holds a piece or two.
  private readonly worker: Worker;
  private readonly input: AsyncIterator<Buffer>;
  private ended = false;
  /** The decoder's error, given to the reader once it has read the text decoded before it. */
  private failure: Error | null = null;

  constructor(compressed: Readable, program: string | null) {
    super();
    const workerData: XzWorkerData = { program };
    this.worker = new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 8 } });
    this.input = compressed[Symbol.asyncIterator]();
    this.worker.on('message', (reply: XzReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.destroy(error));
    this.worker.on('exit', () => {
      if (!this.ended) this.destroy(new Error('the xz decoder thread stopped'));
    });
    this.worker.postMessage({ credit: AHEAD_PIECES } satisfies XzRequest);
    for (let i = 0; i < AHEAD_INPUTS; i++) void this.feed();
  }

  override _read(): void {
    if (this.failure) return void this.destroy(this.failure);
    // Held while the reader waits for text; let go while it has some (a reader that stops early keeps no run alive).
    this.worker.ref();
    this.worker.postMessage({ credit: 1 } satisfies XzRequest);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.ended = true;
    void this.worker.terminate();
    void this.input.return?.();
    callback(error);
  }

  private onReply(reply: XzReply): void {
    if ('wantInput' in reply) void this.feed();
    else if ('output' in reply) {
      this.worker.unref();
      for (const piece of reply.output) this.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    } else if ('end' in reply) {
      this.ended = true;
      this.push(null);
      void this.worker.terminate();
    } else {
      this.failure = reply.why ? new XzProgramError(reply.error, reply.why) : new Error(reply.error);
      if (this.readableLength === 0) this.destroy(this.failure);
    }
  }

  private async feed(): Promise<void> {
    try {
      const { value, done } = await this.input.next();
      // A copy moved, not the piece cloned: V8's serializer copies a view's whole buffer, and slowly (see stream-scan.ts).
      const input = done ? null : new Uint8Array(value as Buffer);
      if (!this.destroyed) this.worker.postMessage({ input } satisfies XzRequest, input ? [input.buffer] : []);
    } catch (error) {
      this.destroy(error as Error);
    }
  }
}
