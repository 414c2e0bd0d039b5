import { defineHeaderDetector } from '../define.js';
import { isGenericFrame, isHungTaskLockFrame, isSelfDumpFrame } from '../../knowledge/frames.js';
import { detailMessage } from '../codes.js';
import { markCorrupted, useDump } from '../report.js';
import { joinSplitName, SPLIT_NAME_NOTE, splitTail } from '../split-name.js';

const OTHER_CPUS_RE = /^(?:Sending NMI from CPU|Sending NMI to all CPUs|NMI backtrace for cpu \d)/;

// `INFO: task syz-executor4:8442 blocked for more than 120 seconds.` (khungtaskd, every kernel since 2.6.30) and
// `INFO: task syz-executor0:4589 can't die for more than 120 seconds.` (a killed task that does not exit).
// 6.x separates `blocked in I/O wait for more than N seconds.` A task name may hold a line break (any process can set
// its name): the header then ends on the next line, `<rest of the name>:18088 blocked for more than 143 seconds.`
const STATE = String.raw`(blocked(?: in I\/O wait)?|can't die) for more than (\d{1,10}) seconds\.`;
// A name cut by a line break leaves at most a comm (15 characters) and some damage after `INFO: task `: a newer kernel's
// blocker line (`INFO: task a:1 is blocked on a mutex likely owned by task b:2.`, 48 characters or more) is none.
const HEADER_RE = new RegExp(String.raw`^INFO: task (?:(.{1,64}):(-?\d{1,10}) ${STATE}|(.{0,32})$)`);
const SPLIT_TAIL_RE = new RegExp(String.raw`^(.{0,64}):(-?\d{1,10}) ${STATE}$`);
// The same split in the sched_show_task line: `task:<name>` then `<rest> state:D stack:...`.
const SPLIT_TASK_LINE_RE = /^task:.{0,64}$|^.{0,64} state:[A-Z] /;

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
    SPLIT_TAIL_RE,
    SPLIT_TASK_LINE_RE,
  ],
  culpritSkip: isHungTaskLockFrame,
  describe(match, report, block) {
    const tail = match[1] === undefined ? splitTail(block.lines, block.headerIndex, SPLIT_TAIL_RE) : null;
    if (match[1] === undefined && !tail) return null;
    // With hung_task_all_cpu_backtrace (or a hung-task panic) the other CPUs' backtraces follow; their RIPs are not
    // the sleeping task's, which has none: the culprit comes from the task's own dump, before them.
    const others = report.lines.findIndex((l, i) => i > 0 && OTHER_CPUS_RE.test(l.text));
    if (others > 0) useDump(report, report.lines.slice(0, others), isHungTaskLockFrame);
    // A sleeping task's trace runs through the scheduler and lock waits to the code that waits: without such a
    // frame (the trace was cut, or every frame is a `?` guess) it shows nothing to blame.
    const culprit = report.culprit;
    if (report.stack.length > 0 && (!culprit || isGenericFrame(culprit.function))) markCorrupted(report, 'corruption.hung.noReliableFrame');
    // A sleeping task does not dump its own stack: a `dump_stack` frame is another (running) task's dump mixed in.
    if (report.stack.some((f) => f.reliable && isSelfDumpFrame(f.function))) markCorrupted(report, 'corruption.hung.dumpStack');
    const [comm, pid, state, seconds] = tail ? [joinSplitName(match[5]!, tail[1]!), tail[2], tail[3], tail[4]] : [match[1]!, match[2], match[3], match[4]];
    report.comm = comm;
    report.pid = Number(pid);
    report.stuckSeconds = Number(seconds);
    report.details['state'] = detailMessage(state === "can't die" ? 'detail.state.cantDie' : state === 'blocked' ? 'detail.state.blocked' : 'detail.state.ioWait');
    if (tail) report.details['taskName'] = SPLIT_NAME_NOTE;
    const blocker = report.lines.map((l) => /^task \S+ is blocked on .*$/.exec(l.text)?.[0]).find((b) => b !== undefined);
    if (blocker) report.details['blocker'] = blocker;
  },
});
