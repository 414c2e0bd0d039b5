import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets a heap grow past what a full collection left alive before it collects again, in percent, for all the
 * command's threads (the flag is the process's, and read at each collection). V8's own factor, up to 4x, let the main
 * thread's old generation hold a GB's deserialized blocks and readings long after they were read: peak RSS on the
 * noisy bench profile at 1 GB 193-200 MB against 162-168 with 25-50 %, in the same time; 50 rather than 25 for the
 * runs whose live heap is larger (docs/performance-log.md). Set by the command, which owns its process, not by the
 * library, whose caller owns its own.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Sets HEAP_GROWING_PERCENT, before the command's work (it holds from the next collection on). */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * The young generation's size (its two semi-spaces, as V8's heap statistics give its `new_space`) past which it grows
 * no more: what a run of 100 MB reaches. V8 doubles it once the bytes that outlived its collections add up to its size,
 * which any long run's do, whatever it keeps: at 1 GB the main thread's went to 32 MB, 15 MB of peak RSS on quiet and
 * noisy (137 against 152 MB, 145 against 161), 11 on storage, in the same time.
 */
export const YOUNG_GENERATION_CAP_BYTES = 16 << 20;

let capping = false;

const youngGenerationBytes = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/**
 * Stops the young generations from growing once the main thread's reaches YOUNG_GENERATION_CAP_BYTES (checked after
 * each collection, until then). Only the growth factor can be set once V8 has sized the heaps (at startup V8 raises a
 * factor below 2 to 2, and the semi-spaces' largest size is fixed before any code runs); the flag is the process's, so
 * the scan workers stop growing theirs too, which the full read's need: its workers took 12 % more CPU so (noisy 1 GB).
 * For the fast read only, then.
 */
export function capYoungGeneration(): void {
  if (capping) return;
  capping = true;
  const watch = new PerformanceObserver(() => {
    if (youngGenerationBytes() < YOUNG_GENERATION_CAP_BYTES) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    watch.disconnect();
  });
  watch.observe({ entryTypes: ['gc'] });
}
