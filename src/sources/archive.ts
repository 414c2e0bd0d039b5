import { finished, PassThrough, type Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { decompress, describeDecodeError, MAX_COMPRESSION_RATIO, MAX_DECOMPRESSED_BYTES } from './decompress.js';
import type { ReadMeter } from './meter.js';
import { archiveKindOf, compressionOf, hostFromBundleName, isKernelLogName, NO_KERNEL_LOG, rotationOrder, unsupportedCompression, type ArchiveKind } from './select.js';
import type { LogSource } from './types.js';

/** What reading sources needs from the run: where to count bytes and where to say what went wrong. */
export interface SourceContext {
  readonly meter: ReadMeter | null;
  warn(path: string, message: string): void;
}

/** Archives inside archives are read this deep (a tarball of node bundles), no deeper. */
const MAX_NESTING = 2;
/** Zip members listed at most; a zip with more is read up to here. */
const MAX_ZIP_ENTRIES = 100_000;

type MemberType = 'file' | 'symlink' | 'hardlink' | 'other';

/** Why a member's path is unsafe, or null: members are never written, but such names are forged. */
export function unsafeMemberReason(name: string): string | null {
  if (/^(?:[\\/]|[A-Za-z]:[\\/])/.test(name)) return 'refused: absolute path in the archive';
  if (name.split(/[\\/]/).includes('..')) return 'refused: path with ".." in the archive';
  return null;
}

/** Whether an archive member is read, skipped, or refused (with the one-line reason). */
function triage(name: string, type: MemberType): 'read' | 'skip' | { refused: string } {
  if (!isKernelLogName(name) && archiveKindOf(name) === null) return 'skip';
  if (type === 'symlink') return { refused: 'refused: symbolic link (not followed)' };
  if (type === 'hardlink') return { refused: 'refused: hard link (not followed)' };
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
  const nested = archiveKindOf(member.name);
  if (nested === 'zip') {
    ctx.warn(shown, 'a zip inside an archive is not read (zip needs random access); extract it first');
    return;
  }
  if (nested) {
    if (member.depth >= MAX_NESTING) ctx.warn(shown, `archive nested more than ${MAX_NESTING} deep: not read`);
    else yield* tarSources(shown, () => member.stream, nested, hostFromBundleName(member.name), ctx, member.depth + 1);
    return;
  }
  const compression = compressionOf(member.name);
  const stream = member.stream;
  yield {
    path: shown,
    hostHint: member.hostHint,
    mtime: member.mtime,
    open: () => (compression ? decompress(stream, compression) : stream),
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
  const input = kind === 'tar' ? raw : decompress(raw, kind === 'tar.gz' ? 'gz' : 'xz');
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
        if (verdict !== 'skip') ctx.warn(`${archive}:${name}`, verdict.refused);
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
    if (members === 0) ctx.warn(archive, `archive holds no kernel log (${NO_KERNEL_LOG})`);
  } catch (error) {
    ctx.warn(archive, `${describeDecodeError(error)}${members > 0 ? `; analyzed the ${members} member(s) before it` : ''}`);
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
function zipBombReason(entry: yauzl.Entry): string | null {
  if (entry.uncompressedSize > MAX_DECOMPRESSED_BYTES) return `refused: decompresses to more than ${MAX_DECOMPRESSED_BYTES / 1024 ** 3} GiB (size cap)`;
  if (entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)) return `refused: decompresses to more than ${MAX_COMPRESSION_RATIO} times its size (compression bomb?)`;
  return null;
}

function listZipEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length < MAX_ZIP_ENTRIES) zip.readEntry();
      else resolve(entries);
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Streams the members of a zip archive, rotated logs oldest first (zip lists its members up front). */
export async function* zipSources(path: string, hostHint: string, ctx: SourceContext): AsyncGenerator<LogSource> {
  let zip: yauzl.ZipFile;
  const { default: zipReader } = await import('yauzl');
  try {
    // Names are decoded and checked here, member by member, so that one forged name does not end the whole zip.
    zip = await zipReader.openPromise(path, { decodeStrings: false, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    ctx.warn(path, `not a readable zip archive (${(error as Error).message})`);
    return;
  }
  let members = 0;
  try {
    const named = (await listZipEntries(zip)).map((entry) => ({ entry, name: zipReader.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, false) }));
    named.sort((a, b) => rotationOrder(a.name, b.name));
    for (const { entry, name } of named) {
      const verdict = triage(name, zipMemberType(entry));
      const refusal = verdict === 'read' ? zipBombReason(entry) : verdict === 'skip' ? null : verdict.refused;
      if (refusal) ctx.warn(`${path}:${name}`, refusal);
      if (verdict !== 'read' || refusal) continue;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        ctx.warn(`${path}:${name}`, `cannot read this member (${(error as Error).message})`);
        continue;
      }
      members++;
      yield* memberSources({ archive: path, name, stream, hostHint, mtime: entry.getLastModDate(), depth: 0 }, ctx);
      stream.destroy();
    }
    if (members === 0) ctx.warn(path, `archive holds no kernel log (${NO_KERNEL_LOG})`);
  } catch (error) {
    ctx.warn(path, `corrupt zip archive (${(error as Error).message})`);
  } finally {
    zip.close();
  }
}
