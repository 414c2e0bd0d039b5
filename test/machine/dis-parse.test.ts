import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { branchTarget, callTarget, parseDisassembly } from '../../src/machine/dis-parse.js';
import { findLoop, lineSpanText } from '../../src/machine/loop.js';

// The copy shipped in examples/ (test/node2.test.ts checks it against ../shared).
const CRASH = 'examples/node-2/crash';
const FIXTURES = 'test/fixtures/machine';
const read = (path: string) => parseDisassembly(path, readFileSync(path, 'utf8'));

describe('parseDisassembly', () => {
  it('reads `crash> dis` output: decimal offsets, the prompt line skipped', () => {
    const listing = read(`${CRASH}/dis_raw_spin_unlock_irqrestore.txt`);
    expect(listing.instructions).toHaveLength(10);
    expect(listing.instructions[6]).toEqual({ address: 0xffffffff816ab934n, function: '_raw_spin_unlock_irqrestore', offset: 20, text: 'popfq', file: null, line: null });
    expect(listing.instructions[0]!.text).toBe('nopl 0x0(%rax,%rax,1) [FTRACE NOP]');
  });

  it('reads a `dis -l` fragment with its source lines', () => {
    const listing = read(`${CRASH}/dis-l_blk_set_queue_dying.fragment.txt`);
    expect(listing.instructions).toHaveLength(13);
    const last = listing.instructions[12]!;
    expect(last).toMatchObject({ function: 'blk_set_queue_dying', offset: 161, text: 'mov %rbx,%rdi', line: 494 });
    expect(last.file).toMatch(/block\/blk-core\.c$/);
    expect(listing.instructions.map((i) => i.line)).toEqual([495, 495, 496, 496, 496, 496, 496, 497, 497, 497, 497, 497, 494]);
  });

  it('reads `objdump -dl` output: function headers, hex offsets, discriminators, byte-only lines', () => {
    const listing = read(`${FIXTURES}/objdump-dl_loop.txt`);
    const jump = listing.instructions.find((i) => i.address === 0x401031n)!;
    expect(jump).toMatchObject({ function: 'wake_all', offset: 0x21, text: 'jmp 401018 <wake_all+0x8>', file: '/usr/src/ktriage-fixture/loop.c', line: 22 });
    expect(listing.instructions.find((i) => i.address === 0x401018n)).toMatchObject({ line: 19 });
    // The same code without -l: no source, the same instructions.
    const plain = read(`${FIXTURES}/objdump-d_loop.txt`);
    expect(plain.instructions.map((i) => [i.address, i.text])).toEqual(listing.instructions.map((i) => [i.address, i.text]));
    expect(plain.instructions.every((i) => i.line === null)).toBe(true);
  });

  it('finds nothing in text that is no disassembly', () => {
    expect(parseDisassembly('x', 'hello\nworld 12: 34\n').instructions).toEqual([]);
  });
});

describe('branch and call targets', () => {
  it.each([
    ['je 0xffffffff812f7951 <blk_set_queue_dying+161>', 0xffffffff812f7951n],
    ['jmp 401018 <wake_all+0x8>', 0x401018n],
    ['callq 0xffffffff810bd4d0 <__wake_up>', null],
    ['mov %rbx,%rdi', null],
  ])('%s', (text, target) => {
    expect(branchTarget(text)).toBe(target);
  });

  it('names the called function', () => {
    expect(callTarget('callq 0xffffffff816ab920 <_raw_spin_unlock_irqrestore>')).toEqual({ isCall: true, function: '_raw_spin_unlock_irqrestore' });
    expect(callTarget('call *0xffffffff81a13150')).toEqual({ isCall: true, function: null });
    expect(callTarget('pop %rbx').isCall).toBe(false);
  });
});

describe('findLoop', () => {
  it('takes the tightest backward jump enclosing every sample (objdump -dl of a compiled loop)', () => {
    const wakeAll = read(`${FIXTURES}/objdump-dl_loop.txt`).instructions.filter((i) => i.function === 'wake_all');
    const loop = findLoop(wakeAll, [
      { address: 0x40102cn, role: 'return' },
      { address: 0x401031n, role: 'return' },
      { address: 0x401018n, role: 'rip' },
    ])!;
    expect(loop).toMatchObject({ start: 0x401018n, end: 0x401031n, method: 'backward-jump' });
    expect(loop.jump!.text).toBe('jmp 401018 <wake_all+0x8>');
    const lines = loop.instructions.filter((i) => i.file).map((i) => ({ file: i.file!, line: i.line! }));
    expect(lineSpanText(lines)).toBe('/usr/src/ktriage-fixture/loop.c:19-22');
  });

  it('ignores a backward jump that does not enclose all samples', () => {
    const wakeAll = read(`${FIXTURES}/objdump-dl_loop.txt`).instructions.filter((i) => i.function === 'wake_all');
    // Only the `je 401018` at 0x401025 is closer, but it does not reach the call at 0x40102c.
    expect(findLoop(wakeAll, [{ address: 0x401031n, role: 'return' }])!.jump!.address).toBe(0x401031n);
  });

  it('spans the sampled instructions of a fragment without the closing jump (node-2: lines 494-497)', () => {
    const fragment = read(`${CRASH}/dis-l_blk_set_queue_dying.fragment.txt`).instructions;
    const start = 0xffffffff812f7920n - 112n;
    const loop = findLoop(fragment, [
      { address: start + 0x8cn, role: 'return' },
      { address: start + 0xa1n, role: 'return' },
      { address: start + 0xa1n, role: 'rip' },
    ])!;
    expect(loop).toMatchObject({ method: 'sampled-span', start: start + 135n, end: start + 161n, jump: null });
    expect(lineSpanText(loop.instructions.map((i) => ({ file: i.file!, line: i.line! })))).toBe('block/blk-core.c:494-497');
  });

  it('gives up when a sample is not in the listing', () => {
    const fragment = read(`${CRASH}/dis-l_blk_set_queue_dying.fragment.txt`).instructions;
    expect(findLoop(fragment, [{ address: 0x10n, role: 'rip' }])).toBeNull();
  });
});
