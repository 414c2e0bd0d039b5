// One input fed line by line into the pipeline: its format decided, its lines parsed (src/lines) and cut into
// reports (src/reports); what the run shares across inputs is asked of the owner (src/analyzer.ts).
import type { MessageReading } from './events.js';
import { textHashes, type TextHashes } from './overlap.js';
import { charsOf, messageOf, originIndex, readingIndex, readingsOf, takesRun, type BlockTexts, type RepeatedText, type TextsRead } from './text-reading.js';
import type { RecentTexts } from '../lines/recent-texts.js';
import { mayMatter } from '../lines/fast-scan.js';
import { restText, type RegionStops } from '../lines/line-scan.js';
import { detectFormat, isKmsgDictionaryLine, packedEpochMs, packedSyslogLine, packedSyslogLineAt, parseLine, parseLines, syslogStampClock } from '../lines/formats.js';
import { isEarlier, lasting, type LineContext, type LineFormat, type LineOrigin, type LogLine } from '../lines/types.js';
import type { HeaderMatcher } from '../reports/header-matcher.js';
import { Segmenter, type SegmenterSink } from '../reports/segmenter.js';
import type { InputSummary } from '../result/schema.js';

/** How the times of an input are read. */
export interface FeedOptions {
  /** Year for syslog lines without one (default: from the file's modification time, else this year). */
  readonly year?: number;
  /** Zone for wall-clock times without one, e.g. "+08:00". */
  readonly assumedZone?: string | null;
  /** Clock for `generatedAt` (tests pin it). */
  readonly now?: () => Date;
}

/** What the inputs of one run share: the run's analyzer. */
export interface FeedOwner {
  /** The detectors' headers, shared by the inputs' segmenters and the spoofing check. */
  readonly headers: HeaderMatcher;
  /** The origins of recent syslog lines, shared by the inputs (see LineContext). */
  readonly origins: RecentTexts<LineOrigin | null> | undefined;
  /** The segmenter's outputs for one input. */
  sinkFor(info: SourceInfo): SegmenterSink;
  /** What a syslog line's text after the time is when it can only be a loose line; null when it may open a report. */
  repeatOf(key: string, buf: Buffer, restAt: number, end: number, ctx: LineContext): RepeatedText | null;
  /**
   * The texts of a region the reader scanned itself, read as a scan worker reads them (see BlockTexts) in the fast or
   * (`everyLine`) the full read; undefined when it reads none.
   */
  readTexts(buf: Buffer, found: RegionStops, everyLine: boolean): BlockTexts | undefined;
  /** Text `id` of a block as its scan worker read it (see BlockTexts); undefined when the worker did not read it. */
  workerRepeat(found: RegionStops & TextsRead, buf: Buffer, id: number): RepeatedText | null | undefined;
  /** What the events make of a repeated message, read once. */
  eventReading(line: LogLine): MessageReading;
  /** A line that belongs to no report and can be no spoofed one (a plain repeat the fast path took whole). */
  takeRepeat(line: LogLine, reading: MessageReading): void;
  /** Whether runs of lines a scan worker read may be taken at once (see SourceFeed.repeatRun). */
  readonly takesRuns: boolean;
  /** Whether the lines of this input may repeat those of an earlier one (see isRunCopy). */
  readonly checksCopies: boolean;
  /** Whether a line of a run repeats one an earlier input gave: then it is counted in its input, and in no event or wait. */
  isRunCopy(path: string, originHost: string | null, epochMs: number, text: TextHashes, reading: MessageReading): boolean;
  /**
   * The lines of a run, as takeRepeat() would take them one by one: `kernelLines` of them the kernel's (none a line of a
   * wait), and the lines of each message and origin counted (in the order of their first line).
   */
  takeRun(path: string, kernelLines: number, counted: readonly CountedLines[]): void;
}

/** Lines of one message and origin in a run (see EventAggregator.addLines). */
export interface CountedLines {
  /** The first in input order, the first of the earliest, the last of the latest. */
  readonly line: LogLine;
  readonly earliest: LogLine;
  readonly latest: LogLine;
  readonly count: number;
  readonly reading: MessageReading;
}

/**
 * The counts of a run's lines per reading and origin (see SourceFeed.repeatRun), in arrays kept from run to run: a
 * message's index by its key (its reading and origin), and by that index its key, its first, earliest and latest stop,
 * their times and its count. An object made for each message of a run was some 0.3 GB a GB of the full read of a busy
 * node's log (and an array of all the keys made for each run, 0.7 GB of V8's large-object space).
 */
class RunCounts {
  /** By key, the index + 1 of its message; 0 for none yet in this run. */
  private indexes = new Int32Array(0);
  keys = new Int32Array(64);
  first = new Int32Array(64);
  earliest = new Int32Array(64);
  latest = new Int32Array(64);
  count = new Int32Array(64);
  firstMs = new Float64Array(64);
  earliestMs = new Float64Array(64);
  latestMs = new Float64Array(64);
  /** Messages counted in this run, in the order of their first line. */
  size = 0;

  /** Ready for a run whose keys are below `keys` (the run before cleared its counts: see SourceFeed.repeatRun). */
  start(keys: number): void {
    if (this.indexes.length < keys) this.indexes = new Int32Array(Math.max(keys, 2 * this.indexes.length));
  }

  /** Counts stop `k`, at `ms`, a line of the message `key`. */
  add(key: number, k: number, ms: number): void {
    const at = this.indexes[key]! - 1;
    if (at === -1) {
      if (this.size === this.keys.length) this.grow();
      const i = this.size++;
      this.indexes[key] = i + 1;
      this.keys[i] = key;
      this.first[i] = this.earliest[i] = this.latest[i] = k;
      this.firstMs[i] = this.earliestMs[i] = this.latestMs[i] = ms;
      this.count[i] = 1;
      return;
    }
    this.count[at]!++;
    if (ms < this.earliestMs[at]!) {
      this.earliest[at] = k;
      this.earliestMs[at] = ms;
    }
    if (ms >= this.latestMs[at]!) {
      this.latest[at] = k;
      this.latestMs[at] = ms;
    }
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.indexes[this.keys[i]!] = 0;
    this.size = 0;
  }

  private grow(): void {
    this.keys = doubled(this.keys, Int32Array);
    this.first = doubled(this.first, Int32Array);
    this.earliest = doubled(this.earliest, Int32Array);
    this.latest = doubled(this.latest, Int32Array);
    this.count = doubled(this.count, Int32Array);
    this.firstMs = doubled(this.firstMs, Float64Array);
    this.earliestMs = doubled(this.earliestMs, Float64Array);
    this.latestMs = doubled(this.latestMs, Float64Array);
  }
}

/**
 * The counts of the run being taken (see SourceFeed.repeatRun), whichever input's: one run is taken at a time, and
 * their arrays, grown to the largest block's, are made once rather than once an input (200 hosts' rotated logs are 800).
 */
const runCounts = new RunCounts();

/** `list` in a list twice as long. */
function doubled<T extends Int32Array | Float64Array>(list: T, make: new (length: number) => T): T {
  const longer = new make(2 * list.length);
  longer.set(list);
  return longer;
}

export interface SourceInfo {
  /** Path shown to the user and used in evidence. */
  readonly path: string;
  /** Host when the lines carry none (dmesg): from the bundle or folder name. */
  readonly hostHint?: string | null;
  readonly mtime?: Date | null;
}

/** The last line the fast path passed over: its bytes in the chunk being read, copied out before the chunk is reused. */
class PassedLine {
  present = false;
  lineNo = 0;
  private buf: Buffer | null = null;
  private start = 0;
  private end = 0;
  private raw: string | null = null;

  set(buf: Buffer, start: number, end: number, lineNo: number): void {
    this.present = true;
    this.lineNo = lineNo;
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.raw = null;
  }

  settle(): void {
    if (this.buf) this.raw = this.buf.toString('latin1', this.start, this.end);
    this.buf = null;
  }

  /** The line as Latin-1 text (for its prefix). */
  text(): string {
    this.settle();
    return this.raw!;
  }
}

/** Lines read before the format of an input is decided. */
const FORMAT_SAMPLE_LINES = 200;

/** One input being fed line by line. */
export class SourceFeed {
  private readonly pending: string[] = [];
  /** Whether summary.host is a line's (see noteHost). */
  private hostFromLines = false;
  private format: LineFormat | null = null;
  private lineNo = 0;
  private readonly ctx: LineContext;
  private readonly segmenter: Segmenter;
  /** The last of the lines passed over since the last parsed one (fast path), for its time and as context. */
  private readonly passed = new PassedLine();
  /** The messages of the block whose runs are taken (see repeatRun), and their hashes for the copy check, by text id. */
  private runTexts: { readonly found: RegionStops; readonly messages: (string | undefined)[]; readonly hashes: (TextHashes | undefined)[] } | null = null;
  /** The earliest line read that has a time, and the last one (the input's time span, see end). */
  private earliest: LogLine | null = null;
  private lastTimed: LogLine | null = null;
  /** The latest time seen before times went back (rotated files, bundle members, a clock step), kept as a copy. */
  private peak: LogLine | null = null;
  private lastMs = -Infinity;
  /** The region whose repeated texts `regionRepeats` holds, by their index (see repeat). */
  private repeatsOf: RegionStops | null = null;
  private regionRepeats: (RepeatedText | null | undefined)[] = [];
  readonly summary: InputSummary;
  /** Read the fast way (set by the reader, see LineSkipper): the routine lines of the format's sample are passed over too. */
  fastRead = false;

  constructor(
    private readonly info: SourceInfo,
    options: FeedOptions,
    private readonly owner: FeedOwner,
  ) {
    const reference = info.mtime ?? options.now?.() ?? new Date();
    this.ctx = {
      path: info.path,
      year: options.year ?? reference.getFullYear(),
      // With an explicit year every month belongs to it.
      referenceMonth: options.year !== undefined ? 11 : reference.getMonth(),
      assumedZone: options.assumedZone ?? null,
      previous: null,
      origins: owner.origins,
    };
    this.segmenter = new Segmenter(owner.headers, owner.sinkFor(info));
    this.summary = { path: info.path, format: 'bare', lines: 0, linesPassedOver: 0, bytes: 0, host: info.hostHint ?? null, firstSeen: null, lastSeen: null, overlaps: [] };
  }

  /** Feeds one raw line (without its line end). */
  push(raw: string): void {
    this.summary.lines++;
    this.summary.bytes += raw.length + 1;
    if (this.format === null) {
      this.pending.push(raw);
      if (this.pending.length >= FORMAT_SAMPLE_LINES) this.decideFormat();
      return;
    }
    this.parse(raw);
  }

  /**
   * Whether lines may now be passed over unread (`src/lines/fast-scan.ts`): the format is known and parses each
   * line on its own (bare text inherits from the line before), and no report is open.
   */
  get skipping(): boolean {
    return this.format !== null && this.format !== 'bare' && this.segmenter.idle;
  }

  /** Counts lines the fast scan passed over: routine lines that are neither reports nor notable events. */
  skip(count: number, bytes: number, buf: Buffer, lastStart: number, lastEnd: number): void {
    this.summary.lines += count;
    this.summary.bytes += bytes;
    this.passOver(count, buf, lastStart, lastEnd);
  }

  /** `count` lines counted already were passed over, the last one `buf[lastStart, lastEnd)`. */
  private passOver(count: number, buf: Buffer, lastStart: number, lastEnd: number): void {
    this.summary.linesPassedOver += count;
    this.lineNo += count;
    this.passed.set(buf, lastStart, lastEnd, this.lineNo);
  }

  /** The bytes of the chunk read last are about to be used again: the last line passed over is copied out of them. */
  chunkDone(): void {
    this.passed.settle();
  }

  /**
   * A syslog line of the fast path that may repeat a message (see LineSkipper.repeat): when its text after the time
   * is known to be a plain line (no report header, no register dump), it is taken as parse() would take it, reading
   * only its time. Returns the message, or null for a line to be fed as usual.
   */
  repeat(buf: Buffer, found: RegionStops & TextsRead, s: number): RepeatedText | null {
    if (this.format !== 'syslog') return null;
    const start = found.stops[s]!;
    const restAt = found.restAt[s]!;
    const id = found.restIds[s]!;
    // Each text is looked up once a region: the region's lines refer to it by its index.
    if (this.repeatsOf !== found) {
      this.repeatsOf = found;
      // (room for every text id at once: see repeatRun's messages)
      this.regionRepeats = new Array<RepeatedText | null | undefined>(found.restSpans.length / 2);
    }
    let known = this.regionRepeats[id];
    if (known === undefined) known = this.owner.workerRepeat(found, buf, id);
    if (known === undefined) known = this.owner.repeatOf(restText(buf, found, id), buf, restAt, found.ends[s]!, this.ctx);
    this.regionRepeats[id] = known;
    if (!known) return null;
    const line = this.repeatedLine(buf, found, s, known);
    if (!line) return null;
    this.summary.lines++;
    this.summary.bytes += restAt - start + known.chars + 1;
    this.lineNo++;
    // As parse() does with a line that has its own time: the lines passed over before it are not needed.
    this.passed.present = false;
    this.ctx.previous = line;
    this.ctx.usedPrevious = false;
    this.note(line);
    // A plain line (no report header): what the segmenter and the spoofing check would do with it comes to its event.
    // (null is a reading: a program's chatter is told once, not at each repeat)
    if (known.reading === undefined) known.reading = this.owner.eventReading(line);
    this.owner.takeRepeat(line, known.reading);
    return known;
  }

  /** The texts of a region the reader scanned itself (see LineSkipper.readTexts): a syslog input's, read as a scan worker reads them. */
  readTexts(buf: Buffer, found: RegionStops): BlockTexts | undefined {
    return this.format === 'syslog' ? this.owner.readTexts(buf, found, !this.fastRead) : undefined;
  }

  /**
   * Takes the lines from stop `s` of `found` on as repeat() takes them one by one (and the lines passed over between
   * them), as long as they are lines a scan worker read that can be taken in runs (takesRun) with a valid time: their
   * events counted per message and origin, a line object made only for what is kept (a message's first, earliest and
   * latest line, the input's earliest and last). Returns the number of stops taken; 0 for fewer than two (then each
   * is taken as usual).
   */
  repeatRun(buf: Buffer, found: RegionStops & TextsRead, s: number): number {
    const texts = found.texts;
    if (this.format !== 'syslog' || !texts || !this.owner.takesRuns) return 0;
    const { stops, ends, restAt, restIds, clocks, lineIndex } = found;
    let end = s;
    while (end < stops.length && restIds[end] !== -1 && clocks[end] !== -1 && takesRun(texts, restIds[end]!)) end++;
    if (end - s < 2) return 0;
    const firstLineNo = this.lineNo + 1 - lineIndex[s]!;
    // The messages of the block's texts, decoded when first asked for by one of its runs (room for every text id made at
    // once: an array written at scattered indexes becomes a dictionary, and this one is read for each line kept of a run).
    const copies = this.owner.checksCopies;
    const textCount = found.restSpans.length / 2;
    // (and their hashes for the copy check, made once a text)
    if (this.runTexts?.found !== found) this.runTexts = { found, messages: new Array<string | undefined>(textCount), hashes: copies ? new Array<TextHashes | undefined>(textCount) : [] };
    const { messages, hashes } = this.runTexts;
    const message = (id: number): string => (messages[id] ??= messageOf(texts, buf, id));
    const lineAt = (k: number, ms: number): LogLine => {
      const id = restIds[k]!;
      return packedSyslogLineAt(clocks[k]!, ms, texts.origins[originIndex(texts, id)]!, message(id), firstLineNo + lineIndex[k]!, this.ctx);
    };
    const origins = texts.origins.length;
    // Per reading and origin, in the order of their first line (see RunCounts).
    const readings = readingsOf(texts);
    const counts = runCounts;
    counts.start(readings.length * origins);
    try {
      let kernelLines = 0;
      let bytes = 0;
      let packed = -1;
      let ms = 0;
      let previous = -1;
      let k = s;
      for (; k < end; k++) {
        const id = restIds[k]!;
        if (clocks[k] !== packed) {
          const epochMs = packedEpochMs(clocks[k]!, this.ctx);
          // (a time that is no valid one: the line is read as usual)
          if (epochMs === null) break;
          packed = clocks[k]!;
          ms = epochMs;
        }
        const origin = texts.origins[originIndex(texts, id)]!;
        this.noteHost(origin.host);
        const before = previous;
        // (most lines of a run move only the last time: no closure made for them)
        if (this.movesSpan(ms)) this.noteTime(ms, () => lineAt(k, ms), before === -1 ? () => this.lastTimed! : () => lineAt(before, this.lastMs));
        else this.lastMs = ms;
        previous = k;
        bytes += restAt[k]! - stops[k]! + charsOf(texts, id) + 1 + (k > s ? stops[k]! - ends[k - 1]! - 1 : 0);
        const reading = readingIndex(texts, id);
        if (copies && this.owner.isRunCopy(this.ctx.path, origin.host, ms, (hashes[id] ??= textHashes(message(id))), reading === -1 ? null : readings[reading]!)) continue;
        if (origin.kernel) kernelLines++;
        if (reading === -1) continue;
        counts.add(reading * origins + originIndex(texts, id), k, ms);
      }
      if (k === s) return 0;
      const lines = lineIndex[k - 1]! - lineIndex[s]! + 1;
      this.summary.lines += lines;
      this.summary.linesPassedOver += lines - (k - s);
      this.summary.bytes += bytes;
      this.lineNo += lines;
      this.passed.present = false;
      const last = lineAt(k - 1, this.lastMs);
      this.lastTimed = last;
      this.ctx.previous = last;
      this.ctx.usedPrevious = false;
      const counted: CountedLines[] = [];
      for (let i = 0; i < counts.size; i++) {
        const first = counts.first[i]!;
        // (one object for a line that is two or three of these: most messages of a run have one line)
        const line = first === k - 1 ? last : lineAt(first, counts.firstMs[i]!);
        const earliest = counts.earliest[i] === first ? line : lineAt(counts.earliest[i]!, counts.earliestMs[i]!);
        const latestStop = counts.latest[i]!;
        const latest = latestStop === first ? line : latestStop === k - 1 ? last : lineAt(latestStop, counts.latestMs[i]!);
        counted.push({ line, earliest, latest, count: counts.count[i]!, reading: readings[Math.floor(counts.keys[i]! / origins)]! });
      }
      this.owner.takeRun(this.ctx.path, kernelLines, counted);
      return k - s;
    } finally {
      counts.clear();
    }
  }

  /** The stop `s` of `found` as a line, its text after the time known; null when its time is no valid one. */
  private repeatedLine(buf: Buffer, found: RegionStops, s: number, known: RepeatedText): LogLine | null {
    const packed = found.clocks[s]!;
    const { origin, text } = known;
    if (packed !== -1) {
      const line = packedSyslogLine(packed, origin, text, this.lineNo + 1, this.ctx, known.moving);
      if (line) known.moving = line;
      return line;
    }
    // A time with a fraction of a second is not packed: it is read from the line.
    const clock = syslogStampClock(buf.toString('latin1', found.stops[s]!, found.restAt[s]!), this.ctx);
    if (!clock) return null;
    return { path: this.ctx.path, lineNo: this.lineNo + 1, text, host: origin.host, time: clock.iso, epochMs: clock.epochMs, uptime: origin.uptime, kernel: origin.kernel, tag: origin.tag, caller: origin.caller };
  }

  /** Parses the last line passed over (not fed): the first/last time of the input and a continuation line's context. */
  private parseSkipped(): void {
    if (!this.passed.present) return;
    const raw = this.passed.text();
    this.passed.present = false;
    if (this.format === 'kmsg' && isKmsgDictionaryLine(raw)) return;
    this.note(parseLine(raw, this.passed.lineNo, this.format!, this.ctx));
  }

  private note(line: LogLine): void {
    this.noteHost(line.host);
    // (a line with a time has its milliseconds too; the time text is read at the end: a repeat's is made when read)
    if (line.epochMs !== null || line.time !== null) {
      this.noteTime(line.epochMs, () => line, this.lastTimed === line ? null : () => this.lastTimed!);
      this.lastTimed = line;
    }
  }

  /** Whether a line at `ms` may become the input's earliest, or follow its peak (times going back): see noteTime. */
  private movesSpan(ms: number): boolean {
    return this.earliest === null || (this.earliest.epochMs !== null && ms < this.earliest.epochMs) || ms < this.lastMs;
  }

  /** The input's host is its first line's that names one: the hint (a folder's or bundle's name) stands in until then. */
  private noteHost(host: string | null): void {
    if (host && !this.hostFromLines) {
      this.summary.host = host;
      this.hostFromLines = true;
    }
  }

  /**
   * The input's time span as a timed line comes (`ms` null: a time without milliseconds): `line` makes its line object
   * and `previous` the timed line before it (null: none to keep), asked for only when one is kept, so that a run of
   * repeats (repeatRun) makes none for the others. The caller then makes it the last timed line.
   */
  private noteTime(ms: number | null, line: () => LogLine, previous: (() => LogLine) | null): void {
    if (this.earliest === null || (ms !== null && this.earliest.epochMs !== null && ms < this.earliest.epochMs)) this.earliest = lasting(line());
    // Copied only when times go back: an ordered log keeps no line but its last.
    if (ms !== null && ms < this.lastMs && previous && !(this.peak && this.peak.epochMs! >= this.lastMs)) this.peak = lasting(previous());
    if (ms !== null) this.lastMs = ms;
  }

  private decideFormat(): void {
    this.format = detectFormat(this.pending);
    this.summary.format = this.format;
    const lines = this.pending.splice(0);
    for (const raw of lines) {
      // The fast read passes over the sample's routine lines as the reader does those after it (once a time is known:
      // the input's span starts at a line read). 200 lines of each of a thousand rotated files were 15 % of a run.
      if (this.fastRead && this.earliest !== null && this.skipping && !mayMatter(raw)) {
        // (its line and size were counted by push)
        const bytes = Buffer.from(raw);
        this.passOver(1, bytes, 0, bytes.length);
      } else this.parse(raw);
    }
  }

  private parse(raw: string): void {
    this.lineNo++;
    if (this.format === 'kmsg' && isKmsgDictionaryLine(raw)) {
      this.parseSkipped();
      return;
    }
    let lines = parseLines(raw, this.lineNo, this.format!, this.ctx);
    if (this.passed.present) {
      // A line with its own time and origin needs nothing of the lines passed over before it (their time is earlier).
      if (this.ctx.usedPrevious) {
        this.parseSkipped();
        lines = parseLines(raw, this.lineNo, this.format!, this.ctx);
      } else this.passed.present = false;
    }
    for (const line of lines) {
      this.note(line);
      this.segmenter.push(line);
    }
  }

  end(): void {
    if (this.format === null) this.decideFormat();
    this.parseSkipped();
    this.segmenter.end();
    this.summary.firstSeen = this.earliest?.time ?? null;
    const latest = this.peak && this.lastTimed && isEarlier(this.lastTimed, this.peak) ? this.peak : this.lastTimed;
    this.summary.lastSeen = latest?.time ?? null;
    // (a library's caller may keep a feed after its input, as the analyzer keeps its summary: not its last region's texts)
    this.repeatsOf = null;
    this.regionRepeats = [];
    this.runTexts = null;
  }
}
