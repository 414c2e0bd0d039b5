import type { LogLine } from '../lines/types.js';
import { isStructuralLine, parseCpuLine } from './body.js';
import { parseFrameLine } from './frames.js';
import type { Detector, Report, ReportBlock } from './types.js';

/** A CPU/RIP register dump printed without any report header (e.g. lines kept by a grep). */
export interface Fragment {
  readonly lines: readonly LogLine[];
}

export interface SegmenterSink {
  report(report: Report): void;
  fragment(fragment: Fragment): void;
  /** Kernel or program lines that are not part of any report: they feed the event groups. */
  loose(line: LogLine): void;
  error(where: string, error: unknown): void;
}

/** Lines of one report are printed within a moment; a longer silence means the report ended. */
const MAX_GAP_SECONDS = 10;
/** A report longer than this is cut and flagged rather than swallowing the rest of the log. */
const MAX_BLOCK_LINES = 2000;
const END_MARKER_RE = /^-{2,}\[ end (?:trace|Kernel panic)/;
const DROPPED_RE = /\*\* \d+ printk messages dropped \*\*/;

interface OpenBlock {
  readonly detector: Detector | null;
  readonly lines: LogLine[];
  traceSeen: boolean;
  dropped: boolean;
}

function secondsBetween(a: LogLine, b: LogLine): number | null {
  if (a.epochMs !== null && b.epochMs !== null) return (b.epochMs - a.epochMs) / 1000;
  if (a.uptime !== null && b.uptime !== null) return b.uptime - a.uptime;
  return null;
}

/**
 * Cuts one input's kernel lines into report blocks, in a single streaming pass, and hands each
 * block to the detector whose header opened it. Lines of other subsystems printed in the middle
 * of a report (SMP printk) are passed on as loose lines and do not end the report.
 */
export class Segmenter {
  private block: OpenBlock | null = null;
  private readonly anyHeader: RegExp;

  constructor(
    private readonly detectors: readonly Detector[],
    private readonly sink: SegmenterSink,
  ) {
    this.anyHeader = new RegExp(detectors.map((d) => `(?:${d.header.source})`).join('|'));
  }

  private headerDetector(text: string): Detector | null {
    if (!this.anyHeader.test(text)) return null;
    return this.detectors.find((d) => d.header.test(text)) ?? null;
  }

  push(line: LogLine): void {
    if (!line.kernel) {
      this.sink.loose(line);
      return;
    }
    const text = line.text;
    const header = this.headerDetector(text);
    const block = this.block;
    if (block) {
      if (header && !block.detector?.absorbs?.some((re) => re.test(text))) {
        this.close(false);
        this.open(header, line);
        return;
      }
      if (!header && this.belongs(block, line)) return;
      if (!header) this.close(false);
      else {
        block.lines.push(line);
        return;
      }
    }
    if (header) this.open(header, line);
    else if (parseCpuLine(text.trimStart())) this.open(null, line);
    else this.sink.loose(line);
  }

  /** Adds the line to the open block when it belongs there; false when the block has ended before it. */
  private belongs(block: OpenBlock, line: LogLine): boolean {
    const last = block.lines[block.lines.length - 1]!;
    const gap = secondsBetween(last, line);
    if (gap !== null && (gap > MAX_GAP_SECONDS || gap < -1)) return false;
    if (block.lines.length >= MAX_BLOCK_LINES) return false;
    const text = line.text;
    if (DROPPED_RE.test(text)) {
      block.dropped = true;
      block.lines.push(line);
      return true;
    }
    if (END_MARKER_RE.test(text)) {
      block.lines.push(line);
      this.close(false);
      return true;
    }
    const trimmed = text.trimStart();
    // A second CPU/PID line starts another register dump (another CPU, or a repeated sample).
    if (parseCpuLine(trimmed) && block.lines.some((l) => parseCpuLine(l.text.trimStart()))) return false;
    if (block.detector?.body === 'marker') {
      block.lines.push(line);
      return true;
    }
    if (isStructuralLine(trimmed) || block.detector?.bodyLines?.some((re) => re.test(text))) {
      if (parseFrameLine(text, null) || /^Call [Tt]race:/.test(trimmed)) block.traceSeen = true;
      block.lines.push(line);
      return true;
    }
    // Not report structure: after the trace it means the report is over, before it an interleaved line.
    if (block.traceSeen) return false;
    this.sink.loose(line);
    return true;
  }

  private open(detector: Detector | null, line: LogLine): void {
    this.block = { detector, lines: [line], traceSeen: false, dropped: false };
  }

  private close(truncated: boolean): void {
    const block = this.block;
    this.block = null;
    if (!block) return;
    if (!block.detector) {
      this.sink.fragment({ lines: block.lines });
      return;
    }
    const input: ReportBlock = {
      lines: block.lines,
      headerIndex: 0,
      truncated: truncated || block.lines.length >= MAX_BLOCK_LINES,
      droppedMessages: block.dropped,
    };
    try {
      const report = block.detector.detect(input);
      if (report) this.sink.report(report);
    } catch (error) {
      this.sink.error(`detector ${block.detector.kind} at ${block.lines[0]!.path}:${block.lines[0]!.lineNo}`, error);
    }
  }

  /** Flushes the open block at the end of the input; a report still open there may be cut off. */
  end(): void {
    this.close(true);
  }
}
