import { makeTitle } from '../../result/kinds.js';
import { defineHeaderDetector } from '../define.js';

// `BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 40s!`, followed by the busy workqueues:
// `workqueue events: flags=0x0`, `  pwq 0: cpus=0 node=0 flags=0x0 nice=0 active=2/256`, `    in-flight: 5:vmstat_update`.
const HEADER_RE = /^BUG: workqueue lockup - pool (.*?) stuck for (\d+)s!/;
const IN_FLIGHT_RE = /^\s+in-flight: \d+:([A-Za-z_][\w.]*)/;

export const workqueueStall = defineHeaderDetector({
  kind: 'workqueue-stall',
  meta: {
    description: 'A worker pool made no progress for 30 s (wq_watchdog): a work item runs forever or the CPU never schedules its workers.',
    examples: ['BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 40s!'],
  },
  header: HEADER_RE,
  bodyLines: [/^Showing busy workqueues and worker pools:/, /^workqueue \S+: flags=/, /^\s+pwq \d+: /, /^\s+(?:in-flight|pending|delayed|inactive): /, /^pool \d+: cpus=/],
  expectsTrace: false,
  describe(match, report) {
    report.details['pool'] = match[1]!;
    report.stuckSeconds = Number(match[2]);
    const inFlight = report.lines.map((l) => IN_FLIGHT_RE.exec(l.text)?.[1]).find((f) => f !== undefined);
    if (inFlight && !report.culprit) {
      report.culprit = { function: inFlight, module: null };
      report.title = makeTitle('workqueue-stall', inFlight);
      report.details['inFlight'] = inFlight;
    }
  },
});
