import { baseFunctionName, isEntryPlumbingFrame, isGenericFrame, isLockOrVfsHelperFrame, isReportingFrame, isStallReporterFrame, isThreadStartFrame, isTimerInterruptEntryFrame } from '../knowledge/frames.js';
import { refOf } from './frames.js';
import type { Frame, FunctionRef } from './types.js';

/** Frames a culprit or entry may be taken from: confirmed frames, not raw addresses. */
function usable(frames: readonly Frame[]): Frame[] {
  return frames.filter((f) => f.reliable && !f.function.startsWith('0x'));
}

/**
 * The first frame, innermost first, that is not generic reporting/locking/waiting/allocation code,
 * nor one that `alsoSkip` names (frames generic for one kind of report, e.g. refcount helpers in a refcount WARNING).
 * When every frame is such code (a trace cut short, one the unwinder could only guess, a check that fired in the page
 * fault path), the function the report's header names (`named`: KASAN's `in sg_read+0x...`, a WARNING's site) is the
 * culprit, else the first frame past the report's own making (the dump, the check: see isReportingFrame), else the
 * innermost frame.
 */
export function pickCulprit(framesInnermostFirst: readonly Frame[], alsoSkip?: (fn: string) => boolean, named: FunctionRef | null = null): FunctionRef | null {
  const frames = usable(framesInnermostFirst);
  const found = frames.find((f) => !isGenericFrame(f.function) && !alsoSkip?.(f.function));
  // Past the lock or VFS helper the fault is in, a thread or syscall start is no caller: the trace lost it, the helper is named.
  const callerLost = found !== undefined && isThreadStartFrame(found.function) && frames[0] !== undefined && isLockOrVfsHelperFrame(frames[0].function);
  if (found && !callerLost) return refOf(found);
  const pastReport = frames.find((f) => !isReportingFrame(f.function) && !alsoSkip?.(f.function)) ?? frames[0];
  return named ?? (pastReport ? refOf(pastReport) : null);
}

/**
 * The handler the innermost dispatch entered: the first frame inside the innermost run of entry plumbing.
 * Work dispatched again inside a syscall (softirq on the way out of an interrupt, a file's release from
 * task_work, a netlink message handler) is entered through that inner dispatch. Without any plumbing frame
 * the trace is cut short, and no frame of it is known to be an entry point.
 */
function entryOf(frames: readonly Frame[]): FunctionRef | null {
  const handler = (f: Frame) => !isEntryPlumbingFrame(f.function) && !isGenericFrame(f.function);
  for (let i = 1; i < frames.length; i++) {
    if (isEntryPlumbingFrame(frames[i]!.function) && handler(frames[i - 1]!)) return refOf(frames[i - 1]!);
  }
  return null;
}

/**
 * The handler entered from the syscall, interrupt or worker anchor (node-2: dm_ctl_ioctl). When the
 * innermost frames ran on the interrupt stack (softirq work such as ipv6_rcv or a timer function), the
 * handler the softirq plumbing entered is the entry; otherwise the one the task's syscall or worker entered.
 */
export function pickEntry(rip: Frame | null, trace: readonly Frame[]): FunctionRef | null {
  // The RIP ran on the stack its first caller is on.
  const located = rip ? [{ ...rip, context: trace[0]?.context ?? null }, ...trace] : trace;
  const frames = usable(located).filter((f) => f.context !== 'NMI');
  const isTask = (f: Frame) => f.context === null || f.context === 'TASK';
  const firstTask = frames.findIndex(isTask);
  const onInterruptStack = firstTask < 0 ? frames : frames.slice(0, firstTask);
  return (onInterruptStack.length > 0 ? entryOf(onInterruptStack) : null) ?? entryOf(frames.filter(isTask));
}

// System call wrappers: `__x64_sys_rmdir`, `__se_sys_rmdir`, `__do_sys_rmdir`, `SyS_rmdir`, `SYSC_rmdir`, `compat_SyS_ioctl`, `ksys_mount`.
const SYSCALL_WRAPPER_RE = /^(?:__(?:x64|ia32|arm64|riscv|s390x?|se|do)_)?(?:compat_)?(?:sys|SyS|SYSC|ksys)_(\w+)$/;

/** The system call named by a wrapper function (`rmdir` for `__x64_sys_rmdir`), or null. */
export function syscallName(fn: string): string | null {
  return SYSCALL_WRAPPER_RE.exec(baseFunctionName(fn))?.[1] ?? null;
}

/** The system call a stack was entered through, from its outermost wrapper frame. */
export function syscallOf(framesInnermostFirst: readonly Frame[]): string | null {
  for (let i = framesInnermostFirst.length - 1; i >= 0; i--) {
    const name = syscallName(framesInnermostFirst[i]!.function);
    if (name) return name;
  }
  return null;
}

/**
 * How many frames at the start of a trace belong to the timer interrupt that printed a stall report, when
 * the trace runs on into the interrupted code without a RIP line between them (4.x `Task dump for CPU`).
 */
function reporterFramesBeforeInterruptedCode(stack: readonly Frame[]): number {
  const reporter = stack.findIndex((f) => isStallReporterFrame(f.function));
  if (reporter < 0) return 0;
  let entry = stack.findIndex((f, i) => i > reporter && isTimerInterruptEntryFrame(f.function));
  if (entry < 0) return 0;
  while (stack[entry + 1] && isTimerInterruptEntryFrame(stack[entry + 1]!.function)) entry++;
  return entry + 1;
}

/** The stack of the interrupted code: the trace without the frames of the interrupt that printed the report. */
export function interruptedFrames(fields: { stack: readonly Frame[]; reporterFrames: number }): Frame[] {
  return fields.stack.slice(fields.reporterFrames || reporterFramesBeforeInterruptedCode(fields.stack));
}

/** The RIP followed by the trace: the stack of the interrupted context, innermost first. */
export function sampleStack(rip: Frame | null, trace: readonly Frame[]): Frame[] {
  if (!rip) return [...trace];
  // arm64 traces start with the function the PC is in, which the `pc :` line already gave.
  const first = trace[0];
  const repeatsRip = first !== undefined && first.function === rip.function && first.offset === rip.offset;
  return [rip, ...(repeatsRip ? trace.slice(1) : trace)];
}
