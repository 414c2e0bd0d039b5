import { statSync } from 'node:fs';
import { PARALLEL_SCAN_MIN_BYTES } from '../sources/scan-workers.js';

/** Inputs from this size on (all together) are read with the fast path unless --full is given. */
export const FAST_FROM_BYTES = 64 * 1024 * 1024;

/** The commands whose arguments are no logs to read (buildProgram's, but for analyze and ingest; commander's own `help`). */
export const COMMANDS_READING_NO_LOG: ReadonlySet<string> = new Set(['completion', 'eval', 'help', 'hosts', 'kb', 'man', 'problem', 'problems', 'reprocess', 'schema']);

/** The options after which the command reads nothing. */
const ONLY_TELLING = new Set(['--help', '-h', '--version', '-V']);

/**
 * Whether a command line (the arguments after the script's path) names a regular file of PARALLEL_SCAN_MIN_BYTES or
 * more, which the scan workers will read, and with which read's heap (`everyLine`: the full read, see scanWorkers);
 * null when it names none. A guess from the words alone, made before the command is loaded (see main.ts): an option's
 * value that names a large file counts too, and the size of a compressed file stands for its text's. A wrong guess only
 * starts threads the run does not use (unreferenced: they keep no run from ending), or with the other read's heap.
 */
export function earlyScan(args: readonly string[], sizeOf: (path: string) => number | null): { readonly everyLine: boolean } | null {
  const words = args.filter((arg) => !arg.startsWith('-'));
  if (words.length === 0 || COMMANDS_READING_NO_LOG.has(words[0]!) || args.some((arg) => ONLY_TELLING.has(arg))) return null;
  const sizes = words.map(sizeOf).filter((size) => size !== null);
  if (!sizes.some((size) => size >= PARALLEL_SCAN_MIN_BYTES)) return null;
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  return { everyLine: args.includes('--full') || (!args.includes('--fast') && bytes < FAST_FROM_BYTES) };
}

/** The size of the regular file at `path`; null for anything else, nothing there, or a path that cannot be looked at (the command then says why). */
export function regularFileSize(path: string): number | null {
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}
