import { describe, expect, it } from 'vitest';
import { decodeCodeLine, instructionSequence } from '../../src/machine/code-line.js';
import { codePatterns } from '../../src/machine/patterns.js';
import { parseCodeLine } from '../../src/reports/body.js';
import { sayPattern } from '../../src/render/words.js';

const NODE2_CODE = 'Code: 07 00 0f 1f 40 00 5d c3 0f 1f 40 00 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00 55 48 89 e5 c6 07 00 0f 1f 40 00 48 89 f7 57 9d <0f> 1f 44 00 00 5d c3 0f 1f 40 00 0f 1f 44 00 00 55 48 89 e5 48';

const listingOf = (line: string, rip: bigint | null = null) => decodeCodeLine(parseCodeLine(line)!, rip)!;

describe('decodeCodeLine', () => {
  it('aligns on the marked byte of node-2 and names push %rdi; popfq; <nopl>', () => {
    const listing = listingOf(NODE2_CODE, 0xffffffff816ab935n);
    expect(instructionSequence(listing)).toBe('push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>');
    const rip = listing.instructions[listing.markerInstruction!]!;
    expect(rip).toMatchObject({ address: 0xffffffff816ab935n, bytes: '0f 1f 44 00 00', offset: 43 });
    // The line starts inside an instruction: the first bytes cannot be decoded on the way to the marker.
    expect(listing.skippedBytes).toBeGreaterThan(0);
    expect(listing.instructions.every((i) => !i.invalid)).toBe(true);
  });

  it('accepts the (xx) marker and keeps addresses relative when the RIP address is unknown', () => {
    const listing = listingOf('Code: 48 89 f7 57 9d (0f) 1f 44 00 00 5d c3');
    expect(listing.addressKnown).toBe(false);
    expect(instructionSequence(listing, 1, 1)).toBe('popfq; <nopl 0x0(%rax,%rax,1)>; pop %rbp');
  });

  it('a line cut inside the marked instruction: the bytes before it decoded, nothing marked, no patterns', () => {
    const listing = listingOf('Code: 55 48 89 e5 <48> 8b');
    expect(listing.markerInstruction).toBeNull();
    expect(listing.instructions.slice(0, 2).map((i) => i.text)).toEqual(['push %rbp', 'mov %rsp,%rbp']);
    expect(codePatterns(listing)).toEqual([]);
  });

  it('leaves ARM words undecoded when the instruction set is not known (see armArchOf)', () => {
    expect(decodeCodeLine(parseCodeLine('Code: a9bf7bfd 910003fd (f9000f80) d65f03c0')!, null)).toBeNull();
  });
});

describe('codePatterns', () => {
  const kinds = (line: string) => codePatterns(listingOf(line)).map((p) => p.kind);

  it('explains a RIP right after popf or sti as the interrupt re-enable point', () => {
    const [pattern] = codePatterns(listingOf(NODE2_CODE)).map(sayPattern);
    expect(pattern).toMatchObject({ kind: 'irq-enable', sequence: 'push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>' });
    expect(pattern!.explanation).toMatch(/re-enables interrupts/);
    expect(kinds('Code: 90 fb <f4> c3')).toEqual(['irq-enable']);
  });

  it('recognises the ud2 of BUG()', () => {
    expect(kinds('Code: 48 85 c0 74 02 <0f> 0b 48 89 c7')).toEqual(['bug-trap']);
  });

  it('recognises a pause spin loop closed by a backward jump', () => {
    // 8b 07 mov (%rdi),%eax; 85 c0 test; 74 04 je +4; f3 90 pause; eb f6 jmp back to the mov.
    const patterns = codePatterns(listingOf('Code: 8b 07 85 c0 74 04 <f3> 90 eb f6 c3')).map(sayPattern);
    expect(patterns.map((p) => p.kind)).toEqual(['pause-loop', 'backward-jump']);
    expect(patterns[1]!.explanation).toMatch(/jumps back over the RIP: a loop of 10 bytes/);
  });

  it('finds nothing in straight-line code', () => {
    expect(kinds('Code: 48 89 e5 <48> 89 f7 5d c3')).toEqual([]);
  });
});
