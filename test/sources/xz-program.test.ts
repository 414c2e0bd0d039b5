// The xz program decodes .xz text when it is on PATH (src/sources/xz-program.ts): found on PATH once, set aside with
// KTRIAGE_XZ=builtin, and its failures read from its messages into the same reasons the WebAssembly decoder gives.
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { xzByProgram, XzProgramError, xzProgram, xzProgramReason } from '../../src/sources/xz-program.js';
import { hasXz } from '../helpers/scratch.js';

describe('finding the xz program', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-xz-path-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'xz-folder', 'xz'), { recursive: true });
  writeFileSync(join(bin, 'xz'), '#!/bin/sh\n');
  chmodSync(join(bin, 'xz'), 0o755);
  writeFileSync(join(dir, 'not-executable-xz'), '');

  it('takes the first executable file named xz on PATH, passing over folders and empty entries', () => {
    expect(xzProgram({ PATH: `:${join(dir, 'xz-folder')}:${bin}` })).toBe(join(bin, 'xz'));
  });

  it('is none without one on PATH, or with KTRIAGE_XZ=builtin', () => {
    expect(xzProgram({ PATH: join(dir, 'xz-folder') })).toBeNull();
    expect(xzProgram({ PATH: '' })).toBeNull();
    expect(xzProgram({ PATH: bin, KTRIAGE_XZ: 'builtin' })).toBeNull();
  });
});

describe('the reasons of its failures', () => {
  it('reads xz 5\'s messages (C locale) into the reasons the WebAssembly decoder gives', () => {
    const cases: [string, string][] = [
      ['xz: (stdin): File format not recognized\n', 'xz-not-xz'],
      ['xz: (stdin): Unexpected end of input\n', 'xz-truncated'],
      ['xz: (stdin): Compressed data is corrupt\n', 'xz-corrupt'],
      ['xz: (stdin): Unsupported options\n', 'xz-options'],
      ['xz: (stdin): Memory usage limit reached\nxz: 97 MiB of memory is required. The limit is 65 MiB.\n', 'xz-dictionary'],
      ['xz: (stdin): Cannot allocate memory\n', 'xz-memory'],
    ];
    for (const [said, reason] of cases) expect(xzProgramReason(said, 'exit status 1').reason, said).toBe(reason);
    expect(xzProgramReason('xz: (stdin): Memory usage limit reached\n', 'exit status 1')).toEqual({ reason: 'xz-dictionary', limitBytes: 64 * 1024 ** 2 });
  });

  it('gives an unknown message as it is, and the exit status when there is none', () => {
    expect(xzProgramReason('xz: (stdin): Something new\n', 'exit status 1')).toEqual({ reason: 'error', detail: 'xz: Something new' });
    expect(xzProgramReason('', 'killed by SIGKILL')).toEqual({ reason: 'error', detail: 'xz killed by SIGKILL' });
  });

  it.skipIf(!hasXz)('surfaces on the text stream after the text decoded before it', async () => {
    const program = xzProgram()!;
    const pieces: Buffer[] = [];
    const failure = await (async () => {
      try {
        for await (const piece of xzByProgram(Readable.from([Buffer.from('plain text, not xz\n')]), program)) pieces.push(piece as Buffer);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(XzProgramError);
    expect((failure as XzProgramError).why).toEqual({ reason: 'xz-not-xz' });
    expect(pieces).toEqual([]);
  });
});
