import { checkTrace } from '../define.js';
import { buildReport, flagNegativePid, markCorrupted, noteSyscall } from '../report.js';
import { joinSplitName, SPLIT_NAME_NOTE, splitTail } from '../split-name.js';
import type { Detector, Report, ReportBlock } from '../types.js';

// `BUG: soft lockup - CPU#12 stuck for 22s! [dockerd-current:39156]`, with the `NMI watchdog: ` (3.x/RHEL 7,
// 4.1-4.14) or `watchdog: ` (4.15+) prefix. A task name may hold a line break (any process can set its name):
// the header then ends on the next line, `<rest of the name>:39156]`.
// 2.6.19-2.6.24 (kernel/softlockup.c) named neither the time nor the task: `BUG: soft lockup detected on CPU#0!`.
const HEADER_RE = /BUG: soft lockup (?:- CPU#(\d{1,5}) stuck for (\d{1,7})s! \[(?:(.{0,64}):(-?\d{1,10})\]|(.{0,64})$)|detected on CPU#(\d{1,5})!)/;
const SPLIT_TAIL_RE = /^(.{0,64}):(-?\d{1,10})\]$/;

/** A 2.6 report: the header gives the CPU only, the register dump the task. */
function oldSoftLockup(report: Report, block: ReportBlock, cpu: number): Report {
  report.cpu = cpu;
  checkTrace(report, block);
  noteSyscall(report);
  return report;
}

export const softLockup: Detector = {
  kind: 'soft-lockup',
  meta: {
    description: 'A CPU ran kernel code for more than 2*watchdog_thresh (20 s) without scheduling; the watchdog timer interrupt reports it.',
    examples: [
      'NMI watchdog: BUG: soft lockup - CPU#12 stuck for 22s! [dockerd-current:39156]',
      'watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:1234]',
      'BUG: soft lockup detected on CPU#0!',
    ],
  },
  header: HEADER_RE,
  body: 'trace',
  // (a split name also splits the CPU line: `CPU: 1 PID: 18088 Comm: syz.3` then `evil Not tainted 6.8.0 #1`)
  bodyLines: [/^CPU#\d+ Utilization every/, /^\s+#\d+: +\d+% system/, /^CPU#\d+ Detect HardIRQ Time/, SPLIT_TAIL_RE, /^.{0,64} (?:Not tainted|Tainted: [A-Z ]{1,40}) \S/],
  detect(block) {
    const header = HEADER_RE.exec(block.lines[block.headerIndex]!.text);
    if (!header) return null;
    const report = buildReport('soft-lockup', block);
    if (header[6] !== undefined) return oldSoftLockup(report, block, Number(header[6]));
    const split = header[3] === undefined;
    const tail = split ? splitTail(block.lines, block.headerIndex, SPLIT_TAIL_RE) : null;
    if (split && !tail) return null;
    const cpu = Number(header[1]);
    const pid = Number(tail ? tail[2] : header[4]);
    // The header is authoritative; a CPU line that disagrees belongs to another CPU's interleaved dump.
    if ((report.cpu !== null && report.cpu !== cpu) || (report.pid !== null && report.pid !== pid)) {
      markCorrupted(report, 'corruption.otherDump', { dumpCpu: report.cpu, dumpPid: report.pid, cpu, pid });
      report.rip = null;
      report.stack = [];
      report.culprit = null;
      report.entry = null;
      report.title = 'soft lockup';
    }
    report.cpu = cpu;
    report.pid = pid;
    report.comm = tail ? joinSplitName(header[5]!, tail[1]!) : header[3]!;
    if (tail) report.details['taskName'] = SPLIT_NAME_NOTE;
    report.stuckSeconds = Number(header[2]);
    checkTrace(report, block);
    noteSyscall(report);
    flagNegativePid(report);
    return report;
  },
};
