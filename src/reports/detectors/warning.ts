import { detailMessage } from '../codes.js';
import { checkTrace } from '../define.js';
import { isGenericFrame } from '../../knowledge/frames.js';
import { makeTitle, type IncidentKind } from '../../result/kinds.js';
import { isHardwareLine, isStructuralLine } from '../body.js';
import { refOf } from '../frames.js';
import { buildReport, flagNegativePid } from '../report.js';
import { blamePart, PANIC_INSIDE_REPORT_RE, symbolRef } from '../sections.js';
import type { Detector, ReportBlock } from '../types.js';
import { LIST_MESSAGE_RE } from './list-corruption.js';

// The WARN()/WARN_ON() header in each era:
//   `WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00` (3.11+; 3.10 RHEL 7 adds `()`)
//   `WARNING: at net/core/dev.c:1915 skb_warn_bad_offload+0xb2/0xf0()`, `... func+0x1/0x2 [mod]()`  (before 3.11)
//   `WARNING: at fs/xfs/xfs_aops.c:1244` (lib/bug.c report_bug before 3.11: ppc64, s390x, arm64 name no function;
//   the site is in the NIP/PSW/PC line, or wrapped onto the next line as `func+0x1/0x2()`); `WARNING: atkernel/...` (a lost space)
//   `Badness at kernel/sched.c:1234`, `Badness in func at file:line` (powerpc before 2.6.2x)
//   `WARNING: [cond] io_uring/io_uring.c:3026 at io_ring_exit_work+0x44c/0xbc0, CPU#0: kworker/u8:0/10040` (6.17+)
//   `WARNING: kernel stack regs at ffff8801d100fea8 in syz-executor1:16059 has bad 'bp' value ...` (unwinder, no trace)
//   `BUG: warning at kernel/softirq.c:138/local_bh_enable() (Not tainted)` (2.6.16-2.6.24, before WARNING: took over)
// Assertions that print their own line and dump_stack() only, no WARN: `RTNL: assertion failed at net/core/dev.c (1234)`
// (ASSERT_RTNL before 4.x; since, a WARN follows the line), `sysctl table check failed: /net/foo .3.99 Missing strategy` (2.6.2x).
const MODERN = String.raw`CPU: (\d+) PID: (-?\d+) at (\S+):(\d+) (\S+)`;
// (RHEL 6 appends the taint: `dev_watchdog+0x26b/0x280() (Not tainted)`)
const OLD = String.raw`at ?(\S+?):(\d+)(?: (\S+?(?: \[[\w-]{1,64}\])?)\(\)(?: \((?:Not tainted|Tainted: [A-Z ]{1,40})\))?)?$`;
// (the condition and the task name bounded: `WARNING: [ ] ` repeated must not make each start scan the rest of the line)
const NEW = String.raw`(?:\[.{0,200}\] )?(\S+\.\w+):(\d+) at (\S+), CPU#(\d+): (.{1,64})\/(-?\d+)`;
// (4.15+ hashes or hides the pointers: `at         (ptrval) in syz:4493`)
const UNWINDER = String.raw`kernel stack (?:regs|frame pointer) at (?:[0-9a-f]+|\s*\(ptrval\)) in (.{1,64}?):(\d+) has bad`;
const BADNESS = String.raw`Badness (?:in (\S+) )?at (\S+?):(\d+)$`;
// (the sysctl problem is read past the match: a capture to the end of the line would rescan it from each start)
const ASSERTION = String.raw`RTNL: assertion failed at (\S+) \((\d+)\)|(sysctl table check failed: )`;
// 2.6.16-2.6.24 WARN_ON (include/asm-*/bug.h): `BUG: warning at kernel/softirq.c:138/local_bh_enable() (Not tainted)`.
const BUG_WARNING = String.raw`BUG: warning at (\S+?):(\d+)\/([A-Za-z_][\w.]{0,127})\(\)(?: \((?:Not tainted|Tainted: [A-Z ]{1,40})\))?$`;
const HEADER_RE = new RegExp(`(?:WARNING: (?:${MODERN}|${OLD}|${NEW}|${UNWINDER})|${BADNESS}|${ASSERTION}|${BUG_WARNING})`);
// The function of an old header wrapped onto the next line: ` xfs_vm_releasepage+0x5c/0x70 [xfs]()`.
const WRAPPED_SYMBOL_RE = /^\s*([A-Za-z_.$][\w.$]{0,255}\+0x[0-9a-f]{1,16}\/0x[0-9a-f]{1,16}(?: \[[\w-]{1,64}\])?)\(\)$/;
/** The checker's own frames of a dump_stack() assertion, past which its caller is blamed (the sysctl check's registration path). */
const ASSERTION_SKIP: Readonly<Record<string, RegExp>> = {
  RTNL: /^dump_stack$/,
  'sysctl table check': /^(?:dump_stack|set_fail|sysctl_check_\w+|__register_sysctl_\w+|register_sysctl\w*)$/,
};

/**
 * Warnings raised by a helper on behalf of its caller, by the helper's source file: the frames of
 * the helper are skipped so that the caller is blamed (an ODEBUG warning blames who freed the object).
 */
const HELPER_FRAMES: readonly { readonly file: RegExp; readonly skip: RegExp; readonly what: string }[] = [
  // ODEBUG reports the object's owner API (timers, work, RCU, the allocator) wherever it sits in the name.
  { file: /^lib\/debugobjects\.c$/, what: 'ODEBUG', skip: /debug_|rcu|timer_|work_|percpu_|kmem_|slab_|kfree|vunmap|vfree|__free_|kobject_/ },
  { file: /^mm\/usercopy\.c$/, what: 'bad usercopy', skip: /usercopy|^__check|^check_/ },
  { file: /^lib\/kobject\.c$/, what: 'kobject', skip: /^kobject_/ },
  { file: /^fs\/proc\/generic\.c$/, what: 'proc registration', skip: /^proc_/ },
  { file: /^lib\/refcount\.c$|^include\/linux\/refcount\.h$/, what: 'refcount', skip: /refcount|^kobject_/ },
  { file: /^kernel\/locking\/lockdep\.c$/, what: 'locking', skip: /^lock_sock|^release_sock/ },
  // CONFIG_DEBUG_LIST's checks before 4.16 (a WARN whose message follows its line): blamed on the list's user.
  { file: /^lib\/list_debug\.c$/, what: 'list', skip: /^(?:__)?h?list_/ },
  { file: /^mm\/(?:slab|slub|slab_common|page_alloc|vmalloc|util|percpu|memcontrol)\.c$/, what: 'allocation', skip: /alloc|^kv?free|slab|^kmem|^__?kmalloc|^vm_|^vmap|_noprof$/ },
  { file: /^drivers\/usb\/core\/(?:urb|message)\.c$/, what: 'USB transfer', skip: /^usb_(?:submit_urb|start_wait_urb|bulk_msg|interrupt_msg|control_msg|hcd_submit_urb)/ },
];

/**
 * The message of WARN(cond, fmt): the lines 4.15+ kernels print between `cut here` and the header (ReportBlock.before),
 * or those that follow the header up to the first of the report's structure (kernels before 4.15 print it there, 2.6
 * after the `Hardware name:` line, and arm64 6.x again); as one text, null for none.
 */
function warnMessage(block: ReportBlock): string | null {
  // 4.15+ print it between the `cut here` line and the header
  if (block.before && block.before.length > 0) return block.before.map((l) => l.text.trim()).join(' ');
  const message: string[] = [];
  for (const line of block.lines.slice(block.headerIndex + 1)) {
    const text = line.text.trim();
    // (panic_on_warn's panic is printed there too: it is no part of the message)
    if (isHardwareLine(text) || WRAPPED_SYMBOL_RE.test(text) || PANIC_INSIDE_REPORT_RE.test(text)) continue;
    if (isStructuralLine(text)) break;
    message.push(text);
  }
  return message.length > 0 ? message.join(' ') : null;
}

interface WarningHeader {
  /** A dump_stack() assertion (no WARN): blamed on the first caller past the dump. */
  readonly assertion: string | null;
  readonly problem: string | null;
  readonly cpu: number | null;
  readonly pid: number | null;
  readonly comm: string | null;
  readonly file: string | null;
  readonly line: number | null;
  readonly symbol: string | null;
}

// (every field, so that each header below only overrides: fields added to a spread copy cost V8 some 5 µs, see ripFrom)
const NONE: WarningHeader = { assertion: null, problem: null, cpu: null, pid: null, comm: null, file: null, line: null, symbol: null };

function parseHeader(m: RegExpExecArray): WarningHeader {
  if (m[1] !== undefined) return { ...NONE, cpu: Number(m[1]), pid: Number(m[2]), file: m[3]!, line: Number(m[4]), symbol: m[5]!.replace(/\(\)$/, '') };
  if (m[6] !== undefined) return { ...NONE, file: m[6], line: Number(m[7]), symbol: m[8] ?? null };
  if (m[9] !== undefined) return { ...NONE, cpu: Number(m[12]), pid: Number(m[14]), comm: m[13]!, file: m[9], line: Number(m[10]), symbol: m[11]! };
  if (m[15] !== undefined) return { ...NONE, pid: Number(m[16]), comm: m[15] };
  if (m[18] !== undefined) return { ...NONE, file: m[18], line: Number(m[19]), symbol: m[17] ?? null };
  if (m[20] !== undefined) return { ...NONE, assertion: 'RTNL', file: m[20], line: Number(m[21]) };
  if (m[23] !== undefined) return { ...NONE, file: m[23], line: Number(m[24]), symbol: m[25]! };
  return { ...NONE, assertion: 'sysctl table check', problem: m.input.slice(m.index + m[0].length) };
}

/** The function of an old header that named none on its own line: the console wrapped it onto the next. */
function wrappedSymbol(block: ReportBlock): string | null {
  const next = block.lines[block.headerIndex + 1];
  return next ? (WRAPPED_SYMBOL_RE.exec(next.text)?.[1] ?? null) : null;
}

export const warning: Detector = {
  kind: 'warning',
  meta: {
    description: 'A WARN()/WARN_ON() condition the kernel developers believed impossible came true; the kernel printed the place and a call trace and went on (or panicked with panic_on_warn).',
    examples: [
      'WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00',
      'WARNING: at net/core/dev.c:1915 skb_warn_bad_offload+0xb2/0xf0()',
      'WARNING: [time_after(jiffies, timeout)] io_uring/io_uring.c:3026 at io_ring_exit_work+0x44c/0xbc0, CPU#0: kworker/u8:0/10040',
      'WARNING: at fs/xfs/xfs_aops.c:1244',
      'BUG: warning at kernel/softirq.c:138/local_bh_enable() (Not tainted)',
      'Badness at kernel/sched/core.c:3012',
      'RTNL: assertion failed at net/core/dev.c (4726)',
      'sysctl table check failed: /net/ipv4/foo .3.99 Missing strategy',
    ],
  },
  header: HEADER_RE,
  body: 'trace',
  bodyLines: [WRAPPED_SYMBOL_RE],
  // (WARN(cond, fmt)'s message: printed after the header before 4.15, before it since; see warnMessage)
  messageLines: 3,
  // (4.x+ ASSERT_RTNL is a WARN_ONCE that prints its line after the WARNING line; so did CONFIG_DEBUG_LIST before 4.16)
  absorbs: [PANIC_INSIDE_REPORT_RE, /^RTNL: assertion failed at /, LIST_MESSAGE_RE],
  detect(block) {
    const match = HEADER_RE.exec(block.lines[block.headerIndex]!.text);
    if (!match) return null;
    const header = parseHeader(match);
    const helper = header.file ? HELPER_FRAMES.find((h) => h.file.test(header.file!)) : undefined;
    // Lockdep's own WARN_ONs (DEBUG_LOCKS_WARN_ON) report a locking bug, not a failed assertion of the caller.
    const kind: IncidentKind = helper?.what === 'locking' ? 'lockdep' : helper?.what === 'list' ? 'list-corruption' : 'warning';
    const report = buildReport(kind, block);
    report.cpu ??= header.cpu;
    report.pid ??= header.pid;
    report.comm ??= header.comm;
    report.details['source'] = header.file ? `${header.file}:${header.line}` : null;
    if (helper) report.details['raisedBy'] = helper.what;
    const listMessage = kind === 'list-corruption' ? block.lines.map((l) => LIST_MESSAGE_RE.exec(l.text.trimStart())).find((m) => m) : undefined;
    // (the unwinder's complaint names no WARN site: the lines under it are its dump, not a message)
    const message = listMessage?.[0] ?? (header.file !== null && header.assertion === null ? warnMessage(block) : null);
    if (message) report.details['message'] = message.trim();
    if (block.lines.some((l) => /Kernel panic - not syncing: (?:kernel: )?panic_on_warn set/.test(l.text))) report.details['panicOnWarn'] = true;
    const symbol = header.symbol ?? (header.file && header.assertion === null ? wrappedSymbol(block) : null);
    const headerFunction = symbol && !/^0x/.test(symbol) ? (symbolRef(symbol) ?? { function: symbol, module: null }) : null;
    if (header.assertion !== null) {
      const skip = ASSERTION_SKIP[header.assertion]!;
      report.details['assertion'] = header.assertion;
      if (header.problem) report.details['problem'] = header.problem;
      blamePart(report, { from: /^Call [Tt]race:|^Backtrace:/, skip: (fn) => skip.test(fn) });
      checkTrace(report, block);
    } else {
      blamePart(report, { atRip: true, ...(helper ? { skip: (fn: string) => helper.skip.test(fn) } : {}) }, headerFunction);
      // The helper's own name from the header (`__list_add`) is no culprit: when the report has no registers and its trace
      // is all guessed (`? ` frames, as 2.6 prints a WARNING's), the first guessed frame past the helper is.
      if (helper && report.rip === null && report.culprit && helper.skip.test(report.culprit.function)) {
        const guessed = report.stack.find((f) => !f.function.startsWith('0x') && !isGenericFrame(f.function) && !helper.skip.test(f.function));
        if (guessed) {
          report.culprit = refOf(guessed);
          report.title = makeTitle(kind, guessed.function);
        }
      }
      if (header.file === null) {
        // The unwinder's complaint carries no stack of its own.
        report.culprit = null;
        report.title = makeTitle(kind, null);
        report.details['problem'] = detailMessage('detail.problem.badUnwind');
      } else checkTrace(report, block);
    }
    flagNegativePid(report);
    return report;
  },
};
