import { describe, expect, it } from 'vitest';
import { GENERATED_ID_DIGITS, GENERATED_NAME_PREFIXES } from '../../src/knowledge/interface-names.js';

describe('generated interface name prefixes', () => {
  it('are lower-case words that no hex rule takes whole, none the start of another', () => {
    for (const prefix of GENERATED_NAME_PREFIXES) {
      expect(prefix).toMatch(/^[a-z]+$/);
      // (a letter past `f`: `\b[0-9a-f]{8,}\b` never takes prefix and id as one long hex number)
      expect(prefix).toMatch(/[g-z]/);
      for (const other of GENERATED_NAME_PREFIXES) if (other !== prefix) expect(other.startsWith(prefix)).toBe(false);
    }
  });

  it('leave room for the ids their sources make (Docker 7, CNI 8, Calico and Amazon VPC CNI 11 hex digits)', () => {
    for (const digits of [7, 8, 11]) expect(digits >= GENERATED_ID_DIGITS.min && digits <= GENERATED_ID_DIGITS.max).toBe(true);
  });
});
