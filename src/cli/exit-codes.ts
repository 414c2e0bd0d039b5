/** Exit codes, documented in the README, `ktriage --help` and the man page (from EXIT_MEANINGS). */
export const EXIT = {
  /** The inputs were analyzed (incidents or not). */
  ok: 0,
  /** No input could be read. */
  noInput: 1,
  /** Bad command line. */
  usage: 2,
  /** --strict and the run raised warnings or errors. */
  strictWarnings: 3,
  /** --fail-on and an incident of that severity or worse was found. */
  failOn: 4,
  /** The incident store cannot be used: unreachable, login refused, read-only, full, locked, corrupt, or of a newer schema. */
  database: 5,
  /** The report could not be written (disk full, I/O error) to -o FILE or standard output. */
  writeFailed: 6,
  /** `kb index` stopped by SIGINT (Ctrl-C): its place is saved for --resume. */
  interrupted: 130,
  /** A bug of ktriage: the message carries the stack, to report. */
  internal: 70,
} as const;

/** What each exit code means, in the words of the help and the man page. */
export const EXIT_MEANINGS: readonly (readonly [number, string])[] = [
  [EXIT.ok, 'the inputs were analyzed, with or without incidents (warnings go to stderr, one line each)'],
  [EXIT.noInput, 'no input could be read (missing paths, binary data, nothing but unreadable files; for kb index: a directory that is no git repository): nothing is printed on stdout'],
  [EXIT.usage, 'usage error (unknown option, format or command, a bad --tz/--year/--since/--until, an -o file that cannot be written)'],
  [EXIT.strictWarnings, '--strict and the run raised a warning or a detector error'],
  [EXIT.failOn, '--fail-on SEVERITY and an incident of that severity or worse was found (takes precedence over 3)'],
  [EXIT.database, 'ingest and the other store commands: the incident store cannot be used (unreachable, login refused, read-only, full, locked, corrupt, of a newer schema)'],
  [EXIT.writeFailed, 'the report could not be written to -o FILE or standard output (disk full, I/O error)'],
  [EXIT.internal, 'a bug of ktriage: the message carries the stack, to report'],
  [EXIT.interrupted, 'kb index was stopped (Ctrl-C, SIGINT): what it read is saved in FILE.partial, --resume continues it'],
];
