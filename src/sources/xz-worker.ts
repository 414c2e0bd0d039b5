import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parentPort, workerData } from 'node:worker_threads';
import { XzProgramError, xzText } from './xz-program.js';
import type { XzReply, XzRequest, XzWorkerData } from './xz-thread.js';

/**
 * Decodes one xz stream (see xz-thread.ts), with the xz program when it is given (its output read here, away from the
 * reader, so that the program never waits for a busy main thread to empty its pipe), else with xz-decompress: asks the
 * main thread for its compressed bytes as the decoder needs them, and hands the text over about OUTPUT_BYTES at a time,
 * each once the main thread has room for it (its credit).
 */

/** Text per hand-over (xz-decompress gives it in pieces of 64 KiB): each message has a cost of its own. */
const OUTPUT_BYTES = 1 << 20;

const port = parentPort!;
const post = (reply: XzReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

/** Compressed bytes given ahead of the decoder's need (null: their end), and the decoder waiting for them. */
const inputs: (Uint8Array | null)[] = [];
let inputCame: (() => void) | null = null;
let credit = 0;
let creditCame: (() => void) | null = null;

port.on('message', (request: XzRequest) => {
  if ('input' in request) {
    inputs.push(request.input);
    inputCame?.();
    inputCame = null;
    return;
  }
  credit += request.credit;
  creditCame?.();
  creditCame = null;
});

const compressed = new ReadableStream<Uint8Array>({
  async pull(controller) {
    while (inputs.length === 0) await new Promise<void>((resolve) => (inputCame = resolve));
    const bytes = inputs.shift()!;
    if (bytes === null) return controller.close();
    // One taken: the main thread sends the next, so that the decoder never waits for a round trip.
    post({ wantInput: true });
    controller.enqueue(bytes);
  },
});

async function handOver(pieces: Uint8Array[]): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (creditCame = resolve));
  credit--;
  // Each piece has its own memory (xz-decompress copies it out of the decoder's): moved, and not left here for the collector.
  post({ output: pieces }, pieces.map((piece) => piece.buffer as ArrayBuffer));
}

async function decode(): Promise<void> {
  let pieces: Uint8Array[] = [];
  let bytes = 0;
  try {
    for await (const piece of xzText(Readable.fromWeb(compressed as WebReadableStream<Uint8Array>), (workerData as XzWorkerData).program) as AsyncIterable<Uint8Array>) {
      pieces.push(piece);
      bytes += piece.length;
      if (bytes < OUTPUT_BYTES) continue;
      await handOver(pieces);
      pieces = [];
      bytes = 0;
    }
  } catch (error) {
    // The text decoded before the error is read too (a cut file's lines are analyzed up to where it ends).
    if (bytes > 0) await handOver(pieces);
    throw error;
  }
  if (bytes > 0) await handOver(pieces);
  post({ end: true });
}

decode().catch((error: unknown) =>
  post({ error: error instanceof Error ? error.message : String(error), ...(error instanceof XzProgramError ? { why: error.why } : {}) }),
);
