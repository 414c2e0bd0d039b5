import { formatDuration, shortTime } from '../analysis/duration.js';
import type { EventGroup, Incident, Result } from '../result/schema.js';

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

export function roleText(i: Incident): string {
  if (i.role === 'victim') return `victim of ${i.causedBy}`;
  return i.role;
}

export function spanText(i: Incident): string {
  const from = shortTime(i.firstSeen, i.firstUptime);
  if (i.reports === 1) return from;
  return `${from}-${shortTime(i.lastSeen, i.lastUptime)}`;
}

export function eventSpan(e: EventGroup): string {
  const from = shortTime(e.firstSeen, e.firstUptime);
  return e.count === 1 ? from : `${from}-${shortTime(e.lastSeen, e.lastUptime)}`;
}

export function errnoText(e: EventGroup): string {
  return e.errno !== null && e.errnoName ? `${e.errno} = ${e.errnoName} (${e.errnoMeaning})` : '';
}

/** Inputs described in one line: "1 input, 1506 lines (bundle)". */
export function inputsText(result: Result): string {
  const lines = result.inputs.reduce((n, i) => n + i.lines, 0);
  const formats = [...new Set(result.inputs.map((i) => i.format))].join(', ');
  return `${result.inputs.length} input${result.inputs.length === 1 ? '' : 's'}, ${lines} lines${formats ? ` (${formats})` : ''}`;
}

export function coverageText(result: Result): string | null {
  const { firstSeen, lastSeen } = result.summary;
  if (!firstSeen || !lastSeen) return null;
  return `${firstSeen.replace('T', ' ')} to ${lastSeen.replace('T', ' ')}`;
}

/** Events a reader should see: notable ones, the related ones first. */
export function notableEvents(result: Result): EventGroup[] {
  return result.events
    .filter((e) => e.notable)
    .sort((a, b) => Number(!!b.relation) - Number(!!a.relation) || b.count - a.count);
}

export function stuckText(i: Incident): string | null {
  return i.maxStuckSeconds !== null ? `${formatDuration(i.maxStuckSeconds)}` : null;
}

/** Marks in the first report's trace: the RIP, the loop bound and the entry function. */
export function frameMarks(i: Incident, f: FrameLike): string[] {
  const marks: string[] = [];
  if (f.function === i.loopFunction) marks.push('loop bound');
  if (i.entry && f.function === i.entry.function) marks.push('entry');
  if (!f.reliable) marks.push('unreliable');
  if (f.context) marks.push(f.context);
  return marks;
}
