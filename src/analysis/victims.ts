import { isWaiterFrame } from '../knowledge/frames.js';
import type { IncidentDraft } from './incidents.js';
import { trustedSamples } from './samples.js';
import { secondsFrom } from './incidents.js';
import { isDetailMessage } from '../reports/codes.js';
import { markCorrupted } from '../reports/report.js';
import { makeTitle } from '../result/kinds.js';
import { panicCauses } from './consequence.js';
import type { InnerMessage } from '../result/schema.js';

const LOCKUP_KINDS = new Set(['soft-lockup', 'hard-lockup', 'rcu-stall', 'workqueue-stall', 'hung-task']);
/** Slack around an episode when deciding whether two episodes overlap. */
const OVERLAP_SLACK_SECONDS = 120;

/** True when the incident's samples sit in functions that only wait for another CPU. */
export function isWaiting(d: IncidentDraft): boolean {
  const withStack = trustedSamples(d.samples).filter((s) => s.stack.length > 0 || s.rip);
  if (withStack.length === 0) return false;
  return withStack.every((s) => (s.stack.length > 0 ? s.stack : s.rip ? [s.rip] : []).some((f) => isWaiterFrame(f.function)));
}

function overlaps(a: IncidentDraft, b: IncidentDraft): boolean {
  const aFirst = a.samples[0]!.line;
  const aLast = a.samples[a.samples.length - 1]!.line;
  const bFirst = b.samples[0]!.line;
  const bLast = b.samples[b.samples.length - 1]!.line;
  const bStartsBeforeAEnds = secondsFrom(bFirst, aLast);
  const aStartsBeforeBEnds = secondsFrom(aFirst, bLast);
  // Untimed text: episodes in the same input overlap when their line ranges do.
  if (bStartsBeforeAEnds === null || aStartsBeforeBEnds === null) return aFirst.path === bFirst.path && bFirst.lineNo <= aLast.lineNo && aFirst.lineNo <= bLast.lineNo;
  return bStartsBeforeAEnds >= -OVERLAP_SLACK_SECONDS && aStartsBeforeBEnds >= -OVERLAP_SLACK_SECONDS;
}

function link(victim: IncidentDraft, cause: IncidentDraft, note: InnerMessage): void {
  victim.role = 'victim';
  victim.causedBy = cause.id;
  victim.notes.push(note);
  cause.victims.push(victim.id);
  cause.role = 'culprit';
}

/**
 * Tells culprits from victims: lockups that only wait for another CPU (stop_machine stoppers in
 * multi_cpu_stop, cross-CPU call waiters) while a non-waiting lockup runs on the same host are its
 * victims; an RCU stall on a locked-up CPU is that lockup's consequence; a panic right after a
 * report is caused by it.
 */
export function linkVictims(drafts: IncidentDraft[]): void {
  const waiting = new Map(drafts.map((d) => [d.id, LOCKUP_KINDS.has(d.kind) && isWaiting(d)]));
  for (const victim of drafts) {
    if (!waiting.get(victim.id)) continue;
    const cause = drafts.find((c) => c !== victim && c.host === victim.host && LOCKUP_KINDS.has(c.kind) && c.kind !== 'hung-task' && !waiting.get(c.id) && overlaps(c, victim));
    if (cause) {
      const where = victim.samples.flatMap((s) => (s.stack.length ? s.stack : s.rip ? [s.rip] : [])).find((f) => isWaiterFrame(f.function))?.function;
      link(victim, cause, { code: 'note.victim.waits', params: { comm: victim.comm, cpu: victim.cpu, where: where ?? null, causeCpu: cause.cpu, causeComm: cause.comm, causeId: cause.id } });
    } else {
      victim.notes.push({ code: 'note.victim.unseen', params: { comm: victim.comm } });
    }
  }
  for (const stall of drafts) {
    if (stall.kind !== 'rcu-stall' || stall.causedBy) continue;
    const lockup = drafts.find((c) => (c.kind === 'soft-lockup' || c.kind === 'hard-lockup') && c.host === stall.host && !waiting.get(c.id) && overlaps(c, stall) && stallMentionsCpu(stall, c.cpu));
    if (lockup) link(stall, lockup, { code: 'note.rcu.lockup', params: { cpu: lockup.cpu, causeId: lockup.id } });
  }
  linkPanics(drafts);
}

/**
 * Links each panic to what it follows (see panicCauses). A panic whose reason restates a report (`Fatal exception`,
 * `hung_task: blocked tasks`) takes that report's culprit and entry: the panicking CPU's own frames (watchdog,
 * cpuidle_enter_state, panic) say where panic() ran, not what went wrong. One that names such a report the log
 * does not hold is flagged.
 */
function linkPanics(drafts: IncidentDraft[]): void {
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const linked = new Set<IncidentDraft>();
  for (const found of panicCauses(drafts)) {
    const panic = byId.get(found.panic)!;
    const cause = byId.get(found.cause)!;
    if (panic.causedBy) continue;
    const others = found.causes.filter((id) => id !== cause.id);
    link(panic, cause, { code: 'note.panic.follows', params: { causeKind: cause.kind, causeTitle: cause.title, causeId: cause.id, others, pick: found.pick } });
    linked.add(panic);
    if (!found.restates) continue;
    panic.culprit = cause.culprit;
    panic.entry = cause.entry ?? panic.entry;
    panic.title = makeTitle(panic.kind, cause.culprit?.function);
  }
  for (const panic of drafts) {
    const follows = panic.kind === 'panic' && !linked.has(panic) ? panic.reports[0]!.details['follows'] : undefined;
    // `Fatal exception`, `panic_on_warn set`, `hung_task: blocked tasks`: the report that led here was lost.
    if (isDetailMessage(follows)) markCorrupted(panic.reports[0]!, 'corruption.panic.followsMissing', { follows: follows.params['follows'] ?? null });
  }
}

function stallMentionsCpu(stall: IncidentDraft, cpu: number | null): boolean {
  if (cpu === null) return false;
  const cpus = stall.reports.map((r) => r.details['stalledCpus']).filter((v): v is string => typeof v === 'string');
  return cpus.length === 0 || cpus.some((list) => list.split(/[ ,]+/).includes(String(cpu)));
}
