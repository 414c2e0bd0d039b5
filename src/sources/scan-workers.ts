import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The worker threads that scan large files (see prescan.ts), shared by the inputs of a run: inputs are read one after
 * the other, and threads started for each would leave each its own memory behind.
 */
let shared: Worker[] | null = null;

/** What a scan worker posts once its modules are loaded (see prescan-worker.ts). */
export const WORKER_LOADED = 'loaded';

/** For each shared worker, when it has loaded its modules (or failed, or ended: it will load none then). */
const loadedOf = new WeakMap<Worker, Promise<void>>();

/**
 * Each worker's heap. A worker keeps nothing between blocks: a small heap keeps the memory of the run flat whatever the
 * file's size. In the full read a block's thousands of distinct texts outlive the young generation while the block is
 * read: with the fast read's heap the copying and compacting took a quarter of each worker's time (quiet 1 GB `--full`
 * 12.7-13.2 s; 10.9-11.3 s with this one, and 25-30 MB more at the peak).
 */
const HEAPS = {
  fast: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 8 },
  full: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 16 },
} as const;

/**
 * The first `wanted` of the shared workers (all by default: see workerCount), started now if they are not, with the heap
 * of the read (`everyLine`: the full read; a run reads all its inputs one way); null when the worker script is not there
 * (running from the TypeScript sources).
 */
export function scanWorkers(everyLine: boolean, wanted = workerCount(process.env.KTRIAGE_WORKERS, availableParallelism())): readonly Worker[] | null {
  const script = new URL('./prescan-worker.js', import.meta.url);
  if (!shared && !existsSync(fileURLToPath(script))) return null;
  shared ??= [];
  while (shared.length < wanted) {
    const worker = new Worker(script, { resourceLimits: everyLine ? HEAPS.full : HEAPS.fast });
    // Idle, it keeps no run from ending (a prescan holds the workers while it reads).
    worker.unref();
    loadedOf.set(worker, loaded(worker));
    shared.push(worker);
  }
  // (a copy: more may be started later, for a caller that wants more)
  return shared.slice(0, wanted);
}

/** When `worker` has loaded its modules, failed or ended (listened for from its start: its message may come at once). */
function loaded(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', done);
      worker.off('exit', done);
      resolve();
    };
    const onMessage = (message: unknown): void => {
      if (message === WORKER_LOADED) done();
    };
    worker.on('message', onMessage);
    worker.on('error', done);
    worker.on('exit', done);
  });
}

/** The longest the command waits for its workers to load (see workersLoaded): they take some 0.1-0.2 s. */
const WORKERS_LOADED_WAIT_MS = 1000;

/**
 * When `workers` (shared workers) have loaded their modules, or `waitMs` has passed (a worker slow to load, its modules
 * on a slow disk, holds no run back: it only loses Node's code cache). The process's V8 flags set after it (see
 * tuneTiering) then leave their loading alone: Node's own modules are compiled from its code cache only while the flags
 * are V8's defaults (the cache is made for them). The workers are kept referenced meanwhile: an idle one keeps no run
 * going.
 */
export async function workersLoaded(workers: readonly Worker[], waitMs = WORKERS_LOADED_WAIT_MS): Promise<void> {
  workers.forEach((worker) => worker.ref());
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([Promise.all(workers.map((worker) => loadedOf.get(worker))), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  } finally {
    clearTimeout(timer);
    workers.forEach((worker) => worker.unref());
  }
}

/** Plain files from this size on have their fast-path scan run by the workers (see run.ts). */
export const PARALLEL_SCAN_MIN_BYTES = 32 << 20;

/** Most workers started: past this many, one main thread merging their blocks is the bound, not the scan. */
const MAX_WORKERS = 8;

/** Workers for a machine of `cores` cores, or as many as KTRIAGE_WORKERS asks (1 to MAX_WORKERS; the bench measures with it). */
export function workerCount(asked: string | undefined, cores: number): number {
  return Math.max(1, Math.min(MAX_WORKERS, countAsked(asked) ?? cores));
}

/** The count KTRIAGE_WORKERS asks for, null when it asks for none (unset, or not a number). */
const countAsked = (asked: string | undefined): number | null => (asked && /^\d+$/.test(asked) ? Number(asked) : null);

/**
 * Workers for the scan of a large plain file (prescan.ts), whose main thread scans blocks itself when it would wait for
 * one: a core fewer than workerCount's (at least one), or as many as KTRIAGE_WORKERS asks. On two cores one worker and
 * the main thread read a GB faster than two workers beside the main thread (quiet 1.66-1.71 s against 1.69-1.81, noisy
 * 2.61-2.71 against 2.64-2.81, storage 2.52-2.69 against 2.63-3.29), in 12-13 % less memory.
 */
export function plainFileWorkerCount(asked: string | undefined, cores: number): number {
  return countAsked(asked) === null ? Math.max(1, workerCount(undefined, cores) - 1) : workerCount(asked, cores);
}

/** The shared workers for the scan of a large plain file (see plainFileWorkerCount), for this machine and KTRIAGE_WORKERS. */
export function plainFileScanWorkers(everyLine: boolean): readonly Worker[] | null {
  return scanWorkers(everyLine, plainFileWorkerCount(process.env.KTRIAGE_WORKERS, availableParallelism()));
}

/** Ends the shared workers (the run has read its last input, or one failed); the next large file starts new ones. */
export function endScanWorkers(): void {
  for (const worker of shared ?? []) void worker.terminate();
  shared = null;
}

/** Blocks given to each worker and not yet handed over (prescan.ts, stream-scan.ts): enough to keep it busy, little memory. */
export const AHEAD_PER_WORKER = 4;

let inputsScanned = 0;

/** An id for one input scanned by the shared workers: a worker may still answer for the input before, whose replies are told apart by it. */
export function nextScanId(): number {
  return ++inputsScanned;
}

/**
 * Holds the shared workers for one input scanned (`input`, see nextScanId): passes on their replies about it (with the
 * index of the worker that sent each) and their failure, and keeps them referenced while the input is read. Returns
 * what lets them go: they are then idle (unreferenced), and ended if one failed.
 */
export function holdWorkers<R extends { readonly file: number }>(workers: readonly Worker[], input: number, reply: (reply: R, worker: number) => void, failed: () => void): () => void {
  let broken = false;
  const listeners = workers.map((worker, i) => {
    const listener = {
      message: (message: R) => {
        if (message.file === input) reply(message, i);
      },
      error: () => {
        broken = true;
        failed();
      },
    };
    worker.on('message', listener.message);
    worker.on('error', listener.error);
    worker.ref();
    return listener;
  });
  return () => {
    workers.forEach((worker, i) => {
      worker.off('message', listeners[i]!.message);
      worker.off('error', listeners[i]!.error);
      worker.unref();
    });
    // A worker that failed is not given another input.
    if (broken) endScanWorkers();
  };
}
