import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLineTool, sourceLinesOf } from '../../src/machine/addr2line.js';
import { readElfSymbols } from '../../src/machine/elf.js';
import { kernelRelativePath } from '../../src/machine/kernel-paths.js';
import { SourceTree } from '../../src/machine/source.js';
import { deriveSlides, parseSystemMap, SymbolTable, symbolText } from '../../src/machine/symbols.js';

const FIXTURES = 'test/fixtures/machine';
const systemMap = new SymbolTable(parseSystemMap(readFileSync(`${FIXTURES}/System.map`, 'utf8')));

describe('System.map and kallsyms', () => {
  it('symbolizes an address inside a text symbol, sized up to the next one', () => {
    expect(symbolText(systemMap.lookup(0x40102cn)!)).toBe('wake_all+0x1c/0x30');
    expect(systemMap.lookup(0x400000n)).toBeNull();
  });

  it('reads kallsyms lines with their module and keeps module symbols apart', () => {
    const kallsyms = new SymbolTable(parseSystemMap([
      'ffffffff812f78b0 T blk_set_queue_dying',
      'ffffffff812f7970 T blk_cleanup_queue',
      'ffffffffc0001570 t __dm_destroy\t[dm_mod]',
      'ffffffffc0001880 t dm_destroy\t[dm_mod]',
      'not a symbol line',
    ].join('\n')));
    expect(kallsyms.size).toBe(4);
    expect(symbolText(kallsyms.lookup(0xffffffffc00015ebn)!)).toBe('__dm_destroy+0x7b/0x310 [dm_mod]');
    expect(kallsyms.find('__dm_destroy', 'dm_mod')?.address).toBe(0xffffffffc0001570n);
    expect(kallsyms.find('__dm_destroy', null)).toBeNull();
  });

  it('derives the KASLR slide (and a module\'s) from frames printed with address and symbol', () => {
    const table = new SymbolTable(parseSystemMap('ffffffff81000000 T wake_all\nffffffff81000100 T other\nffffffffc0001570 t __dm_destroy\t[dm_mod]'));
    const slides = deriveSlides(table, [
      { address: 'ffffffff8d00001c', function: 'wake_all', offset: '0x1c', module: null },
      { address: 'ffffffff8d000105', function: 'other', offset: '0x5', module: null },
      { address: 'ffffffff99999999', function: 'other', offset: '0x5', module: null },
      { address: 'ffffffffc00025eb', function: '__dm_destroy', offset: '0x7b', module: 'dm_mod' },
      { address: null, function: 'wake_all', offset: '0x1c', module: null },
    ]);
    expect(slides.get('')).toBe(0xc000000n);
    expect(slides.get('dm_mod')).toBe(0x1000n);
  });
});

describe('ELF symbol table', () => {
  it('reads the same functions as nm (System.map) with their sizes', () => {
    const elf = new SymbolTable(readElfSymbols(`${FIXTURES}/loop.elf`));
    for (const name of ['wake', 'wake_all', '_start']) expect(elf.find(name)?.address).toBe(systemMap.find(name)?.address);
    expect(symbolText(elf.lookup(0x401031n)!)).toBe('wake_all+0x21/0x29');
  });

  it('refuses a file that is not ELF with a readable message', () => {
    expect(() => readElfSymbols(`${FIXTURES}/System.map`)).toThrow(/not an ELF file/);
  });
});

describe('file:line from debug info', () => {
  const tool = findLineTool();
  if (!tool) console.warn('neither addr2line nor llvm-symbolizer is installed: the debug-info test is skipped');

  it.skipIf(!tool)('maps addresses of the fixture ELF to loop.c lines', () => {
    const lines = sourceLinesOf(tool!, `${FIXTURES}/loop.elf`, [0x401027n, 0x40102cn, 0x12345678n]);
    expect(lines).toEqual([{ file: '/usr/src/ktriage-fixture/loop.c', line: 21 }, { file: '/usr/src/ktriage-fixture/loop.c', line: 22 }, null]);
  });

  it('finds no tool on an empty PATH', () => {
    expect(findLineTool('')).toBeNull();
  });
});

describe('kernel source tree', () => {
  it('shows a debug-info path from inside the kernel tree', () => {
    expect(kernelRelativePath('/usr/src/debug/kernel-3.10.0-693.11.1.el7/linux-3.10.0-693.11.1.el7.es.10.x86_64/block/blk-core.c')).toBe('block/blk-core.c');
    expect(kernelRelativePath('/builddir/build/BUILD/kernel-5.14/drivers/md/dm.c')).toBe('drivers/md/dm.c');
    expect(kernelRelativePath('/usr/src/ktriage-fixture/loop.c')).toBe('/usr/src/ktriage-fixture/loop.c');
  });

  it('finds the file under --src by the end of its path and cuts an excerpt with the loop marked', () => {
    const excerpt = new SourceTree(FIXTURES).excerpt('/usr/src/ktriage-fixture/loop.c', [12], new Set([19, 20, 21, 22]))!;
    expect(excerpt.path).toBe(`${FIXTURES}/loop.c`);
    expect(excerpt.lines.find((l) => l.line === 12)).toMatchObject({ mark: 'mapped', text: '\tevents += n->waiters;' });
    expect(excerpt.lines.filter((l) => l.mark === 'loop').map((l) => l.line)).toEqual([19, 20, 21, 22]);
    expect(excerpt.lines.find((l) => l.line === 17)?.mark).toBe('context');
  });

  it('returns null for a file that is not there', () => {
    expect(new SourceTree(FIXTURES).excerpt('block/blk-core.c', [494])).toBeNull();
  });
});
