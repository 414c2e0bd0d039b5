import { describe, expect, it } from 'vitest';
import { formatProgress, progressWanted, startProgress } from '../../src/cli/progress.js';
import { ReadMeter } from '../../src/sources/meter.js';

describe('progress bar', () => {
  it('shows bytes read of the total, the rate and the time left', () => {
    expect(formatProgress({ read: 450e6, total: 1e9, elapsedMs: 3000 })).toBe('[###########-------------]  45%  450 MB / 1.00 GB  150 MB/s  ETA 4s');
    expect(formatProgress({ read: 1e9, total: 1e9, elapsedMs: 5000 })).toMatch(/^\[#{24}\] 100% .* ETA 0s$/);
    expect(formatProgress({ read: 12e6, total: 5e9, elapsedMs: 1000 })).toMatch(/ETA 6m56s$/);
  });

  it('shows bytes and rate only when the total is unknown (stdin)', () => {
    expect(formatProgress({ read: 200e6, total: null, elapsedMs: 2000 })).toBe('200 MB read  100 MB/s');
  });

  it('counts things (kb index: commits, then tags) with their unit', () => {
    expect(formatProgress({ read: 450_000, total: 1_000_000, elapsedMs: 20_000, unit: 'commits' })).toBe('[###########-------------]  45%  450,000 / 1,000,000 commits  22,500/s  ETA 24s');
    expect(formatProgress({ read: 12_000, total: null, elapsedMs: 2000, unit: 'commits' })).toBe('12,000 commits  6,000/s');
  });

  it('draws only on a terminal and never with --quiet', () => {
    expect(progressWanted({ isTTY: true, write: () => true }, false)).toBe(true);
    expect(progressWanted({ isTTY: false, write: () => true }, false)).toBe(false);
    expect(progressWanted({ write: () => true }, false)).toBe(false);
    expect(progressWanted({ isTTY: true, write: () => true }, true)).toBe(false);
  });

  it('waits until the input proves large and slow, and erases itself when stopped', async () => {
    const meter = new ReadMeter();
    meter.total = 100 * 1024 * 1024;
    const written: string[] = [];
    let clock = 0;
    const bar = startProgress(meter, { isTTY: true, write: (t: string) => written.push(t) }, () => clock);
    await new Promise((r) => setTimeout(r, 450));
    expect(written).toEqual([]);
    clock = 2000;
    meter.add(50 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 450));
    bar.stop();
    expect(written[0]).toMatch(/^\r\[#{12}-{12}\] {2}50% {2}52\.4 MB \/ 105 MB/);
    expect(written[written.length - 1]).toBe('\r\u001b[K');
  });

  it('draws nothing for a small input', async () => {
    const meter = new ReadMeter();
    meter.total = 1024;
    const written: string[] = [];
    const bar = startProgress(meter, { isTTY: true, write: (t: string) => written.push(t) }, () => 10_000);
    await new Promise((r) => setTimeout(r, 450));
    bar.stop();
    expect(written).toEqual([]);
  });
});
