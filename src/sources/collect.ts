import { createReadStream } from 'node:fs';
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { tarSources, zipSources, type SourceContext } from './archive.js';
import { decompress } from './decompress.js';
import { archiveKindOf, compressionOf, hostFromBundleName, isKernelLogName, NO_KERNEL_LOG, rotationOrder, unsupportedCompression } from './select.js';
import type { Reason } from '../result/warnings.js';
import type { LogSource, SourceProblem } from './types.js';

/** Directory walks stop here so that a mistaken `/` does not read the whole disk. */
const MAX_WALK_FILES = 100_000;

/** A file on disk (a log, a compressed log or a bundle) or stdin, as named on the command line or found in a directory. */
export type Input =
  | { readonly kind: 'file'; readonly path: string; readonly size: number; readonly mtime: Date; readonly hostHint: string | null }
  | { readonly kind: 'stdin' };

export interface Collected {
  readonly inputs: Input[];
  readonly problems: SourceProblem[];
}

/** Walks a directory for kernel-bearing logs and bundles; each folder's rotated files oldest first. */
async function walk(dir: string, problems: SourceProblem[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [dir];
  while (queue.length > 0 && found.length < MAX_WALK_FILES) {
    const current = queue.shift()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: current, code: 'directory-unreadable', params: { errno: (error as NodeJS.ErrnoException).code ?? String(error) } });
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) queue.push(full);
      else if (entry.isFile() && (archiveKindOf(full) !== null || isKernelLogName(full))) found.push(full);
    }
  }
  return found.sort((a, b) => (dirname(a) === dirname(b) ? rotationOrder(a, b) : dirname(a) < dirname(b) ? -1 : 1));
}

/**
 * Host hints for the files of a directory: a directory of several hosts' folders or bundles names each
 * file's host by its top-level folder or bundle; otherwise the directory itself names the host.
 */
function hostHints(dir: string, files: readonly string[]): Map<string, string> {
  const tops = files.map((f) => relative(dir, f).split(sep));
  const folders = new Set(tops.filter((parts) => parts.length > 1).map((parts) => parts[0]!));
  const bundles = tops.filter((parts) => parts.length === 1 && archiveKindOf(parts[0]!) !== null).length;
  const severalHosts = folders.size + bundles >= 2;
  return new Map(
    files.map((file, i) => {
      const parts = tops[i]!;
      if (severalHosts && parts.length > 1) return [file, hostFromBundleName(parts[0]!)];
      return [file, archiveKindOf(file) !== null ? hostFromBundleName(file) : basename(dir)];
    }),
  );
}

function errnoReason(error: unknown): Reason {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? { reason: 'no-such-file-or-directory' } : code === 'EACCES' ? { reason: 'permission-denied' } : { reason: 'errno', errno: code ?? String(error) };
}

/** Resolves the paths given on the command line into the files (and stdin) to read. */
export async function collectInputs(paths: readonly string[]): Promise<Collected> {
  const inputs: Input[] = [];
  const problems: SourceProblem[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ kind: 'stdin' });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ path, code: 'not-read', params: errnoReason(error) });
      continue;
    }
    // A device (/dev/zero, a disk) is no log and may never end; pipes stay allowed (`<(zcat log.gz)`).
    if (info.isCharacterDevice() || info.isBlockDevice() || info.isSocket()) {
      problems.push({ path, code: 'not-a-file', params: {} });
      continue;
    }
    if (!info.isDirectory()) {
      inputs.push({ kind: 'file', path, size: info.size, mtime: info.mtime, hostHint: archiveKindOf(path) !== null ? hostFromBundleName(path) : null });
      continue;
    }
    const files = await walk(path, problems);
    if (files.length === 0) problems.push({ path, code: 'directory-without-log', params: { names: NO_KERNEL_LOG } });
    const hints = hostHints(path, files);
    for (const file of files) {
      try {
        const fileInfo = await stat(file);
        inputs.push({ kind: 'file', path: file, size: fileInfo.size, mtime: fileInfo.mtime, hostHint: hints.get(file) ?? null });
      } catch (error) {
        problems.push({ path: file, code: 'not-read', params: errnoReason(error) });
      }
    }
  }
  return { inputs, problems };
}

/** Where a file written at `path` lands: symbolic links followed, dangling ones too (writing creates their target). */
async function writtenPath(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // (not there yet, or a dangling link)
  }
  const link = await readlink(path).catch(() => null);
  if (link !== null && hops < 40) return writtenPath(resolve(dirname(path), link), hops + 1);
  const parent = await realpath(dirname(path)).catch(() => resolve(dirname(path)));
  return join(parent, basename(path));
}

/**
 * Why the report must not be written to `output`, or null: it is one of the inputs (by any name: a symbolic or hard
 * link to it included), or lies in an input directory under a name the walk reads as a log (the report would replace
 * a log, or be read as one by the next run).
 */
export async function outputClash(output: string, paths: readonly string[]): Promise<string | null> {
  const target = await writtenPath(output);
  const existing = await stat(target).catch(() => null);
  const { inputs } = await collectInputs(paths);
  for (const input of inputs) {
    if (input.kind !== 'file' || !existing) continue;
    const info = await stat(input.path).catch(() => null);
    if (info && info.ino === existing.ino && info.dev === existing.dev) return `is the input ${input.path}: the report would overwrite it`;
  }
  for (const path of paths) {
    if (path === '-' || !(await stat(path).catch(() => null))?.isDirectory()) continue;
    const inside = relative(await realpath(path), target);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) && (isKernelLogName(target) || archiveKindOf(target) !== null)) {
      return `lies in the input directory ${path} under a log's name: the report would be read as a log`;
    }
  }
  return null;
}

/** Total bytes on disk to read, for progress; null when stdin is among the inputs. */
export function totalSize(inputs: readonly Input[]): number | null {
  let total = 0;
  for (const input of inputs) {
    if (input.kind === 'stdin') return null;
    total += input.size;
  }
  return total;
}

/** What compressed logs and bundles hold, for every byte of theirs: syslog text packs at least this tightly. */
const COMPRESSED_TEXT_RATIO = 8;

/** About how many bytes of text the inputs hold (compressed ones: COMPRESSED_TEXT_RATIO times their size); null for stdin. */
export function textSize(inputs: readonly Input[]): number | null {
  let total = 0;
  for (const input of inputs) {
    if (input.kind === 'stdin') return null;
    total += compressionOf(input.path) !== null || archiveKindOf(input.path) !== null ? input.size * COMPRESSED_TEXT_RATIO : input.size;
  }
  return total;
}

function openDisk(path: string, ctx: SourceContext): Readable {
  // Default 64 KiB reads: larger chunks wait longer for the garbage collector and raise peak memory with input size.
  const stream = createReadStream(path);
  ctx.meter?.watch(stream);
  return stream;
}

/** The log sources of one input: the file itself (decompressed), or the members of a bundle. */
export async function* sourcesOf(input: Input, ctx: SourceContext): AsyncGenerator<LogSource> {
  if (input.kind === 'stdin') {
    yield { path: '<stdin>', hostHint: null, mtime: null, open: () => process.stdin };
    return;
  }
  const { path, hostHint } = input;
  if (ctx.excluded?.has(path)) return;
  const archive = archiveKindOf(path);
  if (archive === 'zip') {
    yield* zipSources(path, input.size, hostHint ?? hostFromBundleName(path), ctx);
    ctx.meter?.add(input.size);
    return;
  }
  if (archive) {
    yield* tarSources(path, () => openDisk(path, ctx), archive, hostHint ?? hostFromBundleName(path), ctx);
    return;
  }
  const unsupported = unsupportedCompression(path);
  if (unsupported) {
    ctx.warn(path, 'not-read', unsupported);
    return;
  }
  const compression = compressionOf(path);
  yield {
    path,
    hostHint,
    mtime: input.mtime,
    ...(compression ? {} : { disk: { path, size: input.size } }),
    open: () => (compression ? decompress(openDisk(path, ctx), compression, path) : openDisk(path, ctx)),
  };
}
