import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { isKernelLogName, rotationOrder } from './select.js';
import type { LogSource, SourceProblem } from './types.js';

/** Directory walks stop here so that a mistaken `/` does not read the whole disk. */
const MAX_WALK_FILES = 100_000;

export interface Collected {
  readonly sources: LogSource[];
  readonly problems: SourceProblem[];
}

function fileSource(path: string, shownAs: string, size: number, mtime: Date, hostHint: string | null): LogSource {
  const gz = /\.gz$/i.test(path);
  return {
    path: shownAs,
    hostHint,
    size: gz ? null : size,
    mtime,
    open: (): Readable => {
      const raw = createReadStream(path);
      return gz ? raw.pipe(createGunzip()) : raw;
    },
  };
}

function stdinSource(): LogSource {
  return { path: '<stdin>', hostHint: null, size: null, mtime: null, open: () => process.stdin };
}

/** Walks a directory and returns the kernel-bearing logs in it, rotated files oldest first. */
async function walk(dir: string, problems: SourceProblem[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [dir];
  while (queue.length > 0 && found.length < MAX_WALK_FILES) {
    const current = queue.shift()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: current, message: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) queue.push(full);
      else if (entry.isFile() && isKernelLogName(full)) found.push(full);
    }
  }
  return found.sort(rotationOrder);
}

/** Resolves the paths given on the command line into readable log sources. */
export async function collectSources(paths: readonly string[]): Promise<Collected> {
  const sources: LogSource[] = [];
  const problems: SourceProblem[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push(stdinSource());
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path, message: code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : `cannot read: ${code ?? String(error)}` });
      continue;
    }
    if (info.isDirectory()) {
      const files = await walk(path, problems);
      if (files.length === 0) problems.push({ path, message: 'directory holds no kernel log (messages*, kern.log*, syslog*, dmesg*, vmcore-dmesg.txt, journal*.txt, *.log)' });
      for (const file of files) {
        const fileInfo = await stat(file);
        sources.push(fileSource(file, file, fileInfo.size, fileInfo.mtime, basename(path)));
      }
    } else {
      sources.push(fileSource(path, path, info.size, info.mtime, null));
    }
  }
  return { sources, problems };
}
