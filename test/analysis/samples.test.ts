import { describe, expect, it } from 'vitest';
import { loopBoundingFunction, ripHistogram, type Sample } from '../../src/analysis/samples.js';
import { irqEnableBeforeMarker } from '../../src/analysis/irq.js';
import { parseCodeLine } from '../../src/reports/body.js';
import type { Frame } from '../../src/reports/types.js';
import type { LogLine } from '../../src/lines/types.js';

const at: LogLine = { path: 'l', lineNo: 1, text: '', host: null, time: null, epochMs: null, uptime: null, kernel: true, tag: null, caller: null };
const f = (name: string, offset = '0x1'): Frame => ({ address: null, function: name, offset, size: '0x10', module: null, reliable: true, context: null });
const sample = (names: string[], withStack = true): Sample => ({ line: at, rip: f(names[0]!), stack: withStack ? names.map((n) => f(n)) : [], stuckSeconds: 22 });

describe('loopBoundingFunction', () => {
  it('is the deepest function every sample passes through', () => {
    const samples = [
      sample(['_raw_spin_unlock_irqrestore', '__wake_up', 'blk_set_queue_dying', '__dm_destroy', 'dm_ctl_ioctl']),
      sample(['blk_set_queue_dying', '__dm_destroy', 'dm_ctl_ioctl']),
      sample(['_raw_spin_lock_irqsave', '__wake_up', 'blk_set_queue_dying', '__dm_destroy', 'dm_ctl_ioctl']),
    ];
    expect(loopBoundingFunction(samples)).toBe('blk_set_queue_dying');
  });

  it('uses RIP-only samples to narrow the bound through the callers seen in full samples', () => {
    const samples = [sample(['_raw_spin_unlock_irqrestore', '__wake_up', 'blk_set_queue_dying', 'ioctl']), sample(['blk_set_queue_dying'], false), sample(['unknown_fn'], false)];
    expect(loopBoundingFunction(samples)).toBe('blk_set_queue_dying');
  });

  it('looks past a helper that returns at once (a wake-up, an unlock) when every sample passes through it', () => {
    const samples = [
      sample(['_raw_spin_unlock_irqrestore', '__wake_up', 'blk_set_queue_dying', '__dm_destroy']),
      sample(['_raw_spin_lock_irqsave', '__wake_up', 'blk_set_queue_dying', '__dm_destroy']),
    ];
    expect(loopBoundingFunction(samples)).toBe('blk_set_queue_dying');
    // A CPU spinning inside a lock is bounded by the lock function itself.
    expect(loopBoundingFunction([sample(['native_queued_spin_lock_slowpath', '_raw_spin_lock', 'f']), sample(['native_queued_spin_lock_slowpath', '_raw_spin_lock', 'f'])])).toBe('native_queued_spin_lock_slowpath');
  });

  it('is null without any stack', () => {
    expect(loopBoundingFunction([sample(['a'], false)])).toBeNull();
  });
});

describe('ripHistogram', () => {
  it('counts function+offset, most frequent first, ties in order of appearance', () => {
    const s = (fn: string, off: string): Sample => ({ line: at, rip: f(fn, off), stack: [], stuckSeconds: null });
    expect(ripHistogram([s('b', '0x2'), s('a', '0x1'), s('a', '0x1'), s('c', '0x3')])).toEqual([
      { function: 'a', offset: '0x1', count: 2 },
      { function: 'b', offset: '0x2', count: 1 },
      { function: 'c', offset: '0x3', count: 1 },
    ]);
  });
});

describe('interrupt re-enable point in Code:', () => {
  it.each([
    ['Code: 48 89 f7 57 9d <0f> 1f 44 00 00', 'popf'],
    ['Code: e8 ad d2 8e f8 fb bf 01 00 00 00 <e8> 82', null],
    ['Code: 90 fb <f4> c3', 'sti'],
    ['Code: a9bf7bfd 910003fd (f9000f80)', null],
  ])('%s', (code, expected) => {
    expect(irqEnableBeforeMarker(parseCodeLine(code))).toBe(expected);
  });
});
