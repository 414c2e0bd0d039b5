import type { Readable } from 'node:stream';
import type { UnsaidWarning } from '../result/warnings.js';

/** One log to read: a file, a member of an archive, or stdin. */
export interface LogSource {
  /** Path shown to the user and used in evidence (`bundle.tar.gz:var/log/messages`). */
  readonly path: string;
  /** Host for lines that carry none: from a bundle or folder name. */
  readonly hostHint: string | null;
  readonly mtime: Date | null;
  /** A plain (uncompressed) file on disk, which can also be read at any offset: its path and size. */
  readonly disk?: { readonly path: string; readonly size: number };
  /** Opens the decompressed byte stream. */
  open(): Readable | Promise<Readable>;
}

/** A path that could not be used: a run warning naming it. */
export type SourceProblem = UnsaidWarning & { readonly path: string };
