import { KIND_PHRASES } from '../result/kinds.js';
import type { Incident, Result } from '../result/schema.js';
import { formatDuration } from './duration.js';
import { stuckAtLeast } from './findings.js';

/** One sentence a person can read out on the phone. */
export function verdict(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return 'No kernel incident found in the logs.';
  const roots = incidents.filter((i) => i.role !== 'victim');
  const main = roots[0] ?? incidents[0]!;
  const where = [main.host ? `on ${main.host}` : null, main.cpu !== null ? `CPU ${main.cpu}` : null].filter(Boolean).join(' ');
  const task = main.comm ? ` (${main.comm}${main.pid !== null ? `, PID ${main.pid}` : ''})` : '';
  const phrase = KIND_PHRASES[main.kind as keyof typeof KIND_PHRASES];
  let text: string;
  if (main.loopFunction) {
    const stuck = stuckAtLeast(main);
    text = `${phrase[0]!.toUpperCase()}${phrase.slice(1)} ${where}${task}: stuck in a loop bounded by ${main.loopFunction}${stuck ? ` for at least ${formatDuration(stuck)}` : ''}${main.entry ? `, entered through ${main.entry.function}` : ''}`;
  } else {
    text = `${main.title[0]!.toUpperCase()}${main.title.slice(1)} ${where}${task}`;
  }
  const victims = incidents.filter((i) => i.causedBy === main.id);
  if (victims.length) text += `; ${victims.map((v) => v.comm ?? v.id).join(' and ')} ${victims.length > 1 ? 'are' : 'is'} only waiting for it`;
  const others = roots.length - 1;
  if (others > 0) text += `; ${others} other incident${others > 1 ? 's' : ''}`;
  const hosts = [...new Set(roots.map((i) => i.host).filter((h): h is string => h !== null))];
  if (hosts.length > 1) text += ` on ${hosts.length} hosts (${hosts.sort().join(', ')})`;
  return `${text}.`;
}

export function summarize(result: Pick<Result, 'incidents' | 'inputs'>): Result['summary'] {
  const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const times = result.inputs.flatMap((i) => [i.firstSeen, i.lastSeen]).filter((t): t is string => !!t).sort();
  return {
    verdict: verdict(result.incidents),
    hosts: uniq([...result.incidents.map((i) => i.host), ...result.inputs.map((i) => i.host)]),
    kernels: uniq(result.incidents.map((i) => i.kernel)),
    hardware: uniq(result.incidents.map((i) => i.hardware)),
    firstSeen: times[0] ?? null,
    lastSeen: times[times.length - 1] ?? null,
  };
}
