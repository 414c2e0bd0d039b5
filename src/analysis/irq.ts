import { isIrqEnableFunction } from '../knowledge/frames.js';
import { decodeCodeLine, instructionSequence } from '../machine/code-line.js';
import { isIrqEnableInstruction } from '../machine/patterns.js';
import type { CodeBytes, Frame } from '../reports/types.js';

/** The interrupt-enabling instruction that ends right before the marked `Code:` byte, with the sequence around it. */
function irqEnableAtMarker(code: CodeBytes | null): { instruction: 'popf' | 'sti'; sequence: string } | null {
  if (!code || code.markerIndex === null) return null;
  const listing = decodeCodeLine(code, null);
  const at = listing?.markerInstruction;
  if (!listing || at === null || at === undefined || at === 0) return null;
  const before = listing.instructions[at - 1]!;
  if (!isIrqEnableInstruction(before.mnemonic)) return null;
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
export function irqRestoreNote(rip: Frame | null, code: CodeBytes | null): string | null {
  if (!rip) return null;
  const found = irqEnableAtMarker(code);
  const where = `${rip.function}${rip.offset ? `+${rip.offset}` : ''}`;
  if (found) {
    const shown = found.instruction === 'popf' ? 'popfq' : 'sti';
    return `RIP ${where} is the instruction right after \`${shown}\` (Code: bytes decode to \`${found.sequence}\`), which re-enables interrupts: the timer interrupt held back while they were off lands here. It marks where interrupts came back on, not where the CPU loops; look at the callers.`;
  }
  if (isIrqEnableFunction(rip.function)) {
    return `RIP ${where} is in ${rip.function}, which re-enables interrupts: the held-back timer interrupt lands right after that, so this sample marks where interrupts came back on, not a loop location; look at the callers.`;
  }
  return null;
}
