import { isEntryPlumbingFrame, matcher } from '../../knowledge/frames.js';
import type { LogLine } from '../../lines/types.js';
import { pickCulprit } from '../culprit.js';
import { defineHeaderDetector } from '../define.js';
import { parseFrameLine } from '../frames.js';
import { detailMessage, type LockdepProblem } from '../codes.js';
import { markCorrupted } from '../report.js';
import { faultStack, findLine, firstMatch, flagFaultInjection, partOf } from '../sections.js';
import type { Frame } from '../types.js';

/**
 * Lockdep's reports, by the message that opens them, with the labels after which the locks (`at: func+0x1e/0x40`)
 * or stacks to blame are printed, in the order they are looked at. Titles are printed as `WARNING: ...`,
 * `BUG: ...`, `INFO: ...` or, before 4.9, as `[ INFO: ... ]`. `trace: false` reports print no stack of their own.
 */
interface LockdepKind {
  readonly problem: LockdepProblem;
  readonly message: RegExp;
  readonly anchors: readonly RegExp[];
  readonly trace: boolean;
  /** Raised from inside lockdep (registering a lock class): blamed past lockdep's own machinery. */
  readonly fromLockdep?: true;
}

const ACQUIRING = /is trying to acquire lock:/;
const HOLDING = /^but task is already holding lock:/;
const PROBLEMS: readonly LockdepKind[] = [
  { problem: 'circular', message: /possible circular locking dependency detected/, anchors: [ACQUIRING, HOLDING], trace: true },
  { problem: 'recursive', message: /possible recursive locking detected/, anchors: [ACQUIRING, HOLDING], trace: true },
  { problem: 'inconsistent', message: /inconsistent lock state/, anchors: [/\] takes:$|^\S+\/\d+ takes:$/], trace: true },
  { problem: 'irqInversion', message: /possible irq lock inversion dependency detected/, anchors: [/just changed the state of lock:/], trace: true },
  { problem: 'irqUnsafeOrder', message: /(?:HARD|SOFT)IRQ-safe -> (?:HARD|SOFT)IRQ-unsafe lock order detected/, anchors: [/which became \S+-irq-safe at:/, /is trying to acquire:/], trace: true },
  { problem: 'badUnlock', message: /bad unlock balance detected!/, anchors: [/is trying to release lock/], trace: true },
  { problem: 'heldLockFreed', message: /held lock freed!/, anchors: [/with a lock still held there!/], trace: true },
  { problem: 'heldToUser', message: /lock held when returning to user space!/, anchors: [/is leaving the kernel with locks still held!/], trace: false },
  { problem: 'heldAtExit', message: /\S{1,64}\/\d{1,10} still has locks held!/, anchors: [/locks? held by/], trace: true },
  { problem: 'nestedNotTaken', message: /[Nn]ested lock was not taken/, anchors: [/is trying to lock:/], trace: false },
  { problem: 'invalidWaitContext', message: /Invalid wait context/, anchors: [/is trying to lock:/], trace: true },
  { problem: 'nonStaticKey', message: /INFO: trying to register non-static key/, anchors: [], trace: true, fromLockdep: true },
  { problem: 'workqueueLeak', message: /BUG: workqueue leaked lock or atomic/, anchors: [], trace: false },
  { problem: 'capacity', message: /BUG: MAX_[A-Z_]+ too low!/, anchors: [], trace: true },
  // kernel/locking/lockdep.c look_up_lock_class: a lock taken with a subclass past MAX_LOCKDEP_SUBCLASSES, then dump_stack().
  { problem: 'invalidSubclass', message: /BUG: looking up invalid subclass: \d{1,10}/, anchors: [], trace: true, fromLockdep: true },
  // kernel/locking/lockdep.c lockdep_init_map_type (4.17+): a lock given a key neither static nor registered
  // (lockdep_register_key), then DEBUG_LOCKS_WARN_ON(1), whose WARNING prints the trace.
  { problem: 'unregisteredKey', message: /BUG: key [0-9a-f]{1,16} has not been registered!/, anchors: [], trace: true, fromLockdep: true },
];

const HEADER_RE = new RegExp(`(?:WARNING|BUG|INFO): (?:${PROBLEMS.map((p) => p.message.source.replace(/^(?:INFO|BUG): /, '')).join('|')})`);
// ` (&bdev->bd_mutex){+.+.}, at: [<ffffffff8232bf0e>] blkdev_reread_part+0x1e/0x40` (5.x+: an address first, `-{3:3}` after).
// (the usage state `{+.+.}` is a few characters: bounded, so that `(` then many `){` is not quadratic)
const LOCK_AT_RE = /^(?:#\d{1,5}:\s{1,8})?(?:[0-9a-f]{8,16} )?\((.+)\)\{[^}]{0,32}\}(?:-\{\d{1,3}:\d{1,3}\})?, at: (.*)$/;
/** Registering a lock class walks lockdep's own stack-saving and locking code first. */
const isLockdepMachinery = (fn: string): boolean => /stack|lock|IRQ/.test(fn);
/** Socket lock helpers say which lock, not who took it. */
const isSocketLockHelper = matcher(['lock_sock', 'lock_sock_nested', 'release_sock', '__lock_sock', '__release_sock', 'lock_sock_fast'], []);

/** The function on an `at:` lock line or a `[<addr>] func+0x1/0x2` line. */
function frameOf(text: string): Frame | null {
  const at = LOCK_AT_RE.exec(text);
  return parseFrameLine(at ? ` ${at[2]!}` : text, null)?.frame ?? null;
}

/** The locks and frames printed under a label such as `is trying to acquire lock:`, and the first lock's name. */
function labelled(lines: readonly LogLine[], label: RegExp): { frames: Frame[]; lock: string | null } {
  const start = findLine(lines, label);
  if (start < 0) return { frames: [], lock: null };
  const frames: Frame[] = [];
  let lock: string | null = null;
  // The label line itself may end in `at:` with the frame on the next line (bad unlock balance).
  for (const line of lines.slice(start + 1, start + 40)) {
    const text = line.text.trim().replace(/\s+/g, ' ');
    // A blank line or the next label ends the section; the held-locks count line is part of it.
    if (text === '' || (/:$/.test(text) && !/locks? held by /.test(text))) break;
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
      'BUG: looking up invalid subclass: 8',
      'BUG: key ffff88807a1c1b48 has not been registered!',
    ],
  },
  header: HEADER_RE,
  body: 'marker',
  // The WARNING of lockdep's own DEBUG_LOCKS_WARN_ON that some reports print next (an unregistered key): theirs, with the trace.
  absorbs: [/^WARNING: (?:CPU: \d{1,5} PID: -?\d{1,10} )?at kernel\/locking\/lockdep\.c:/],
  traceFrom: /^stack backtrace:|^Call [Tt]race:/,
  expectsTrace: false,
  describe(match, report) {
    const header = match[0];
    const kind = PROBLEMS.find((p) => p.message.test(header)) ?? PROBLEMS[PROBLEMS.length - 1]!;
    report.details['problem'] = detailMessage('detail.lockdep', { problem: kind.problem });
    const sections = kind.anchors.map((label) => labelled(report.lines, label));
    // A lock taken by the workqueue or syscall plumbing (a work item's lockdep map) says nothing of who is to blame.
    const frames = sections.flatMap((section) => section.frames).filter((f) => !isEntryPlumbingFrame(f.function));
    const lock = sections[0]?.lock;
    if (lock) report.details['lock'] = lock;
    const held = labelled(report.lines, /^but task is already holding lock:|^and this task is already holding:|^but this task is not holding:/).lock;
    if (held) report.details['heldLock'] = held;
    const lastFunction = firstMatch(report.lines, /last function: ([\w.]+)/);
    const tail = faultStack(partOf(report.lines, { from: /^stack backtrace:|^Call [Tt]race:/ }));
    report.rip = tail.rip;
    report.stack = tail.stack;
    report.reporterFrames = tail.reporterFrames;
    const skip = kind.fromLockdep ? isLockdepMachinery : isSocketLockHelper;
    report.culprit = lastFunction ? { function: lastFunction[1]!, module: null } : pickCulprit([...frames, ...(tail.rip ? [tail.rip] : []), ...tail.stack], skip);
    flagFaultInjection(report);
    if (kind.anchors.length > 0 && frames.length === 0) markCorrupted(report, 'corruption.lockdep.noLockLine');
    else if (kind.trace && !tail.rip && tail.stack.length === 0) markCorrupted(report, 'corruption.cut.beforeBacktrace');
  },
});
