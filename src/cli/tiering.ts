import { setFlagsFromString } from 'node:v8';

/**
 * V8's tiering for a run of a few seconds, set by the command (not the library: its host's process is not ours). With
 * V8's defaults, optimizing compiles took a quarter of a run's CPU (quiet 100 MB, `perf`), on threads that share the
 * cores with the scan: many functions of the reports' and the tail's code run often enough to be compiled but not long
 * enough to repay it. Eight times the interrupt budget leaves those to the baseline tiers, and half the cumulative
 * inlining makes each compile of the hot loops smaller. One run after the other on the bench's 1 GB inputs: quiet
 * 1.53-1.55 s against 1.59-1.66, noisy 2.20-2.59 against 2.33-2.77, storage 2.18-2.35 against 2.33-2.58, 8-10 % less
 * CPU.
 *
 * The same holds of WebAssembly: with V8's budget, iced-x86's decoder (the `Code:` bytes, decoded at the run's end)
 * had 9-18 of its functions compiled by TurboFan, 150-280 ms of CPU for a few milliseconds of decoding, and the scan's
 * module its templating (`template_of`, 50-80 ms) besides the scan, `shape` and `compact`, which run for the whole read.
 * A hundred times the budget leaves all but those three to Liftoff: one run after the other, quiet 100 MB 1.18-1.26 CPU
 * s against 1.29-1.45 (0.77-0.84 s against 0.82-0.95), quiet 1 GB 7 runs in 8 with less CPU (median 0.13 s), noisy
 * 1 GB 3.69-4.16 against 3.84-4.26, the full read of quiet, noisy and hosts 100 MB 3-9 % less CPU.
 */
export const TIERING_FLAGS: readonly string[] = ['--interrupt-budget=540672', '--max-inlined-bytecode-size-cumulative=200', '--wasm-tiering-budget=180000000'];

/** The flag's name (`--name` of `--name=value`). */
const flagName = (flag: string): string => flag.split('=', 1)[0]!;

/** The tiering flags to set: those the user gave Node (its arguments or NODE_OPTIONS, `-` or `_` alike) are theirs. */
export function tieringFlagsToSet(nodeArgs: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...nodeArgs, ...(nodeOptions ?? '').split(/\s+/)].map((arg) => flagName(arg).replaceAll('_', '-'));
  return TIERING_FLAGS.filter((flag) => !given.includes(flagName(flag)));
}

/**
 * Sets the tiering flags for this process and its threads; before any of the run's code runs hot, and after the modules
 * that start it are loaded (any flag set makes V8 pass over Node's code cache of its own modules: see main.ts).
 */
export function tuneTiering(): void {
  for (const flag of tieringFlagsToSet(process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString(flag);
}
