import { matcher } from '../../knowledge/frames.js';
import type { LogLine } from '../../lines/types.js';
import { makeTitle } from '../../result/kinds.js';
import { pickCulprit } from '../culprit.js';
import { defineHeaderDetector } from '../define.js';
import { parseFrameLine } from '../frames.js';
import { markCorrupted } from '../report.js';
import { faultStack, findLine, partOf } from '../sections.js';
import type { Frame } from '../types.js';

/**
 * Lockdep's reports, by the message that opens them, with the line after which the lock and function to
 * blame are printed (`at: func+0x1e/0x40`). Titles are printed as `WARNING: ...`, `BUG: ...`, `INFO: ...`
 * or, before 4.9, as `[ INFO: ... ]`.
 */
const PROBLEMS: readonly { readonly problem: string; readonly message: RegExp; readonly anchor: RegExp | null }[] = [
  { problem: 'circular locking dependency', message: /possible circular locking dependency detected/, anchor: /is trying to acquire lock:/ },
  { problem: 'recursive locking', message: /possible recursive locking detected/, anchor: /is trying to acquire lock:/ },
  { problem: 'inconsistent lock state', message: /inconsistent lock state/, anchor: /\] takes:|^\S+\/\d+ takes:/ },
  { problem: 'irq lock inversion', message: /possible irq lock inversion dependency detected/, anchor: /just changed the state of lock:/ },
  { problem: 'irq-unsafe lock order', message: /(?:HARD|SOFT)IRQ-safe -> (?:HARD|SOFT)IRQ-unsafe lock order detected/, anchor: /is trying to acquire:/ },
  { problem: 'bad unlock balance', message: /bad unlock balance detected!/, anchor: /is trying to release lock/ },
  { problem: 'held lock freed', message: /held lock freed!/, anchor: /with a lock still held there!/ },
  { problem: 'lock held when returning to user space', message: /lock held when returning to user space!/, anchor: /is leaving the kernel with locks still held!/ },
  { problem: 'locks held at exit', message: /\S+\/\d+ still has locks held!/, anchor: /locks? held by/ },
  { problem: 'nested lock not taken', message: /Nested lock was not taken/i, anchor: /is trying to lock:/ },
  { problem: 'non-static lock key', message: /INFO: trying to register non-static key/, anchor: null },
  { problem: 'workqueue leaked lock or atomic', message: /BUG: workqueue leaked lock or atomic/, anchor: null },
  { problem: 'lockdep capacity exhausted', message: /BUG: MAX_[A-Z_]+ too low!/, anchor: null },
  { problem: 'suspicious unlock', message: /suspicious unlock balance detected!|bad contention detected!|lock held by .* is being freed/, anchor: null },
];

const HEADER_RE = new RegExp(`(?:WARNING|BUG|INFO): (?:${PROBLEMS.map((p) => p.message.source.replace(/^(?:INFO|BUG): /, '')).join('|')})`);
// ` (&bdev->bd_mutex){+.+.}, at: [<ffffffff8232bf0e>] blkdev_reread_part+0x1e/0x40` (5.x+: an address first, `-{3:3}` after).
const LOCK_AT_RE = /^(?:#\d+:\s+)?(?:[0-9a-f]{8,16} )?\((.+)\)\{[^}]*\}(?:-\{\d+:\d+\})?, at: (.*)$/;
/** Registering a lock class walks lockdep's own stack-saving and locking code first. */
const isLockdepMachinery = (fn: string): boolean => /stack|lock|IRQ/.test(fn);
/** Socket lock helpers say which lock, not who took it. */
const isSocketLockHelper = matcher(['lock_sock', 'lock_sock_nested', 'release_sock', '__lock_sock', '__release_sock', 'lock_sock_fast'], []);

/** The function on an `at:` lock line or a `[<addr>] func+0x1/0x2` line. */
function frameOf(text: string): Frame | null {
  const at = LOCK_AT_RE.exec(text);
  return parseFrameLine(at ? ` ${at[2]!}` : text, null)?.frame ?? null;
}

/** The lock lines printed right after the anchor line, as frames, and the first lock's name. */
function anchoredLocks(lines: readonly LogLine[], anchor: RegExp): { frames: Frame[]; lock: string | null } {
  const start = findLine(lines, anchor);
  if (start < 0) return { frames: [], lock: null };
  const frames: Frame[] = [];
  let lock: string | null = null;
  // The anchor line itself may end in `at:` with the frame on the next line (bad unlock balance).
  for (const line of lines.slice(start + 1, start + 8)) {
    const text = line.text.trim();
    if (text === '' || /^(?:but|which|other info|stack backtrace|\{)/.test(text)) break;
    lock ??= LOCK_AT_RE.exec(text)?.[1] ?? null;
    const frame = frameOf(text);
    if (frame) frames.push(frame);
  }
  return { frames, lock };
}

export const lockdep = defineHeaderDetector({
  kind: 'lockdep',
  meta: {
    description: 'The lock validator (lockdep) found a locking bug: a possible deadlock (circular or recursive locking, irq-unsafe order), an inconsistent lock state, an unbalanced unlock, a held lock freed or leaked.',
    examples: [
      'WARNING: possible circular locking dependency detected',
      '[ INFO: inconsistent lock state ]',
      'BUG: bad unlock balance detected!',
      'INFO: trying to register non-static key.',
      'BUG: workqueue leaked lock or atomic: kworker/0:1/0x00000000/353',
    ],
  },
  header: HEADER_RE,
  body: 'marker',
  traceFrom: /^stack backtrace:|^Call [Tt]race:/,
  describe(match, report) {
    const header = match[0];
    const kind = PROBLEMS.find((p) => p.message.test(header)) ?? PROBLEMS[PROBLEMS.length - 1]!;
    report.details['problem'] = kind.problem;
    const { frames, lock } = kind.anchor ? anchoredLocks(report.lines, kind.anchor) : { frames: [], lock: null };
    if (lock) report.details['lock'] = lock;
    const held = anchoredLocks(report.lines, /^but task is already holding lock:|^but this task is not holding:/).lock;
    if (held) report.details['heldLock'] = held;
    const lastFunction = report.lines.map((l) => /last function: ([\w.]+)/.exec(l.text)).find((m) => m);
    const tail = faultStack(partOf(report.lines, { from: /^stack backtrace:|^Call [Tt]race:/ }));
    report.rip = tail.rip;
    report.stack = tail.stack;
    const skip = kind.anchor === null && /non-static/.test(kind.problem) ? isLockdepMachinery : isSocketLockHelper;
    report.culprit = lastFunction ? { function: lastFunction[1]!, module: null } : pickCulprit([...frames, ...(tail.rip ? [tail.rip] : []), ...tail.stack], skip);
    report.title = makeTitle('lockdep', report.culprit?.function);
    if (kind.anchor && frames.length === 0) markCorrupted(report, 'the lock line lockdep blames is missing');
  },
});
