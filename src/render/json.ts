import type { Result } from '../result/schema.js';
import { jsonVisible } from './visible.js';

/** The result document; `compact` gives one line (JSON Lines with --each). */
export function renderJson(result: Result, compact = false): string {
  return `${jsonVisible(JSON.stringify(result, null, compact ? undefined : 2))}\n`;
}
