import { isIrqEnableFunction } from '../knowledge/frames.js';
import { decodeCodeLine, instructionSequence } from '../machine/code-line.js';
import { isIrqEnableInstruction } from '../machine/patterns.js';
import type { CodeBytes, Frame } from '../reports/types.js';
import type { InnerMessage } from '../result/schema.js';

/** The interrupt-enabling instruction that ends right before the marked `Code:` byte, with the sequence around it. */
function irqEnableAtMarker(code: CodeBytes | null): { instruction: 'popf' | 'sti'; sequence: string } | null {
  if (!code || code.markerIndex === null) return null;
  const listing = decodeCodeLine(code, null);
  const at = listing?.markerInstruction;
  if (!listing || at === null || at === undefined || at === 0) return null;
  const before = listing.instructions[at - 1]!;
  if (!isIrqEnableInstruction(before.text)) return null;
  return { instruction: before.mnemonic.startsWith('popf') ? 'popf' : 'sti', sequence: instructionSequence(listing) };
}

/** Which interrupt-enabling instruction, if any, ends right before the marked `Code:` byte. */
export function irqEnableBeforeMarker(code: CodeBytes | null): 'popf' | 'sti' | null {
  return irqEnableAtMarker(code)?.instruction ?? null;
}

/**
 * Explains a RIP that sits where interrupts were just re-enabled: the watchdog's timer interrupt,
 * held back while they were off, lands on the next instruction, so the sample marks that point
 * and not the loop. Null when the RIP is not such a point.
 */
export function irqRestoreNote(rip: Frame | null, code: CodeBytes | null): InnerMessage | null {
  if (!rip) return null;
  const found = irqEnableAtMarker(code);
  const where = `${rip.function}${rip.offset ? `+${rip.offset}` : ''}`;
  if (found) {
    return { code: 'note.irq.popf', params: { where, instruction: found.instruction === 'popf' ? 'popfq' : 'sti', sequence: found.sequence } };
  }
  if (isIrqEnableFunction(rip.function)) return { code: 'note.irq.function', params: { where, function: rip.function } };
  return null;
}
