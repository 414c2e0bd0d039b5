import { describe, expect, it } from 'vitest';
import { hostGlob, parseTimeBound } from '../../src/analysis/filter.js';

describe('--since/--until values', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['7d', 604800],
    ['1h30m', 5400],
    ['2w', 1209600],
  ])('%s is a duration of %i s before the end of the logs', (text, seconds) => {
    expect(parseTimeBound(text)).toEqual({ kind: 'ago', text, seconds });
  });

  it.each([
    ['2022-11-12', [2022, 10, 12, 0, 0, 0], null],
    ['2022-11-12 10:15', [2022, 10, 12, 10, 15, 0], null],
    ['2022-11-12T10:15:30', [2022, 10, 12, 10, 15, 30], null],
    ['2022-11-12T10:15:30.5+0800', [2022, 10, 12, 10, 15, 30], '+08:00'],
    ['2022-11-12 10:15:30Z', [2022, 10, 12, 10, 15, 30], 'Z'],
  ])('%s is a time', (text, fields, zone) => {
    expect(parseTimeBound(text)).toEqual({ kind: 'time', text, fields, zone });
  });

  it.each(['yesterday', '2h ago', '10:15', '2022-13-01', '2022-11-12T25:00', '-2h', ''])('%j is neither', (text) => {
    expect(parseTimeBound(text)).toBeNull();
  });
});

describe('--host globs', () => {
  it('match whole host names, case-insensitively, with *, ? and [...]', () => {
    expect(hostGlob('node-*').test('node-2')).toBe(true);
    expect(hostGlob('node-*').test('xnode-2')).toBe(false);
    expect(hostGlob('node-?').test('node-12')).toBe(false);
    expect(hostGlob('node-[13]').test('NODE-3')).toBe(true);
    expect(hostGlob('node-[!13]').test('node-3')).toBe(false);
    expect(hostGlob('db.prod').test('dbxprod')).toBe(false);
  });
});
