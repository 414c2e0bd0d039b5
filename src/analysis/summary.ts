import type { MessageParams, Problem, Result, WaitGraph } from '../result/schema.js';
import type { UnsaidIncident, UnsaidSummary } from '../result/unsaid.js';
import { stuckAtLeast } from './findings.js';
import { problemOfIncident, recurrenceParams } from './problems.js';
import { sanitizerParams, victimParams } from './params.js';

/** One sentence a person can read out on the phone, as a message code and its parameters. */
export function verdict(incidents: readonly UnsaidIncident[], problems: readonly Problem[], waits?: WaitGraph): { code: string; params: MessageParams } {
  if (incidents.length === 0) return { code: 'verdict.none', params: {} };
  const chain = waits ? chainVerdict(waits) : null;
  if (chain) return chain;
  const roots = incidents.filter((i) => i.role !== 'victim');
  const main = roots[0] ?? incidents[0]!;
  const problem = problemOfIncident(problems, main);
  const hosts = [...new Set(roots.map((i) => i.host).filter((h): h is string => h !== null))];
  const params = {
    kind: main.kind,
    title: main.title,
    host: main.host,
    cpu: main.cpu,
    comm: main.comm,
    pid: main.pid,
    loopFunction: main.loopFunction,
    stuck: main.loopFunction ? stuckAtLeast(main) : null,
    entry: main.entry?.function ?? null,
    victims: incidents.filter((i) => i.causedBy === main.id).map((v) => v.comm ?? v.id),
    // Other problems: the main one's other occurrences are said by the recurrence.
    others: problems.filter((p) => p !== problem).length,
    hosts: hosts.length > 1 ? hosts.sort() : [],
    ...recurrenceParams(problem),
    culprit: main.culprit?.function ?? null,
    ...sanitizerParams(main),
    ...victimParams(main),
  };
  return { code: 'verdict.incident', params };
}

/**
 * A wait chain whose root no incident is about (the holder of a lock the hung tasks wait for, seen only in a held-locks
 * dump or an NMI backtrace), or a deadlock: the verdict names it. A root with its own incident is said by that incident.
 */
function chainVerdict(waits: WaitGraph): { code: string; params: MessageParams } | null {
  const deadlock = waits.deadlocks[0];
  const name = (id: string) => {
    const n = waits.nodes.find((x) => x.id === id);
    return n?.kind === 'task' ? `${n.comm ?? '?'}/${n.pid}` : `CPU ${n?.cpu ?? '?'}`;
  };
  if (deadlock) return { code: 'verdict.deadlock', params: { nodes: deadlock.map(name) } };
  const chain = waits.chains[0];
  const root = chain && waits.nodes.find((n) => n.id === chain.root);
  if (!chain || !root || root.incidents.length > 0) return null;
  return {
    code: 'verdict.chain',
    params: { waiters: chain.waiters.length, kind: chain.kind, resource: chain.resource, holder: root.kind === 'task' ? root.comm : null, holderPid: root.pid, holderCpu: root.cpu, running: chain.within ?? root.running, host: root.host },
  };
}

/** The first and last time the inputs cover. */
export function coveredSpan(inputs: Result['inputs']): { firstSeen: string | null; lastSeen: string | null } {
  const times = inputs.flatMap((i) => [i.firstSeen, i.lastSeen]).filter((t): t is string => !!t).sort();
  return { firstSeen: times[0] ?? null, lastSeen: times[times.length - 1] ?? null };
}

export function summarize(result: { incidents: readonly UnsaidIncident[]; inputs: Result['inputs']; waitGraph?: Result['waitGraph'] }, problems: Problem[]): UnsaidSummary {
  const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const said = verdict(result.incidents, problems, result.waitGraph);
  return {
    verdictCode: said.code,
    verdictParams: said.params,
    hosts: uniq([...result.incidents.map((i) => i.host), ...result.inputs.map((i) => i.host)]),
    kernels: uniq(result.incidents.map((i) => i.kernel)),
    hardware: uniq(result.incidents.map((i) => i.hardware)),
    ...coveredSpan(result.inputs),
    problems,
  };
}
