import { matcher } from '../../knowledge/frames.js';
import { defineHeaderDetector } from '../define.js';
import { blamePart } from '../sections.js';

// kmemleak: `BUG: memory leak` / `unreferenced object 0xffff880039a55260 (size 64):` / `comm "executor", pid 11746, jiffies ...`
// / `backtrace:` (6.x: `backtrace (crc c9a1c131):`) and the allocation stack.
// The `kmemleak: 3 new suspected memory leaks` summary alone names no object: it stays an event.
const OBJECT_RE = /^unreferenced object (0x[0-9a-f]+) \(size (\d+)\):/;
const HEADER_RE = new RegExp(`BUG: memory leak\\s*$|${OBJECT_RE.source}`);
const OWNER_RE = /^comm "(.{0,64})", pid (\d+), jiffies \d+(?: \(age ([\d.]+)s\))?/;
/** The allocator and its wrappers: the leaked object's owner is the first caller past them. */
const isAllocatorFrame = matcher(
  [],
  [/kmemleak/, /alloc/, /kmem/, /slab/, /mmap/, /_noprof$/, /create_object/, /idr_get/, /list_lru_init/, /kv?asprintf/, /pcpu_create/, /str(?:n)?dup/, /memdup/],
);

export const memoryLeak = defineHeaderDetector({
  kind: 'memory-leak',
  meta: {
    description: 'kmemleak found an allocated object that nothing references any more, and printed the stack that allocated it.',
    examples: ['BUG: memory leak', 'unreferenced object 0xffff880039a55260 (size 64):'],
  },
  header: HEADER_RE,
  body: 'marker',
  boundedTrace: true,
  // `BUG: memory leak` takes the object line after it; a second object is another leak.
  absorbs: [OBJECT_RE],
  absorbsOnce: true,
  describe(_match, report) {
    for (const line of report.lines) {
      const text = line.text.trim();
      const object = OBJECT_RE.exec(text);
      if (object && report.details['object'] === undefined) {
        report.details['object'] = object[1]!;
        report.details['size'] = Number(object[2]);
      }
      const owner = OWNER_RE.exec(text);
      if (owner && report.pid === null) {
        report.comm = owner[1]!;
        report.pid = Number(owner[2]);
        if (owner[3]) report.details['ageSeconds'] = Number(owner[3]);
      }
    }
    blamePart(report, { from: /^backtrace/, until: /^unreferenced object|^BUG: memory leak/, skip: isAllocatorFrame });
  },
});
