import { momentOf } from './moments.js';

/** Epoch milliseconds of a result's time text (null when it has none). */
export function epochMs(time: string | null): number | null {
  return momentOf(time, null).ms;
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30m`, `12h`, `7d`, `2w` in milliseconds; null when the text is not such a span. */
export function parseSpan(text: string): number | null {
  const m = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}
