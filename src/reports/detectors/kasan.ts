import { matcher } from '../../knowledge/frames.js';
import { defineHeaderDetector } from '../define.js';
import { markCorrupted } from '../report.js';
import { readObjectFacts } from '../object-facts.js';
import { blamePart, firstMatch, symbolRef } from '../sections.js';

// `BUG: KASAN: slab-out-of-bounds in ip6_fragment+0x11c8/0x3730`, `BUG: KASAN: double-free or invalid-free in
// kfree+0x.../0x...`, 4.x `... in do_con_write.part.1+0x.../0x... at addr ffff880...`, `BUG: KASAN: null-ptr-deref on address 0000...`.
const HEADER_RE = /BUG: KASAN: ([a-z-]+(?: or [a-z-]+)?)(?: in (\S+)| on address ([0-9a-f]+))?/;
// `Read of size 840 at addr ffff88000969e798 by task ip6_fragment-oo/3789`; tag-based modes omit the size, 4.9 the address.
const ACCESS_RE = /^(Read|Write) (?:of size (\d+) )?(?:at addr ([0-9a-f]+) )?by task (.+)\/(\d+)/;
/** The parts after the bad access's stack: where the object was allocated and freed, and its memory. */
const AFTER_ACCESS_RE = /^(?:Allocated by task|Freed by task|Allocated:|Freed:|The buggy address|Memory state around|Last potentially related|Second to last potentially|Allocation stack|Free stack)/;
/** Freeing an object is the reporting path of a double or invalid free, not its culprit. */
const isFreeingFrame = matcher(['vunmap', 'vfree', 'kvfree', 'kfree_skb', 'kfree_sensitive'], [/^kmem_cache_free/, /^__free_/, /^free_(?:pages|page)/, /^kfree/]);
// 4.x before the access line named the address: `BUG: KASAN: use-after-free in f+0x8c/0x260 at addr ffff8801ce6e8e10`.
const HEADER_ADDRESS_RE = / at addr ([0-9a-f]+)/;

/** The stacks KASAN prints about the object: `Allocated by task 3789:` (4.x `Allocated:`), `Freed by task 3789:`. */
const OBJECT_STACKS = [
  { opens: /^Allocated by task|^Allocated:/, site: 'allocatedIn', pid: 'allocatedByPid' },
  { opens: /^Freed by task|^Freed:/, site: 'freedIn', pid: 'freedByPid' },
] as const;

/** The bug type a KASAN header names (`use-after-free`, `slab-out-of-bounds`), or null. */
export function kasanBugType(header: string): string | null {
  return HEADER_RE.exec(header)?.[1] ?? null;
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
      const address = access[3] ?? HEADER_ADDRESS_RE.exec(match.input)?.[1];
      if (address) report.details['address'] = address;
      report.details['task'] = access[4]!;
      report.pid ??= Number(access[5]);
      report.comm ??= access[4]!;
    } else if (match[3]) report.details['address'] = match[3];
    const headerFunction = match[2] ? symbolRef(match[2]) : null;
    blamePart(report, { until: AFTER_ACCESS_RE, ...(/free/.test(bugType) ? { skip: isFreeingFrame } : {}) }, headerFunction);
    readObjectFacts(report, OBJECT_STACKS);
    if (!match[2] && !match[3]) markCorrupted(report, 'corruption.kasan.noFunction');
  },
});
