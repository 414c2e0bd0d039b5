import { defineHeaderDetector } from '../define.js';
import { isGenericFrame, isHungTaskLockFrame } from '../../knowledge/frames.js';
import { markCorrupted, useDump } from '../report.js';

const OTHER_CPUS_RE = /^(?:Sending NMI from CPU|Sending NMI to all CPUs|NMI backtrace for cpu \d)/;

// `INFO: task syz-executor4:8442 blocked for more than 120 seconds.` (khungtaskd, every kernel since 2.6.30) and
// `INFO: task syz-executor0:4589 can't die for more than 120 seconds.` (a killed task that does not exit).
// 6.x separates `blocked in I/O wait for more than N seconds.`
const HEADER_RE = /^INFO: task (.{1,64}):(\d{1,10}) (blocked(?: in I\/O wait)?|can't die) for more than (\d{1,10}) seconds\./;

export const hungTask = defineHeaderDetector({
  kind: 'hung-task',
  meta: {
    description: 'A task stayed in uninterruptible sleep (D state) longer than hung_task_timeout_secs, or a killed task could not exit.',
    examples: [
      'INFO: task syz-executor4:8442 blocked for more than 120 seconds.',
      "INFO: task syz-executor0:4589 can't die for more than 120 seconds.",
      'INFO: task kworker/u4:2:54 blocked for more than 143 seconds.',
    ],
  },
  header: HEADER_RE,
  bodyLines: [
    /^\s+(?:Not tainted|Tainted: )/,
    /^"echo 0 > \/proc\/sys\/kernel\/hung_task_timeout_secs" disables this message\./,
    // 5.x+ `task:syz-executor.0 state:D stack:26640 pid: 8442 ppid: 4763 flags:0x00004004`, older sched_show_task lines.
    /^task:\S.* state:[A-Z]/,
    /^\S.{0,40}?\s+[A-Z] ?[0-9a-f ]{0,40} 0x[0-9a-f]{8}$/,
    /^task \S+ is blocked on /,
  ],
  describe(match, report) {
    // With hung_task_all_cpu_backtrace (or a hung-task panic) the other CPUs' backtraces follow; their RIPs are not
    // the sleeping task's, which has none: the culprit comes from the task's own dump, before them.
    const others = report.lines.findIndex((l, i) => i > 0 && OTHER_CPUS_RE.test(l.text));
    useDump(report, others > 0 ? report.lines.slice(0, others) : report.lines, isHungTaskLockFrame);
    // A sleeping task's trace runs through the scheduler and lock waits to the code that waits: without such a
    // frame (the trace was cut, or every frame is a `?` guess) it shows nothing to blame.
    const culprit = report.culprit;
    if (report.stack.length > 0 && (!culprit || isGenericFrame(culprit.function))) markCorrupted(report, 'no reliable frame past the scheduler and lock waits in its call trace');
    report.comm = match[1]!;
    report.pid = Number(match[2]);
    report.stuckSeconds = Number(match[4]);
    report.details['state'] = match[3] === "can't die" ? "can't die" : match[3] === 'blocked' ? 'blocked (D state)' : 'blocked in I/O wait (D state)';
    const blocker = report.lines.map((l) => /^task \S+ is blocked on .*$/.exec(l.text)?.[0]).find((b) => b !== undefined);
    if (blocker) report.details['blocker'] = blocker;
  },
});
