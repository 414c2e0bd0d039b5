import { finished, PassThrough, type Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { decompress, describeDecodeError, RefusedError, MAX_COMPRESSION_RATIO, MAX_DECOMPRESSED_BYTES, RATIO_FLOOR_BYTES } from './decompress.js';
import type { ReadMeter } from './meter.js';
import { archiveKindOf, compressionOf, hostFromBundleName, isKernelLogName, NO_KERNEL_LOG, rotationOrder, unsupportedCompression, type ArchiveKind } from './select.js';
import type { Reason, Warn } from '../result/warnings.js';
import type { LogSource } from './types.js';

/** What reading sources needs from the run: where to count bytes and where to say what went wrong. */
export interface SourceContext {
  readonly meter: ReadMeter | null;
  readonly warn: Warn;
  /** Files, members and archives refused while read (RefusedError.subject -> why), filled as they are met. */
  readonly refused?: Map<string, Reason>;
  /** Files, members and archives not to read at all: refused in an earlier pass (see analyzePaths). */
  readonly excluded?: ReadonlySet<string>;
}

/** Archives inside archives are read this deep (a tarball of node bundles), no deeper. */
const MAX_NESTING = 2;
/** Zip members listed at most; a zip with more is read up to here. */
const MAX_ZIP_ENTRIES = 100_000;

type MemberType = 'file' | 'symlink' | 'hardlink' | 'other';

/** Why a member's path is unsafe, or null: members are never written, but such names are forged. */
export function unsafeMemberReason(name: string): Reason | null {
  if (/^(?:[\\/]|[A-Za-z]:[\\/])/.test(name)) return { reason: 'absolute-path' };
  if (name.split(/[\\/]/).includes('..')) return { reason: 'dotdot-path' };
  return null;
}

/** Whether an archive member is read, skipped, or refused (with the one-line reason). */
function triage(name: string, type: MemberType): 'read' | 'skip' | { refused: Reason } {
  if (!isKernelLogName(name) && archiveKindOf(name) === null) return 'skip';
  if (type === 'symlink') return { refused: { reason: 'symlink' } };
  if (type === 'hardlink') return { refused: { reason: 'hardlink' } };
  if (type !== 'file') return 'skip';
  const unsafe = unsafeMemberReason(name) ?? unsupportedCompression(name);
  return unsafe ? { refused: unsafe } : 'read';
}

interface Member {
  readonly archive: string;
  readonly name: string;
  readonly stream: Readable;
  readonly hostHint: string | null;
  readonly mtime: Date | null;
  readonly depth: number;
}

/** The log sources in one archive member: itself (decompressed if need be), or the members of a nested archive. */
async function* memberSources(member: Member, ctx: SourceContext): AsyncGenerator<LogSource> {
  const shown = `${member.archive}:${member.name}`;
  if (ctx.excluded?.has(shown)) return;
  const nested = archiveKindOf(member.name);
  if (nested === 'zip') {
    ctx.warn(shown, 'nested-zip');
    return;
  }
  if (nested) {
    if (member.depth >= MAX_NESTING) ctx.warn(shown, 'archive-too-deep', { max: MAX_NESTING });
    else yield* tarSources(shown, () => member.stream, nested, hostFromBundleName(member.name), ctx, member.depth + 1);
    return;
  }
  const compression = compressionOf(member.name);
  const stream = member.stream;
  yield {
    path: shown,
    hostHint: member.hostHint,
    mtime: member.mtime,
    open: () => (compression ? decompress(stream, compression, shown) : stream),
  };
}

function waitDrain(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Copies a tar entry into a Node stream with backpressure. The entry is always read to its end (the
 * tar stream cannot go on otherwise); once the reader has let go of `out`, the rest is skipped over.
 * False when the entry could not be read to its end (a truncated or corrupt archive).
 */
async function pump(entry: AsyncIterable<unknown>, out: PassThrough): Promise<boolean> {
  try {
    for await (const chunk of entry) {
      if (out.destroyed) continue;
      if (!out.write(chunk)) await waitDrain(out);
    }
    out.end();
    return true;
  } catch (error) {
    // The tar stream fails too and reports it; the reader of this member sees the error here.
    out.destroy(error as Error);
    return false;
  }
}

const ignore = () => undefined;

const TAR_TYPES: Readonly<Record<string, MemberType>> = { file: 'file', 'contiguous-file': 'file', symlink: 'symlink', link: 'hardlink' };

/**
 * Streams the members of a tar (optionally gzip/xz-compressed) archive; nothing is written to disk. The archive is
 * opened only once its reader is ready: every error of the file, the decompressor or the tar reader, even one raised
 * before the first byte, ends the member loop with a one-line warning (never a stream nobody listens to).
 */
export async function* tarSources(archive: string, open: () => Readable, kind: Exclude<ArchiveKind, 'zip'>, hostHint: string, ctx: SourceContext, depth = 0): AsyncGenerator<LogSource> {
  // The archive readers are loaded with the first archive: a run over plain logs starts without them.
  const { default: tar } = await import('tar-stream');
  const extract = tar.extract();
  const raw = open();
  const input = kind === 'tar' ? raw : decompress(raw, kind === 'tar.gz' ? 'gz' : 'xz', archive);
  // `finished` also reports a stream that failed or closed before this line: pipe() alone would then wait forever.
  finished(input, (error) => {
    if (error) extract.destroy(error);
  });
  input.pipe(extract);
  let members = 0;
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      const verdict = triage(name, TAR_TYPES[type ?? 'file'] ?? 'other');
      if (verdict !== 'read') {
        if (verdict !== 'skip') ctx.warn(`${archive}:${name}`, 'not-read', verdict.refused);
        entry.resume();
        continue;
      }
      const out = new PassThrough();
      // A failing member is reported by its reader (who sees the error too) and by the loop below, not as an uncaught error.
      out.on('error', ignore);
      const pumping = pump(entry, out);
      yield* memberSources({ archive, name, stream: out, hostHint, mtime: entry.header.mtime ?? null, depth }, ctx);
      out.destroy();
      if (await pumping) members++;
    }
    if (members === 0) ctx.warn(archive, 'archive-without-log', { names: NO_KERNEL_LOG });
  } catch (error) {
    if (error instanceof RefusedError) ctx.refused?.set(error.subject, error.why);
    ctx.warn(archive, 'archive-failed', { ...describeDecodeError(error), members });
  } finally {
    input.destroy();
  }
}

function zipMemberType(entry: yauzl.Entry): MemberType {
  const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (mode === 0o120000) return 'symlink';
  return entry.fileName.toString().endsWith('/') ? 'other' : 'file';
}

/** Why a zip member is refused before reading it: its declared sizes already say it is a bomb. */
function zipBombReason(entry: yauzl.Entry): Reason | null {
  if (entry.uncompressedSize > MAX_DECOMPRESSED_BYTES) return { reason: 'size-cap', limitBytes: MAX_DECOMPRESSED_BYTES };
  if (entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)) return { reason: 'compression-bomb', ratio: MAX_COMPRESSION_RATIO };
  return null;
}

/** The first MAX_ZIP_ENTRIES members of a zip, and whether it lists more. */
/**
 * Members whose data overlap another's: a zip's directory can point many members at one body (a bomb that reads
 * one compressed body thousands of times). A member's data takes at least its 30-byte local header and its compressed size.
 */
function overlappingMembers(entries: readonly yauzl.Entry[]): Set<yauzl.Entry> {
  const overlapping = new Set<yauzl.Entry>();
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let reach = -1;
  let owner: yauzl.Entry | null = null;
  for (const entry of byOffset) {
    if (owner && entry.relativeOffsetOfLocalHeader < reach) overlapping.add(entry).add(owner);
    const end = entry.relativeOffsetOfLocalHeader + 30 + entry.compressedSize;
    if (end > reach) [reach, owner] = [end, entry];
  }
  return overlapping;
}

/** Bytes one archive may decompress to in all: 1000 times its size (never under 8 MiB, never over 64 GiB). */
export function archiveBudget(size: number): number {
  return Math.min(MAX_DECOMPRESSED_BYTES, Math.max(RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO * size));
}

function listZipEntries(zip: yauzl.ZipFile): Promise<{ entries: yauzl.Entry[]; more: boolean }> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length < MAX_ZIP_ENTRIES) zip.readEntry();
      else resolve({ entries, more: zip.entryCount > MAX_ZIP_ENTRIES });
    });
    zip.on('end', () => resolve({ entries, more: false }));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Streams the members of a zip archive, rotated logs oldest first (zip lists its members up front). */
export async function* zipSources(path: string, size: number, hostHint: string, ctx: SourceContext): AsyncGenerator<LogSource> {
  let zip: yauzl.ZipFile;
  const { default: zipReader } = await import('yauzl');
  try {
    // Names are decoded and checked here, member by member, so that one forged name does not end the whole zip.
    zip = await zipReader.openPromise(path, { decodeStrings: false, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    ctx.warn(path, 'zip-unreadable', { detail: (error as Error).message });
    return;
  }
  let members = 0;
  try {
    const { entries, more } = await listZipEntries(zip);
    if (more) ctx.warn(path, 'zip-too-many-members', { members: zip.entryCount, max: MAX_ZIP_ENTRIES });
    const named = entries.map((entry) => ({ entry, name: zipReader.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, false) }));
    named.sort((a, b) => rotationOrder(a.name, b.name));
    const verdicts = named.map(({ entry, name }) => triage(name, zipMemberType(entry)));
    const overlapping = overlappingMembers(named.filter((_, i) => verdicts[i] === 'read').map((m) => m.entry));
    if (overlapping.size > 0) {
      const names = named.filter((m) => overlapping.has(m.entry)).map((m) => m.name);
      // The first three are named (name1..name3), the count says how many there are.
      ctx.warn(path, 'zip-overlapping-members', { count: names.length, ...Object.fromEntries(names.slice(0, 3).map((name, n) => [`name${n + 1}`, name])) });
    }
    // Declared sizes are held to (validateEntrySizes): their sum bounds what the archive gives.
    let budget = archiveBudget(size);
    for (const [i, { entry, name }] of named.entries()) {
      const verdict = verdicts[i]!;
      if (overlapping.has(entry)) continue;
      let refusal = verdict === 'read' ? zipBombReason(entry) : verdict === 'skip' ? null : verdict.refused;
      if (verdict === 'read' && !refusal && entry.uncompressedSize > budget) refusal = { reason: 'archive-budget', limitBytes: archiveBudget(size), ratio: MAX_COMPRESSION_RATIO };
      if (refusal) ctx.warn(`${path}:${name}`, 'not-read', refusal);
      if (verdict !== 'read' || refusal) continue;
      budget -= entry.uncompressedSize;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        ctx.warn(`${path}:${name}`, 'member-unreadable', { detail: (error as Error).message });
        continue;
      }
      members++;
      yield* memberSources({ archive: path, name, stream, hostHint, mtime: entry.getLastModDate(), depth: 0 }, ctx);
      stream.destroy();
    }
    if (members === 0 && overlapping.size === 0) ctx.warn(path, 'archive-without-log', { names: NO_KERNEL_LOG });
  } catch (error) {
    ctx.warn(path, 'zip-corrupt', { detail: (error as Error).message });
  } finally {
    zip.close();
  }
}
