import type { IncidentKind } from '../result/kinds.js';
import { makeTitle } from '../result/kinds.js';
import { parseCommonFields } from './body.js';
import { pickCulprit, pickEntry, sampleStack } from './culprit.js';
import type { Report, ReportBlock } from './types.js';

/**
 * Builds a report from a block with the shared body parser: CPU line, registers, RIP, trace, Code:.
 * Detectors call it and then add what is specific to their kind.
 */
export function buildReport(kind: IncidentKind, block: ReportBlock): Report {
  const fields = parseCommonFields(block.lines);
  const frames = sampleStack(fields.rip, fields.stack);
  const culprit = pickCulprit(frames);
  const corruptionReasons: string[] = [];
  if (block.droppedMessages) corruptionReasons.push('printk messages were dropped inside the report');
  return {
    kind,
    ...fields,
    title: makeTitle(kind, culprit?.function),
    header: block.lines[block.headerIndex]!,
    lines: block.lines,
    stuckSeconds: null,
    culprit,
    entry: pickEntry(fields.stack),
    corrupted: corruptionReasons.length > 0,
    corruptionReasons,
    details: {},
  };
}

/** Marks a report corrupted with a reason a person can read. */
export function markCorrupted(report: Report, reason: string): void {
  report.corrupted = true;
  report.corruptionReasons.push(reason);
}
