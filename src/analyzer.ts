import type { StageCode, StageError, StageParams, UnsaidRunError } from './result/errors.js';
import { buildFindings, buildNextSteps, overlapFindings, relateEvents } from './analysis/findings.js';
import { codeScope, toIncident } from './analysis/build.js';
import { applyFilter, type ResultFilter } from './analysis/filter.js';
import { crossCheckCode, NO_CODE_CHECK } from './machine/cross-check.js';
import { EventAggregator, isNotableReading, type MessageReading } from './analysis/events.js';
import { RecentTexts, REPEATED_TEXTS_ROOM } from './lines/recent-texts.js';
import { capIncidents, omittedParams } from './analysis/cap.js';
import { completeIncidents, groupIncidents, UniqueReports } from './analysis/incidents.js';
import { isUnknownHeaderDump } from './reports/headerless.js';
import { coveredSpan, summarize } from './analysis/summary.js';
import { crossesMidnight } from './time/format.js';
import { groupProblems } from './analysis/problems.js';
import { epochMoment, FORGET_HOSTS_PAST, LineCopies, MAX_REMEMBERED, type TextHashes } from './analysis/overlap.js';
import { linkVictims } from './analysis/victims.js';
import { SourceFeed, type CountedLines, type FeedOptions, type FeedOwner, type SourceInfo } from './analysis/feed.js';
import { readPlainText, readTexts, textMemories, textOf, type BlockTexts, type RepeatedText, type TextsRead } from './analysis/text-reading.js';
import type { RegionStops } from './lines/line-scan.js';
import { buildWaitGraph, lineUpStorage } from './analysis/waitfor.js';
import { isWaitLineInReport, WaitCollector } from './reports/wait-dumps.js';
import type { MachineInputs } from './machine/inputs.js';
import type { LineContext, LineOrigin, LogLine } from './lines/types.js';
import { HeaderMatcher } from './reports/header-matcher.js';
import { DETECTORS } from './reports/index.js';
import type { Fragment, SegmenterSink } from './reports/segmenter.js';
import type { Detector, Report } from './reports/types.js';
import type { InputSummary, Result } from './result/schema.js';
import type { UnsaidWarning, Warn } from './result/warnings.js';
import type { UnsaidIncident } from './result/unsaid.js';
import type { KnownIssueMatch } from './result/known-issue-schema.js';
import { matchKnownIssues } from './analysis/known-issues.js';
import { shippedKnownIssues, type KnownIssues } from './knowledge/known-issues/load.js';
import { matchFixIndexes } from './analysis/fix-index.js';
import type { FixIndex } from './kb/index-file.js';
import { SCHEMA_VERSION } from './result/version.js';
import { TOOL_VERSION } from './version.js';
import { sayResult } from './render/words.js';

export interface AnalyzeOptions extends FeedOptions {
  readonly detectors?: readonly Detector[];
  /** The run reads one source only (one plain file, stdin, a pasted text): no copies across inputs to look for. */
  readonly oneSource?: boolean;
  /**
   * The lines fed are mostly the same messages again (the fast path feeds notable lines and reports only):
   * what was found for recent texts is remembered. Off, every line is read afresh (cheaper when most are unique).
   */
  readonly rememberTexts?: boolean;
  /** Disassembly, symbols, debug info and source to read the machine code with (`--dis`, `--symbols`...). */
  readonly machine?: MachineInputs;
  /** Only the incidents and event groups in this time window and on these hosts (`--since`, `--until`, `--host`). */
  readonly filter?: ResultFilter;
  /** Known issues to match incidents against (default: the shipped folder, read when there is an incident; null: none). */
  readonly knownIssues?: KnownIssues | null;
  /** Fix commits indexed from kernel trees (`ktriage kb index`, `--kb FILE`) to match incidents against. */
  readonly fixIndexes?: readonly FixIndex[];
  /** @internal distinct reports kept, MAX_KEPT_REPORTS by default (a test gives a smaller one). */
  readonly maxKeptReports?: number;
}

/** Report lines kept whole, all reports together: about 40 MB of the longest reports. */
const MAX_KEPT_REPORT_LINES = 100_000;
/** Header-less register dumps kept (a log that is itself a grep of `RIP:` lines holds one per line pair). */
const MAX_KEPT_FRAGMENTS = 20_000;
/**
 * Distinct reports kept in all. A report kept slim still holds some 2.5 KB (its header, RIP, stack, fields): a WARN that
 * fires on every packet for days prints millions, which would outgrow the heap; past this many, reports are counted.
 */
const MAX_KEPT_REPORTS = 100_000;
/**
 * Past the cap, a report of a problem no kept report is of (its host, kind and culprit) is kept still, up to this share of
 * the cap more: one host's flood read first would else hide a panic on a host read after it.
 */
const NEW_PROBLEMS_SHARE = 0.2;

/**
 * The whole analysis as a push pipeline: inputs are fed line by line (streaming, one pass), and
 * `finish()` builds the versioned result. Memory holds report lines, counts and event groups only.
 */
export class Analyzer implements FeedOwner {
  private readonly reports = new UniqueReports((line) => this.hostOf(line));
  private keptReportLines = 0;
  /** Reports not kept past maxKeptReports, and the first of them. */
  private readonly droppedReports = { count: 0, first: null as LogLine | null };
  private readonly maxKeptReports: number;
  /** The problems (host, kind, culprit: see problemOf) of the reports kept. */
  private readonly keptProblems = new Set<string>();
  private readonly fragments: Fragment[] = [];
  /** What the log says about waiting (held-locks dumps, blocker lines, NMI backtraces...), for the wait-for graph. */
  private readonly waits = new WaitCollector();
  private droppedFragments = 0;
  /** Reports printed at the same moment as others that could not be reassembled whole. */
  private unassembled = 0;
  private readonly events: EventAggregator;
  /** Each input's summary, which its feed fills in: not the feed, which may hold what it read last (a block's texts). */
  private readonly inputs: InputSummary[] = [];
  private readonly hostHints = new Map<string, string | null>();
  private readonly warnings: UnsaidWarning[] = [];
  /** Lines an input repeats from another (the same node's logs in several forms), counted once. */
  /** Null when the run reads one source: no line can then repeat another input's, and none is remembered. */
  private readonly copies: LineCopies | null;
  private readonly errors: UnsaidRunError[] = [];
  private readonly spoofed = new Map<string, { count: number; example: LogLine }>();
  /** @internal the detectors' headers, shared by the inputs' segmenters and the spoofing check. */
  readonly headers: HeaderMatcher;
  /** @internal the origins of recent syslog lines, shared by the inputs (see LineContext). */
  readonly origins: RecentTexts<LineOrigin | null> | undefined;
  /** What recent syslog texts after the time are (see repeatOf), by their bytes as Latin-1. */
  private readonly repeats: RecentTexts<RepeatedText | null>;
  /** What the texts of the regions the reader scans itself were read as, as a scan worker remembers them (see readTexts). */
  private readonly textMemory = textMemories();

  constructor(private readonly options: AnalyzeOptions = {}) {
    this.maxKeptReports = options.maxKeptReports ?? MAX_KEPT_REPORTS;
    const room = options.rememberTexts ? REPEATED_TEXTS_ROOM : 0;
    this.headers = new HeaderMatcher(options.detectors, room);
    this.events = new EventAggregator(new RecentTexts(room));
    this.origins = options.rememberTexts ? new RecentTexts(REPEATED_TEXTS_ROOM) : undefined;
    this.repeats = new RecentTexts(room);
    this.copies = options.oneSource ? null : new LineCopies();
  }

  openSource(info: SourceInfo): SourceFeed {
    this.hostHints.set(info.path, info.hostHint ?? null);
    // (inputs are fed one after the other: the lines that come now are this one's)
    this.copies?.begin(this.inputs.length);
    const feed = new SourceFeed(info, this.options, this);
    this.inputs.push(feed.summary);
    return feed;
  }

  /** Says what went wrong with an input (path) or the run (null): a code and its parameters, said by the render layer. */
  warn: Warn = (path, code, params = {}) => {
    this.warnings.push({ path, code, params });
  };

  /** @internal the segmenter's outputs for one input. */
  sinkFor(_info: SourceInfo): SegmenterSink {
    return {
      report: (r: Report) => this.keepReport(r),
      fragment: (f: Fragment) => {
        // A register dump under `NMI backtrace for cpu N` is that CPU's stack sample in the wait-for graph.
        if (f.lines[0] && this.waits.fragment(f.lines, this.hostOf(f.lines[0]))) return;
        if (this.fragments.length < MAX_KEPT_FRAGMENTS) this.fragments.push(f);
        else this.droppedFragments++;
      },
      loose: (line: LogLine) => this.loose(line),
      error: this.recordError,
      unassembled: () => this.unassembled++,
    };
  }

  private recordError: StageError = (stage, params, error) => {
    this.errors.push({ stage, params, message: error instanceof Error ? error.message : String(error) });
  };

  /** Runs one stage of building the result: one that throws is an entry in `errors` and gives `fallback`; the run goes on. */
  private stage<T>(stage: StageCode, params: StageParams, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.recordError(stage, params, error);
      return fallback;
    }
  }

  /**
   * Keeps a parsed report unless an as long copy of it is kept already. Past MAX_KEPT_REPORT_LINES (a CPU stuck
   * for days re-reports every 20-30 s) a report is kept slim: its header line and the fields a sample and a
   * title need, not its lines, registers or Code: (the lines shown are those of each incident's first report).
   */
  private keepReport(report: Report): void {
    const problem = this.problemOf(report);
    if (this.reports.size >= this.maxKeptReports && !this.reports.holds(report) && (this.keptProblems.has(problem) || this.reports.size >= this.maxKeptReports * (1 + NEW_PROBLEMS_SHARE))) {
      this.droppedReports.count++;
      this.droppedReports.first ??= report.header;
      return;
    }
    const whole = this.keptReportLines + report.lines.length <= MAX_KEPT_REPORT_LINES;
    const kept = whole ? report : slim(report);
    const replaced = this.reports.offer(report, kept);
    if (replaced === null) return;
    this.keptProblems.add(problem);
    this.keptReportLines += kept.lines.length - (replaced?.lines.length ?? 0);
  }

  /** What a report is of, for the report cap: its host, kind and culprit. */
  private problemOf(report: Report): string {
    return `${this.hostOf(report.header) ?? ''}\u0000${report.kind}\u0000${report.culprit?.function ?? ''}`;
  }

  /**
   * @internal what a syslog line's text after the time (`key`, its bytes as Latin-1) says, when it is a plain line
   * that can only be loose (see SourceFeed.repeat); null when it may open a report or a register dump, or is not syslog.
   */
  repeatOf(key: string, buf: Buffer, restAt: number, end: number, ctx: LineContext): RepeatedText | null {
    const known = this.repeats.get(key);
    if (known !== undefined) return known;
    const plain = readPlainText(buf.toString('utf8', restAt, end), this.headers, ctx.origins);
    // (fields named: `moving` added to a spread copy costs V8 some 5 µs, see ripFrom)
    const repeated = plain && { chars: plain.chars, origin: plain.origin, text: plain.text, invalidUtf8: plain.invalidUtf8, moving: null };
    this.repeats.set(key, repeated);
    return repeated;
  }

  /** @internal the texts of a region the reader scanned itself, read as a scan worker reads them (see SourceFeed.readTexts); undefined with other detectors than the built-in ones. */
  readTexts(buf: Buffer, found: RegionStops, everyLine: boolean): BlockTexts | undefined {
    return this.headers.detectors === DETECTORS ? readTexts(buf, found, this.headers, this.textMemory(everyLine)) : undefined;
  }

  /** @internal a text a scan worker read (see BlockTexts); undefined when it read none, or this run's detectors are not the built-in ones it knows. */
  workerRepeat(found: RegionStops & TextsRead, buf: Buffer, id: number): RepeatedText | null | undefined {
    return found.texts && this.headers.detectors === DETECTORS ? textOf(found.texts, buf, id) : undefined;
  }

  /** @internal what the events make of a repeated message (see SourceFeed.repeat), read once. */
  eventReading(line: LogLine): MessageReading {
    return this.events.readingOf(line);
  }

  /** @internal a line that belongs to no report and can be no spoofed one (a plain repeat the fast path took whole). */
  takeRepeat(line: LogLine, reading: MessageReading): void {
    const host = this.hostOf(line);
    if (this.copies?.isCopy(line, host, isNotableReading(reading))) return;
    // As loose() does: a repeated frame or task line of a sysrq-w dump is part of a wait.
    if (line.kernel) this.waits.line(line, host);
    this.events.addRead(line, host, reading);
  }

  /** @internal whether runs of lines a scan worker read may be taken at once: the built-in detectors, which the workers know. */
  get takesRuns(): boolean {
    return this.headers.detectors === DETECTORS;
  }

  /** @internal whether the lines of this input may repeat those of an earlier one (the run reads more than one source). */
  get checksCopies(): boolean {
    return this.copies !== null;
  }

  /** @internal whether a line of a run (see SourceFeed.repeatRun) repeats one an earlier input gave (as takeRepeat() tells; only asked when checksCopies). */
  isRunCopy(path: string, originHost: string | null, epochMs: number, text: TextHashes, reading: MessageReading): boolean {
    return this.copies!.isCopyOf(originHost ?? this.hostHints.get(path) ?? null, epochMoment(epochMs), text, isNotableReading(reading));
  }

  /** @internal the lines of a run (see SourceFeed.repeatRun), as takeRepeat() takes them one by one. */
  takeRun(path: string, kernelLines: number, counted: readonly CountedLines[]): void {
    this.waits.passInert(path, kernelLines);
    for (const { line, earliest, latest, count, reading } of counted) this.events.addLines(line, earliest, latest, count, this.hostOf(line), reading);
  }

  private loose(line: LogLine): void {
    const reading = this.events.readingOf(line);
    if (this.copies?.isCopy(line, this.hostOf(line), isNotableReading(reading))) return;
    if (line.kernel) this.waits.line(line, this.hostOf(line));
    // A program line shaped like a kernel report is not one: anyone can write such text to syslog.
    if (!line.kernel && this.headers.matches(line.text)) {
      const key = `${line.path}\u0001${line.tag}`;
      const seen = this.spoofed.get(key);
      if (seen) seen.count++;
      else this.spoofed.set(key, { count: 1, example: line });
    }
    this.events.addRead(line, this.hostOf(line), reading);
  }

  private hostOf = (line: LogLine): string | null => line.host ?? this.hostHints.get(line.path) ?? null;

  /** Whether a report printed ARM `Code:` words: they are decoded only once `loadArmDecoder()` has resolved. */
  get hasArmCode(): boolean {
    return this.reports.values().some((r) => r.code?.unit === 'word');
  }

  finish(): Result {
    for (const { count, example } of this.spoofed.values()) {
      // Without a program tag (program: '') the line is a /dev/kmsg record or dmesg line whose facility is not the kernel's.
      this.warn(example.path, 'spoofed-report', { line: example.lineNo, count, program: example.tag ?? '', excerpt: example.text.slice(0, 80) });
    }
    if (this.unassembled > 0) this.warn(null, 'reports-unassembled', { count: this.unassembled });
    const dropped = this.droppedReports;
    if (dropped.first) this.warn(dropped.first.path, 'reports-dropped', { count: dropped.count, max: this.maxKeptReports, line: dropped.first.lineNo });
    if (this.events.droppedLines > 0) this.warn(null, 'template-cap', { lines: this.events.droppedLines });
    const grouped = groupIncidents({ reports: this.reports.values(), hostOf: this.hostOf });
    const unmatchedFragments = completeIncidents(grouped, this.fragments, this.hostOf);
    for (const f of this.fragments.filter(isUnknownHeaderDump)) {
      const header = f.lines[0]!;
      this.warn(header.path, 'unknown-header', { line: header.lineNo, excerpt: header.text.slice(0, 120) });
    }
    if (this.droppedFragments > 0) this.warn(null, 'fragments-dropped', { count: this.droppedFragments, max: MAX_KEPT_FRAGMENTS });
    if (unmatchedFragments > 0) this.warn(null, 'fragments-unmatched', { count: unmatchedFragments });
    const { kept: drafts, omitted } = capIncidents(grouped);
    if (omitted) this.warn(null, 'incidents-omitted', omittedParams(omitted));
    this.stage('victims', {}, undefined, () => linkVictims(drafts));
    const waitGraph = this.stage('wait-graph', {}, null, () => {
      for (const d of drafts) for (const r of d.reports) for (const l of r.lines) if (isWaitLineInReport(l.text)) this.waits.reportLine(l, this.hostOf(l));
      return buildWaitGraph({ drafts, facts: this.waits.result() });
    });
    const codeCheck = this.stage('code-check', {}, NO_CODE_CHECK, () => crossCheckCode(drafts.flatMap((d) => {
      const kernel = d.reports.find((r) => r.kernel)?.kernel;
      return d.reports.map((report) => ({ report, scope: codeScope(d, report, kernel) }));
    })));
    const allIncidents = drafts.flatMap((d) => this.stage('incident', { at: `${d.reports[0]!.header.path}:${d.reports[0]!.header.lineNo}` }, [], () => [toIncident(d, this.options.machine, codeCheck, this.recordError, drafts.length)]));
    const allEvents = this.events.groupsList().map((e) => ({ ...e, host: e.host }));
    if (waitGraph) this.stage('storage-waits', {}, undefined, () => lineUpStorage(waitGraph, allEvents));
    this.stage('relating-events', {}, undefined, () => relateEvents(allEvents, allIncidents));
    const inputs = this.inputs.map((summary, n) => ({ ...summary, overlaps: [...(this.copies?.overlaps.get(n) ?? [])].map(([other, lines]) => ({ path: this.inputs[other]!.path, lines })) }));
    if (this.copies && this.copies.unchecked > 0 && this.inputs.length > 1) this.warn(null, 'copies-unchecked', { lines: this.copies.unchecked, max: MAX_REMEMBERED.notable + MAX_REMEMBERED.routine });
    const returned = this.copies?.returned;
    if (returned?.lines) this.warn(null, 'copies-forgotten', { lines: returned.lines, hosts: returned.hosts.size, host: [...returned.hosts][0]!, max: FORGET_HOSTS_PAST });
    const covered = coveredSpan(inputs);
    // --since/--until/--host: the problems, findings and verdict are those of what the filter keeps.
    const { incidents, events, filter } = this.options.filter
      ? applyFilter(this.options.filter, { lastSeen: covered.lastSeen, incidents: allIncidents, events: allEvents }, this.options.assumedZone ?? null)
      : { incidents: allIncidents, events: allEvents, filter: null };
    const known = this.stage('known-issues', {}, [], () => this.knownIssueMatches(incidents));
    const problems = this.stage('problems', {}, [], () => groupProblems(incidents));
    // Logs that span days give every time its date.
    const dated = crossesMidnight(covered.firstSeen, covered.lastSeen);
    return sayResult({
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'ktriage', version: TOOL_VERSION },
      generatedAt: (this.options.now?.() ?? new Date()).toISOString(),
      inputs,
      summary: summarize({ incidents, inputs, ...(waitGraph ? { waitGraph } : {}) }, problems),
      filter,
      incidents,
      events,
      knownIssues: known,
      findings: this.stage('findings', {}, [], () => [...buildFindings(incidents, events, problems, dated, known), ...overlapFindings(inputs)]),
      nextSteps: this.stage('next-steps', {}, [], () => buildNextSteps(incidents, events, dated, known)),
      ...(omitted ? { omittedIncidents: omitted } : {}),
      ...(waitGraph ? { waitGraph } : {}),
      warnings: this.warnings,
      errors: this.errors,
    });
  }

  private knownIssueMatches(incidents: readonly UnsaidIncident[]): KnownIssueMatch[] {
    if (!incidents.some((i) => i.role !== 'victim')) return [];
    const base = this.options.knownIssues === undefined ? shippedKnownIssues() : this.options.knownIssues;
    for (const p of base?.problems ?? []) this.warn(p.path, p.code, p.params);
    return [...matchKnownIssues(incidents, base?.entries ?? []), ...matchFixIndexes(incidents, this.options.fixIndexes ?? [])];
  }
}

/** A report without what only its evidence needs: its lines but the header, registers, stack words, Code:. */
function slim(report: Report): Report {
  return { ...report, lines: [report.header], registers: {}, stackWords: [], code: null };
}

/** Analyzes text already in memory (pasted reports, tests, the corpus evaluation). */
export function analyzeText(text: string, path = '<text>', options: AnalyzeOptions = {}): Result {
  const analyzer = new Analyzer({ ...options, oneSource: true });
  const feed = analyzer.openSource({ path });
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) feed.push(line);
  feed.end();
  return analyzer.finish();
}
