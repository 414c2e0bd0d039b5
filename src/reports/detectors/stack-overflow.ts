import { makeTitle } from '../../result/kinds.js';
import { defineHeaderDetector } from '../define.js';

// x86 with VMAP_STACK: `BUG: stack guard page was hit at ffffc90002d07ff8 (stack is ffffc90002d08000..ffffc90002d0ffff)`
// (5.x+: `BUG: TASK stack guard page was hit at ...`), then `kernel stack overflow (double-fault): 0000 [#1]` or
// `stack guard page: 0000 [#1]`; arm64 `Insufficient stack space to handle exception!`; old x86 `Thread overran stack`.
const HEADER_RE =
  /^(?:BUG: (?:\w+ )?stack guard page was hit at ([0-9a-f]+)|(?:Oops: )?kernel stack overflow \([\w-]+\)|Insufficient stack space to handle exception!|Thread overran stack, or stack corrupted)/;

export const stackOverflow = defineHeaderDetector({
  kind: 'stack-overflow',
  meta: {
    description: 'A kernel stack ran past its end into the guard page (deep or unbounded recursion).',
    examples: [
      'BUG: stack guard page was hit at ffffc90002d07ff8 (stack is ffffc90002d08000..ffffc90002d0ffff)',
      'BUG: TASK stack guard page was hit at ffffc90003cd7fa8 (stack is ffffc90003cd8000..ffffc90003cdffff)',
      'kernel stack overflow (double-fault): 0000 [#1] PREEMPT SMP KASAN',
      'Insufficient stack space to handle exception!',
    ],
  },
  header: HEADER_RE,
  bodyLines: [/^(?:Task|IRQ|Overflow|SDEI) stack: +\[/, /^(?:ESR|FAR): 0x/],
  absorbs: [/^(?:Oops: )?(?:kernel stack overflow \(|stack guard page: )/, /^PANIC: double fault/],
  describe(match, report) {
    if (match[1]) report.details['address'] = match[1];
    // Where the stack ran out is arbitrary along a deep or recursive call chain; the handler that entered it names the path.
    if (report.entry) {
      if (report.culprit) report.details['overflowIn'] = report.culprit.function;
      report.culprit = report.entry;
      report.title = makeTitle('stack-overflow', report.entry.function);
    }
  },
});
