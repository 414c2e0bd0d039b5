import { setFlagsFromString } from 'node:v8';

/**
 * V8's tiering for a run of a few seconds, set by the command (not the library: its host's process is not ours). With
 * V8's defaults, optimizing compiles took a quarter of a run's CPU (quiet 100 MB, `perf`), on threads that share the
 * cores with the scan: many functions of the reports' and the tail's code run often enough to be compiled but not long
 * enough to repay it. Eight times the interrupt budget leaves those to the baseline tiers, and half the cumulative
 * inlining makes each compile of the hot loops smaller. One run after the other on the bench's 1 GB inputs: quiet
 * 1.53-1.55 s against 1.59-1.66, noisy 2.20-2.59 against 2.33-2.77, storage 2.18-2.35 against 2.33-2.58, 8-10 % less
 * CPU.
 */
export const TIERING_FLAGS: readonly string[] = ['--interrupt-budget=540672', '--max-inlined-bytecode-size-cumulative=200'];

/** The flag's name (`--name` of `--name=value`). */
const flagName = (flag: string): string => flag.split('=', 1)[0]!;

/** The tiering flags to set: those the user gave Node (its arguments or NODE_OPTIONS, `-` or `_` alike) are theirs. */
export function tieringFlagsToSet(nodeArgs: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...nodeArgs, ...(nodeOptions ?? '').split(/\s+/)].map((arg) => flagName(arg).replaceAll('_', '-'));
  return TIERING_FLAGS.filter((flag) => !given.includes(flagName(flag)));
}

/** Sets the tiering flags for this process and the threads it starts; before any of the run's code runs hot. */
export function tuneTiering(): void {
  for (const flag of tieringFlagsToSet(process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString(flag);
}
