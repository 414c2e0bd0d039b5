import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP_BYTES } from '../../src/cli/heap.js';

/**
 * The largest young generation (`new_space`) of a process that keeps some 100,000 objects alive while it makes 2.4
 * million, yielding now and then as a run does between blocks: the bytes outliving its collections add up, as a long
 * run's do. `setup` runs first (it may call the built command's heap module: npm test builds it).
 */
function largestYoungGeneration(setup: string): number {
  const script = `${setup}
const { getHeapSpaceStatistics } = await import('node:v8');
const kept = [];
let largest = 0;
for (let i = 0; i < 2.4e6; i++) {
  kept.push({ i, text: 'line ' + i });
  if (kept.length > 200000) kept.splice(0, 100000);
  if (i % 50000 === 0) largest = Math.max(largest, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
  // (as a run awaits its blocks: the observer of collections is told between them)
  if (i % 10000 === 0) await new Promise(setImmediate);
}
console.log(largest);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return Number(r.stdout);
}

describe("the command's heap settings (src/cli/heap.ts)", () => {
  it('keep the young generation at its cap in a long run of the fast read, where V8 would double it', () => {
    const capped = largestYoungGeneration("const heap = await import('./dist/src/cli/heap.js'); heap.limitHeapGrowth(); heap.capYoungGeneration();");
    expect(capped).toBeLessThanOrEqual(YOUNG_GENERATION_CAP_BYTES);
    // (the same work left to V8: the cap is what holds it)
    expect(largestYoungGeneration('')).toBeGreaterThan(YOUNG_GENERATION_CAP_BYTES);
  });

  it('leave it to V8 for the full read (its scan workers need theirs to grow)', () => {
    expect(largestYoungGeneration("(await import('./dist/src/cli/heap.js')).limitHeapGrowth();")).toBeGreaterThan(YOUNG_GENERATION_CAP_BYTES);
  });
});
