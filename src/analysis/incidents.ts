import type { LogLine } from '../lines/types.js';
import { parseCpuLine, parseRipLine } from '../reports/body.js';
import { interruptedFrames, pickCulprit, sampleStack } from '../reports/culprit.js';
import { refOf } from '../reports/frames.js';
import type { Frame, FunctionRef, Report } from '../reports/types.js';
import { isHeaderlessOops, isUnknownHeaderDump, partialReport } from '../reports/headerless.js';
import { oomsOfLonePanics } from './consequence.js';
import type { Fragment } from '../reports/segmenter.js';
import { buildReport, markCorrupted } from '../reports/report.js';
import { makeTitle, SPINNING_KINDS, STUCK_KINDS, type IncidentKind } from '../result/kinds.js';
import type { InnerMessage } from '../result/schema.js';
import { lineMoment } from './overlap.js';
import { loopBoundingFunction, type Sample } from './samples.js';

/** An incident being assembled: one episode of repeated reports of the same thing. */
export interface IncidentDraft {
  /** `I1`, `I2`... in time order; assigned again when header-less dumps add incidents (see completeIncidents). */
  id: string;
  readonly kind: IncidentKind;
  readonly host: string | null;
  readonly cpu: number | null;
  readonly pid: number | null;
  readonly comm: string | null;
  readonly reports: Report[];
  readonly samples: Sample[];
  loopFunction: string | null;
  culprit: FunctionRef | null;
  entry: FunctionRef | null;
  title: string;
  role: 'culprit' | 'victim' | 'standalone';
  causedBy: string | null;
  victims: string[];
  notes: InnerMessage[];
}

/** Reports further apart than this start a new episode (soft lockups re-report every ~20-30 s). */
const EPISODE_GAP_SECONDS = 600;

/** Seconds from a to b, by wall clock when both have it, else by uptime; null when not comparable. */
export function secondsFrom(a: LogLine, b: LogLine): number | null {
  if (a.epochMs !== null && b.epochMs !== null) return (b.epochMs - a.epochMs) / 1000;
  if (a.uptime !== null && b.uptime !== null) return b.uptime - a.uptime;
  return null;
}

/** Whether two reports may be samples of the same episode (same task on the same CPU, or the same problem). */
function episodeKey(r: Report, host: string | null): string {
  const h = host ?? '';
  switch (r.kind) {
    case 'soft-lockup':
    case 'hard-lockup':
      return `${r.kind}|${h}|${r.cpu}|${r.pid}`;
    case 'hung-task':
      return `${r.kind}|${h}|${r.pid}|${r.comm}`;
    case 'rcu-stall':
    case 'workqueue-stall':
      return `${r.kind}|${h}`;
    default:
      return `${r.kind}|${h}|${r.title}`;
  }
}

/** The task-context stack of a report, innermost first, starting at the RIP. */
export function reportStack(r: Pick<Report, 'rip' | 'stack' | 'reporterFrames'>): Frame[] {
  // The interrupted code's frames; NMI frames are the watchdog's own (3.10 hard lockup WARN layout).
  const interrupted = interruptedFrames(r).filter((f) => f.reliable && f.context !== 'NMI');
  return sampleStack(r.rip, interrupted);
}

function sampleOf(r: Report): Sample {
  return { line: r.header, rip: r.rip, stack: reportStack(r), stuckSeconds: r.stuckSeconds, damaged: r.corrupted };
}

/** Which report of which episode at which moment: what a copy of the same report shares. */
function reportMoment(r: Report, host: string | null): string {
  // (by the second it was logged: the same report in a journal export in UTC with microseconds is this one)
  const at = lineMoment(r.header) ?? `${r.header.path}:${r.header.lineNo}`;
  return `${episodeKey(r, host)}|${at}`;
}

/** Same report printed twice (e.g. a full report and the grep of it pasted below). */
function reportIdentity(r: Report, host: string | null): string {
  return `${reportMoment(r, host)}|${r.rip?.function ?? ''}+${r.rip?.offset ?? ''}`;
}

/**
 * Reports told apart as they come, so that a copy costs nothing: the same report printed twice (a file and
 * the grep of it pasted below, messages and kern.log of one node, a log concatenated with itself) is kept once,
 * the longest copy winning. Memory grows with distinct reports only.
 */
export class UniqueReports {
  private readonly byIdentity = new Map<string, { report: Report; lines: number }>();

  constructor(private readonly hostOf: (line: LogLine) => string | null) {}

  /**
   * Offers a report as printed, to be kept as `kept` (itself or a slimmer copy); returns the copy it replaces, undefined
   * when it is new, or null when an at least as long copy is already kept (nothing to keep).
   */
  offer(r: Report, kept: Report): Report | undefined | null {
    const id = reportIdentity(r, this.hostOf(r.header));
    const seen = this.byIdentity.get(id);
    if (seen && r.lines.length <= seen.lines) return null;
    this.byIdentity.set(id, { report: kept, lines: r.lines.length });
    return seen?.report;
  }

  get size(): number {
    return this.byIdentity.size;
  }

  /** Whether a copy of the report (as printed, or shorter) is kept already. */
  holds(r: Report): boolean {
    return this.byIdentity.has(reportIdentity(r, this.hostOf(r.header)));
  }

  /**
   * The distinct reports, in the order they first came; a copy cut off before its RIP beside a whole one is left out, and
   * so is a header quoted alone (a test case's `START:` note, a grep pasted above the log) beside a report of its kind the
   * log printed in full with its clock (in a log without clocks, pasted text, a header alone is all there is of a report).
   */
  values(): Report[] {
    const all = [...this.byIdentity.values()].map((e) => e.report);
    const withRip = new Set(all.filter((r) => r.rip).map((r) => reportMoment(r, this.hostOf(r.header))));
    const kindOf = (r: Report) => `${r.kind}|${this.hostOf(r.header)}`;
    const printed = new Set(all.filter((r) => !isQuotedHeader(r) && (r.header.time !== null || r.header.uptime !== null)).map(kindOf));
    return all.filter((r) => (r.rip || !withRip.has(reportMoment(r, this.hostOf(r.header)))) && !(isQuotedHeader(r) && printed.has(kindOf(r))));
  }
}

/** A report that is its header line and no more of one: no clock, CPU, registers or trace of its own. */
function isQuotedHeader(r: Report): boolean {
  return r.header.time === null && r.header.uptime === null && r.cpu === null && !r.rip && r.stack.length === 0;
}

export interface GroupingInput {
  /** Distinct reports (see UniqueReports). */
  readonly reports: readonly Report[];
  /** Host of a line whose format carries none (dmesg), from the input's name. */
  hostOf(line: LogLine): string | null;
}

/** Groups distinct reports into incidents (one per episode), in time order. */
export function groupIncidents(input: GroupingInput): IncidentDraft[] {
  const ordered = [...input.reports].sort(byTime);
  const drafts: IncidentDraft[] = [];
  const openByKey = new Map<string, IncidentDraft>();
  for (const r of ordered) {
    const host = input.hostOf(r.header);
    const key = episodeKey(r, host);
    const open = openByKey.get(key);
    const last = open?.reports[open.reports.length - 1];
    const gap = last ? secondsFrom(last.header, r.header) : null;
    // Without any clock (pasted report text), repeated reports of one task in one input are one episode.
    const sameUntimedInput = gap === null && last?.header.path === r.header.path;
    if (open && (sameUntimedInput || (gap !== null && gap >= 0 && gap <= EPISODE_GAP_SECONDS))) {
      open.reports.push(r);
      open.samples.push(sampleOf(r));
      continue;
    }
    const draft = newDraft(`I${drafts.length + 1}`, r, host);
    drafts.push(draft);
    openByKey.set(key, draft);
  }
  return drafts;
}

/**
 * Adds header-less register dumps to the episodes (see attachFragments), makes a partial incident of each other one
 * that is what is left of an oops (see isHeaderlessOops), and finishes every draft: loop bound, culprit, title.
 * Incidents are numbered again in time order when dumps added some. Returns how many dumps matched nothing.
 */
export function completeIncidents(drafts: IncidentDraft[], fragments: readonly Fragment[], hostOf: GroupingInput['hostOf']): number {
  const leftover = attachFragments(drafts, fragments, hostOf);
  // A header-shaped line that no detector reads is kept with the dump after it; alone, it was only a message.
  const unknown = leftover.filter(isUnknownHeaderDump);
  const oopses = leftover.filter((f) => !f.unknownHeader && isHeaderlessOops(f));
  for (const [fragment, reason] of [...oopses.map((f) => [f, 'header-missing'] as const), ...unknown.map((f) => [f, 'header-unknown'] as const)]) {
    const report = partialReport({ lines: fragment.lines, headerIndex: 0, truncated: false, droppedMessages: false }, reason);
    drafts.push(newDraft('', report, hostOf(report.header)));
  }
  for (const report of oomsOfLonePanics(drafts)) drafts.push(newDraft('', report, hostOf(report.header)));
  placeInTime(drafts);
  for (const d of drafts) finishDraft(d);
  return leftover.filter((f) => !f.unknownHeader).length - oopses.length;
}

/**
 * Puts the drafts that dumps added (appended at the end) where their time puts them among the others, and numbers
 * them all again: nothing refers to an incident's id yet.
 */
function placeInTime(drafts: IncidentDraft[]): void {
  const grouped = drafts.findIndex((d, i) => d.id !== `I${i + 1}`);
  if (grouped < 0) return;
  for (const added of drafts.splice(grouped)) {
    const at = added.reports[0]!;
    // (a report made of another's lines, the OOM a lone panic_on_oom panic restates, comes before it)
    const later = drafts.findIndex((d) => byTime(d.reports[0]!, at) > 0 || d.reports[0]!.header === at.header);
    drafts.splice(later < 0 ? drafts.length : later, 0, added);
  }
  drafts.forEach((d, i) => (d.id = `I${i + 1}`));
}

function byTime(a: Report, b: Report): number {
  const d = secondsFrom(b.header, a.header);
  if (d !== null && d !== 0) return d;
  return a.header.path === b.header.path ? a.header.lineNo - b.header.lineNo : 0;
}

function newDraft(id: string, r: Report, host: string | null): IncidentDraft {
  return {
    id, kind: r.kind, host, cpu: r.cpu, pid: r.pid, comm: r.comm, reports: [r], samples: [sampleOf(r)],
    loopFunction: null, culprit: r.culprit, entry: r.entry, title: r.title, role: 'standalone', causedBy: null, victims: [], notes: [],
  };
}

/** The first of `list` (in order) that `test` accepts, from an index of lists; undefined when none. */
function firstIn<T>(index: ReadonlyMap<string, readonly T[]>, key: string, test: (item: T) => boolean): T | undefined {
  return index.get(key)?.find(test);
}

/** Drafts of the stuck kinds by `key`, in id order: what a register dump may belong to, looked up per dump. */
function stuckIndex(drafts: readonly IncidentDraft[], key: (d: IncidentDraft) => string): Map<string, IncidentDraft[]> {
  const index = new Map<string, IncidentDraft[]>();
  for (const d of drafts) {
    if (!STUCK_KINDS.has(d.kind)) continue;
    const k = key(d);
    const list = index.get(k);
    if (list) list.push(d);
    else index.set(k, [d]);
  }
  return index;
}

/**
 * Adds RIP-only samples (CPU line + RIP, no header) to the lockup episode of the same CPU and task; returns the dumps
 * that matched no episode.
 */
function attachFragments(drafts: IncidentDraft[], fragments: readonly Fragment[], hostOf: GroupingInput['hostOf']): Fragment[] {
  const unmatched: Fragment[] = [];
  const orphans = new Map<string, Fragment[]>();
  // Each dump looks among the episodes of its own host, CPU and task only.
  const byTask = stuckIndex(drafts, (d) => `${d.host ?? ''}|${d.cpu}|${d.pid}`);
  const seen = new Map<IncidentDraft, Set<string>>();
  const touched = new Set<IncidentDraft>();
  for (const fragment of fragments) {
    const cpuLine = fragment.lines.map((l) => parseCpuLine(l.text.trimStart())).find((c) => c !== null);
    const rip = fragment.lines.map((l) => parseRipLine(l.text.trimStart())).find((f) => f !== null) ?? null;
    const line = fragment.lines[0]!;
    if (!cpuLine || cpuLine.cpu === null || cpuLine.pid === null) {
      unmatched.push(fragment);
      continue;
    }
    const key = `${hostOf(line) ?? ''}|${cpuLine.cpu}|${cpuLine.pid}`;
    const target = firstIn(byTask, key, (d) => withinEpisode(d, line));
    if (!target) {
      const group = orphans.get(key);
      if (group) group.push(fragment);
      else orphans.set(key, [fragment]);
      continue;
    }
    // A dump at the moment and RIP of a sample already there is that sample printed again.
    let moments = seen.get(target);
    if (!moments) seen.set(target, (moments = new Set(target.samples.map(sampleMoment))));
    const sample = { line, rip, stack: [], stuckSeconds: null };
    if (moments.has(sampleMoment(sample))) continue;
    moments.add(sampleMoment(sample));
    target.samples.push(sample);
    touched.add(target);
  }
  unmatched.push(...adoptRepeatedOrphans(drafts, orphans, hostOf));
  for (const d of touched) d.samples.sort((a, b) => secondsFrom(b.line, a.line) ?? 0);
  return unmatched;
}

/** When and where a sample was taken: equal for a report and a register dump that is a copy of it. */
function sampleMoment(s: Sample): string {
  const at = s.line.epochMs ?? (s.line.uptime !== null ? `u${s.line.uptime}` : `${s.line.path}:${s.line.lineNo}`);
  return `${at}|${s.rip?.function ?? ''}+${s.rip?.offset ?? ''}`;
}

/**
 * Register dumps of another CPU that repeat while a lockup episode runs on the same host are most
 * likely that CPU's own lockup reports with their headers lost (a grep of `x86_64|RIP:` keeps only
 * these lines). They become an incident of the same kind, flagged as damaged; lone ones are dropped.
 */
function adoptRepeatedOrphans(drafts: IncidentDraft[], orphans: Map<string, Fragment[]>, hostOf: GroupingInput['hostOf']): Fragment[] {
  const unmatched: Fragment[] = [];
  const byHost = stuckIndex(drafts, (d) => d.host ?? '');
  for (const group of orphans.values()) {
    const first = group[0]!.lines[0]!;
    const host = hostOf(first);
    const context = group.length >= 2 ? firstIn(byHost, host ?? '', (d) => withinEpisode(d, first)) : undefined;
    if (!context) {
      unmatched.push(...group);
      continue;
    }
    const reports = group.map((fragment) => {
      const report = buildReport(context.kind, { lines: fragment.lines, headerIndex: 0, truncated: false, droppedMessages: false });
      markCorrupted(report, 'corruption.headerMissing', { kind: context.kind });
      return report;
    });
    const draft = newDraft('', reports[0]!, host);
    for (const r of reports.slice(1)) {
      draft.reports.push(r);
      draft.samples.push(sampleOf(r));
    }
    drafts.push(draft);
  }
  return unmatched;
}

function withinEpisode(d: IncidentDraft, line: LogLine): boolean {
  const first = d.samples[0]!.line;
  const last = d.samples[d.samples.length - 1]!.line;
  const afterFirst = secondsFrom(first, line);
  const beforeLast = secondsFrom(line, last);
  if (afterFirst === null || beforeLast === null) return first.path === line.path && first.time === null && first.uptime === null;
  return afterFirst >= -EPISODE_GAP_SECONDS && beforeLast >= -EPISODE_GAP_SECONDS;
}

/** Loop bound, culprit and title of a finished episode. */
function finishDraft(d: IncidentDraft): void {
  // One sample is one point of the loop, not its extent: bounding needs at least two.
  if (!SPINNING_KINDS.has(d.kind) || d.samples.length < 2) return;
  d.loopFunction = loopBoundingFunction(d.samples);
  const reference = d.samples.find((s) => s.stack.length > 0)?.stack ?? [];
  const boundIndex = reference.findIndex((f) => f.function === d.loopFunction);
  if (boundIndex >= 0) {
    // Blame the loop bound, or the first caller of it that is not lock/wait/report plumbing.
    d.culprit = pickCulprit(reference.slice(boundIndex)) ?? refOf(reference[boundIndex]!);
    d.title = makeTitle(d.kind, d.culprit.function);
  }
  d.entry = d.reports.map((r) => r.entry).find((e) => e !== null) ?? null;
}
