import type { LogLine } from '../lines/types.js';
import { isRipLine, isStackWordsLine, parseCpuLine, parseRipLine } from './body.js';
import { parseFrameLine } from './frames.js';

/**
 * Reassembly of reports printed at the same moment by several CPUs. Without printk caller tags,
 * the lines of two watchdog reports printed together interleave one by one; this module decides
 * which open report a line belongs to, from what the line is (CPU line, RIP, register, frame...),
 * the order every register dump follows (header, CPU line, RIP, then registers/trace/Code:), and
 * what earlier reports of the same CPU and task printed. A CPU, RIP, frame or Code: line it cannot
 * attribute with confidence is kept out of every report, and those reports are flagged.
 */

/** What a report line is, as far as attributing it goes. */
export type LineRole =
  | { readonly kind: 'cpu'; readonly cpu: number; readonly pid: number }
  | { readonly kind: 'rip'; readonly fn: string | null }
  | { readonly kind: 'frame'; readonly fn: string | null; readonly address: string | null }
  | { readonly kind: 'code' }
  | { readonly kind: 'once'; readonly name: string }
  | { readonly kind: 'words' }
  | { readonly kind: 'other' };

/** Lines whose misattribution would change what a report says (who, where, which stack). */
const IDENTITY_ROLES: ReadonlySet<LineRole['kind']> = new Set(['cpu', 'rip', 'frame', 'code']);

// One-shot lines of a register dump, named by their first word (`RAX`, `task`, `Modules linked in`...).
const ONCE_RE = /^(Modules linked in|Hardware name|task|Stack|Call [Tt]race|Backtrace|Workqueue|[A-Z][A-Z0-9]{1,3}|ORIG_RAX|x\d{1,2}|sp|lr|pstate)\s?:/;

/** Classifies one kernel line of a report body. */
export function lineRole(text: string): LineRole {
  const trimmed = text.trimStart();
  const cpu = parseCpuLine(trimmed);
  if (cpu && cpu.cpu !== null && cpu.pid !== null) return { kind: 'cpu', cpu: cpu.cpu, pid: cpu.pid };
  if (isRipLine(trimmed)) return { kind: 'rip', fn: parseRipLine(trimmed)?.function ?? null };
  if (trimmed.startsWith('Code: ')) return { kind: 'code' };
  const frame = parseFrameLine(text, null);
  if (frame) return { kind: 'frame', fn: frame.frame?.function ?? null, address: frame.frame?.address ?? null };
  if (isStackWordsLine(text)) return { kind: 'words' };
  const once = ONCE_RE.exec(trimmed);
  return once ? { kind: 'once', name: once[1]! } : { kind: 'other' };
}

/** A report header's own claim of whose report it is: `CPU#12 ... [comm:pid]`, `CPU: 1 PID: 42 at ...`. */
export interface HeaderClaim {
  readonly cpu: number | null;
  readonly pid: number | null;
}

export function headerClaim(text: string): HeaderClaim {
  const cpu = /\bCPU[#:]?\s?(\d{1,5})\b/i.exec(text);
  const task = /\[[^\]]{0,64}:(\d{1,10})\]|\bPID: (\d{1,10})\b/.exec(text);
  return { cpu: cpu ? Number(cpu[1]) : null, pid: task ? Number(task[1] ?? task[2]) : null };
}

/** What a report being assembled has taken so far, for attributing the next lines. */
export interface Assembly {
  readonly claim: HeaderClaim;
  /** printk caller tag of the header (`T123`, `C4`), when the log has them. */
  readonly caller: string | null;
  /** One-shot lines taken (`cpu`, `rip`, `code`, `RAX`...): whether a dump has printed its CPU line or Code:. */
  readonly seen: Set<string>;
  readonly stackWords: Set<string>;
  /** The first RIP line taken. */
  ripLine: string | null;
  /** For each line taken, in order, the function of a RIP or frame line (null for other lines): what StackHistory.learn keeps of it. */
  readonly functions: (string | null)[];
  /** Set when lines were withheld because they could have been another report's. */
  ambiguous: boolean;
}

export function newAssembly(header: LogLine): Assembly {
  return { claim: headerClaim(header.text), caller: header.caller, seen: new Set(), stackWords: new Set(), ripLine: null, functions: [], ambiguous: false };
}

/**
 * What earlier reports of one CPU and task printed: their functions (RIPs, frames) and their body
 * lines. A stuck task repeats its stack, registers and Code: bytes from one report to the next.
 */
export class StackHistory {
  /** By task: the functions of its RIPs and frames, and its body lines (trimmed; two sets, so that no key string is made). */
  private readonly byTask = new Map<string, { readonly functions: Set<string>; readonly lines: Set<string> }>();
  /** Bounds for a log with thousands of tasks reporting. */
  private static readonly MAX_TASKS = 256;
  private static readonly MAX_ENTRIES = 2048;

  private static key(claim: HeaderClaim): string | null {
    return claim.cpu === null && claim.pid === null ? null : `${claim.cpu}/${claim.pid}`;
  }

  /** Learns a report's body lines (`lines` but the header), with the functions its assembly read of them (Assembly.functions). */
  learn({ claim, functions }: Pick<Assembly, 'claim' | 'functions'>, lines: readonly LogLine[]): void {
    const key = StackHistory.key(claim);
    if (key === null) return;
    let seen = this.byTask.get(key);
    if (!seen) {
      if (this.byTask.size >= StackHistory.MAX_TASKS) return;
      seen = { functions: new Set(), lines: new Set() };
      this.byTask.set(key, seen);
    }
    for (let i = 1; i < lines.length; i++) {
      if (seen.functions.size + seen.lines.size >= StackHistory.MAX_ENTRIES) break;
      const fn = functions[i - 1];
      if (fn) seen.functions.add(fn);
      seen.lines.add(lines[i]!.text.trim());
    }
  }

  /** Whether earlier reports of the claimed task showed this function or printed this very line. */
  knows(claim: HeaderClaim, role: LineRole, text: string): boolean {
    const seen = this.seenOf(claim);
    if (!seen) return false;
    if ((role.kind === 'rip' || role.kind === 'frame') && role.fn && seen.functions.has(role.fn)) return true;
    return seen.lines.has(text.trim());
  }

  isNew(claim: HeaderClaim): boolean {
    const seen = this.seenOf(claim);
    return !seen || seen.functions.size + seen.lines.size === 0;
  }

  private seenOf(claim: HeaderClaim): { readonly functions: ReadonlySet<string>; readonly lines: ReadonlySet<string> } | null {
    const key = StackHistory.key(claim);
    return key === null ? null : (this.byTask.get(key) ?? null);
  }
}

function seenKey(role: LineRole): string | null {
  switch (role.kind) {
    case 'cpu':
    case 'rip':
    case 'code':
      return role.kind;
    case 'once':
      return role.name;
    default:
      return null;
  }
}

/**
 * Evidence that the line is this report's: its CPU, its stack words, what its task printed before.
 * (Not stack addresses in registers: a waiter's registers point into the stack of the task it waits for.)
 */
function evidenceFor(a: Assembly, role: LineRole, text: string, history: StackHistory): boolean {
  // The task is the surer mark: a WARNING's header and its dump can name different CPUs when the task moved.
  if (role.kind === 'cpu') return a.claim.pid !== null ? a.claim.pid === role.pid : a.claim.cpu === role.cpu;
  if (role.kind === 'frame' && role.address !== null && a.stackWords.has(role.address)) return true;
  return history.knows(a.claim, role, text);
}

/**
 * Whether an unknown line may be given to the one task without history: a function (a stuck task
 * shows the same ones), or Code: bytes when every other report is at a RIP its task printed before
 * (the same RIP gives the same Code: bytes, so theirs would be known).
 */
function freshMayOwn(open: readonly Assembly[], role: LineRole, history: StackHistory): boolean {
  if (role.kind === 'rip' || role.kind === 'frame') return role.fn !== null;
  if (role.kind !== 'code') return false;
  return open.every((a) => history.isNew(a.claim) || (a.ripLine !== null && history.knows(a.claim, { kind: 'other' }, a.ripLine)));
}

export type Attribution = { readonly to: number } | { readonly withheld: readonly number[]; readonly damaging: boolean };

/**
 * Picks which of the open reports takes a body line (by index), or withholds a line that could be
 * any of several reports'. Only evidence decides, never the usual order of a dump (a 5.x report
 * prints a second RIP and Code: for the user registers). Withholding a CPU, RIP, frame or Code: line
 * damages those reports; other lines (registers, Modules linked in, Call Trace:...) are left out quietly.
 */
export function attribute(open: readonly Assembly[], text: string, history: StackHistory): Attribution {
  const role = lineRole(text);
  const all = open.map((_, i) => i);
  const withEvidence = all.filter((i) => evidenceFor(open[i]!, role, text, history));
  if (withEvidence.length === 1) return { to: withEvidence[0]! };
  if (withEvidence.length === 0 && freshMayOwn(open, role, history)) {
    // A stuck task repeats itself: what no open report's task showed before is the new task's.
    const fresh = all.filter((i) => history.isNew(open[i]!.claim));
    if (fresh.length === 1) return { to: fresh[0]! };
  }
  return { withheld: withEvidence.length > 1 ? withEvidence : all, damaging: IDENTITY_ROLES.has(role.kind) };
}

/** Records what an attributed line tells about its report. */
export function take(a: Assembly, text: string): LineRole {
  const role = lineRole(text);
  const key = seenKey(role);
  if (key !== null) a.seen.add(key);
  if (role.kind === 'words') for (const w of text.trim().split(/\s+/)) a.stackWords.add(w);
  if (role.kind === 'rip') a.ripLine ??= text;
  a.functions.push(role.kind === 'rip' || role.kind === 'frame' ? role.fn : null);
  return role;
}
