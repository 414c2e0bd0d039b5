import { checkTrace } from '../define.js';
import { makeTitle, type IncidentKind } from '../../result/kinds.js';
import { buildReport } from '../report.js';
import { blamePart, PANIC_INSIDE_REPORT_RE, symbolRef } from '../sections.js';
import type { Detector } from '../types.js';

// The WARN()/WARN_ON() header in each era:
//   `WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00` (3.11+; 3.10 RHEL 7 adds `()`)
//   `WARNING: at net/core/dev.c:1915 skb_warn_bad_offload+0xb2/0xf0()`                          (before 3.11)
//   `WARNING: [cond] io_uring/io_uring.c:3026 at io_ring_exit_work+0x44c/0xbc0, CPU#0: kworker/u8:0/10040` (6.17+)
//   `WARNING: kernel stack regs at ffff8801d100fea8 in syz-executor1:16059 has bad 'bp' value ...` (unwinder, no trace)
const MODERN = String.raw`CPU: (\d+) PID: (\d+) at (\S+):(\d+) (\S+)`;
const OLD = String.raw`at (\S+):(\d+) (\S+?)\(\)`;
// (the condition and the task name bounded: `WARNING: [ ] ` repeated must not make each start scan the rest of the line)
const NEW = String.raw`(?:\[.{0,200}\] )?(\S+\.\w+):(\d+) at (\S+), CPU#(\d+): (.{1,64})\/(\d+)`;
// (4.15+ hashes or hides the pointers: `at         (ptrval) in syz:4493`)
const UNWINDER = String.raw`kernel stack (?:regs|frame pointer) at (?:[0-9a-f]+|\s*\(ptrval\)) in (.{1,64}?):(\d+) has bad`;
const HEADER_RE = new RegExp(`WARNING: (?:${MODERN}|${OLD}|${NEW}|${UNWINDER})`);

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
  { file: /^mm\/(?:slab|slub|slab_common|page_alloc|vmalloc|util|percpu|memcontrol)\.c$/, what: 'allocation', skip: /alloc|^kv?free|slab|^kmem|^__?kmalloc|^vm_|^vmap|_noprof$/ },
  { file: /^drivers\/usb\/core\/(?:urb|message)\.c$/, what: 'USB transfer', skip: /^usb_(?:submit_urb|start_wait_urb|bulk_msg|interrupt_msg|control_msg|hcd_submit_urb)/ },
];

interface WarningHeader {
  readonly cpu: number | null;
  readonly pid: number | null;
  readonly comm: string | null;
  readonly file: string | null;
  readonly line: number | null;
  readonly symbol: string | null;
}

function parseHeader(m: RegExpExecArray): WarningHeader {
  if (m[1] !== undefined) return { cpu: Number(m[1]), pid: Number(m[2]), comm: null, file: m[3]!, line: Number(m[4]), symbol: m[5]!.replace(/\(\)$/, '') };
  if (m[6] !== undefined) return { cpu: null, pid: null, comm: null, file: m[6], line: Number(m[7]), symbol: m[8]! };
  if (m[9] !== undefined) return { cpu: Number(m[12]), pid: Number(m[14]), comm: m[13]!, file: m[9], line: Number(m[10]), symbol: m[11]! };
  return { cpu: null, pid: Number(m[16]), comm: m[15]!, file: null, line: null, symbol: null };
}

export const warning: Detector = {
  kind: 'warning',
  meta: {
    description: 'A WARN()/WARN_ON() condition the kernel developers believed impossible came true; the kernel printed the place and a call trace and went on (or panicked with panic_on_warn).',
    examples: [
      'WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00',
      'WARNING: at net/core/dev.c:1915 skb_warn_bad_offload+0xb2/0xf0()',
      'WARNING: [time_after(jiffies, timeout)] io_uring/io_uring.c:3026 at io_ring_exit_work+0x44c/0xbc0, CPU#0: kworker/u8:0/10040',
    ],
  },
  header: HEADER_RE,
  body: 'trace',
  absorbs: [PANIC_INSIDE_REPORT_RE],
  detect(block) {
    const match = HEADER_RE.exec(block.lines[block.headerIndex]!.text);
    if (!match) return null;
    const header = parseHeader(match);
    const helper = header.file ? HELPER_FRAMES.find((h) => h.file.test(header.file!)) : undefined;
    // Lockdep's own WARN_ONs (DEBUG_LOCKS_WARN_ON) report a locking bug, not a failed assertion of the caller.
    const kind: IncidentKind = helper?.what === 'locking' ? 'lockdep' : 'warning';
    const report = buildReport(kind, block);
    report.cpu ??= header.cpu;
    report.pid ??= header.pid;
    report.comm ??= header.comm;
    report.details['source'] = header.file ? `${header.file}:${header.line}` : null;
    if (helper) report.details['raisedBy'] = helper.what;
    if (block.lines.some((l) => /Kernel panic - not syncing: (?:kernel: )?panic_on_warn set/.test(l.text))) report.details['panicOnWarn'] = true;
    const headerFunction = header.symbol && !/^0x/.test(header.symbol) ? symbolRef(header.symbol) ?? { function: header.symbol, module: null } : null;
    blamePart(report, { atRip: true, ...(helper ? { skip: (fn: string) => helper.skip.test(fn) } : {}) }, headerFunction);
    if (header.file === null) {
      // The unwinder's complaint carries no stack of its own.
      report.culprit = null;
      report.title = makeTitle(kind, null);
      report.details['problem'] = 'kernel stack unwinder found a bad frame';
    } else checkTrace(report, block);
    return report;
  },
};
