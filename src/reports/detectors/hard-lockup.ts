import { defineHeaderDetector } from '../define.js';
import { splitDumps } from '../dumps.js';
import { useDump } from '../report.js';
import { cpuList } from '../wait-lines.js';

// `NMI watchdog: Watchdog detected hard LOCKUP on cpu 3` (4.x), `watchdog: Watchdog detected hard LOCKUP on cpu 3` (4.15+),
// `watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5` (6.x buddy detector), `Kernel panic - not syncing: Watchdog
// detected hard LOCKUP on cpu 1` (hardlockup_panic), and 3.10's WARN from the NMI handler:
// `WARNING: at kernel/watchdog.c:245 watchdog_overflow_callback+0x9c/0xd0()` with the message on the next line.
// Before the perf watchdog (2.6): `NMI Watchdog detected LOCKUP on CPU 1` (x86_64 die_nmi), `BUG: NMI Watchdog detected
// LOCKUP on CPU1, eip c01234ab, registers:` (i386; 2.6.3x x86 `..., ip ffffffff8103a6d1, registers:`).
// powerpc's own watchdog (arch/powerpc/kernel/watchdog.c): the CPU that sees others stuck, `Watchdog CPU:2 detected Hard
// LOCKUP other CPUS:5` (4.13-5.x) or `CPU 2 detected hard LOCKUP on other CPUs 5-6`, then each stuck CPU's own report,
// `Watchdog CPU:5 Hard LOCKUP` or `CPU 5 Hard LOCKUP`; a CPU that sees itself stuck, `Watchdog CPU:5 self-detected Hard
// LOCKUP @ func+0x1/0x2` or `CPU 5 self-detected hard LOCKUP @ func+0x1/0x2`.
const POWERPC = String.raw`^(?:watchdog: )?(?:Watchdog CPU:|CPU )(\d+) (?:detected [Hh]ard LOCKUP (?:other CPUS:|on other CPUs )([\d,-]{1,64})|(?:self-detected )?[Hh]ard LOCKUP\b)`;
const MESSAGE_RE = new RegExp(
  String.raw`^(?:(?:NMI )?watchdog: (?:CPU\d+: )?|Kernel panic - not syncing: )?Watchdog detected hard LOCKUP on cpu (\d+)|^(?:BUG: )?NMI Watchdog detected LOCKUP on CPU ?(\d+)|${POWERPC}`,
);
const WARN_RE = /^WARNING: (?:CPU: \d+ PID: \d+ )?at kernel\/watchdog\.c:\d+ watchdog_overflow_callback/;
const HEADER_RE = new RegExp(`${MESSAGE_RE.source}|${WARN_RE.source}`);

/**
 * The CPU a hard-lockup message says is stuck: powerpc's detecting CPU names the stuck ones, and the first of them is
 * the one whose dump is kept; null when its list names none (a damaged line: `other CPUS:,`).
 */
function stuckCpu(message: RegExpExecArray): number | null {
  const named = message[1] ?? message[2];
  if (named !== undefined) return Number(named);
  return message[4] !== undefined ? (cpuList(message[4])[0] ?? null) : Number(message[3]);
}

export const hardLockup = defineHeaderDetector({
  kind: 'hard-lockup',
  meta: {
    description: 'A CPU ran with interrupts disabled for more than watchdog_thresh (10 s): the perf NMI watchdog (or a buddy CPU) reports it.',
    examples: [
      'NMI watchdog: Watchdog detected hard LOCKUP on cpu 3',
      'watchdog: Watchdog detected hard LOCKUP on cpu 1',
      'watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5',
      'Watchdog detected hard LOCKUP on cpu 1',
      'Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 1',
      'WARNING: at kernel/watchdog.c:245 watchdog_overflow_callback+0x9c/0xd0()',
      'NMI Watchdog detected LOCKUP on CPU 1',
      'BUG: NMI Watchdog detected LOCKUP on CPU1, eip c01234ab, registers:',
      'Watchdog CPU:2 detected Hard LOCKUP other CPUS:5',
      'CPU 5 Hard LOCKUP',
      'CPU 5 self-detected hard LOCKUP @ spin_loop_fn+0x16/0x40',
    ],
  },
  header: HEADER_RE,
  multipleDumps: true,
  bodyLines: [/^(?:NMI backtrace for cpu|Sending NMI from CPU) \d+/],
  absorbs: [MESSAGE_RE],
  describe(_match, report, block) {
    const message = block.lines.map((l) => MESSAGE_RE.exec(l.text)).find((m) => m);
    const cpu = (message && stuckCpu(message)) ?? report.cpu;
    // With hardlockup_all_cpu_backtrace or the buddy detector several CPUs are dumped: keep the locked one's.
    const dumps = splitDumps(block.lines);
    const own = dumps.find((d) => d.cpu === cpu);
    if (own && dumps.length > 1) useDump(report, own.lines);
    report.cpu = cpu;
    if (message?.[0].startsWith('Kernel panic')) report.details['panic'] = true;
  },
});
