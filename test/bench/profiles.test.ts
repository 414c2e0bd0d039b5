// The bench's profiles (bench/profiles.ts), written small: every planted incident is found, and the fast read (the
// scan and the templating in worker threads: the worker script exists only in the build, so this runs the built
// `analyzePaths`) gives the same incidents and notable events as the full read; the full read with every line taken
// through the workers gives the result of the full read line by line. Counted, not timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIncidents, sameNotableEvents } from '../../bench/check.js';
import { PROFILES, type Profile } from '../../bench/profiles.js';
import type { Result } from '../../src/result/schema.js';
import type * as Run from '../../src/run.js';

const built = (await import(new URL('../../dist/src/run.js', import.meta.url).href)) as typeof Run;

const dir = mkdtempSync(join(tmpdir(), 'ktriage-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text per profile: a few blocks of the parallel scan (1 MiB each), so that blocks meet reports and repeats. */
const BYTES = 3_000_000;
/** Logs of a profile of many (the hosts' directory) written: each then has rotated files long enough for the fast read to start (200 lines). */
const LOGS = 4;

/** The generator's options of a profile at BYTES: a profile of many logs as its first LOGS, sharing BYTES. */
const smallOptions = (profile: Profile) => {
  const all = profile.options(BYTES);
  return all.length <= LOGS ? all : all.slice(0, LOGS).map((o) => ({ ...o, bytes: BYTES / LOGS }));
};

const notable = (r: Result) => r.events.filter((e) => e.notable);

describe('bench profiles, small: planted incidents found, the fast read as the full one, the full read threaded as line by line', () => {
  it.each(PROFILES.map((p) => [p.name, p] as const))('%s', async (_name, profile) => {
    const path = profile.path(dir, profile.name);
    const plan = await profile.write(path, smallOptions(profile));
    const options = { now: () => new Date('2022-11-20T00:00:00Z'), year: 2022, parallelScanMinBytes: 0 };
    const { result: full } = await built.analyzePaths([path], { ...options, skipRoutineLines: false });
    const { result: fast } = await built.analyzePaths([path], { ...options, skipRoutineLines: true });
    const { result: byLine } = await built.analyzePaths([path], { ...options, skipRoutineLines: false, parallelScanMinBytes: Number.POSITIVE_INFINITY, parallelStreams: false });
    expect(full).toEqual(byLine);
    for (const result of [full, fast]) expect(checkIncidents(plan, result).kinds.filter((k) => k.checked && k.planted !== k.found)).toEqual([]);
    expect(fast.incidents).toEqual(full.incidents);
    expect(notable(fast)).toEqual(notable(full));
    expect(sameNotableEvents(fast, full)).toBe(true);
    expect(notable(fast).reduce((n, e) => n + e.count, 0)).toBeGreaterThan(0);
    expect(fast.inputs.reduce((n, i) => n + i.linesPassedOver, 0)).toBeGreaterThan(0);
  });
});
