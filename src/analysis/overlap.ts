import type { LogLine } from '../lines/types.js';

/**
 * The moment a line was logged, the same whatever zone or precision its input wrote it in (a journal in UTC with
 * microseconds, a syslog file in +08:00 with seconds): the whole second of its wall-clock time, else its uptime.
 * Null for a line without either: copies of it cannot be told from a second line.
 */
export function lineMoment(line: Pick<LogLine, 'epochMs' | 'uptime'>): string | null {
  if (line.epochMs !== null) return `s${Math.floor(line.epochMs / 1000)}`;
  return line.uptime !== null ? `u${line.uptime}` : null;
}

/** Lines remembered to find copies in later inputs: beyond this, lines are counted as they come (a warning says so). */
export const MAX_REMEMBERED = 500_000;

/**
 * Finds the lines one input repeats from another (`messages`, the journal export and `vmcore-dmesg.txt` of one node;
 * a file given twice): the same host, time and text. A line belongs to the first input that gave it, which counts
 * every copy it holds (a message logged twice in one second is two lines); a later input adds only the lines no
 * earlier one gave. So a file given twice counts once, an input that overlaps in part is merged only where it does,
 * a truncated copy never removes lines the whole one has, and lines of two hosts never merge.
 * Inputs are fed one after the other: `input` is the one being fed (see Analyzer.openSource).
 */
export class LineCopies {
  /** The input that first gave each line (host, moment, text). */
  private readonly owner = new Map<string, number>();
  /** Copies found: input -> the input it repeats -> lines. */
  readonly overlaps = new Map<number, Map<number, number>>();
  /** Lines past MAX_REMEMBERED, counted without looking for copies. */
  unchecked = 0;
  input = 0;

  /** Whether the line is a copy of one an earlier input gave (and is not to be counted again). */
  isCopy(line: LogLine, host: string | null): boolean {
    const moment = lineMoment(line);
    if (moment === null) return false;
    const key = `${host ?? ''}\u0001${moment}\u0001${line.text}`;
    const first = this.owner.get(key);
    if (first === undefined) {
      if (this.owner.size < MAX_REMEMBERED) this.owner.set(key, this.input);
      else this.unchecked++;
      return false;
    }
    if (first === this.input) return false;
    const mine = this.overlaps.get(this.input) ?? new Map<number, number>();
    mine.set(first, (mine.get(first) ?? 0) + 1);
    this.overlaps.set(this.input, mine);
    return true;
  }
}
