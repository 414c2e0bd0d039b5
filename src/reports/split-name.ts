/**
 * A task name may hold a line break (any process can set its own name, `prctl(PR_SET_NAME)`): a header line that
 * prints it is split in two. Detectors join the halves and say so, rather than lose the report.
 */
export function joinSplitName(first: string, rest: string): string {
  return `${first}\\n${rest}`;
}

/** The `details.taskName` note of a report whose header was split by the task's name. */
export const SPLIT_NAME_NOTE = 'holds a line break: the header is split over two lines (shown as \\n)';
