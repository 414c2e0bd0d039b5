import { readFileSync, statSync } from 'node:fs';
import { findExecutable, findLineTool, type LineTool } from './addr2line.js';
import { parseDisassembly, type DisListing } from './dis-parse.js';
import { readElfSymbols } from './elf.js';
import { SourceTree } from './source.js';
import { parseSystemMap, SymbolTable } from './symbols.js';
import type { AsmSyntax } from './x86-decode.js';
import { errorReason, type Reason, type Warn } from '../result/warnings.js';

/** What the user handed in to read the machine code with, loaded and parsed. */
export interface MachineInputs {
  readonly syntax: AsmSyntax;
  readonly listings: readonly DisListing[];
  readonly symbols: { readonly path: string; readonly table: SymbolTable } | null;
  readonly vmlinux: {
    readonly path: string;
    readonly table: SymbolTable;
    readonly lineTool: LineTool | null;
    /** objdump on PATH, to disassemble the sampled functions when no `--dis` covers them. */
    readonly objdump: string | null;
  } | null;
  readonly source: SourceTree | null;
}

/** File names from the command line (`--dis`, `--symbols`, `--vmlinux`, `--src`, `--syntax`). */
export interface MachineFiles {
  readonly dis?: readonly string[];
  readonly symbols?: string;
  readonly vmlinux?: string;
  readonly src?: string;
  readonly syntax?: AsmSyntax;
  /** PATH searched for addr2line / llvm-symbolizer / objdump (default: the process's). */
  readonly toolPath?: string;
}

/** Disassembly files are pasted text: a few MB at most. */
const MAX_TEXT_INPUT_BYTES = 64 * 1024 * 1024;

/** A file past MAX_TEXT_INPUT_BYTES: not read. */
class TooLargeError extends Error {}

function readText(path: string): string {
  if (statSync(path).size > MAX_TEXT_INPUT_BYTES) throw new TooLargeError(path);
  return readFileSync(path, 'utf8');
}

function reason(error: unknown): Reason {
  if (error instanceof TooLargeError) return { reason: 'too-large', limitBytes: MAX_TEXT_INPUT_BYTES };
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { reason: 'no-such-file' } : errorReason(error);
}

function loadListing(path: string, warn: Warn): DisListing | null {
  try {
    const listing = parseDisassembly(path, readText(path));
    if (listing.instructions.length > 0) return listing;
    warn(path, 'dis-no-instructions');
  } catch (error) {
    warn(path, 'dis-unreadable', reason(error));
  }
  return null;
}

function loadSymbols(path: string, warn: Warn): MachineInputs['symbols'] {
  try {
    const table = new SymbolTable(parseSystemMap(readText(path)));
    if (table.size > 0) return { path, table };
    warn(path, 'symbols-no-lines');
  } catch (error) {
    warn(path, 'symbols-unreadable', reason(error));
  }
  return null;
}

function loadVmlinux(path: string, toolPath: string | undefined, warn: Warn): MachineInputs['vmlinux'] {
  try {
    return { path, table: new SymbolTable(readElfSymbols(path)), lineTool: findLineTool(toolPath), objdump: findExecutable('objdump', toolPath) };
  } catch (error) {
    warn(path, 'vmlinux-unreadable', reason(error));
    return null;
  }
}

function loadSourceTree(path: string, warn: Warn): SourceTree | null {
  try {
    if (statSync(path).isDirectory()) return new SourceTree(path);
    warn(path, 'src-not-directory');
  } catch (error) {
    warn(path, 'src-unreadable', reason(error));
  }
  return null;
}

/** Loads every file the user named; each problem is one warning naming the file, never an exception. */
export function loadMachineInputs(files: MachineFiles, warn: Warn): MachineInputs {
  return {
    syntax: files.syntax ?? 'att',
    listings: (files.dis ?? []).map((p) => loadListing(p, warn)).filter((l): l is DisListing => l !== null),
    symbols: files.symbols ? loadSymbols(files.symbols, warn) : null,
    vmlinux: files.vmlinux ? loadVmlinux(files.vmlinux, files.toolPath, warn) : null,
    source: files.src ? loadSourceTree(files.src, warn) : null,
  };
}
