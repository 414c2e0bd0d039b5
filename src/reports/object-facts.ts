// What the memory sanitizers (KASAN, KFENCE, KMSAN) print about the object a bad access touched: where it was
// allocated and freed (the first frame of each stack past the allocator), its slab cache and size, and where in it.
import { isObjectTrackingFrame } from '../knowledge/frames.js';
import type { LogLine } from '../lines/types.js';
import { detailMessage, type Side } from './codes.js';
import { pickCulprit } from './culprit.js';
import { faultStack, findLine, firstMatch, partOf } from './sections.js';
import type { Report } from './types.js';

/** One stack a sanitizer prints about the object: its opening line, and the detail keys of its site and task. */
export interface ObjectStack {
  readonly opens: RegExp;
  /** The key of the first frame past the allocator (`allocatedIn`) and of the task's PID (`allocatedByPid`). */
  readonly site: string;
  readonly pid?: string;
}

/** The lines a stack printed under such a heading runs to: an empty line, or the next heading. */
const STACK_END_RE = /^$|^(?:Allocated|Freed|freed by|allocated by|The buggy|Memory state|Last potentially|Second to last|Uninit was|Local variable|Bytes \d|CPU: \d|kfence-#|\(stack is not available\))/;

// `The buggy address belongs to the object at ffff8801ce6e8e00` (and the cache on the same or the next line).
const OBJECT_RE = /^The buggy address belongs to the object at (?:0x)?([0-9a-f]+)/;
// ` which belongs to the cache kmalloc-64 of size 64`
const CACHE_RE = /which belongs to the cache (\S+) of size (\d+)/;
// `The buggy address is located 16 bytes inside of` then ` 64-byte region [ffff..., ffff...)`
const LOCATED_RE = /^The buggy address is located (\d+) bytes (inside|to the right|to the left) of(?: (\d+)-byte region)?/;
/** Where the address is against the object, as `detail.located` names it. */
const SIDES: Readonly<Record<string, Side>> = { inside: 'inside', 'to the right': 'right', 'to the left': 'left' };
const REGION_RE = /^(\d+)-byte region \[/;
// KFENCE: `kfence-#69 [0xffff88823bc8ce00-0xffff88823bc8cfa7, size=424, cache=kmalloc-512] allocated by task 9997:`
const KFENCE_OBJECT_RE = /^kfence-#\d+ \[(0x[0-9a-f]+)-0x[0-9a-f]+, size=(\d+), cache=([^\]]+)\]/;

/** The first frame past the allocator in the stack printed under the first line `opens` matches; null without one. */
function stackSite(lines: readonly LogLine[], opens: RegExp): { site: string | null; pid: number | null } | null {
  const start = findLine(lines, opens);
  if (start < 0) return null;
  const pid = /task (\d+)/.exec(lines[start]!.text);
  const { stack } = faultStack(partOf(lines.slice(start + 1), { until: STACK_END_RE }));
  const usable = stack.filter((f) => f.reliable && !f.function.startsWith('0x'));
  // Only allocator frames printed (a stack cut short): no site rather than an allocator named as one.
  const site = usable.some((f) => !isObjectTrackingFrame(f.function)) ? (pickCulprit(usable, isObjectTrackingFrame)?.function ?? null) : null;
  return { site, pid: pid ? Number(pid[1]) : null };
}

/** Writes the facts a sanitizer report gives about the object into the report's details. */
export function readObjectFacts(report: Report, stacks: readonly ObjectStack[]): void {
  const d = report.details;
  for (const s of stacks) {
    const found = stackSite(report.lines, s.opens);
    if (!found) continue;
    d[s.site] = found.site;
    if (s.pid && found.pid !== null) d[s.pid] = found.pid;
  }
  const object = firstMatch(report.lines, OBJECT_RE);
  const kfence = firstMatch(report.lines, KFENCE_OBJECT_RE);
  if (object) d['object'] = object[1]!;
  const cache = firstMatch(report.lines, CACHE_RE);
  if (cache) {
    d['cache'] = cache[1]!;
    d['objectSize'] = Number(cache[2]);
  } else if (kfence) {
    d['cache'] = kfence[3]!;
    d['objectSize'] = Number(kfence[2]);
  }
  const located = firstMatch(report.lines, LOCATED_RE);
  const region = located?.[3] ?? firstMatch(report.lines, REGION_RE)?.[1];
  if (located) d['located'] = detailMessage('detail.located', { bytes: Number(located[1]), side: SIDES[located[2]!]!, region: region ? Number(region) : null });
}
