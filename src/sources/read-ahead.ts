import type { Worker } from 'node:worker_threads';
import type { ReadMeter } from './meter.js';
import { blockStops, listBuffers, moveAway, type BlockStops } from './prescan-block.js';
import type { ScannedBlock } from './prescan.js';
import { holdWorkers, nextScanId, scanWorkers } from './scan-workers.js';
import { DIRECT_BYTES } from './stream-scan.js';

/**
 * Largest text a worker reads a file to at once (a plain file, or a `.gz` file inflated): a file that holds more is read
 * as a stream (a `.gz` file's blocks past the first DIRECT_BYTES scanned by the workers). Below the floor of the
 * compression-bomb check (RATIO_FLOOR_BYTES), so that no file inflated here would have been refused as a stream.
 */
export const MAX_WHOLE_BYTES = DIRECT_BYTES;

/**
 * Workers that read ahead: the reader's own work on each file's lines is the bound (on the hosts bench profile, 5.8 s
 * with one worker, 6.1 s with two), and a worker started for nothing holds 30 MB.
 */
const READ_AHEAD_WORKERS = 1;
/** Files read ahead of the reader: enough to keep the worker busy, at most this many times MAX_WHOLE_BYTES of memory. */
const AHEAD_FILES = 4;

export interface ReadWholeRequest {
  readonly readWhole: string;
  /** Its text is gzip's: inflated. */
  readonly gzip: boolean;
  /** The ReadAhead that asks (see nextScanId), and its request. */
  readonly file: number;
  readonly job: number;
  readonly maxLineBytes: number;
  readonly maxBytes: number;
  /** Every line a stop (the full read, see findStops). */
  readonly everyLine: boolean;
}

/** A block of a file read whole: where it is in the file's text, and the lines of it that may matter. */
export interface WholeBlock {
  readonly at: number;
  readonly length: number;
  readonly found: BlockStops | null;
}

/** A file read and scanned by a worker; text and blocks null when the worker did not read it. */
export interface ReadWholeReply {
  readonly file: number;
  readonly job: number;
  readonly text: Uint8Array | null;
  readonly blocks: readonly WholeBlock[] | null;
}

/** A small file of the inputs (plain, or `gzip`), and its size on disk. */
export interface SmallFile {
  readonly path: string;
  readonly size: number;
  readonly gzip: boolean;
}

/**
 * Small files (the rotated logs of many hosts, plain and gzipped) read, inflated and scanned by a scan worker ahead of
 * the reader, one file per request: a stream is read on the main thread until it is DIRECT_BYTES long (see
 * stream-scan.ts), and a plain file below PARALLEL_SCAN_MIN_BYTES (see run.ts) whole, so the 800 files of the hosts
 * bench profile (0.1 to 1.6 MB of text each) were read there alone, the workers idle. The full read takes them this way
 * too, every line a stop (`everyLine`). The reader takes each file's blocks in input order (take), and lets each go once
 * read (letGo); a file a worker could not read (not valid gzip, cut short, larger than MAX_WHOLE_BYTES, gone) is read as
 * a stream as before, and says why.
 */
export class ReadAhead {
  private readonly file = nextScanId();
  /** The files asked and not yet taken, in input order: the worker's answer, and the file's size on disk. */
  private readonly asked = new Map<string, { readonly blocks: Promise<ScannedBlock[] | null>; readonly size: number }>();
  private readonly waiting = new Map<number, (blocks: ScannedBlock[] | null) => void>();
  private next = 0;
  private jobs = 0;
  private failed = false;
  /** Lets the workers go (see holdWorkers). */
  private readonly release: () => void;

  private constructor(
    private readonly files: readonly SmallFile[],
    private readonly workers: readonly Worker[],
    private readonly maxLineBytes: number,
    private readonly everyLine: boolean,
    private readonly meter: ReadMeter | null,
  ) {
    this.release = holdWorkers<ReadWholeReply>(workers, this.file, (reply) => this.settle(reply), () => this.fail());
    this.askAhead();
  }

  /**
   * Reading ahead of `files` (in the order they will be read), `everyLine` for the full read; null for fewer than two,
   * or without workers (running from the TypeScript sources).
   */
  static start(files: readonly SmallFile[], maxLineBytes: number, everyLine: boolean, meter: ReadMeter | null): ReadAhead | null {
    if (files.length < 2) return null;
    const workers = scanWorkers(everyLine, READ_AHEAD_WORKERS);
    return workers && new ReadAhead(files, workers, maxLineBytes, everyLine, meter);
  }

  /**
   * The blocks of `path`, read and scanned by a worker; null (now or once the worker answers) when it is to be read
   * as a stream. Files asked before it and not taken (not read after all) are let go.
   */
  take(path: string): Promise<ScannedBlock[] | null> | null {
    const asked = this.asked.get(path);
    if (asked === undefined) return null;
    for (const passed of this.asked.keys()) {
      this.asked.delete(passed);
      if (passed === path) break;
    }
    this.askAhead();
    return asked.blocks.then((taken) => {
      // (read as a stream, its bytes are metered as they are read)
      if (taken) this.meter?.add(asked.size);
      return taken;
    });
  }

  close(): void {
    this.fail();
    this.release();
  }

  private askAhead(): void {
    while (!this.failed && this.asked.size < AHEAD_FILES && this.next < this.files.length) {
      const { path, size, gzip } = this.files[this.next++]!;
      if (this.asked.has(path)) continue;
      const job = this.jobs++;
      this.asked.set(path, { blocks: new Promise((resolve) => this.waiting.set(job, resolve)), size });
      const { maxLineBytes, everyLine } = this;
      const request: ReadWholeRequest = { readWhole: path, gzip, file: this.file, job, maxLineBytes, maxBytes: MAX_WHOLE_BYTES, everyLine };
      this.workers[job % this.workers.length]!.postMessage(request);
    }
  }

  private settle({ job, text, blocks }: ReadWholeReply): void {
    const bytes = text && Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    this.waiting.get(job)?.(bytes && blocks && blocks.map(({ at, length, found }) => ({ bytes: bytes.subarray(at, at + length), found: found && blockStops(found) })));
    this.waiting.delete(job);
  }

  private fail(): void {
    this.failed = true;
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}

/**
 * Frees the text of a file read ahead, and its blocks' lists, now that the reader is done with it (see moveAway). Left to
 * the collector, the texts taken from the worker and done with held up to 65 MB more on the hosts bench profile (V8
 * lets external memory grow by some 64 MB between passes).
 */
export function letGo(blocks: readonly ScannedBlock[]): void {
  const text = blocks[0]?.bytes.buffer;
  if (text) moveAway([text as ArrayBuffer, ...blocks.flatMap((block) => (block.found ? listBuffers(block.found) : []))]);
}
