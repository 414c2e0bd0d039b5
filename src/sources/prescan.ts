import { closeSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { textMemories } from '../analysis/text-reading.js';
import { HeaderMatcher } from '../reports/header-matcher.js';
import type { ReadMeter } from './meter.js';
import { BLOCK_BUFFER_BYTES, BLOCK_BYTES, blockStops, ListRelease, readScannedBlock, type BlockStops, type TextReader } from './prescan-block.js';
import { AHEAD_PER_WORKER, holdWorkers, nextScanId, plainFileScanWorkers } from './scan-workers.js';

/** One block of the file and, when a worker scanned it, the lines of it that may matter. */
export interface ScannedBlock {
  readonly bytes: Buffer;
  readonly found: BlockStops | null;
}

interface WorkerReply {
  /** The file it was read from (see Prescan.file): a shared worker may still answer for the file before. */
  file: number;
  block: number;
  bytes: Uint8Array;
  found: BlockStops | null;
}

/**
 * The fast path over a large plain file, with its reading and scanning run in worker threads ahead of the
 * analysis: each worker reads whole blocks, finds their lines that may matter (`scanBlock`) and hands both
 * over (moved, not copied); the main thread then only reads those lines. A worker that fails leaves the
 * blocks to the main thread, which reads them itself and scans them in the line splitter.
 */
export class Prescan {
  private readonly replies = new Map<number, Promise<ScannedBlock | null>>();
  private readonly waiting = new Map<number, (block: ScannedBlock | null) => void>();
  private nextToAsk = 0;
  /** Blocks asked of each worker and not yet handed over. */
  private readonly outstanding: number[] = [];
  /** The block the reader wants now: workers are kept busy up to AHEAD_PER_WORKER blocks each past it. */
  private wanted = 0;
  /** Block buffers the reader is done with, to be filled again by a worker instead of new ones. */
  private readonly spare: ArrayBuffer[] = [];
  private failed = false;
  /** This prescan's file among those the shared workers were given. */
  private readonly file = nextScanId();
  /** Lets the workers go (see holdWorkers). */
  private readonly release: () => void;
  /** The file, opened for the blocks the main thread scans itself (see scanned); null once the prescan is done. */
  private fd: number | null;

  private constructor(
    private readonly path: string,
    private readonly blockCount: number,
    private readonly maxLineBytes: number,
    private readonly everyLine: boolean,
    private readonly workers: readonly Worker[],
    private readonly meter: ReadMeter | null,
  ) {
    this.fd = openSync(path, 'r');
    this.release = holdWorkers<WorkerReply>(workers, this.file, (reply, worker) => this.settle(reply, worker), () => this.fail());
    for (const worker of workers) {
      worker.postMessage({ open: path, maxLineBytes, everyLine, file: this.file });
      this.outstanding.push(0);
    }
  }

  /**
   * A prescan of the file (`everyLine`: each line a stop, see findStops) by `workers` and the main thread, or null when
   * there are none (the worker script is not there: running from the TypeScript sources).
   */
  static start(path: string, size: number, maxLineBytes: number, everyLine: boolean, meter?: ReadMeter, workers = plainFileScanWorkers(everyLine)): Prescan | null {
    return workers && new Prescan(path, Math.ceil(size / BLOCK_BYTES), maxLineBytes, everyLine, workers, meter ?? null);
  }

  /** The file's blocks in order, to its end (also past the size it had when the scan started: a log may grow). */
  async *blocks(): AsyncGenerator<ScannedBlock> {
    const file = await open(this.path, 'r');
    const release = new ListRelease();
    try {
      for (let block = 0; ; block++) {
        const fromWorker = await this.scanned(block);
        const scanned = fromWorker ?? (await readBlock(file, block));
        if (scanned.bytes.length === 0) return;
        this.meter?.add(scanned.bytes.length);
        yield scanned;
        // The reader keeps nothing of a block it is done with (lines are decoded, kept bytes copied): its memory goes back to the workers.
        if (fromWorker) this.spare.push(fromWorker.bytes.buffer as ArrayBuffer);
        release.add(fromWorker?.found ?? null);
      }
    } finally {
      release.flush();
      await file.close();
      this.closeFile();
    }
  }

  close(): void {
    this.fail();
    this.release();
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /**
   * What a worker (or the main thread) made of the block; null when none has it (failed, or past the planned blocks).
   * While the block is not there yet, the main thread scans the next block not asked of a worker itself, one at a time,
   * reading the workers' replies between: it would wait else, and a thread fewer shares the cores.
   */
  private async scanned(block: number): Promise<ScannedBlock | null> {
    if (this.failed) return null;
    this.wanted = block;
    this.askAhead();
    while (this.waiting.has(block) && this.mayScanHere()) {
      this.scanHere(this.nextToAsk++);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const reply = this.replies.get(block) ?? Promise.resolve(null);
    this.replies.delete(block);
    return reply;
  }

  /** Whether the main thread may scan the next block not asked of a worker: one there is, and not too far ahead of the reader. */
  private mayScanHere(): boolean {
    return !this.failed && this.fd !== null && this.nextToAsk < this.blockCount && this.nextToAsk <= this.lastAhead();
  }

  /** The last block that may be asked for or scanned now: AHEAD_PER_WORKER blocks for each worker and the main thread past the one wanted. */
  private lastAhead(): number {
    return this.wanted + AHEAD_PER_WORKER * (this.workers.length + 1);
  }

  private scanHere(block: number): void {
    const spare = this.spare.pop();
    const whole = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(BLOCK_BUFFER_BYTES);
    const scanned = readScannedBlock(this.fd!, block, whole, this.maxLineBytes, this.everyLine, mainReader(this.everyLine));
    this.replies.set(block, Promise.resolve(scanned));
  }

  /**
   * Asks for the blocks up to AHEAD_PER_WORKER per worker past the one wanted, each of the worker with the fewest
   * asked: a worker that is ahead is given more at once, rather than waiting for the other to catch up. The main
   * thread's own blocks count as a worker's more (see scanned): else each it took left a worker a block fewer to do.
   */
  private askAhead(): void {
    const last = Math.min(this.lastAhead(), this.blockCount - 1);
    for (; this.nextToAsk <= last; this.nextToAsk++) {
      const worker = this.outstanding.indexOf(Math.min(...this.outstanding));
      if (this.outstanding[worker]! >= AHEAD_PER_WORKER) return;
      const block = this.nextToAsk;
      this.replies.set(block, new Promise((resolve) => this.waiting.set(block, resolve)));
      const spare = this.spare.pop();
      this.outstanding[worker]!++;
      this.workers[worker]!.postMessage({ block, spare }, spare ? [spare] : []);
    }
  }

  private settle({ block, bytes, found }: WorkerReply, worker: number): void {
    this.outstanding[worker]!--;
    this.waiting.get(block)?.({ bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), found: found && blockStops(found) });
    this.waiting.delete(block);
    this.askAhead();
  }

  private fail(): void {
    this.failed = true;
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}

let mainHeaders: HeaderMatcher | null = null;
const mainMemory = textMemories();

/** The main thread's reader of texts, for the blocks it scans itself. */
function mainReader(everyLine: boolean): TextReader {
  mainHeaders ??= new HeaderMatcher();
  return { headers: mainHeaders, memory: mainMemory(everyLine) };
}

async function readBlock(file: import('node:fs/promises').FileHandle, block: number): Promise<ScannedBlock> {
  const bytes = Buffer.alloc(BLOCK_BYTES);
  const { bytesRead } = await file.read(bytes, 0, BLOCK_BYTES, block * BLOCK_BYTES);
  return { bytes: bytes.subarray(0, bytesRead), found: null };
}

