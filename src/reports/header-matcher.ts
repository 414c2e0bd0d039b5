import { mayBeHeader } from '../lines/fast-scan.js';
import { DETECTORS } from './index.js';
import type { Detector } from './types.js';

/**
 * Tells which detector's header a message is, for the segmenter (opening reports) and the spoofing check (program
 * lines shaped like reports). The detectors' headers are tried as one regex, and for the built-in detectors only
 * after `mayBeHeader`, a byte-piece test every built-in header and register dump's `CPU:` line passes.
 */
export class HeaderMatcher {
  private readonly any: RegExp;
  /** A cheap test every header and CPU line passes; the built-in detectors' pieces, or none for others. */
  readonly mayBe: (text: string) => boolean;

  constructor(readonly detectors: readonly Detector[] = DETECTORS) {
    this.any = new RegExp(detectors.map((d) => `(?:${d.header.source})`).join('|'));
    // The pieces are taken from the built-in detectors' headers: other detectors get no prefilter.
    this.mayBe = detectors === DETECTORS ? mayBeHeader : () => true;
  }

  /** Whether the message opens a report of any detector. */
  matches(text: string): boolean {
    return this.mayBe(text) && this.any.test(text);
  }

  /** The detector whose header the message is, or null; for a message that passed `mayBe`. */
  detectorOf(text: string): Detector | null {
    return this.any.test(text) ? (this.detectors.find((d) => d.header.test(text)) ?? null) : null;
  }
}
