// Chinese catalog. Function names, kernel identifiers, sysctl names, commands and log templates stay
// as they are: an engineer searches for them verbatim.
import { formatDuration, isoParts, roundedRange, type DurationUnits } from '../time/format.js';
import { lookupErrno } from '../knowledge/errno.js';
import { ERRNO_ZH, TAINT_ZH, TEAMS_ZH } from '../knowledge/zh.js';
import { shippedKnownIssues } from '../knowledge/known-issues/load.js';
import { KIND_PHRASES, type IncidentKind } from '../result/kinds.js';
import type { LineFormat } from '../lines/types.js';
import type { EN_MESSAGES } from './en.js';
import type { Args, Entry } from './types.js';
import type { EN_UI } from './ui-en.js';
import { FLEET_ZH } from './fleet.js';

export const KIND_ZH: Readonly<Record<IncidentKind, string>> = {
  'soft-lockup': '软锁死',
  'hard-lockup': '硬锁死',
  'hung-task': '任务挂起',
  'rcu-stall': 'RCU 停顿',
  'workqueue-stall': '工作队列锁死',
  warning: 'WARNING',
  bug: '内核 BUG',
  'bad-access': '非法内存访问',
  'general-protection-fault': '通用保护错误',
  'cpu-exception': 'CPU 异常',
  'stack-overflow': '栈溢出',
  'atomic-sleep': '在原子上下文中睡眠',
  'spinlock-bug': '自旋锁错误',
  lockdep: 'lockdep 报告',
  'suspicious-rcu': '可疑的 RCU 使用',
  kasan: 'KASAN',
  kmsan: 'KMSAN',
  kcsan: 'KCSAN 数据竞争',
  kfence: 'KFENCE',
  ubsan: 'UBSAN',
  'memory-leak': '内存泄漏',
  'bad-page-state': '坏页状态',
  'list-corruption': '链表损坏',
  panic: '内核 panic',
  oom: 'OOM 杀进程',
  'page-allocation-failure': '页分配失败',
  mce: '机器检查异常（MCE）',
  'userspace-segfault': '用户态段错误',
  oops: '内核 oops',
  'cfi-failure': 'CFI 控制流完整性检查失败',
  'slab-corruption': 'slab 对象损坏',
};

/** Line formats (lines/types.ts LINE_FORMATS) as a Chinese reader knows them; names of tools stay. */
const FORMAT_ZH: Readonly<Record<string, string>> & Record<LineFormat, string> = {
  bundle: '日志收集包',
  syslog: 'syslog',
  iso: 'ISO 时间戳',
  rfc5424: 'RFC 5424',
  'journal-json': 'journal JSON',
  dmesg: 'dmesg',
  'dmesg-human': 'dmesg -T',
  kmsg: 'kmsg',
  lava: 'LAVA 作业日志',
  bare: '无前缀文本',
};

const UNITS: DurationUnits = { h: '小时', min: '分', s: '秒', gap: ' ' };
const duration = (seconds: number) => formatDuration(seconds, UNITS);
const kindZh = (kind: string) => KIND_ZH[kind as IncidentKind] ?? kind;
const taintMeaning = (letter: string) => TAINT_ZH[letter] ?? letter;
const list = (items: readonly string[]) => items.join('、');

/** "soft lockup in f" becomes "f 中的软锁死"; titles a detector words itself stay as printed. */
export function titleZh(kind: string, title: string): string {
  const phrase = KIND_PHRASES[kind as IncidentKind];
  if (!phrase) return title;
  if (title === phrase) return kindZh(kind);
  return title.startsWith(`${phrase} in `) ? `${title.slice(phrase.length + 4)} 中的${kindZh(kind)}` : title;
}

/** `任务 java（PID 1234）`, `PID 为 1234 的任务`: a task named by the parameters given; null when none are. */
function taskOf(comm: string | null, pid: number | null): string | null {
  if (comm) return `任务 ${comm}${pid !== null ? `（PID ${pid}）` : ''}`;
  return pid !== null ? `PID 为 ${pid} 的任务` : null;
}

/**
 * Who and where, as a sentence's subject: `node-2 的 CPU 12 上的任务 dockerd（PID 39156）`, `CPU 12 上`, `任务 udevd（PID 5612）`,
 * `node-2 上`; '' when nothing is known (a dmesg without host, CPU or task).
 */
function subjectOf(a: Args, withHost: boolean): string {
  const host = withHost ? a.opt('host') : null;
  const cpu = a.optNum('cpu');
  const where = host && cpu !== null ? `${host} 的 CPU ${cpu} 上` : host ? `${host} 上` : cpu !== null ? `CPU ${cpu} 上` : '';
  const task = taskOf(a.opt('comm'), a.optNum('pid'));
  return task ? `${where ? `${where}的` : ''}${task}` : where;
}

/** What happened, as the predicate after a subject: `发生软锁死`; a hung task simply `挂起` (not `任务……发生任务挂起`). */
const happened = (kind: string, what: string) => (kind === 'hung-task' ? '挂起' : `发生${what}`);

/** The function a `<kind> in <function>` title names, or null. */
function titleFunction(kind: string, title: string): string | null {
  const phrase = KIND_PHRASES[kind as IncidentKind];
  return phrase && title.startsWith(`${phrase} in `) ? title.slice(phrase.length + 4) : null;
}

/** `binder_release_work 中的 KASAN（use-after-free read）`: the sanitizer's finding as it names it, else the title. */
function titleOf(a: Args): string {
  const bugType = a.opt('bugType');
  const title = titleZh(a.str('kind'), a.str('title'));
  if (!bugType) return title;
  const access = a.opt('access') && !bugType.endsWith(a.str('access')) ? ` ${a.str('access')}` : '';
  return `${a.opt('culprit') ? `${a.str('culprit')} 中的` : ''}${kindZh(a.str('kind'))}（${bugType}${access}）`;
}

/** `杀死了任务 java（PID 1234），由 CPU 3 上的任务 stress（PID 22345）触发`. */
function oomKill(a: Args): string {
  const invoker = taskOf(a.opt('comm') ?? a.opt('invoker'), a.optNum('pid'));
  const cpu = a.optNum('cpu') !== null ? `CPU ${a.optNum('cpu')} 上的` : '';
  return `杀死了${taskOf(a.opt('victim'), a.optNum('victimPid'))}${invoker ? `，由${cpu}${invoker}触发` : ''}`;
}

function span(a: Args): string {
  return a.num('reports') > 1 ? `从 ${a.str('from')} 到 ${a.str('to')} 共 ${a.num('reports')} 次报告` : `${a.str('from')} 报告 1 次`;
}

function relative(seconds: number, what: string): string {
  if (Math.abs(seconds) < 0.5) return `与${what}同时`;
  return `${what}${seconds > 0 ? '后' : '前'} ${duration(seconds)}`;
}

function incidentsWhere(a: Args, withHost: boolean): string[] {
  const reports = a.list('reports');
  const hosts = a.list('hosts');
  const kinds = a.list('kinds');
  const times = a.list('occurrences');
  return a
    .list('titles')
    .map(
      (title, n) =>
        `${withHost ? `${hosts[n]} ` : ''}${titleZh(kinds[n] ?? '', title)}（${a.list('ids')[n]}${Number(reports[n]) > 1 ? `，${reports[n]} 次报告` : ''}${Number(times[n] ?? 1) > 1 ? `，共 ${times[n]} 次` : ''}）`,
    );
}

/** Incidents a list names, each occurrence of a problem counted. */
const incidentCount = (a: Args): number => (a.list('occurrences').length ? a.list('occurrences').reduce((n, c) => n + Number(c), 0) : a.list('ids').length);

/** "11月1日 10:10" from an ISO time (the log's own zone). */
function dayTime(time: string): string {
  const p = isoParts(time);
  return p ? `${p.month}月${p.day}日 ${p.clock.slice(0, 5)}` : time;
}

/** "node-2 上同一个 f 中的软锁死从 11月1日 10:10 到 11月8日 09:10 共发生 50 次，每隔 3-4 小时一次" (no recurrence: null). */
function recurrence(a: Args): string | null {
  const n = a.num('occurrences');
  if (n < 2) return null;
  const hosts = a.list('problemHosts');
  const on = hosts.length > 1 ? `${hosts.length} 台主机（${list(hosts)}）上` : a.opt('host') ? `${a.str('host')} 上` : '';
  const since = a.opt('since');
  const until = a.opt('until');
  const when = since && until ? `从 ${dayTime(since)} 到 ${dayTime(until)} ` : '';
  const min = a.optNum('intervalMin');
  const max = a.optNum('intervalMax');
  const every = min !== null && max !== null ? `，每隔 ${roundedRange(min, max, UNITS)}一次` : '';
  return `${on}同一个 ${titleZh(a.str('kind'), a.str('title'))}${when}共发生 ${n} 次${every}`;
}

function incidentFinding(a: Args): string {
  const what = a.opt('bugType') ? titleOf(a) : kindZh(a.str('kind'));
  const subject = subjectOf(a, false);
  const parts = a.opt('victim') ? [`${what}：${span(a)}`, oomKill(a)] : [`${subject ? `${subject}${happened(a.str('kind'), what)}` : what}：${span(a)}`];
  const stuck = a.optNum('stuck');
  if (stuck !== null) {
    const min = a.optNum('eachMin');
    const max = a.optNum('eachMax');
    const range = min !== null ? `（每次报告显示 ${min}${max !== min ? `-${max}` : ''} 秒）` : '';
    parts.push(`至少卡住了 ${duration(stuck)}${range}`);
  }
  const callees = a.list('callees');
  const module = (key: string) => (a.opt(key) ? ` [${a.opt(key)}]` : '');
  if (a.opt('loopFunction')) parts.push(`每次采样的调用栈都经过 ${a.str('loopFunction')}，因此循环位于该函数${callees.length ? `及其调用的函数（${list(callees)}）` : ''}中`);
  else if (a.opt('culprit') && !a.opt('bugType')) parts.push(`根因函数 ${a.str('culprit')}${module('culpritModule')}`);
  else if (a.opt('culpritModule')) parts.push(`${a.str('culprit')} 位于模块 ${a.str('culpritModule')} 中`);
  if (a.opt('message')) parts.push(`报告内容为 \`${a.str('message')}\``);
  if (a.opt('entry')) parts.push(`入口为 ${a.str('entry')}${module('entryModule')}`);
  const cpus = a.list('victimCpus');
  if (a.list('victims').length) parts.push(`它拖住了${list(a.list('victims').map((name, n) => (cpus[n] && cpus[n] !== 'null' ? `CPU ${cpus[n]} 上的 ${name}` : name)))}`);
  return `${parts.join('；')}。`;
}

function eventFinding(a: Args): string {
  const errno = a.optNum('errno');
  const name = a.opt('errnoName');
  const errnoPart = errno !== null && name ? `（${errno} = ${name}，“${ERRNO_ZH[name] ?? lookupErrno(errno)?.meaning ?? ''}”）` : '';
  const subjects = a.list('subjects').length ? `，涉及 ${list(a.list('subjects'))}` : '';
  const when = a.num('count') > 1 ? `，从 ${a.str('from')} 到 ${a.str('to')}` : `，时间 ${a.str('from')}`;
  const program = a.opt('program') ? `${a.str('program')}：` : '';
  return `${program}\`${a.str('template')}\`${errnoPart}：${a.num('count')} 行${subjects}${when}；${a.say('relation') ?? ''}。`;
}

const STORAGE_KIND_ZH: Readonly<Record<string, string>> = {
  'io-error': 'I/O 错误',
  'fs-error': '文件系统错误',
  timeout: '超时',
  abort: '命令中止',
  reset: '控制器重置',
  offline: '设备离线',
  'not-responding': '服务器无响应',
  'path-failed': '路径失效',
};

/** `sdb 上的存储错误：从 10:00:01 到 10:02:03 共 12 行（I/O 错误），发生在任务挂起 I2（jbd2/sdb1-8）之前；它在 ... 中等待 sdb 的 I/O。` */
function storageFinding(a: Args): string {
  const lines = a.num('lines');
  const when = lines > 1 ? `从 ${a.str('from')} 到 ${a.str('to')} 共 ${lines} 行` : `${a.str('from')} 1 行`;
  const others = a.num('others') > 0 ? `及同一问题的另外 ${a.num('others')} 个事件` : '';
  const what = `${kindZh(a.str('kind'))} ${a.str('id')}${a.opt('comm') ? `（${a.str('comm')}）` : ''}${others}`;
  const position = a.str('position') === 'before' ? `发生在${what}之前` : `与${what}同时发生`;
  const frame = a.opt('frame') ? `在 ${a.str('frame')} 中` : '';
  const waits = a.str('basis') === 'device' ? `它${frame}等待 ${a.str('device')} 的 I/O` : `它${frame}等待同一主机上的 I/O`;
  return `${a.str('device')} 上的存储错误：${when}（${list(a.list('kinds').map((k) => STORAGE_KIND_ZH[k] ?? k))}），${position}；${waits}。`;
}

/** 等待的对象。 */
function waitForZh(kind: string, resource: string | null): string {
  switch (kind) {
    case 'lock':
      return resource ?? '一把锁';
    case 'journal':
      return `${resource ? `${resource} 的` : ''}日志提交`;
    case 'io':
      return `${resource ? `${resource} 上的` : ''}I/O`;
    case 'rcu-gp':
      return 'RCU 宽限期';
    case 'stop-machine':
      return 'stop_machine';
    default:
      return `跨 CPU 调用${resource ? `（${resource}）` : ''}`;
  }
}

function holderZh(a: Args): string {
  const who = a.opt('holder') ? `${a.str('holder')}${a.optNum('holderPid') !== null ? `/${a.num('holderPid')}` : ''}` : a.optNum('holderCpu') !== null ? `CPU ${a.num('holderCpu')}` : '某个任务';
  const runs = a.opt('running') ? `（它${a.optNum('holderCpu') !== null && a.opt('holder') ? `在 CPU ${a.num('holderCpu')} 上` : ''}运行 ${a.str('running')}）` : '';
  return `${who}${runs}`;
}

/** The incident as the verdict names it: `node-2 的 CPU 12 上的任务 X（PID 1）在 f 中发生软锁死`, or `f 中的任务挂起` with no one to name. */
function incidentClause(a: Args): string {
  const kind = a.str('kind');
  const subject = subjectOf(a, true);
  const bugType = a.opt('bugType');
  const fn = bugType ? a.opt('culprit') : titleFunction(kind, a.str('title'));
  // A title the detector words itself (not `<kind> in <function>`) is said as printed.
  if (!bugType && !fn && a.str('title') !== KIND_PHRASES[kind as IncidentKind]) return subject ? `${subject}发生 ${a.str('title')}` : a.str('title');
  const what = bugType ? `${kindZh(kind)}（${bugType}${a.opt('access') && !bugType.endsWith(a.str('access')) ? ` ${a.str('access')}` : ''}）` : kindZh(kind);
  if (!subject) return fn ? `${fn} 中的${what}` : what;
  return `${subject}${fn ? `在 ${fn} 中` : ''}${happened(kind, what)}`;
}

function verdict(a: Args): string {
  const stuck = a.optNum('stuck');
  let text: string;
  if (a.opt('victim')) text = `${a.opt('host') ? `${a.str('host')} 上发生` : ''}${kindZh(a.str('kind'))}：${oomKill(a)}`;
  else if (a.opt('loopFunction')) {
    const subject = subjectOf(a, true);
    const head = subject ? `${subject}${happened(a.str('kind'), kindZh(a.str('kind')))}` : kindZh(a.str('kind'));
    text = `${head}：卡在循环中${stuck ? `至少 ${duration(stuck)}` : ''}，循环范围在 ${a.str('loopFunction')} 内${a.opt('entry') ? `，入口为 ${a.str('entry')}` : ''}`;
  } else text = incidentClause(a);
  const victims = a.list('victims');
  if (victims.length) text += `；${list(victims)} 只是在等待它`;
  const others = a.num('others');
  if (others > 0) text += `；另有 ${others} 个问题`;
  const hosts = a.list('hosts');
  if (hosts.length > 1) text += `，分布在 ${hosts.length} 台主机上（${list(hosts)}）`;
  const again = recurrence(a);
  return again ? `${again}。第一次：${text}。` : `${text}。`;
}

/** The shipped entry's own Chinese wording (title, workaround); null for entries of another folder or a fix index. */
const knownIssueZh = (id: string) => shippedKnownIssues().entries.find((e) => e.id === id) ?? null;

const CONFIDENCE_ZH: Readonly<Record<string, string>> = {
  signature: '签名完全一致',
  'culprit-and-caller': '根因函数和调用方一致',
  culprit: '仅根因函数一致',
  pattern: '仅报告模式一致',
};

const KEY_ZH: Readonly<Record<string, string>> = {
  kind: '事件类型',
  signature: '签名',
  culprit: '根因函数',
  module: '模块',
  header: '报告首行',
  details: '报告细节',
  kernel: '内核版本范围',
};

const VERDICT_ZH: Readonly<Record<string, (a: Args) => string>> = {
  before: (a) => `该节点的内核 ${a.opt('kernel') ?? '?'} 早于该问题引入的版本`,
  after: (a) => `该节点的内核 ${a.opt('kernel') ?? '?'} 已超出受影响的范围`,
  fixed: (a) => `该节点的内核 ${a.opt('kernel') ?? '?'} 已包含其修复${a.opt('release') ? `（${a.str('release')}）` : ''}，因此匹配存疑`,
};

function fixPhraseZh(a: Args): string {
  const where = [a.opt('release') ? `${a.str('release')} 起` : null, ...a.list('distroFixes')].filter(Boolean).join('；');
  return `${a.str('commit')}「${a.str('subject')}」${where ? `（${where}）` : ''}`;
}

/** `1234abcd「subject」（最早见于 v5.1）`：--kb 索引中的修复提交及最早包含它的发布标签。 */
function fixCommitZh(a: Args): string {
  return `${a.str('commit')}「${a.str('subject')}」（${a.opt('release') ? `最早见于 ${a.str('release')}` : '索引中尚无发布标签包含它'}）`;
}

function knownStateZh(a: Args): string {
  // (no space typed after the fix: it may end in a full-width parenthesis; spaceCjk spaces a Latin word)
  if (a.str('state') === 'confirmed-fix') return `已由 ${fixPhraseZh(a)}修复`;
  if (a.str('state') === 'upstream-report') return `上游有报告，尚未找到修复：${a.str('report')}`;
  return '推断，尚未找到修复';
}

function matchedKeysZh(a: Args): string {
  return a
    .list('keys')
    .map((k) => (k === 'callers' ? `调用方 ${list(a.list('callers'))}` : (KEY_ZH[k] ?? k)))
    .join('、');
}

const ZH_MESSAGES: Record<keyof typeof EN_MESSAGES, Entry> = {
  'verdict.none': () => '日志中没有发现内核事件。',
  'verdict.incident': verdict,
  'verdict.chain': (a) => `${a.num('waiters')} 个任务在等待 ${holderZh(a)} 持有的 ${waitForZh(a.str('kind'), a.opt('resource'))}${a.opt('host') ? `（${a.str('host')}）` : ''}。`,
  'verdict.deadlock': (a) => `死锁：${a.list('nodes').join(' 等待 ')} 等待 ${a.list('nodes')[0] ?? '?'}。`,
  'note.wait.chain': (a) => `该任务在等待 ${waitForZh(a.str('kind'), a.opt('resource'))}；等待链通向 ${holderZh(a)}${a.opt('causeId') ? `（${a.str('causeId')}）` : '，没有报告提到它'}。`,
  'note.wait.device': (a) => `该任务在等待 ${a.opt('resource') ?? '设备'} 上的 I/O 完成，而 I/O 一直没有完成：排在它后面的任务在等它，它在等设备。请检查 ${a.opt('resource') ?? '设备'} 及其路径（控制器、多路径、后端存储）。`,
  'note.wait.unseen': (a) => `该任务在等待 ${waitForZh(a.str('kind'), a.opt('resource'))}，但日志没有显示持有者；它不是根因。可以显示持有者的手段：${a.list('hints').map((h) => `\`${h}\``).join('、')}。`,
  'note.wait.deadlock': (a) => `死锁：${a.list('nodes').join(' -> ')} 循环等待。`,
  'note.wait.steal': (a) => `CPU ${a.opt('cpu') ?? '?'} 在 ${a.str('hypervisor')} 虚拟机上处于空闲循环：宿主机没有调度这个 vCPU（steal time），客户机内核不是根因。`,
  'wait.rcu.starved': (a) => `RCU 宽限期线程 ${a.str('thread')} 有 ${a.num('jiffies')} 个 jiffies 没有得到 CPU（${a.str('path')}:${a.num('line')}）。`,
  'finding.incident': incidentFinding,
  'finding.recurring': (a) => `${recurrence(a) ?? titleZh(a.str('kind'), a.str('title'))}；第一次：${a.say('first') ?? ''}`,
  'finding.overlap': (a) =>
    `${a.str('path')} 重复了 ${a.str('other')} 中的 ${a.num('lines')} 行（主机、时间和内容相同${a.num('of') > 0 ? `；占其 ${Math.round((100 * a.num('lines')) / a.num('of'))} % 的行` : ''}）：只计一次。`,
  'finding.victim': (a) => `${a.opt('cpu') !== null ? `CPU ${a.str('cpu')} 上的` : ''}${a.str('name')}（${span(a)}）是受害者，不是根因：${a.say('note') ?? `由 ${titleZh(a.str('causeKind'), a.str('cause'))} 引起`}`,
  'finding.knownIssue': (a) => {
    const what = a.str('source') === 'fix-index' ? `修复提交 ${fixCommitZh(a)}，其提交说明引用了形态相同的报告` : `已知问题 ${a.str('id')}（${knownStateZh(a)}）：${knownIssueZh(a.str('id'))?.title.zh ?? a.str('title')}`;
    return `匹配${what}。匹配依据：${matchedKeysZh(a)}（${CONFIDENCE_ZH[a.str('confidence')] ?? a.str('confidence')}）。`;
  },
  'finding.knownIssue.similar': (a) => {
    const what = a.str('source') === 'fix-index' ? `修复提交 ${a.str('commit')}「${a.str('subject')}」` : `已知问题 ${a.str('id')}（${knownIssueZh(a.str('id'))?.title.zh ?? a.str('title')}）`;
    return `与${what}相似，但${VERDICT_ZH[a.str('verdict')]?.(a) ?? '内核版本不同'}：不算作匹配。`;
  },
  'finding.taint': (a) => `污染标志 \`${a.str('taint')}\`：${a.list('letters').map((l, n) => `${l} = ${taintMeaning(l)}${a.list('letterModules')[n] ? `（${a.list('letterModules')[n]}）` : ''}`).join('；')}。`,
  'finding.event': eventFinding,
  'finding.storage': storageFinding,
  'finding.before': (a) => `${a.str('id')} 发生前不久：${a.list('templates').map((x) => `\`${x}\``).join('、')}。`,
  'finding.host': (a) => `${a.str('host')}：${incidentCount(a)} 个事件：${incidentsWhere(a, false).join('；')}。`,
  'finding.simultaneous': (a) =>
    `${a.num('hostCount')} 台主机在同一时间段（${a.str('from')} 至 ${a.str('to')}）发生事件：${incidentsWhere(a, true).join('；')}。比起 ${a.num('hostCount')} 个互不相关的问题，更可能是它们共用的东西出了问题（存储、网络、虚拟化层，或同时推送到所有主机的变更）。`,
  'relation.once': (a) => `记录于${relative(a.num('start'), '首次报告')}`,
  'relation.span': (a) => `开始于${relative(a.num('start'), '首次报告')}，结束于${relative(a.num('end'), '最后一次报告')}`,
  'note.irq.popf': (a) =>
    `RIP ${a.str('where')} 是紧跟在 \`${a.str('instruction')}\` 之后的指令（Code: 字节解码为 \`${a.str('sequence')}\`），该指令重新打开中断：中断关闭期间被推迟的时钟中断正好落在这里。它标记的是中断重新打开的位置，而不是 CPU 循环的位置；请查看调用方。`,
  'note.irq.function': (a) =>
    `RIP ${a.str('where')} 位于 ${a.str('function')} 中，该函数重新打开中断：被推迟的时钟中断紧接着到来，所以这次采样标记的是中断重新打开的位置，而不是循环的位置；请查看调用方。`,
  'note.victim.waits': (a) =>
    `${a.opt('cpu') !== null ? `CPU ${a.str('cpu')} 上的` : ''}${a.opt('comm') ?? '该任务'} 只是在 ${a.opt('where') ?? '跨 CPU 等待'} 中等待其他 CPU；CPU ${a.opt('causeCpu') ?? '?'}（${a.opt('causeComm') ?? '?'}）因为自己卡住了（${a.str('causeId')}），始终到不了那里。`,
  'note.victim.unseen': (a) =>
    `${a.opt('comm') ?? '该任务'} 只是在等待另一个 CPU（stop_machine 或跨 CPU 调用）；它等待的那个 CPU 在这些日志中没有留下报告。打开 softlockup_all_cpu_backtrace，下次就能看到它。`,
  'note.rcu.lockup': (a) => `CPU ${a.opt('cpu') ?? '?'} 卡住且不调度（${a.str('causeId')}），RCU 宽限期因此无法结束。`,
  'note.panic.follows': (a) => {
    const others = a.list('others');
    if (others.length === 0) return `这次 panic 紧跟在 ${titleZh(a.str('causeKind'), a.str('causeTitle'))}（${a.str('causeId')}）之后，是它的后果，不是独立的根因。`;
    return `这次 panic 紧跟在连续打印的 ${others.length + 1} 份${kindZh(a.str('causeKind'))}报告（${list([a.str('causeId'), ...others])}）之后，是它们的后果，不是独立的根因；它关联到${a.str('pick') === 'first' ? '第一份' : '最后一份'}：${titleZh(a.str('causeKind'), a.str('causeTitle'))}（${a.str('causeId')}）。`;
  },
  'note.taint.changed': (a) => {
    const added = a.list('added');
    return `污染标志在事件期间发生变化：${a.list('taints').map((x) => `\`${x}\``).join(' 变为 ')}${added.length ? `（${added.map((l) => `${l}：${taintMeaning(l)}`).join('；')}）` : ''}。`;
  },
  'note.code.copied': (a) =>
    `不同的 RIP 打印了相同的 Code: 字节（${a.list('locations').map((l, n) => `${l}，见 ${a.list('lines')[n]}`).join('；')}）：报告的字节总是围绕它自己的 RIP，所以这些字节不可能同时属于它们（日志被编辑或拼接过？）；未对其解码。`,
  'note.code.differ': (a) =>
    `${a.str('a')}（${a.str('aLine')}）和 ${a.str('b')}（${a.str('bLine')}）的 Code: 字节在 ${a.str('at')} 处不一致（${a.str('aValue')} 与 ${a.str('bValue')}）：其中一份不是实际运行的代码；两份都未解码。`,
  'note.code.split': (a) =>
    `从 RIP 开始解码 ${a.str('a')}（${a.str('aLine')}）的 Code: 字节，${a.str('b')}（${a.str('bLine')}）会落在 ${a.str('at')} 处的指令 \`${a.str('instruction')}\` 中间，而 RIP 必定是一条指令的开头：同一地址的两种解码互相矛盾；两份都未解码。`,
  'step.softlockup.kdump': () => '下次抓取 vmcore：启用 kdump 并设置 kernel.softlockup_panic=1（sysctl -w kernel.softlockup_panic=1，并写入 /etc/sysctl.d 持久化）。',
  'step.softlockup.kdump.why': () => '日志只能说明 CPU 在哪里循环，不能说明循环为什么停不下来；只有内存转储能说明这一点。',
  'step.softlockup.backtrace': () => '设置 kernel.softlockup_all_cpu_backtrace=1，让下一次报告带上所有 CPU 的调用栈。',
  'step.softlockup.backtrace.why': () => '可以看到同一时刻其他 CPU 在做什么（持锁者、等待者）。',
  'step.hardlockup': () => '启用 kdump，并设置 kernel.hardlockup_panic=1 和 kernel.hardlockup_all_cpu_backtrace=1。',
  'step.hardlockup.why': () => '硬锁死时中断是关闭的；只有 vmcore 或所有 CPU 的调用栈能找出持有者。',
  'step.hungtask': () => '配合 kdump 设置 kernel.hung_task_panic=1 以抓取被阻塞任务的状态，或用 echo w > /proc/sysrq-trigger 打印所有 D 状态任务。',
  'step.hungtask.why': () => '可以看到被阻塞的任务在等什么、又是谁持有它。',
  'step.rcu': () => '配合 kdump 设置 kernel.panic_on_rcu_stall=1，并查看停顿报告中打印的停顿 CPU 调用栈。',
  'step.rcu.why': () => '停顿的 CPU 或得不到运行的 kthread 就是根因。',
  'step.oom': (a) =>
    `找出是谁用掉了内存：查看 OOM 报告中打印的任务表、内存 cgroup 限制（memory.max / memory.limit_in_bytes），并确认 ${a.opt('victim') ?? '被杀的进程'} 是否是预期会被杀的进程；为各服务设置内存限制。`,
  'step.oom.why': () => 'OOM 杀进程是内核的最后手段；根因是内存增长的进程或设置过低的限制。',
  'step.mce': (a) =>
    `联系硬件厂商：用厂商诊断工具和 BMC 事件日志（ipmitool sel list、ras-mc-ctl --errors）检查${a.opt('location') ? ` ${a.str('location')}` : '机器检查报告的部件'}，错误反复出现时更换。`,
  'step.mce.why': () => '机器检查是硬件故障；反复出现的可纠正错误往往是不可纠正错误的前兆。',
  'step.segfault': (a) =>
    `抓取 ${a.opt('comm') ?? '该进程'} 的 core dump（systemd-coredump 与 coredumpctl，或 ulimit -c unlimited），并核对它崩溃所在的程序或库的版本。`,
  'step.segfault.why': () => '这是用户态崩溃：内核只是报告它；问题在程序或库中。',
  'step.kernelbug': (a) =>
    `在比 ${a.opt('kernel') ?? '当前内核'} 更新的内核中查找 ${a.str('function')} 的修复（发行版 changelog、上游该函数的 git log）；若再次出现，用 kdump 并设置 kernel.panic_on_oops=1 抓取 vmcore。`,
  'step.kernelbug.why': () => '报告指向该内核函数中的缺陷；后续版本往往已有修复。',
  'step.module': (a) => `${a.str('function')} 位于模块 ${a.str('module')} 中：核对该模块的版本并联系其厂商或维护者。`,
  'step.module.why': () => '树外模块和厂商模块要由厂商修复，而不是靠升级内核。',
  'step.disassemble': (a) =>
    `带源码行反汇编 ${a.str('function')}（crash> dis -l ${a.str('function')}，或 objdump -dl vmlinux），再用 --dis FILE 重新运行 ktriage，把每次采样对应到源码行。`,
  'step.disassemble.why': () => '把循环限定到具体源码行，并区分循环头和循环体。',
  'step.knownIssue.confirm': (a) => `${a.str('on') === 'vmcore' ? '在该节点的 vmcore 中' : '在该节点上'}确认已知问题 ${a.str('id')}：\`${a.str('command')}\``,
  'step.knownIssue.confirm.why': (a) =>
    a.str('state') === 'inference'
      ? `${a.str('id')} 只是推断，没有修复提交或公开报告证实；这一步的结果决定是不是这个缺陷。`
      : `匹配只基于报告的形态；这一步能看到 ${a.str('id')} 留下的状态。`,
  'step.knownIssue.upgrade': (a) => `换用包含 ${fixPhraseZh(a)} 的内核。`,
  'step.knownIssue.upgrade.why': (a) =>
    a.str('source') === 'fix-index' ? `提交 ${a.str('commit')} 修复了形态相同的报告；是否就是这个缺陷取决于匹配，未经测试证实。` : `${a.str('id')} 的修复是已知的；没有该修复的内核可能再次出现同样问题。`,
  'step.knownIssue.workaround': (a) => `${a.str('id')} 的规避方法：${knownIssueZh(a.str('id'))?.workaround?.zh ?? a.str('text')}`,
  'step.knownIssue.workaround.why': () => '在确认原因或换用已修复的内核之前，降低再次发生的可能。',
  'step.askTeam': (a) => {
    const subjects = a.list('subjects').length ? `，涉及 ${list(a.list('subjects'))}` : '';
    const when = a.num('count') > 1 ? `从 ${a.str('from')} 到 ${a.str('to')} 共 ${a.num('count')} 行` : `${a.str('from')} 的 1 行`;
    return `向${TEAMS_ZH[a.str('team')] ?? a.str('team')}询问 \`${a.str('template')}\`（${when}${subjects}）。`;
  },
  'step.askTeam.why': () => '他们那边可能看得出它为什么开始，或者确认它只是节点卡住的后果。',
  'pattern.irq-enable': (a) =>
    `RIP 是紧跟在 \`${a.str('instruction')}\` 之后的指令，该指令重新打开中断：中断关闭期间被推迟的时钟中断落在这里，所以这次采样标记的是中断重新打开的位置，而不是 CPU 循环的位置`,
  'pattern.bug-trap': (a) => `RIP 处是一条 \`${a.str('instruction')}\`：BUG()/WARN() 编译出的陷阱指令；报告中写明了触发的断言`,
  'pattern.pause-loop': (a) => `RIP 处有 \`${a.str('instruction')}\`：CPU 在忙等循环中自旋（cpu_relax()、自旋锁或等待另一个 CPU）${a.opt('jump') ? `；\`${a.str('jump')}\` 跳回去重复执行` : ''}`,
  'machine.kaslr': (a) => `符号地址按 KASLR 偏移 ${a.str('offset')} 平移，该偏移由打印出的栈帧推算得出`,
  'machine.objdumpMissing': (a) => `没有安装 objdump：未能从 ${a.str('path')} 反汇编采样到的函数（请安装 binutils，或使用 --dis）`,
  'machine.objdumpFailed': (a) => `objdump 处理 ${a.str('path')} 失败：${a.str('error')}`,
  'machine.lineToolMissing': (a) => `addr2line 和 llvm-symbolizer 都没有安装：无法从 ${a.str('path')} 得到 file:line（请安装 binutils 或 llvm）`,
  'machine.lineToolFailed': (a) => `${a.str('tool')} 处理 ${a.str('path')} 失败：${a.str('error')}`,
  'machine.noLoop': (a) => `给出的 ${a.str('function')} 反汇编中没有包住采样地址的循环`,
  'machine.sampledSpan': (a) => `给出的 ${a.str('function')} 反汇编中没有包住采样点的向回跳转（可能只是片段？）：循环范围取采样到的指令所覆盖的区间`,
  'machine.sourceMissing': (a) => `在 ${a.str('root')} 下找不到源文件 ${a.str('file')}：已跳过`,
  'machine.irqEnable': (a) =>
    `RIP ${a.str('location')} 在反汇编中紧跟在 \`${a.str('previous')}\`${a.opt('previousLocation') ? `（${a.str('previousLocation')}）` : ''} 之后：中断刚被重新打开，被推迟的时钟中断落在这里；这次采样标记的是这个位置，而不是循环。`,
  'machine.noCall': (a) => `在给出的反汇编中，${a.str('location')} 前面不是调用指令（\`${a.str('previous')}\`）：这个栈帧可能是栈上残留的旧数据，或者反汇编来自另一个构建`,
  'pattern.backward-jump': (a) => `\`${a.str('jump')}\` 向回跳过了 RIP：Code: 字节中包含一个 ${a.num('span')} 字节的循环`,
};

const ZH_UI: Record<keyof typeof EN_UI, Entry> = {
  'ui.report': () => 'ktriage 诊断报告',
  'ui.verdict': () => '结论',
  'ui.incidents': () => '内核事件',
  'ui.findings': () => '发现',
  'ui.waits': () => '谁在等谁',
  'ui.wait.unseen': () => '日志中看不到的持有者',
  'ui.wait.device': (a) => (a.opt('resource') ? `设备 ${a.str('resource')}` : '设备'),
  'ui.wait.idle': () => '空闲',
  'ui.wait.partial': () => '只有一行提到',
  // (no space typed next to a node: it may end in a full-width parenthesis; spaceCjk puts one before a Latin word)
  'ui.wait.chain': (a) => `${a.str('root')}阻塞了 ${a.num('waiters')} 个等待的任务或 CPU`,
  'ui.wait.deadlock': (a) => `死锁：${a.list('nodes').join(' -> ')}`,
  'ui.wait.edge': (a) => `${a.str('from')}等待${a.str('to')}：${a.str('what')}（${a.str('how')}${a.opt('at') ? `，${a.str('at')}` : ''}）${a.opt('storage') ? `；${a.str('storage')}` : ''}`,
  'ui.wait.on': (a) => {
    const r = a.opt('resource');
    switch (a.str('kind')) {
      case 'lock': return r ? `锁 ${r}` : '一把锁';
      case 'io': return r ? `${r} 上的 I/O` : 'I/O';
      case 'journal': return r ? `${r} 的日志提交` : '日志提交';
      case 'ipi': return r ? `跨 CPU 调用 ${r}` : '跨 CPU 调用';
      case 'stop-machine': return 'stop_machine';
      case 'rcu-gp': return 'RCU 宽限期';
      default: return r ? `${a.str('kind')} ${r}` : a.str('kind');
    }
  },
  'ui.wait.how': (a) =>
    ({
      'held-locks': '据持有锁列表',
      'held-locks-running': '持有锁列表：在运行的持有者',
      'blocker-line': '据任务挂起报告的阻塞者行',
      'csd-line': '据 CSD 锁行',
      'lockup-stacks': '据各锁死报告的调用栈',
      'rcu-stall': '据 RCU 停顿报告的详情',
      stack: '据其调用栈',
    })[a.str('how')] ?? a.str('how'),
  'ui.wait.storage': (a) =>
    `${a.str('device')}：${a.num('lines')} 行存储错误（${a.list('kinds').map((k) => STORAGE_KIND_ZH[k] ?? k).join('、')}）${a.str('from')}-${a.str('to')}${a.str('basis') === 'host' ? '，该主机上唯一有错误的设备' : ''}`,
  'ui.wait.storageShort': (a) => `${a.str('device')}：${a.num('lines')} 行错误 ${a.str('from')}-${a.str('to')}`,
  'ui.wait.aria': () => '等待关系图：谁在等谁',
  'ui.wait.rootKey': () => '其他任务都在等待的对象（根）',
  'ui.wait.hidden': (a) => `另有 ${a.num('count')} 个等待未画出（见下方列表）`,
  'ui.keyFindings': () => '关键发现',
  'ui.events': () => '日志事件',
  'ui.nextSteps': () => '后续步骤',
  'ui.warnings': () => '警告',
  'ui.details': () => '事件详情',
  'ui.timeline': () => '时间线',
  'ui.allTable': () => '全部内核事件与日志事件',
  'ui.inputs': () => '输入',
  'ui.inputsText': (a) =>
    `${a.num('inputs')} 个输入，${a.num('lines')} 行${a.list('formats').length ? `（${list(a.list('formats').map((f) => FORMAT_ZH[f] ?? f))}）` : ''}${a.opt('passedOver') ? `；快速读取：${a.num('passedOver')} 行常规日志只计数、未解析（--full 全部解析）` : ''}`,
  'ui.host': () => '主机',
  'ui.hosts': () => '主机',
  'ui.hostList': (a) => `主机 ${a.str('hosts')}`,
  'ui.kernel': () => '内核',
  'ui.hardware': () => '硬件',
  'ui.logsCover': () => '日志时间范围',
  'ui.filtered': () => '筛选',
  'ui.filter': (a) => {
    const window = [a.opt('from') ? `从 ${a.str('from')} 起` : null, a.opt('to') ? `到 ${a.str('to')} 止` : null].filter(Boolean).join('、');
    const hosts = a.list('hosts').length ? `主机 ${a.list('hosts').join('、')} 上` : null;
    const undated = a.num('undated') ? `；另有 ${a.num('undated')} 项没有时间，予以保留` : '';
    return `仅显示${[window, hosts].filter(Boolean).join('，') || '筛选条件保留'}的内容：略去 ${a.num('incidents')} 个内核事件和 ${a.num('events')} 组日志事件${undated}。`;
  },
  'ui.coverage': (a) => `${a.str('from')} 至 ${a.str('to')}`,
  'ui.generated': () => '生成',
  'ui.generatedBy': (a) => `${a.str('at')}，ktriage ${a.str('version')}`,
  'ui.eventsNote': (a) => `值得注意的；共 ${a.num('groups')} 组消息`,
  'ui.moreEvents': (a) => `……另有 ${a.num('count')} 条（见 --format json）`,
  'ui.relationOf': (a) => `相对 ${a.str('incident')}：${a.str('relation')}`,
  'ui.errorIn': (a) => `${a.str('where')}出错：${a.str('message')}`,
  'ui.role.culprit': () => '根因',
  'ui.role.victim': () => '受害者',
  'ui.role.standalone': () => '独立',
  'ui.victimOf': (a) => `${a.str('id')} 的受害者`,
  'ui.waitsFor': () => '等待',
  'ui.holdsUp': () => '拖住了',
  'ui.severity.critical': () => '严重',
  'ui.severity.warning': () => '警告',
  'ui.severity.info': () => '信息',
  'ui.corrupted': () => '报告不完整',
  'ui.role': () => '角色',
  'ui.where': () => '位置',
  'ui.when': () => '时间',
  'ui.culprit': () => '根因函数',
  'ui.waitsIn': () => '等待位置',
  'ui.loopBound': () => '循环范围',
  'ui.loopBoundWhy': () => '每次采样的调用栈都经过它',
  'ui.entry': () => '入口',
  'ui.taint': () => '污染标志',
  'ui.damaged': () => '报告受损',
  'ui.partial': () => '残缺报告',
  'ui.partial.header-missing': () => '日志中只有寄存器转储和调用栈，缺少报告头：崩溃类型未知',
  'ui.partial.header-unknown': () => '报告头不属于任何已知检测器，已连同其后的寄存器转储一并保留：崩溃类型未知',
  'ui.reports': (a) => `${a.num('count')} 次报告`,
  'ui.maxStuck': (a) => `最长卡住 ${a.num('seconds')} 秒`,
  'ui.stuckPerReport': (a) => `每次报告最长卡住 ${a.str('duration')}`,
  'ui.ripSamples': (a) => `RIP 采样（${a.num('count')} 次）`,
  'ui.ripSample': () => 'RIP 采样',
  'ui.note': () => '说明',
  'ui.callTrace': () => '调用栈（首次报告）',
  'ui.callTraceFirst': () => '首次报告的调用栈',
  'ui.mark.loopBound': () => '循环范围',
  'ui.mark.entry': () => '入口',
  'ui.mark.unreliable': () => '不可靠',
  'ui.evidence': () => '证据',
  'ui.andMore': (a) => `另有 ${a.num('count')} 处`,
  'ui.occurrences': (a) => `该问题的各次发生（${a.num('count')} 次）`,
  'ui.recurs': (a) => `同一个问题共发生 ${a.num('count')} 次：各次发生列在其详情部分`,
  'ui.moreListed': (a) => `……另有 ${a.num('count')} 条，见 JSON/HTML 报告`,
  'ui.col.id': () => '编号',
  'ui.col.role': () => '角色',
  'ui.col.title': () => '标题',
  'ui.col.cpu': () => 'CPU',
  'ui.col.task': () => '任务',
  'ui.col.reports': () => '报告数',
  'ui.col.when': () => '时间',
  'ui.col.count': () => '次数',
  'ui.example': () => '示例',
  'ui.col.message': () => '消息',
  'ui.col.errno': () => '错误码',
  'ui.col.subjects': () => '对象',
  'ui.col.relation': () => '与事件的关系',
  'ui.machine': (a) => `机器码（${a.str('syntax')} 语法）`,
  'ui.machine.decoded': () => '首次报告的 Code: 字节解码结果',
  'ui.machine.ripMarked': () => '`=>` 标记 RIP',
  'ui.machine.samples': () => '采样在代码上的位置',
  'ui.machine.loopIn': () => '，位于 ',
  'ui.machine.source': () => '源码',
  'ui.machine.sourceKey': () => '`L` 循环，`>` 采样对应的行',
  'ui.machine.patterns': () => '指令模式',
  'ui.machine.at': (a) => `位于 ${a.str('where')}`,
  'ui.machine.after': (a) => `前一条是 \`${a.str('instruction')}\``,
  'ui.machine.inferred': () => '由调用栈推断',
  'ui.machine.notInInputs': () => '不在给出的输入中',
  'ui.machine.closedBy': (a) => `由 \`${a.str('jump')}\` 闭合`,
  'ui.machine.sampledSpan': () => '取采样到的指令所覆盖的区间（反汇编中没有向回跳转）',
  'ui.machine.sourceLines': (a) => `源码 ${a.str('lines')}`,
  'ui.machine.loop': () => '循环',
  'ui.machine.mapped': () => '采样对应的指令和源码',
  'ui.machine.symbolized': () => '符号化的地址',
  'ui.machine.where.rip': () => 'RIP',
  'ui.machine.where.frame': () => '调用栈帧',
  'ui.machine.where.stack word': () => '栈上的字',
  'ui.machine.role.rip': () => 'RIP',
  'ui.machine.role.return': () => '返回地址',
  'ui.html.noIncident': (a) => `${a.opt('hosts') ? `${a.str('hosts')} 上` : ''}没有内核事件`,
  'ui.html.titleOn': (a) => `${a.opt('host') ? `${a.str('host')}：` : ''}${titleZh(a.str('kind'), a.str('title'))}`,
  'ui.html.stat.incidents': () => '个事件',
  'ui.html.stat.culprits': () => '个根因',
  'ui.html.stat.victims': () => '个受害者',
  'ui.html.stat.longest': () => '最长持续时间',
  'ui.html.stat.reports': () => '次内核报告',
  'ui.html.stat.lines': () => '行值得注意的日志',
  'ui.html.footer': (a) => `ktriage ${a.str('version')} · 结果 schema ${a.str('schema')} · 独立页面：不访问网络`,
  'ui.html.ripOf': (a) => `CPU 所在位置：${a.num('count')} 次报告的 RIP`,
  'ui.html.sampledStacks': () => '采样到的调用栈',
  'ui.html.code': () => 'Code',
  'ui.html.reportLines': (a) => `报告原文（首次报告，${a.num('count')} 行）`,
  'ui.html.from': () => '来自',
  'ui.html.otherReports': (a) =>
    a.num('count') === 0 ? '。' : `；本次事件的其余 ${a.num('count')} 次报告位于第 ${a.list('lines').join('、')}${a.num('more') > 0 ? ' 等' : ' '}行。`,
  'ui.html.codeMarker': () => '出错或被中断的指令从这里开始',
  'ui.html.registers': () => '寄存器',
  'ui.html.loopOf': () => '循环所在函数',
  'ui.html.col.sampledAt': () => '采样位置',
  'ui.html.col.as': () => '类型',
  'ui.html.col.samples': () => '采样数',
  'ui.html.col.instruction': () => '指令',
  'ui.html.col.previous': () => '前一条指令',
  'ui.html.col.source': () => '源码行',
  'ui.html.returnAddress': () => '返回地址',
  'ui.html.inferred': () => '推断',
  'ui.html.event': () => '事件',
  'ui.html.routine': () => '常规',
  'ui.html.filter': () => '筛选：CPU、任务、函数、消息……',
  'ui.html.filterLabel': () => '筛选表格',
  'ui.html.show': () => '显示',
  'ui.html.incidentsAndEvents': () => '内核事件和日志事件',
  'ui.html.onlyIncidents': () => '内核事件',
  'ui.html.onlyEvents': () => '日志事件',
  'ui.html.routineEvents': (a) => `常规日志事件（${a.num('count')}）`,
  'ui.html.th.type': () => '类型',
  'ui.html.th.id': () => '编号',
  'ui.html.th.when': () => '时间',
  'ui.html.th.where': () => '位置',
  'ui.html.th.count': () => '次数',
  'ui.html.th.what': () => '内容',
  'ui.html.th.relation': () => '关系',
  'ui.tl.noClock': () => '没有任何一行带时间或 uptime：时间线上无可显示。',
  'ui.tl.nothing': () => '时间线上无可显示。',
  'ui.tl.uptime': () => '时间为内核 uptime 秒数（日志中没有墙上时间）。',
  'ui.tl.zone': (a) => `时间按日志原样显示（${a.str('zone')}）。`,
  'ui.tl.incidents': () => '内核事件（每次报告一个刻度）',
  'ui.tl.events': () => '值得注意的日志事件',
  'ui.tl.eventGroup': () => '日志事件组',
  'ui.tl.hidden': (a) => `另有 ${a.num('count')} 条泳道列在下面的表格中。`,
  'ui.tl.unplaced': (a) => `${a.num('count')} 个事件在这个时钟上没有时间。`,
  'ui.flame.none': () => '没有报告保留调用栈：无栈可画。',
  'ui.flame.caption': (a) => `${a.num('count')} 个采样调用栈的冰柱图（只含可靠栈帧，调用者在上、被调用者在下，宽度 = 采样占比）`,
  'ui.flame.loop': () => '限定了循环范围',
  'ui.flame.aria': () => '采样调用栈的冰柱图',
  'ui.tl.click': () => '点击查看详情',
  'ui.tl.aria': () => '内核事件与日志事件的时间线',
  'ui.flame.ripOnly': (a) => `${a.num('count')} 次报告只保留了 RIP 行（见 RIP 直方图）`,
  'ui.html.decoded': () => '解码后的指令（首次报告的 Code: 字节）',
};

export const ZH: Readonly<Record<string, Entry>> = { ...ZH_UI, ...FLEET_ZH, ...ZH_MESSAGES };

export { duration as durationZh, taintMeaning as taintMeaningZh };
