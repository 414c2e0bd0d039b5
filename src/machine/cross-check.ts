import type { CodeBytes, Frame, Report } from '../reports/types.js';
import type { InnerMessage } from '../result/schema.js';
import { decodeX86 } from './x86-decode.js';

// A report's Code: bytes surround its own RIP. Two reports of one kernel whose bytes contradict each other
// (the same bytes for different RIPs, different bytes at one address, an instruction of one decode running
// over the other's RIP) cannot both be right, and nothing tells which is: neither is decoded.

/** A report, and what makes its addresses comparable with another's (host and kernel). */
export interface PlacedReport {
  readonly report: Report;
  readonly scope: string;
}

/** The outcome: reports whose Code: line is not to be decoded, and why (one message per contradiction). */
export interface CodeCheck {
  readonly rejected: ReadonlySet<Report>;
  readonly conflicts: readonly CodeConflict[];
}

export interface CodeConflict {
  readonly message: InnerMessage;
  readonly reports: readonly Report[];
}

export const NO_CODE_CHECK: CodeCheck = { rejected: new Set(), conflicts: [] };

/** Reports with the same Code: line and the same RIP: one is compared for all. */
interface Variant {
  readonly members: Report[];
  readonly rip: string;
  /** Where the RIP lies: its function (with module), else the raw address space. */
  readonly anchor: string | null;
  /** The RIP's offset in the function (or its address), in bytes. */
  readonly at: bigint | null;
  /** Bytes (or ARM words) by their distance from the RIP. */
  readonly cells: ReadonlyMap<number, string>;
  readonly code: CodeBytes;
}

/** Items grouped by a key, in first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

const ripText = (rip: Frame) => `${rip.function}${rip.offset ? `+${rip.offset}` : ''}`;
const hex = (n: bigint) => `0x${n.toString(16)}`;

/** `path:line` of the report's Code: line (of its header if it has none). */
function codeLineRef(r: Report): string {
  const line = r.lines.find((l) => /\bCode: /.test(l.text)) ?? r.header;
  return `${line.path}:${line.lineNo}`;
}

/** Each byte or word of a Code: line keyed by its distance in bytes from the marked one. */
function cellsOf(code: CodeBytes): Map<number, string> {
  const cells = new Map<number, string>();
  if (code.markerIndex === null) return cells;
  if (code.unit === 'byte') {
    code.bytes.forEach((b, n) => cells.set(n - code.markerIndex!, b.toString(16).padStart(2, '0')));
    return cells;
  }
  const size = (w: string) => w.length / 2;
  let distance = -code.words.slice(0, code.markerIndex).reduce((sum, w) => sum + size(w), 0);
  for (const w of code.words) {
    cells.set(distance, w);
    distance += size(w);
  }
  return cells;
}

function variantsOf(reports: readonly Report[]): Variant[] {
  const byKey = new Map<string, Variant>();
  for (const r of reports) {
    const rip = r.rip;
    // Without its RIP parsed, a report's bytes surround nothing known (a user-space RIP, a report that keeps none).
    if (!r.code || !rip) continue;
    const key = `${ripText(rip)}|${rip.address ?? ''}|${r.code.raw}`;
    const known = byKey.get(key);
    if (known) {
      known.members.push(r);
      continue;
    }
    const anchor = rip.offset !== null ? `${rip.module ?? ''}|${rip.function}` : rip.address !== null ? '*' : null;
    const at = rip.offset !== null ? BigInt(rip.offset) : rip.address !== null ? BigInt(`0x${rip.address.replace(/^0x/, '')}`) : null;
    byKey.set(key, { members: [r], rip: ripText(rip), anchor, at, cells: cellsOf(r.code), code: r.code });
  }
  return [...byKey.values()];
}

/** The same bytes printed for different RIPs: copied from one report into another. */
function sameBytes(variants: readonly Variant[]): CodeConflict[] {
  return groupBy(variants, (v) => v.code.raw)
    .filter((list) => new Set(list.map((v) => v.rip)).size > 1)
    .map((list) => ({
      message: { code: 'note.code.copied', params: { locations: list.map((v) => v.rip), lines: list.map((v) => codeLineRef(v.members[0]!)) } },
      reports: list.flatMap((v) => v.members),
    }));
}

const where = (v: Variant, position: bigint) => (v.anchor === '*' ? hex(position) : `${v.anchor!.split('|')[1]}+${hex(position)}`);

/** Code: lines around RIPs of one function that print different bytes at one address: all that cover it are in doubt. */
function differentBytes(variants: readonly Variant[]): CodeConflict[] {
  // Per address, each value printed there and the variants that printed it, in the order seen.
  const byAddress = new Map<string, { position: bigint; anchor: Variant; values: Map<string, Variant[]> }>();
  for (const v of variants) {
    if (v.anchor === null || v.at === null) continue;
    for (const [distance, value] of v.cells) {
      const position = v.at + BigInt(distance);
      const key = `${v.anchor}|${position}`;
      const entry = byAddress.get(key) ?? byAddress.set(key, { position, anchor: v, values: new Map() }).get(key)!;
      const list = entry.values.get(value);
      if (list) list.push(v);
      else entry.values.set(value, [v]);
    }
  }
  const conflicts: CodeConflict[] = [];
  const clashing = new Set<Variant>();
  for (const { position, anchor, values } of byAddress.values()) {
    if (values.size < 2) continue;
    const involved = [...values.values()].flat();
    // One message per set of reports in doubt, at the first address they disagree on.
    if (involved.every((v) => clashing.has(v))) continue;
    involved.forEach((v) => clashing.add(v));
    const [[aValue, aList], [bValue, bList]] = [...values.entries()] as [[string, Variant[]], [string, Variant[]]];
    const [a, b] = [aList[0]!, bList[0]!];
    conflicts.push({
      message: { code: 'note.code.differ', params: { at: where(anchor, position), a: a.rip, aLine: codeLineRef(a.members[0]!), aValue, b: b.rip, bLine: codeLineRef(b.members[0]!), bValue } },
      reports: involved.flatMap((v) => v.members),
    });
  }
  return conflicts;
}

/** x86 instructions decoded from the marked byte on, as [start, end) distances from the RIP; the last, maybe cut off, left out. */
function instructionsFromRip(v: Variant): { start: number; end: number; text: string }[] {
  if (v.code.unit !== 'byte' || v.code.markerIndex === null) return [];
  const bytes = Uint8Array.from(v.code.bytes.slice(v.code.markerIndex));
  return decodeX86(bytes, 0n)
    .filter((i) => !i.invalid && i.offset + i.length < bytes.length)
    .map((i) => ({ start: i.offset, end: i.offset + i.length, text: i.text }));
}

/** A RIP that another report's bytes, decoded from its own RIP on, put inside an instruction: the two decodes of that address disagree. */
function splitInstructions(variants: readonly Variant[]): CodeConflict[] {
  const conflicts: CodeConflict[] = [];
  const anchored = variants.filter((v) => v.anchor !== null && v.at !== null && v.code.unit === 'byte');
  // One variant per RIP address: an instruction's inner bytes are looked up, not compared with every RIP.
  const ripAt = new Map(anchored.map((v) => [`${v.anchor}|${v.at}`, v]));
  // Only functions with RIPs at two addresses or more are decoded.
  const several = new Set(groupBy(anchored, (v) => v.anchor!).filter((list) => new Set(list.map((v) => v.at)).size > 1).map((list) => list[0]!.anchor));
  const clashing = new Set<Variant>();
  for (const v of anchored) {
    if (clashing.has(v) || !several.has(v.anchor)) continue;
    const inside = (i: { start: number; end: number }) => {
      for (let d = i.start + 1; d < i.end; d++) {
        const other = ripAt.get(`${v.anchor}|${v.at! + BigInt(d)}`);
        if (other && !clashing.has(other)) return other;
      }
      return null;
    };
    for (const i of instructionsFromRip(v)) {
      const other = inside(i);
      if (!other) continue;
      clashing.add(v).add(other);
      conflicts.push({
        message: { code: 'note.code.split', params: { at: where(v, v.at! + BigInt(i.start)), instruction: i.text, a: v.rip, aLine: codeLineRef(v.members[0]!), b: other.rip, bLine: codeLineRef(other.members[0]!) } },
        reports: [...v.members, ...other.members],
      });
      break;
    }
  }
  return conflicts;
}

/** Cross-checks the Code: lines of reports that share a scope (host and kernel): see the top of this file. */
export function crossCheckCode(placed: readonly PlacedReport[]): CodeCheck {
  const conflicts: CodeConflict[] = [];
  for (const scope of groupBy(placed.filter((p) => p.report.code), (p) => p.scope)) {
    const variants = variantsOf(scope.map((p) => p.report));
    if (variants.length < 2) continue;
    conflicts.push(...sameBytes(variants), ...differentBytes(variants), ...splitInstructions(variants));
  }
  return { rejected: new Set(conflicts.flatMap((c) => c.reports)), conflicts };
}
