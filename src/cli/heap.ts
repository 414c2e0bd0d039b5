import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets a heap grow past what a full collection left alive before it collects again, in percent, for all the
 * command's threads (the flag is the process's, and read at each collection). V8's own factor, up to 4x, let the main
 * thread's old generation hold a GB's deserialized blocks and readings long after they were read: peak RSS on the
 * noisy bench profile at 1 GB 193-200 MB against 162-168 with 25-50 %, in the same time; 50 rather than 25 for the
 * runs whose live heap is larger (docs/performance-log.md). Set by the command, which owns its process, not by the
 * library, whose caller owns its own.
 */
export const HEAP_GROWING_PERCENT = 50;

setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
