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
} as const;
