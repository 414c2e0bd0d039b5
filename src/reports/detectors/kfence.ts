import { defineHeaderDetector } from '../define.js';
import { readObjectFacts } from '../object-facts.js';
import { blamePart, firstMatch, symbolRef } from '../sections.js';

// `BUG: KFENCE: use-after-free read in test_use_after_free_read+0xb3/0x143`, `BUG: KFENCE: invalid free in
// test_double_free+0xdc/0x171`, `BUG: KFENCE: memory corruption in ...`, `BUG: KFENCE: out-of-bounds write in ...`.
const HEADER_RE = /BUG: KFENCE: ([a-z -]+?) in (\S+)/;
// `Use-after-free read at 0xffffffffb673dfe0 (in kfence-#24):`, `Corrupted memory at 0x... [ 0xac . . ] (in kfence-#88):`
const ACCESS_RE = /^(?:[A-Z][\w -]+) at (0x[0-9a-f]+)\b.*\(in (kfence-#\d+)\):/;
/** After the faulting stack: the object's allocation and free stacks, then the CPU line. */
const AFTER_ACCESS_RE = /^(?:kfence-#\d+|allocated by task|freed by task|CPU: \d)/;
/** `kfence-#69 [0x...-0x..., size=424, cache=kmalloc-512] allocated by task 9997:`, then `freed by task 9997:`. */
const OBJECT_STACKS = [
  { opens: /^kfence-#\d+ .*allocated by task/, site: 'allocatedIn', pid: 'allocatedByPid' },
  { opens: /^freed by task/, site: 'freedIn', pid: 'freedByPid' },
] as const;

export const kfence = defineHeaderDetector({
  kind: 'kfence',
  meta: {
    description: 'The sampling KFENCE memory-error detector caught an out-of-bounds access, use-after-free, invalid free or corrupted guard bytes.',
    examples: ['BUG: KFENCE: use-after-free read in find_uprobe+0x12c/0x1a0', 'BUG: KFENCE: memory corruption in test_corruption+0x98/0x19b'],
  },
  header: HEADER_RE,
  body: 'marker',
  describe(match, report) {
    report.details['bugType'] = match[1]!;
    const access = firstMatch(report.lines, ACCESS_RE);
    if (access) {
      report.details['address'] = access[1]!;
      report.details['object'] = access[2]!;
    }
    blamePart(report, { until: AFTER_ACCESS_RE }, symbolRef(match[2]!));
    readObjectFacts(report, OBJECT_STACKS);
  },
});
