import type { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { BLOCK_BYTES, blockStops, ListRelease, type BlockStops } from './prescan-block.js';
import type { ScannedBlock } from './prescan.js';
import { AHEAD_PER_WORKER, holdWorkers, nextScanId, scanWorkers } from './scan-workers.js';

/**
 * Bytes of a stream read as they come, on the main thread, before its blocks go to the workers: most streams are small
 * (a rotated log of a day, a bundle's member), and are read before a worker would have answered. Given to the workers
 * from the start, the 1000 rotated files of the hosts bench profile took 12.7 s instead of 9.9 s, and 390 MB. (A small
 * `.gz` file among several is instead inflated whole by a worker ahead of the reader: see read-ahead.ts.)
 */
export const DIRECT_BYTES = 8 << 20;

interface WorkerReply {
  readonly file: number;
  readonly block: number;
  readonly found: BlockStops | null;
}

/**
 * The fast path over a stream whose size is not known ahead (a `.gz` or `.xz` log, a member of a bundle, stdin): its
 * bytes are cut into blocks as they come, each block is scanned and its texts read by a scan worker (as prescan.ts
 * does for a plain file), and the blocks are handed over in order. The main thread keeps each block's bytes (a worker
 * is given a copy): a worker that fails leaves its blocks unscanned, and the reader scans them itself.
 */
export class StreamScan {
  private readonly file = nextScanId();
  private readonly waiting = new Map<number, (found: BlockStops | null) => void>();
  /** The shared workers, taken when the stream is found to be large (see DIRECT_BYTES); none until then. */
  private workers: readonly Worker[] = [];
  /** Lets the workers go (see holdWorkers). */
  private release = (): void => {};
  private next = 0;
  private failed = false;

  constructor(
    private readonly stream: Readable,
    private readonly maxLineBytes: number,
  ) {}

  /** The stream's bytes in order: its first DIRECT_BYTES as they come, then as blocks with the lines their worker found (null when none scanned one). */
  async *blocks(): AsyncGenerator<ScannedBlock> {
    const ahead: { bytes: Buffer; found: Promise<BlockStops | null> }[] = [];
    // Blocks' memory the reader is done with (it keeps nothing of a block once it asks for the next), to be filled again.
    const spare: SharedArrayBuffer[] = [];
    const newBlock = () => Buffer.from(spare.pop() ?? new SharedArrayBuffer(BLOCK_BYTES));
    const release = new ListRelease();
    const handedOver = async function* (): AsyncGenerator<ScannedBlock> {
      const scanned = await handOver(ahead.shift()!);
      yield scanned;
      spare.push(scanned.bytes.buffer as SharedArrayBuffer);
      release.add(scanned.found);
    };
    // (in a finally: a reader that stops early still frees the lists it was done with)
    try {
      let block = newBlock();
      let filled = 0;
      // Whether the next block starts at a line start: the byte before it is a line end (or there is none).
      let startsAtLine = true;
      const send = (bytes: Buffer) => {
        ahead.push({ bytes, found: this.scan(bytes, startsAtLine) });
        startsAtLine = bytes[bytes.length - 1] === 10;
      };
      let direct = 0;
      let scanned = false;
      // A stream that fails (a cut or corrupt file) fails after the blocks read before are handed over: none is lost.
      let failure: { readonly error: unknown } | null = null;
      try {
        for await (const chunk of this.stream as AsyncIterable<Buffer | string>) {
          const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          if (!scanned && direct >= DIRECT_BYTES) scanned = this.takeWorkers();
          if (!scanned) {
            direct += piece.length;
            startsAtLine = piece[piece.length - 1] === 10;
            yield { bytes: piece, found: null };
            continue;
          }
          for (let at = 0; at < piece.length; ) {
            const taken = piece.copy(block, filled, at);
            filled += taken;
            at += taken;
            if (filled < BLOCK_BYTES) continue;
            send(block);
            block = newBlock();
            filled = 0;
            while (ahead.length >= AHEAD_PER_WORKER * this.workers.length) yield* handedOver();
          }
        }
      } catch (error) {
        failure = { error };
      }
      if (filled > 0) send(block.subarray(0, filled));
      while (ahead.length > 0) yield* handedOver();
      if (failure) throw failure.error;
    } finally {
      release.flush();
    }
  }

  /** Takes the shared workers for the rest of the stream; false when there are none (running from the TypeScript sources). */
  private takeWorkers(): boolean {
    // (streams go to the workers in the fast read only)
    const workers = scanWorkers(false);
    if (!workers) return false;
    this.workers = workers;
    this.release = holdWorkers<WorkerReply>(
      workers,
      this.file,
      (reply) => {
        this.waiting.get(reply.block)?.(reply.found && blockStops(reply.found));
        this.waiting.delete(reply.block);
      },
      () => this.fail(),
    );
    return true;
  }

  close(): void {
    this.fail();
    this.release();
  }

  /**
   * What a worker finds in a block. The block's memory is shared with the worker, which only reads it until it answers:
   * the block stays the reader's (for a worker that fails), with no copy. (Posted as a Buffer of its own, a block was
   * cloned through V8's serializer at 2-3 ms a MiB, 1.9 s of the main thread's 8.6 on a 1 GB sosreport; a copy moved
   * to the worker, 0.8 s.)
   */
  private scan(bytes: Buffer, startsAtLine: boolean): Promise<BlockStops | null> {
    if (this.failed) return Promise.resolve(null);
    const block = this.next++;
    const found = new Promise<BlockStops | null>((resolve) => this.waiting.set(block, resolve));
    this.workers[block % this.workers.length]!.postMessage({ scan: bytes, startsAtLine, maxLineBytes: this.maxLineBytes, file: this.file, block });
    return found;
  }

  private fail(): void {
    this.failed = true;
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}

async function handOver({ bytes, found }: { bytes: Buffer; found: Promise<BlockStops | null> }): Promise<ScannedBlock> {
  return { bytes, found: await found };
}
