/** One symbol of System.map, /proc/kallsyms or an ELF symbol table. */
export interface SymbolEntry {
  readonly address: bigint;
  readonly name: string;
  /** nm-style type letter: T/t text, D/d data, W/w weak... */
  readonly type: string;
  /** Module of a kallsyms line (`[dm_mod]`), null for the core kernel. */
  readonly module: string | null;
  /** Size when the source knows it (ELF); otherwise up to the next symbol. */
  readonly size?: bigint;
}

export interface SymbolHit {
  readonly name: string;
  readonly offset: bigint;
  readonly size: bigint | null;
  readonly module: string | null;
}

const byAddress = (a: SymbolEntry, b: SymbolEntry) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

/** Types of symbols that code addresses can fall into. */
const isText = (type: string) => /^[TtWw]$/.test(type);

/** A symbol table searchable by address and by name. */
export class SymbolTable {
  private readonly text: SymbolEntry[];
  private readonly names = new Map<string, SymbolEntry[]>();

  constructor(entries: readonly SymbolEntry[]) {
    this.text = entries.filter((e) => isText(e.type) && e.address !== 0n).sort(byAddress);
    for (const e of entries) this.names.set(e.name, [...(this.names.get(e.name) ?? []), e]);
  }

  get size(): number {
    return this.text.length;
  }

  /** The symbol of `name` in `module` (null: the core kernel, undefined: anywhere). */
  find(name: string, module?: string | null): SymbolEntry | null {
    const all = this.names.get(name) ?? [];
    return all.find((e) => module === undefined || e.module === module) ?? null;
  }

  /** The text symbol that contains `address`, as `name+offset`. */
  lookup(address: bigint): SymbolHit | null {
    let lo = 0;
    let hi = this.text.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.text[mid]!.address <= address) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return null;
    const entry = this.text[found]!;
    const next = this.text.slice(found + 1).find((e) => e.address > entry.address && e.module === entry.module);
    const size = entry.size ?? (next ? next.address - entry.address : null);
    const offset = address - entry.address;
    // Past the end of the last symbol (or of a sized one) the address is not in it.
    if (size === null ? offset > 0x100000n : offset >= size && size > 0n) return null;
    return { name: entry.name, offset, size, module: entry.module };
  }
}

// `ffffffff816ab920 T _raw_spin_unlock_irqrestore` with an optional `\t[dm_mod]` (kallsyms).
const MAP_LINE_RE = /^([0-9a-fA-F]{8,16}) ([A-Za-z?]) (\S+)(?:\s+\[(\S+)\])?\s*$/;

/** Parses System.map or /proc/kallsyms text; other lines are ignored. */
export function parseSystemMap(text: string): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = MAP_LINE_RE.exec(line);
    if (m) out.push({ address: BigInt(`0x${m[1]}`), type: m[2]!, name: m[3]!, module: m[4] ?? null });
  }
  return out;
}

/** A frame as printed: its address and symbol, both known. */
export interface AddressedFrame {
  readonly address: string | null;
  readonly function: string;
  readonly offset: string | null;
  readonly module: string | null;
}

/**
 * Load offsets between the symbol table and the running kernel, derived from frames printed with
 * both an address and a symbol: the core kernel's KASLR slide and each module's. Uses the most
 * common value, so a stray frame does not decide it. Keys: '' for the core kernel, else the module.
 */
export function deriveSlides(table: SymbolTable, frames: readonly AddressedFrame[]): Map<string, bigint> {
  const votes = new Map<string, Map<bigint, number>>();
  for (const f of frames) {
    if (!f.address || !f.offset) continue;
    const entry = table.find(f.function, f.module) ?? (f.module ? null : table.find(f.function));
    if (!entry) continue;
    const slide = BigInt(`0x${f.address}`) - BigInt(f.offset) - entry.address;
    const key = f.module ?? '';
    const counts = votes.get(key) ?? new Map<bigint, number>();
    counts.set(slide, (counts.get(slide) ?? 0) + 1);
    votes.set(key, counts);
  }
  const slides = new Map<string, bigint>();
  for (const [key, counts] of votes) slides.set(key, [...counts].sort((a, b) => b[1] - a[1])[0]![0]);
  return slides;
}

/** `__wake_up+0x44/0x50 [mod]` as the kernel prints a symbol. */
export function symbolText(hit: SymbolHit): string {
  return `${hit.name}+0x${hit.offset.toString(16)}${hit.size !== null ? `/0x${hit.size.toString(16)}` : ''}${hit.module ? ` [${hit.module}]` : ''}`;
}
