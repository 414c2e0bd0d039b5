import { isEntryPlumbingFrame, isGenericFrame } from '../knowledge/frames.js';
import { refOf } from './frames.js';
import type { Frame, FunctionRef } from './types.js';

/** Frames a culprit or entry may be taken from: confirmed frames, not raw addresses. */
function usable(frames: readonly Frame[]): Frame[] {
  return frames.filter((f) => f.reliable && !f.function.startsWith('0x'));
}

/** The first frame, innermost first, that is not generic reporting/locking/waiting/allocation code. */
export function pickCulprit(framesInnermostFirst: readonly Frame[]): FunctionRef | null {
  const frames = usable(framesInnermostFirst);
  const found = frames.find((f) => !isGenericFrame(f.function));
  return found ? refOf(found) : frames[0] ? refOf(frames[0]) : null;
}

/**
 * The handler entered from the syscall, interrupt or worker anchor: walking from the outermost
 * frame inwards, the first one past the entry plumbing (node-2: dm_ctl_ioctl).
 */
export function pickEntry(framesInnermostFirst: readonly Frame[]): FunctionRef | null {
  const frames = usable(framesInnermostFirst).filter((f) => f.context === null || f.context === 'TASK');
  let sawPlumbing = false;
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i]!;
    if (isEntryPlumbingFrame(frame.function)) sawPlumbing = true;
    // Without any plumbing frame the trace is cut short, and its outermost frame is no entry point.
    else return sawPlumbing ? refOf(frame) : null;
  }
  return null;
}

/** The RIP followed by the trace: the stack of the interrupted context, innermost first. */
export function sampleStack(rip: Frame | null, trace: readonly Frame[]): Frame[] {
  return rip ? [rip, ...trace] : [...trace];
}
