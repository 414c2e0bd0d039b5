// English sentences of the analysis: the result document's `text`, `why`, `verdict` and notes are built
// from these entries, so the English report and the message codes cannot drift apart.
import { formatDuration, isoParts, roundedRange } from '../time/format.js';
import { lookupErrno } from '../knowledge/errno.js';
import { TAINT_FLAGS } from '../knowledge/taint.js';
import { KIND_PHRASES } from '../result/kinds.js';
import type { Args, Catalog } from './types.js';
import { EN_UI, plural } from './ui-en.js';
import { FLEET_EN } from './fleet.js';

const taintMeaning = (letter: string) => TAINT_FLAGS.find((f) => f.letter === letter)?.meaning ?? letter;
const kindPhrase = (kind: string) => KIND_PHRASES[kind as keyof typeof KIND_PHRASES] ?? kind;

const CONFIDENCE_EN: Readonly<Record<string, string>> = {
  signature: 'exact signature',
  'culprit-and-caller': 'culprit and caller',
  culprit: 'culprit only',
  pattern: 'report pattern only',
};

const VERDICT_EN: Readonly<Record<string, (a: Args) => string>> = {
  before: (a) => `the node's kernel ${a.opt('kernel') ?? '?'} predates it`,
  after: (a) => `the node's kernel ${a.opt('kernel') ?? '?'} is past the affected range`,
  fixed: (a) => `the node's kernel ${a.opt('kernel') ?? '?'} already has its fix${a.opt('release') ? ` (${a.str('release')})` : ''}, so the match is doubtful`,
};

/** `1234abcd 'subject' in 4.18; RHEL 7.6 kernel-3.10.0-957` */
function fixPhrase(a: Args): string {
  const where = [a.opt('release') ? `in ${a.str('release')}` : null, ...a.list('distroFixes')].filter(Boolean).join('; ');
  return `${a.str('commit')} '${a.str('subject')}'${where ? ` ${where}` : ''}`;
}

/** `1234abcd 'subject' (first in v5.1)`: a fix commit of a --kb index and the release tag that first holds it. */
function fixCommit(a: Args): string {
  return `${a.str('commit')} '${a.str('subject')}' (${a.opt('release') ? `first in ${a.str('release')}` : 'in no release tag of the index'})`;
}

function knownState(a: Args): string {
  if (a.str('state') === 'confirmed-fix') return `fixed by ${fixPhrase(a)}`;
  if (a.str('state') === 'upstream-report') return `reported upstream, no fix identified: ${a.str('report')}`;
  return 'inference, no fix identified';
}

/** `kind, culprit, callers __dm_destroy, dm_destroy, kernel range` */
function matchedKeys(a: Args): string {
  return a
    .list('keys')
    .map((k) => (k === 'callers' ? `callers ${a.list('callers').join(', ')}` : k === 'kernel' ? `kernel range` : k))
    .join(', ');
}

function who(a: Args): string {
  const comm = a.opt('comm');
  const pid = a.optNum('pid');
  const task = comm ? `${comm}${pid !== null ? `, PID ${pid}` : ''}` : pid !== null ? `PID ${pid}` : null;
  const cpu = a.optNum('cpu') !== null ? `CPU ${a.optNum('cpu')}` : null;
  if (!cpu) return task ? (comm && pid !== null ? `${comm} (PID ${pid})` : task) : 'unknown task';
  return [cpu, task ? `(${task})` : null].filter(Boolean).join(' ');
}

function span(a: Args): string {
  return a.num('reports') > 1 ? `${a.num('reports')} reports from ${a.str('from')} to ${a.str('to')}` : `1 report at ${a.str('from')}`;
}

function relative(seconds: number, what: string): string {
  if (Math.abs(seconds) < 0.5) return `at the ${what}`;
  return `${formatDuration(seconds)} ${seconds > 0 ? 'after' : 'before'} the ${what}`;
}

/** `title (I1, 3 reports)` for each incident listed in parallel arrays. */
function incidentsWhere(a: Args, withHost: boolean): string[] {
  const reports = a.list('reports');
  const hosts = a.list('hosts');
  const times = a.list('occurrences');
  return a.list('titles').map(
    (title, n) => `${withHost ? `${hosts[n]} ` : ''}${title} (${a.list('ids')[n]}${Number(reports[n]) > 1 ? `, ${reports[n]} reports` : ''}${Number(times[n] ?? 1) > 1 ? `, ${times[n]} times` : ''})`,
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 1 10:10" from an ISO time (the log's own zone). */
function dayTime(time: string): string {
  const p = isoParts(time);
  return p ? `${MONTHS[p.month - 1]} ${p.day} ${p.clock.slice(0, 5)}` : time;
}

/** "The same soft lockup in f 50 times on node-2 from Nov 1 10:10 to Nov 8 09:10, every 3-4 h" (no recurrence: null). */
function recurrence(a: Args): string | null {
  const n = a.num('occurrences');
  if (n < 2) return null;
  const hosts = a.list('problemHosts');
  const on = hosts.length > 1 ? ` on ${hosts.length} hosts (${hosts.join(', ')})` : a.opt('host') ? ` on ${a.str('host')}` : '';
  const since = a.opt('since');
  const until = a.opt('until');
  const when = since && until ? ` from ${dayTime(since)} to ${dayTime(until)}` : '';
  const min = a.optNum('intervalMin');
  const max = a.optNum('intervalMax');
  const every = min !== null && max !== null ? `, every ${roundedRange(min, max)}` : '';
  return `The same ${a.str('title')} ${n} times${on}${when}${every}`;
}

/** Incidents a list names, each occurrence of a problem counted. */
const incidentCount = (a: Args): number => (a.list('occurrences').length ? a.list('occurrences').reduce((n, c) => n + Number(c), 0) : a.list('ids').length);

/** `migration/13 (CPU 13)` for each victim. */
function victimsOn(a: Args): string[] {
  const cpus = a.list('victimCpus');
  return a.list('victims').map((name, n) => (cpus[n] && cpus[n] !== 'null' ? `${name} (CPU ${cpus[n]})` : name));
}

function incidentFinding(a: Args): string {
  const what = a.opt('bugType') ? titleOf(a) : kindPhrase(a.str('kind'));
  const parts = a.opt('victim') ? [`${what}: ${span(a)}`, oomKill(a)] : [`${what} on ${who(a)}: ${span(a)}`];
  const stuck = a.optNum('stuck');
  if (stuck !== null) {
    const min = a.optNum('eachMin');
    const max = a.optNum('eachMax');
    const range = min !== null ? ` (each report says ${min}${max !== min ? `-${max}` : ''} s)` : '';
    parts.push(`stuck for at least ${formatDuration(stuck)}${range}`);
  }
  const callees = a.list('callees');
  const module = (key: string) => (a.opt(key) ? ` [${a.opt(key)}]` : '');
  if (a.opt('loopFunction')) parts.push(`every sample's stack passes through ${a.str('loopFunction')}, so the loop lies in it${callees.length ? ` and its callees (${callees.join(', ')})` : ''}`);
  else if (a.opt('culprit') && !a.opt('bugType')) parts.push(`culprit ${a.str('culprit')}${module('culpritModule')}`);
  else if (a.opt('culpritModule')) parts.push(`${a.str('culprit')} is in the module ${a.str('culpritModule')}`);
  if (a.opt('message')) parts.push(`it says \`${a.str('message')}\``);
  if (a.opt('entry')) parts.push(`entered through ${a.str('entry')}${module('entryModule')}`);
  if (a.list('victims').length) parts.push(`it holds up ${victimsOn(a).join(', ')}`);
  return `${parts.join('; ')}.`;
}

function eventFinding(a: Args): string {
  const errno = a.optNum('errno');
  const errnoPart = errno !== null && a.opt('errnoName') ? ` (${errno} = ${a.str('errnoName')}, "${lookupErrno(errno)?.meaning ?? ''}")` : '';
  const subjects = a.list('subjects').length ? ` on ${a.list('subjects').join(', ')}` : '';
  const count = a.num('count');
  const when = count > 1 ? `from ${a.str('from')} to ${a.str('to')}` : `at ${a.str('from')}`;
  const program = a.opt('program') ? `${a.str('program')}: ` : '';
  return `${program}\`${a.str('template')}\`${errnoPart}: ${count} line${count > 1 ? 's' : ''}${subjects} ${when}; ${a.say('relation') ?? ''}.`;
}

const STORAGE_KIND_EN: Readonly<Record<string, string>> = {
  'io-error': 'I/O errors',
  'fs-error': 'file system errors',
  timeout: 'timeouts',
  abort: 'aborted commands',
  reset: 'controller resets',
  offline: 'device offline',
  'not-responding': 'server not responding',
  'path-failed': 'failed paths',
};

/** `Storage errors on sdb from 10:00:01 to 10:02:03, 12 lines (I/O errors), before the hung task I2 (jbd2/sdb1-8), which waits ...`. */
function storageFinding(a: Args): string {
  const lines = a.num('lines');
  const when = lines > 1 ? `from ${a.str('from')} to ${a.str('to')}` : `at ${a.str('from')}`;
  const kinds = a.list('kinds').map((k) => STORAGE_KIND_EN[k] ?? k).join(', ');
  const what = `the ${a.str('kind') === 'hung-task' ? 'hung task' : kindPhrase(a.str('kind'))} ${a.str('id')}${a.opt('comm') ? ` (${a.str('comm')})` : ''}`;
  const frame = a.opt('frame') ? ` in ${a.str('frame')}` : '';
  const waits = a.str('basis') === 'device' ? `for I/O on ${a.str('device')}${frame}` : `for I/O${frame} on the same host`;
  const others = a.num('others') > 0 ? ` (and ${plural(a.num('others'), 'more incident')} of the same problem)` : '';
  return `Storage errors on ${a.str('device')} ${when}, ${plural(lines, 'line')} (${kinds}), ${a.str('position') === 'before' ? 'before' : 'overlapping'} ${what}${others}, which waits ${waits}.`;
}

/** `KASAN: use-after-free read in f` as the sanitizer says it, else the incident's title. */
function titleOf(a: Args): string {
  const bugType = a.opt('bugType');
  if (!bugType) return a.str('title');
  const access = a.opt('access') && !bugType.endsWith(a.str('access')) ? ` ${a.str('access')}` : '';
  return `${kindPhrase(a.str('kind'))}: ${bugType}${access}${a.opt('culprit') ? ` in ${a.str('culprit')}` : ''}`;
}

/** `java (PID 1234)`: a task named by the parameters given. */
function taskOf(comm: string | null, pid: number | null): string | null {
  if (comm) return `${comm}${pid !== null ? ` (PID ${pid})` : ''}`;
  return pid !== null ? `PID ${pid}` : null;
}

/** What an OOM kill killed and who invoked it: `killed java (PID 1234); invoked by stress (PID 22345) on CPU 3`. */
function oomKill(a: Args): string {
  const invoker = taskOf(a.opt('comm') ?? a.opt('invoker'), a.optNum('pid'));
  const cpu = a.optNum('cpu') !== null ? ` on CPU ${a.optNum('cpu')}` : '';
  return `killed ${taskOf(a.opt('victim'), a.optNum('victimPid'))}${invoker ? `; invoked by ${invoker}${cpu}` : ''}`;
}

/** What a wait is for, in words. */
function waitFor(kind: string, resource: string | null): string {
  switch (kind) {
    case 'lock':
      return resource ? `${resource}` : 'a lock';
    case 'journal':
      return `the journal commit${resource ? ` of ${resource}` : ''}`;
    case 'io':
      return `I/O${resource ? ` on ${resource}` : ''}`;
    case 'rcu-gp':
      return 'an RCU grace period';
    case 'stop-machine':
      return 'stop_machine';
    default:
      return `a cross-CPU call${resource ? ` (${resource})` : ''}`;
  }
}

/** `syz-executor013/7547, which runs udf_fill_super on CPU 0` */
function holderText(a: Args): string {
  const who = a.opt('holder') ? `${a.str('holder')}${a.optNum('holderPid') !== null ? `/${a.num('holderPid')}` : ''}` : a.optNum('holderCpu') !== null ? `CPU ${a.num('holderCpu')}` : 'a task';
  const runs = a.opt('running') ? `, which runs ${a.str('running')}${a.optNum('holderCpu') !== null && a.opt('holder') ? ` on CPU ${a.num('holderCpu')}` : ''}` : '';
  return `${who}${runs}`;
}

function verdict(a: Args): string {
  const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
  const stuck = a.optNum('stuck');
  let text: string;
  if (a.opt('victim')) text = `${capital(a.str('title'))}${a.opt('host') ? ` on ${a.str('host')}` : ''}: ${oomKill(a)}`;
  else {
    const place = [a.opt('host'), a.optNum('cpu') !== null ? `CPU ${a.optNum('cpu')}` : null].filter(Boolean).join(' ');
    const where = place ? ` on ${place}` : '';
    const comm = a.opt('comm');
    const task = comm ? ` (${comm}${a.optNum('pid') !== null ? `, PID ${a.optNum('pid')}` : ''})` : '';
    text = a.opt('loopFunction')
      ? `${capital(kindPhrase(a.str('kind')))}${where}${task}: stuck in a loop bounded by ${a.str('loopFunction')}${stuck ? ` for at least ${formatDuration(stuck)}` : ''}${a.opt('entry') ? `, entered through ${a.str('entry')}` : ''}`
      : `${capital(titleOf(a))}${where}${task}`;
  }
  const victims = a.list('victims');
  if (victims.length) text += `; ${victims.join(' and ')} ${victims.length > 1 ? 'are' : 'is'} only waiting for it`;
  const others = a.num('others');
  if (others > 0) text += `; ${others} other problem${others > 1 ? 's' : ''}`;
  const hosts = a.list('hosts');
  if (hosts.length > 1) text += ` on ${hosts.length} hosts (${hosts.join(', ')})`;
  const again = recurrence(a);
  return again ? `${again}. The first: ${text}.` : `${text}.`;
}

export const EN_MESSAGES = {
  'verdict.none': () => 'No kernel incident found in the logs.',
  'verdict.incident': verdict,
  'verdict.chain': (a) =>
    `${plural(a.num('waiters'), 'task')} wait${a.num('waiters') === 1 ? 's' : ''} for ${waitFor(a.str('kind'), a.opt('resource'))} held by ${holderText(a)}${a.opt('host') ? ` on ${a.str('host')}` : ''}.`,
  'verdict.deadlock': (a) => `Deadlock: ${a.list('nodes').join(' waits for ')} waits for ${a.list('nodes')[0] ?? '?'}.`,
  'note.wait.chain': (a) =>
    `This task waits for ${waitFor(a.str('kind'), a.opt('resource'))}; the wait leads to ${holderText(a)}${a.opt('causeId') ? ` (${a.str('causeId')})` : ', which no report names'}.`,
  'note.wait.unseen': (a) =>
    `This task waits for ${waitFor(a.str('kind'), a.opt('resource'))}, but the log does not show who holds it; it is not the culprit. What would show it: ${a.list('hints').join(', ')}.`,
  'note.wait.device': (a) =>
    `This task waits for I/O on ${a.opt('resource') ?? 'its device'} that does not complete: the tasks behind it wait for it, and it waits for the device. Look at ${a.opt('resource') ?? 'the device'} and its path (controller, multipath, the storage behind it).`,
  'note.wait.deadlock': (a) => `Deadlock: ${a.list('nodes').join(' -> ')} wait for each other in a cycle.`,
  'note.wait.steal': (a) =>
    `CPU ${a.opt('cpu') ?? '?'} sits in the idle loop on a ${a.str('hypervisor')} guest: the host did not run this vCPU (steal time), the guest kernel is not the culprit.`,
  'wait.rcu.starved': (a) => `The RCU grace-period thread ${a.str('thread')} did not get a CPU for ${a.num('jiffies')} jiffies (${a.str('path')}:${a.num('line')}).`,
  'finding.incident': incidentFinding,
  'finding.recurring': (a) => `${recurrence(a) ?? a.str('title')}; the first: ${a.say('first') ?? ''}`,
  'finding.overlap': (a) =>
    `${a.str('path')} repeats ${plural(a.num('lines'), 'line')} of ${a.str('other')} (same host, time and text${a.num('of') > 0 ? `; ${Math.round((100 * a.num('lines')) / a.num('of'))} % of its lines` : ''}): counted once.`,
  'finding.victim': (a) => `${a.str('name')}${a.opt('cpu') !== null ? ` on CPU ${a.str('cpu')}` : ''} (${span(a)}) is a victim, not a cause: ${a.say('note') ?? `caused by ${a.str('cause')}`}`,
  'finding.knownIssue': (a) => {
    const what = a.str('source') === 'fix-index' ? `fix commit ${fixCommit(a)}, whose message quotes a report of the same shape` : `known issue ${a.str('id')} (${knownState(a)}): ${a.str('title')}`;
    return `Matches ${what}. Matched on ${matchedKeys(a)} (${CONFIDENCE_EN[a.str('confidence')] ?? a.str('confidence')}).`;
  },
  'finding.knownIssue.similar': (a) => {
    const what = a.str('source') === 'fix-index' ? `fix commit ${a.str('commit')} '${a.str('subject')}'` : `known issue ${a.str('id')} (${a.str('title')})`;
    return `Similar to ${what}, but ${VERDICT_EN[a.str('verdict')]?.(a) ?? 'the kernel differs'}: not counted as a match.`;
  },
  'finding.taint': (a) => `Taint \`${a.str('taint')}\`: ${a.list('letters').map((l, n) => `${l} = ${taintMeaning(l)}${a.list('letterModules')[n] ? ` (${a.list('letterModules')[n]})` : ''}`).join('; ')}.`,
  'finding.event': eventFinding,
  'finding.storage': storageFinding,
  'finding.before': (a) => `Just before ${a.str('id')}: ${a.list('templates').map((x) => `\`${x}\``).join(', ')}.`,
  'finding.host': (a) => `${a.str('host')}: ${plural(incidentCount(a), 'incident')}: ${incidentsWhere(a, false).join('; ')}.`,
  'finding.simultaneous': (a) =>
    `${a.num('hostCount')} hosts had incidents at the same time (${a.str('from')} to ${a.str('to')}): ${incidentsWhere(a, true).join('; ')}. A cause they share (storage, network, hypervisor, a change rolled out to all of them) is more likely than ${a.num('hostCount')} separate problems.`,
  'relation.once': (a) => `logged ${relative(a.num('start'), 'first report')}`,
  'relation.span': (a) => `started ${relative(a.num('start'), 'first report')}, ended ${relative(a.num('end'), 'last report')}`,
  'note.irq.popf': (a) =>
    `RIP ${a.str('where')} is the instruction right after \`${a.str('instruction')}\` (Code: bytes decode to \`${a.str('sequence')}\`), which re-enables interrupts: the timer interrupt held back while they were off lands here. It marks where interrupts came back on, not where the CPU loops; look at the callers.`,
  'note.irq.function': (a) =>
    `RIP ${a.str('where')} is in ${a.str('function')}, which re-enables interrupts: the held-back timer interrupt lands right after that, so this sample marks where interrupts came back on, not a loop location; look at the callers.`,
  'note.victim.waits': (a) =>
    `${a.opt('comm') ?? 'this task'}${a.opt('cpu') !== null ? ` on CPU ${a.str('cpu')}` : ''} only waits in ${a.opt('where') ?? 'a cross-CPU wait'} for the other CPUs; CPU ${a.opt('causeCpu') ?? '?'} (${a.opt('causeComm') ?? '?'}) never gets there because it is stuck (${a.str('causeId')}).`,
  'note.victim.unseen': (a) =>
    `${a.opt('comm') ?? 'This task'} only waits for another CPU (stop_machine or a cross-CPU call); the CPU it waits for left no report in these logs. Enable softlockup_all_cpu_backtrace to see it next time.`,
  'note.rcu.lockup': (a) => `The RCU grace period cannot end while CPU ${a.opt('cpu') ?? 'null'} is stuck without scheduling (${a.str('causeId')}).`,
  'note.panic.follows': (a) => {
    const others = a.list('others');
    if (others.length === 0) return `The panic follows ${a.str('causeTitle')} (${a.str('causeId')}) and is its consequence, not a separate root cause.`;
    return `The panic follows ${others.length + 1} reports of ${kindPhrase(a.str('causeKind'))} printed one after the other (${[a.str('causeId'), ...others].join(', ')}) and is their consequence, not a separate root cause; it is linked to the ${a.str('pick') === 'first' ? 'first' : 'last'}, ${a.str('causeTitle')} (${a.str('causeId')}).`;
  },
  'note.taint.changed': (a) => {
    const added = a.list('added');
    return `Taint changed during the episode: ${a.list('taints').map((x) => `\`${x}\``).join(' then ')}${added.length ? ` (${added.map((l) => `${l}: ${taintMeaning(l)}`).join('; ')})` : ''}.`;
  },
  'note.code.copied': (a) =>
    `The same Code: bytes were printed for different RIPs (${a.list('locations').map((l, n) => `${l} at ${a.list('lines')[n]}`).join(', ')}): a report's bytes surround its own RIP, so they cannot belong to all of them (an edited or merged log?); they were not decoded.`,
  'note.code.differ': (a) =>
    `The Code: bytes of ${a.str('a')} (${a.str('aLine')}) and of ${a.str('b')} (${a.str('bLine')}) disagree at ${a.str('at')} (${a.str('aValue')} against ${a.str('bValue')}): one of them is not the code that ran; neither was decoded.`,
  'note.code.split': (a) =>
    `Decoded from its RIP on, the Code: bytes of ${a.str('a')} (${a.str('aLine')}) put ${a.str('b')} (${a.str('bLine')}) inside the instruction \`${a.str('instruction')}\` at ${a.str('at')}, yet a RIP starts an instruction: the two decodes of that address disagree; neither was decoded.`,
  'step.softlockup.kdump': () => 'Capture a vmcore next time: enable kdump and set kernel.softlockup_panic=1 (sysctl -w kernel.softlockup_panic=1, persist in /etc/sysctl.d).',
  'step.softlockup.kdump.why': () => 'The log shows where the CPU loops, not why the loop never ends; only memory can show that.',
  'step.softlockup.backtrace': () => "Set kernel.softlockup_all_cpu_backtrace=1 so that the next report carries every CPU's backtrace.",
  'step.softlockup.backtrace.why': () => 'Shows what the other CPUs were doing (lock holders, waiters) at the same moment.',
  'step.hardlockup': () => 'Enable kdump with kernel.hardlockup_panic=1 and kernel.hardlockup_all_cpu_backtrace=1.',
  'step.hardlockup.why': () => 'A hard lockup has interrupts off; only a vmcore or all-CPU backtraces show the holder.',
  'step.hungtask': () => "Set kernel.hung_task_panic=1 with kdump to capture the blocked task's state, or dump all D-state tasks with echo w > /proc/sysrq-trigger.",
  'step.hungtask.why': () => 'Shows what the blocked task waits for and who holds it.',
  'step.rcu': () => "Set kernel.panic_on_rcu_stall=1 with kdump, and check the stalled CPUs' backtraces printed with the stall.",
  'step.rcu.why': () => 'The stalled CPU or starved kthread is the cause.',
  'step.oom': (a) =>
    `Find what used the memory: the task table printed with the OOM report, the memory cgroup limit (memory.max / memory.limit_in_bytes) and whether ${a.opt('victim') ?? 'the killed process'} was the process you expected to be killed; set per-service memory limits.`,
  'step.oom.why': () => 'The OOM kill is the kernel\'s last resort; the cause is the process that grew or a limit set too low.',
  'step.mce': (a) =>
    `Ask the hardware vendor: check ${a.opt('location') ?? 'the component the machine check names'} with the vendor's diagnostics and the BMC event log (ipmitool sel list, ras-mc-ctl --errors), and replace it if the errors recur.`,
  'step.mce.why': () => 'Machine checks are hardware faults; corrected errors that keep coming often precede uncorrected ones.',
  'step.segfault': (a) =>
    `Get a core dump of ${a.opt('comm') ?? 'the process'} (systemd-coredump and coredumpctl, or ulimit -c unlimited) and check the version of the binary or library it crashed in.`,
  'step.segfault.why': () => 'A user-space crash: the kernel only reports it; the bug is in the program or library.',
  'step.kernelbug': (a) =>
    `Look for a fix of ${a.str('function')} in kernels newer than ${a.opt('kernel') ?? 'the running one'} (the distribution's changelog, git log of the function upstream); if it recurs, capture a vmcore with kdump and kernel.panic_on_oops=1.`,
  'step.kernelbug.why': () => 'The report points at a bug in that kernel function; a fix often exists in a later release.',
  'step.module': (a) => `${a.str('function')} is in the module ${a.str('module')}: check its version and ask its vendor or maintainer.`,
  'step.module.why': () => 'Out-of-tree and vendor modules are fixed by their vendor, not by a kernel update.',
  'step.disassemble': (a) =>
    `Disassemble ${a.str('function')} with source lines (crash> dis -l ${a.str('function')}, or objdump -dl vmlinux) and rerun ktriage with --dis FILE to map every sample to its source line.`,
  'step.disassemble.why': () => 'Bounds the loop to source lines and tells the loop head from its body.',
  'step.knownIssue.confirm': (a) => `Confirm known issue ${a.str('id')} ${a.str('on') === 'vmcore' ? 'in a vmcore of the node' : 'on the node'}: \`${a.str('command')}\``,
  'step.knownIssue.confirm.why': (a) =>
    a.str('state') === 'inference'
      ? `${a.str('id')} is an inference that no fix or public report confirms; what this shows decides whether it is this bug.`
      : `The match rests on the report's shape; this shows the state ${a.str('id')} leaves behind.`,
  'step.knownIssue.upgrade': (a) => `Move to a kernel that carries ${fixPhrase(a)}.`,
  'step.knownIssue.upgrade.why': (a) =>
    a.str('source') === 'fix-index' ? `Commit ${a.str('commit')} fixes a report of the same shape; whether it is this bug rests on the match, not on a test.` : `The fix of ${a.str('id')} is known; a kernel without it can hit it again.`,
  'step.knownIssue.workaround': (a) => `Workaround for ${a.str('id')}: ${a.str('text')}`,
  'step.knownIssue.workaround.why': () => 'Lowers the chance of a repeat until the cause is confirmed or a fixed kernel runs.',
  'step.askTeam': (a) => {
    const subjects = a.list('subjects').length ? ` on ${a.list('subjects').join(', ')}` : '';
    const when = a.num('count') > 1 ? `${a.num('count')} lines from ${a.str('from')} to ${a.str('to')}` : `1 line at ${a.str('from')}`;
    return `Ask ${a.str('team')} about \`${a.str('template')}\`${subjects} (${when}).`;
  },
  'step.askTeam.why': () => 'Their side may show why it started, or confirm it is a consequence of the stuck node.',
  'pattern.irq-enable': (a) =>
    `the RIP is the instruction right after \`${a.str('instruction')}\`, which re-enables interrupts: a timer interrupt held back while they were off lands here, so the sample marks where interrupts came back on, not where the CPU loops`,
  'pattern.bug-trap': (a) => `the RIP is a \`${a.str('instruction')}\`: the trap BUG()/WARN() compile to; the report names the assertion that fired`,
  'pattern.pause-loop': (a) =>
    `\`${a.str('instruction')}\` at the RIP: the CPU spins in a busy-wait loop (cpu_relax(), a spin lock or a wait for another CPU)${a.opt('jump') ? `; \`${a.str('jump')}\` jumps back to repeat it` : ''}`,
  'machine.kaslr': (a) => `symbol addresses shifted by the KASLR offset ${a.str('offset')}, derived from the printed frames`,
  'machine.objdumpMissing': (a) => `objdump is not installed: the sampled functions were not disassembled from ${a.str('path')} (install binutils, or pass --dis)`,
  'machine.objdumpFailed': (a) => `objdump failed on ${a.str('path')}: ${a.str('error')}`,
  'machine.lineToolMissing': (a) => `neither addr2line nor llvm-symbolizer is installed: no file:line from ${a.str('path')} (install binutils or llvm)`,
  'machine.lineToolFailed': (a) => `${a.str('tool')} failed on ${a.str('path')}: ${a.str('error')}`,
  'machine.noLoop': (a) => `the disassembly of ${a.str('function')} given holds no loop enclosing the sampled addresses`,
  'machine.sampledSpan': (a) => `no backward jump enclosing the samples in the disassembly of ${a.str('function')} given (a fragment?): the loop range spans the sampled instructions`,
  'machine.sourceMissing': (a) => `source file ${a.str('file')} not found under ${a.str('root')}: skipped`,
  'machine.irqEnable': (a) =>
    `RIP ${a.str('location')} is the instruction right after \`${a.str('previous')}\`${a.opt('previousLocation') ? ` (${a.str('previousLocation')})` : ''} in the disassembly: interrupts were just re-enabled, so the held-back timer interrupt lands here; the sample marks that point, not the loop.`,
  'machine.noCall': (a) => `${a.str('location')} does not follow a call in the disassembly given (\`${a.str('previous')}\`): the frame may be a stale stack word or the listing another build`,
  'pattern.backward-jump': (a) => `\`${a.str('jump')}\` jumps back over the RIP: a loop of ${a.num('span')} bytes lies within the Code: bytes`,
} satisfies Catalog;

export const EN: Catalog = { ...EN_UI, ...FLEET_EN, ...EN_MESSAGES };
