// Labels of an incident's `details` (the JSON keys stay in the JSON document; a report shows these words).
// Keyed by the detail key the detectors write; test/i18n/details.test.ts checks that each key has its row.
import type { Lang } from './index.js';

/** [English, Chinese] label of each detail key. */
export const DETAIL_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  access: ['Access', '访问'],
  access1: ['First access', '第一次访问'],
  access2: ['Second access', '第二次访问'],
  address: ['Address', '地址'],
  ageSeconds: ['Age (s)', '存在时长（秒）'],
  allocatedByPid: ['Allocated by PID', '分配者 PID'],
  allocatedIn: ['Allocated in', '分配位置'],
  anonRssKb: ['Anonymous RSS (kB)', '匿名内存 RSS（kB）'],
  assertion: ['Assertion', '断言'],
  bank: ['Bank', 'Bank'],
  blamed: ['Blamed on', '归咎于'],
  blocker: ['Blocked by', '阻塞者'],
  bugType: ['Bug type', '错误类型'],
  cache: ['Slab cache', 'slab 缓存'],
  caller: ['Caller', '调用方'],
  check: ['Check', '检查项'],
  constraint: ['Constraint', '约束'],
  corruptedIn: ['Corrupted in', '损坏位置'],
  counter: ['Counter', '计数器'],
  createdIn: ['Uninit value created in', '未初始化值的创建位置'],
  detection: ['Detection', '检测方式'],
  error: ['Error', '错误'],
  errorCode: ['Error code', '错误码'],
  errorCount: ['Error count', '错误次数'],
  errorType: ['Error type', '错误类型'],
  exception: ['Exception', '异常'],
  expectedType: ['Expected type hash', '期望的类型哈希'],
  fault: ['Fault', '故障'],
  faultAddress: ['Fault address', '故障地址'],
  fileRssKb: ['File RSS (kB)', '文件内存 RSS（kB）'],
  flavor: ['RCU flavor', 'RCU 类型'],
  follows: ['Follows', '紧随'],
  freedByPid: ['Freed by PID', '释放者 PID'],
  freedIn: ['Freed in', '释放位置'],
  gfpMask: ['GFP mask', 'GFP 掩码'],
  heldLock: ['Held lock', '持有的锁'],
  inAtomic: ['In atomic', 'in_atomic'],
  inFlight: ['In flight', '进行中'],
  invoker: ['Invoked by', '触发者'],
  ip: ['Instruction pointer', '指令指针'],
  irqsDisabled: ['IRQs disabled', '中断已关闭'],
  jiffies: ['Jiffies', 'jiffies'],
  kasanHint: ['KASAN hint', 'KASAN 提示'],
  located: ['Where in the object', '在对象中的位置'],
  location: ['Location', '位置'],
  lock: ['Lock', '锁'],
  lockType: ['Lock type', '锁类型'],
  magic: ['Magic', 'magic'],
  memcg: ['Memory cgroup', '内存 cgroup'],
  memcgLimitKb: ['Memory cgroup limit (kB)', '内存 cgroup 限制（kB）'],
  memcgOom: ['Memory cgroup OOM', '内存 cgroup OOM'],
  memcgUsageKb: ['Memory cgroup usage (kB)', '内存 cgroup 用量（kB）'],
  memoryController: ['Memory controller', '内存控制器'],
  message: ['Message', '消息'],
  mm: ['mm', 'mm'],
  mode: ['Mode', '模式'],
  object: ['Object', '对象'],
  objectBase: ['Object base', '对象起始地址'],
  objectSize: ['Object size (bytes)', '对象大小（字节）'],
  offsetInObject: ['Offset in object', '对象内偏移'],
  oomScoreAdj: ['oom_score_adj', 'oom_score_adj'],
  order: ['Order', '阶（order）'],
  overflowIn: ['Overflow in', '溢出位置'],
  owner: ['Owner', '持有者'],
  ownerCpu: ['Owner CPU', '持有者 CPU'],
  panic: ['Panic', 'panic'],
  panicOnWarn: ['panic_on_warn', 'panic_on_warn'],
  pfn: ['PFN', 'PFN'],
  pool: ['Pool', '工作池'],
  preemptCount: ['Preempt count', 'preempt_count'],
  preemptionDisabledAt: ['Preemption disabled at', '关闭抢占的位置'],
  problem: ['Problem', '问题'],
  pte: ['PTE', 'PTE'],
  raisedBy: ['Raised by', '触发方'],
  racingFunctions: ['Racing functions', '竞争的函数'],
  range: ['Range', '范围'],
  reason: ['Reason', '原因'],
  requester: ['Requester', '请求方'],
  severity: ['Severity', '严重程度'],
  shmemRssKb: ['Shared memory RSS (kB)', '共享内存 RSS（kB）'],
  size: ['Size (bytes)', '大小（字节）'],
  source: ['Source', '源码'],
  sp: ['Stack pointer', '栈指针'],
  stalledCpus: ['Stalled CPUs', '停顿的 CPU'],
  stalledTasks: ['Stalled tasks', '停顿的任务'],
  state: ['State', '状态'],
  status: ['Status', '状态'],
  storedIn: ['Uninit value stored in', '未初始化值的存储位置'],
  syscall: ['System call', '系统调用'],
  taintedBy: ['Tainted by', '污染来源模块'],
  target: ['Call target', '调用目标'],
  task: ['Task', '任务'],
  taskName: ['Task name', '任务名'],
  totalVmKb: ['Total VM (kB)', '虚拟内存总量（kB）'],
  trace: ['Call trace', '调用栈'],
  usercopy: ['Usercopy', 'usercopy'],
  value: ['Value', '值'],
  victimComm: ['Killed task', '被杀的任务'],
  victimMemcg: ['Killed task memory cgroup', '被杀任务的内存 cgroup'],
  victimPid: ['Killed PID', '被杀的 PID'],
  vmallocBytes: ['vmalloc bytes', 'vmalloc 字节数'],
  where: ['Where', '位置'],
};

/** A detail key in words ("bugType" -> "Bug type"); a key without a row is spelt out from its camelCase. */
export function detailLabel(lang: Lang, key: string): string {
  const row = DETAIL_LABELS[key];
  if (row) return row[lang === 'zh' ? 1 : 0];
  const words = key.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}

/**
 * Chinese for the enumerated words details carry as data (JSON values scripts compare: `corrected`, `freed-by`), and
 * for the kernel's own fixed phrases some keys quote (`BUG: spinlock wrong owner`), by detail key then value.
 */
const DETAIL_VALUES_ZH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // KASAN's access, and the x86 page fault's `#PF:` line.
  access: {
    read: '读', write: '写',
    'supervisor read access in kernel mode': '内核态读访问', 'supervisor write access in kernel mode': '内核态写访问',
    'supervisor instruction fetch in kernel mode': '内核态取指令', 'user read access in user mode': '用户态读访问', 'user write access in user mode': '用户态写访问',
  },
  blamed: { 'freed-by': '释放者', 'allocated-by': '分配者', 'last-user': '最后的使用者' },
  detection: { 'self-detected': '本 CPU 自己检测到', expedited: '加速宽限期检测到', detected: '其他 CPU 检测到' },
  errorType: { corrected: '已纠正', uncorrected: '未纠正' },
  severity: { corrected: '已纠正', uncorrected: '未纠正', recoverable: '可恢复', fatal: '致命', info: '信息' },
  exception: {
    'divide error': '除法错误', 'invalid opcode': '非法操作码', 'stack segment': '栈段错误', 'double fault': '双重故障', bounds: '越界检查',
    'invalid tss': '无效的 TSS', 'segment not present': '段不存在', 'alignment check': '对齐检查', 'coprocessor segment overrun': '协处理器段越界',
    overflow: '溢出', 'undefined instruction': '未定义指令',
  },
  fault: { segfault: '段错误', 'general protection fault': '通用保护错误', 'page domain fault': '页域错误', 'section domain fault': '段域错误', 'alignment exception': '对齐异常' },
  raisedBy: {
    ODEBUG: 'ODEBUG（对象调试）', 'bad usercopy': '非法的 usercopy', kobject: 'kobject', 'proc registration': 'proc 注册',
    refcount: '引用计数', locking: '加锁检查', allocation: '内存分配', 'USB transfer': 'USB 传输',
  },
  problem: {
    'bad magic': 'magic 值错误', recursion: '递归加锁', 'already unlocked': '重复解锁', 'wrong owner': '持有者不符',
    'wrong CPU': '持有 CPU 不符', 'cpu recursion': '同一 CPU 上递归加锁',
    'page state': '页状态异常', 'page map': '页表项异常', 'page cache': '页缓存异常', 'rss-counter state': 'rss 计数器异常',
  },
};

/** A detail value as a reader sees it: yes/no for flags, the enumerated words in the reader's language. */
export function detailValue(lang: Lang, key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (lang === 'zh' && typeof value === 'string') return DETAIL_VALUES_ZH[key]?.[value] ?? value;
  return String(value);
}
