import type { LogLine } from '../lines/types.js';
import { makeTitle } from '../result/kinds.js';
import { isRipLine, parseCommonFields, parseRipLine } from './body.js';
import { pickCulprit } from './culprit.js';
import { markCorrupted } from './report.js';
import { parseSymbol, refOf } from './frames.js';
import type { Frame, FunctionRef, Report } from './types.js';

// Reports with several parts (sanitizers, lockdep, WARNINGs after a panic_on_warn dump) blame the
// stack of one part: these helpers cut that part out and pick the culprit in it.

/**
 * A panic printed between a report's header and its trace: panic_on_warn (4.x kernels), or a panic the
 * report itself raises. The dump that follows is the report's, so the panic line stays inside it.
 */
export const PANIC_INSIDE_REPORT_RE = /Kernel panic - not syncing: (?:panic_on_warn set|scheduling while atomic|kernel: panic_on_warn set)/;

/** Index of the first line from `from` on whose message (leading spaces ignored) matches; -1 when none. */
export function findLine(lines: readonly LogLine[], re: RegExp, from = 0): number {
  for (let i = Math.max(0, from); i < lines.length; i++) if (re.test(lines[i]!.text.trimStart())) return i;
  return -1;
}

/** The first match of `re` among the messages of a report's lines (leading and trailing spaces ignored). */
export function firstMatch(lines: readonly LogLine[], re: RegExp): RegExpExecArray | null {
  for (const line of lines) {
    const m = re.exec(line.text.trim());
    if (m) return m;
  }
  return null;
}

/** Where in a report the blamed stack is printed. */
export interface StackPart {
  /** The part starts at the first line matching this (default: the report's first line). */
  readonly from?: RegExp;
  /** The part ends before the first line after its start matching this (default: the report's end). */
  readonly until?: RegExp;
  /** Frames generic for this kind of report only, skipped besides the generic ones. */
  readonly skip?: (fn: string) => boolean;
  /** The part is an exception's: blame its RIP/pc and the frames after it (WARNINGs), not the frames of the reporting path. */
  readonly atRip?: boolean;
}

/** The lines of one part of a report; empty when its start line is missing. */
export function partOf(lines: readonly LogLine[], part: StackPart): readonly LogLine[] {
  const start = part.from ? findLine(lines, part.from) : 0;
  if (start < 0) return [];
  const end = part.until ? findLine(lines, part.until, start + 1) : -1;
  return lines.slice(start, end < 0 ? lines.length : end);
}

/**
 * The frames of a part, innermost first. With `atRip`, the interrupted kernel context: its RIP/pc and the
 * frames printed after that line (4.x kernels print the reporting path of a WARNING before the RIP line).
 */
export function faultStack(lines: readonly LogLine[], atRip = false): FaultStack {
  const ripIndex = !atRip ? -1 : lines.findIndex((l) => isRipLine(l.text.trimStart()) && parseRipLine(l.text.trimStart()));
  if (ripIndex >= 0) {
    const after = parseCommonFields(lines.slice(ripIndex + 1)).stack;
    const rip = parseRipLine(lines[ripIndex]!.text.trimStart());
    // The frames after the RIP line are the interrupted context's alone: none of them is the reporter's.
    if (after.length > 0) return { rip, stack: after, reporterFrames: 0 };
    return { rip, ...stackOf(lines) };
  }
  return { rip: null, ...stackOf(lines) };
}

/** A part's stack, and how many of its first frames are the reporting interrupt's (see ReportFields.reporterFrames). */
export interface FaultStack {
  readonly rip: Frame | null;
  readonly stack: Frame[];
  readonly reporterFrames: number;
}

function stackOf(lines: readonly LogLine[]): { stack: Frame[]; reporterFrames: number } {
  const { stack, reporterFrames } = parseCommonFields(lines);
  return { stack, reporterFrames };
}

/** The function of a `func+0x1/0x2` symbol text, as a reference. */
export function symbolRef(text: string): FunctionRef | null {
  const sym = parseSymbol(text);
  return sym ? refOf(sym) : null;
}

/**
 * Blames the stack of one part of the report: sets its RIP, stack, culprit and title. `fallback`
 * (usually the function the header names) is the culprit when the part has no usable frame past generic code.
 */
export function blamePart(report: Report, part: StackPart, fallback: FunctionRef | null = null): void {
  const lines = partOf(report.lines, part);
  // Without its start line (dropped or interleaved away) the part may still be somewhere in the report.
  const { rip, stack, reporterFrames } = faultStack(lines.length > 0 ? lines : partOf(report.lines, { ...part, from: undefined }), part.atRip ?? false);
  if (rip || stack.length > 0) {
    report.rip = rip;
    report.stack = stack;
    // (the count parsed from the whole report would cut the part's own stack a second time)
    report.reporterFrames = reporterFrames;
  }
  report.culprit = pickCulprit(rip ? [rip, ...stack] : stack, part.skip, fallback);
  report.title = makeTitle(report.kind, report.culprit?.function);
  flagFaultInjection(report);
}

// `should_fail+0x.../0x...`, `should_failslab.cold.1+0x...`: the stack fault injection prints when it fails a call.
const FAULT_INJECTION_FRAME_RE = /^\s*(?:\[<?[0-9a-fx]+>?\] )?(?:\? )?should_fail(?:slab|_usercopy|_alloc_page)?(?:\.[\w.]+)?\+0x/;

/**
 * Fault injection (syzkaller's fail_nth) dumps its own stack; when its frames are inside a report, two stacks
 * are mixed and the report cannot be trusted frame by frame.
 */
export function flagFaultInjection(report: Report): void {
  if (report.lines.some((l) => FAULT_INJECTION_FRAME_RE.test(l.text))) markCorrupted(report, 'corruption.faultInjection');
}
