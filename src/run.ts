import { Analyzer, type AnalyzeOptions } from './analyzer.js';
import type { Result } from './result/schema.js';
import { collectSources } from './sources/collect.js';
import { readLines } from './sources/read.js';
import type { LogSource } from './sources/types.js';

export interface RunOptions extends AnalyzeOptions {
  /** Called as bytes are read, for a progress bar. */
  readonly onBytes?: (n: number, totalKnown: number | null) => void;
}

export interface RunOutcome {
  readonly result: Result;
  /** Inputs that could be read (at least partly); 0 means exit code 1. */
  readonly readable: number;
}

function describeReadError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message ?? '')) return 'compressed data ends early (truncated file)';
  if (e.code === 'Z_DATA_ERROR') return `corrupt compressed data (${e.message})`;
  if (e.code === 'EISDIR') return 'is a directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(error);
}

/** Reads one source into the analyzer; problems become warnings naming the file, nothing is thrown. */
export async function feedSource(analyzer: Analyzer, source: LogSource, onBytes?: (n: number) => void): Promise<boolean> {
  const feed = analyzer.openSource({ path: source.path, hostHint: source.hostHint, mtime: source.mtime });
  try {
    const stats = await readLines(await source.open(), (line) => feed.push(line), onBytes);
    if (stats.looksBinary) {
      analyzer.warn(source.path, 'binary data, not a text log: skipped');
      feed.end();
      return false;
    }
    if (stats.bytes === 0) analyzer.warn(source.path, 'empty file');
    if (stats.invalidUtf8) analyzer.warn(source.path, 'contains bytes that are not valid UTF-8; they were replaced');
    if (stats.longLines > 0) analyzer.warn(source.path, `${stats.longLines} line(s) longer than 64 KiB were cut`);
    feed.end();
    return true;
  } catch (error) {
    feed.end();
    const read = feed.summary.lines;
    analyzer.warn(source.path, `${describeReadError(error)}${read > 0 ? `; analyzed the ${read} line(s) before it` : ''}`);
    return read > 0;
  }
}

/** Analyzes files, directories and `-` (stdin) as one run. */
export async function analyzePaths(paths: readonly string[], options: RunOptions = {}): Promise<RunOutcome> {
  const analyzer = new Analyzer(options);
  const { sources, problems } = await collectSources(paths);
  for (const p of problems) analyzer.warn(p.path, p.message);
  const total = sources.every((s) => s.size !== null) ? sources.reduce((n, s) => n + (s.size ?? 0), 0) : null;
  let readable = 0;
  for (const source of sources) {
    if (await feedSource(analyzer, source, options.onBytes ? (n) => options.onBytes!(n, total) : undefined)) readable++;
  }
  return { result: analyzer.finish(), readable };
}
