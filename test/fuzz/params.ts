// Shared settings of the property-based tests: one seed for the whole run (printed, and taken from
// KTRIAGE_FUZZ_SEED to replay a failure), and a scale factor for longer runs (KTRIAGE_FUZZ_SCALE=10).
import type { Parameters } from 'fast-check';

export const FUZZ_SEED = Number(process.env['KTRIAGE_FUZZ_SEED'] ?? 20221112);
const SCALE = Number(process.env['KTRIAGE_FUZZ_SCALE'] ?? 1);

/** Timeout of a property run: none (0). Its length is set by its case count, scaled above; a wall-clock limit would only fail it on a busy machine. */
export const FUZZ_TIMEOUT_MS = 0;

/** fast-check parameters for `runs` cases; a failure prints its seed and path (replay with KTRIAGE_FUZZ_SEED). */
export function fuzzParams<T>(runs: number): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true };
}
