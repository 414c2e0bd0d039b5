import type { LogLine } from '../lines/types.js';
import { consequencePanic } from '../knowledge/panics.js';
import type { Report } from '../reports/types.js';
import { buildReport } from '../reports/report.js';
import { makeTitle, type IncidentKind } from '../result/kinds.js';
import { secondsFrom, type IncidentDraft } from './incidents.js';

/** A report that ends at most this many seconds before a panic is what the panic follows; so are reports printed this close one after the other. */
export const PANIC_FOLLOWS_SECONDS = 5;

/** What a panic is the consequence of. */
export interface PanicCause {
  /** The panic incident. */
  readonly panic: string;
  /** The incident the panic is linked to (causedBy). */
  readonly cause: string;
  /** Every incident of the run printed just before the panic that it restates, in time order (several blocked tasks). */
  readonly causes: readonly string[];
  /** Which of `causes` is `cause`: the first of the run (khungtaskd's pass) or the last (the oops that died). */
  readonly pick: 'first' | 'last';
  /** The panic reason names what it restates (`Fatal exception`, `hung_task: blocked tasks`): it takes the cause's culprit. */
  readonly restates: boolean;
}

/** A candidate cause's report printed before the panic: where it starts and ends. */
interface Printed {
  readonly draft: IncidentDraft;
  readonly start: LogLine;
  readonly end: LogLine;
}

/** Whether `later` comes within PANIC_FOLLOWS_SECONDS after `earlier` (or after it in the same input when there is no clock). */
function follows(earlier: LogLine, later: LogLine): boolean {
  const gap = secondsFrom(earlier, later);
  if (gap === null) return earlier.path === later.path && earlier.lineNo < later.lineNo;
  // (-1: the last line of a report may carry the same second as the panic, or a clock a tick behind)
  return gap >= -1 && gap <= PANIC_FOLLOWS_SECONDS;
}

/** Whether a line comes before another (by clock, else by place in the same input). */
function before(a: LogLine, b: LogLine): boolean {
  const gap = secondsFrom(a, b);
  if (gap !== null && gap !== 0) return gap > 0;
  return a.path === b.path && a.lineNo < b.lineNo;
}

/** The last report of a draft printed before `line` (or opened by it: an OOM report made of the panic's own line), as printed; null when it has none. */
function printedBefore(draft: IncidentDraft, line: LogLine): Printed | null {
  const report: Report | undefined = draft.reports.findLast((r) => r.header === line || before(r.header, line));
  if (!report) return null;
  return { draft, start: report.header, end: report.lines[report.lines.length - 1] ?? report.header };
}

/**
 * The cause of each panic that follows other reports (pure: the drafts are not changed). A panic whose reason restates
 * a report (see knowledge/panics.ts) follows the last report of one of the kinds the reason names that ends within
 * PANIC_FOLLOWS_SECONDS before it, on the same host; a run of such reports each printed within that time of the next
 * is one cause, of which the reason says whether the first or the last is linked. Any other panic right after a
 * report (`Attempted to kill init!` after init's fault) follows that report, whatever its kind.
 */
export function panicCauses(drafts: readonly IncidentDraft[]): PanicCause[] {
  const found: PanicCause[] = [];
  for (const panic of drafts) {
    if (panic.kind !== 'panic') continue;
    const header = panic.reports[0]!.header;
    const rule = consequencePanic(String(panic.reports[0]!.details['reason'] ?? ''));
    const kinds: ReadonlySet<IncidentKind> | null = rule ? new Set(rule.causes) : null;
    const printed = drafts
      .filter((d) => d !== panic && d.host === panic.host && d.kind !== 'panic' && (kinds === null || kinds.has(d.kind)))
      .map((d) => printedBefore(d, header))
      .filter((p): p is Printed => p !== null)
      .sort((a, b) => (before(a.end, b.end) ? -1 : before(b.end, a.end) ? 1 : 0));
    const last = printed[printed.length - 1];
    if (!last || !follows(last.end, header)) continue;
    const run = [last];
    for (let i = printed.length - 2; i >= 0 && follows(printed[i]!.end, run[0]!.start); i--) run.unshift(printed[i]!);
    const pick = rule?.pick ?? 'last';
    const causes = pick === 'first' ? run.map((p) => p.draft.id) : [last.draft.id];
    found.push({ panic: panic.id, cause: causes[0]!, causes, pick, restates: rule !== undefined });
  }
  return found;
}

/**
 * OOM reports for the panic_on_oom panics that follow no OOM killer report (its `invoked oom-killer` header and
 * memory dump were lost): made of the panic's lines, marked partial, with no culprit (memory pressure is no bug).
 */
export function oomsOfLonePanics(drafts: readonly IncidentDraft[]): Report[] {
  const linked = new Set(panicCauses(drafts).map((c) => c.panic));
  return drafts
    .filter((d) => d.kind === 'panic' && !linked.has(d.id) && consequencePanic(String(d.reports[0]!.details['reason'] ?? ''))?.causes.includes('oom'))
    .map((d) => {
      const panic = d.reports[0]!;
      const report = buildReport('oom', { lines: panic.lines, headerIndex: 0, truncated: false, droppedMessages: false });
      report.culprit = null;
      report.title = makeTitle('oom', null);
      report.partial = 'header-missing';
      report.details['panicOnOom'] = true;
      return report;
    });
}
