import { ownerOf } from '../knowledge/subsystems.js';
import { SIGNATURES } from '../knowledge/signatures.js';
import { KIND_PHRASES, STUCK_KINDS } from '../result/kinds.js';
import type { EventGroup, Finding, Incident, NextStep } from '../result/schema.js';
import { formatDuration, shortTime } from './duration.js';

const HAS_ZONE_RE = /(?:Z|[+-]\d{2}:\d{2})$/;

/** Parsed times: findings compare every event with every incident, so the same times come back often. */
const parsedTimes = new Map<string, number>();
const MAX_PARSED_TIMES = 10_000;

/** Milliseconds of an ISO time; a time without a zone is read as UTC so that such times compare among themselves. */
function isoMs(time: string): number {
  let ms = parsedTimes.get(time);
  if (ms === undefined) {
    ms = Date.parse(HAS_ZONE_RE.test(time) ? time : `${time}Z`);
    if (parsedTimes.size >= MAX_PARSED_TIMES) parsedTimes.clear();
    parsedTimes.set(time, ms);
  }
  return ms;
}

/** Seconds from a to b, by wall clock when both have it, else by uptime; null when not comparable. */
export function deltaSeconds(a: { time: string | null; uptime: number | null }, b: { time: string | null; uptime: number | null }): number | null {
  if (a.time && b.time) {
    const d = (isoMs(b.time) - isoMs(a.time)) / 1000;
    if (!Number.isNaN(d)) return d;
  }
  if (a.uptime !== null && b.uptime !== null) return b.uptime - a.uptime;
  return null;
}

const firstOf = (i: Incident) => ({ time: i.firstSeen, uptime: i.firstUptime });
const lastOf = (i: Incident) => ({ time: i.lastSeen, uptime: i.lastUptime });
const eventFirst = (e: EventGroup) => ({ time: e.firstSeen, uptime: e.firstUptime });
const eventLast = (e: EventGroup) => ({ time: e.lastSeen, uptime: e.lastUptime });

function relative(seconds: number, what: string): string {
  if (Math.abs(seconds) < 0.5) return `at the ${what}`;
  return `${formatDuration(seconds)} ${seconds > 0 ? 'after' : 'before'} the ${what}`;
}

/** How far the event window extends around an incident window; events further away are not related. */
const RELATED_WINDOW_SECONDS = 300;

/** Places notable events on the timeline of the root-cause incident they overlap (mutates `relation`). */
export function relateEvents(events: EventGroup[], incidents: readonly Incident[]): void {
  const roots = incidents.filter((i) => i.role !== 'victim');
  for (const e of events) {
    if (!e.notable) continue;
    for (const i of roots) {
      if (i.host !== e.host && e.host !== null && i.host !== null) continue;
      const start = deltaSeconds(firstOf(i), eventFirst(e));
      const end = deltaSeconds(lastOf(i), eventLast(e));
      const startsBeforeEnd = deltaSeconds(eventFirst(e), lastOf(i));
      const endsAfterStart = deltaSeconds(firstOf(i), eventLast(e));
      if (start === null || end === null || startsBeforeEnd === null || endsAfterStart === null) continue;
      if (startsBeforeEnd < -RELATED_WINDOW_SECONDS || endsAfterStart < -RELATED_WINDOW_SECONDS) continue;
      e.relation = {
        incident: i.id,
        startDeltaSeconds: start,
        endDeltaSeconds: end,
        text: e.count === 1 ? `logged ${relative(start, 'first report')}` : `started ${relative(start, 'first report')}, ended ${relative(end, 'last report')}`,
      };
      break;
    }
  }
}

function who(i: Incident): string {
  const task = i.comm ? `${i.comm}${i.pid !== null ? `, PID ${i.pid}` : ''}` : i.pid !== null ? `PID ${i.pid}` : null;
  const cpu = i.cpu !== null ? `CPU ${i.cpu}` : null;
  return [cpu, task ? `(${task})` : null].filter(Boolean).join(' ') || 'unknown task';
}

function span(i: Incident): string {
  const from = shortTime(i.firstSeen, i.firstUptime);
  const to = shortTime(i.lastSeen, i.lastUptime);
  return i.reports > 1 ? `${i.reports} reports from ${from} to ${to}` : `1 report at ${from}`;
}

/** "at least 11 min 24 s": time between first and last report plus what the first report says it was already stuck. */
export function stuckAtLeast(i: Incident): number | null {
  const between = deltaSeconds(firstOf(i), lastOf(i));
  if (between === null) return i.maxStuckSeconds;
  return between;
}

function incidentFinding(i: Incident, all: readonly Incident[]): Finding {
  const parts: string[] = [`${KIND_PHRASES[i.kind as keyof typeof KIND_PHRASES]} on ${who(i)}: ${span(i)}`];
  if (STUCK_KINDS.has(i.kind as never) && i.reports > 1) {
    const stuck = stuckAtLeast(i);
    const each = i.samples.map((s) => s.stuckSeconds).filter((v): v is number => v !== null);
    const range = each.length ? ` (each report says ${Math.min(...each)}${Math.max(...each) !== Math.min(...each) ? `-${Math.max(...each)}` : ''} s)` : '';
    if (stuck !== null) parts.push(`stuck for at least ${formatDuration(stuck)}${range}`);
  }
  if (i.loopFunction) {
    const callees = [...new Set(i.ripSamples.map((r) => r.function).filter((f) => f !== i.loopFunction))];
    parts.push(`every sample's stack passes through ${i.loopFunction}, so the loop lies in it${callees.length ? ` and its callees (${callees.join(', ')})` : ''}`);
  } else if (i.culprit) {
    parts.push(`culprit ${i.culprit.function}${i.culprit.module ? ` [${i.culprit.module}]` : ''}`);
  }
  if (i.entry) parts.push(`entered through ${i.entry.function}${i.entry.module ? ` [${i.entry.module}]` : ''}`);
  if (i.victims.length) {
    const victims = i.victims.map((id) => all.find((v) => v.id === id)).filter((v): v is Incident => !!v);
    parts.push(`it holds up ${victims.map((v) => `${v.comm ?? v.id} (CPU ${v.cpu ?? '?'})`).join(', ')}`);
  }
  return { severity: i.role === 'victim' ? 'warning' : 'critical', text: `${parts.join('; ')}.`, incidents: [i.id] };
}

function victimFinding(i: Incident, all: readonly Incident[]): Finding {
  const cause = all.find((c) => c.id === i.causedBy);
  return {
    severity: 'warning',
    text: `${i.comm ?? i.id} on CPU ${i.cpu ?? '?'} (${span(i)}) is a victim, not a cause: ${i.notes.find((n) => n.includes('waits')) ?? `caused by ${cause?.title ?? i.causedBy}`}`,
    incidents: [i.id, ...(cause ? [cause.id] : [])],
  };
}

function eventText(e: EventGroup): string {
  const errno = e.errno !== null && e.errnoName ? ` (${e.errno} = ${e.errnoName}, "${e.errnoMeaning}")` : '';
  const subjects = e.subjects.length ? ` on ${e.subjects.join(', ')}` : '';
  const when = e.count > 1 ? `from ${shortTime(e.firstSeen, e.firstUptime)} to ${shortTime(e.lastSeen, e.lastUptime)}` : `at ${shortTime(e.firstSeen, e.firstUptime)}`;
  return `\`${e.template}\`${errno}: ${e.count} line${e.count > 1 ? 's' : ''}${subjects} ${when}`;
}

/** Findings, most important first: root causes, victims, instruction-level notes, signatures, taint, related events. */
export function buildFindings(incidents: readonly Incident[], events: readonly EventGroup[]): Finding[] {
  const findings: Finding[] = [];
  const roots = incidents.filter((i) => i.role !== 'victim');
  for (const i of roots) findings.push(incidentFinding(i, incidents));
  for (const i of incidents.filter((v) => v.role === 'victim')) findings.push(victimFinding(i, incidents));
  findings.push(...hostFindings(incidents));
  for (const i of roots) {
    for (const note of i.notes) findings.push({ severity: 'info', text: note, incidents: [i.id] });
    for (const sig of matchingSignatures(i)) findings.push({ severity: 'warning', text: sig.finding, incidents: [i.id] });
  }
  const taintSeen = new Set<string>();
  for (const i of incidents) {
    if (!i.taint || taintSeen.has(i.taint) || i.taintFlags.length === 0) continue;
    taintSeen.add(i.taint);
    findings.push({ severity: 'info', text: `Taint \`${i.taint}\`: ${i.taintFlags.map((f) => `${f.letter} = ${f.meaning}`).join('; ')}.`, incidents: incidents.filter((x) => x.taint === i.taint).map((x) => x.id) });
  }
  for (const e of events) {
    if (!e.relation) continue;
    findings.push({ severity: e.errno !== null || !e.kernel ? 'warning' : 'info', text: `${e.kernel ? '' : `${e.kind}: `}${eventText(e)}; ${e.relation.text}.`, incidents: [e.relation.incident] });
  }
  for (const i of roots) {
    const before = precedingEvents(i, events);
    if (before.length) findings.push({ severity: 'info', text: `Just before ${i.id}: ${before.map((e) => `\`${e.template}\``).join(', ')}.`, incidents: [i.id] });
  }
  return findings;
}

/** Kernel events in the minutes before an incident's first report: what the system was doing. */
function precedingEvents(i: Incident, events: readonly EventGroup[]): EventGroup[] {
  return events.filter((e) => {
    if (!e.kernel || e.relation || (e.host !== i.host && e.host && i.host)) return false;
    const d = deltaSeconds(eventLast(e), firstOf(i));
    return d !== null && d >= 0 && d <= 120;
  });
}

export function matchingSignatures(i: Incident): typeof SIGNATURES[number][] {
  const fns = new Set([i.loopFunction, i.culprit?.function, ...i.stack.filter((f) => f.reliable).map((f) => f.function)].filter(Boolean));
  return SIGNATURES.filter((s) => s.kinds.includes(i.kind) && s.functions.some((f) => fns.has(f)));
}

/** Next steps a kernel engineer would name for these incidents and events. */
export function buildNextSteps(incidents: readonly Incident[], events: readonly EventGroup[]): NextStep[] {
  const steps: NextStep[] = [];
  const add = (text: string, why: string, ids: string[]) => {
    const existing = steps.find((s) => s.text === text);
    if (existing) existing.incidents.push(...ids.filter((id) => !existing.incidents.includes(id)));
    else steps.push({ text, why, incidents: ids });
  };
  const roots = incidents.filter((i) => i.role !== 'victim');
  for (const i of roots) {
    if (i.kind === 'soft-lockup') {
      add('Capture a vmcore next time: enable kdump and set kernel.softlockup_panic=1 (sysctl -w kernel.softlockup_panic=1, persist in /etc/sysctl.d).', 'The log shows where the CPU loops, not why the loop never ends; only memory can show that.', [i.id]);
      add('Set kernel.softlockup_all_cpu_backtrace=1 so that the next report carries every CPU\'s backtrace.', 'Shows what the other CPUs were doing (lock holders, waiters) at the same moment.', [i.id]);
    }
    if (i.kind === 'hard-lockup') add('Enable kdump with kernel.hardlockup_panic=1 and kernel.hardlockup_all_cpu_backtrace=1.', 'A hard lockup has interrupts off; only a vmcore or all-CPU backtraces show the holder.', [i.id]);
    if (i.kind === 'hung-task') add('Set kernel.hung_task_panic=1 with kdump to capture the blocked task\'s state, or dump all D-state tasks with echo w > /proc/sysrq-trigger.', 'Shows what the blocked task waits for and who holds it.', [i.id]);
    if (i.kind === 'rcu-stall') add('Set kernel.panic_on_rcu_stall=1 with kdump, and check the stalled CPUs\' backtraces printed with the stall.', 'The stalled CPU or starved kthread is the cause.', [i.id]);
    if (i.loopFunction && !i.notes.some((n) => n.includes('source line'))) {
      add(`Disassemble ${i.loopFunction} with source lines (crash> dis -l ${i.loopFunction}, or objdump -dl vmlinux) and rerun ktriage with --dis FILE to map every sample to its source line.`, 'Bounds the loop to source lines and tells the loop head from its body.', [i.id]);
    }
    for (const sig of matchingSignatures(i)) if (sig.nextStep) add(sig.nextStep.text, sig.nextStep.why, [i.id]);
  }
  for (const e of events) {
    if (!e.relation || !e.notable) continue;
    const team = ownerOf(e.kind);
    if (!team) continue;
    const subjects = e.subjects.length ? ` on ${e.subjects.join(', ')}` : '';
    add(`Ask ${team} about \`${e.template}\`${subjects} (${e.count} lines from ${shortTime(e.firstSeen, e.firstUptime)} to ${shortTime(e.lastSeen, e.lastUptime)}).`, 'Their side may show why it started, or confirm it is a consequence of the stuck node.', [e.relation.incident]);
  }
  return steps;
}

/** Incidents on different hosts that start within this long of each other (or overlap) happened at once. */
const AT_ONCE_SECONDS = 300;

function incidentWhere(i: Incident): string {
  return `${i.title} (${i.id}${i.reports > 1 ? `, ${i.reports} reports` : ''})`;
}

/** Root incidents grouped into clusters that overlap in time (with AT_ONCE_SECONDS of slack), oldest first. */
function simultaneous(roots: readonly Incident[]): Incident[][] {
  const timed = roots.filter((i) => i.firstSeen !== null).sort((a, b) => isoMs(a.firstSeen!) - isoMs(b.firstSeen!));
  const clusters: Incident[][] = [];
  let end = -Infinity;
  for (const i of timed) {
    const start = isoMs(i.firstSeen!);
    const stop = isoMs(i.lastSeen ?? i.firstSeen!);
    const current = clusters[clusters.length - 1];
    if (current && start <= end + AT_ONCE_SECONDS * 1000) {
      current.push(i);
      end = Math.max(end, stop);
    } else {
      clusters.push([i]);
      end = stop;
    }
  }
  return clusters;
}

/**
 * With several hosts: one line per host with its incidents, and the incidents that happened on several
 * hosts at once, where a shared cause (storage, network, hypervisor, a change rolled out to all) is likelier
 * than separate bugs.
 */
export function hostFindings(incidents: readonly Incident[]): Finding[] {
  const roots = incidents.filter((i) => i.role !== 'victim' && i.host !== null);
  const hosts = [...new Set(roots.map((i) => i.host!))].sort();
  if (hosts.length < 2) return [];
  const findings: Finding[] = hosts.map((host) => {
    const own = roots.filter((i) => i.host === host);
    return { severity: 'info', text: `${host}: ${own.length} incident${own.length > 1 ? 's' : ''}: ${own.map(incidentWhere).join('; ')}.`, incidents: own.map((i) => i.id) };
  });
  for (const cluster of simultaneous(roots)) {
    const clusterHosts = [...new Set(cluster.map((i) => i.host!))];
    if (clusterHosts.length < 2) continue;
    const first = cluster[0]!;
    const last = cluster.reduce((a, b) => (isoMs(b.lastSeen ?? b.firstSeen!) > isoMs(a.lastSeen ?? a.firstSeen!) ? b : a));
    findings.push({
      severity: 'warning',
      text: `${clusterHosts.length} hosts had incidents at the same time (${shortTime(first.firstSeen, first.firstUptime)} to ${shortTime(last.lastSeen, last.lastUptime)}): ${cluster.map((i) => `${i.host} ${incidentWhere(i)}`).join('; ')}. A cause they share (storage, network, hypervisor, a change rolled out to all of them) is more likely than ${clusterHosts.length} separate problems.`,
      incidents: cluster.map((i) => i.id),
    });
  }
  return findings;
}
