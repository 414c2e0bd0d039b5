import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCodeLine } from '../../src/machine/code-line.js';
import { decodeX86 } from '../../src/machine/x86-decode.js';
import { parseCodeLine } from '../../src/reports/body.js';
import { CORPUS_DIR, describeWithShared } from '../helpers/shared.js';

const LINES_COMPARED = 200;
const hasObjdump = spawnSync('objdump', ['--version']).status === 0;
if (!hasObjdump) console.warn('objdump (binutils) is not installed: the comparison with objdump is skipped');

/** The first distinct x86 `Code:` lines with a marked byte, corpus files in numeric order. */
function corpusCodeLines(count: number): string[] {
  const files = readdirSync(CORPUS_DIR).filter((f) => /^\d+$/.test(f)).sort((a, b) => Number(a) - Number(b));
  const found = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(join(CORPUS_DIR, f), 'latin1').matchAll(/Code: ((?:[0-9a-f]{2} ){8,}<[0-9a-f]{2}>(?: [0-9a-f]{2})+)/g)) {
      found.add(`Code: ${m[1]}`);
      if (found.size === count) return [...found];
    }
  }
  return [...found];
}

/**
 * Spellings that differ between binutils versions and iced for the same instruction: the `q` suffix of
 * 64-bit default-size instructions (callq/retq/popfq/pushq, binutils < 2.37 and crash), a segment override
 * on a nop (`nopw %cs:0x0(...)` vs `cs nopw 0x0(...)`), `(%dx)` vs `%dx` on in/out,
 * `sal` vs `shl` for the /6 alias encoding.
 */
function normalise(text: string): string {
  return text
    .replace(/\s*#.*$/, '')
    .replace(/\b(call|ret|popf|pushf|push|pop|leave|jmp|iret)q\b/g, '$1')
    .replace(/^cs (nop\w*) /, '$1 %cs:')
    .replace(/\(%dx\)/g, '%dx')
    .replace(/^sal(\w?) /, 'shl$1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** objdump's instructions of `bytes` placed at `vma`, by address. */
function objdump(dir: string, bytes: Uint8Array, vma: number): Map<number, string> {
  const file = join(dir, 'code.bin');
  writeFileSync(file, bytes);
  const out = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', `--adjust-vma=${vma}`, file], { encoding: 'utf8' }).stdout;
  return new Map([...out.matchAll(/^\s+([0-9a-f]+):\t[0-9a-f ]+\t(.+)$/gm)].map((m) => [parseInt(m[1]!, 16), m[2]!]));
}

describeWithShared('x86 decoding against objdump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-objdump-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let lines: string[] = [];
  beforeAll(() => {
    lines = corpusCodeLines(LINES_COMPARED);
  });

  it('has at least 20 corpus Code: lines to compare', () => {
    expect(lines.length).toBeGreaterThanOrEqual(20);
  });

  it.skipIf(!hasObjdump)('decodes every instruction of each Code: line as objdump does (AT&T, from the aligned start)', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const line of lines) {
      const code = parseCodeLine(line)!;
      const listing = decodeCodeLine(code, null)!;
      const theirs = objdump(dir, Uint8Array.from(code.bytes.slice(listing.skippedBytes)), listing.skippedBytes);
      for (const i of listing.instructions) {
        const other = theirs.get(i.offset);
        // Redundant or repeated prefixes on junk bytes (data16, rex.B, repz repz) are spelled by objdump only.
        if (other === undefined || /\b(?:data16|rex(?:\.\w*)?|lcall|ljmp|lret)\b|%riz|^(\w+) \1 /.test(other)) continue;
        compared++;
        if (normalise(i.text) !== normalise(other)) mismatches.push(`${line}\n  @${i.offset}: ours "${i.text}", objdump "${other}"`);
      }
    }
    expect(compared).toBeGreaterThan(1500);
    expect(mismatches).toEqual([]);
  });
});

describe('decodeX86', () => {
  const bytes = (hex: string) => Uint8Array.from(hex.split(' ').map((h) => parseInt(h, 16)));

  it('spells instructions as crash and objdump do, with call targets and flow', () => {
    const out = decodeX86(bytes('57 9d 0f 1f 44 00 00 e8 10 00 00 00 c3 ff 14 25 50 31 a1 81 0f 0b'), 0xffffffff816ab933n);
    expect(out.map((i) => i.text)).toEqual(['push %rdi', 'popfq', 'nopl 0x0(%rax,%rax,1)', 'callq 0xffffffff816ab94f', 'retq', 'callq *0xffffffff81a13150', 'ud2']);
    expect(out[3]).toMatchObject({ flow: 'call', target: 0xffffffff816ab94fn, address: 0xffffffff816ab93an, bytes: 'e8 10 00 00 00' });
    expect(out.map((i) => i.flow)).toEqual(['next', 'next', 'next', 'call', 'return', 'indirect-call', 'exception']);
  });

  it('gives the address a RIP-relative operand refers to, and drops a cut-off last instruction', () => {
    const out = decodeX86(bytes('8b 05 0a 20 00 00 e8 10'), 0x401000n);
    expect(out.map((i) => i.text)).toEqual(['mov 0x200a(%rip),%eax # 0x403010']);
  });

  it('formats Intel syntax on request', () => {
    expect(decodeX86(bytes('0f 1f 44 00 00 48 89 e5'), 0n, 'intel').map((i) => i.text)).toEqual(['nop dword ptr [rax+rax*1+0x0]', 'mov rbp,rsp']);
  });

  it('decodes the same bytes at the same address once, and the same bytes elsewhere or in another syntax anew', () => {
    const code = bytes('e8 10 00 00 00 c3');
    const first = decodeX86(code, 0x1000n);
    expect(decodeX86(Uint8Array.from(code), 0x1000n)).toBe(first);
    expect(Object.isFrozen(first) && first.every((i) => Object.isFrozen(i))).toBe(true);
    expect(decodeX86(code, 0x2000n)[0]!.target).toBe(0x2015n);
    expect(decodeX86(code.subarray(0, 5), 0x1000n).map((i) => i.text)).toEqual(['callq 0x1015']);
    expect(decodeX86(code, 0x1000n, 'intel')[0]!.text).toBe('call 0x1015');
  });
});
