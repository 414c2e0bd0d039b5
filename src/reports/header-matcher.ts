import { HEADER_PREFIX_SOURCE } from '../knowledge/header-prefixes.js';
import { mayBeHeader } from '../lines/fast-scan.js';
import { RecentTexts } from '../lines/recent-texts.js';
import { DETECTORS } from './index.js';
import type { Detector } from './types.js';

/** What a message can open: a detector's report (`header`), or, when it passed the prefilter (`maybe`), a register dump. */
export interface HeaderReading {
  readonly header: Detector | null;
  readonly maybe: boolean;
}

const NOTHING: HeaderReading = { header: null, maybe: false };

/** A header only where the kernel prints one: at the start of the message, or after a prefix the kernel puts there. */
function atMessageStart(header: RegExp): RegExp {
  return new RegExp(`^${HEADER_PREFIX_SOURCE}(?:${header.source})`, header.flags);
}

/**
 * Tells which detector's header a message is, for the segmenter (opening reports) and the spoofing check (program
 * lines shaped like reports). The detectors' headers are tried one after the other, each anchored at the message start,
 * and for the built-in detectors only after `mayBeHeader`, a byte-piece test every built-in header and register dump's
 * `CPU:` line passes. (One regex of all the headers took some 25 ms to compile at its first use, in each thread, and
 * read a text no faster: 0.8-1.5 µs against 0.7-1.4.)
 */
export class HeaderMatcher {
  private readonly anchored: readonly { readonly detector: Detector; readonly header: RegExp }[];
  /** A cheap test every header and CPU line passes; the built-in detectors' pieces, or none for others. */
  private readonly mayBe: (text: string) => boolean;
  private readonly recent: RecentTexts<HeaderReading>;

  /** `rememberTexts`: room for the readings of recent messages (see RecentTexts), 0 for none. */
  constructor(
    readonly detectors: readonly Detector[] = DETECTORS,
    rememberTexts = 0,
  ) {
    this.anchored = detectors.map((detector) => ({ detector, header: atMessageStart(detector.header) }));
    // The pieces are taken from the built-in detectors' headers: other detectors get no prefilter.
    this.mayBe = detectors === DETECTORS ? mayBeHeader : () => true;
    this.recent = new RecentTexts(rememberTexts);
  }

  /** Whether the message opens a report of any detector. */
  matches(text: string): boolean {
    return this.read(text).header !== null;
  }

  /** The detector whose header the message is, and whether it passed the prefilter. */
  read(text: string): HeaderReading {
    const known = this.recent.get(text);
    if (known) return known;
    const reading = !this.mayBe(text) ? NOTHING : { header: this.anchored.find((a) => a.header.test(text))?.detector ?? null, maybe: true };
    this.recent.set(text, reading);
    return reading;
  }
}
