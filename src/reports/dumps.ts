import type { LogLine } from '../lines/types.js';
import { parseCpuLine } from './body.js';

/** One CPU's or task's part of a report that prints several (`NMI backtrace for cpu 1`, `Task dump for CPU 1:`). */
export interface Dump {
  /** CPU the part is about, from its opening line or its CPU line. */
  readonly cpu: number | null;
  /** The line that opened the part (`NMI backtrace for cpu 1`...), null for the report's own first part. */
  readonly opening: string | null;
  readonly lines: readonly LogLine[];
}

// Lines that open the dump of another CPU or task (RCU also dumps its grace-period kthread's stack).
const DUMP_START_RE = /^(?:NMI backtrace for cpu (\d+)|Task dump for CPU (\d+):|Sending NMI from CPU \d+ to CPUs|(?:rcu: )?RCU grace-period kthread stack dump:)/;

/**
 * Splits a report into the dumps it holds: a new one starts at an `NMI backtrace for cpu N` or
 * `Task dump for CPU N:` line, or at a second CPU line. Lines before the first dump form a dump of
 * their own (the report header and the reporting CPU's registers, when printed).
 */
export function splitDumps(lines: readonly LogLine[]): Dump[] {
  const dumps: { cpu: number | null; opening: string | null; lines: LogLine[]; cpuLine: boolean }[] = [{ cpu: null, opening: null, lines: [], cpuLine: false }];
  for (const line of lines) {
    const text = line.text.trimStart();
    const start = DUMP_START_RE.exec(text);
    const cpuLine = parseCpuLine(text);
    let current = dumps[dumps.length - 1]!;
    if (start || (cpuLine && current.cpuLine)) {
      const cpu = start?.[1] ?? start?.[2];
      current = { cpu: cpu !== undefined ? Number(cpu) : null, opening: start?.[0] ?? null, lines: [], cpuLine: false };
      dumps.push(current);
    }
    if (cpuLine) {
      current.cpuLine = true;
      current.cpu ??= cpuLine.cpu;
    }
    current.lines.push(line);
  }
  return dumps.filter((d) => d.lines.length > 0).map(({ cpu, opening, lines: l }) => ({ cpu, opening, lines: l }));
}
