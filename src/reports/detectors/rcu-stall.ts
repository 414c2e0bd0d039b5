import { readWaitLine } from '../wait-lines.js';
import { makeTitle } from '../../result/kinds.js';
import { defineHeaderDetector } from '../define.js';
import { splitDumps, type Dump } from '../dumps.js';
import { markCorrupted, useDump } from '../report.js';

// `INFO: rcu_sched self-detected stall on CPU` (3.x-4.x, 3.x may add `{ 1}  (t=60000 jiffies ...)`),
// `rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:` (5.x+), `INFO: rcu_bh detected stalls on CPUs/tasks: { 1} (detected
// by 0, t=...)` (3.x), `INFO: rcu_sched detected expedited stalls on CPUs/tasks: { 0-... } 26002 jiffies s: 2021 root: 0x1/.`,
// `INFO: rcu_tasks detected stalls on tasks:`.
const HEADER_RE = /^(?:rcu: )?INFO: (rcu_\w+) (self-detected stall on CPU|detected (?:expedited )?stalls? on (?:CPUs\/)?tasks:?)(.*)$/;

// One stalled CPU: `\t1-...!: (0 ticks this GP) idle=...`, `\t0-....: (1 GPs behind) ...`, 3.x `\t1: (1 GPs behind) ...`.
const STALLED_CPU_RE = /^(?:rcu: )?\s*(\d{1,5})(?:-[\w.!]{1,8})?: \((?:\d+ (?:GPs? behind|ticks this GP)|detected by)/;
// Stalled CPUs listed inside braces: `{ 1 3}` (3.x) or expedited `{ 0-... 1-.... }`.
const BRACE_LIST_RE = /\{([\s\d.\-!PDNSIOEQMWHKLRTUVXZ]*)\}/;
// `Tasks blocked on level-0 rcu_node (CPUs 0-1): P1234 P5678` and expedited `{ P1234 }`: preempted readers.
const TASKS_RE = /\bP(\d{1,10})\b/g;

function stalledCpus(header: RegExpExecArray, lines: readonly { text: string }[], selfDetected: boolean, reporter: number | null): number[] {
  const cpus = new Set<number>();
  const inline = BRACE_LIST_RE.exec(header[3] ?? '');
  if (inline) for (const token of inline[1]!.trim().split(/\s+/)) if (/^\d+/.test(token)) cpus.add(parseInt(token, 10));
  for (const line of lines) {
    const m = STALLED_CPU_RE.exec(line.text);
    if (m) cpus.add(Number(m[1]));
  }
  if (cpus.size === 0 && selfDetected && reporter !== null) cpus.add(reporter);
  return [...cpus];
}

function stalledTasks(header: RegExpExecArray, lines: readonly { text: string }[]): string[] {
  const listing = [BRACE_LIST_RE.exec(header[3] ?? '')?.[1] ?? '', ...lines.filter((l) => /Tasks blocked on|^\s*\{ ?P\d/.test(l.text)).map((l) => l.text)];
  return [...new Set(listing.flatMap((text) => [...text.matchAll(TASKS_RE)].map((m) => m[1]!)))];
}

/**
 * The dump the stall is about: the first stalled CPU's backtrace; when no stalled CPU was dumped (only
 * tasks stall, or `All QSes seen`), the first backtrace other than the grace-period kthread's.
 */
function dumpOfStall(dumps: readonly Dump[], cpus: readonly number[]): Dump | null {
  const withStack = dumps.filter((d) => d.lines.some((l) => /^\s*(?:RIP|pc) ?: |Call [Tt]race:|^Backtrace:/.test(l.text)));
  const stalled = withStack.find((d) => d.cpu !== null && cpus.includes(d.cpu));
  return stalled ?? withStack.find((d) => !d.opening?.includes('grace-period kthread')) ?? null;
}

export const rcuStall = defineHeaderDetector({
  kind: 'rcu-stall',
  meta: {
    description: 'An RCU grace period could not end: a CPU stayed in a read-side critical section or never scheduled (self-detected or detected by another CPU).',
    examples: [
      'INFO: rcu_sched self-detected stall on CPU',
      'rcu: INFO: rcu_preempt self-detected stall on CPU',
      'INFO: rcu_sched detected stalls on CPUs/tasks:',
      'rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:',
      'INFO: rcu_bh detected stalls on CPUs/tasks: { 1} (detected by 0, t=60002 jiffies, g=2316, c=2315, q=14)',
      'INFO: rcu_sched detected expedited stalls on CPUs/tasks: { 0-... } 26002 jiffies s: 2021 root: 0x1/.',
    ],
  },
  header: HEADER_RE,
  multipleDumps: true,
  bodyLines: [
    /^rcu: /, STALLED_CPU_RE, /^\s*\((?:detected by \d+, )?t=\d+ jiffies/, /^\s*\{ ?[P\d]/, /Tasks blocked on /, /^\s*rcu_\w+ kthread /,
    /^(?:NMI backtrace for cpu|Task dump for CPU) \d+/, /^task:\S.* state:[A-Z]/, /^\S.{0,40}?\s+[A-Z] ?(?: running(?: task)?)?[0-9a-f ]{0,40} 0x[0-9a-f]{8}$/,
    /^\s*(?:Unless rcu_|RCU grace-period kthread|Possible timer handling issue|All QSes seen|blocking rcu_node)/,
  ],
  expectsTrace: false,
  describe(match, report, block) {
    const selfDetected = match[2]!.startsWith('self');
    report.details['flavor'] = match[1]!;
    report.details['detection'] = selfDetected ? 'self-detected' : match[2]!.includes('expedited') ? 'expedited' : 'detected';
    const cpus = stalledCpus(match, block.lines, selfDetected, report.cpu);
    if (cpus.length > 0) report.details['stalledCpus'] = cpus.join(' ');
    const tasks = stalledTasks(match, block.lines);
    if (tasks.length > 0) report.details['stalledTasks'] = tasks.join(' ');
    const dump = dumpOfStall(splitDumps(block.lines), cpus);
    if (dump) {
      useDump(report, dump.lines);
      // 3.x dumps a stalled task as `Task dump for CPU 3:` and its sched_show_task line, with no CPU: line to name it.
      const task = report.pid === null ? dump.lines.map((l) => readWaitLine(l.text.trim())).find((f) => f?.kind === 'task') : undefined;
      if (task?.kind === 'task') {
        report.pid = task.pid;
        report.comm ??= task.comm;
      }
    } else {
      // Whatever trace the block holds (the grace-period kthread's) is not the stalled code's.
      Object.assign(report, { rip: null, stack: [], reporterFrames: 0, culprit: null, entry: null, title: makeTitle('rcu-stall', null) });
      if (cpus.length > 0) markCorrupted(report, 'corruption.rcu.noBacktrace', { cpus });
      else markCorrupted(report, 'corruption.rcu.cutOff');
    }
    // A self-detected stall is reported by the stalled CPU (3.x names it only in braces: `stall on CPU { 3}`).
    if (selfDetected && cpus.length === 1) report.cpu ??= cpus[0]!;
    const jiffies = block.lines.map((l) => /\bt=(\d+) jiffies/.exec(l.text)).find((m) => m);
    if (jiffies) report.details['jiffies'] = Number(jiffies[1]);
  },
});
