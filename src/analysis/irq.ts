import { isIrqEnableFunction } from '../knowledge/frames.js';
import type { CodeBytes, Frame } from '../reports/types.js';

const POPF = 0x9d;
const STI = 0xfb;

/** Which interrupt-enabling instruction, if any, ends right before the marked `Code:` byte. */
export function irqEnableBeforeMarker(code: CodeBytes | null): 'popf' | 'sti' | null {
  if (!code || code.unit !== 'byte' || code.markerIndex === null || code.markerIndex === 0) return null;
  const before = code.bytes[code.markerIndex - 1];
  if (before === POPF) return 'popf';
  if (before === STI) return 'sti';
  return null;
}

/**
 * Explains a RIP that sits where interrupts were just re-enabled: the watchdog's timer interrupt,
 * held back while they were off, lands on the next instruction, so the sample marks that point
 * and not the loop. Null when the RIP is not such a point.
 */
export function irqRestoreNote(rip: Frame | null, code: CodeBytes | null): string | null {
  if (!rip) return null;
  const instruction = irqEnableBeforeMarker(code);
  const where = `${rip.function}${rip.offset ? `+${rip.offset}` : ''}`;
  if (instruction) {
    const shown = instruction === 'popf' ? 'popfq' : 'sti';
    return `RIP ${where} is the instruction right after \`${shown}\` (Code: bytes \`${instruction === 'popf' ? '9d' : 'fb'} <..>\`), which re-enables interrupts: the timer interrupt held back while they were off lands here. It marks where interrupts came back on, not where the CPU loops; look at the callers.`;
  }
  if (isIrqEnableFunction(rip.function)) {
    return `RIP ${where} is in ${rip.function}, which re-enables interrupts: the held-back timer interrupt lands right after that, so this sample marks where interrupts came back on, not a loop location; look at the callers.`;
  }
  return null;
}
