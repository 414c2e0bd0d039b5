import type { IncidentDraft } from '../analysis/incidents.js';
import { UNNAMED_FRAME_RE } from '../reports/frames.js';
import type { Frame, Report } from '../reports/types.js';
import type { MachineSection } from '../result/machine-schema.js';
import type { UnsaidMachine } from '../result/unsaid.js';
import { sourceLinesOf, type SourcePosition } from './addr2line.js';
import { armArchOf, decodeCodeLine, isArmRegisterSet, type CodeListing } from './code-line.js';
import { callTarget, type DisInstruction, type DisListing } from './dis-parse.js';
import type { MachineInputs } from './inputs.js';
import { findLoop, lineSpanText } from './loop.js';
import { codePatterns, isIrqEnableInstruction } from './patterns.js';
import { deriveSlides, symbolText, type SymbolTable } from './symbols.js';
import { disassembleFunction, MAX_VMLINUX_FUNCTIONS } from './vmlinux-dis.js';
import type { AsmSyntax } from './x86-decode.js';

type InstructionRef = NonNullable<MachineSection['ripMapping'][number]['instruction']>;
type Mapping = MachineSection['ripMapping'][number];

/** Frames mapped per sample when no loop-bounding function limits the stack. */
const MAX_UNBOUNDED_FRAMES = 6;
/** Raw stack words symbolized per incident. */
const MAX_STACK_WORDS = 24;

const hex = (a: bigint) => `0x${a.toString(16)}`;
const parseHex = (s: string) => BigInt(s.startsWith('0x') ? s : `0x${s}`);

/** A function+offset seen in the samples: a RIP, or a return address of a stack frame. */
interface SampledLocation {
  readonly function: string;
  readonly offset: bigint;
  readonly offsetText: string;
  readonly module: string | null;
  readonly role: 'rip' | 'return';
  /** Address printed with the frame (`[<ffffffff810bd514>]`). */
  readonly address: bigint | null;
  /** The next inner frame's function: the callee of a return address. */
  readonly callee: string | null;
  /** Smallest depth in the stacks, for ordering. */
  depth: number;
  count: number;
}

function collectLocations(d: IncidentDraft): SampledLocation[] {
  const found = new Map<string, SampledLocation>();
  for (const s of d.samples) {
    const frames: readonly Frame[] = s.stack.length > 0 ? s.stack : s.rip ? [s.rip] : [];
    const bound = d.loopFunction ? frames.findIndex((f) => f.function === d.loopFunction) : -1;
    const last = bound >= 0 ? bound : Math.min(frames.length, MAX_UNBOUNDED_FRAMES) - 1;
    const seen = new Set<string>();
    frames.slice(0, last + 1).forEach((f, depth) => {
      if (!f.offset) return;
      const role = depth === 0 && s.rip?.function === f.function && s.rip.offset === f.offset ? 'rip' : 'return';
      const key = `${role}|${f.function}|${f.offset}|${f.module ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const entry = found.get(key);
      if (entry) {
        entry.count++;
        entry.depth = Math.min(entry.depth, depth);
        return;
      }
      found.set(key, {
        function: f.function, offset: BigInt(f.offset), offsetText: f.offset, module: f.module, role,
        address: f.address ? parseHex(f.address) : null, callee: depth > 0 ? frames[depth - 1]!.function : null, depth, count: 1,
      });
    });
  }
  return [...found.values()].sort((a, b) => (a.role === b.role ? a.depth - b.depth || b.count - a.count : a.role === 'rip' ? -1 : 1));
}

const locationText = (l: Pick<SampledLocation, 'function' | 'offsetText'>) => `${l.function}+${l.offsetText}`;

function disRef(i: DisInstruction): InstructionRef {
  return {
    address: hex(i.address),
    location: i.function !== null && i.offset !== null ? `${i.function}+0x${i.offset.toString(16)}` : null,
    text: i.text,
    source: i.file && i.line ? { file: i.file, line: i.line } : null,
  };
}

/** The instruction of a location in the user's listings, with the one before it. */
function findInListings(listings: readonly DisListing[], l: SampledLocation): { at: DisInstruction; previous: DisInstruction | null; path: string } | null {
  for (const listing of listings) {
    const list = listing.instructions;
    let n = list.findIndex((i) => i.function === l.function && i.offset !== null && BigInt(i.offset) === l.offset);
    if (n < 0 && l.address !== null) n = list.findIndex((i) => i.address === l.address);
    if (n >= 0) {
      const previous = list[n - 1];
      // Only the instruction right before in the same function: a fragment may skip code in between.
      const sameFunction = previous && (previous.function === list[n]!.function || previous.function === null);
      return { at: list[n]!, previous: sameFunction ? previous : null, path: listing.path };
    }
  }
  return null;
}

/** Decodes reports' Code: lines once each; those the cross-check rejected (cross-check.ts) decode to nothing. */
class CodeDecoder {
  private readonly cache = new Map<Report, CodeListing | null>();
  constructor(private readonly syntax: AsmSyntax, private readonly rejected: ReadonlySet<Report>) {}

  listing(r: Report): CodeListing | null {
    if (!this.cache.has(r)) this.cache.set(r, r.code && !this.rejected.has(r) ? decodeCodeLine(r.code, r.rip?.address ? parseHex(r.rip.address) : null, this.syntax, armArchOf(r.code, r.registers)) : null);
    return this.cache.get(r)!;
  }
}

function codeRefs(listing: CodeListing | null, location: string): { at: InstructionRef; previous: InstructionRef | null } | null {
  const n = listing?.markerInstruction ?? null;
  if (!listing || n === null || !listing.instructions[n]) return null;
  const ref = (k: number, loc: string | null): InstructionRef => {
    const i = listing.instructions[k]!;
    return { address: listing.addressKnown ? hex(i.address) : null, location: loc, text: i.text, source: null };
  };
  return { at: ref(n, location), previous: n > 0 ? ref(n - 1, null) : null };
}

/** A note of the machine-code reading, said by the catalog (`machine.*` codes). */
type MachineNote = MachineSection['noteMessages'][number];

interface Context {
  readonly d: IncidentDraft;
  readonly inputs: MachineInputs | undefined;
  /** The user's listings, then functions disassembled from vmlinux. */
  readonly listings: readonly DisListing[];
  readonly decoder: CodeDecoder;
  readonly slides: Map<string, bigint>;
  readonly table: SymbolTable | null;
  readonly notes: MachineNote[];
}

/** How the call before a return address is spelled: `bl` on ARM (told by the registers), else by the x86 syntax. */
function callMnemonic(ctx: Context): string {
  if (isArmRegisterSet(ctx.d.reports[0]!.registers)) return 'bl';
  return ctx.inputs?.syntax === 'intel' ? 'call' : 'callq';
}

function addressOf(ctx: Context, l: SampledLocation, dis: DisInstruction | undefined): bigint | null {
  if (l.address !== null) return l.address;
  if (dis) return dis.address;
  const entry = ctx.table?.find(l.function, l.module) ?? (l.module ? null : ctx.table?.find(l.function));
  return entry ? entry.address + l.offset + (ctx.slides.get(l.module ?? '') ?? 0n) : null;
}

function mapLocation(ctx: Context, l: SampledLocation): Mapping {
  const via: string[] = [];
  const location = locationText(l);
  const dis = findInListings(ctx.listings, l);
  let instruction: InstructionRef | null = null;
  let previous: InstructionRef | null = null;
  if (dis) {
    via.push(`dis ${dis.path}`);
    instruction = disRef(dis.at);
    previous = dis.previous ? disRef(dis.previous) : null;
  } else if (l.role === 'rip') {
    const report = ctx.d.reports.find((r) => r.rip?.function === l.function && r.rip.offset === l.offsetText && ctx.decoder.listing(r));
    const refs = report ? codeRefs(ctx.decoder.listing(report), location) : null;
    if (refs) {
      via.push('Code: bytes');
      ({ at: instruction, previous } = refs);
    }
  }
  const address = addressOf(ctx, l, dis?.at);
  if (address !== null && l.address === null && !dis) via.push('symbols');
  // A reliable trace's return address follows a call of the next inner frame's function.
  const previousInferred = previous === null && l.role === 'return' && l.callee !== null;
  if (previousInferred) previous = { address: null, location: null, text: `${callMnemonic(ctx)} ${l.callee}`, source: null };
  return { location, role: l.role, samples: l.count, address: address !== null ? hex(address) : null, instruction, previous, previousInferred, source: instruction?.source ?? null, via };
}

/**
 * The sampled core-kernel functions (the loop bound first) that no `--dis` listing covers,
 * disassembled from vmlinux with objdump when both are at hand.
 */
function vmlinuxListings(inputs: MachineInputs | undefined, loopFunction: string | null, locations: readonly SampledLocation[], notes: MachineNote[]): DisListing[] {
  const vmlinux = inputs?.vmlinux;
  if (!vmlinux) return [];
  const covered = new Set(inputs.listings.flatMap((l) => l.instructions.map((i) => i.function)));
  const names = [...(loopFunction ? [loopFunction] : []), ...locations.filter((l) => !l.module).map((l) => l.function)];
  const wanted = [...new Set(names)].filter((fn) => !covered.has(fn)).slice(0, MAX_VMLINUX_FUNCTIONS);
  if (wanted.length === 0) return [];
  if (!vmlinux.objdump) {
    notes.push({ code: 'machine.objdumpMissing', params: { path: vmlinux.path } });
    return [];
  }
  try {
    return wanted.map((fn) => disassembleFunction(vmlinux.objdump!, vmlinux.path, vmlinux.table, fn)).filter((l): l is DisListing => l !== null);
  } catch (error) {
    notes.push({ code: 'machine.objdumpFailed', params: { path: vmlinux.path, error: error instanceof Error ? error.message : String(error) } });
    return [];
  }
}

/** file:line from vmlinux debug info for mappings that have none: of the address, and of the call before a return address. */
function addLinesFromVmlinux(ctx: Context, locations: readonly SampledLocation[], mappings: Mapping[]): void {
  const vmlinux = ctx.inputs?.vmlinux;
  if (!vmlinux) return;
  const wanted = locations
    .map((l, n) => ({ l, m: mappings[n]!, entry: l.module ? null : vmlinux.table.find(l.function) }))
    .filter((w) => w.entry && w.m.source === null);
  if (wanted.length === 0) return;
  if (!vmlinux.lineTool) {
    ctx.notes.push({ code: 'machine.lineToolMissing', params: { path: vmlinux.path } });
    return;
  }
  const queries = wanted.flatMap((w) => {
    const at = w.entry!.address + w.l.offset;
    return [at, w.l.role === 'return' ? at - 1n : at];
  });
  let lines: (SourcePosition | null)[];
  try {
    lines = sourceLinesOf(vmlinux.lineTool, vmlinux.path, queries);
  } catch (error) {
    ctx.notes.push({ code: 'machine.lineToolFailed', params: { tool: vmlinux.lineTool.name, path: vmlinux.path, error: error instanceof Error ? error.message : String(error) } });
    return;
  }
  wanted.forEach((w, n) => {
    const own = lines[2 * n] ?? null;
    const call = lines[2 * n + 1] ?? null;
    if (!own && !call) return;
    w.m.via.push(vmlinux.lineTool!.name);
    w.m.source = own;
    if (w.m.instruction) w.m.instruction.source ??= own;
    if (w.l.role === 'return' && w.m.previous) w.m.previous.source ??= call;
  });
}

function loopOf(ctx: Context, locations: readonly SampledLocation[]): MachineSection['loop'] {
  const fn = ctx.d.loopFunction;
  if (!fn) return null;
  const byAddress = new Map<bigint, DisInstruction>();
  for (const listing of ctx.listings) for (const i of listing.instructions) if (i.function === fn) byAddress.set(i.address, i);
  const instructions = [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
  const first = instructions[0];
  if (!first || first.offset === null) return null;
  const start = first.address - BigInt(first.offset);
  const points = locations.filter((l) => l.function === fn).map((l) => ({ address: start + l.offset, role: l.role }));
  const range = findLoop(instructions, points);
  if (!range) {
    ctx.notes.push({ code: 'machine.noLoop', params: { function: fn } });
    return null;
  }
  if (range.method === 'sampled-span') ctx.notes.push({ code: 'machine.sampledSpan', params: { function: fn } });
  const seen = new Set<string>();
  const sourceLines = range.instructions
    .filter((i) => i.file && i.line)
    .map((i) => ({ file: i.file!, line: i.line! }))
    .filter((s) => !seen.has(`${s.file}:${s.line}`) && seen.add(`${s.file}:${s.line}`))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const at = (a: bigint) => byAddress.get(a);
  const loc = (i: DisInstruction | undefined) => (i && i.offset !== null ? `${fn}+0x${i.offset.toString(16)}` : null);
  return {
    function: fn,
    startAddress: hex(range.start),
    endAddress: hex(range.end),
    startLocation: loc(at(range.start)),
    endLocation: loc(at(range.end)),
    method: range.method,
    jump: range.jump?.text ?? null,
    sourceLines,
    lines: lineSpanText(sourceLines),
  };
}

/** Raw addresses symbolized: a RIP printed without a symbol, call-trace lines without one, and the stack words that point into kernel text. */
function symbolize(ctx: Context): MachineSection['symbolized'] {
  const table = ctx.table;
  const first = ctx.d.reports[0];
  if (!table || !first) return [];
  const slide = ctx.slides.get('') ?? 0n;
  const out: MachineSection['symbolized'] = [];
  const add = (where: MachineSection['symbolized'][number]['where'], word: string) => {
    const hit = table.lookup(parseHex(word) - slide);
    if (hit && !out.some((o) => o.address === hex(parseHex(word)))) out.push({ where, address: hex(parseHex(word)), symbol: symbolText(hit) });
  };
  if (first.rip && first.rip.offset === null && first.rip.address) add('rip', first.rip.address);
  for (const line of first.lines) {
    const frame = UNNAMED_FRAME_RE.exec(line.text);
    const address = frame?.[1] ?? frame?.[2];
    if (address) add('frame', address);
  }
  for (const word of first.stackWords) if (out.length < MAX_STACK_WORDS && /^[0-9a-f]{16}$/.test(word)) add('stack word', word);
  return out;
}

function excerpts(ctx: Context, mappings: readonly Mapping[], loop: MachineSection['loop']): MachineSection['sourceExcerpts'] {
  const tree = ctx.inputs?.source;
  if (!tree) return [];
  const mapped = new Map<string, Set<number>>();
  const loopLines = new Map<string, Set<number>>();
  const put = (into: Map<string, Set<number>>, s: { file: string; line: number } | null | undefined) => {
    if (s) into.set(s.file, (into.get(s.file) ?? new Set()).add(s.line));
  };
  for (const m of mappings) [m.source, m.previous?.source].forEach((s) => put(mapped, s));
  for (const s of loop?.sourceLines ?? []) put(loopLines, s);
  const files = [...new Set([...mapped.keys(), ...loopLines.keys()])];
  const out: MachineSection['sourceExcerpts'] = [];
  for (const file of files) {
    const excerpt = tree.excerpt(file, [...(mapped.get(file) ?? [])], loopLines.get(file) ?? new Set());
    if (excerpt) out.push({ ...excerpt, lines: [...excerpt.lines] });
    else ctx.notes.push({ code: 'machine.sourceMissing', params: { file, root: tree.root } });
  }
  return out;
}

/** Interrupt re-enable points the disassembly shows, except the one the Code: bytes already explained. */
function irqNotes(mappings: readonly Mapping[], explained: string | null): MachineNote[] {
  return mappings
    .filter((m) => m.role === 'rip' && m.location !== explained && m.via.some((v) => v.startsWith('dis')) && m.previous && isIrqEnableInstruction(m.previous.text))
    .map((m) => ({ code: 'machine.irqEnable', params: { location: m.location, previous: m.previous!.text, previousLocation: m.previous!.location } }));
}

function callNotes(mappings: readonly Mapping[]): MachineNote[] {
  return mappings
    .filter((m) => m.role === 'return' && m.previous && !m.previousInferred && !callTarget(m.previous.text).isCall)
    .map((m) => ({ code: 'machine.noCall', params: { location: m.location, previous: m.previous!.text } }));
}

/**
 * Reads the machine code of an incident: the first report's Code: bytes (unless `rejectedCode` holds the report), every sampled RIP and
 * return address mapped on the user's disassembly, symbols and debug info, the loop range and the
 * source lines. Null when there is nothing to read (no Code: line and no machine inputs).
 */
export function buildMachineSection(d: IncidentDraft, inputs: MachineInputs | undefined, rejectedCode: ReadonlySet<Report> = new Set()): UnsaidMachine | null {
  const syntax = inputs?.syntax ?? 'att';
  const decoder = new CodeDecoder(syntax, rejectedCode);
  const first = d.reports[0]!;
  const listing = decoder.listing(first);
  const hasInputs = Boolean(inputs && (inputs.listings.length > 0 || inputs.symbols || inputs.vmlinux || inputs.source));
  // A later report's own Code: bytes still map its RIP when the first report's are missing or rejected.
  if (!listing && !hasInputs && !d.reports.some((r) => decoder.listing(r))) return null;
  const table = inputs?.symbols?.table ?? inputs?.vmlinux?.table ?? null;
  const frames = d.reports.flatMap((r) => [...(r.rip ? [r.rip] : []), ...r.stack]);
  const slides = table ? deriveSlides(table, frames) : new Map<string, bigint>();
  const notes: MachineNote[] = [];
  const coreSlide = slides.get('') ?? 0n;
  if (coreSlide !== 0n) notes.push({ code: 'machine.kaslr', params: { offset: `${coreSlide < 0n ? '-' : ''}${hex(coreSlide < 0n ? -coreSlide : coreSlide)}` } });
  const locations = collectLocations(d);
  const listings = [...(inputs?.listings ?? []), ...vmlinuxListings(inputs, d.loopFunction, locations, notes)];
  const ctx: Context = { d, inputs, listings, decoder, slides, table, notes };
  const ripMapping = locations.map((l) => mapLocation(ctx, l));
  addLinesFromVmlinux(ctx, locations, ripMapping);
  const loop = loopOf(ctx, locations);
  // Offsets from the instruction at the marked byte or word.
  const marker = listing?.markerInstruction != null ? listing.instructions[listing.markerInstruction]!.offset : 0;
  const patterns = listing ? codePatterns(listing) : [];
  const explained = patterns.some((p) => p.kind === 'irq-enable') && first.rip?.offset ? `${first.rip.function}+${first.rip.offset}` : null;
  const symbolized = symbolize(ctx);
  const sourceExcerpts = excerpts(ctx, ripMapping, loop);
  // Read last: symbolizing and reading the source add notes.
  const allNotes = [...irqNotes(ripMapping, explained), ...callNotes(ripMapping), ...ctx.notes];
  return {
    syntax,
    codeArch: listing ? (first.code && armArchOf(first.code, first.registers)) ?? 'x86-64' : null,
    codeInstructions: (listing?.instructions ?? []).map((i, n) => ({
      address: listing!.addressKnown ? hex(i.address) : null, offset: i.offset - marker, bytes: i.bytes, text: i.text, rip: n === listing!.markerInstruction,
    })),
    codePatterns: patterns.map((p) => ({ ...p })),
    ripMapping,
    loop,
    symbolized,
    sourceExcerpts,
    noteMessages: allNotes,
  };
}
