import { describe, expect, it } from 'vitest';
import { axisTicks, clockLabel, zoneText } from '../../../src/render/html/clock.js';
import { foldStacks } from '../../../src/render/html/flame.js';
import { fitText } from '../../../src/render/html/svg.js';

describe('flame graph folding', () => {
  it('merges innermost-first stacks into a call tree rooted at the outermost caller', () => {
    const root = foldStacks([
      ['spin', 'loop', 'ioctl'],
      ['wake', 'loop', 'ioctl'],
      ['spin', 'loop', 'ioctl'],
      ['read', 'syscall'],
    ]);
    expect(root.count).toBe(4);
    expect(root.children.map((c) => [c.name, c.count])).toEqual([['ioctl', 3], ['syscall', 1]]);
    const loop = root.children[0]!.children[0]!;
    expect(loop.name).toBe('loop');
    expect(loop.children.map((c) => [c.name, c.count])).toEqual([['spin', 2], ['wake', 1]]);
  });
});

describe('time axis', () => {
  it('places round ticks over the span', () => {
    expect(axisTicks(0, 600)).toEqual([0, 120, 240, 360, 480, 600]);
    expect(axisTicks(5, 14)).toEqual([6, 8, 10, 12, 14]);
  });

  it('labels wall-clock ticks in the logs own zone, uptime ticks in seconds', () => {
    const at = Date.parse('2022-11-12T10:15:30+08:00') / 1000;
    expect(clockLabel({ kind: 'wall', zoneMinutes: 480 }, at, false)).toBe('10:15');
    expect(clockLabel({ kind: 'wall', zoneMinutes: 480 }, at, true)).toBe('10:15:30');
    expect(clockLabel({ kind: 'uptime', zoneMinutes: 0 }, 1234.4, false)).toBe('[1234]');
    expect(zoneText({ kind: 'wall', zoneMinutes: -330 })).toBe('UTC-05:30');
  });
});

describe('text fitting', () => {
  it('cuts labels to the box with an ellipsis, or drops them', () => {
    expect(fitText('blk_set_queue_dying', 400)).toBe('blk_set_queue_dying');
    expect(fitText('blk_set_queue_dying', 66)).toBe('blk_set_q…');
    expect(fitText('blk_set_queue_dying', 5)).toBe('');
  });
});
