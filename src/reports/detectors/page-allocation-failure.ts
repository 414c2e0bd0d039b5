import { defineHeaderDetector } from '../define.js';
import { blamePart } from '../sections.js';

// `kworker/u16:1: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0`
// (3.10: `swapper/0: page allocation failure: order:0, mode:0x20`); vmalloc: `vmalloc error: size 8192, vm_struct allocation failed,
// mode:0xdc0(GFP_KERNEL), nodemask=(null)` (5.x+), `syz: vmalloc: allocation failure: 4096 bytes, mode:0x...` (4.x).
// The task's name (at most TASK_COMM_LEN - 1, 15 characters) opens the line: no quoted text fits before it.
const HEADER_RE = /^(?:(.{1,15}?): )?(?:page allocation failure: order:(\d+), mode:(0x[0-9a-f]+(?:\([^)]*\))?)|vmalloc(?: error: size (\d+),| ?: allocation failure: (\d+) bytes,).*?mode:(0x[0-9a-f]+(?:\([^)]*\))?))/;

export const pageAllocationFailure = defineHeaderDetector({
  kind: 'page-allocation-failure',
  meta: {
    description: 'An allocation the caller did not allow to fail quietly failed (no free pages of that order, or no vmalloc space); the kernel printed who asked, the order and the GFP mode.',
    examples: [
      'kworker/u16:1: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0',
      'swapper/0: page allocation failure: order:0, mode:0x20',
      'vmalloc error: size 8192, vm_struct allocation failed, mode:0xdc0(GFP_KERNEL|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0',
    ],
  },
  header: HEADER_RE,
  body: 'trace',
  bodyLines: [/^warn_alloc_show_mem: /, /^Mem-Info:/],
  expectsTrace: false,
  describe(match, report) {
    if (match[1]) {
      report.details['requester'] = match[1];
      report.comm ??= match[1];
    }
    if (match[2] !== undefined) {
      report.details['order'] = Number(match[2]);
      report.details['mode'] = match[3]!;
    } else {
      report.details['vmallocBytes'] = Number(match[4] ?? match[5]);
      report.details['mode'] = match[6]!;
    }
    // The function that asked for the memory, past the allocator's own frames.
    blamePart(report, { from: /^Call [Tt]race:|^Backtrace:/ });
  },
});
