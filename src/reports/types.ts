import type { Corruption, DetailMessage } from './codes.js';
import type { LogLine } from '../lines/types.js';
import type { IncidentKind, PartialReason } from '../result/kinds.js';

/** One call-trace frame, or the RIP/pc, as printed. Offsets and sizes stay as printed ("0x15"). */
export interface Frame {
  readonly address: string | null;
  readonly function: string;
  readonly offset: string | null;
  readonly size: string | null;
  readonly module: string | null;
  /** False for `? ` frames: stack-scan guesses the unwinder could not confirm. */
  readonly reliable: boolean;
  /** Stack the frame was on when the trace marks one (`IRQ`, `NMI`, `TASK`, `SOFTIRQ`, ...). */
  readonly context: string | null;
}

export interface FunctionRef {
  readonly function: string;
  readonly module: string | null;
}

/** The `Code:` line: instruction bytes around the faulting one, which is marked `<xx>` or `(xx)`. */
export interface CodeBytes {
  readonly bytes: readonly number[];
  /** Index in `bytes` of the marked byte, or null when nothing is marked. */
  readonly markerIndex: number | null;
  /** x86 prints bytes, arm64 prints 32-bit words. */
  readonly unit: 'byte' | 'word';
  readonly words: readonly string[];
  readonly raw: string;
}

/** Fields every report layout shares: the CPU/PID line, registers, trace, Code:. */
export interface CommonFields {
  cpu: number | null;
  pid: number | null;
  comm: string | null;
  taint: string | null;
  kernel: string | null;
  hardware: string | null;
  rip: Frame | null;
  registers: Record<string, string>;
  stackWords: string[];
  stack: Frame[];
  /**
   * Frames at the start of `stack` printed before the RIP line inside the trace: the interrupt that printed
   * the report (x86 4.x+ RCU stall layout), not the interrupted code. 0 when the RIP precedes the trace.
   */
  reporterFrames: number;
  code: CodeBytes | null;
  /** The modules of `Modules linked in:` that carry taint letters, as printed (`i40e(OE) megaraid_sas(OE)`); null for none. */
  taintedBy: string | null;
}

/** A parsed kernel report: one watchdog message, oops, warning, ... with its evidence lines. */
export interface Report extends CommonFields {
  readonly kind: IncidentKind;
  /** `<kind phrase> in <function>` */
  title: string;
  /** The line that opened the report. */
  readonly header: LogLine;
  /** Lines that belong to the report (evidence), in input order. */
  readonly lines: readonly LogLine[];
  stuckSeconds: number | null;
  culprit: FunctionRef | null;
  entry: FunctionRef | null;
  corrupted: boolean;
  /** Why the report is marked corrupted (cut off, interleaved, lines dropped...), as codes (reports/codes.ts). */
  corruption: Corruption[];
  /** Kind-specific facts (OOM victim, KASAN access, stalled CPUs...), shown as key/value pairs; ktriage's own phrases as codes. */
  details: Record<string, string | number | boolean | null | DetailMessage>;
  /** Set when the report was built from a register dump without a header it could be read by (see result/kinds.ts PARTIAL_REASONS). */
  partial?: PartialReason;
  /** Set when this report only restates another one (a panic after an oops); filled in by analysis. */
  causedByHint?: 'previous-report';
}

/** Lines gathered for one report before a detector parses them. */
export interface ReportBlock {
  readonly lines: readonly LogLine[];
  /** Index in `lines` of the header line that opened the block. */
  readonly headerIndex: number;
  /** True when the block ended because the input ended or the line cap was hit. */
  readonly truncated: boolean;
  /** `** N printk messages dropped **` seen inside the block. */
  readonly droppedMessages: boolean;
  /** Other damage the segmenter saw (lines interleaved with another CPU's report it could not attribute...). */
  readonly damage?: readonly Corruption[];
  /** The lines printed between a `cut here` line and the header, right before it (4.15+ WARN(cond, fmt)'s message). */
  readonly before?: readonly LogLine[];
}

export interface DetectorMeta {
  /** One sentence on what the detector finds. */
  readonly description: string;
  /** Example header lines, used by tests and documentation. */
  readonly examples: readonly string[];
}

/**
 * How a report's body ends: `trace` ends at the first unrecognised line after the call trace
 * (lockups, oopses); `marker` runs until an end marker, a new report or a quiet gap (KASAN, lockdep).
 */
export type BodyPolicy = 'trace' | 'marker';

export interface Detector {
  readonly kind: IncidentKind;
  readonly meta: DetectorMeta;
  /** Matches the line (message text) that opens a report of this kind. */
  readonly header: RegExp;
  readonly body: BodyPolicy;
  /** Extra kind-specific body lines that must not end a `trace` body. */
  readonly bodyLines?: readonly RegExp[];
  /** Header lines of other detectors that stay inside this report (e.g. `Oops:` after `BUG: unable to handle`). */
  readonly absorbs?: readonly RegExp[];
  /** Each of `absorbs` is taken at most once: a second such line starts another report (another kmemleak object). */
  readonly absorbsOnce?: boolean;
  /** The report holds the register dumps of several CPUs or tasks (RCU stalls): a second CPU line does not end it. */
  readonly multipleDumps?: boolean;
  /** For a `marker` body: the line after which the rest is a plain trace (lockdep's `stack backtrace:`) ending like a `trace` body. */
  readonly traceFrom?: RegExp;
  /** For a `marker` body: the line that ends the report (the OOM killer's `Killed process` line). */
  readonly endsAt?: RegExp;
  /**
   * Lines of text the report may print right after its header, before its body, kept in the report (at most this many):
   * the message of WARN(cond, fmt), which kernels before 4.15 print after the `WARNING:` line.
   */
  readonly messageLines?: number;
  /** Parses a block; null when the block is not really such a report. */
  detect(block: ReportBlock): Report | null;
}
