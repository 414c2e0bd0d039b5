import { isBriefHelperFrame } from '../knowledge/frames.js';
import type { LogLine } from '../lines/types.js';
import type { Frame } from '../reports/types.js';

/** One watchdog sample: where the CPU was when a report was printed. */
export interface Sample {
  readonly line: LogLine;
  readonly rip: Frame | null;
  /** Reliable stack innermost first, starting with the RIP; empty when only the RIP line survived. */
  readonly stack: readonly Frame[];
  readonly stuckSeconds: number | null;
  /** From a report flagged corrupted (lines dropped, cut, interleaved): its stack may be partial. */
  readonly damaged?: boolean;
}

/** The samples to reason from: a damaged report's partial stack must not veto what the intact ones show. */
export function trustedSamples<T extends Sample>(samples: readonly T[]): readonly T[] {
  const intact = samples.filter((s) => !s.damaged);
  return intact.length > 0 ? intact : samples;
}

export interface RipCount {
  readonly function: string;
  readonly offset: string | null;
  readonly count: number;
}

/** RIP histogram: function+offset with counts, most frequent first, ties in order of appearance. */
export function ripHistogram(samples: readonly Sample[]): RipCount[] {
  const counts = new Map<string, { function: string; offset: string | null; count: number; first: number }>();
  samples.forEach((s, i) => {
    if (!s.rip) return;
    const key = `${s.rip.function}+${s.rip.offset ?? ''}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { function: s.rip.function, offset: s.rip.offset, count: 1, first: i });
  });
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map(({ function: fn, offset, count }) => ({ function: fn, offset, count }));
}

/**
 * The loop-bounding function: the deepest (innermost) function that every sample's stack passes
 * through, past helpers that return at once (a wake-up, an unlock: the loop is in their caller).
 * Samples that kept only their RIP narrow it too: their RIP function must lie at or below
 * the bound in a stack seen in a full sample. Null when no sample has a stack.
 */
export function loopBoundingFunction(all: readonly Sample[]): string | null {
  const samples = trustedSamples(all);
  const full = samples.filter((s) => s.stack.length > 0);
  const reference = full[0]?.stack.map((f) => f.function);
  if (!reference) return null;
  let candidates = reference.filter((fn) => full.every((s) => s.stack.some((f) => f.function === fn)));
  for (const s of samples) {
    const ripFunction = s.rip?.function;
    if (s.stack.length > 0 || !ripFunction) continue;
    const holder = full.find((f) => f.stack.some((fr) => fr.function === ripFunction));
    if (!holder) continue;
    // A RIP-only sample's callers are those its function has in a full sample's stack.
    const ancestors = new Set(holder.stack.slice(holder.stack.findIndex((fr) => fr.function === ripFunction)).map((f) => f.function));
    candidates = candidates.filter((fn) => ancestors.has(fn));
  }
  return candidates.find((fn) => !isBriefHelperFrame(fn)) ?? candidates[0] ?? null;
}
