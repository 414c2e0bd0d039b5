import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { analyzePaths } from '../../src/run.js';
import type { Result } from '../../src/result/schema.js';

/** Whether `xz` is installed (the tests that make .xz files need it). */
export const hasXz = spawnSync('xz', ['--version']).status === 0;

/** A folder for one test file's inputs, removed after its tests, and a writer of files in it (folders made). */
export function scratchFolder(prefix: string): { dir: string; write(name: string, content: Buffer | string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
  };
}

/** The result of analyzing paths as the CLI does, with a fixed "now" (log years are inferred from it). */
export async function analyzeAt(now: () => Date, ...paths: string[]): Promise<Result> {
  return (await analyzePaths(paths, { now })).result;
}
