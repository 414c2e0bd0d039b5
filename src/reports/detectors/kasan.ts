import { matcher } from '../../knowledge/frames.js';
import { defineHeaderDetector } from '../define.js';
import { pickCulprit } from '../culprit.js';
import { markCorrupted } from '../report.js';
import { blamePart, faultStack, findLine, firstMatch, partOf, symbolRef } from '../sections.js';
import type { LogLine } from '../../lines/types.js';

// `BUG: KASAN: slab-out-of-bounds in ip6_fragment+0x11c8/0x3730`, `BUG: KASAN: double-free or invalid-free in
// kfree+0x.../0x...`, 4.x `... in do_con_write.part.1+0x.../0x... at addr ffff880...`, `BUG: KASAN: null-ptr-deref on address 0000...`.
const HEADER_RE = /BUG: KASAN: ([a-z-]+(?: or [a-z-]+)?)(?: in (\S+)| on address ([0-9a-f]+))?/;
// `Read of size 840 at addr ffff88000969e798 by task ip6_fragment-oo/3789`; tag-based modes omit the size.
const ACCESS_RE = /^(Read|Write) (?:of size (\d+) )?at addr ([0-9a-f]+) by task (.+)\/(\d+)/;
/** The parts after the bad access's stack: where the object was allocated and freed, and its memory. */
const AFTER_ACCESS_RE = /^(?:Allocated by task|Freed by task|Allocated:|Freed:|The buggy address|Memory state around|Last potentially related|Second to last potentially|Allocation stack|Free stack)/;
const STACK_END_RE = /^$|^(?:Allocated|Freed|The buggy|Memory state|Last potentially|Second to last)/;
/** Freeing an object is the reporting path of a double or invalid free, not its culprit. */
const isFreeingFrame = matcher(['vunmap', 'vfree', 'kvfree', 'kfree_skb', 'kfree_sensitive'], [/^kmem_cache_free/, /^__free_/, /^free_(?:pages|page)/, /^kfree/]);

/** The first non-generic function of the stack printed after a line such as `Allocated by task 3789:`. */
function stackOwner(lines: readonly LogLine[], label: RegExp): string | null {
  const start = findLine(lines, label);
  if (start < 0) return null;
  const { stack } = faultStack(partOf(lines.slice(start + 1), { until: STACK_END_RE }));
  return pickCulprit(stack)?.function ?? null;
}

export const kasan = defineHeaderDetector({
  kind: 'kasan',
  meta: {
    description: 'KernelAddressSanitizer caught an invalid memory access (use-after-free, out-of-bounds, double free...) and printed the stacks of the access, allocation and free.',
    examples: [
      'BUG: KASAN: slab-out-of-bounds in ip6_fragment+0x11c8/0x3730',
      'BUG: KASAN: double-free or invalid-free in selinux_tun_dev_free_security+0x15/0x20',
      'BUG: KASAN: invalid-access in io_submit_sqes+0x1c8/0x2b44',
    ],
  },
  header: HEADER_RE,
  body: 'marker',
  describe(match, report) {
    const bugType = match[1]!;
    report.details['bugType'] = bugType;
    const access = firstMatch(report.lines, ACCESS_RE);
    if (access) {
      report.details['access'] = access[1]!.toLowerCase();
      if (access[2]) report.details['size'] = Number(access[2]);
      report.details['address'] = access[3]!;
      report.details['task'] = access[4]!;
      report.pid ??= Number(access[5]);
      report.comm ??= access[4]!;
    } else if (match[3]) report.details['address'] = match[3];
    const headerFunction = match[2] ? symbolRef(match[2]) : null;
    blamePart(report, { until: AFTER_ACCESS_RE, ...(/free/.test(bugType) ? { skip: isFreeingFrame } : {}) }, headerFunction);
    report.details['allocatedIn'] = stackOwner(report.lines, /^Allocated by task|^Allocated:/);
    report.details['freedIn'] = stackOwner(report.lines, /^Freed by task|^Freed:/);
    if (!match[2] && !match[3]) markCorrupted(report, 'the KASAN header names no function');
  },
});
