// The properties every run must have, whatever the input: a result that validates against the
// schema, and evidence that points at real input lines holding what it claims. (Time is not checked: a busy machine
// would fail it.)
import { expect } from 'vitest';
import { parseLine } from '../../src/lines/formats.js';
import { LINE_FORMATS } from '../../src/lines/types.js';
import { parseCpuLine } from '../../src/reports/body.js';
import { DETECTORS } from '../../src/reports/index.js';
import { UNKNOWN_HEADER_RE } from '../../src/reports/segmenter.js';
import { MAX_LINE_CHARS } from '../../src/sources/read.js';
import { resultSchema, type Result } from '../../src/result/schema.js';

/** The input lines as the analyzer numbers them (any line end; lines cut as the file reader cuts them). */
export function inputLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Whether the line, read in any line format, is a report header, a header-shaped line no detector reads (a partial
 * `header-unknown` incident) or a CPU line (header-less dump).
 */
function isHeaderOrCpuLine(raw: string): boolean {
  return LINE_FORMATS.some((format) => {
    const text = parseLine(raw.slice(0, MAX_LINE_CHARS), 1, format, { path: '', year: 2022, referenceMonth: 11, assumedZone: null, previous: null }).text;
    return DETECTORS.some((d) => d.header.test(text)) || UNKNOWN_HEADER_RE.test(text) || parseCpuLine(text.trimStart()) !== null;
  });
}

/** Asserts the properties of one result; `inputs` maps each input path to its lines. */
export function checkResult(result: Result, inputs: ReadonlyMap<string, readonly string[]>): void {
  const parsed = resultSchema.safeParse(result);
  if (!parsed.success) expect.fail(`result does not validate: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  const lineAt = (path: string, line: number): string => {
    const lines = inputs.get(path);
    if (!lines) return expect.fail(`evidence names an unknown input ${JSON.stringify(path)}`);
    if (!Number.isInteger(line) || line < 1 || line > lines.length) return expect.fail(`evidence ${path}:${line} is outside the ${lines.length} input lines`);
    return lines[line - 1]!;
  };
  for (const incident of result.incidents) {
    for (const e of incident.evidence) {
      const raw = lineAt(e.path, e.line);
      if (!isHeaderOrCpuLine(raw)) expect.fail(`incident ${incident.id}: evidence ${e.path}:${e.line} holds no report header: ${JSON.stringify(raw.slice(0, 200))}`);
    }
    for (const s of incident.samples) lineAt(s.evidence.path, s.evidence.line);
    for (const l of incident.lines) {
      const raw = lineAt(l.path, l.line);
      if (!raw.includes(l.text)) expect.fail(`incident ${incident.id}: line ${l.path}:${l.line} does not hold ${JSON.stringify(l.text.slice(0, 200))}`);
    }
    if (incident.reports < 1) expect.fail(`incident ${incident.id} has no report`);
  }
  for (const event of result.events) {
    const raw = lineAt(event.example.path, event.example.line);
    if (!raw.includes(event.example.text)) expect.fail(`event example ${event.example.path}:${event.example.line} does not hold ${JSON.stringify(event.example.text.slice(0, 200))}`);
  }
}
