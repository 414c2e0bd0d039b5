import { detailMessage } from '../codes.js';
import { defineHeaderDetector } from '../define.js';
import { blamePart, firstMatch, PANIC_INSIDE_REPORT_RE } from '../sections.js';

// `BUG: sleeping function called from invalid context at mm/slab.h:421`, `BUG: scheduling while atomic: syz/19425/0x00000002`,
// `BUG: using smp_processor_id() in preemptible [00000000] code: syz/123`, `BUG: using __this_cpu_read() in preemptible ...`.
// Task names are at most 15 characters (TASK_COMM_LEN): `.{1,64}` bounds the scan for the `/pid` after one.
const HEADER_RE = /BUG: (?:sleeping function called from invalid context at (\S+)|scheduling while atomic: (.{1,64})\/(\d+)\/(0x[0-9a-f]+)|using ([\w]+)\(\) in preemptible \[[0-9a-f]+\] code: (.{1,64})\/(\d+))/;
const CONTEXT_RE = /^in_atomic\(\): (\d+), irqs_disabled\(\): (\d+),(?: non_block: \d+,)? pid: (\d+), name: (.+)$/;
/** The preemption checks and scheduler entry are where the check fires. */
const isPreemptionCheck = (fn: string): boolean => /preempt|^check_preemption_disabled$|^debug_smp_processor_id$|^__this_cpu_preempt_check$|^__schedule_bug$/.test(fn);

export const atomicSleep = defineHeaderDetector({
  kind: 'atomic-sleep',
  meta: {
    description: 'Code slept, scheduled or used per-CPU data where it may not: with preemption or interrupts disabled, in atomic context, or while preemptible.',
    examples: [
      'BUG: sleeping function called from invalid context at kernel/locking/mutex.c:238',
      'BUG: scheduling while atomic: syz-executor0/19425/0x00000000',
      'BUG: using smp_processor_id() in preemptible [00000000] code: syz-executor1/7440',
    ],
  },
  header: HEADER_RE,
  body: 'trace',
  absorbs: [PANIC_INSIDE_REPORT_RE],
  bodyLines: [CONTEXT_RE, /^\d+ locks? held by /, /^no locks held by /, /^ #\d+: /, /^Preemption disabled at:/, /^caller is /, /^INFO: lockdep is turned off/, /^RCU nest depth: /, /^\[<[0-9a-f]+>\]/],
  describe(match, report) {
    if (match[1]) {
      report.details['problem'] = detailMessage('detail.problem.sleepInAtomic');
      report.details['source'] = match[1];
      const context = firstMatch(report.lines, CONTEXT_RE);
      if (context) {
        report.details['inAtomic'] = Number(context[1]);
        report.details['irqsDisabled'] = Number(context[2]);
      }
    } else if (match[2]) {
      report.details['problem'] = detailMessage('detail.problem.scheduleAtomic');
      report.details['preemptCount'] = match[4]!;
    } else {
      report.details['problem'] = detailMessage('detail.problem.preemptible', { function: match[5]! });
    }
    // The header names the task (`comm/pid`): what a 2.6 report, printed with no CPU line, has of it.
    const task = match[2] !== undefined ? { comm: match[2], pid: match[3]! } : match[6] !== undefined ? { comm: match[6], pid: match[7]! } : null;
    if (task) {
      report.pid ??= Number(task.pid);
      report.comm ??= task.comm;
    }
    const caller = firstMatch(report.lines, /^caller is (\S+)/);
    if (caller) report.details['caller'] = caller[1]!;
    const preemptedAt = report.lines.findIndex((l) => /^Preemption disabled at:/.test(l.text.trim()));
    if (preemptedAt >= 0) report.details['preemptionDisabledAt'] = report.lines[preemptedAt + 1]?.text.trim().replace(/^\[<[0-9a-f]+>\] /, '') ?? null;
    blamePart(report, { from: /^Call [Tt]race:|^Backtrace:/, skip: isPreemptionCheck });
  },
});
