// Stages of building a result that may throw without stopping the run (src/analyzer.ts): an error entry names its
// stage by a code from this table with flat parameters; src/render/words.ts says the English `where`, the reports
// say it in their language (src/i18n: `stage.<code>`).

export const STAGE_CODES = [
  'code-check',
  'detector',
  'findings',
  'incident',
  'known-issues',
  'machine-code',
  'next-steps',
  'problems',
  'relating-events',
  'storage-waits',
  'victims',
  'wait-graph',
] as const;
export type StageCode = (typeof STAGE_CODES)[number];

/** Which report a stage was working on: `at` is `path:line`, `kind` a detector's kind. */
export type StageParams = Readonly<Record<string, string | number>>;

/** A stage that threw, as the pipeline gives it: the result document adds its English `where`. */
export interface UnsaidRunError {
  readonly stage: StageCode;
  readonly params: StageParams;
  /** The thrown error's own words. */
  readonly message: string;
}

/** Tells the run that `stage` threw `error`; the run goes on. */
export type StageError = (stage: StageCode, params: StageParams, error: unknown) => void;
