import type { LogLine } from '../lines/types.js';
import { detailMessage } from './codes.js';

/**
 * A task name may hold a line break (any process can set its own name, `prctl(PR_SET_NAME)`): a header line that
 * prints it is split in two. Detectors join the halves and say so, rather than lose the report.
 */
export function joinSplitName(first: string, rest: string): string {
  return `${first}\\n${rest}`;
}

/** The `details.taskName` note of a report whose header was split by the task's name. */
export const SPLIT_NAME_NOTE = detailMessage('detail.taskName.split');

/**
 * The line that ends a header a task name split (its first match of `tail` among the two lines after the header);
 * null when there is none: the header was cut, not split, and opens no report.
 */
export function splitTail(lines: readonly LogLine[], headerIndex: number, tail: RegExp): RegExpExecArray | null {
  for (const line of lines.slice(headerIndex + 1, headerIndex + 3)) {
    const m = tail.exec(line.text);
    if (m) return m;
  }
  return null;
}
