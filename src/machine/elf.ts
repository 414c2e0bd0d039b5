import { closeSync, openSync, readSync } from 'node:fs';
import type { SymbolEntry } from './symbols.js';

const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
const STT_OBJECT = 1;
const STT_FUNC = 2;
const STB_LOCAL = 0;
const SYM_SIZE = 24;
const SECTION_HEADER_SIZE = 64;

/** Reads `length` bytes at `position` of an open file (vmlinux is large: read only what is needed). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`file ends at byte ${position + done}, inside its ELF tables`);
    done += n;
  }
  return buf;
}

interface Section {
  readonly type: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
}

/**
 * The function and object symbols of a little-endian ELF64 file (vmlinux, a module .ko before
 * relocation): from `.symtab`, else `.dynsym`. Throws with a readable message on other files.
 */
export function readElfSymbols(path: string): SymbolEntry[] {
  const fd = openSync(path, 'r');
  try {
    const header = readAt(fd, 0, 64);
    if (header.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
    if (header[4] !== 2 || header[5] !== 1) throw new Error('only little-endian 64-bit ELF files are supported');
    const shoff = Number(header.readBigUInt64LE(0x28));
    const shnum = header.readUInt16LE(0x3c);
    const table = readAt(fd, shoff, shnum * SECTION_HEADER_SIZE);
    const sections: Section[] = Array.from({ length: shnum }, (_, n) => {
      const at = n * SECTION_HEADER_SIZE;
      return { type: table.readUInt32LE(at + 4), offset: Number(table.readBigUInt64LE(at + 24)), size: Number(table.readBigUInt64LE(at + 32)), link: table.readUInt32LE(at + 40) };
    });
    const symtab = sections.find((s) => s.type === SHT_SYMTAB) ?? sections.find((s) => s.type === SHT_DYNSYM);
    if (!symtab) throw new Error('no symbol table (stripped)');
    const strtab = sections[symtab.link];
    if (!strtab) throw new Error('symbol table without string table');
    const symbols = readAt(fd, symtab.offset, symtab.size);
    const strings = readAt(fd, strtab.offset, strtab.size);
    const out: SymbolEntry[] = [];
    for (let at = 0; at + SYM_SIZE <= symbols.length; at += SYM_SIZE) {
      const info = symbols[at + 4]!;
      const kind = info & 0xf;
      if (kind !== STT_FUNC && kind !== STT_OBJECT) continue;
      const nameAt = symbols.readUInt32LE(at);
      const name = strings.toString('latin1', nameAt, strings.indexOf(0, nameAt));
      const local = info >> 4 === STB_LOCAL;
      const type = kind === STT_FUNC ? (local ? 't' : 'T') : local ? 'd' : 'D';
      out.push({ address: symbols.readBigUInt64LE(at + 8), name, type, module: null, size: symbols.readBigUInt64LE(at + 16) });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
