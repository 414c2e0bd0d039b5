// The fix index `ktriage kb index` writes and `--kb FILE` reads: JSON Lines, a header line then one commit a line.
import { readFileSync } from 'node:fs';

export const INDEX_FORMAT = 'ktriage-fix-index';
export const INDEX_VERSION = 1;

export interface IndexHeader {
  readonly format: typeof INDEX_FORMAT;
  readonly version: number;
  /** The repository indexed and the commit the walk started from. */
  readonly repo: string;
  readonly head: string;
  readonly commits: number;
  readonly entries: number;
}

/** One commit whose message quotes a kernel report. */
export interface FixEntry {
  readonly commit: string;
  readonly subject: string;
  /** The quoted report as ktriage reads it. */
  readonly kind: string;
  readonly title: string;
  readonly culprit: string | null;
  readonly callers: readonly string[];
  readonly fixes: readonly string[];
  readonly reportedBy: readonly string[];
  readonly closes: readonly string[];
  /** The first tag that contains the commit (`git name-rev --tags`), null when none does. */
  readonly tag: string | null;
}

export interface FixIndex {
  readonly path: string;
  readonly header: IndexHeader;
  readonly entries: readonly FixEntry[];
}

function isEntry(v: unknown): v is FixEntry {
  const e = v as FixEntry;
  return typeof e === 'object' && e !== null && typeof e.commit === 'string' && typeof e.subject === 'string' && typeof e.kind === 'string' && Array.isArray(e.callers);
}

/** Reads an index; throws an Error whose message says what is wrong with it (the caller names the file). */
export function readFixIndex(path: string): FixIndex {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  let header: IndexHeader;
  try {
    header = JSON.parse(lines[0] ?? '') as IndexHeader;
  } catch {
    throw new Error(`not a ktriage fix index (its first line is not JSON); make one with \`ktriage kb index LINUX_GIT_DIR -o ${path}\``);
  }
  if (header.format !== INDEX_FORMAT) throw new Error(`not a ktriage fix index (format ${JSON.stringify(header.format)}); make one with \`ktriage kb index\``);
  if (header.version !== INDEX_VERSION) throw new Error(`fix index version ${header.version}, this ktriage reads version ${INDEX_VERSION}`);
  const entries: FixEntry[] = [];
  lines.slice(1).forEach((line, n) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${n + 2} is not JSON (a cut-off file?)`);
    }
    if (!isEntry(value)) throw new Error(`line ${n + 2} is not an index entry`);
    entries.push(value);
  });
  return { path, header, entries };
}
