import { describe, expect, it } from 'vitest';
import { axisTicks, clockLabel, crossesMidnightOn, zoneText } from '../../../src/time/axis.js';
import { crossesMidnight, roundedRange, shortTime } from '../../../src/time/format.js';
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

  it('dates the labels of an axis that crosses midnight in the logs zone', () => {
    const wall = { kind: 'wall', zoneMinutes: 480 } as const;
    const evening = Date.parse('2022-11-12T23:30:00+08:00') / 1000;
    const midnight = Date.parse('2022-11-13T00:00:00+08:00') / 1000;
    expect(crossesMidnightOn(wall, evening, midnight)).toBe(true);
    // 23:30 and 23:59 UTC are 07:30 and 07:59 the next day in +08:00: no midnight between them there.
    expect(crossesMidnightOn(wall, Date.parse('2022-11-12T23:30:00Z') / 1000, Date.parse('2022-11-12T23:59:00Z') / 1000)).toBe(false);
    expect(clockLabel(wall, evening, false, true)).toBe('11-12 23:30');
    expect(clockLabel(wall, midnight, false, true)).toBe('11-13');
    expect(crossesMidnightOn({ kind: 'uptime', zoneMinutes: 0 }, 0, 200_000)).toBe(false);
  });
});

describe('times in tables and sentences', () => {
  it('carry their date when told, an uptime stays an uptime', () => {
    expect(shortTime('2022-11-12T10:10:59+08:00', null)).toBe('10:10:59');
    expect(shortTime('2022-11-12T10:10:59+08:00', null, true)).toBe('11-12 10:10:59');
    expect(shortTime(null, 1234.5, true)).toBe('[1234.50]');
    expect(crossesMidnight('2022-11-12T23:59:59+08:00', '2022-11-13T00:00:01+08:00')).toBe(true);
    expect(crossesMidnight('2022-11-12T10:00:00+08:00', '2022-11-12T23:00:00+08:00')).toBe(false);
  });

  it('say how often something recurs in round units', () => {
    expect(roundedRange(3 * 3600, 4 * 3600)).toBe('3-4 h');
    expect(roundedRange(3.5 * 3600, 3.6 * 3600)).toBe('4 h');
    expect(roundedRange(20 * 60, 25 * 60)).toBe('20-25 min');
    expect(roundedRange(10, 45)).toBe('10-45 s');
  });
});

describe('text fitting', () => {
  it('cuts labels to the box with an ellipsis, or drops them', () => {
    expect(fitText('blk_set_queue_dying', 400)).toBe('blk_set_queue_dying');
    expect(fitText('blk_set_queue_dying', 66)).toBe('blk_set_q…');
    expect(fitText('blk_set_queue_dying', 5)).toBe('');
  });
});
