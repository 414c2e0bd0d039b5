import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TIERING_FLAGS, tieringFlagsToSet } from '../../src/cli/tiering.js';

describe('tieringFlagsToSet: V8 tiering the command sets for itself', () => {
  it('sets every tiering flag when the user gave Node none of them', () => {
    expect(tieringFlagsToSet([], undefined)).toEqual(TIERING_FLAGS);
    expect(tieringFlagsToSet(['--enable-source-maps'], '--max-old-space-size=4096')).toEqual(TIERING_FLAGS);
  });

  it("leaves a flag the user gave on Node's command line or in NODE_OPTIONS to them, whatever its value", () => {
    expect(tieringFlagsToSet(['--interrupt-budget=1000'], undefined)).toEqual(['--max-inlined-bytecode-size-cumulative=200', '--wasm-tiering-budget=180000000']);
    expect(tieringFlagsToSet([], ' --max-inlined-bytecode-size-cumulative=920  --trace-gc')).toEqual(['--interrupt-budget=540672', '--wasm-tiering-budget=180000000']);
    // (V8 takes `_` for `-` in a flag's name)
    expect(tieringFlagsToSet(['--interrupt_budget=1000', '--max_inlined_bytecode_size_cumulative=9'], '--wasm_tiering_budget=5')).toEqual([]);
  });

  it('does not take a flag whose name only begins like a tiering flag for it', () => {
    expect(tieringFlagsToSet(['--interrupt-budget-for-feedback-allocation=100'], undefined)).toEqual(TIERING_FLAGS);
  });
});

describe('TIERING_FLAGS', () => {
  it("are flags this Node's V8 knows (setFlagsFromString would pass over a name it does not)", () => {
    const run = spawnSync(process.execPath, [...TIERING_FLAGS, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
