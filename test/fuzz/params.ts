// Shared settings of the property-based tests: one seed for the whole run (printed, and taken from
// KTRIAGE_FUZZ_SEED to replay a failure), and a scale factor for longer runs (KTRIAGE_FUZZ_SCALE=10).
import type { Parameters } from 'fast-check';

export const FUZZ_SEED = Number(process.env['KTRIAGE_FUZZ_SEED'] ?? 20221112);
const SCALE = Number(process.env['KTRIAGE_FUZZ_SCALE'] ?? 1);

/** Test timeout of a property run: the suite's 60 s, times the scale. */
export const FUZZ_TIMEOUT_MS = 60_000 * Math.max(1, SCALE);

/** fast-check parameters for `runs` cases; a failure prints its seed and path (replay with KTRIAGE_FUZZ_SEED). */
export function fuzzParams<T>(runs: number): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true };
}
