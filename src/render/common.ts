import { crossesMidnight, shortTime, spanClock } from '../time/format.js';
import { detailLabel, detailValue, duration, errnoMeaning, punctuation, say, sayEach, t, type Lang } from '../i18n/index.js';
import type { EventGroup, Incident, NextStep, Result, WaitEdge, WaitGraph, WaitNode } from '../result/schema.js';

/** The verdict in the report's language. */
export function verdictText(result: Result, lang: Lang): string {
  return say(lang, { text: result.summary.verdict, code: result.summary.verdictCode, params: result.summary.verdictParams });
}

/** Why a next step helps, in the report's language. */
export function whyText(s: NextStep, lang: Lang): string {
  return say(lang, { text: s.why, code: `${s.code}.why`, params: s.params });
}

/** An incident's notes in the report's language. */
export function noteTexts(i: Incident, lang: Lang): string[] {
  return sayEach(lang, i.notes, i.noteMessages);
}

/** Why an incident is flagged corrupted, in the report's language, as one line. */
export function corruptionText(i: Incident, lang: Lang): string {
  return sayEach(lang, i.corruptionReasons, i.corruptionMessages).join(punctuation(lang).semi);
}

type FrameLike = Incident['stack'][number];

/** `? __wake_up+0x44/0x50 [mod]` as the kernel prints it. */
export function frameText(f: Pick<FrameLike, 'function' | 'offset' | 'size' | 'module' | 'reliable'>): string {
  const where = f.offset ? `${f.function}+${f.offset}${f.size ? `/${f.size}` : ''}` : f.function;
  return `${f.reliable ? '' : '? '}${where}${f.module ? ` [${f.module}]` : ''}`;
}

export function ripText(r: { function: string; offset: string | null }): string {
  return r.offset ? `${r.function}+${r.offset}` : r.function;
}

export function taskText(i: Incident): string {
  if (i.comm && i.pid !== null) return `${i.comm}[${i.pid}]`;
  return i.comm ?? (i.pid !== null ? `PID ${i.pid}` : '-');
}

/** Where an incident happened: host (optional), CPU and task, the parts that are known. */
export function placeOf(i: Incident, withHost: boolean): string[] {
  const task = taskText(i);
  return [withHost ? i.host : null, i.cpu !== null ? `CPU ${i.cpu}` : null, task !== '-' ? task : null].filter((p): p is string => p !== null);
}

export function roleText(i: Incident, lang: Lang = 'en'): string {
  // A victim whose cause has no incident (a lock holder seen only in a dump) is said to be one; its note names the holder.
  if (i.role === 'victim') return i.causedBy ? t(lang, 'ui.victimOf', { id: i.causedBy }) : t(lang, 'ui.role.victim');
  return t(lang, `ui.role.${i.role}`);
}

/** Whether the logs span more than one day (times then carry their date). */
export function spansDays(result: Pick<Result, 'summary'>): boolean {
  return crossesMidnight(result.summary.firstSeen, result.summary.lastSeen);
}

/** From-to of an incident (its first report's time alone when it has one); dated (`11-12 10:10:59`) when told. */
export const spanText = (i: Incident, dated = false): string => spanClock(i, i.reports === 1, dated);

/** From-to of an event group (its one line's time alone when it has one). */
export const eventSpan = (e: EventGroup, dated = false): string => spanClock(e, e.count === 1, dated);

/** `path:line` of an event group's example line. */
export function exampleRef(e: EventGroup): string {
  return `${e.example.path}:${e.example.line}`;
}

export function errnoText(e: EventGroup, lang: Lang = 'en'): string {
  return e.errno !== null && e.errnoName ? `${e.errno} = ${e.errnoName} (${errnoMeaning(lang, e)})` : '';
}

/** Inputs described in one line: "1 input, 1506 lines (bundle)". */
export function inputsText(result: Result, lang: Lang = 'en'): string {
  const lines = result.inputs.reduce((n, i) => n + i.lines, 0);
  const passedOver = result.inputs.reduce((n, i) => n + i.linesPassedOver, 0);
  const formats = [...new Set(result.inputs.map((i) => i.format))];
  return t(lang, 'ui.inputsText', { inputs: result.inputs.length, lines, formats, passedOver: passedOver || null });
}

export function coverageText(result: Result, lang: Lang = 'en'): string | null {
  const { firstSeen, lastSeen } = result.summary;
  if (!firstSeen || !lastSeen) return null;
  return t(lang, 'ui.coverage', { from: firstSeen.replace('T', ' '), to: lastSeen.replace('T', ' ') });
}

/** What --since, --until and --host kept, in one sentence; null without them. */
export function filterText(result: Result, lang: Lang = 'en'): string | null {
  const f = result.filter;
  if (!f) return null;
  const from = f.from?.replace('T', ' ') ?? (f.fromUptime !== null ? `[${f.fromUptime.toFixed(2)}]` : null);
  const to = f.to?.replace('T', ' ') ?? (f.toUptime !== null ? `[${f.toUptime.toFixed(2)}]` : null);
  return t(lang, 'ui.filter', { from, to, hosts: f.hosts, incidents: f.incidentsLeftOut, events: f.eventsLeftOut, undated: f.undated });
}

/** Events a reader should see: notable ones, the related ones first. */
export function notableEvents(result: Result): EventGroup[] {
  return result.events
    .filter((e) => e.notable)
    .sort((a, b) => Number(!!b.relation) - Number(!!a.relation) || b.count - a.count);
}

export function stuckText(i: Incident, lang: Lang = 'en'): string | null {
  return i.maxStuckSeconds !== null ? duration(lang, i.maxStuckSeconds) : null;
}

/** Marks in the first report's trace: the RIP, the loop bound and the entry function. */
export function frameMarks(i: Incident, f: FrameLike, lang: Lang = 'en'): string[] {
  const marks: string[] = [];
  if (f.function === i.loopFunction) marks.push(t(lang, 'ui.mark.loopBound'));
  if (i.entry && f.function === i.entry.function) marks.push(t(lang, 'ui.mark.entry'));
  if (!f.reliable) marks.push(t(lang, 'ui.mark.unreliable'));
  // (a task's own stack is where frames are unless marked: 5.x+ x86 brackets every trace in `<TASK>`, which says nothing)
  if (f.context && f.context !== 'TASK') marks.push(f.context);
  return marks;
}

/**
 * The incidents a report details, and the occurrences of each recurring problem under its first: a later occurrence
 * of a problem (and its victims) is the first one again, so it is listed, not detailed.
 */
export function detailedIncidents(result: Pick<Result, 'incidents' | 'summary'>): { shown: Incident[]; occurrences: Map<string, Incident[]> } {
  const byId = new Map(result.incidents.map((i) => [i.id, i]));
  const occurrences = new Map<string, Incident[]>();
  const later = new Set<string>();
  for (const p of result.summary.problems) {
    if (p.occurrences < 2) continue;
    occurrences.set(p.incidents[0]!, p.incidents.map((id) => byId.get(id)!).filter(Boolean));
    for (const id of p.incidents.slice(1)) later.add(id);
  }
  const shown = result.incidents.filter((i) => !later.has(i.id) && !(i.causedBy !== null && later.has(i.causedBy)));
  return { shown, occurrences };
}

/** One occurrence of a problem in a list: host, CPU and task, reports, when. */
export function occurrenceText(i: Incident, withHost: boolean, lang: Lang): string {
  return [i.id, ...placeOf(i, withHost), t(lang, 'ui.reports', { count: i.reports }), spanText(i, true)].join('  ');
}

/** An incident's details as label and value, in the report's language; null values left out. */
export function detailRows(i: Incident, lang: Lang): [string, string][] {
  return Object.entries(i.details).flatMap(([key, value]): [string, string][] => {
    if (value === null) return [];
    const message = i.detailMessages[key];
    return [[detailLabel(lang, key), message ? say(lang, { text: String(value), ...message }) : detailValue(lang, key, value)]];
  });
}

/** The label of the function an incident blames: a victim only waits there. */
export function culpritLabel(i: Incident, lang: Lang): string {
  return t(lang, i.role === 'victim' ? 'ui.waitsIn' : 'ui.culprit');
}

/** A node's short name: `syz-executor013/7547`, `CPU 12`. */
export function waitNodeName(n: WaitNode): string {
  return n.kind === 'task' ? `${n.comm ?? '?'}/${n.pid}` : `CPU ${n.cpu}`;
}

/** What an edge waits on (`lock &sb->s_umount`, `I/O on sdb1`), how that was known, and the device's storage errors, in words. */
export function waitEdgeWords(e: WaitEdge, lang: Lang, dated: boolean): { what: string; how: string; storage: string | null; storageShort: string | null } {
  const s = e.storage;
  const params = s ? { device: s.device, lines: s.lines, kinds: [...s.kinds], from: shortTime(s.firstSeen, s.firstUptime, dated), to: shortTime(s.lastSeen, s.lastUptime, dated), basis: s.basis } : null;
  return {
    what: t(lang, 'ui.wait.on', { kind: e.kind, resource: e.resource }),
    how: t(lang, 'ui.wait.how', { how: e.how }),
    storage: params ? t(lang, 'ui.wait.storage', params) : null,
    storageShort: params ? t(lang, 'ui.wait.storageShort', params) : null,
  };
}

/** The graph's node as a reader names it: `syz-executor013/7547 (CPU 0, udf_fill_super)`, `CPU 12`. */
function waitNodeText(graph: WaitGraph, id: string | null, lang: Lang): string {
  const n = id === null ? undefined : graph.nodes.find((x) => x.id === id);
  if (!n) return t(lang, 'ui.wait.unseen');
  const name = waitNodeName(n);
  const where = [n.kind === 'task' && n.cpu !== null ? `CPU ${n.cpu}` : null, n.running, n.idle ? t(lang, 'ui.wait.idle') : null, ...n.incidents, n.partial ? t(lang, 'ui.wait.partial') : null].filter(Boolean);
  const pu = punctuation(lang);
  return where.length ? `${name}${pu.paren(where.join(pu.sep))}` : name;
}

/**
 * The "Who waits for whom" section's lines (plain text; callers escape for their medium): each chain, then each wait
 * with how it was known and its first evidence line, then what the log leaves open.
 */
export function waitLines(result: Result, lang: Lang, limit = 40): string[] {
  const graph = result.waitGraph;
  const dated = spansDays(result);
  if (!graph || graph.edges.length === 0) return [];
  const out: string[] = [];
  for (const c of graph.chains.slice(0, 5)) out.push(t(lang, 'ui.wait.chain', { root: waitNodeText(graph, c.root, lang), waiters: c.waiters.length }));
  for (const d of graph.deadlocks.slice(0, 5)) out.push(t(lang, 'ui.wait.deadlock', { nodes: d.map((id) => waitNodeText(graph, id, lang)) }));
  for (const e of graph.edges.slice(0, limit)) {
    const at = e.evidence[0];
    const words = waitEdgeWords(e, lang, dated);
    // (an I/O wait with no task behind it waits for the device itself)
    const to = e.to === null && e.kind === 'io' ? t(lang, 'ui.wait.device', { resource: e.resource }) : waitNodeText(graph, e.to, lang);
    out.push(t(lang, 'ui.wait.edge', { from: waitNodeText(graph, e.from, lang), to, what: words.what, how: words.how, at: at ? `${at.path}:${at.line}` : null, storage: words.storage }));
  }
  if (graph.edges.length > limit) out.push(t(lang, 'ui.moreListed', { count: graph.edges.length - limit }));
  out.push(...graph.notes.map((n) => t(lang, n.code, n.params)));
  return out;
}
