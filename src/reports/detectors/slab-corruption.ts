import { isGenericFrame } from '../../knowledge/frames.js';
import { detailMessage } from '../codes.js';
import { defineHeaderDetector } from '../define.js';
import { blamePart, firstMatch, symbolRef } from '../sections.js';

/**
 * What SLUB's debug checks (mm/slub.c check_object, check_slab, __kmem_cache_shutdown) print after `BUG <cache> (...): `
 * when they find an object or slab damaged after the fact; a wrong free caught as it happens (`Object already free`,
 * `Invalid object pointer`) is a `bug`.
 */
export const SLUB_CORRUPTION_SOURCE = String.raw`(?:Left |Right )?Redzone overwritten|Poison overwritten|(?:Object |Alignment )?[Pp]adding overwritten|Objects remaining|Freechain corrupt|Freepointer corrupt|Wrong object count|Wrong number of objects`;

// SLUB (3.x+): `BUG kmalloc-64 (Tainted: G    B      ): Poison overwritten`, `BUG kmalloc-128 (Not tainted): Objects
// remaining in kmalloc-128 on __kmem_cache_shutdown()`; 2.6.2x printed no taint: `BUG kmalloc-64: Redzone overwritten`.
// SLAB (mm/slab.c check_poison_obj): `Slab corruption (Not tainted): kmalloc-64 start=ffff880037a0d000, len=64`,
// 2.6 `Slab corruption: size-64 start=ffff81003e1d4000, len=64`.
// (RHEL pads the taint with its own flags: `(Tainted: G           OE    --------- -  -)`)
const TAINT = String.raw`(?: \((?:Not tainted|Tainted: [A-Z -]{1,60})\))?`;
const HEADER_RE = new RegExp(String.raw`BUG ([\w.:-]{1,64})${TAINT}: (${SLUB_CORRUPTION_SOURCE})|Slab corruption${TAINT}: (\S{1,64}) start=([0-9a-f]{1,16}), len=(\d{1,10})`);
// SLUB's records of the object's last allocation and free (`INFO: ` dropped in 5.x): `INFO: Freed in kfree+0x.. age=.. cpu=0 pid=1`.
const TRACK_RE = /^(?:INFO: )?(Allocated|Freed) in (\S+?(?: \[[\w-]{1,64}\])?) age=/;
// SLAB's record of the last caller that allocated or freed the object: `Last user: [<ffffffff811a06b7>](ext4_destroy_inode+0x2a/0x40)`.
const LAST_USER_RE = /^Last user: \[<[0-9a-f]{1,16}>\] ?\((\S+?(?: \[[\w-]{1,64}\])?)\)/;
/** The slab allocator's own checking, reporting and teardown frames. */
const isSlabCode = (fn: string): boolean => /^_*(?:kmem_cache_|slab_|slub_|check_|print_|object_err|shutdown_cache|list_slab_objects|free_partial|alloc_debug_processing|free_debug_processing|on_freelist|cache_alloc_|kmalloc)/.test(fn);

/** The function a SLUB track or SLAB's last-user record names, when it is not a generic one. */
function recorded(lines: Parameters<typeof firstMatch>[0], which: 'Allocated' | 'Freed' | 'Last user') {
  const m = which === 'Last user' ? firstMatch(lines, LAST_USER_RE) : lines.map((l) => TRACK_RE.exec(l.text.trim())).find((t) => t?.[1] === which);
  const ref = m ? symbolRef(m[which === 'Last user' ? 1 : 2]!) : null;
  return ref && !isGenericFrame(ref.function) && !isSlabCode(ref.function) ? ref : null;
}

export const slabCorruption = defineHeaderDetector({
  kind: 'slab-corruption',
  meta: {
    description: "The slab allocator's debug checks (SLUB or SLAB debugging) found an object overwritten after it was freed (poison), written past its end (red zone), slab metadata damaged, or objects still allocated when a cache was destroyed.",
    examples: [
      'BUG kmalloc-64 (Tainted: G    B      ): Poison overwritten',
      'BUG kmalloc-128 (Not tainted): Objects remaining in kmalloc-128 on __kmem_cache_shutdown()',
      'BUG kmalloc-64: Redzone overwritten',
      'Slab corruption (Not tainted): kmalloc-64 start=ffff880037a0d000, len=64',
      'Slab corruption: size-64 start=ffff81003e1d4000, len=64',
    ],
  },
  header: HEADER_RE,
  bodyLines: [
    /^INFO: /, /^-{20,}$/, /^={20,}$/, /^(?:Bytes b4|Object|Redzone|Padding) +[0-9a-f]{8,16}: /, /^FIX /, /^[0-9a-f]{3}: (?:[0-9a-f]{2} ){4}/,
    /^(?:Prev|Next) obj: /, /^Last user: /, /^Redzone: 0x/, /^Single bit error detected/, TRACK_RE, /^Slab 0x/, /^Object 0x/, /^Disabling lock debugging/,
  ],
  // SLAB's check prints no stack of its own.
  expectsTrace: false,
  describe(match, report) {
    const slub = match[1] !== undefined;
    const problem = slub ? match[2]! : 'slab corruption';
    report.details['cache'] = slub ? match[1]! : match[3]!;
    report.details['problem'] = slub ? problem : detailMessage('detail.problem.slabCorruption');
    if (!slub) report.details['object'] = match[4]!;
    // After a free the one who freed it knows the stale users; past its end the one who allocated it overran it.
    const owner = !slub ? recorded(report.lines, 'Last user') : /Poison/.test(problem) ? recorded(report.lines, 'Freed') : /Redzone|adding/.test(problem) ? recorded(report.lines, 'Allocated') : null;
    blamePart(report, { from: /^Call [Tt]race:|^Backtrace:/, skip: isSlabCode }, owner);
    if (owner) {
      report.culprit = owner;
      report.details['blamed'] = slub ? (/Poison/.test(problem) ? 'freed-by' : 'allocated-by') : 'last-user';
    }
  },
});
