import type { ReadMeter } from '../sources/meter.js';
import { compactDuration } from '../time/format.js';

/** Inputs smaller than this finish before a bar is worth drawing. */
const LARGE_INPUT_BYTES = 32 * 1024 * 1024;
/** The bar appears only once reading has taken this long, so quick runs never flash one. */
const SHOW_AFTER_MS = 500;
const REDRAW_MS = 200;
const BAR_WIDTH = 24;

export interface ProgressState {
  readonly read: number;
  readonly total: number | null;
  readonly elapsedMs: number;
}

function megabytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} MB`;
}

/** One line: `[#####-----]  45%  450 MB / 1.00 GB  210 MB/s  ETA 3s`; without a total, bytes and rate only. */
export function formatProgress(state: ProgressState): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.read / seconds : 0;
  const rateText = `${megabytes(rate)}/s`;
  if (state.total === null || state.total === 0) return `${megabytes(state.read)} read  ${rateText}`;
  const fraction = Math.min(1, state.read / state.total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const eta = rate > 0 ? (state.total - state.read) / rate : Infinity;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}  ${megabytes(state.read)} / ${megabytes(state.total)}  ${rateText}  ETA ${compactDuration(eta)}`;
}

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Whether a bar is drawn at all: only on a terminal, and not with --quiet. */
export function progressWanted(out: ProgressOutput, quiet: boolean): boolean {
  return Boolean(out.isTTY) && !quiet;
}

/**
 * Draws the progress of a run on `out` (stderr) while the meter advances, once the input proves large;
 * `stop()` erases it so that the report and warnings start on a clean line.
 */
export function startProgress(meter: ReadMeter, out: ProgressOutput, now: () => number = Date.now): { stop(): void } {
  const started = now();
  let drawn = false;
  const timer = setInterval(() => {
    const elapsedMs = now() - started;
    const large = meter.total === null || meter.total >= LARGE_INPUT_BYTES;
    if (elapsedMs < SHOW_AFTER_MS || !large) return;
    out.write(`\r${formatProgress({ read: meter.read, total: meter.total, elapsedMs })}\u001b[K`);
    drawn = true;
  }, REDRAW_MS);
  // A progress bar never keeps the process alive.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (drawn) out.write('\r\u001b[K');
    },
  };
}
