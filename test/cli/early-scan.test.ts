import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS_READING_NO_LOG, earlyScan, regularFileSize } from '../../src/cli/early-scan.js';
import { buildProgram } from '../../src/cli/command.js';
import { PARALLEL_SCAN_MIN_BYTES } from '../../src/sources/scan-workers.js';

const MB = 1 << 20;
/** Sizes of made-up paths: anything else is no regular file. */
const sizes: Readonly<Record<string, number>> = { 'big.log': 100 * MB, 'mid.log': 40 * MB, 'small.log': MB, 'edge.log': PARALLEL_SCAN_MIN_BYTES };
const sizeOf = (path: string): number | null => sizes[path] ?? null;

describe('the scan workers started before the command loads (src/cli/early-scan.ts)', () => {
  it.each([
    // A large file: the fast read's heap from FAST_FROM_BYTES of input on, the full read's below it or with --full.
    [['big.log'], { everyLine: false }],
    [['analyze', '-f', 'json', 'big.log'], { everyLine: false }],
    [['big.log', '--full'], { everyLine: true }],
    [['mid.log'], { everyLine: true }],
    [['mid.log', '--fast'], { everyLine: false }],
    [['mid.log', 'mid.log'], { everyLine: false }],
    [['edge.log'], { everyLine: true }],
    [['ingest', '--db', 'x.db', 'big.log'], { everyLine: false }],
    // No file the workers read: small files, none at all, standard input, a command that reads no log, help and version.
    [['small.log', 'small.log'], null],
    [['nothing-here.log'], null],
    [[], null],
    [['-'], null],
    [['eval', 'big.log'], null],
    [['kb', 'index', 'big.log'], null],
    [['big.log', '--help'], null],
    [['-V'], null],
  ])('%j -> %j', (args, expected) => {
    expect(earlyScan(args, sizeOf)).toEqual(expected);
  });

  it('knows every command that reads no log: all but analyze and ingest', () => {
    const names = buildProgram().commands.map((command) => command.name());
    expect(names).toEqual(expect.arrayContaining(['analyze', 'ingest']));
    expect(new Set([...names.filter((name) => name !== 'analyze' && name !== 'ingest'), 'help'])).toEqual(COMMANDS_READING_NO_LOG);
  });

  it('reads sizes of regular files only, and of nothing it cannot look at', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktriage-early-'));
    try {
      writeFileSync(join(dir, 'a.log'), 'x'.repeat(1000));
      expect(regularFileSize(join(dir, 'a.log'))).toBe(1000);
      expect(regularFileSize(dir)).toBeNull();
      expect(regularFileSize(join(dir, 'none.log'))).toBeNull();
      // (a path through a file: ENOTDIR, as EACCES for a user who may not look into a folder)
      expect(regularFileSize(join(dir, 'a.log', 'b.log'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
