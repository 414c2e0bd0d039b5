import type { StageError } from '../result/errors.js';
import { joinHeaderPieces } from '../knowledge/header-pieces.js';
import type { LogLine } from '../lines/types.js';
import { isCutHereLine, isHardwareLine, isStructuralLine, parseCpuLine } from './body.js';
import { corruption } from './codes.js';
import type { HeaderMatcher } from './header-matcher.js';
import { attribute, headerClaim, newAssembly, StackHistory, take, type Assembly } from './reassembly.js';
import type { Detector, Report, ReportBlock } from './types.js';

/** A CPU/RIP register dump printed without any report header (e.g. lines kept by a grep). */
export interface Fragment {
  readonly lines: readonly LogLine[];
  /** The last few kernel lines printed before the dump's first line (`NMI backtrace for cpu 1`, `sysrq: Show Regs`), nearest last. */
  readonly after: readonly string[];
  /** The dump opens with a line shaped like a report header that no detector reads (see UNKNOWN_HEADER_RE). */
  readonly unknownHeader?: boolean;
}

/**
 * The start of a kernel message that opens a report in every era (`BUG:`, `Oops`, `WARNING:`, `Internal error`,
 * `Unable to handle`): when no detector reads such a line, it is a variant none knows, and the dump after it is kept.
 */
export const UNKNOWN_HEADER_RE = /^(?:BUG[: ]|Oops\b|WARNING: |Internal error|Unable to handle)/;

export interface SegmenterSink {
  report(report: Report): void;
  fragment(fragment: Fragment): void;
  /** Kernel or program lines that are not part of any report: they feed the event groups. */
  loose(line: LogLine): void;
  error: StageError;
  /** A report printed at the same moment as others could not be reassembled whole (it is flagged corrupted). */
  unassembled(): void;
}

/** Lines of one report are printed within a moment; a longer silence means the report ended. */
const MAX_GAP_SECONDS = 10;
/** A report longer than this is cut and flagged rather than swallowing the rest of the log. */
const MAX_BLOCK_LINES = 2000;
const END_MARKER_RE = /^-{2,}\[ end (?:trace|Kernel panic)/;
const DROPPED_RE = /\*\* \d+ printk messages dropped \*\*/;
// The `=====` rule that closes sanitizer reports (KASAN, KMSAN, KCSAN, KFENCE, UBSAN) and opens lockdep's.
const RULE_RE = /^={20,}\s*$/;
/** Kernel lines remembered before a register dump: an NMI handler's complaint may come between its opening line and it. */
const LINES_BEFORE_DUMP = 3;
/** Foreign lines after a trace that may still be followed by more of it (another task's printk between two frames). */
const MAX_HELD_LINES = 3;

interface OpenBlock {
  readonly detector: Detector | null;
  /** For a register dump without a header: the kernel lines printed before it. */
  readonly after: readonly string[];
  /** For a register dump: it opens with a header-shaped line no detector reads. */
  readonly unknownHeader: boolean;
  readonly lines: LogLine[];
  traceSeen: boolean;
  dropped: boolean;
  /** A `marker` body past its detector's `traceFrom` line: the rest ends like a `trace` body. */
  tracePhase: boolean;
  /** Other lines printed after the trace, held back until the trace goes on (they were interleaved) or the report ends. */
  readonly held: LogLine[];
  readonly assembly: Assembly;
  /** Closed early to make room for another CPU's report. */
  crowded?: boolean;
  /** Its header cut off another report before that one's trace (another CPU's, interleaved): it takes no message lines. */
  cutAnother?: boolean;
  /** The lines printed between the `cut here` line and its header (see Segmenter.cut). */
  before?: readonly LogLine[];
}

/**
 * Reports of different CPUs reassembled side by side at most. Without caller tags a line is attributed by what it
 * says, which takes few open reports; with tags (`[C12]`, `[T345]`) each line names its report, so every CPU of a
 * large machine dumping at once (softlockup_all_cpu_backtrace) is reassembled.
 */
const MAX_CONCURRENT_BLOCKS = 8;
const MAX_TAGGED_BLOCKS = 1024;
/** Headers this close in time may be reports that different CPUs printed together. */
const CONCURRENT_SECONDS = 1;
/** A header whose body follows after a silence (a slow console, a stalled CPU) is rejoined up to this far. */
const MAX_SPLIT_SECONDS = 300;

/** Whether an open block takes a header line as its own (`absorbs`, at most once each with `absorbsOnce`). */
function absorbs(block: OpenBlock, text: string): boolean {
  const detector = block.detector;
  return detector?.absorbs?.some((re) => re.test(text) && !(detector.absorbsOnce && block.lines.some((l) => re.test(l.text)))) ?? false;
}

/** With printk caller tags (`[T123]`, `[C4]`), a line joins only a report printed from its own context. */
function sameContext(block: OpenBlock, line: LogLine): boolean {
  return line.caller === null || block.assembly.caller === null || block.assembly.caller === line.caller;
}

function secondsBetween(a: LogLine, b: LogLine): number | null {
  if (a.epochMs !== null && b.epochMs !== null) return (b.epochMs - a.epochMs) / 1000;
  if (a.uptime !== null && b.uptime !== null) return b.uptime - a.uptime;
  return null;
}

/**
 * Whether the line opens the body of a block that holds only its header: report structure, and a CPU line only when
 * it names the header's task (or CPU, when the header names no task).
 */
function startsBodyOf(block: OpenBlock, line: LogLine): boolean {
  if (block.detector === null || block.lines.length !== 1) return false;
  const trimmed = line.text.trimStart();
  const cpu = parseCpuLine(trimmed);
  if (!cpu) return isStructuralLine(trimmed);
  const claim = block.assembly.claim;
  return claim.pid !== null ? claim.pid === cpu.pid : claim.cpu === null || claim.cpu === cpu.cpu;
}

/** Printk times a message line follows its header within (the same printk sequence: microseconds, a few ms on an emulated CPU). */
const MESSAGE_UPTIME_SECONDS = 0.01;

/**
 * Whether a line that is no report structure is part of the message the block's header is followed by (see
 * Detector.messageLines): the block holds its header, perhaps the hardware line, and fewer message lines than that so
 * far, the line is of the header's printk context, and it was printed right after it: by the uptimes, within
 * MESSAGE_UPTIME_SECONDS (an audit line 20 ms later is another's), or within the second when a caller tag names the task
 * that printed both or the times are syslog's; at any time when neither line has one (a pasted report).
 */
function takesMessage(block: OpenBlock, line: LogLine): boolean {
  const most = block.detector?.messageLines ?? 0;
  // (the header, the hardware line and `most` message lines at most: a long block is past its message, at no cost)
  if (most === 0 || block.cutAnother || block.lines.length > most + 2) return false;
  const after = block.lines.slice(1).filter((l) => !isHardwareLine(l.text));
  if (after.length >= most || after.some((l) => isStructuralLine(l.text.trimStart()))) return false;
  return printedRightAfter(block.lines[0]!, line);
}

/** Whether `line` was printed right after `first`, in one printk sequence (by the same task when both name theirs; see takesMessage). */
function printedRightAfter(first: LogLine, line: LogLine): boolean {
  if (first.caller !== null && line.caller !== null && first.caller !== line.caller) return false;
  const gap = secondsBetween(first, line);
  // (a caller tag names the task that printed both: the same printk sequence however slow the console)
  const tagged = first.caller !== null && line.caller !== null;
  if (!tagged && first.uptime !== null && line.uptime !== null) return gap! >= 0 && gap! <= MESSAGE_UPTIME_SECONDS;
  return gap === null || (gap >= 0 && gap <= 1);
}

/** Lines taken between a `cut here` line and its header: WARN(cond, fmt)'s message (see Segmenter.cut). */
const MAX_LINES_AFTER_CUT = 3;

/**
 * Cuts one input's kernel lines into report blocks, in a single streaming pass, and hands each
 * block to the detector whose header opened it. Lines of other subsystems printed in the middle
 * of a report (SMP printk) are passed on as loose lines and do not end the report.
 */
export class Segmenter {
  /** Open blocks, oldest first: several while different CPUs print reports at the same moment. */
  private blocks: OpenBlock[] = [];
  private readonly history = new StackHistory();
  /** The last kernel lines pushed, nearest last: what a register dump without a header was printed after. */
  private previous: LogLine[] = [];
  /**
   * A `cut here` line with no report open, and the kernel lines printed right after it: 4.15+ WARN(cond, fmt) prints
   * its message there, before its `WARNING:` header, which takes them (OpenBlock.before). While it lasts, lines are
   * read one by one (the segmenter is not idle), so that the fast read sees them as the full one does.
   */
  private cut: { readonly line: LogLine; readonly lines: LogLine[] } | null = null;

  constructor(
    private readonly headers: HeaderMatcher,
    private readonly sink: SegmenterSink,
  ) {}

  /** No report open: a line that is neither a header nor a register dump's CPU line can only be loose. */
  get idle(): boolean {
    return this.blocks.length === 0 && this.cut === null;
  }

  push(line: LogLine): void {
    if (!line.kernel) {
      // (programs' lines may come between a `cut here` line and its header, but not for long: the fast read waits on it)
      if (this.cut && !printedRightAfter(this.cut.line, line)) this.cut = null;
      this.sink.loose(line);
      return;
    }
    this.route(line);
    this.noteCut(line);
    if (this.previous[this.previous.length - 1] === line) return;
    this.previous.push(line);
    if (this.previous.length > LINES_BEFORE_DUMP) this.previous.shift();
  }

  private route(line: LogLine): void {
    const text = line.text;
    // Neither a header nor a CPU line can be without one of the prefilter's pieces.
    const { header, maybe } = this.headers.read(text);
    const mine = this.blocks.length === 0 ? [] : this.blocks.filter((b) => sameContext(b, line));
    if (header) {
      // Absorbed headers (`Oops:`, a panic_on_warn panic) come before the host's register dump, after which the host
      // is over; only a report's own later headers (the OOM victim after the OOM invoker) may come after it.
      const hosts = mine.filter((b) => (b.detector === header || !b.lines.some((l) => parseCpuLine(l.text.trimStart()))) && absorbs(b, text));
      // Two CPUs' reports open at once could each own it: it is left out of both, which are flagged.
      if (hosts.length > 1) {
        for (const b of hosts) b.assembly.ambiguous = true;
        return;
      }
      // A header printed twice before its body (two console paths, a replay) opens one report, not an empty one first.
      const repeated = mine.find((b) => b.detector === header && b.lines.length === 1 && b.lines[0]!.text.trim() === text.trim());
      const host = hosts[0] ?? repeated;
      if (host) {
        this.add(host, line);
        if (host.detector?.endsAt?.test(text)) this.close(host, false);
        return;
      }
      const ending = this.blocks.filter((b) => !this.concurrent(b, header, line));
      // (a report cut off before its trace by this header: the lines right after it may still be that report's)
      const cut = ending.some((b) => !b.traceSeen && (secondsBetween(b.lines[b.lines.length - 1]!, line) ?? 0) <= CONCURRENT_SECONDS);
      for (const b of ending) this.close(b, false);
      const room = line.caller !== null && this.blocks.every((b) => b.assembly.caller !== null) ? MAX_TAGGED_BLOCKS : MAX_CONCURRENT_BLOCKS;
      if (this.blocks.length >= room) {
        // The oldest is closed unfinished: its remaining lines will be loose, so it is flagged, and the run says so.
        this.blocks[0]!.crowded = true;
        this.close(this.blocks[0]!, false);
      }
      this.open(header, line);
      const opened = this.blocks[this.blocks.length - 1]!;
      if (cut) opened.cutAnother = true;
      if (this.cut && this.cut.lines.length > 0 && printedRightAfter(this.cut.line, line)) opened.before = this.cut.lines;
      return;
    }
    if (mine.length > 1) {
      this.pushConcurrent(mine, line);
      return;
    }
    if (mine.length === 1) {
      if (this.belongs(mine[0]!, line)) return;
      this.close(mine[0]!, false);
    }
    if (maybe && parseCpuLine(text.trimStart())) this.open(null, line);
    else if (maybe && UNKNOWN_HEADER_RE.test(text)) this.open(null, line, true);
    else this.sink.loose(line);
  }

  /** Whether a new header is another CPU's report printed at the same moment as the open block. */
  private concurrent(block: OpenBlock, header: Detector, line: LogLine): boolean {
    if (line.caller !== null && block.assembly.caller !== null) return line.caller !== block.assembly.caller;
    const detector = block.detector;
    if (!detector || detector.body !== 'trace' || header.body !== 'trace' || detector.multipleDumps || header.multipleDumps) return false;
    // A dump that printed its trace and its Code: line is complete.
    if (block.traceSeen && block.assembly.seen.has('code')) return false;
    const gap = secondsBetween(block.lines[block.lines.length - 1]!, line);
    const claimed = headerClaim(line.text).cpu;
    const other = block.assembly.claim.cpu;
    return gap !== null && Math.abs(gap) <= CONCURRENT_SECONDS && claimed !== null && other !== null && claimed !== other;
  }

  /** A body line while several CPUs' reports are open at once: it goes to the one it can be attributed to. */
  private pushConcurrent(open: readonly OpenBlock[], line: LogLine): void {
    const live = open.filter((b) => {
      const ended = this.ended(b, line);
      if (ended) this.close(b, false);
      return !ended;
    });
    if (live.length < 2) {
      this.push(line);
      return;
    }
    const text = line.text;
    const trimmed = text.trimStart();
    if (DROPPED_RE.test(text)) {
      for (const b of live) {
        b.dropped = true;
        this.add(b, line);
      }
      return;
    }
    // Which of the reports printed together an end marker or a line of another subsystem ends cannot
    // be told: they end by a silence or the next header instead.
    if (END_MARKER_RE.test(text) || (!isStructuralLine(trimmed) && !live.some((b) => b.detector?.bodyLines?.some((re) => re.test(text))))) {
      this.sink.loose(line);
      return;
    }
    if (parseCpuLine(trimmed) && live.every((b) => b.assembly.seen.has('cpu'))) {
      for (const b of live) this.close(b, false);
      this.open(null, line);
      return;
    }
    const choice = attribute(
      live.map((b) => b.assembly),
      text,
      this.history,
    );
    if ('to' in choice) this.add(live[choice.to]!, line);
    else if (choice.damaging) for (const i of choice.withheld) live[i]!.assembly.ambiguous = true;
  }

  /** A silence or a length that means the block's report is over before this line. */
  private ended(block: OpenBlock, line: LogLine): boolean {
    const gap = secondsBetween(block.lines[block.lines.length - 1]!, line);
    if (gap !== null && gap > MAX_GAP_SECONDS && gap <= MAX_SPLIT_SECONDS && startsBodyOf(block, line)) return false;
    return (gap !== null && (gap > MAX_GAP_SECONDS || gap < -1)) || block.lines.length >= MAX_BLOCK_LINES;
  }

  private add(block: OpenBlock, line: LogLine): void {
    block.lines.push(line);
    const role = take(block.assembly, line.text);
    // The trace is under way at its first frame: other tasks' lines often come between `Call Trace:` and it.
    if (role.kind === 'frame' && role.fn !== null) block.traceSeen = true;
  }

  /** Adds the line to the open block when it belongs there; false when the block has ended before it. */
  private belongs(block: OpenBlock, line: LogLine): boolean {
    if (this.ended(block, line)) return false;
    const text = line.text;
    const joined = block.detector && block.lines.length === 1 ? joinHeaderPieces(block.lines[0]!.text, text) : null;
    if (joined !== null) {
      // The rest of a header printed in pieces: the header is read whole, from its first piece's line.
      block.lines[0] = { ...block.lines[0]!, text: joined, pieces: [...(block.lines[0]!.pieces ?? [block.lines[0]!]), line] };
      return true;
    }
    if (DROPPED_RE.test(text)) {
      block.dropped = true;
      this.add(block, line);
      return true;
    }
    if (END_MARKER_RE.test(text)) {
      this.add(block, line);
      this.close(block, false);
      return true;
    }
    const trimmed = text.trimStart();
    // A second CPU/PID line starts another register dump (another CPU, or a repeated sample).
    if (parseCpuLine(trimmed) && !block.detector?.multipleDumps && block.lines.some((l) => parseCpuLine(l.text.trimStart()))) return false;
    if (block.detector?.body === 'marker' && !block.tracePhase) {
      this.add(block, line);
      if (RULE_RE.test(trimmed) || block.detector.endsAt?.test(trimmed)) this.close(block, false);
      else if (block.detector.traceFrom?.test(trimmed)) {
        block.tracePhase = true;
        block.traceSeen = false;
      }
      return true;
    }
    // A console line without the printk stamp the report's lines carry was written by user space.
    const unstamped = line.uptime === null && line.epochMs === null && (block.lines[0]!.uptime !== null || block.lines[0]!.epochMs !== null);
    if (!unstamped && (isStructuralLine(trimmed) || block.detector?.bodyLines?.some((re) => re.test(text)))) {
      for (const held of block.held.splice(0)) this.sink.loose(held);
      this.add(block, line);
      return true;
    }
    // (with another report open, a line printed between them may be either's: no message is taken then)
    if (!unstamped && this.blocks.length === 1 && takesMessage(block, line)) {
      this.add(block, line);
      return true;
    }
    // Not report structure: after the trace the report is over unless more of the trace follows; before it, an interleaved line.
    if (block.traceSeen && !unstamped) {
      if (block.held.length >= MAX_HELD_LINES) return false;
      block.held.push(line);
      return true;
    }
    this.sink.loose(line);
    return true;
  }

  private open(detector: Detector | null, line: LogLine, unknownHeader = false): void {
    const after = detector === null ? this.previous.filter((l) => l !== line).map((l) => l.text) : [];
    this.blocks.push({ detector, after, unknownHeader, lines: [line], traceSeen: false, dropped: false, tracePhase: false, held: [], assembly: newAssembly(line) });
  }

  private close(block: OpenBlock, truncated: boolean): void {
    this.blocks = this.blocks.filter((b) => b !== block);
    this.report(block, truncated);
    // Lines held back after the trace were not the report's: they are read again, in order.
    for (const held of block.held.splice(0)) this.push(held);
  }

  private report(block: OpenBlock, truncated: boolean): void {
    if (!block.detector) {
      this.sink.fragment({ lines: block.lines, after: block.after, ...(block.unknownHeader ? { unknownHeader: true } : {}) });
      return;
    }
    const input: ReportBlock = {
      lines: block.lines,
      headerIndex: 0,
      truncated: truncated || block.lines.length >= MAX_BLOCK_LINES,
      droppedMessages: block.dropped,
      ...(block.before ? { before: block.before } : {}),
      damage: [...(block.assembly.ambiguous ? [corruption('corruption.interleaved')] : []), ...(block.crowded ? [corruption('corruption.crowded')] : [])],
    };
    if (block.assembly.ambiguous || block.crowded) this.sink.unassembled();
    this.history.learn(block.assembly, block.lines);
    try {
      const report = block.detector.detect(input);
      if (report) this.sink.report(report);
    } catch (error) {
      this.sink.error('detector', { kind: block.detector.kind, at: `${block.lines[0]!.path}:${block.lines[0]!.lineNo}` }, error);
    }
  }

  /** Follows a `cut here` line with no report open, and the lines printed right after it (see cut). */
  private noteCut(line: LogLine): void {
    const cut = this.cut;
    this.cut = null;
    if (this.blocks.length > 0) return;
    if (isCutHereLine(line.text)) this.cut = { line, lines: [] };
    else if (cut && cut.lines.length < MAX_LINES_AFTER_CUT && printedRightAfter(cut.line, line)) this.cut = { line: cut.line, lines: [...cut.lines, line] };
  }

  /** Flushes the open block at the end of the input; a report still open there may be cut off. */
  end(): void {
    this.cut = null;
    while (this.blocks.length > 0) this.close(this.blocks[0]!, true);
  }
}
