import { ownerOf } from '../knowledge/subsystems.js';
import { KERNEL_BUG_KINDS, STUCK_KINDS, WARNING_KINDS } from '../result/kinds.js';
import type { InnerMessage, MessageParams, Problem, Result } from '../result/schema.js';
import type { UnsaidEvent, UnsaidFinding, UnsaidIncident, UnsaidStep } from '../result/unsaid.js';
import type { KnownIssueMatch } from '../result/known-issue-schema.js';
import { matchParams } from './known-issues.js';
import { relationMessage } from '../result/relation.js';
import { isCutHereLine } from '../reports/body.js';
import { taintingModules } from '../knowledge/taint.js';
import { shortTime } from '../time/format.js';
import { firstMoment, isoMs, lastMoment, secondsBetween, spanSeconds, type Moment } from '../time/moments.js';
import { sanitizerParams, victimParams } from './params.js';
import { recurrenceParams } from './problems.js';
import { storageFindings } from './storage.js';

/** How far the event window extends around an incident window; events further away are not related. */
const RELATED_WINDOW_SECONDS = 300;

/** A message: its code and parameters (src/render/words.ts says it). */
const asMessage = <P extends MessageParams>(code: string, params: P): { code: string; params: P } => ({ code, params });

/** Places notable events on the timeline of the root-cause incident they overlap (mutates `relation`). */
export function relateEvents(events: UnsaidEvent[], incidents: readonly UnsaidIncident[]): void {
  // Every event is compared with every root: their times are read once.
  const roots = incidents.filter((i) => i.role !== 'victim').map((i) => ({ i, first: firstMoment(i), last: lastMoment(i) }));
  for (const e of events) {
    if (!e.notable) continue;
    const eventFirst = firstMoment(e);
    const eventLast = lastMoment(e);
    for (const { i, first, last } of roots) {
      if (i.host !== e.host && e.host !== null && i.host !== null) continue;
      const start = secondsBetween(first, eventFirst);
      const end = secondsBetween(last, eventLast);
      const startsBeforeEnd = secondsBetween(eventFirst, last);
      const endsAfterStart = secondsBetween(first, eventLast);
      if (start === null || end === null || startsBeforeEnd === null || endsAfterStart === null) continue;
      if (startsBeforeEnd < -RELATED_WINDOW_SECONDS || endsAfterStart < -RELATED_WINDOW_SECONDS) continue;
      e.relation = { incident: i.id, startDeltaSeconds: start, endDeltaSeconds: end };
      break;
    }
  }
}

/** Parameters naming an incident's CPU, task and report span. */
function whoAndSpan(i: UnsaidIncident, dated: boolean) {
  return { cpu: i.cpu, comm: i.comm, pid: i.pid, reports: i.reports, from: shortTime(i.firstSeen, i.firstUptime, dated), to: shortTime(i.lastSeen, i.lastUptime, dated) };
}

/** "at least 11 min 24 s": time between first and last report plus what the first report says it was already stuck. */
export function stuckAtLeast(i: UnsaidIncident): number | null {
  const between = spanSeconds(i);
  if (between === null) return i.maxStuckSeconds;
  return between;
}

function incidentMessage(i: UnsaidIncident, all: ReadonlyMap<string, UnsaidIncident>, dated: boolean) {
  const stuck = STUCK_KINDS.has(i.kind) && i.reports > 1 ? stuckAtLeast(i) : null;
  const each = i.samples.map((s) => s.stuckSeconds).filter((v): v is number => v !== null);
  const victims = i.victims.map((id) => all.get(id)).filter((v): v is UnsaidIncident => !!v);
  // (an entry that is the culprit itself, as in a timer's callback, says nothing more)
  const entry = i.entry && i.entry.function !== i.culprit?.function ? i.entry : null;
  const message = asMessage('finding.incident', {
    kind: i.kind,
    ...whoAndSpan(i, dated),
    stuck,
    eachMin: each.length ? Math.min(...each) : null,
    eachMax: each.length ? Math.max(...each) : null,
    loopFunction: i.loopFunction,
    callees: i.loopFunction ? [...new Set(i.ripSamples.map((r) => r.function).filter((f) => f !== i.loopFunction))] : [],
    culprit: i.culprit?.function ?? null,
    culpritModule: i.culprit?.module ?? null,
    entry: entry?.function ?? null,
    entryModule: entry?.module ?? null,
    victims: victims.map((v) => v.comm ?? v.id),
    victimCpus: victims.map((v) => v.cpu),
    // (what the report itself says went wrong: WARN(cond, fmt)'s message, a list corruption's line)
    message: typeof i.details['message'] === 'string' ? i.details['message'] : null,
    ...sanitizerParams(i),
    ...victimParams(i),
  });
  return message;
}

function incidentFinding(i: UnsaidIncident, all: ReadonlyMap<string, UnsaidIncident>, dated: boolean): UnsaidFinding {
  return { severity: severityOf(i), ...incidentMessage(i, all, dated), incidents: [i.id] };
}

/** A problem that occurred more than once, said once: how often, from when to when, how far apart, and its first occurrence. */
function recurringFinding(p: Problem, first: UnsaidIncident, all: ReadonlyMap<string, UnsaidIncident>, dated: boolean): UnsaidFinding {
  const { code, params } = incidentMessage(first, all, dated);
  const host = p.hosts.length === 1 ? p.hosts[0]! : null;
  const message = asMessage('finding.recurring', { kind: p.kind, title: p.title, host, ...recurrenceParams(p), first: { code, params } });
  return { severity: severityOf(first), ...message, incidents: [...p.incidents] };
}

function victimFinding(i: UnsaidIncident, all: ReadonlyMap<string, UnsaidIncident>, dated: boolean): UnsaidFinding {
  const cause = i.causedBy !== null ? all.get(i.causedBy) : undefined;
  const note = i.noteMessages.find((n) => n.code.startsWith('note.victim.'));
  const message = asMessage('finding.victim', { name: i.comm ?? i.id, ...whoAndSpan(i, dated), ...(note ? { note } : {}), cause: cause?.title ?? i.causedBy, causeKind: cause?.kind ?? null });
  return { severity: 'warning', ...message, incidents: [i.id, ...(cause ? [cause.id] : [])] };
}

function eventFinding(e: UnsaidEvent & { relation: NonNullable<UnsaidEvent['relation']> }, dated: boolean): UnsaidFinding {
  const message = asMessage('finding.event', {
    program: e.kernel ? null : e.kind,
    template: e.template,
    errno: e.errno,
    errnoName: e.errnoName,
    count: e.count,
    // A storage error names its device even when the template kept it (`dev sdb`): the subjects list only numbered names.
    subjects: e.storage && !e.subjects.includes(e.storage.device) ? [e.storage.device, ...e.subjects] : e.subjects,
    from: shortTime(e.firstSeen, e.firstUptime, dated),
    to: shortTime(e.lastSeen, e.lastUptime, dated),
    relation: relationMessage(e.count, e.relation.startDeltaSeconds, e.relation.endDeltaSeconds),
  });
  return { severity: e.errno !== null || !e.kernel || e.storage ? 'warning' : 'info', ...message, incidents: [e.relation.incident] };
}

/** Matches shown per incident: the strongest few, then at most this many of other kernels. */
const MAX_MATCHES = 3;
const MAX_SIMILAR = 2;

/**
 * The known-issue matches of an incident worth a finding: matches first, then a few of other kernels; as many of
 * the knowledge folder's as of the fix commits of --kb indexes.
 */
export function shownMatches(i: UnsaidIncident, known: readonly KnownIssueMatch[]): KnownIssueMatch[] {
  return (['knowledge', 'fix-index'] as const).flatMap((source) => {
    const mine = known.filter((m) => m.incident === i.id && m.source === source);
    return [...mine.filter((m) => m.status === 'match').slice(0, MAX_MATCHES), ...mine.filter((m) => m.status !== 'match').slice(0, MAX_SIMILAR)];
  });
}

function knownIssueFinding(i: UnsaidIncident, m: KnownIssueMatch): UnsaidFinding {
  const code = m.status === 'match' ? 'finding.knownIssue' : 'finding.knownIssue.similar';
  return { severity: m.status === 'match' ? 'warning' : 'info', ...asMessage(code, matchParams(m, i.kernel)), incidents: [i.id] };
}

/**
 * Findings, most important first: root causes, victims, instruction-level notes, known issues, taint, related events.
 * A problem that recurs is said once: its first occurrence stands for the others (their victims, notes and the
 * events before them are those of the same problem again).
 */
export function buildFindings(incidents: readonly UnsaidIncident[], events: readonly UnsaidEvent[], problems: readonly Problem[], dated = false, known: readonly KnownIssueMatch[] = []): UnsaidFinding[] {
  const findings: UnsaidFinding[] = [];
  const firsts = new Set(problems.map((p) => p.incidents[0]!));
  const roots = incidents.filter((i) => i.role !== 'victim' && firsts.has(i.id));
  const byId = new Map(incidents.map((i) => [i.id, i]));
  for (const p of problems) {
    const first = byId.get(p.incidents[0]!)!;
    findings.push(p.occurrences > 1 ? recurringFinding(p, first, byId, dated) : incidentFinding(first, byId, dated));
  }
  for (const i of incidents.filter((v) => v.role === 'victim' && v.causedBy !== null && firsts.has(v.causedBy))) findings.push(victimFinding(i, byId, dated));
  findings.push(...hostFindings(incidents, dated));
  findings.push(...codeCheckFindings(incidents));
  for (const i of roots) {
    for (const note of i.noteMessages) if (!isCodeCheckNote(note)) findings.push({ severity: 'info', ...note, incidents: [i.id] });
    for (const m of shownMatches(i, known)) findings.push(knownIssueFinding(i, m));
  }
  // Each taint once, with every incident that printed it (in one pass).
  const byTaint = new Map<string, { first: UnsaidIncident; ids: string[] }>();
  for (const i of incidents) {
    if (!i.taint) continue;
    const seen = byTaint.get(i.taint);
    if (seen) seen.ids.push(i.id);
    else byTaint.set(i.taint, { first: i, ids: [i.id] });
  }
  for (const [taint, { first, ids }] of byTaint) {
    if (first.taintFlags.length === 0) continue;
    const letters = first.taintFlags.map((f) => f.letter);
    // (each letter with the modules that printed it: `O` from i40e and megaraid_sas)
    const modules = taintingModules((stringDetail(first, 'taintedBy') ?? '').split(' '));
    const letterModules = letters.map((l) => modules.filter((m) => m.letters.includes(l)).map((m) => m.name).join(', '));
    findings.push({ severity: 'info', ...asMessage('finding.taint', { taint, letters, letterModules }), incidents: ids });
  }
  for (const e of events) if (e.relation) findings.push(eventFinding({ ...e, relation: e.relation }, dated));
  findings.push(...storageFindings(incidents, events, dated));
  // Each event's time is read once for all the roots.
  const unrelated = events.filter((e) => e.kernel && !e.relation).map((e) => ({ e, last: lastMoment(e) }));
  for (const i of roots) {
    const before = precedingEvents(i, unrelated);
    if (before.length) findings.push({ severity: 'info', ...asMessage('finding.before', { id: i.id, templates: before.map((e) => e.template) }), incidents: [i.id] });
  }
  return findings;
}

const isCodeCheckNote = (m: InnerMessage) => m.code.startsWith('note.code.');

/** Code: lines that contradict each other (src/machine/cross-check.ts): one warning each, naming every incident it touches. */
function codeCheckFindings(incidents: readonly UnsaidIncident[]): UnsaidFinding[] {
  // One conflict is one message: the same code and parameters on every incident it touches.
  const byMessage = new Map<string, UnsaidFinding>();
  for (const i of incidents) {
    for (const note of i.noteMessages) {
      if (!isCodeCheckNote(note)) continue;
      const key = JSON.stringify(note);
      const known = byMessage.get(key);
      if (known) known.incidents.push(i.id);
      else byMessage.set(key, { severity: 'warning', ...note, incidents: [i.id] });
    }
  }
  return [...byMessage.values()];
}

/** Kernel events (not related to an incident) in the minutes before an incident's first report: what the system was doing. */
function precedingEvents(i: UnsaidIncident, unrelated: readonly { e: UnsaidEvent; last: Moment }[]): UnsaidEvent[] {
  const first = firstMoment(i);
  const message = stringDetail(i, 'message');
  return unrelated
    .filter(({ e, last }) => {
      if (e.host !== i.host && e.host && i.host) return false;
      // (a report's own `cut here` line and the message it printed with it say nothing of what came before it)
      if (isCutHereLine(e.template) || (message !== null && e.example.text.trim() === message)) return false;
      const d = secondsBetween(last, first);
      return d !== null && d >= 0 && d <= 120;
    })
    .map(({ e }) => e);
}

/** How urgent an incident is: a victim, a corrected machine check or a WARNING is not a crash (`--fail-on` reads it too). */
export function severityOf(i: UnsaidIncident): 'critical' | 'warning' {
  if (i.role === 'victim' || WARNING_KINDS.has(i.kind)) return 'warning';
  // GHES says `corrected` or `info` for what needed no recovery; `recoverable` and `fatal` did.
  if (i.kind === 'mce' && (i.details['severity'] === 'corrected' || i.details['severity'] === 'info')) return 'warning';
  return 'critical';
}

function stringDetail(i: UnsaidIncident, key: string): string | null {
  const value = i.details[key];
  return typeof value === 'string' ? value : null;
}

/** Next steps a kernel engineer would name for these incidents and events. */
export function buildNextSteps(incidents: readonly UnsaidIncident[], events: readonly UnsaidEvent[], dated = false, known: readonly KnownIssueMatch[] = []): UnsaidStep[] {
  // A step given once, naming every incident it serves: looked up by its code and parameters, its incidents kept as a set.
  const steps = new Map<string, { step: UnsaidStep; ids: Set<string> }>();
  const add = (code: string, params: MessageParams, ids: string[]) => {
    const key = JSON.stringify([code, params]);
    const existing = steps.get(key);
    if (existing) {
      for (const id of ids) {
        if (existing.ids.has(id)) continue;
        existing.ids.add(id);
        existing.step.incidents.push(id);
      }
    } else steps.set(key, { step: { code, params, incidents: [...ids] }, ids: new Set(ids) });
  };
  const roots = incidents.filter((i) => i.role !== 'victim');
  for (const i of roots) {
    if (i.kind === 'soft-lockup') {
      add('step.softlockup.kdump', {}, [i.id]);
      add('step.softlockup.backtrace', {}, [i.id]);
    }
    if (i.kind === 'hard-lockup') add('step.hardlockup', {}, [i.id]);
    if (i.kind === 'hung-task') add('step.hungtask', {}, [i.id]);
    if (i.kind === 'rcu-stall') add('step.rcu', {}, [i.id]);
    if (i.kind === 'oom') add('step.oom', { victim: stringDetail(i, 'victimComm') }, [i.id]);
    if (i.kind === 'mce') add('step.mce', { location: stringDetail(i, 'location') }, [i.id]);
    if (i.kind === 'userspace-segfault') add('step.segfault', { comm: i.comm }, [i.id]);
    if (KERNEL_BUG_KINDS.has(i.kind) && i.culprit) add('step.kernelbug', { function: i.culprit.function, kernel: i.kernel }, [i.id]);
    if (i.culprit?.module && i.kind !== 'userspace-segfault') add('step.module', { function: i.culprit.function, module: i.culprit.module }, [i.id]);
    if (i.loopFunction) add('step.disassemble', { function: i.loopFunction }, [i.id]);
    for (const m of shownMatches(i, known)) {
      if (m.status !== 'match') continue;
      if (m.confirm) add('step.knownIssue.confirm', { id: m.id, state: m.state, on: m.confirm.on, command: m.confirm.command }, [i.id]);
      if (m.fix) add('step.knownIssue.upgrade', matchParams(m, i.kernel), [i.id]);
      if (m.workaround) add('step.knownIssue.workaround', { id: m.id, text: m.workaround }, [i.id]);
    }
  }
  for (const e of events) {
    if (!e.relation || !e.notable) continue;
    const team = ownerOf(e.kind);
    if (!team) continue;
    const params = { team, template: e.template, subjects: e.subjects, count: e.count, from: shortTime(e.firstSeen, e.firstUptime, dated), to: shortTime(e.lastSeen, e.lastUptime, dated) };
    add('step.askTeam', params, [e.relation.incident]);
  }
  return [...steps.values()].map((s) => s.step);
}

/** Incidents on different hosts that start within this long of each other (or overlap) happened at once. */
const AT_ONCE_SECONDS = 300;

/** Parallel lists naming incidents: their hosts, kinds, titles, ids, report counts and (optional) occurrences of their problem. */
function incidentLists(list: readonly UnsaidIncident[], occurrences?: readonly number[]) {
  const lists = { hosts: list.map((i) => i.host), kinds: list.map((i) => i.kind), titles: list.map((i) => i.title), ids: list.map((i) => i.id), reports: list.map((i) => i.reports) };
  return occurrences ? { ...lists, occurrences: [...occurrences] } : lists;
}

/** A host's root incidents, one per problem (its first there), with how often the problem occurred there. */
function problemsOn(roots: readonly UnsaidIncident[]): { firsts: UnsaidIncident[]; counts: number[] } {
  const counts = new Map<string, { first: UnsaidIncident; count: number }>();
  for (const i of roots) {
    const seen = counts.get(i.signature);
    if (seen) seen.count++;
    else counts.set(i.signature, { first: i, count: 1 });
  }
  return { firsts: [...counts.values()].map((c) => c.first), counts: [...counts.values()].map((c) => c.count) };
}

/** Root incidents grouped into clusters that overlap in time (with AT_ONCE_SECONDS of slack), oldest first. */
function simultaneous(roots: readonly UnsaidIncident[]): UnsaidIncident[][] {
  const timed = roots.filter((i) => i.firstSeen !== null).sort((a, b) => isoMs(a.firstSeen!) - isoMs(b.firstSeen!));
  const clusters: UnsaidIncident[][] = [];
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
export function hostFindings(incidents: readonly UnsaidIncident[], dated = false): UnsaidFinding[] {
  const roots = incidents.filter((i) => i.role !== 'victim' && i.host !== null);
  const byHost = new Map<string, UnsaidIncident[]>();
  for (const i of roots) {
    const own = byHost.get(i.host!);
    if (own) own.push(i);
    else byHost.set(i.host!, [i]);
  }
  const hosts = [...byHost.keys()].sort();
  if (hosts.length < 2) return [];
  const findings: UnsaidFinding[] = hosts.map((host) => {
    const own = byHost.get(host)!;
    const { firsts, counts } = problemsOn(own);
    return { severity: 'info', ...asMessage('finding.host', { host, ...incidentLists(firsts, counts) }), incidents: own.map((i) => i.id) };
  });
  for (const cluster of simultaneous(roots)) {
    const clusterHosts = [...new Set(cluster.map((i) => i.host!))];
    if (clusterHosts.length < 2) continue;
    const first = cluster[0]!;
    const last = cluster.reduce((a, b) => (isoMs(b.lastSeen ?? b.firstSeen!) > isoMs(a.lastSeen ?? a.firstSeen!) ? b : a));
    findings.push({
      severity: 'warning',
      ...asMessage('finding.simultaneous', { hostCount: clusterHosts.length, from: shortTime(first.firstSeen, first.firstUptime, dated), to: shortTime(last.lastSeen, last.lastUptime, dated), ...incidentLists(cluster) }),
      incidents: cluster.map((i) => i.id),
    });
  }
  return findings;
}

/** Inputs that repeat another's lines (the same node's log as `messages` and as a journal export): counted once, said here. */
export function overlapFindings(inputs: Result['inputs']): UnsaidFinding[] {
  return inputs.flatMap((input) =>
    input.overlaps.map((o) => ({
      severity: 'info' as const,
      ...asMessage('finding.overlap', { path: input.path, other: o.path, lines: o.lines, of: input.lines - input.linesPassedOver }),
      incidents: [],
    })),
  );
}
