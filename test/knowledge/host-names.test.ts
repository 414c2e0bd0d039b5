import { describe, expect, it } from 'vitest';
import { namedHost, PLACEHOLDER_HOST_NAMES } from '../../src/knowledge/host-names.js';

describe('placeholder host names', () => {
  it('are lower case and hold no white space (a syslog host is one word)', () => {
    for (const name of PLACEHOLDER_HOST_NAMES) expect(name).toMatch(/^[^\sA-Z]+$/);
  });

  it('name no host; any other name is kept as logged', () => {
    expect(PLACEHOLDER_HOST_NAMES.map(namedHost)).toEqual(PLACEHOLDER_HOST_NAMES.map(() => null));
    for (const host of ['node-2', 'localhost-2', 'db.localdomain', 'Localhost01']) expect(namedHost(host)).toBe(host);
    expect(namedHost(null)).toBeNull();
  });
});
