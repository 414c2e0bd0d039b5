import { softLockup } from './detectors/soft-lockup.js';
import type { Detector } from './types.js';

/**
 * Every detector, one per incident kind, sorted by kind. Order of matching is this order, so
 * headers must not overlap between detectors (a test checks it on the detectors' examples).
 */
export const DETECTORS: readonly Detector[] = [softLockup];
