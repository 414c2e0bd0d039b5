import { detailMessage } from '../codes.js';
import { defineHeaderDetector } from '../define.js';
import { blamePart, firstMatch, PANIC_INSIDE_REPORT_RE } from '../sections.js';

// `BUG: spinlock bad magic on CPU#0, syz-executor/4160`, `BUG: spinlock recursion on CPU#1, ...`, `BUG: spinlock lockup
// suspected on CPU#0, ...` (2.6.2x-2.6.3x: `BUG: spinlock lockup on CPU#0, swapper/0, ffffffff81a0a040`), `BUG: spinlock already
// unlocked on CPU#1, ...`, `BUG: rwlock bad magic on CPU#1, ...`.
// Task names are at most 15 characters (TASK_COMM_LEN): `.{1,64}` bounds the scan for the `/pid` after one.
const HEADER_RE = /BUG: (spinlock|rwlock) (bad magic|recursion|lockup(?: suspected)?|already unlocked|wrong owner|wrong CPU|cpu recursion) on CPU#(\d+), (.{1,64})\/(-?\d+)/;
// ` lock: 0xffff8801c5b4b0c8, .magic: dead4ead, .owner: syz-executor/4160, .owner_cpu: 0`
const LOCK_RE = /^lock: (\S+?),? \.magic: ([0-9a-f]+), \.owner: (.+?), \.owner_cpu: (-?\d+)/;
/** The spinlock debug checks themselves. */
const isSpinlockCode = (fn: string): boolean => /spin_|_lock$|_unlock$|^do_raw_|^spin_dump|^spin_bug|^rwlock_bug/.test(fn);

export const spinlockBug = defineHeaderDetector({
  kind: 'spinlock-bug',
  meta: {
    description: 'Spinlock debugging (CONFIG_DEBUG_SPINLOCK) caught a corrupted, recursively taken, wrongly released or stuck spinlock or rwlock.',
    examples: ['BUG: spinlock bad magic on CPU#0, syz-executor/4160', 'BUG: spinlock lockup suspected on CPU#1, swapper/1/0', 'BUG: spinlock lockup on CPU#0, swapper/0, ffffffff81a0a040'],
  },
  header: HEADER_RE,
  body: 'trace',
  absorbs: [PANIC_INSIDE_REPORT_RE],
  bodyLines: [/^\s*lock: \S+,? \.magic:/],
  describe(match, report) {
    report.details['lockType'] = match[1]!;
    // (2.6 said `lockup` for what is `lockup suspected` since 3.x)
    report.details['problem'] = match[2] === 'lockup' || match[2] === 'lockup suspected' ? detailMessage('detail.problem.spinlockLockup') : match[2]!;
    report.cpu ??= Number(match[3]);
    report.comm ??= match[4]!;
    report.pid ??= Number(match[5]);
    const lock = firstMatch(report.lines, LOCK_RE);
    if (lock) {
      report.details['lock'] = lock[1]!;
      report.details['magic'] = lock[2]!;
      report.details['owner'] = lock[3]!;
      report.details['ownerCpu'] = Number(lock[4]);
    }
    blamePart(report, { from: /^Call [Tt]race:|^Backtrace:/, skip: isSpinlockCode });
  },
});
