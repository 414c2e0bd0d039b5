import type { Result } from '../result/schema.js';

/** The result document; `compact` gives one line (JSON Lines with --each). */
export function renderJson(result: Result, compact = false): string {
  return `${JSON.stringify(result, null, compact ? undefined : 2)}\n`;
}
