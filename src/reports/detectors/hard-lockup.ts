import { defineHeaderDetector } from '../define.js';
import { splitDumps } from '../dumps.js';
import { useDump } from '../report.js';

// `NMI watchdog: Watchdog detected hard LOCKUP on cpu 3` (4.x), `watchdog: Watchdog detected hard LOCKUP on cpu 3` (4.15+),
// `watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5` (6.x buddy detector), the message of a 3.10 WARN from
// watchdog_overflow_callback, or `Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 1` (hardlockup_panic).
const HEADER_RE = /^(?:(?:NMI )?watchdog: (?:CPU\d+: )?|Kernel panic - not syncing: )?Watchdog detected hard LOCKUP on cpu (\d+)/;

export const hardLockup = defineHeaderDetector({
  kind: 'hard-lockup',
  meta: {
    description: 'A CPU ran with interrupts disabled for more than watchdog_thresh (10 s): the perf NMI watchdog (or a buddy CPU) reports it.',
    examples: [
      'NMI watchdog: Watchdog detected hard LOCKUP on cpu 3',
      'watchdog: Watchdog detected hard LOCKUP on cpu 1',
      'watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5',
      'Watchdog detected hard LOCKUP on cpu 1',
      'Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 1',
    ],
  },
  header: HEADER_RE,
  multipleDumps: true,
  bodyLines: [/^(?:NMI backtrace for cpu|Sending NMI from CPU) \d+/],
  describe(match, report, block) {
    const cpu = Number(match[1]);
    // With hardlockup_all_cpu_backtrace or the buddy detector several CPUs are dumped: keep the locked one's.
    const dumps = splitDumps(block.lines);
    const own = dumps.find((d) => d.cpu === cpu);
    if (own && dumps.length > 1) useDump(report, own.lines);
    report.cpu = cpu;
    if (match[0].startsWith('Kernel panic')) report.details['panic'] = true;
  },
});
