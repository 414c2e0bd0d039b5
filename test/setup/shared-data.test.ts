// A fresh clone has no ../shared beside it: its tests must pass, and say once what they skipped.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

describe('tests without the shared data (a fresh clone)', () => {
  it('pass, skip the corpus tests, and say so in one line naming the files and how to get the data', () => {
    // A test file with one test that reads the corpus (case 541) and others that do not.
    const missing = join(tmpdir(), 'ktriage-no-shared-data');
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/machine/arm-decode.test.ts'], {
      encoding: 'utf8',
      env: { ...process.env, KTRIAGE_SHARED: missing, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(r.status, output).toBe(0);
    const said = output.split('\n').filter((l) => l.startsWith('ktriage tests: '));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`${missing} not found`);
    expect(said[0]).toContain('machine/arm-decode.test.ts');
    expect(said[0]).toContain('KTRIAGE_SHARED=DIR');
    expect(output).toMatch(/Tests\s+\d+ passed \| 1 skipped/);
  });
});
