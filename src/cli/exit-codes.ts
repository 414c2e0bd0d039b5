/** Exit codes, documented in the README. */
export const EXIT = {
  /** The inputs were analyzed (incidents or not). */
  ok: 0,
  /** No input could be read. */
  noInput: 1,
  /** Bad command line. */
  usage: 2,
  /** --strict and the run raised warnings or errors. */
  strictWarnings: 3,
  /** The report could not be written (disk full, I/O error) to -o FILE or standard output. */
  writeFailed: 4,
  /** The incident store cannot be used: unreachable, login refused, read-only, full, locked, corrupt, or of a newer schema. */
  database: 5,
  /** A bug of ktriage: the message carries the stack, to report. */
  internal: 70,
} as const;
