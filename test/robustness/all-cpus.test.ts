// Every CPU of a large machine dumping its report at the same moment (softlockup_all_cpu_backtrace): with printk
// caller tags each line names its CPU and every report is reassembled whole; without them, what cannot be told
// apart is flagged and the run says so.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');

/** The lines of CPU `cpu`'s soft lockup report, each with its dmesg time and (when `tagged`) its caller tag. */
function report(cpu: number, tagged: boolean): string[] {
  const body = [
    `watchdog: BUG: soft lockup - CPU#${cpu} stuck for 22s! [task${cpu}:${100 + cpu}]`,
    `CPU: ${cpu} PID: ${100 + cpu} Comm: task${cpu} Tainted: G             L    5.15.0 #1`,
    `RIP: 0010:spin_fn${cpu}+0x1a/0x30`,
    'Call Trace:',
    ' <TASK>',
    ` caller_fn${cpu}+0x2b/0x40`,
    ' do_syscall_64+0x38/0x90',
    ' </TASK>',
  ];
  return body.map((text) => `[  100.000001]${tagged ? `[    C${cpu}]` : ''} ${text}`);
}

/** The reports of `cpus` CPUs, line i of every report before line i+1 of any: fully interleaved. */
function allAtOnce(cpus: number, tagged: boolean): string {
  const reports = Array.from({ length: cpus }, (_, cpu) => report(cpu, tagged));
  const lines: string[] = [];
  for (let i = 0; i < reports[0]!.length; i++) for (const r of reports) lines.push(r[i]!);
  return `${lines.join('\n')}\n`;
}

describe('all CPUs report at once', () => {
  it('with caller tags, 256 interleaved reports are reassembled whole, none flagged', () => {
    const result = analyzeText(allAtOnce(256, true), 'dmesg', { now: NOW });
    expect(result.incidents).toHaveLength(256);
    expect(result.incidents.filter((i) => i.corrupted).map((i) => i.cpu)).toEqual([]);
    for (const i of result.incidents) {
      expect(i.rip?.function).toBe(`spin_fn${i.cpu}`);
      expect(i.stack.map((f) => f.function)).toEqual([`caller_fn${i.cpu}`, 'do_syscall_64']);
    }
    expect(result.warnings).toEqual([]);
  });

  it('without caller tags, reports that cannot be told apart are flagged and a run warning says how many', () => {
    const result = analyzeText(allAtOnce(12, false), 'dmesg', { now: NOW });
    const flagged = result.incidents.filter((i) => i.corrupted);
    expect(flagged.length).toBeGreaterThan(0);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(new RegExp(`^${flagged.length} report\\(s\\) printed at the same moment by several CPUs could not be reassembled whole`)),
    );
  });
});
