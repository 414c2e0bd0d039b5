import { Analyzer, type AnalyzeOptions } from './analyzer.js';
import { loadArmDecoder } from './machine/arm-decode.js';
import { loadMachineInputs, type MachineFiles } from './machine/inputs.js';
import type { Result } from './result/schema.js';
import type { Reason, UnsaidWarning, Warn } from './result/warnings.js';
import { collectInputs, sourcesOf, textSize, totalSize, type Input } from './sources/collect.js';
import { archiveKindOf, compressionOf, unsupportedCompression } from './sources/select.js';
import { describeDecodeError, RefusedError } from './sources/decompress.js';
import type { ReadMeter } from './sources/meter.js';
import { letGo, MAX_WHOLE_BYTES, ReadAhead, type SmallFile } from './sources/read-ahead.js';
import { Prescan, type ScannedBlock } from './sources/prescan.js';
import { StreamScan } from './sources/stream-scan.js';
import { endScanWorkers, PARALLEL_SCAN_MIN_BYTES } from './sources/scan-workers.js';
import { MAX_LINE_CHARS, readLines } from './sources/read.js';
import type { LogSource } from './sources/types.js';
import type { FixIndex } from './kb/index-file.js';

export interface RunOptions extends AnalyzeOptions {
  /** Counts the bytes read against the inputs' total size, for a progress bar. */
  readonly meter?: ReadMeter;
  /** Disassembly, symbol, debug-info and source files to read the machine code with (loaded here; problems become warnings). */
  readonly machineFiles?: MachineFiles;
  /**
   * Pass over routine lines unread (`src/lines/fast-scan.ts`): the same reports and notable events, several times
   * faster on large logs, but routine events only from the lines read (the first ones, those around reports). When
   * not set, it is on for inputs of at least `fastFromBytes` in all (off when that is not set either).
   */
  readonly skipRoutineLines?: boolean;
  /**
   * Inputs of at least this many bytes of text in all are read with `skipRoutineLines` unless it is set (the CLI:
   * 64 MiB); a compressed file or bundle counts as 8 times its size.
   */
  readonly fastFromBytes?: number;
  /** Fix indexes made by `ktriage kb index` (`--kb FILE`): read here, one that cannot be read is a warning naming it. */
  readonly kbFiles?: readonly string[];
  /** Plain files at least this large have their fast-path scan run in worker threads (default 32 MiB). */
  readonly parallelScanMinBytes?: number;
  /** Streams (compressed logs, bundle members, stdin: their size not known ahead) have their fast-path scan run in worker threads (default true). */
  readonly parallelStreams?: boolean;
}

export interface RunOutcome {
  readonly result: Result;
  /** Inputs that could be read (at least partly); 0 means exit code 1. */
  readonly readable: number;
}

/** Why a file operation failed, for a message that names the file. */
export function describeReadError(error: unknown): Reason {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EISDIR') return { reason: 'is-directory' };
  if (e.code === 'EACCES') return { reason: 'permission-denied' };
  return describeDecodeError(error);
}

/** Reads one source into the analyzer; problems become warnings naming the file, nothing is thrown. */
export async function feedSource(
  analyzer: Analyzer,
  source: LogSource,
  options: Pick<RunOptions, 'skipRoutineLines' | 'parallelScanMinBytes' | 'parallelStreams' | 'meter'> & {
    readonly refused?: Map<string, Reason>;
    /** The source's text as a worker read and scanned it (see ReadAhead); null: it is read as a stream. */
    readonly readAhead?: Promise<readonly ScannedBlock[] | null> | null;
  } = {},
): Promise<boolean> {
  const feed = analyzer.openSource({ path: source.path, hostHint: source.hostHint, mtime: source.mtime });
  const { skipRoutineLines = false, parallelScanMinBytes = PARALLEL_SCAN_MIN_BYTES, parallelStreams = true, meter } = options;
  const large = source.disk && source.disk.size >= parallelScanMinBytes ? source.disk : null;
  let prescan: Prescan | null = null;
  let streamScan: StreamScan | null = null;
  let whole: readonly ScannedBlock[] | null = null;
  try {
    whole = (await options.readAhead) ?? null;
    // The full read of a large plain file, or of a small file a worker read ahead, takes each line as the fast read
    // takes those that matter, its texts read in the workers. (A stream's is read line by line: its blocks cloned to and
    // from the workers cost more memory than they save time.)
    const everyLine = !skipRoutineLines && (large !== null || whole !== null);
    const skipper = skipRoutineLines || everyLine ? feed : null;
    prescan = skipper && large && !whole ? Prescan.start(large.path, large.size, MAX_LINE_CHARS, everyLine, meter) : null;
    const stream = prescan || whole ? null : await source.open();
    streamScan = stream && skipRoutineLines && !source.disk && parallelStreams ? new StreamScan(stream, MAX_LINE_CHARS) : null;
    const stats = await readLines(prescan ?? whole ?? streamScan ?? stream!, (line) => feed.push(line), skipper, everyLine);
    if (stats.looksBinary) {
      analyzer.warn(source.path, 'binary-data');
      feed.end();
      return false;
    }
    if (stats.bytes === 0) analyzer.warn(source.path, 'empty-file');
    if (stats.invalidUtf8) analyzer.warn(source.path, 'invalid-utf8');
    if (stats.longLines > 0) analyzer.warn(source.path, 'long-lines-cut', { lines: stats.longLines });
    if (stats.utf16 && !stats.utf16.marked) analyzer.warn(source.path, 'utf16-without-bom', { order: stats.utf16.order.toUpperCase() });
    else if (stats.nulBytes > 0) analyzer.warn(source.path, stats.nulBytes === stats.bytes ? 'only-nul-bytes' : 'nul-bytes-removed', { bytes: stats.nulBytes });
    // A log rotated or cut while it was read ends early: what it held past that point was not analyzed.
    if (source.disk && stats.bytes < source.disk.size) analyzer.warn(source.path, 'file-shrank', { read: stats.bytes, size: source.disk.size });
    feed.end();
    return true;
  } catch (error) {
    feed.end();
    if (error instanceof RefusedError) options.refused?.set(error.subject, error.why);
    const read = feed.summary.lines;
    analyzer.warn(source.path, 'read-failed', { ...describeReadError(error), lines: read });
    return read > 0;
  } finally {
    prescan?.close();
    streamScan?.close();
    if (whole) letGo(whole);
  }
}

/**
 * The `.gz` files, and (`plainToo`) the plain files, among the inputs small enough to be read by a scan worker at once
 * (see ReadAhead), in input order. Not an empty file's size: a pipe's (`<(zcat log.gz)`), which is read as a stream.
 */
function smallFiles(inputs: readonly Input[], excluded: ReadonlyMap<string, Reason>, plainToo: boolean): SmallFile[] {
  return inputs.flatMap((input) => {
    if (input.kind !== 'file' || input.size === 0 || input.size > MAX_WHOLE_BYTES || excluded.has(input.path) || archiveKindOf(input.path) !== null) return [];
    const compression = compressionOf(input.path);
    const plain = plainToo && compression === null && unsupportedCompression(input.path) === null;
    return plain || compression === 'gz' ? [{ path: input.path, size: input.size, gzip: !plain }] : [];
  });
}

/** Reads the `--kb` indexes; one that cannot be read or is no index is said once, and the run goes on without it. */
async function loadFixIndexes(paths: readonly string[], warn: Warn): Promise<FixIndex[]> {
  // (the reader and zod load only when an index is given)
  const { readFixIndex } = await import('./kb/index-file.js');
  const indexes: FixIndex[] = [];
  for (const path of paths) {
    try {
      indexes.push(readFixIndex(path));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') warn(path, 'kb-index-missing');
      else if (e.code) warn(path, 'kb-index-unreadable', describeReadError(error));
      else warn(path, 'kb-index-invalid', { detail: e.message });
    }
  }
  return indexes;
}

/**
 * Analyzes files, directories, bundles (tar, tar.gz, tar.xz, zip) and `-` (stdin) as one run, streaming. Resolves to
 * the result and the number of inputs read at least in part (0: nothing could be read; the reasons are warnings);
 * bad input never rejects.
 */
export async function analyzePaths(paths: readonly string[], options: RunOptions = {}): Promise<RunOutcome> {
  const early: UnsaidWarning[] = [];
  const keep: Warn = (path, code, params = {}) => early.push({ path, code, params });
  const machine = options.machineFiles ? loadMachineInputs(options.machineFiles, keep) : options.machine;
  const fixIndexes = options.kbFiles?.length ? await loadFixIndexes(options.kbFiles, keep) : options.fixIndexes;
  const { inputs, problems } = await collectInputs(paths);
  const size = totalSize(inputs);
  const text = textSize(inputs);
  const skipRoutineLines = options.skipRoutineLines ?? (options.fastFromBytes !== undefined && text !== null && text >= options.fastFromBytes);
  const meter = options.meter ?? null;
  if (meter) meter.total = size;
  // One plain file or stdin is one source (an archive or a directory may hold several copies of the log).
  const oneSource = inputs.length === 1 && (inputs[0]!.kind === 'stdin' || archiveKindOf(inputs[0]!.path) === null);
  const pass = async (excluded: ReadonlyMap<string, Reason>) => {
    const analyzer = new Analyzer({ ...options, machine, fixIndexes, oneSource, rememberTexts: options.rememberTexts ?? skipRoutineLines });
    for (const w of [...early, ...problems]) analyzer.warn(w.path, w.code, w.params);
    for (const [subject, why] of excluded) analyzer.warn(subject, 'excluded', why);
    const refused = new Map<string, Reason>();
    const ctx = { meter, warn: analyzer.warn, refused, excluded: new Set(excluded.keys()) };
    const fed: string[] = [];
    // The full read of every line is the worker's bound: plain files are left to the main thread, which reads them
    // meanwhile (hosts 1 GB, --full: 31 s; 43 s with them in the worker, 30 s and 304 MB with two workers).
    const small = smallFiles(inputs, excluded, skipRoutineLines);
    const ahead = options.parallelStreams !== false ? ReadAhead.start(small, MAX_LINE_CHARS, !skipRoutineLines, meter) : null;
    try {
      for (const input of inputs) {
        // Sources of a bundle are streamed one after the other: each must be read before the next is opened.
        for await (const source of sourcesOf(input, ctx)) {
          const readAhead = ahead?.take(source.path);
          if (await feedSource(analyzer, source, { ...options, skipRoutineLines, meter: meter ?? undefined, refused, readAhead })) fed.push(source.path);
        }
      }
    } finally {
      ahead?.close();
    }
    // Refused while read: what came out before the refusal is in the analysis (a bomb is only known once it has grown).
    const contributed = [...refused.keys()].some((subject) => fed.some((path) => path === subject || path.startsWith(`${subject}:`)));
    return { analyzer, readable: fed.length, refused, contributed };
  };
  let run = await pass(new Map());
  // Once more without what was refused, so that a refused file gives nothing; standard input cannot be read twice.
  if (run.contributed && !inputs.some((i) => i.kind === 'stdin')) {
    meter?.restart();
    run = await pass(run.refused);
  }
  // The scan's threads are no longer needed: their memory goes before the result is built.
  endScanWorkers();
  // The ARM disassembler loads asynchronously: only when a report printed ARM code (see Analyzer.finish).
  if (run.analyzer.hasArmCode) await loadArmDecoder();
  return { result: run.analyzer.finish(), readable: run.readable };
}
