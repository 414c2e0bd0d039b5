import { makeTitle } from '../../result/kinds.js';
import { detailMessage } from '../codes.js';
import { defineHeaderDetector } from '../define.js';
import { blamePart } from '../sections.js';
import type { FunctionRef } from '../types.js';

// `BUG: KCSAN: data-race in find_next_bit / rcu_report_exp_cpu_mult`, `BUG: KCSAN: assert: race in dequeue_entities+0x.../0x...`.
const HEADER_RE = /BUG: KCSAN: ((?:assert: )?[a-z-]+) in (.+)$/;
// `write to 0xffffffff85a7f140 of 8 bytes by task 94 on cpu 0:` (also `read-write`, `(marked)`, `interrupt`).
const ACCESS_RE = /^((?:read|write|read-write)(?: \(marked\))?) to (0x[0-9a-f]+) of (\d+) bytes by (?:task (\d+)|interrupt) on cpu (\d+):/;

export const kcsan = defineHeaderDetector({
  kind: 'kcsan',
  meta: {
    description: 'KernelConcurrencySanitizer caught two CPUs accessing the same memory at once, at least one writing, without synchronisation.',
    examples: ['BUG: KCSAN: data-race in find_next_bit / rcu_report_exp_cpu_mult', 'BUG: KCSAN: assert: race in dequeue_entities+0x6a/0x1650'],
  },
  header: HEADER_RE,
  body: 'marker',
  expectsTrace: false,
  describe(match, report) {
    report.details['bugType'] = match[1]!;
    // The header names the racing functions; both stacks follow, each under its access line.
    const racing = match[2]!.split(' / ').map((s) => s.trim().replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+$/, ''));
    report.details['racingFunctions'] = racing.join(' / ');
    const accesses = report.lines.map((l) => ACCESS_RE.exec(l.text.trimStart())).filter((m) => m !== null);
    accesses.slice(0, 2).forEach((m, i) => {
      report.details[`access${i + 1}`] = detailMessage('detail.kcsan.access', { op: m[1]!, size: Number(m[3]), address: m[2]!, pid: m[4] ? Number(m[4]) : null, cpu: Number(m[5]) });
    });
    const first: FunctionRef = { function: racing[0]!, module: null };
    blamePart(report, { from: /^(?:read|write|read-write)/, until: /^$|^(?:read|write|read-write)(?: \(marked\))? to |^Reported by/ }, first);
    // The header's own choice of function is the kernel's: keep it as the culprit.
    report.culprit = first;
    report.title = makeTitle('kcsan', racing.join(' / '));
  },
});
