// The wait-for graph: tasks and CPUs, what each waits on and how that was known. Roots (waited on, waiting on
// nothing shown) are the culprits; a cycle is a deadlock. Incidents not linked yet (src/analysis/victims.ts links
// lockups behind stop_machine/IPIs and panics) take their role and cause from it. Codes and parameters only.
import { pickCulprit } from '../reports/culprit.js';
import { isIpiWaitFrame } from '../knowledge/frames.js';
import type { Frame } from '../reports/types.js';
import type { CpuSample, HeldLocks, LineRef, WaitFacts } from '../reports/wait-dumps.js';
import { HOLDER_HINTS, isIdleFrame, isIoWaitFrame, isJournalWaitFrame, isLockWaitFrame, isRcuWaitFrame, journalDevice, type WaitKind } from '../knowledge/waits.js';
import type { InnerMessage, WaitEdge, WaitGraph, WaitNode } from '../result/schema.js';
import type { UnsaidEvent } from '../result/unsaid.js';
import { deviceOfTask, diskOf } from '../knowledge/storage.js';
import type { IncidentDraft } from './incidents.js';
import { devicesWithErrors, storageErrorsOn } from './storage.js';
import { reportStack } from './incidents.js';

const STACK_SHOWN = 32;
const LOCKUP_KINDS = new Set(['soft-lockup', 'hard-lockup', 'rcu-stall', 'workqueue-stall']);

type How = WaitEdge['how'];

/** The graph being built: nodes by id, edges by their identity (one wait said twice is one edge with more evidence). */
class Graph {
  readonly nodes = new Map<string, WaitNode>();
  readonly edges = new Map<string, WaitEdge>();
  readonly notes: InnerMessage[] = [];
  /** Nodes named only by a line that says what they hold (a blocker line), not seen themselves. */
  private readonly seen = new Set<string>();

  constructor(private readonly multiHost: boolean) {}

  id(kind: 'task' | 'cpu', host: string | null, n: number): string {
    return `${this.multiHost && host ? `${host}/` : ''}${kind}:${n}`;
  }

  node(kind: 'task' | 'cpu', host: string | null, n: number, evidence: LineRef | null, seen = true): WaitNode {
    const id = this.id(kind, host, n);
    let node = this.nodes.get(id);
    if (!node) {
      node = { id, kind, host, pid: kind === 'task' ? n : null, comm: null, cpu: kind === 'cpu' ? n : null, state: null, running: null, stack: [], idle: false, incidents: [], partial: false, evidence: [] };
      this.nodes.set(id, node);
    }
    if (evidence && node.evidence.length < 8 && !node.evidence.some((e) => e.path === evidence.path && e.line === evidence.line)) node.evidence.push(evidence);
    if (seen) this.seen.add(id);
    return node;
  }

  edge(from: string, to: string | null, kind: WaitKind, resource: string | null, how: How, evidence: readonly LineRef[]): void {
    const key = `${from}|${to ?? ''}|${kind}|${resource ?? ''}`;
    const known = this.edges.get(key);
    if (known) {
      for (const e of evidence) if (known.evidence.length < 8 && !known.evidence.some((k) => k.path === e.path && k.line === e.line)) known.evidence.push(e);
      return;
    }
    this.edges.set(key, { from, to, kind, resource, how, evidence: evidence.slice(0, 8) });
  }

  outgoing(id: string): boolean {
    for (const e of this.edges.values()) if (e.from === id) return true;
    return false;
  }

  markPartial(): void {
    for (const node of this.nodes.values()) if (!this.seen.has(node.id)) node.partial = true;
  }
}

/** Sets what a stack shows on a node: the frames, the function it runs in, whether it idles. */
function showStack(node: WaitNode, frames: readonly Frame[]): void {
  if (frames.length === 0 || node.stack.length > 0) return;
  node.stack = frames.slice(0, STACK_SHOWN).map((f) => f.function);
  node.running = pickCulprit(frames)?.function ?? null;
  node.idle = frames.some((f) => isIdleFrame(f.function));
}

/** What a stack waits for, by its frames (innermost first): the first waiting frame decides. */
function stackWait(frames: readonly string[]): WaitKind | null {
  for (const fn of frames) {
    if (isJournalWaitFrame(fn)) return 'journal';
    if (isLockWaitFrame(fn)) return 'lock';
    if (isRcuWaitFrame(fn)) return 'rcu-gp';
    if (isIoWaitFrame(fn)) return 'io';
  }
  return null;
}

const hostKey = (host: string | null, n: number | null) => `${host ?? ''}|${n ?? ''}`;
/** How held-locks entries name one lock: the address lockdep printed (the same lock instance), else the class name. */
const lockKey = (l: { address: string | null; name: string }) => l.address && !/^0+$/.test(l.address) ? `@${l.address}` : `#${l.name}`;

/** Whether a blocked task waits for a lock: its stack shows a lock wait, or no stack of it was printed. */
function waitsForLock(e: HeldLocks, waiting: ReadonlySet<string>, stacks: ReadonlyMap<string, string[]>): boolean {
  if (!waiting.has(hostKey(e.host, e.pid))) return false;
  const stack = stacks.get(hostKey(e.host, e.pid));
  return !stack || stack.length === 0 || stackWait(stack) === 'lock';
}

/** Who holds the lock `waiter` waits for (its last listed lock), by the other entries of the dump. */
function holdersOf(waiter: HeldLocks, byLock: Map<string, HeldLocks[]>, entries: readonly HeldLocks[], waiting: ReadonlySet<string>, stacks: ReadonlyMap<string, string[]>): { holders: HeldLocks[]; how: How } {
  const awaited = waiter.locks[waiter.locks.length - 1]!;
  const listing = (byLock.get(`${waiter.host ?? ''}|${lockKey(awaited)}`) ?? []).filter((e) => e !== waiter && e.pid !== waiter.pid);
  const position = (e: HeldLocks) => e.locks.findIndex((l) => lockKey(l) === lockKey(awaited));
  // Locks after it in the list were taken while holding it: a task that lists it before others holds it.
  const definite = listing.filter((e) => position(e) < e.locks.length - 1);
  if (definite.length) return { holders: definite, how: 'held-locks' };
  // A blocked task that lists the lock but sleeps on something else (a completion, I/O) holds it.
  const notWaiting = listing.filter((e) => !waitsForLock(e, waiting, stacks));
  if (notWaiting.length) return { holders: notWaiting, how: 'held-locks' };
  // lockdep does not list the locks of a running task (only their count): the one such task may be the holder.
  const running = entries.filter((e) => e.host === waiter.host && e.count > 0 && e.locks.length === 0 && e.pid !== null && e.pid !== waiter.pid);
  return running.length === 1 ? { holders: running, how: 'held-locks-running' } : { holders: [], how: 'held-locks' };
}

export interface WaitGraphInput {
  readonly drafts: IncidentDraft[];
  readonly facts: WaitFacts;
}

/** Builds the graph from the wait facts and the incidents, and gives unlinked incidents their role and cause from it. */
export function buildWaitGraph({ drafts, facts }: WaitGraphInput): WaitGraph | null {
  const hosts = new Set<string | null>([...drafts.map((d) => d.host), ...facts.held.map((h) => h.host), ...facts.cpus.map((c) => c.host)]);
  const g = new Graph(hosts.size > 1);
  const cpuSamples = new Map<string, CpuSample>();
  const onCpu = new Map<string, CpuSample>();
  for (const sample of facts.cpus) {
    const node = g.node('cpu', sample.host, sample.cpu, sample.evidence);
    showStack(node, sample.rip ? [sample.rip, ...sample.stack] : sample.stack);
    if (sample.idleAt) {
      node.idle = true;
      node.running ??= sample.idleAt;
    }
    if (sample.pid !== null) node.comm ??= `${sample.comm ?? '?'}/${sample.pid}`;
    cpuSamples.set(hostKey(sample.host, sample.cpu), sample);
    if (sample.pid !== null) onCpu.set(hostKey(sample.host, sample.pid), sample);
  }
  const task = (host: string | null, pid: number, comm: string | null, evidence: LineRef | null, seen = true): WaitNode => {
    const node = g.node('task', host, pid, evidence, seen);
    node.comm ??= comm;
    const sample = onCpu.get(hostKey(host, pid));
    if (sample && node.cpu === null) {
      node.cpu = sample.cpu;
      showStack(node, sample.rip ? [sample.rip, ...sample.stack] : sample.stack);
    }
    return node;
  };
  const stacks = new Map<string, string[]>();
  const taskDrafts = new Map<string, IncidentDraft>();
  for (const d of drafts) {
    const at = { path: d.reports[0]!.header.path, line: d.reports[0]!.header.lineNo };
    const frames = reportStack(d.reports.find((r) => r.stack.length > 0) ?? d.reports[0]!);
    if (d.kind === 'hung-task' && d.pid !== null) {
      const node = task(d.host, d.pid, d.comm, at);
      node.state ??= 'D';
      node.incidents.push(d.id);
      showStack(node, frames);
      stacks.set(hostKey(d.host, d.pid), frames.map((f) => f.function));
      taskDrafts.set(hostKey(d.host, d.pid), d);
    } else if (LOCKUP_KINDS.has(d.kind) && d.cpu !== null) {
      const node = g.node('cpu', d.host, d.cpu, at);
      node.incidents.push(d.id);
      if (d.comm && d.pid !== null) node.comm ??= `${d.comm}/${d.pid}`;
      showStack(node, frames);
    }
  }
  for (const t of facts.tasks) {
    const node = task(t.host, t.pid, t.comm, t.evidence);
    node.state ??= t.state;
    showStack(node, t.stack);
    if (!stacks.has(hostKey(t.host, t.pid)) && t.stack.length) stacks.set(hostKey(t.host, t.pid), t.stack.map((f) => f.function));
  }

  // Tasks known to be blocked: hung tasks, D-state tasks, blocker lines' waiters.
  const waiting = new Set<string>([...taskDrafts.keys(), ...facts.tasks.filter((t) => t.state === 'D').map((t) => hostKey(t.host, t.pid)), ...facts.blockers.map((b) => hostKey(b.host, b.fact.pid))]);

  for (const b of facts.blockers) {
    const from = task(b.host, b.fact.pid, b.fact.comm, b.evidence);
    const to = task(b.host, b.fact.ownerPid, b.fact.ownerComm, null, false);
    g.edge(from.id, to.id, 'lock', b.fact.lock, 'blocker-line', [b.evidence]);
  }

  lockEdges(g, facts.held, waiting, stacks, task);
  stackEdges(g, drafts, facts, stacks, task);

  csdEdges(g, facts.csd);
  for (const s of facts.starved) g.notes.push({ code: 'wait.rcu.starved', params: { thread: s.fact.thread, jiffies: s.fact.jiffies, path: s.evidence.path, line: s.evidence.line } });
  linkedEdges(g, drafts);
  ipiStackEdges(g, drafts);

  g.markPartial();
  const nodesWithin = [...g.nodes.values()];
  const edges = [...g.edges.values()];
  const nmiSamples = facts.cpus.length;
  const { roots, deadlocks, rootOf } = analyse(nodesWithin, edges);
  const graph: WaitGraph = { nodes: nodesWithin, edges, roots, deadlocks, chains: chainsOf(edges, rootOf, g), notes: g.notes, nmiSamples };
  assignRoles(graph, drafts, rootOf, facts);
  return edges.length === 0 && nmiSamples === 0 && g.notes.length === 0 ? null : graph;
}

type TaskOf = (host: string | null, pid: number, comm: string | null, evidence: LineRef | null, seen?: boolean) => WaitNode;

/** Lock waits read from held-locks dumps: a blocked task's last listed lock, and who holds it. */
function lockEdges(g: Graph, held: readonly HeldLocks[], waiting: ReadonlySet<string>, stacks: ReadonlyMap<string, string[]>, task: TaskOf): void {
  const byLock = new Map<string, HeldLocks[]>();
  for (const e of held) {
    for (const l of e.locks) {
      const key = `${e.host ?? ''}|${lockKey(l)}`;
      const list = byLock.get(key);
      if (list) list.push(e);
      else byLock.set(key, [e]);
    }
  }
  for (const e of held) {
    // A task whose stack shows no lock wait holds its locks while it waits for something else (I/O, a journal).
    if (e.pid === null || e.locks.length === 0 || !waitsForLock(e, waiting, stacks)) continue;
    const awaited = e.locks[e.locks.length - 1]!;
    const from = task(e.host, e.pid, e.comm, e.evidence);
    const { holders, how } = holdersOf(e, byLock, held, waiting, stacks);
    if (holders.length === 0) {
      g.edge(from.id, null, 'lock', awaited.name, 'held-locks', [awaited.evidence]);
      continue;
    }
    for (const h of holders) {
      const holding = h.locks.find((l) => lockKey(l) === lockKey(awaited));
      const to = task(h.host, h.pid!, h.comm, h.evidence);
      g.edge(from.id, to.id, 'lock', awaited.name, how, [awaited.evidence, holding?.evidence ?? h.evidence]);
    }
  }
}

/** Waits told by a hung task's frames alone, where no dump or blocker line says more: journal, I/O, RCU, an unseen lock. */
function stackEdges(g: Graph, drafts: readonly IncidentDraft[], facts: WaitFacts, stacks: ReadonlyMap<string, string[]>, task: TaskOf): void {
  const journalThreads = [...g.nodes.values()].filter((n) => n.kind === 'task' && journalDevice(n.comm) !== null);
  for (const [key, frames] of stacks) {
    const [hostText, pidText] = key.split('|');
    const host = hostText === '' ? null : hostText!;
    const node = g.nodes.get(g.id('task', host, Number(pidText)));
    if (!node || g.outgoing(node.id)) continue;
    const kind = stackWait(frames);
    const at = node.evidence.slice(0, 1);
    if (kind === 'journal') {
      const threads = journalThreads.filter((n) => n.host === host && n !== node);
      if (threads.length === 1) g.edge(node.id, threads[0]!.id, 'journal', journalDevice(threads[0]!.comm), 'stack', at);
      else g.edge(node.id, null, 'journal', null, 'stack', at);
    } else if (kind === 'io') {
      g.edge(node.id, null, 'io', journalDevice(node.comm) ?? (node.comm ? deviceOfTask(node.comm) : null), 'stack', at);
    } else if (kind === 'rcu-gp') {
      const targets = rcuTargets(g, facts, host, task);
      if (targets.length) for (const t of targets) g.edge(node.id, t.id, 'rcu-gp', null, 'rcu-stall', [...at, ...t.evidence.slice(0, 1)]);
      else g.edge(node.id, null, 'rcu-gp', null, 'stack', at);
    } else if (kind === 'lock') {
      g.edge(node.id, null, 'lock', null, 'stack', at);
    }
  }
  // An RCU stall report's CPU waits for the CPUs and tasks that hold up the grace period.
  for (const d of drafts) {
    if (d.kind !== 'rcu-stall' || d.cpu === null) continue;
    const from = g.id('cpu', d.host, d.cpu);
    for (const t of rcuTargets(g, facts, d.host, task)) if (t.id !== from) g.edge(from, t.id, 'rcu-gp', null, 'rcu-stall', t.evidence.slice(0, 1));
  }
}

/**
 * Lines each I/O and journal wait up with the storage errors and timeouts the same log shows on its device. A wait that
 * names no device (a task in io_schedule) gets those of its host's only device with errors; with several, which one is unknown.
 */
export function lineUpStorage(graph: WaitGraph, events: readonly UnsaidEvent[]): void {
  const hostOf = new Map(graph.nodes.map((n) => [n.id, n.host]));
  // One look-up per host and device: a show_state of thousands of tasks in io_schedule names a few devices.
  const memo = new Map<string, ReturnType<typeof storageErrorsOn>>();
  const errorsOn = (device: string | null, host: string | null) => {
    const key = `${host ?? ''}|${device ?? ''}`;
    if (!memo.has(key)) {
      const devices = device ? [device] : devicesWithErrors(events, host);
      memo.set(key, devices.length === 1 ? storageErrorsOn(devices[0]!, events, host) : null);
    }
    return memo.get(key)!;
  };
  for (const e of graph.edges) {
    if (e.kind !== 'io' && e.kind !== 'journal') continue;
    const named = e.resource ? diskOf(e.resource) : null;
    const s = errorsOn(named, hostOf.get(e.from) ?? null);
    if (s) e.storage = { device: s.device, lines: s.lines, kinds: [...s.kinds], firstSeen: s.firstSeen, firstUptime: s.firstUptime, lastSeen: s.lastSeen, lastUptime: s.lastUptime, basis: named ? 'device' : 'host' };
  }
}

/** The CPUs and tasks an RCU stall names on a host. */
function rcuTargets(g: Graph, facts: WaitFacts, host: string | null, task: TaskOf): WaitNode[] {
  const cpus = facts.rcuCpus.filter((r) => r.host === host).map((r) => g.node('cpu', host, r.fact.cpu, r.evidence));
  const tasks = facts.rcuTasks.filter((r) => r.host === host).flatMap((r) => r.fact.pids.map((pid) => task(host, pid, null, r.evidence)));
  return [...new Set([...cpus, ...tasks])];
}

/**
 * CSD-lock waits: CPU N waits for the target CPU to run a function. A re-sent IPI line names no function: it adds its
 * line to the wait the report line named, or is a wait of its own.
 */
function csdEdges(g: Graph, csd: WaitFacts['csd']): void {
  const named = [...csd].sort((a, b) => Number(a.fact.func === null) - Number(b.fact.func === null));
  for (const c of named) {
    const from = g.node('cpu', c.host, c.fact.cpu, c.evidence);
    const to = c.fact.target === null ? null : g.node('cpu', c.host, c.fact.target, c.evidence).id;
    const known = c.fact.func === null ? [...g.edges.values()].find((e) => e.from === from.id && e.to === to && e.kind === 'ipi') : undefined;
    g.edge(from.id, to, 'ipi', known?.resource ?? c.fact.func, 'csd-line', [c.evidence]);
  }
}

/** A lockup whose stack waits in a cross-CPU call and that no line links to its target: it waits for a CPU the log does not name. */
function ipiStackEdges(g: Graph, drafts: readonly IncidentDraft[]): void {
  for (const d of drafts) {
    if (d.cpu === null || (d.kind !== 'soft-lockup' && d.kind !== 'hard-lockup')) continue;
    const id = g.id('cpu', d.host, d.cpu);
    if (g.outgoing(id)) continue;
    const waitsIn = reportStack(d.reports.find((r) => r.stack.length > 0) ?? d.reports[0]!).find((f) => isIpiWaitFrame(f.function));
    if (!waitsIn) continue;
    g.edge(id, null, 'ipi', null, 'stack', [{ path: d.reports[0]!.header.path, line: d.reports[0]!.header.lineNo }]);
  }
}

/** The links victims.ts made between lockups, as edges: the victim CPU waits for the culprit CPU. */
function linkedEdges(g: Graph, drafts: readonly IncidentDraft[]): void {
  const byId = new Map(drafts.map((d) => [d.id, d]));
  for (const victim of drafts) {
    const cause = victim.causedBy ? byId.get(victim.causedBy) : undefined;
    if (!cause || victim.cpu === null || cause.cpu === null || !LOCKUP_KINDS.has(victim.kind) || !LOCKUP_KINDS.has(cause.kind)) continue;
    const waits = victim.notes.find((n) => n.code === 'note.victim.waits');
    const where = typeof waits?.params['where'] === 'string' ? waits.params['where'] : '';
    const kind: WaitKind = victim.kind === 'rcu-stall' ? 'rcu-gp' : /stop|multi_cpu/.test(where) ? 'stop-machine' : 'ipi';
    const at = (d: IncidentDraft) => ({ path: d.reports[0]!.header.path, line: d.reports[0]!.header.lineNo });
    const from = g.node('cpu', victim.host, victim.cpu, at(victim));
    const to = g.node('cpu', cause.host, cause.cpu, at(cause));
    g.edge(from.id, to.id, kind, where || null, kind === 'rcu-gp' ? 'rcu-stall' : 'lockup-stacks', [at(victim), at(cause)]);
  }
}

/** Roots, deadlocks (cycles), and the root each node's waits lead to (iterative, linear in nodes and edges). */
function analyse(nodes: readonly WaitNode[], edges: readonly WaitEdge[]): { roots: string[]; deadlocks: string[][]; rootOf: Map<string, string | null> } {
  const out = new Map<string, string[]>();
  const hasOut = new Set<string>();
  const hasIn = new Set<string>();
  // A task waiting for I/O on a device is the end of the chain of tasks: what it waits on is the device, named on its edge.
  const waitsOnDevice = new Set<string>();
  for (const e of edges) {
    hasOut.add(e.from);
    if (e.to === null && e.kind === 'io') waitsOnDevice.add(e.from);
    if (e.to === null) continue;
    hasIn.add(e.to);
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  // Follow the first wait of each node; a walk that comes back to itself is a cycle.
  const rootOf = new Map<string, string | null>();
  const deadlocks: string[][] = [];
  const inCycle = new Set<string>();
  for (const start of nodes.map((n) => n.id)) {
    if (rootOf.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | undefined = start;
    let root: string | null = null;
    while (at !== undefined) {
      if (rootOf.has(at)) {
        root = rootOf.get(at)!;
        break;
      }
      const seenAt = onPath.get(at);
      if (seenAt !== undefined) {
        const cycle = path.slice(seenAt);
        deadlocks.push(cycle);
        for (const id of cycle) inCycle.add(id);
        root = cycle[0]!;
        break;
      }
      onPath.set(at, path.length);
      path.push(at);
      const next: string | undefined = out.get(at)?.[0];
      // Waits for something the log does not show (a lock's holder): no root.
      if (next === undefined) root = hasOut.has(at) && !waitsOnDevice.has(at) ? null : at;
      at = next;
    }
    for (const id of path) rootOf.set(id, root);
  }
  const roots = nodes.filter((n) => (hasIn.has(n.id) && (!hasOut.has(n.id) || (waitsOnDevice.has(n.id) && !out.has(n.id)))) || inCycle.has(n.id)).map((n) => n.id);
  return { roots, deadlocks, rootOf };
}

/** Each root with the nodes whose waits lead to it, largest first: the chains the verdict and the report name. */
function chainsOf(edges: readonly WaitEdge[], rootOf: ReadonlyMap<string, string | null>, g: Graph): WaitGraph['chains'] {
  const byRoot = new Map<string, string[]>();
  for (const [id, root] of rootOf) {
    if (root === null || root === id) continue;
    const list = byRoot.get(root);
    if (list) list.push(id);
    else byRoot.set(root, [id]);
  }
  return [...byRoot]
    .map(([root, waiters]) => {
      const last = edges.find((e) => e.to === root);
      const shown = waiters.filter((w) => g.nodes.get(w)?.kind === 'task' || g.nodes.get(w)?.incidents.length).sort();
      return { root, waiters: shown, kind: last?.kind ?? 'lock', resource: last?.resource ?? null, within: divergence(g.nodes.get(root)?.stack ?? [], shown.map((w) => g.nodes.get(w)?.stack ?? [])) };
    })
    .filter((c) => c.waiters.length > 0)
    .sort((a, b) => b.waiters.length - a.waiters.length || a.root.localeCompare(b.root));
}

/**
 * The first function of the root's stack, from its outermost frame in, that none of its waiters' stacks holds: where it
 * left the path they all took (they wait in mount_bdev; it runs udf_fill_super, called from mount_bdev). Null when the
 * stacks share nothing (unrelated paths) or a stack is missing.
 */
export function divergence(root: readonly string[], waiters: readonly (readonly string[])[]): string | null {
  const theirs = new Set(waiters.flat());
  if (root.length === 0 || theirs.size === 0) return null;
  let shared = false;
  for (let i = root.length - 1; i >= 0; i--) {
    if (theirs.has(root[i]!)) shared = true;
    else if (shared) return root[i]!;
  }
  return null;
}

/** Roles from the graph for incidents victims.ts left unlinked; an idle vCPU on a guest is said to be steal time. */
function assignRoles(graph: WaitGraph, drafts: IncidentDraft[], rootOf: ReadonlyMap<string, string | null>, facts: WaitFacts): void {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const byId = new Map(drafts.map((d) => [d.id, d]));
  const nodeOf = new Map<string, WaitNode>();
  for (const n of graph.nodes) for (const id of n.incidents) nodeOf.set(id, n);
  for (const d of drafts) {
    const node = nodeOf.get(d.id);
    if (!node) continue;
    const hypervisor = facts.hypervisors.get(d.host ?? '');
    if (hypervisor && (d.kind === 'soft-lockup' || d.kind === 'rcu-stall') && idleSamples(d, node)) {
      d.notes.push({ code: 'note.wait.steal', params: { cpu: d.cpu, hypervisor } });
      if (!d.causedBy) d.role = 'victim';
      continue;
    }
    if (d.causedBy) continue;
    const out = graph.edges.find((e) => e.from === node.id);
    if (!out) continue;
    const rootId = rootOf.get(node.id) ?? null;
    const root = rootId ? nodes.get(rootId) : undefined;
    if (!root || root === node) {
      // A task at the end of a chain of I/O waits waits for the device, not for a task the log leaves out.
      if (out.to === null && out.kind === 'io') d.notes.push({ code: 'note.wait.device', params: { resource: out.resource } });
      else if (out.to === null) d.notes.push({ code: 'note.wait.unseen', params: { kind: out.kind, resource: out.resource, hints: [...hintsFor(out.kind)] } });
      if (graph.deadlocks.some((c) => c.includes(node.id))) d.notes.push({ code: 'note.wait.deadlock', params: { nodes: graph.deadlocks.find((c) => c.includes(node.id))! } });
      continue;
    }
    const cause = root.incidents.map((id) => byId.get(id)).find((c) => c && c !== d);
    d.role = 'victim';
    d.notes.push({ code: 'note.wait.chain', params: { kind: out.kind, resource: out.resource, holder: root.comm, holderPid: root.pid, holderCpu: root.cpu, running: graph.chains.find((c) => c.root === root.id)?.within ?? root.running, causeId: cause?.id ?? null } });
    if (cause) {
      d.causedBy = cause.id;
      cause.victims.push(d.id);
      if (cause.role !== 'victim') cause.role = 'culprit';
    }
  }
}

function hintsFor(kind: WaitKind): readonly string[] {
  if (kind === 'lock') return HOLDER_HINTS.lock;
  if (kind === 'ipi') return HOLDER_HINTS.ipi;
  return kind === 'stop-machine' || kind === 'rcu-gp' ? HOLDER_HINTS.cpu : HOLDER_HINTS.task;
}

/** Whether every stack sample of a lockup (its reports', or its CPU's NMI backtrace) sits in the idle loop. */
function idleSamples(d: IncidentDraft, node: WaitNode): boolean {
  const stacks = d.samples.map((s) => (s.stack.length ? s.stack : s.rip ? [s.rip] : [])).filter((s) => s.length > 0);
  if (stacks.length === 0) return node.idle;
  return stacks.every((frames) => frames.some((f) => isIdleFrame(f.function)));
}
