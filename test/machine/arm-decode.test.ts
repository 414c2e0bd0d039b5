// ARM `Code:` words decoded with Capstone: instruction texts and control flow for known encodings (from the Arm
// Architecture Reference Manual), the marked word, the instruction set told by the registers, and the patterns.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { decodeArm, loadArmDecoder, type ArmArch } from '../../src/machine/arm-decode.js';
import { armArchOf, decodeCodeLine, instructionSequence } from '../../src/machine/code-line.js';
import { codePatterns } from '../../src/machine/patterns.js';
import { parseCodeLine } from '../../src/reports/body.js';
import { analyzePaths } from '../../src/run.js';
import { CORPUS_DIR, itWithShared } from '../helpers/shared.js';

beforeAll(async () => {
  expect(await loadArmDecoder()).toBe(true);
});

const one = (word: string, arch: ArmArch) => decodeArm([word], arch, 0x1000n)![0]!;

describe('decodeArm', () => {
  const cases: [ArmArch, string, string, string, bigint | null][] = [
    ['arm64', 'd4210000', 'brk #0x800', 'exception', null],
    ['arm64', 'd65f03c0', 'ret', 'return', null],
    ['arm64', 'd503203f', 'yield', 'next', null],
    ['arm64', 'd503205f', 'wfe', 'next', null],
    ['arm64', '94000010', 'bl #0x1040', 'call', 0x1040n],
    ['arm64', '54ffffe1', 'b.ne #0xffc', 'branch', 0xffcn],
    ['arm64', 'd50342ff', 'msr daifclr, #2', 'next', null],
    ['arm64', 'a9bf7bfd', 'stp x29, x30, [sp, #-0x10]!', 'next', null],
    ['arm', 'e12fff1e', 'bx lr', 'return', null],
    ['arm', 'e8bd8010', 'pop {r4, pc}', 'return', null],
    ['arm', 'e7f001f2', 'udf #0x12', 'exception', null],
    ['arm', '1afffffd', 'bne #0xffc', 'branch', 0xffcn],
    ['arm', 'ebfffffe', 'bl #0x1000', 'call', 0x1000n],
  ];
  it.each(cases)('%s %s is `%s` (%s)', (arch, word, text, flow, target) => {
    expect(one(word, arch)).toMatchObject({ text, flow, target, bytes: word, length: 4, invalid: false });
  });

  it('takes a 32-bit Thumb instruction from two halfwords', () => {
    const listing = decodeArm(['b510', 'f7ff', 'fffe', 'bd10'], 'thumb', 0x1000n)!;
    expect(listing.map((i) => [i.bytes, i.flow])).toEqual([['b510', 'next'], ['f7ff fffe', 'call'], ['bd10', 'return']]);
    expect(listing.map((i) => i.offset)).toEqual([0, 2, 6]);
  });
});

describe('ARM Code: lines', () => {
  const arm64Registers = { pstate: '60400005', x29: 'ffff800012345678', x0: '0' };

  it('tells the instruction set from the registers', () => {
    const words = parseCodeLine('Code: d503201f (d4210000)')!;
    expect(armArchOf(words, arm64Registers)).toBe('arm64');
    expect(armArchOf(words, { r10: '82c92c74', fp: '0', ip: '0' })).toBe('arm');
    expect(armArchOf(parseCodeLine('Code: b510 (de02)')!, { r0: '0', cpsr: '0' })).toBe('thumb');
    expect(armArchOf(words, { RAX: '0' })).toBeNull();
    expect(armArchOf(parseCodeLine('Code: 90 <0f> 0b')!, arm64Registers)).toBeNull();
  });

  it('marks the parenthesized word and names the BUG() trap', () => {
    const listing = decodeCodeLine(parseCodeLine('Code: aa1303e0 97ffe0c1 f9400260 b4000040 (d4210000)')!, 0xffff8000101a2b3cn, 'att', 'arm64')!;
    expect(instructionSequence(listing)).toBe('ldr x0, [x19]; cbz x0, #0xffff8000101a2b40; <brk #0x800>');
    expect(listing.instructions[listing.markerInstruction!]!.address).toBe(0xffff8000101a2b3cn);
    expect(codePatterns(listing).map((p) => [p.kind, p.params['instruction']])).toEqual([['bug-trap', 'brk #0x800']]);
  });

  it('names an arm64 spin on wfe with the branch that repeats it, and interrupts re-enabled by msr daifclr', () => {
    const spin = decodeCodeLine(parseCodeLine('Code: 885ffc01 6b02003f 54000060 d503205f (885ffc01) 6b02003f 54ffffa1')!, null, 'att', 'arm64')!;
    expect(codePatterns(spin).map((p) => p.kind)).toEqual(['pause-loop', 'backward-jump']);
    const irq = decodeCodeLine(parseCodeLine('Code: f9000fe0 d50342ff (f9400fe0) d65f03c0')!, null, 'att', 'arm64')!;
    expect(codePatterns(irq)[0]).toMatchObject({ kind: 'irq-enable', params: { instruction: 'msr daifclr, #2' } });
  });

  itWithShared('decodes the Code: line of a real arm64 report in the analysis (corpus case 541)', async () => {
    const log = readFileSync(`${CORPUS_DIR}/541`, 'utf8');
    const machine = analyzeText(log).incidents[0]!.machine!;
    expect(machine.codeArch).toBe('arm64');
    expect(machine.codeInstructions.find((i) => i.rip)).toMatchObject({ bytes: 'd50b7420', text: 'dc zva, x0', offset: 0 });
    expect(machine.ripMapping.find((m) => m.location === 'prep_new_page+0x11c')?.previous?.text).toBe('bl clear_page');
    const { result } = await analyzePaths([`${CORPUS_DIR}/541`]);
    expect(result.incidents[0]!.machine!.codeInstructions.length).toBe(5);
  });
});
