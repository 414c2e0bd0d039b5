import { isStackBottomFrame } from '../knowledge/frames.js';
import { makeTitle, STUCK_KINDS, type IncidentKind } from '../result/kinds.js';
import { parseFrameLine } from './frames.js';
import { detailMessage, type CorruptionCode } from './codes.js';
import { PANIC_INSIDE_REPORT_RE } from './sections.js';
import { buildReport, flagNegativePid, markCorrupted, noteSyscall } from './report.js';
import type { BodyPolicy, Detector, DetectorMeta, Report, ReportBlock } from './types.js';

/** What a detector whose report is opened by one header line needs to say. */
export interface HeaderDetectorSpec {
  readonly kind: IncidentKind;
  readonly meta: DetectorMeta;
  readonly header: RegExp;
  readonly body?: BodyPolicy;
  readonly bodyLines?: readonly RegExp[];
  readonly absorbs?: readonly RegExp[];
  readonly absorbsOnce?: boolean;
  readonly multipleDumps?: boolean;
  readonly traceFrom?: RegExp;
  readonly endsAt?: RegExp;
  /** A report of this kind normally carries registers or a trace; without both it was cut off. */
  readonly expectsTrace?: boolean;
  /** Its trace is cut to a fixed depth by design (kmemleak's 16 frames): it need not reach where the stack begins. */
  readonly boundedTrace?: boolean;
  /** Frames not to blame in reports of this kind only (see pickCulprit). */
  readonly culpritSkip?: (fn: string) => boolean;
  /** A header that names a more precise kind than the detector's (a BUG in lib/list_debug.c is a list corruption). */
  readonly kindOf?: (match: RegExpExecArray) => IncidentKind;
  /** Adds kind-specific facts (details, culprit overrides) from the header match and the report; null: no report after all. */
  readonly describe?: (match: RegExpExecArray, report: Report, block: ReportBlock) => void | null;
}

/** Why a report that should carry a call trace cannot be trusted to show it whole; null when it can. */
function traceDamage(report: Report, block: ReportBlock): CorruptionCode | null {
  if (report.stack.length === 0) {
    if (!report.rip) return 'corruption.cut.beforeRegisters';
    // A RIP that is a bare address (a jump to garbage) with no trace leaves nothing to blame.
    if (report.rip.function.startsWith('0x')) return 'corruption.noKernelFunction';
    return block.truncated ? 'corruption.logEnds.beforeTrace' : null;
  }
  return null;
}

/** Whether the input ended while the trace was printed: its last line is a frame, and not one where a stack begins. */
function endsInsideTrace(report: Report, block: ReportBlock): boolean {
  const outermost = report.stack[report.stack.length - 1];
  return outermost !== undefined && parseFrameLine(block.lines[block.lines.length - 1]!.text, null) !== null && !isStackBottomFrame(outermost.function);
}

/**
 * Checks the trace of a report of a kind that prints one: flags it when it is missing or leaves nothing to blame,
 * and says so (not as damage: the frames printed still blame) when the log ends inside it. `bounded`: the trace
 * stops at a fixed depth by design, so not reaching a stack's start says nothing.
 */
export function checkTrace(report: Report, block: ReportBlock, bounded = false): void {
  const damage = report.corrupted ? null : traceDamage(report, block);
  if (damage) markCorrupted(report, damage);
  if (!bounded && block.truncated && endsInsideTrace(report, block)) report.details['trace'] = detailMessage('detail.trace.cut');
}

/**
 * A detector for reports opened by one header line and parsed with the shared body parser
 * (oopses, lockups, stalls): the spec adds what is specific to the kind.
 */
export function defineHeaderDetector(spec: HeaderDetectorSpec): Detector {
  const header = spec.header;
  return {
    kind: spec.kind,
    meta: spec.meta,
    header,
    body: spec.body ?? 'trace',
    ...(spec.bodyLines ? { bodyLines: spec.bodyLines } : {}),
    // A marker report (sanitizers, lockdep, kmemleak...) takes the panic that panic_on_warn or a sleep in atomic context adds to it.
    ...(spec.body === 'marker' ? { absorbs: [PANIC_INSIDE_REPORT_RE, ...(spec.absorbs ?? [])] } : spec.absorbs ? { absorbs: spec.absorbs } : {}),
    ...(spec.absorbsOnce ? { absorbsOnce: true } : {}),
    ...(spec.multipleDumps ? { multipleDumps: true } : {}),
    ...(spec.traceFrom ? { traceFrom: spec.traceFrom } : {}),
    ...(spec.endsAt ? { endsAt: spec.endsAt } : {}),
    detect(block) {
      const match = header.exec(block.lines[block.headerIndex]!.text);
      if (!match) return null;
      const report = buildReport(spec.kindOf?.(match) ?? spec.kind, block, spec.culpritSkip);
      const { culprit, title } = report;
      if (spec.describe?.(match, report, block) === null) return null;
      // A culprit the detector changed is named in the title, unless it wrote a title of its own.
      if (report.culprit !== culprit && report.title === title) report.title = makeTitle(report.kind, report.culprit?.function);
      if (STUCK_KINDS.has(report.kind)) noteSyscall(report);
      if (spec.expectsTrace ?? true) checkTrace(report, block, spec.boundedTrace);
      flagNegativePid(report);
      return report;
    },
  };
}
