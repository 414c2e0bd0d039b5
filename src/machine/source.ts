import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kernelRelativePath, relativeCandidates } from './kernel-paths.js';

export type SourceMark = 'mapped' | 'loop' | 'context';

export interface SourceExcerpt {
  /** Path inside the kernel tree, as shown. */
  readonly file: string;
  /** Where the file was found under the source directory. */
  readonly path: string;
  readonly lines: readonly { readonly line: number; readonly text: string; readonly mark: SourceMark }[];
}

/** Lines of context shown around every mapped line. */
const CONTEXT_LINES = 2;
/** Source files larger than this are not read (a kernel .c file is well below). */
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
const MAX_LINE_CHARS = 240;

/** A kernel source tree given with `--src`: finds the files debug info names and cuts excerpts. */
export class SourceTree {
  private readonly files = new Map<string, string[] | null>();

  constructor(readonly root: string) {}

  /** The file's lines, or null when it is not under the root. */
  private linesOf(file: string): string[] | null {
    if (this.files.has(file)) return this.files.get(file)!;
    let lines: string[] | null = null;
    for (const candidate of relativeCandidates(file)) {
      const path = join(this.root, candidate);
      try {
        if (!statSync(path).isFile() || statSync(path).size > MAX_SOURCE_BYTES) continue;
        lines = [path, ...readFileSync(path, 'utf8').split(/\r?\n/)];
        break;
      } catch {
        // not at this candidate path
      }
    }
    this.files.set(file, lines);
    return lines;
  }

  /**
   * The lines around `mapped` lines of `file`, with `loop` lines marked; null when the file is
   * missing under the root.
   */
  excerpt(file: string, mapped: readonly number[], loop: ReadonlySet<number> = new Set()): SourceExcerpt | null {
    const found = this.linesOf(file);
    if (!found) return null;
    const [path, ...text] = found;
    const wanted = new Set<number>();
    for (const n of [...mapped, ...loop]) {
      for (let k = n - CONTEXT_LINES; k <= n + CONTEXT_LINES; k++) if (k >= 1 && k <= text.length) wanted.add(k);
    }
    const mappedSet = new Set(mapped);
    const lines = [...wanted]
      .sort((a, b) => a - b)
      .map((line) => ({ line, text: text[line - 1]!.slice(0, MAX_LINE_CHARS), mark: (loop.has(line) ? 'loop' : mappedSet.has(line) ? 'mapped' : 'context') as SourceMark }));
    return { file: kernelRelativePath(file), path: path!, lines };
  }
}
