// Public API of the ktriage library.
export { analyzeText, Analyzer, type AnalyzeOptions } from './analyzer.js';
export { SourceFeed, type SourceInfo } from './analysis/feed.js';
export { analyzePaths, type RunOptions, type RunOutcome } from './run.js';
export { parseTimeBound, type ResultFilter, type TimeBound } from './analysis/filter.js';
export { ReadMeter } from './sources/meter.js';
export { render, OUTPUT_FORMATS, type OutputFormat } from './render/index.js';
export { resultSchema, SCHEMA_VERSION, type Result, type Incident, type EventGroup, type Finding, type NextStep } from './result/schema.js';
export { resultJsonSchema } from './result/json-schema.js';
export { DETECTORS } from './reports/index.js';
export { loadArmDecoder } from './machine/arm-decode.js';
export type { Detector, Report, Frame } from './reports/types.js';
