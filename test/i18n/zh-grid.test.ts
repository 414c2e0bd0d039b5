import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { detailLabel, sayRunError, t, warningLine } from '../../src/i18n/index.js';
import { STAGE_CODES } from '../../src/result/errors.js';
import type { MessageParams } from '../../src/result/schema.js';
import { WARNING_CODES, WARNING_REASONS, type WarningCode, type WarningParams, type WarningReason } from '../../src/result/warnings.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { FOLLOWS } from '../../src/knowledge/panics.js';
import { HOLDER_HINTS } from '../../src/knowledge/waits.js';
import { CORRUPTION_CODES, DETAIL_CODES, FAULTS, LOCKDEP_PROBLEMS, SIDES } from '../../src/reports/codes.js';
import { CORPUS_DIR, describeWithShared } from '../helpers/shared.js';

/**
 * What a Chinese engineer would stop at in a sentence: a subject-less or glued `发生`, a `?` or `null` where a fact is
 * missing, words of the old catalog (罪魁, 肇事, 循环边界), `WARNING 警告`, English labels or JSON keys, half-width
 * punctuation against Chinese, Chinese glued to a Latin word. Code spans (log text, commands) are left as printed.
 */
function problems(sentence: string): string[] {
  const text = sentence.replace(/`[^`]*`/g, '`code`');
  const found: string[] = [];
  const rule = (re: RegExp, what: string) => {
    const m = re.exec(text);
    if (m) found.push(`${what}: «${m[0]}»`);
  };
  rule(/^[，。：；、的上在发]|^发生/, 'no subject');
  // The task in parentheses with nothing before it: `（syz-executor013，PID 7561）发生…`.
  rule(/^（|，PID \d+）(?:上)?发生|的发生/, 'subject glued to 发生');
  rule(/\?|\bnull\b|\bundefined\b|（）|NaN/, 'missing fact shown');
  rule(/罪魁|肇事|循环边界|为界/, 'old wording');
  rule(/WARNING\s*警告|警告\s*WARNING/, 'WARNING doubled');
  rule(/\b(?:syscall|bundle|culprit|victims?|reports?|stuck|entered|through|waits?|caused|lines?|unknown|task|bugType|allocatedIn|freedIn|victimPid|errnoName|on CPU|first|last)\b/i, 'English word');
  rule(/[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]/, 'half-width punctuation against Chinese');
  rule(/[\u4e00-\u9fff][A-Za-z0-9_]|[A-Za-z0-9_][\u4e00-\u9fff]/, 'no space between Chinese and Latin');
  rule(/([，。；：、])\1|的的|了了/, 'doubled');
  rule(/\S {2,}\S/, 'double space');
  rule(/[（）：；，。、] | [（：；，。、]/, 'space beside full-width punctuation');
  return found;
}

/** Who an incident is about: every combination of host, CPU, task name and PID known or not (dmesg: no host). */
interface Subject {
  readonly host: string | null;
  readonly cpu: number | null;
  readonly comm: string | null;
  readonly pid: number | null;
}
const SUBJECTS: Subject[] = [];
for (const host of ['node-2', null])
  for (const cpu of [12, null])
    for (const comm of ['syz-executor013', null])
      for (const pid of [7561, null]) SUBJECTS.push({ host, cpu, comm, pid });
const label = (p: Subject) => (['host', 'cpu', 'comm', 'pid'] as const).filter((k) => p[k] !== null).join('+') || 'nothing';

const SPAN = { reports: 3, from: '10:10:59', to: '10:22:23' };
const NONE = { loopFunction: null, culprit: null, culpritModule: null, entry: null, entryModule: null, bugType: null, access: null, victim: null, victimPid: null, invoker: null, stuck: null, eachMin: null, eachMax: null, victims: [], victimCpus: [], callees: [], others: 0, hosts: [], occurrences: 1 };

/** The incident shapes the analysis produces: (name, params without the subject). */
const INCIDENTS: [string, MessageParams][] = [
  ['hung task in a function', { ...NONE, kind: 'hung-task', title: 'task hung in mount_bdev', culprit: 'mount_bdev', entry: 'do_mount', stuck: 143 }],
  ['soft lockup with a loop range', { ...NONE, kind: 'soft-lockup', title: 'soft lockup in blk_set_queue_dying', loopFunction: 'blk_set_queue_dying', callees: ['_raw_spin_lock_irq'], entry: 'dm_destroy', stuck: 684, eachMin: 22, eachMax: 23, victims: ['migration/13', 'migration/15'], victimCpus: [13, 15] }],
  ['general protection fault without a function', { ...NONE, kind: 'general-protection-fault', title: 'general protection fault' }],
  ['bad access in an identifier starting with _', { ...NONE, kind: 'bad-access', title: 'bad memory access in __memset', culprit: '__memset' }],
  ['WARNING in a function of a module', { ...NONE, kind: 'warning', title: 'WARNING in nf_hook_slow', culprit: 'nf_hook_slow', culpritModule: 'nf_tables' }],
  ['KASAN with its bug type', { ...NONE, kind: 'kasan', title: 'KASAN: use-after-free Read in binder_release_work', culprit: 'binder_release_work', bugType: 'use-after-free', access: 'Read' }],
  ['a title the detector words itself', { ...NONE, kind: 'mce', title: 'Hardware Error: CPU 3 bank 7', others: 2, hosts: ['node-1', 'node-2'] }],
];

describe('Chinese sentence grid: every verdict and finding shape, with and without host, CPU, task and PID', () => {
  for (const [name, shape] of INCIDENTS) {
    for (const subject of SUBJECTS) {
      it(`${name}; ${label(subject)}`, () => {
        const params = { ...shape, ...subject, ...SPAN };
        const sentences = [t('zh', 'verdict.incident', params), t('zh', 'finding.incident', params)];
        for (const s of sentences) expect(problems(s), s).toEqual([]);
      });
    }
  }

  it.each(SUBJECTS.map((s) => [label(s), s] as const))('OOM kill; %s', (_label, subject) => {
    const params = { ...NONE, kind: 'oom', title: 'OOM kill', ...SPAN, ...subject, victim: 'java', victimPid: 1234, invoker: 'stress' };
    for (const s of [t('zh', 'verdict.incident', params), t('zh', 'finding.incident', params)]) expect(problems(s), s).toEqual([]);
  });

  it.each(SUBJECTS.map((s) => [label(s), s] as const))('victim and its note; %s', (_label, subject) => {
    const note = { code: 'note.victim.waits', params: { comm: subject.comm, cpu: subject.cpu, where: 'multi_cpu_stop', causeCpu: 12, causeComm: 'dockerd-current', causeId: 'I1' } };
    const params = { name: subject.comm ?? 'I2', ...subject, ...SPAN, note, cause: 'soft lockup in blk_set_queue_dying', causeKind: 'soft-lockup' };
    expect(problems(t('zh', 'finding.victim', params))).toEqual([]);
    expect(problems(t('zh', 'finding.victim', { ...params, note: null }))).toEqual([]);
  });

  it('recurring problem, with and without hosts and intervals', () => {
    const first = { code: 'finding.incident', params: { ...NONE, kind: 'hung-task', title: 'task hung in mount_bdev', culprit: 'mount_bdev', ...SPAN, host: null, cpu: null, comm: 'syz-executor013', pid: 7561 } };
    const extras: MessageParams[] = [
      { problemHosts: ['node-1', 'node-2'], host: null, intervalMin: 3600, intervalMax: 7200 },
      { problemHosts: [], host: 'node-2', intervalMin: null, intervalMax: null },
      { problemHosts: [], host: null, intervalMin: null, intervalMax: null },
    ];
    for (const extra of extras) {
      const params = { kind: 'hung-task', title: 'task hung in mount_bdev', occurrences: 5, since: '2022-11-01T10:10:00+08:00', until: '2022-11-08T09:10:00+08:00', first, ...extra };
      expect(problems(t('zh', 'finding.recurring', params))).toEqual([]);
      expect(problems(t('zh', 'verdict.incident', { ...first.params, ...params }))).toEqual([]);
    }
  });

  it('events, storage errors, the lines before an incident, hosts, taint, overlap', () => {
    const relation = { code: 'relation.span', params: { start: -249, end: -219 } };
    const sentences = [
      t('zh', 'finding.event', { program: null, template: 'rbd: rbdN: encountered watch error: -107', errno: -107, errnoName: 'ENOTCONN', count: 21, subjects: ['rbd0', 'rbd3'], from: '10:11:00', to: '10:16:00', relation }),
      t('zh', 'finding.event', { program: 'multipathd', template: 'checker failed path N:N in map mpathb', errno: null, errnoName: null, count: 1, subjects: [], from: '10:11:00', to: '10:11:00', relation: { code: 'relation.once', params: { start: 0 } } }),
      t('zh', 'finding.storage', { id: 'I2', kind: 'hung-task', comm: 'jbd2/sdb1-8', device: 'sdb', basis: 'device', frame: 'jbd2_log_wait_commit', lines: 6, kinds: ['io-error', 'timeout'], from: '10:00:01', to: '10:01:40', position: 'before', others: 2 }),
      t('zh', 'finding.storage', { id: 'I3', kind: 'soft-lockup', comm: null, device: 'nvme0n1', basis: 'host', frame: null, lines: 1, kinds: ['reset'], from: '[12.5]', to: '[12.5]', position: 'overlapping', others: 0 }),
      t('zh', 'finding.before', { id: 'I1', templates: ['kasan: CONFIG_KASAN_INLINE enabled'] }),
      t('zh', 'finding.host', { host: 'node-2', hosts: [null], kinds: ['soft-lockup'], titles: ['soft lockup in blk_set_queue_dying'], ids: ['I1'], reports: [24], occurrences: [1] }),
      t('zh', 'finding.simultaneous', { hostCount: 2, from: '10:10:59', to: '10:22:23', hosts: ['node-1', 'node-2'], kinds: ['soft-lockup', 'hung-task'], titles: ['soft lockup in f', 'task hung in g'], ids: ['I1', 'I2'], reports: [3, 1] }),
      t('zh', 'finding.taint', { taint: 'G W OEL', letters: ['W', 'O', 'E', 'L'] }),
      t('zh', 'finding.overlap', { path: 'messages', other: 'journal.json', lines: 1200, of: 1499 }),
      t('zh', 'finding.knownIssue', { id: 'rbd-watch', state: 'confirmed-fix', commit: '1234abcd', subject: 'rbd: fix watch', release: '4.18', distroFixes: ['RHEL 7.6 kernel-3.10.0-957'], title: 'rbd watch error', keys: ['kind', 'culprit', 'callers'], callers: ['__dm_destroy', 'dm_destroy'], confidence: 'culprit-and-caller' }),
      t('zh', 'finding.knownIssue.similar', { id: 'rbd-watch', title: 'rbd watch error', verdict: 'fixed', kernel: '4.19.0', release: '4.18' }),
    ];
    for (const s of sentences) expect(problems(s), s).toEqual([]);
  });
});

/** The parameters each warning is given (a library's own words in `detail`, as yauzl and tar-stream say them). */
const WARNING_PARAMS: Record<WarningCode, WarningParams> = {
  'archive-failed': { members: 3 },
  'archive-too-deep': { max: 2 },
  'archive-without-log': { names: 'messages*, kern.log*, syslog*' },
  'binary-data': {},
  'copies-forgotten': { lines: 300, hosts: 2, host: 'node-007', max: 50000 },
  'copies-unchecked': { lines: 1200, max: 500000 },
  'directory-unreadable': { errno: 'EACCES' },
  'directory-without-log': { names: 'messages*, kern.log*, syslog*' },
  'dis-no-instructions': {},
  'dis-unreadable': {},
  'empty-file': {},
  excluded: {},
  'file-shrank': { read: 100000, size: 230490 },
  'fragments-dropped': { count: 12, max: 20000 },
  'fragments-unmatched': { count: 2 },
  'incidents-omitted': { incidents: 500, max: 1000, reports: 520, count1: 480, kind1: 'soft-lockup', culprit1: 'blk_set_queue_dying', count2: 20, kind2: 'hung-task', culprit2: '', more: 1 },
  'invalid-utf8': {},
  'kb-index-invalid': { detail: 'line 3 is not JSON (a cut-off file?)' },
  'kb-index-missing': {},
  'kb-index-unreadable': {},
  'known-issue-id-mismatch': { id: 'blkcg-list-walk' },
  'known-issue-invalid': { problem: 'not-entry', detail: 'evidence.state: Required' },
  'known-issues-unreadable': { errno: 'ENOENT' },
  'long-lines-cut': { lines: 1 },
  'member-unreadable': { detail: 'invalid local file header signature: 0x0' },
  'nested-zip': {},
  'not-a-file': {},
  'not-read': {},
  'nul-bytes-removed': { bytes: 4096 },
  'only-nul-bytes': { bytes: 4096 },
  'read-failed': { lines: 120 },
  'reports-dropped': { count: 1200, max: 100000, line: 1100012 },
  'reports-unassembled': { count: 2 },
  'spoofed-report': { line: 1, count: 3, program: 'myapp', excerpt: 'BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:1:123]' },
  'src-not-directory': {},
  'src-unreadable': {},
  'symbols-no-lines': {},
  'symbols-unreadable': {},
  'template-cap': { lines: 5000 },
  'unknown-header': { line: 2, excerpt: 'BUG: frobnicated queue state 3 on hctx 2' },
  'utf16-without-bom': { order: 'LE' },
  'vmlinux-unreadable': {},
  'zip-corrupt': { detail: 'end of central directory record signature not found' },
  'zip-overlapping-members': { count: 2001, name1: 'messages.2000', name2: 'messages.1999', name3: 'messages.1998' },
  'zip-too-many-members': { members: 100001, max: 100000 },
  'zip-unreadable': { detail: 'end of central directory record signature not found' },
};

/** The parameters each reason is given. */
const REASON_PARAMS: Record<WarningReason, WarningParams> = {
  'absolute-path': {},
  'archive-budget': { limitBytes: 8 * 1024 ** 3, ratio: 1000 },
  'archive-format': {},
  bzip2: {},
  'compression-bomb': { ratio: 1000 },
  'dotdot-path': {},
  errno: { errno: 'EIO' },
  error: { detail: 'not an ELF file' },
  'gzip-corrupt': { detail: 'incorrect header check' },
  'gzip-truncated': {},
  hardlink: {},
  'is-directory': {},
  'no-such-file': {},
  'no-such-file-or-directory': {},
  'permission-denied': {},
  'size-cap': { limitBytes: 64 * 1024 ** 3 },
  symlink: {},
  'tar-corrupt': { detail: 'Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?' },
  'tar-truncated': {},
  'too-large': { limitBytes: 64 * 1024 ** 2 },
  'xz-corrupt': {},
  'xz-dictionary': { limitBytes: 64 * 1024 ** 2 },
  'xz-error': { xzCode: 9 },
  'xz-memory': {},
  'xz-not-xz': {},
  'xz-options': {},
  'xz-truncated': {},
  zstd: {},
};

/** Warnings whose sentence says why a file could not be read: each is said with every reason. */
const WITH_REASON: readonly WarningCode[] = ['archive-failed', 'read-failed', 'excluded', 'not-read', 'kb-index-unreadable', 'dis-unreadable', 'symbols-unreadable', 'vmlinux-unreadable', 'src-unreadable'];

const WARNING_ROWS = WARNING_CODES.flatMap((code) =>
  (WITH_REASON.includes(code) ? WARNING_REASONS : [null]).flatMap((reason) =>
    ['var/log/messages', null].map((path) => ({ path, code, params: { ...WARNING_PARAMS[code], ...(reason ? { reason, ...REASON_PARAMS[reason] } : {}) } })),
  ),
);

describe('Chinese run warnings: every code (with every reason it may carry), with and without the path it names', () => {
  it.each(WARNING_ROWS.map((w) => [`${w.code}${w.params.reason ? ` (${w.params.reason})` : ''}${w.path ? ' with a path' : ''}`, w] as const))('%s', (_name, w) => {
    const line = warningLine('zh', w);
    expect(problems(line), line).toEqual([]);
    // Said in Chinese, not the English sentence again.
    expect(line).toMatch(/[\u4e00-\u9fff]/);
    expect(line.startsWith(w.path ? `${w.path}：` : line.slice(0, 1))).toBe(true);
  });

  it('reads as expected for a file cut short and a refused member', () => {
    expect(warningLine('zh', { path: 'node-2.tar.gz', code: 'read-failed', params: { reason: 'gzip-truncated', lines: 120 } })).toBe('node-2.tar.gz：压缩数据提前结束（文件被截断）；已分析此前的 120 行');
    expect(warningLine('zh', { path: 'a.zip:../messages', code: 'not-read', params: { reason: 'dotdot-path' } })).toBe('a.zip:../messages：已拒绝：归档中含 `..` 的路径');
    expect(warningLine('en', { path: 'a.zip:../messages', code: 'not-read', params: { reason: 'dotdot-path' } })).toBe('a.zip:../messages: refused: path with ".." in the archive');
  });
});

describe('Chinese run errors: every stage a run error names, with the report it was working on', () => {
  it.each(STAGE_CODES.map((stage) => [stage] as const))('%s', (stage) => {
    const line = sayRunError('zh', { stage, params: { kind: 'soft-lockup', at: 'var/log/messages:120' }, message: 'boom' });
    expect(problems(line), line).toEqual([]);
    expect(line).toMatch(/[\u4e00-\u9fff]时出错：boom$/);
  });

  it('the machine-code section names its kinds of address in Chinese', () => {
    const words = ['rip', 'frame', 'stack word'].map((w) => t('zh', `ui.machine.where.${w}`)).concat(['rip', 'return'].map((r) => t('zh', `ui.machine.role.${r}`)));
    expect(words).toEqual(['RIP', '调用栈帧', '栈上的字', 'RIP', '返回地址']);
  });

  it('names the detector and the report', () => {
    expect(sayRunError('zh', { stage: 'detector', params: { kind: 'hung-task', at: 'messages:7' }, message: 'x' })).toBe('hung-task 检测器读取 messages:7 的报告时出错：x');
    expect(sayRunError('en', { stage: 'detector', params: { kind: 'hung-task', at: 'messages:7' }, message: 'x' })).toBe('error in detector hung-task at messages:7: x');
  });
});

/**
 * English words left in a Chinese line: what remains once code spans, paths, identifiers (a digit or `_` inside),
 * hex, upper-case names (CPU, KASAN, D) and the kernel's own terms are taken out.
 */
const KERNEL_TERMS = new Set(['printk', 'dentry', 'lockdep', 'panic', 'oops', 'slab', 'magic', 'kobject', 'usercopy', 'key', 'proc', 'jiffies']);
function latinWords(sentence: string): string[] {
  const text = sentence.replace(/`[^`]*`/g, ' ').replace(/\S*\/\S*/g, ' ');
  return [...text.matchAll(/[A-Za-z][\w'-]*/g)].map((m) => m[0]).filter((w) => w.length > 1 && !/[\d_]/.test(w) && !/^[A-Z][A-Z-]*$/.test(w) && !KERNEL_TERMS.has(w));
}

/** Each reason a report is damaged, and each detail phrase, with the parameters the detectors give (tasks known or not). */
const CODE_ROWS: [string, MessageParams][] = [
  ...CORRUPTION_CODES.filter((c) => !['corruption.otherDump', 'corruption.negativePid', 'corruption.rcu.noBacktrace', 'corruption.panic.followsMissing', 'corruption.headerMissing'].includes(c)).map((c): [string, MessageParams] => [c, {}]),
  ...[12, null].flatMap((dumpCpu) => [7561, null].flatMap((dumpPid) => [13, null].map((cpu): [string, MessageParams] => ['corruption.otherDump', { dumpCpu, dumpPid, cpu, pid: cpu === null ? 7562 : null }]))),
  ['corruption.negativePid', { pid: -1 }],
  ['corruption.rcu.noBacktrace', { cpus: [2] }],
  ['corruption.rcu.noBacktrace', { cpus: [2, 5] }],
  ...FOLLOWS.map((follows): [string, MessageParams] => ['corruption.panic.followsMissing', { follows }]),
  ...(['soft-lockup', 'hung-task', 'warning'] as const).map((kind): [string, MessageParams] => ['corruption.headerMissing', { kind }]),
  ...DETAIL_CODES.filter((c) => !['detail.kcsan.access', 'detail.lockdep', 'detail.fault', 'detail.follows'].includes(c)).map((c): [string, MessageParams] => [c, { device: 'loop0', cache: 'kmalloc-64', message: 'Poison overwritten', function: 'smp_processor_id' }]),
  ...[94, null].flatMap((pid) => ['read', 'write (marked)', 'read-write'].map((op): [string, MessageParams] => ['detail.kcsan.access', { op, size: 8, address: '0xffffffff85a7f140', pid, cpu: 0 }])),
  ...LOCKDEP_PROBLEMS.map((problem): [string, MessageParams] => ['detail.lockdep', { problem }]),
  ...FAULTS.map((fault): [string, MessageParams] => ['detail.fault', { fault }]),
  ...FOLLOWS.map((follows): [string, MessageParams] => ['detail.follows', { follows }]),
  ...SIDES.flatMap((side) => [32, null].map((region): [string, MessageParams] => ['detail.located', { bytes: 8, side, region }])),
];

describe('Chinese sentence grid: what a waiting task waits for, its holder seen or not', () => {
  const kinds = ['lock', 'journal', 'io', 'rcu-gp', 'ipi', 'stop-machine'] as const;
  const resources = { lock: '&sb->s_umount', journal: 'sdb1', io: 'sdb', 'rcu-gp': null, ipi: null, 'stop-machine': null };
  it.each(kinds.flatMap((kind) => [resources[kind], null].map((resource) => [kind, resource] as const)))('%s on %s', (kind, resource) => {
    const hints = { lock: HOLDER_HINTS.lock, ipi: HOLDER_HINTS.ipi, 'rcu-gp': HOLDER_HINTS.cpu, 'stop-machine': HOLDER_HINTS.cpu, journal: HOLDER_HINTS.task, io: HOLDER_HINTS.task }[kind];
    const sentences = [
      t('zh', 'note.wait.unseen', { kind, resource, hints: [...hints] }),
      t('zh', 'note.wait.chain', { kind, resource, holder: 'kworker/u8:0', holderPid: 812, holderCpu: 3, running: 'blk_mq_run_hw_queue', causeId: 'I1' }),
      t('zh', 'note.wait.chain', { kind, resource, holder: null, holderPid: null, holderCpu: null, running: null, causeId: null }),
    ];
    for (const s of sentences) expect(problems(s), s).toEqual([]);
  });

  it.each([
    ['a task with its CPU and incident', 'rsync/400（wait_transaction_locked，I2）'],
    ['a CPU', 'CPU 12'],
  ])('the graph section: a wait and a chain from %s', (_name, from) => {
    const edge = t('zh', 'ui.wait.edge', { from, to: 'jbd2/sdb1-8/300（jbd2_journal_commit_transaction，I1）', what: t('zh', 'ui.wait.on', { kind: 'journal', resource: 'sdb1' }), how: t('zh', 'ui.wait.how', { how: 'stack' }), at: 'messages:18', storage: null });
    for (const s of [edge, t('zh', 'ui.wait.chain', { root: from, waiters: 2 })]) expect(problems(s), s).toEqual([]);
  });
});

describe('Chinese sentence grid: why a report is damaged, and the detail values that are phrases', () => {
  it('has a row for every corruption and detail code', () => {
    const covered = new Set(CODE_ROWS.map(([code]) => code));
    expect([...CORRUPTION_CODES, ...DETAIL_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(CODE_ROWS.map(([code, params]) => [`${code} ${JSON.stringify(params)}`, code, params] as const))('%s', (_name, code, params) => {
    const zh = t('zh', code, params);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(problems(zh), zh).toEqual([]);
    expect(latinWords(zh), zh).toEqual([]);
    expect(t('en', code, params)).not.toBe(code);
  });
});

describe('the rules catch what they are for', () => {
  it.each([
    ['（syz-executor013，PID 7561）发生mount_bdev 中的任务挂起。', 'subject glued to 发生'],
    ['发生 mount_bdev 中的任务挂起。', 'no subject'],
    ['CPU ? 上的 migration/13 是受害者。', 'missing fact shown'],
    ['罪魁函数 f。', 'old wording'],
    ['卡在以 f 为界的循环中。', 'old wording'],
    ['发现 WARNING 警告。', 'WARNING doubled'],
    ['系统调用 syscall 为 openat。', 'English word'],
    ['涉及 rbd0, rbd3 (共 2 个)。', 'half-width punctuation against Chinese'],
    ['位于模块nf_tables 中。', 'no space between Chinese and Latin'],
    ['该任务在等待  I/O。', 'double space'],
    ['CPU 12（blk_set_queue_dying，I1） 阻塞了 2 个等待的任务或 CPU', 'space beside full-width punctuation'],
  ])('%s', (sentence, rule) => {
    expect(problems(sentence).some((p) => p.startsWith(rule))).toBe(true);
  });
});

/** The verdict and finding lines of a Chinese text report. */
function verdictAndFindings(report: string): string[] {
  const lines = report.split('\n');
  const from = lines.indexOf('结论');
  const to = lines.findIndex((l, n) => n > from && /^I\d+ /.test(l));
  return lines
    .slice(from + 1, to < 0 ? undefined : to)
    .filter((l) => /^\s+(?:!!| !| i)?\s*\S/.test(l) && !/^\s+I\d+\s/.test(l) && !['内核事件', '发现', '后续步骤'].includes(l.trim()))
    .map((l) => l.replace(/^\s+(?:!!| !| i)?\s*/, ''));
}

const node2 = analyzeText(readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8'), 'messages', { now: () => new Date('2022-11-13T00:00:00Z') });

describe('Chinese reports of real logs read as sentences', () => {
  it('node-2 (a bundle with its host)', () => {
    const result = node2;
    const zh = renderText(result, { color: false, lang: 'zh' });
    const sentences = verdictAndFindings(zh);
    expect(sentences[0]).toBe('node-2 的 CPU 12 上的任务 dockerd-current（PID 39156）发生软锁死：卡在循环中至少 11 分 24 秒，循环范围在 blk_set_queue_dying 内，入口为 dm_ctl_ioctl；migration/13、migration/15 只是在等待它。');
    for (const s of sentences) expect(problems(s), s).toEqual([]);
  });

  describeWithShared('syzkaller logs without a host', () => {
    it.each(['0', '100', '1000'])('corpus/syzkaller-linux/%s', (name) => {
      const path = `${CORPUS_DIR}/${name}`;
      const result = analyzeText(readFileSync(path, 'utf8'), path);
      expect(result.incidents.every((i) => i.host === null)).toBe(true);
      const sentences = verdictAndFindings(renderText(result, { color: false, lang: 'zh' }));
      expect(sentences.length).toBeGreaterThan(1);
      for (const s of sentences) expect(problems(s), s).toEqual([]);
    });
  });
});

/** The value of each `label value` row of an incident section of a text report, by label. */
function rowValues(report: string, label: string): string[] {
  return report.split('\n').flatMap((l) => (l.startsWith(`  ${label} `) ? [l.slice(label.length + 3).trim()] : []));
}

describeWithShared('Chinese reports of damaged corpus logs: why a report is damaged and the phrases among its details', () => {
  // 138: a hung task with no reliable frame, its trace cut by the end of the log; 208: fault injection mixed into an
  // atomic-sleep report; 221: a hung-task panic without its report; 102: lockdep without its lock line.
  it.each(['138', '208', '221', '102'])('corpus/syzkaller-linux/%s', (name) => {
    const path = `${CORPUS_DIR}/${name}`;
    const result = analyzeText(readFileSync(path, 'utf8'), path);
    const zh = renderText(result, { color: false, lang: 'zh' });
    const damaged = rowValues(zh, t('zh', 'ui.damaged'));
    expect(damaged.length).toBe(result.incidents.filter((i) => i.corrupted).length);
    const keys = [...new Set(result.incidents.flatMap((i) => Object.keys(i.detailMessages)))];
    const phrases = keys.flatMap((key) => rowValues(zh, detailLabel('zh', key)));
    expect(phrases.length).toBeGreaterThanOrEqual(keys.length);
    for (const line of [...damaged, ...phrases]) {
      expect(line).toMatch(/[\u4e00-\u9fff]/);
      expect(problems(line), line).toEqual([]);
      expect(latinWords(line), line).toEqual([]);
    }
    // The English report says the same rows from the JSON's English.
    const en = renderText(result, { color: false, lang: 'en' });
    for (const i of result.incidents.filter((x) => x.corrupted)) expect(rowValues(en, t('en', 'ui.damaged'))).toContain(i.corruptionReasons.join('; '));
    // Markdown and HTML say the same Chinese rows, and none of the JSON's English.
    const [md, page] = [renderMarkdown(result, 'zh'), renderHtml(result, 'zh')];
    for (const line of damaged) expect(md).toContain(line);
    for (const line of damaged) expect(page).toContain(line);
    for (const reason of result.incidents.flatMap((i) => i.corruptionReasons)) {
      expect(md).not.toContain(reason);
      expect(page).not.toContain(reason);
    }
  });
});

describe('HTML: where the other reports of an episode are, in the reader\'s language', () => {
  it('says it in English and in Chinese', () => {
    const culprit = node2.incidents.find((i) => i.cpu === 12)!;
    const lines = culprit.evidence.slice(1, 12).map((e) => e.line);
    expect(renderHtml(node2, 'en')).toContain(`; the other 23 reports of this episode are at lines ${lines.join(', ')}, ...`);
    const zh = renderHtml(node2, 'zh');
    expect(zh).toContain(`；本次事件的其余 23 次报告位于第 ${lines.join('、')} 等行。`);
    expect(zh).not.toMatch(/reports of this episode|instruction starts here|>From </);
  });
});
