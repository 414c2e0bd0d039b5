// Gathers what a log says about waiting, one line at a time: lockdep held-locks dumps (each task's locks), task-state
// lines with the stack printed under them, hung-task blocker lines, RCU stall details, CSD-lock waits, and NMI
// backtraces (each the stack sample of one CPU). Cut or interleaved dumps are kept with what they say, marked partial.
import type { LogLine } from '../lines/types.js';
import { isStackWordsLine, parseCpuLine, parseRipLine } from './body.js';
import { mayBeFrameLine, parseFrameLine } from './frames.js';
import type { Frame } from './types.js';
import { readWaitLine, type WaitLine } from './wait-lines.js';
import { hypervisorOf } from '../knowledge/waits.js';

export interface LineRef {
  readonly path: string;
  readonly line: number;
}

export interface HeldLock {
  readonly index: number;
  readonly address: string | null;
  readonly name: string;
  readonly at: string | null;
  readonly evidence: LineRef;
}

/** One task of a held-locks dump: `count` locks announced, `locks` the lines read (fewer: cut, or the task was running). */
export interface HeldLocks {
  readonly host: string | null;
  readonly comm: string | null;
  readonly pid: number | null;
  readonly count: number;
  readonly locks: HeldLock[];
  readonly evidence: LineRef;
}

export interface TaskDump {
  readonly host: string | null;
  readonly comm: string;
  readonly pid: number;
  readonly state: string;
  readonly stack: Frame[];
  readonly evidence: LineRef;
}

/** One CPU's stack printed by an NMI backtrace (or sysrq-l): the task it ran, where it was. */
export interface CpuSample {
  readonly host: string | null;
  readonly cpu: number;
  readonly pid: number | null;
  readonly comm: string | null;
  readonly rip: Frame | null;
  readonly stack: Frame[];
  /** `NMI backtrace for cpu N skipped: idling at native_safe_halt`: the function it idled in. */
  readonly idleAt: string | null;
  /** The CPU that asked for the backtrace (`Sending NMI from CPU 1 to CPUs 0:`), when printed. */
  readonly from: number | null;
  /** Only the marker line was read (the stack was cut or never printed). */
  partial: boolean;
  readonly evidence: LineRef;
}

export interface Fact<T extends WaitLine['kind']> {
  readonly host: string | null;
  readonly fact: Extract<WaitLine, { kind: T }>;
  readonly evidence: LineRef;
}

export interface WaitFacts {
  readonly held: HeldLocks[];
  readonly tasks: TaskDump[];
  readonly cpus: CpuSample[];
  readonly blockers: Fact<'blocker'>[];
  readonly rcuCpus: Fact<'rcu-cpu'>[];
  readonly rcuTasks: Fact<'rcu-tasks'>[];
  readonly starved: Fact<'rcu-starved'>[];
  readonly csd: Fact<'csd'>[];
  /** Hypervisors the log names, by host (`''` for none): a guest's idle vCPU may not have been run. */
  readonly hypervisors: Map<string, string>;
}

/** A register dump printed under `NMI backtrace for cpu N` starts within this many lines of it (the CPU: line, at once). */
const NMI_DUMP_LINES = 4;
/** Markers waiting for their dump: the CPUs printing backtraces at the same moment. */
const PENDING_NMI = 16;
/** Facts kept of each kind: a dump of a huge node stays bounded in memory (more are counted, not kept). */
const MAX_FACTS = 200_000;

const ref = (l: LogLine): LineRef => ({ path: l.path, line: l.lineNo });

/** What is being read in one input: the dump entry lock lines go to, the task or CPU frame lines go to. */
interface InputState {
  entry: HeldLocks | null;
  stackOf: { stack: Frame[] } | null;
  /** The last NMI backtrace markers not yet given their register dump (another CPU's marker may come before it ends). */
  nmi: { line: LogLine; fact: Extract<WaitLine, { kind: 'nmi' }>; sample: CpuSample }[];
  sender: number | null;
}

export class WaitCollector {
  /** Lines looked at and facts read: counted so that a test can show the work grows linearly with the log. */
  steps = 0;
  /** Facts past MAX_FACTS, not kept. */
  dropped = 0;
  private readonly facts: WaitFacts = { held: [], tasks: [], cpus: [], blockers: [], rcuCpus: [], rcuTasks: [], starved: [], csd: [], hypervisors: new Map() };
  private readonly inputs = new Map<string, InputState>();

  private state(path: string): InputState {
    let s = this.inputs.get(path);
    if (!s) this.inputs.set(path, (s = { entry: null, stackOf: null, nmi: [], sender: null }));
    return s;
  }

  private keep<T>(list: T[], item: T): void {
    if (list.length < MAX_FACTS) list.push(item);
    else this.dropped++;
  }

  /**
   * Takes `count` kernel lines of an input, in input order, whose messages are no line of a wait (isInertWaitText): what
   * line() does with each (the dumps open end), at once.
   */
  passInert(path: string, count: number): void {
    if (count === 0) return;
    this.steps += count;
    const s = this.state(path);
    s.stackOf = null;
    s.entry = null;
  }

  /** Reads one kernel line (outside a report, or a report's own line) in input order. */
  line(line: LogLine, host: string | null): void {
    this.steps++;
    const s = this.state(line.path);
    const text = line.text.trim();
    if (s.stackOf && this.stackLine(s.stackOf, text)) return;
    s.stackOf = null;
    const hypervisor = hypervisorIn(text);
    if (hypervisor && !this.facts.hypervisors.has(host ?? '')) this.facts.hypervisors.set(host ?? '', hypervisor);
    const fact = readWaitLine(text);
    if (!fact) {
      // A lock dump ends at the first line that is none of its own (a task line and its stack go on below it).
      if (text.length > 0) s.entry = null;
      return;
    }
    this.steps++;
    this.take(s, fact, line, host);
  }

  private take(s: InputState, fact: WaitLine, line: LogLine, host: string | null): void {
    const evidence = ref(line);
    switch (fact.kind) {
      case 'locks-dump':
        s.entry = null;
        return;
      case 'held-by': {
        const entry: HeldLocks = { host, comm: fact.comm, pid: fact.pid, count: fact.count, locks: [], evidence };
        this.keep(this.facts.held, entry);
        s.entry = entry;
        return;
      }
      case 'lock': {
        const lock = { index: fact.index, address: fact.address, name: fact.name, at: fact.at, evidence };
        // A lock line whose task line was lost (cut, interleaved) is kept under an unknown task.
        if (!s.entry || fact.index !== s.entry.locks.length) {
          s.entry = { host, comm: null, pid: null, count: fact.index + 1, locks: [], evidence };
          this.keep(this.facts.held, s.entry);
        }
        s.entry.locks.push(lock);
        return;
      }
      case 'task': {
        const task: TaskDump = { host, comm: fact.comm, pid: fact.pid, state: fact.state, stack: [], evidence };
        this.keep(this.facts.tasks, task);
        s.stackOf = task;
        s.entry = null;
        return;
      }
      case 'nmi': {
        const sample: CpuSample = { host, cpu: fact.cpu, pid: null, comm: null, rip: null, stack: [], idleAt: fact.idleAt, from: s.sender, partial: fact.idleAt === null, evidence };
        this.keep(this.facts.cpus, sample);
        s.nmi.push({ line, fact, sample });
        if (s.nmi.length > PENDING_NMI) s.nmi.shift();
        return;
      }
      case 'nmi-send':
        s.sender = fact.from;
        return;
      case 'blocker':
        return this.keep(this.facts.blockers, { host, fact, evidence });
      case 'rcu-cpu':
        return this.keep(this.facts.rcuCpus, { host, fact, evidence });
      case 'rcu-tasks':
        return this.keep(this.facts.rcuTasks, { host, fact, evidence });
      case 'rcu-starved':
        return this.keep(this.facts.starved, { host, fact, evidence });
      case 'csd':
        return this.keep(this.facts.csd, { host, fact, evidence });
    }
  }

  /** A frame or trace line under a task line: added to its stack. False when the line is none (the stack ended). */
  private stackLine(into: { stack: Frame[] }, text: string): boolean {
    if (isStackMarker(text)) return true;
    const frame = parseFrameLine(` ${text}`, null);
    if (!frame) return false;
    if (frame.frame && into.stack.length < 64) into.stack.push(frame.frame);
    return true;
  }

  /** A line of a report: only its blocker, CSD and RCU lines are read (the report's own fields say the rest). */
  reportLine(line: LogLine, host: string | null): void {
    this.steps++;
    const fact = readWaitLine(line.text.trim());
    if (fact && (fact.kind === 'blocker' || fact.kind === 'csd' || fact.kind === 'rcu-cpu' || fact.kind === 'rcu-tasks' || fact.kind === 'rcu-starved')) this.take(this.state(`\u0000${line.path}`), fact, line, host);
  }

  /**
   * A register dump without a report header: when it is printed right under `NMI backtrace for cpu N`, it is that
   * CPU's stack sample and is taken (true); otherwise false and the caller keeps it as before.
   */
  fragment(lines: readonly LogLine[], host: string | null): boolean {
    this.steps += lines.length;
    const first = lines[0];
    if (!first) return false;
    const s = this.state(first.path);
    // Without caller tags the next CPU's `NMI backtrace for cpu N` may be held inside this dump: read after it.
    // (a marker cut or damaged past its CPU number reads as no fact and is skipped)
    const markers = lines
      .slice(1)
      .filter((l) => l.text.startsWith('NMI backtrace for cpu ') || l.text.startsWith('Sending NMI from CPU '))
      .map((l) => ({ line: l, fact: readWaitLine(l.text.trim()) }));
    const taken = this.nmiSample(s, lines);
    for (const m of markers) if (m.fact) this.take(s, m.fact, m.line, host);
    return taken;
  }

  private nmiSample(s: InputState, lines: readonly LogLine[]): boolean {
    const first = lines[0]!;
    const cpuLine = lines.map((l) => parseCpuLine(l.text.trimStart())).find((c) => c !== null);
    const at = s.nmi.findLastIndex((n) => first.lineNo > n.line.lineNo && first.lineNo - n.line.lineNo <= NMI_DUMP_LINES && (cpuLine?.cpu == null || cpuLine.cpu === n.fact.cpu));
    if (at < 0) return false;
    const nmi = s.nmi[at]!;
    s.nmi.splice(at, 1);
    const stack: Frame[] = [];
    let rip: Frame | null = null;
    for (const l of lines) {
      const text = l.text.trim();
      rip ??= parseRipLine(text);
      const frame = parseFrameLine(` ${text}`, null)?.frame;
      if (frame && stack.length < 64) stack.push(frame);
    }
    const i = this.facts.cpus.indexOf(nmi.sample);
    const sample: CpuSample = { ...nmi.sample, pid: cpuLine?.pid ?? null, comm: cpuLine?.comm ?? null, rip, stack, partial: stack.length === 0 && rip === null };
    if (i >= 0) this.facts.cpus[i] = sample;
    return true;
  }

  result(): WaitFacts {
    return this.facts;
  }
}

/** The kinds of line the collector wants from inside reports: blocker lines, task lines, CSD waits and RCU details. */
export function isWaitLineInReport(text: string): boolean {
  const t = text.trim();
  return t.startsWith('INFO: task ') || t.startsWith('task:') || t.includes('CSD lock') || t.startsWith('rcu: ') || t.startsWith('Tasks blocked on level-');
}

/** The hypervisor a message names (`Hypervisor detected: KVM`, `Hardware name: ...`, `Booting paravirtualized kernel on ...`), or null. */
function hypervisorIn(text: string): string | null {
  return text.length > 12 && (text.startsWith('Hyp') || text.startsWith('Har') || text.startsWith('Boo')) ? hypervisorOf(text) : null;
}

/** A line of a task's stack that is no frame: `Call Trace:`, the `<TASK>` marks, the stack words sched_show_task printed before 4.x. */
function isStackMarker(text: string): boolean {
  return text === 'Call Trace:' || text === '<TASK>' || text === '</TASK>' || isStackWordsLine(text);
}

/**
 * Whether a message is no line of a wait whatever comes before it: not empty, no fact (readWaitLine), no stack line, no
 * hypervisor. WaitCollector.line only ends the dumps open at such a line (see passInert); told once per distinct
 * message by the scan workers, so that the lines repeating it are not read again.
 */
export function isInertWaitText(message: string): boolean {
  const text = message.trim();
  return text.length > 0 && readWaitLine(text) === null && hypervisorIn(text) === null && !isStackMarker(text) && !(mayBeFrameLine(text) && parseFrameLine(` ${text}`, null));
}
