import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHistory } from '../../bench/kb-history.js';
import { KbError } from '../../src/kb/git.js';
import { KbIndexer } from '../../src/kb/indexer.js';
import { readFixIndex } from '../../src/kb/index-file.js';
import { scratchFolder } from '../helpers/scratch.js';

const scratch = scratchFolder('ktriage-kb-resume-');
const repo = join(scratch.dir, 'linux');
const PLAN = { commits: 3000, quoteEvery: 50, tagEvery: 1000 };

/** Runs an index, stopping it once `stopAt` commits are read (checked between git's output chunks). */
async function index(output: string, options: { resume?: boolean; stopAt?: number } = {}) {
  const indexer = new KbIndexer({ repo, output, resume: Boolean(options.resume), checkpointEvery: 100 });
  const running = indexer.index();
  if (options.stopAt !== undefined) {
    const stopAt = options.stopAt;
    const poll = () => (indexer.progress.read >= stopAt ? indexer.stop() : setImmediate(poll));
    poll();
  }
  return running;
}

beforeAll(async () => {
  await makeHistory(repo, PLAN);
});

describe('kb index: stopped and resumed', () => {
  it('indexes the generated history: every quoting commit, each with its first tag', async () => {
    const out = join(scratch.dir, 'whole.jsonl');
    expect(await index(out)).toEqual({ stopped: false, commits: 3000, entries: 60, tagged: 60, resumedAt: 0 });
    const kb = readFixIndex(out);
    // Newest first; the tags name commits 1000, 2000 and 3000, so each holds the 20 quoting commits before it.
    expect(kb.entries.map((e) => e.tag)).toEqual([...Array<string>(20).fill('v5.2'), ...Array<string>(20).fill('v5.1'), ...Array<string>(20).fill('v5.0')]);
    expect(kb.entries.at(-1)!.reports[0]).toEqual({ title: 'watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [kworker/3:1:0]', kind: 'soft-lockup', culprit: 'drv0_work', frames: ['drv0_work_loop', 'process_one_work'], signature: 'soft-lockup|drv0_work|drv0_work_loop' });
  });

  it('stops with its place saved, refuses to start over silently, and resumed writes the same index as one run', async () => {
    const out = join(scratch.dir, 'stopped.jsonl');
    const first = await index(out, { stopAt: 1000 });
    expect(first.stopped).toBe(true);
    expect(first.commits).toBeGreaterThanOrEqual(1000);
    expect(first.commits).toBeLessThan(3000);
    expect(existsSync(`${out}.partial`)).toBe(true);
    expect(existsSync(out)).toBe(false);
    await expect(index(out)).rejects.toThrow(new KbError(`${out}.partial holds the index of a stopped run: --resume continues it; delete it to start over`));
    // A run killed outright leaves lines after its last checkpoint, the last one cut: they are read again.
    appendFileSync(`${out}.partial`, '{"commit":"0123');
    const resumed = await index(out, { resume: true });
    // Resumed right after the last commit read before the stop (a stop writes a checkpoint of its own).
    expect(resumed.resumedAt).toBe(first.commits);
    expect(resumed).toMatchObject({ stopped: false, commits: 3000, entries: 60, tagged: 60 });
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(scratch.dir, 'whole.jsonl'), 'utf8'));
  });
});
