// What the detectors and the analysis say of one report, by code (src/reports/codes.ts): why it cannot be trusted
// whole, and detail values that are ktriage's own phrases. English and Chinese side by side, one row per code.
import type { Follows } from '../knowledge/panics.js';
import type { CorruptionCode, DetailCode, Fault, LockdepProblem } from '../reports/codes.js';
import { KIND_PHRASES, type IncidentKind } from '../result/kinds.js';
import type { Args, Entry } from './types.js';
import { KIND_ZH } from './zh.js';

const FOLLOWS_WORDS: Readonly<Record<Follows, readonly [string, string]>> = {
  oops: ['oops', 'oops 报告'],
  warning: ['warning', 'WARNING 报告'],
  hungTask: ['hung task report', '任务挂起报告'],
  softLockup: ['soft lockup report', '软锁死报告'],
  hardLockup: ['hard lockup report', '硬锁死报告'],
  rcuStall: ['RCU stall report', 'RCU 停顿报告'],
  mce: ['machine check report', '机器检查报告'],
  oom: ['OOM killer report', 'OOM 杀进程报告'],
};

const LOCKDEP_WORDS: Readonly<Record<LockdepProblem, readonly [string, string]>> = {
  circular: ['circular locking dependency', '循环锁依赖'],
  recursive: ['recursive locking', '递归加锁'],
  inconsistent: ['inconsistent lock state', '锁状态不一致'],
  irqInversion: ['irq lock inversion', '中断锁反转'],
  irqUnsafeOrder: ['irq-unsafe lock order', '中断安全锁与中断不安全锁的加锁顺序错误'],
  badUnlock: ['bad unlock balance', '加锁与解锁不配对'],
  heldLockFreed: ['held lock freed', '持有中的锁被释放'],
  heldToUser: ['lock held when returning to user space', '持锁返回用户态'],
  heldAtExit: ['locks held at exit', '退出时仍持有锁'],
  nestedNotTaken: ['nested lock not taken', '嵌套锁的外层锁未获取'],
  invalidWaitContext: ['invalid wait context', '无效的等待上下文'],
  nonStaticKey: ['non-static lock key', '锁的 key 不是静态分配的'],
  workqueueLeak: ['workqueue leaked lock or atomic', '工作项结束时泄漏了锁或原子上下文'],
  capacity: ['lockdep capacity exhausted', 'lockdep 容量耗尽'],
  invalidSubclass: ['invalid lock subclass', '无效的锁子类'],
  unregisteredKey: ['lock key not registered', '锁的 key 未注册'],
};

const FAULT_WORDS: Readonly<Record<Fault, readonly [string, string]>> = {
  nullPointer: ['NULL pointer dereference', '空指针解引用'],
  pointer: ['pointer dereference', '指针解引用'],
  alignment: ['alignment trap', '对齐陷阱'],
  internalError: ['internal error', '内部错误'],
  badArea: ['bad area', '访问了非法区域'],
  pagingRequest: ['paging request', '无法处理的分页请求'],
};

/** A word of a table by a parameter, in the language (0 English, 1 Chinese); the parameter itself when unknown. */
function word<K extends string>(table: Readonly<Record<K, readonly [string, string]>>, a: Args, key: string, lang: 0 | 1): string {
  return (table as Readonly<Record<string, readonly [string, string]>>)[a.str(key)]?.[lang] ?? a.str(key);
}

/** `CPU 3 PID 5` / `CPU 3（PID 5）`, leaving out what is not known. */
function cpuPid(a: Args, cpuKey: string, pidKey: string, lang: 0 | 1): string {
  const cpu = a.opt(cpuKey);
  const pid = a.opt(pidKey);
  if (lang === 0) return [cpu !== null ? `CPU ${cpu}` : null, pid !== null ? `PID ${pid}` : null].filter(Boolean).join(' ') || 'an unknown task';
  if (cpu !== null) return pid !== null ? `CPU ${cpu}（PID ${pid}）` : `CPU ${cpu}`;
  return pid !== null ? `PID ${pid}` : '未知任务';
}

/** A KCSAN access in Chinese: who, what (`read`, `write`, `read-write`, each maybe ` (marked)`), where. */
function kcsanAccessZh(a: Args): string {
  const op = a.str('op');
  const base = op.replace(' (marked)', '');
  const said = base === 'read' ? '读' : base === 'write' ? '写' : base === 'read-write' ? '读写' : base;
  const who = a.opt('pid') !== null ? `CPU ${a.str('cpu')} 上 PID 为 ${a.str('pid')} 的任务` : `CPU ${a.str('cpu')} 上的中断`;
  return `${who}${said} ${a.str('address')} 处的 ${a.num('size')} 字节${op.includes('(marked)') ? '（已标注的访问）' : ''}`;
}

const kindEn = (kind: string) => KIND_PHRASES[kind as IncidentKind] ?? kind;
const kindZh = (kind: string) => KIND_ZH[kind as IncidentKind] ?? kind;

const CORRUPTION_WORDS: Readonly<Record<CorruptionCode, readonly [Entry, Entry]>> = {
  'corruption.dropped': [() => 'printk messages were dropped inside the report', () => '报告中间有 printk 消息被丢弃'],
  'corruption.interleaved': [
    () => "interleaved with another CPU's report printed at the same moment: lines that could be either report's were left out",
    () => '与另一个 CPU 同一时刻打印的报告交错：无法判定归属的行已略去',
  ],
  'corruption.crowded': [
    () => 'closed before its end: more reports were printed at the same moment than can be reassembled side by side',
    () => '报告未读到结尾：同一时刻打印的报告太多，无法逐一并行重组',
  ],
  'corruption.negativePid': [(a) => `the task's PID ${a.str('pid')} is negative: the report's text is garbled`, (a) => `任务的 PID ${a.str('pid')} 为负数：报告文本已错乱`],
  'corruption.faultInjection': [() => "a fault-injection stack is mixed into the report's lines", () => '报告中混入了故障注入打印的调用栈'],
  'corruption.otherDump': [
    (a) => `register dump is of ${cpuPid(a, 'dumpCpu', 'dumpPid', 0)}, not of the reported ${cpuPid(a, 'cpu', 'pid', 0)}`,
    (a) => `寄存器转储属于 ${cpuPid(a, 'dumpCpu', 'dumpPid', 1)}，而不是报告头所说的 ${cpuPid(a, 'cpu', 'pid', 1)}`,
  ],
  'corruption.rcu.noBacktrace': [
    (a) => `no backtrace of the stalled CPU(s) ${a.list('cpus').join(' ')} in the report`,
    (a) => `报告中没有停顿的 CPU ${a.list('cpus').join('、')} 的调用栈`,
  ],
  'corruption.rcu.cutOff': [() => 'report cut off before the stalled CPUs and their backtraces', () => '报告在列出停顿的 CPU 及其调用栈之前被截断'],
  'corruption.lockdep.noLockLine': [() => 'the lock line lockdep blames is missing', () => '缺少 lockdep 所指认的那一行加锁记录'],
  'corruption.cut.beforeBacktrace': [() => 'report cut off before its stack backtrace', () => '报告在栈回溯之前被截断'],
  'corruption.cut.beforeCallTrace': [() => 'report cut off before its call trace', () => '报告在调用栈之前被截断'],
  'corruption.cut.beforeRegisters': [() => 'report cut off before its registers and call trace', () => '报告在寄存器和调用栈之前被截断'],
  'corruption.noKernelFunction': [() => 'no kernel function in its registers or call trace', () => '寄存器和调用栈中都没有内核函数'],
  'corruption.logEnds.beforeTrace': [() => 'the log ends before its call trace', () => '日志在调用栈之前结束'],
  'corruption.hung.noReliableFrame': [
    () => 'no reliable frame past the scheduler and lock waits in its call trace',
    () => '调用栈中除调度器和锁等待之外没有可靠的栈帧',
  ],
  'corruption.hung.dumpStack': [
    () => "its call trace holds dump_stack: a running task's dump printed at the same moment is mixed in",
    () => '调用栈中含有 dump_stack：混入了同一时刻另一个运行中任务打印的转储',
  ],
  'corruption.kasan.noFunction': [() => 'the KASAN header names no function', () => 'KASAN 报告头没有给出函数名'],
  'corruption.panic.followsMissing': [
    (a) => `the ${word(FOLLOWS_WORDS, a, 'follows', 0)} this panic follows is not in the log`,
    (a) => `日志中没有这次 panic 之前的${word(FOLLOWS_WORDS, a, 'follows', 1)}`,
  ],
  'corruption.headerMissing': [
    (a) => `report header missing: only the CPU and RIP lines were kept; kind inferred from the concurrent ${kindEn(a.str('kind'))} reports on this host`,
    (a) => `缺少报告头：只保留了 CPU 行和 RIP 行；类型是根据本主机同一时段的${kindZh(a.str('kind'))}报告推断的`,
  ],
};

const DETAIL_WORDS: Readonly<Record<DetailCode, readonly [Entry, Entry]>> = {
  'detail.state.blocked': [() => 'blocked (D state)', () => '阻塞（D 状态）'],
  'detail.state.ioWait': [() => 'blocked in I/O wait (D state)', () => '阻塞在 I/O 等待中（D 状态）'],
  'detail.state.cantDie': [() => "can't die", () => '无法退出'],
  'detail.trace.cut': [() => 'the log ends inside the call trace: outer frames may be missing', () => '日志在调用栈中间结束：可能缺少外层栈帧'],
  'detail.taskName.split': [() => 'holds a line break: the header is split over two lines (shown as \\n)', () => '含有换行符：报告头被拆成了两行（显示为 \\n）'],
  'detail.kcsan.access': [
    (a) => `${a.str('op')} of ${a.num('size')} bytes at ${a.str('address')} by ${a.opt('pid') !== null ? `task ${a.str('pid')}` : 'interrupt'} on CPU ${a.str('cpu')}`,
    kcsanAccessZh,
  ],
  'detail.problem.dentryBusy': [(a) => `dentry still in use at unmount of ${a.str('device')}`, (a) => `卸载 ${a.str('device')} 时 dentry 仍在使用`],
  'detail.problem.slubCache': [(a) => `SLUB cache ${a.str('cache')}: ${a.str('message')}`, (a) => `SLUB 缓存 ${a.str('cache')}：\`${a.str('message')}\``],
  'detail.problem.badUnwind': [() => 'kernel stack unwinder found a bad frame', () => '内核栈回溯器遇到了无效的栈帧'],
  'detail.problem.sleepInAtomic': [() => 'sleeping function called from invalid context', () => '不允许睡眠的上下文中调用了可能睡眠的函数'],
  'detail.problem.scheduleAtomic': [() => 'scheduling while atomic', () => '原子上下文中发生了调度'],
  'detail.problem.preemptible': [(a) => `${a.str('function')}() in preemptible code`, (a) => `可抢占的代码中调用了 ${a.str('function')}()`],
  'detail.problem.spinlockLockup': [() => 'lockup suspected', () => '疑似锁死'],
  'detail.problem.slabCorruption': [() => 'slab corruption', () => 'slab 对象损坏'],
  'detail.lockdep': [(a) => word(LOCKDEP_WORDS, a, 'problem', 0), (a) => word(LOCKDEP_WORDS, a, 'problem', 1)],
  'detail.fault': [(a) => word(FAULT_WORDS, a, 'fault', 0), (a) => word(FAULT_WORDS, a, 'fault', 1)],
  'detail.follows': [(a) => word(FOLLOWS_WORDS, a, 'follows', 0), (a) => word(FOLLOWS_WORDS, a, 'follows', 1)],
  'detail.located': [
    (a) => `${a.num('bytes')} bytes ${a.str('side') === 'inside' ? 'inside' : `to the ${a.str('side')}`} of${a.opt('region') !== null ? ` the ${a.str('region')}-byte region` : ''}`,
    (a) => `${a.opt('region') !== null ? `${a.str('region')} 字节区域` : '对象'}${a.str('side') === 'inside' ? '内偏移' : a.str('side') === 'right' ? '末尾之后' : '开头之前'} ${a.num('bytes')} 字节处`,
  ],
};

const ROWS: readonly (readonly [string, readonly [Entry, Entry]])[] = [...Object.entries(CORRUPTION_WORDS), ...Object.entries(DETAIL_WORDS)];

export const REPORT_WORDS_EN: Readonly<Record<string, Entry>> = Object.fromEntries(ROWS.map(([code, [en]]) => [code, en]));
export const REPORT_WORDS_ZH: Readonly<Record<string, Entry>> = Object.fromEntries(ROWS.map(([code, [, zh]]) => [code, zh]));
