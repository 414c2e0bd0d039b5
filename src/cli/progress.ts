import { compactDuration } from '../time/format.js';

/** What advances: a ReadMeter (bytes), or a count of things (commits) against its total. */
export interface Meter {
  readonly read: number;
  readonly total: number | null;
}

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
  /** Counted things (`commits`) instead of bytes. */
  readonly unit?: string;
}

function megabytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} MB`;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * One line: `[#####-----]  45%  450 MB / 1.00 GB  210 MB/s  ETA 3s`; without a total, bytes and rate only.
 * Counted things: `[#####-----]  45%  450,000 / 1,000,000 commits  21,000/s  ETA 26s`.
 */
export function formatProgress(state: ProgressState): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.read / seconds : 0;
  const rateText = state.unit ? `${count(rate)}/s` : `${megabytes(rate)}/s`;
  if (state.total === null || state.total === 0) return state.unit ? `${count(state.read)} ${state.unit}  ${rateText}` : `${megabytes(state.read)} read  ${rateText}`;
  const fraction = Math.min(1, state.read / state.total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const eta = rate > 0 ? (state.total - state.read) / rate : Infinity;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const done = state.unit ? `${count(state.read)} / ${count(state.total)} ${state.unit}` : `${megabytes(state.read)} / ${megabytes(state.total)}`;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}  ${done}  ${rateText}  ETA ${compactDuration(eta)}`;
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
 * Draws the progress of a run on `out` (stderr) while the meter advances, once the input proves large (bytes) or
 * slow; `stop()` erases it so that the report and warnings start on a clean line. `unit`: what the meter counts.
 */
export function startProgress(meter: Meter, out: ProgressOutput, now: () => number = Date.now, unit?: string): { stop(): void } {
  const started = now();
  let drawn = false;
  const timer = setInterval(() => {
    const elapsedMs = now() - started;
    const large = unit !== undefined || meter.total === null || meter.total >= LARGE_INPUT_BYTES;
    if (elapsedMs < SHOW_AFTER_MS || !large) return;
    out.write(`\r${formatProgress({ read: meter.read, total: meter.total, elapsedMs, unit })}\u001b[K`);
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
