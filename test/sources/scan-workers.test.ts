import { afterEach, describe, expect, it } from 'vitest';
import type * as ScanWorkers from '../../src/sources/scan-workers.js';

// The built module: its workers' script (dist/src/sources/prescan-worker.js) is there, not beside the sources.
const { endScanWorkers, scanWorkers, workersLoaded, WORKER_LOADED } = (await import(new URL('../../dist/src/sources/scan-workers.js', import.meta.url).href)) as typeof ScanWorkers;

describe('workersLoaded: the command sets its V8 flags once the scan workers have loaded (src/cli/main.ts)', () => {
  afterEach(() => endScanWorkers());

  it('resolves once each started worker has posted that its modules are loaded', async () => {
    const workers = scanWorkers(false, 2)!;
    expect(workers).toHaveLength(2);
    const said: unknown[] = [];
    workers[0]!.on('message', (message) => said.push(message));
    await workersLoaded(workers);
    // (the listener above came after the worker's start: it may or may not have heard the message, never another)
    expect(said.every((message) => message === WORKER_LOADED)).toBe(true);
  });

  it('waits no longer than it is told for a worker still loading, and by default until it has loaded', async () => {
    const workers = scanWorkers(false, 1)!;
    let loaded = false;
    workers[0]!.on('message', (message) => {
      if (message === WORKER_LOADED) loaded = true;
    });
    // (a timer of no time runs before a worker that is loading its modules can say it has)
    await workersLoaded(workers, 0);
    expect(loaded).toBe(false);
    await workersLoaded(workers);
    expect(loaded).toBe(true);
  });

  it('does not wait for a worker that ended before it loaded', async () => {
    const workers = scanWorkers(false, 1)!;
    void workers[0]!.terminate();
    await workersLoaded(workers);
    // (-1: the thread is gone; it never said it loaded, and was not waited for)
    expect(workers[0]!.threadId).toBe(-1);
  });
});
