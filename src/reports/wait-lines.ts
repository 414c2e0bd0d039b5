// One line of what the kernel prints about waiting, read into a fact: lockdep's held-locks dumps, the hung-task
// blocker lines, task-state lines (sysrq-w, show_state, hung tasks), RCU stall details, CSD-lock waits, NMI
// backtrace markers. Formats from kernel sources of several eras (see src/knowledge/waits.ts). Each reading is
// by position and bounded regexes: linear in the line's length.
import { isAsciiDigit } from '../text/trim.js';

export type WaitLine =
  | { readonly kind: 'locks-dump' }
  /** `2 locks held by syz-executor013/7547:` (count 0: `no locks held by X/1.`). */
  | { readonly kind: 'held-by'; readonly count: number; readonly comm: string; readonly pid: number }
  /** `#0: ffff888... (&bdev->bd_fsfreeze_mutex){+.+.}-{3:3}, at: mount_bdev+0x93/0x3c0` and the older forms. */
  | { readonly kind: 'lock'; readonly index: number; readonly address: string | null; readonly name: string; readonly at: string | null }
  /** `INFO: task X:1 is blocked on a mutex likely owned by task Y:2.` (and the semaphore and rw-semaphore forms). */
  | { readonly kind: 'blocker'; readonly comm: string; readonly pid: number; readonly lock: string; readonly ownerComm: string; readonly ownerPid: number }
  /** `task:X state:D stack:0 pid:1 ppid:0 flags:0x...`, or the older `comm D ffff... 0 1 0 0x...`. */
  | { readonly kind: 'task'; readonly comm: string; readonly state: string; readonly pid: number; readonly ppid: number | null }
  /** `rcu: 3-...!: (1 GPs behind) idle=...`: CPU 3 holds up the grace period. */
  | { readonly kind: 'rcu-cpu'; readonly cpu: number }
  /** `Tasks blocked on level-0 rcu_node (CPUs 0-7): P1234 P5678`, or a `P1234` line of its own. */
  | { readonly kind: 'rcu-tasks'; readonly pids: readonly number[] }
  /** `rcu_preempt kthread starved for 10502 jiffies!`: the grace-period thread did not get a CPU. */
  | { readonly kind: 'rcu-starved'; readonly thread: string; readonly jiffies: number }
  /**
   * `csd: Detected non-responsive CSD lock (#1) on CPU#5, waiting 5000000000 ns for CPU#12 func+0x0/0x280(...)`, and
   * `csd: Re-sending CSD lock (#1) IPI from CPU#05 to CPU#12`: CPU 5 waits for CPU 12 to run a function call. The
   * target is `csd->node.dst` (kernel/smp.c, csd_lock_wait_toolong); -1 (null here) when the kernel did not know it.
   */
  | { readonly kind: 'csd'; readonly cpu: number; readonly target: number | null; readonly ns: number | null; readonly func: string | null }
  /** `NMI backtrace for cpu 3` (`skipped: idling at native_safe_halt+0x..`: the CPU was idle). */
  | { readonly kind: 'nmi'; readonly cpu: number; readonly idleAt: string | null }
  /** `Sending NMI from CPU 1 to CPUs 0,2-3:` (sysrq-l, hung tasks, soft lockups with all-CPU backtraces). */
  | { readonly kind: 'nmi-send'; readonly from: number; readonly to: readonly number[] };

const BLOCKER_RE = /^INFO: task (.{1,64}?):(\d{1,10}) (?:is )?(?:<?(?:reader|writer)>? )?blocked on an? (mutex|semaphore|rw-semaphore|rwsem)\b.{0,40}? by task (.{1,64}?):(\d{1,10})\.?$/;
const TASK_RE = /^task:(.{1,64}?) +state:([A-Za-z]) .{0,80}?\bpid: *(\d{1,10}) .{0,40}?\bppid: *(\d{1,10})/;
// 2.6-5.x sched_show_task: comm, state letter, [task address], stack free (glued to the letter in 4.x-5.x), pid, ppid, flags.
// (a running task has `running task` (64-bit) or `running` (32-bit) where a sleeping one has its saved PC)
const OLD_TASK_RE = /^(\S.{0,62}?) +([RSDTtXZPIKW])(?: +[0-9a-f]{8,16}| +running(?: task)?)? *(\d{1,10}) +(\d{1,10}) +(\d{1,10}) +0x[0-9a-f]{1,16}$/;
const RCU_CPU_RE = /^(?:rcu:\s{1,8})?(\d{1,5})-[.O][.o][.N][.D]?[^:]{0,4}: \((?:\d{1,10} GPs behind|\d{1,10} ticks this GP|detected by)/;
const RCU_TASKS_RE = /^Tasks blocked on level-\d{1,2} rcu_node \(CPUs \d{1,5}-\d{1,5}\):(.{0,4000})$/;
const RCU_STARVED_RE = /^(?:rcu: )?(rcu_\w{1,20}|rcu_sched|rcu_bh) kthread starved for (\d{1,12}) jiffies/;
// 5.10+: `waiting N ns`; 6.x: `waiting S.mmm secs for CPU#12 func(info), currently unresponsive.`; `Continued` on the later reports.
const CSD_RE = /^(?:smp: )?csd: (?:Detected|Continued) non-responsive CSD lock \(#\d{1,10}\) on CPU#(\d{1,5}), waiting (\d{1,20})(?: ns|\.(\d{3}) secs) for CPU#(-1|\d{1,5})(?: ([^\s(]{1,128}))?/;
const CSD_RESEND_RE = /^(?:smp: )?csd: Re-sending CSD lock \(#\d{1,10}\) IPI from CPU#(\d{1,5}) to CPU#(\d{1,5})/;
const NMI_RE = /^NMI backtrace for cpu (\d{1,5})(?: skipped: idling at (\S{1,128}))?/;
const NMI_SEND_RE = /^Sending NMI from CPU (\d{1,5}) to CPUs ([\d,-]{1,400}):/;
const HELD_BY_RE = /^(\d{1,6}) locks? held by (.{1,64}?)\/(\d{1,10}):$/;
const NO_LOCKS_RE = /^no locks held by (.{1,64}?)\/(\d{1,10})\.$/;

/** `0-3,7` as [0,1,2,3,7]; ranges are bounded so that a damaged list cannot make millions of entries. */
export function cpuList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map((n) => Number.parseInt(n, 10));
    if (a === undefined || Number.isNaN(a)) continue;
    const end = b === undefined || Number.isNaN(b) ? a : Math.min(b, a + 4096);
    for (let c = a; c <= end; c++) out.push(c);
  }
  return out;
}

/** `#0: ffff888012345678 (&lock){+.+.}-{3:3}, at: func+0x1/0x2` (5.x+), `#0:  (&lock){+.+.}, at: [<ffffffff8100>] func+0x1/0x2` (2.6-4.x). */
function lockLine(text: string): WaitLine | null {
  if (text.charCodeAt(0) !== 0x23 /* # */) return null;
  let i = 1;
  while (i < text.length && isAsciiDigit(text.charCodeAt(i))) i++;
  if (i === 1 || text[i] !== ':') return null;
  const index = Number.parseInt(text.slice(1, i), 10);
  const open = text.indexOf('(', i);
  // Class names hold parentheses of their own (`((wq_completion)events)`): the name ends at the `)` before the `{usage}`.
  const usage = text.indexOf('){', open);
  if (open < 0 || usage < 0) return null;
  const between = text.slice(i + 1, open).trim();
  const address = /^[0-9a-f]{8,16}$/.test(between) ? between : null;
  const atAt = text.indexOf(', at: ', usage);
  let at: string | null = null;
  if (atAt >= 0) {
    let rest = text.slice(atAt + 6).trim();
    if (rest.startsWith('[<')) rest = rest.slice(rest.indexOf('>]') + 2).trim();
    at = rest.split(/[+ ]/, 1)[0] || null;
  }
  return { kind: 'lock', index, address, name: text.slice(open + 1, usage), at };
}

/** Whether the last word is ` 0x` and 1 to 16 hex digits, as the flags that end an old task-state line. */
function endsWithFlags(text: string): boolean {
  const space = text.lastIndexOf(' ');
  if (space < 0 || !text.startsWith('0x', space + 1)) return false;
  const digits = text.length - space - 3;
  return digits >= 1 && digits <= 16 && /^[0-9a-f]+$/.test(text.slice(space + 3));
}

/** The fact a message (trimmed at both ends) states about waiting, or null. */
export function readWaitLine(text: string): WaitLine | null {
  const c = text.charCodeAt(0);
  if (c === 0x23 /* # */) return lockLine(text);
  if (isAsciiDigit(c)) {
    const held = HELD_BY_RE.exec(text);
    if (held) return { kind: 'held-by', count: Number(held[1]), comm: held[2]!, pid: Number(held[3]) };
    const rcu = RCU_CPU_RE.exec(text);
    if (rcu) return { kind: 'rcu-cpu', cpu: Number(rcu[1]) };
  }
  if (text.startsWith('Showing all locks held in the system')) return { kind: 'locks-dump' };
  if (text.startsWith('INFO: task ')) {
    const m = BLOCKER_RE.exec(text);
    return m ? { kind: 'blocker', comm: m[1]!, pid: Number(m[2]), lock: m[3] === 'rwsem' ? 'rw-semaphore' : m[3]!, ownerComm: m[4]!, ownerPid: Number(m[5]) } : null;
  }
  if (text.startsWith('task:')) {
    const m = TASK_RE.exec(text);
    return m ? { kind: 'task', comm: m[1]!, state: m[2]!, pid: Number(m[3]), ppid: Number(m[4]) } : null;
  }
  if (text.startsWith('NMI backtrace for cpu ')) {
    const m = NMI_RE.exec(text);
    return m ? { kind: 'nmi', cpu: Number(m[1]), idleAt: m[2]?.split('+', 1)[0] ?? null } : null;
  }
  if (text.startsWith('Sending NMI from CPU ')) {
    const m = NMI_SEND_RE.exec(text);
    return m ? { kind: 'nmi-send', from: Number(m[1]), to: cpuList(m[2]!) } : null;
  }
  // (every test below is on the line's start or end: most lines are none of these, and are passed at that cost)
  if (text.startsWith('csd: ') || text.startsWith('smp: csd: ')) {
    const m = CSD_RE.exec(text);
    if (m) {
      const ns = m[3] === undefined ? Number(m[2]) : Number(m[2]) * 1e9 + Number(m[3]) * 1e6;
      return { kind: 'csd', cpu: Number(m[1]), ns, target: m[4] === '-1' ? null : Number(m[4]), func: m[5]?.split('+', 1)[0] ?? null };
    }
    const resend = CSD_RESEND_RE.exec(text);
    return resend ? { kind: 'csd', cpu: Number(resend[1]), target: Number(resend[2]), ns: null, func: null } : null;
  }
  if (text.startsWith('Tasks blocked on level-')) {
    const m = RCU_TASKS_RE.exec(text);
    return m ? { kind: 'rcu-tasks', pids: pidList(m[1]!) } : null;
  }
  if ((text.startsWith('rcu_') || text.startsWith('rcu: rcu_')) && text.includes(' kthread starved for ')) {
    const m = RCU_STARVED_RE.exec(text);
    return m ? { kind: 'rcu-starved', thread: m[1]!, jiffies: Number(m[2]) } : null;
  }
  if (text.startsWith('rcu: ')) {
    const rcu = RCU_CPU_RE.exec(text);
    if (rcu) return { kind: 'rcu-cpu', cpu: Number(rcu[1]) };
  }
  if (text.startsWith('no locks held by ')) {
    const m = NO_LOCKS_RE.exec(text);
    return m ? { kind: 'held-by', count: 0, comm: m[1]!, pid: Number(m[2]) } : null;
  }
  const old = endsWithFlags(text) ? OLD_TASK_RE.exec(text) : null;
  if (old) return { kind: 'task', comm: old[1]!, state: old[2]!, pid: Number(old[4]), ppid: Number(old[5]) };
  return null;
}

/** `P1234 P5678 E9` (task pids, the grace period's expedited or not) as [1234, 5678]. */
function pidList(text: string): number[] {
  const out: number[] = [];
  for (const word of text.trim().split(/\s+/)) if (word.startsWith('P') && /^P\d{1,10}$/.test(word)) out.push(Number(word.slice(1)));
  return out;
}
