import type { LogLine } from '../lines/types.js';
import type { IncidentKind } from '../result/kinds.js';
import { makeTitle } from '../result/kinds.js';
import { parseCommonFields } from './body.js';
import { interruptedFrames, pickCulprit, pickEntry, sampleStack, syscallOf } from './culprit.js';
import { corruption, type Corruption, type CorruptionCode } from './codes.js';
import type { Report, ReportBlock } from './types.js';

/**
 * Builds a report from a block with the shared body parser: CPU line, registers, RIP, trace, Code:.
 * Detectors call it and then add what is specific to their kind.
 */
export function buildReport(kind: IncidentKind, block: ReportBlock, alsoSkip?: (fn: string) => boolean): Report {
  const fields = parseCommonFields(block.lines);
  const frames = interruptedFrames(fields);
  const culprit = pickCulprit(sampleStack(fields.rip, frames), alsoSkip);
  const reasons: Corruption[] = [];
  if (block.droppedMessages) reasons.push(corruption('corruption.dropped'));
  reasons.push(...(block.damage ?? []));
  return {
    kind,
    ...fields,
    title: makeTitle(kind, culprit?.function),
    header: block.lines[block.headerIndex]!,
    lines: block.lines,
    stuckSeconds: null,
    culprit,
    entry: pickEntry(fields.rip, frames),
    corrupted: reasons.length > 0,
    corruption: reasons,
    details: fields.taintedBy !== null ? { taintedBy: fields.taintedBy } : {},
  };
}

/**
 * Takes the shared fields, culprit, entry and title from one part of the report: the dump of the CPU
 * or task a multi-CPU report (RCU stall, hard lockup with all-CPU backtraces) is about.
 */
export function useDump(report: Report, lines: readonly LogLine[], alsoSkip?: (fn: string) => boolean): void {
  const fields = parseCommonFields(lines);
  Object.assign(report, fields);
  const frames = interruptedFrames(fields);
  report.culprit = pickCulprit(sampleStack(fields.rip, frames), alsoSkip);
  report.entry = pickEntry(fields.rip, frames);
  report.title = makeTitle(report.kind, report.culprit?.function);
}

/** Records the system call a stuck task was in (`details.syscall`): stall reports are often filed under it. */
export function noteSyscall(report: Report): void {
  const call = syscallOf(interruptedFrames(report));
  if (call) report.details['syscall'] = call;
}

/** Marks a report corrupted, with the code of the reason (src/i18n says it). */
export function markCorrupted(report: Report, code: CorruptionCode, params: Corruption['params'] = {}): void {
  report.corrupted = true;
  report.corruption.push(corruption(code, params));
}

/** A negative PID is no task's: the header or dump that printed it is garbled (the report is read, and flagged). */
export function flagNegativePid(report: Report): void {
  if (report.pid !== null && report.pid < 0) markCorrupted(report, 'corruption.negativePid', { pid: report.pid });
}
