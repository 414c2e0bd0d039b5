import { defineHeaderDetector } from '../define.js';
import { markCorrupted } from '../report.js';
import { blamePart, firstMatch, PANIC_INSIDE_REPORT_RE } from '../sections.js';

// `BUG: Bad page state in process syz-executor209  pfn:7deea`, `BUG: Bad page map in process syz  pte:... pmd:...`,
// `BUG: Bad rss-counter state mm:ffff88005fac4300 idx:0 val:15` (also `type:MM_ANONPAGES val:15` since 6.x).
// Task names are at most 15 characters (TASK_COMM_LEN): `.{1,64}` bounds the scan for the `/pid` after one.
// mm/filemap.c (4.x+) also checks a page still mapped when it leaves the page cache: `BUG: Bad page cache in process
// syz-executor  pfn:1d6e00`.
// kernel/fork.c check_mm() prints `BUG: non-zero pgtables_bytes on freeing mm: -4096` (4.x+; `nr_ptes`, `nr_pmds` before)
// beside the rss-counter check. Before 2.6.28 it was `Bad page state in process 'swapper'`, then `page:c1234567 flags:0x... mapping:... mapcount:1 count:0`,
// `Trying to fix it up, but a reboot is needed` and `Backtrace:`.
const HEADER_RE = /BUG: Bad (page state|page map|page cache|rss-counter state)(?: in process (.{1,64}?)\s{1,16}(?:pfn|pte):([0-9a-f]+)| mm:([0-9a-f]+) (?:idx|type):(\S+) val:(-?\d+))?|^Bad page state in process '(.{1,64}?)'$|BUG: non-zero (pgtables_bytes|nr_ptes|nr_pmds) on freeing mm: (-?\d+)/;
/** The page cache's removal path, past which the code that truncated or evicted the page is found. */
const isPageCacheRemoval = (fn: string): boolean => /^_*delete_from_page_cache|^unaccount_page_cache_page|^page_cache_(?:delete|tree_delete)|^filemap_unaccount|^truncate_inode_(?:page|folio)$|^filemap_remove_folio/.test(fn);
/** The page allocator's free path that found the bad page (bad_page, the free checks): the code that freed the page is past it. */
const isPageFree = (fn: string): boolean =>
  /^(?:bad_page|free_pages_check(?:_bad)?|free_(?:hot_cold|hot|cold)_page|free_pages_prepare|free_pcp_prepare|__free_pages_ok|__?free_pages?|free_unref_page(?:_list|_commit|_prepare)?|__free_one_page|free_one_page|__?put_(?:single_)?page|release_pages|__pagevec_free|free_page_and_swap_cache)$/.test(fn);

/** Page allocation and page-cache lookup frames above the code that asked for the page. */
const isPageAllocation = (fn: string): boolean => /alloc|freelist|page_owner|^prep_new_page|^filemap_get|^__filemap_get|^pagecache_get_page|^find_or_create_page|^grab_cache_page|^page_pool_|^__page_pool/.test(fn);

export const badPageState = defineHeaderDetector({
  kind: 'bad-page-state',
  meta: {
    description: 'The page allocator or the page tables held a page, mapping or RSS counter in an impossible state: memory corruption, a double free or a refcount bug.',
    examples: ['BUG: Bad page state in process syz-executor209  pfn:7deea', 'BUG: Bad rss-counter state mm:ffff88005fac4300 idx:0 val:15', 'BUG: Bad page cache in process syz-executor  pfn:1d6e00', "Bad page state in process 'swapper'", 'BUG: non-zero pgtables_bytes on freeing mm: -4096'],
  },
  header: HEADER_RE,
  body: 'trace',
  absorbs: [PANIC_INSIDE_REPORT_RE],
  bodyLines: [/^Trying to fix it up, but a reboot is needed/, /^page:/, /^flags: /, /^raw: /, /^page dumped because: /, /^page_owner /, /^page last (?:allocated|free)/, /^addr:\S+ vm_flags:/, /^file:.*fault:/, /^memcg:/, /^anon flags:/, /^head: /, /^(?:page|folio) does not match/],
  expectsTrace: false,
  describe(match, report) {
    report.details['problem'] = match[1] ?? (match[8] ? `non-zero ${match[8]}` : 'page state');
    if (match[9] !== undefined) report.details['value'] = Number(match[9]);
    if (match[7]) report.comm ??= match[7];
    if (match[2]) {
      report.comm ??= match[2];
      report.details[match[1] === 'page map' ? 'pte' : 'pfn'] = match[3]!;
    }
    if (match[4]) {
      report.details['mm'] = match[4];
      report.details['counter'] = match[5]!;
      report.details['value'] = Number(match[6]);
    }
    const because = firstMatch(report.lines, /^page dumped because: (.+)$/);
    if (because) report.details['reason'] = because[1]!;
    // page_owner's record of who allocated the page names the code that misused it; else the freeing stack.
    const owner = report.lines.some((l) => /^page last allocated via/.test(l.text.trim()));
    blamePart(report, owner ? { from: /^page last allocated via/, until: /^page last free|^Modules linked in:|^CPU: \d/, skip: isPageAllocation } : { from: /^Call [Tt]race:|^Backtrace:/, skip: (fn) => isPageCacheRemoval(fn) || isPageFree(fn) });
    // A bad page or page-map report always dumps a stack; the mm teardown checks (rss-counter, pgtables_bytes) print none.
    if (match[1] !== 'rss-counter state' && match[8] === undefined && !report.rip && report.stack.length === 0) markCorrupted(report, 'corruption.cut.beforeCallTrace');
  },
});
