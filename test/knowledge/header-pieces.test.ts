import { describe, expect, it } from 'vitest';
import { HEADER_PIECES, joinHeaderPieces } from '../../src/knowledge/header-pieces.js';
import { HeaderMatcher } from '../../src/reports/header-matcher.js';

describe('headers printed in pieces', () => {
  const headers = new HeaderMatcher();

  it.each(HEADER_PIECES.map((p) => [p.source, p] as const))('%s: the example joins into a header a detector reads whole', (_source, pieces) => {
    const joined = joinHeaderPieces(...pieces.example);
    expect(joined).not.toBeNull();
    expect(headers.read(joined!).header).not.toBeNull();
  });

  it.each([
    ['BUG: unable to handle kernel ', 'NULL pointer dereference at 0000000000000010', 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010'],
    ['BUG: unable to handle kernel', 'paging request at ffffffffa03c21b7', 'BUG: unable to handle kernel paging request at ffffffffa03c21b7'],
    ['BUG: unable to handle kernel NULL pointer dereference', ' at virtual address 00000004', 'BUG: unable to handle kernel NULL pointer dereference at virtual address 00000004'],
  ])('%j + %j', (head, rest, whole) => {
    expect(joinHeaderPieces(head, rest)).toBe(whole);
  });

  it('joins nothing else: a complete header, or a rest that is another message', () => {
    expect(joinHeaderPieces('BUG: unable to handle kernel NULL pointer dereference at 0000000000000010', 'IP: [<ffffffff8100>] foo+0x1/0x2')).toBeNull();
    expect(joinHeaderPieces('BUG: unable to handle kernel ', 'e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex')).toBeNull();
    expect(joinHeaderPieces('WARNING: CPU: 1 PID: 2 at kernel/foo.c:3', 'paging request at ffffffffa03c21b7')).toBeNull();
  });
});
