import { spawnSync } from 'node:child_process';
import { parseDisassembly, type DisListing } from './dis-parse.js';
import type { SymbolTable } from './symbols.js';

/** Functions disassembled from vmlinux per incident: the sampled ones, innermost first. */
export const MAX_VMLINUX_FUNCTIONS = 8;
/** A function larger than this is not disassembled (a kernel function is far smaller). */
const MAX_FUNCTION_BYTES = 0x10000n;

/**
 * `objdump -dl` of one function of an ELF file, by its symbol's address and size; null when the
 * symbol is unknown or unsized. Throws when objdump cannot run.
 */
export function disassembleFunction(objdump: string, elfPath: string, table: SymbolTable, name: string): DisListing | null {
  // Every incident of a run asks for the functions its samples hit: objdump each once per symbol table.
  const cache = listings.get(table) ?? new Map<string, DisListing | null>();
  listings.set(table, cache);
  if (!cache.has(name)) cache.set(name, runObjdump(objdump, elfPath, table, name));
  return cache.get(name)!;
}

const listings = new WeakMap<SymbolTable, Map<string, DisListing | null>>();

function runObjdump(objdump: string, elfPath: string, table: SymbolTable, name: string): DisListing | null {
  const symbol = table.find(name, null);
  if (!symbol?.size || symbol.size > MAX_FUNCTION_BYTES) return null;
  const start = `--start-address=0x${symbol.address.toString(16)}`;
  const stop = `--stop-address=0x${(symbol.address + symbol.size).toString(16)}`;
  const run = spawnSync(objdump, ['-dl', start, stop, elfPath], { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`objdump exited with ${run.status}: ${run.stderr.trim().split('\n')[0] ?? ''}`);
  const listing = parseDisassembly(`${elfPath} (objdump -dl ${name})`, run.stdout);
  return listing.instructions.length > 0 ? listing : null;
}
