import type { PartialReason } from '../result/kinds.js';
import { parseCommonFields } from './body.js';
import { buildReport } from './report.js';
import type { Fragment } from './segmenter.js';
import type { Report, ReportBlock } from './types.js';

/**
 * Lines after which a register dump is printed on purpose, not by a crash: an NMI backtrace of every CPU (lockup
 * and stall reports, sysrq-l) and sysrq's show-regs. Such dumps carry a RIP, registers and a trace too.
 */
const DELIBERATE_DUMP_AFTER_RE = /^(?:NMI backtrace for cpu \d|Sending NMI from CPU \d|(?:sysrq|SysRq ?): ?Show Regs)/;

/**
 * A register an exception sets, printed in the dump: x86 `CR2: 0000000000000010` (page-fault address), powerpc
 * `DAR: 0000000000000000` (data address), arm `FAR = 0x0000000000000008` (fault address).
 */
const FAULT_ADDRESS_RE = /(?:^|\s)(?:CR2|DAR|FAR) ?[:=] ?(?:0x)?[0-9a-fA-F]{1,16}\b/;

/**
 * Whether a register dump printed without a report header is what is left of an oops: a CPU line, a call trace, and
 * a fault address (a fault-address register, or the interrupted instruction with its `Code:` bytes), and not a dump
 * printed on purpose (an NMI backtrace or sysrq show-regs, which one of the lines before it opens).
 */
export function isHeaderlessOops(fragment: Fragment): boolean {
  if (fragment.after.some((text) => DELIBERATE_DUMP_AFTER_RE.test(text.trimStart()))) return false;
  const fields = parseCommonFields(fragment.lines);
  if (fields.cpu === null || fields.stack.length === 0) return false;
  return fragment.lines.some((l) => FAULT_ADDRESS_RE.test(l.text)) || (fields.rip !== null && fields.code !== null);
}

/**
 * A report of kind `oops` from the lines of a crash whose header no detector read, marked partial with `reason`.
 * The culprit is picked from its RIP and trace like any report's.
 */
export function partialReport(block: ReportBlock, reason: PartialReason): Report {
  const report = buildReport('oops', block);
  report.partial = reason;
  return report;
}

/** Whether a dump opened by a header-shaped line no detector reads holds a register dump or a trace after that line. */
export function isUnknownHeaderDump(fragment: Fragment): boolean {
  if (!fragment.unknownHeader) return false;
  const fields = parseCommonFields(fragment.lines.slice(1));
  return fields.pid !== null || fields.rip !== null || fields.stack.length > 0;
}
