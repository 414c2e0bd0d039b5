import { ownerOf } from '../knowledge/subsystems.js';
import { KERNEL_BUG_KINDS, STUCK_KINDS, WARNING_KINDS } from '../result/kinds.js';
import type { EventGroup, Finding, Incident, InnerMessage, MessageParams, NextStep } from '../result/schema.js';
import type { KnownIssueMatch } from '../result/known-issue-schema.js';
import { matchParams } from './known-issues.js';
import { english, relationMessage, t } from '../i18n/index.js';
import { shortTime } from './duration.js';
import { firstMoment, isoMs, lastMoment, secondsBetween, spanSeconds } from './moments.js';

/** How far the event window extends around an incident window; events further away are not related. */
const RELATED_WINDOW_SECONDS = 300;

/** Places notable events on the timeline of the root-cause incident they overlap (mutates `relation`). */
export function relateEvents(events: EventGroup[], incidents: readonly Incident[]): void {
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
      const relation = relationMessage(e.count, start, end);
      e.relation = {
        incident: i.id,
        startDeltaSeconds: start,
        endDeltaSeconds: end,
        text: t('en', relation.code, relation.params),
      };
      break;
    }
  }
}

/** Parameters naming an incident's CPU, task and report span. */
function whoAndSpan(i: Incident) {
  return { cpu: i.cpu, comm: i.comm, pid: i.pid, reports: i.reports, from: shortTime(i.firstSeen, i.firstUptime), to: shortTime(i.lastSeen, i.lastUptime) };
}

/** "at least 11 min 24 s": time between first and last report plus what the first report says it was already stuck. */
export function stuckAtLeast(i: Incident): number | null {
  const between = spanSeconds(i);
  if (between === null) return i.maxStuckSeconds;
  return between;
}

function incidentFinding(i: Incident, all: readonly Incident[]): Finding {
  const stuck = STUCK_KINDS.has(i.kind) && i.reports > 1 ? stuckAtLeast(i) : null;
  const each = i.samples.map((s) => s.stuckSeconds).filter((v): v is number => v !== null);
  const victims = i.victims.map((id) => all.find((v) => v.id === id)).filter((v): v is Incident => !!v);
  const message = english('finding.incident', {
    kind: i.kind,
    ...whoAndSpan(i),
    stuck,
    eachMin: each.length ? Math.min(...each) : null,
    eachMax: each.length ? Math.max(...each) : null,
    loopFunction: i.loopFunction,
    callees: i.loopFunction ? [...new Set(i.ripSamples.map((r) => r.function).filter((f) => f !== i.loopFunction))] : [],
    culprit: i.culprit?.function ?? null,
    culpritModule: i.culprit?.module ?? null,
    entry: i.entry?.function ?? null,
    entryModule: i.entry?.module ?? null,
    victims: victims.map((v) => `${v.comm ?? v.id} (CPU ${v.cpu ?? '?'})`),
  });
  return { severity: i.role === 'victim' ? 'warning' : incidentSeverity(i), ...message, incidents: [i.id] };
}

function victimFinding(i: Incident, all: readonly Incident[]): Finding {
  const cause = all.find((c) => c.id === i.causedBy);
  const note = i.noteMessages.find((n) => n.code.startsWith('note.victim.'));
  const message = english('finding.victim', { name: i.comm ?? i.id, ...whoAndSpan(i), ...(note ? { note } : {}), cause: cause?.title ?? i.causedBy, causeKind: cause?.kind ?? null });
  return { severity: 'warning', ...message, incidents: [i.id, ...(cause ? [cause.id] : [])] };
}

function eventFinding(e: EventGroup & { relation: NonNullable<EventGroup['relation']> }): Finding {
  const message = english('finding.event', {
    program: e.kernel ? null : e.kind,
    template: e.template,
    errno: e.errno,
    errnoName: e.errnoName,
    count: e.count,
    subjects: e.subjects,
    from: shortTime(e.firstSeen, e.firstUptime),
    to: shortTime(e.lastSeen, e.lastUptime),
    relation: relationMessage(e.count, e.relation.startDeltaSeconds, e.relation.endDeltaSeconds),
  });
  return { severity: e.errno !== null || !e.kernel ? 'warning' : 'info', ...message, incidents: [e.relation.incident] };
}

/** Matches shown per incident: the strongest few, then at most this many of other kernels. */
const MAX_MATCHES = 3;
const MAX_SIMILAR = 2;

/** The known-issue matches of an incident worth a finding: matches first, then a few of other kernels. */
export function shownMatches(i: Incident, known: readonly KnownIssueMatch[]): KnownIssueMatch[] {
  const mine = known.filter((m) => m.incident === i.id);
  return [...mine.filter((m) => m.status === 'match').slice(0, MAX_MATCHES), ...mine.filter((m) => m.status !== 'match').slice(0, MAX_SIMILAR)];
}

function knownIssueFinding(i: Incident, m: KnownIssueMatch): Finding {
  const code = m.status === 'match' ? 'finding.knownIssue' : 'finding.knownIssue.similar';
  return { severity: m.status === 'match' ? 'warning' : 'info', ...english(code, matchParams(m, i.kernel)), incidents: [i.id] };
}

/** Findings, most important first: root causes, victims, instruction-level notes, known issues, taint, related events. */
export function buildFindings(incidents: readonly Incident[], events: readonly EventGroup[], known: readonly KnownIssueMatch[] = []): Finding[] {
  const findings: Finding[] = [];
  const roots = incidents.filter((i) => i.role !== 'victim');
  for (const i of roots) findings.push(incidentFinding(i, incidents));
  for (const i of incidents.filter((v) => v.role === 'victim')) findings.push(victimFinding(i, incidents));
  findings.push(...hostFindings(incidents));
  findings.push(...codeCheckFindings(incidents));
  for (const i of roots) {
    i.notes.forEach((text, n) => {
      if (!isCodeCheckNote(i.noteMessages[n]!)) findings.push({ severity: 'info', text, ...i.noteMessages[n]!, incidents: [i.id] });
    });
    for (const m of shownMatches(i, known)) findings.push(knownIssueFinding(i, m));
  }
  const taintSeen = new Set<string>();
  for (const i of incidents) {
    if (!i.taint || taintSeen.has(i.taint) || i.taintFlags.length === 0) continue;
    taintSeen.add(i.taint);
    const message = english('finding.taint', { taint: i.taint, letters: i.taintFlags.map((f) => f.letter) });
    findings.push({ severity: 'info', ...message, incidents: incidents.filter((x) => x.taint === i.taint).map((x) => x.id) });
  }
  for (const e of events) if (e.relation) findings.push(eventFinding({ ...e, relation: e.relation }));
  for (const i of roots) {
    const before = precedingEvents(i, events);
    if (before.length) findings.push({ severity: 'info', ...english('finding.before', { id: i.id, templates: before.map((e) => e.template) }), incidents: [i.id] });
  }
  return findings;
}

const isCodeCheckNote = (m: InnerMessage) => m.code.startsWith('note.code.');

/** Code: lines that contradict each other (src/machine/cross-check.ts): one warning each, naming every incident it touches. */
function codeCheckFindings(incidents: readonly Incident[]): Finding[] {
  const byText = new Map<string, Finding>();
  for (const i of incidents) {
    i.notes.forEach((text, n) => {
      const message = i.noteMessages[n]!;
      if (!isCodeCheckNote(message)) return;
      const known = byText.get(text);
      if (known) known.incidents.push(i.id);
      else byText.set(text, { severity: 'warning', text, ...message, incidents: [i.id] });
    });
  }
  return [...byText.values()];
}

/** Kernel events in the minutes before an incident's first report: what the system was doing. */
function precedingEvents(i: Incident, events: readonly EventGroup[]): EventGroup[] {
  return events.filter((e) => {
    if (!e.kernel || e.relation || (e.host !== i.host && e.host && i.host)) return false;
    const d = secondsBetween(lastMoment(e), firstMoment(i));
    return d !== null && d >= 0 && d <= 120;
  });
}

/** How urgent a root incident is: a corrected machine check or a WARNING is not a crash. */
function incidentSeverity(i: Incident): 'critical' | 'warning' {
  if (WARNING_KINDS.has(i.kind)) return 'warning';
  // GHES says `corrected` or `info` for what needed no recovery; `recoverable` and `fatal` did.
  if (i.kind === 'mce' && (i.details['severity'] === 'corrected' || i.details['severity'] === 'info')) return 'warning';
  return 'critical';
}

function stringDetail(i: Incident, key: string): string | null {
  const value = i.details[key];
  return typeof value === 'string' ? value : null;
}

/** Next steps a kernel engineer would name for these incidents and events. */
export function buildNextSteps(incidents: readonly Incident[], events: readonly EventGroup[], known: readonly KnownIssueMatch[] = []): NextStep[] {
  const steps: NextStep[] = [];
  const add = (code: string, params: MessageParams, ids: string[]) => {
    const text = t('en', code, params);
    const existing = steps.find((s) => s.text === text);
    if (existing) existing.incidents.push(...ids.filter((id) => !existing.incidents.includes(id)));
    else steps.push({ text, why: t('en', `${code}.why`, params), code, params, incidents: ids });
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
    if (i.loopFunction && !i.notes.some((n) => n.includes('source line'))) add('step.disassemble', { function: i.loopFunction }, [i.id]);
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
    const params = { team, template: e.template, subjects: e.subjects, count: e.count, from: shortTime(e.firstSeen, e.firstUptime), to: shortTime(e.lastSeen, e.lastUptime) };
    add('step.askTeam', params, [e.relation.incident]);
  }
  return steps;
}

/** Incidents on different hosts that start within this long of each other (or overlap) happened at once. */
const AT_ONCE_SECONDS = 300;

/** Parallel lists naming incidents: their hosts, kinds, titles, ids and report counts. */
function incidentLists(list: readonly Incident[]) {
  return { hosts: list.map((i) => i.host), kinds: list.map((i) => i.kind), titles: list.map((i) => i.title), ids: list.map((i) => i.id), reports: list.map((i) => i.reports) };
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
    return { severity: 'info', ...english('finding.host', { host, ...incidentLists(own) }), incidents: own.map((i) => i.id) };
  });
  for (const cluster of simultaneous(roots)) {
    const clusterHosts = [...new Set(cluster.map((i) => i.host!))];
    if (clusterHosts.length < 2) continue;
    const first = cluster[0]!;
    const last = cluster.reduce((a, b) => (isoMs(b.lastSeen ?? b.firstSeen!) > isoMs(a.lastSeen ?? a.firstSeen!) ? b : a));
    findings.push({
      severity: 'warning',
      ...english('finding.simultaneous', { hostCount: clusterHosts.length, from: shortTime(first.firstSeen, first.firstUptime), to: shortTime(last.lastSeen, last.lastUptime), ...incidentLists(cluster) }),
      incidents: cluster.map((i) => i.id),
    });
  }
  return findings;
}
