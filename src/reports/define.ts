import { STUCK_KINDS, type IncidentKind } from '../result/kinds.js';
import { buildReport, markCorrupted, noteSyscall } from './report.js';
import type { BodyPolicy, Detector, DetectorMeta, Report, ReportBlock } from './types.js';

/** What a detector whose report is opened by one header line needs to say. */
export interface HeaderDetectorSpec {
  readonly kind: IncidentKind;
  readonly meta: DetectorMeta;
  readonly header: RegExp;
  readonly body?: BodyPolicy;
  readonly bodyLines?: readonly RegExp[];
  readonly absorbs?: readonly RegExp[];
  readonly multipleDumps?: boolean;
  readonly traceFrom?: RegExp;
  /** A report of this kind normally carries registers or a trace; without both it was cut off. */
  readonly expectsTrace?: boolean;
  /** A header that names a more precise kind than the detector's (a BUG in lib/list_debug.c is a list corruption). */
  readonly kindOf?: (match: RegExpExecArray) => IncidentKind;
  /** Adds kind-specific facts (details, culprit overrides) from the header match and the report. */
  readonly describe?: (match: RegExpExecArray, report: Report, block: ReportBlock) => void;
}

/**
 * A detector for reports opened by one header line and parsed with the shared body parser
 * (oopses, lockups, stalls): the spec adds what is specific to the kind.
 */
export function defineHeaderDetector(spec: HeaderDetectorSpec): Detector {
  return {
    kind: spec.kind,
    meta: spec.meta,
    header: spec.header,
    body: spec.body ?? 'trace',
    ...(spec.bodyLines ? { bodyLines: spec.bodyLines } : {}),
    ...(spec.absorbs ? { absorbs: spec.absorbs } : {}),
    ...(spec.multipleDumps ? { multipleDumps: true } : {}),
    ...(spec.traceFrom ? { traceFrom: spec.traceFrom } : {}),
    detect(block) {
      const match = spec.header.exec(block.lines[block.headerIndex]!.text);
      if (!match) return null;
      const report = buildReport(spec.kindOf?.(match) ?? spec.kind, block);
      spec.describe?.(match, report, block);
      if (STUCK_KINDS.has(report.kind)) noteSyscall(report);
      if ((spec.expectsTrace ?? true) && !report.rip && report.stack.length === 0 && !report.corrupted) {
        markCorrupted(report, 'report cut off before its registers and call trace');
      }
      return report;
    },
  };
}
