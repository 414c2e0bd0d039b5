import { badPageState } from '../../src/reports/detectors/bad-page-state.js';
import { log, testDetector } from './tester.js';
import { variantLog } from '../matrix/variants.js';

testDetector(badPageState, {
  valid: [
    {
      name: "6.x with page_owner: blamed on the code that allocated the page, past the allocator and page cache",
      log: log(`
        [   65.499023][ T5098] BUG: Bad page state in process syz-executor209  pfn:7deea
        [   65.506426][ T5098] page: refcount:0 mapcount:0 mapping:0000000000000000 index:0x2e pfn:0x7deea
        [   65.515426][ T5098] flags: 0xfff0000000400c(referenced|uptodate|private|node=0|zone=1|lastcpupid=0x7ff)
        [   65.525041][ T5098] raw: 00fff0000000400c dead000000000100 dead000000000122 0000000000000000
        [   65.544378][ T5098] page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set
        [   65.552063][ T5098] page_owner tracks the page as allocated
        [   65.557890][ T5098] page last allocated via order 0, migratetype Unmovable, gfp_mask 0x40c40(GFP_NOFS|__GFP_COMP), pid 5096, tgid 5096 (syz-executor209), ts 64771645
        [   65.575967][ T5098]  post_alloc_hook+0x1f3/0x230
        [   65.581043][ T5098]  get_page_from_freelist+0x2e4c/0x2f10
        [   65.586581][ T5098]  __alloc_pages_noprof+0x256/0x6c0
        [   65.602555][ T5098]  filemap_alloc_folio_noprof+0xdf/0x500
        [   65.608226][ T5098]  __filemap_get_folio+0x44e/0xc10
        [   65.613415][ T5098]  pagecache_get_page+0x2c/0x200
        [   65.618395][ T5098]  __get_metapage+0x2b4/0x1050
        [   65.623241][ T5098]  diNewExt+0xacf/0x37e0
        [   65.654284][ T5098] page last free pid 5083 tgid 5083 stack trace:
        [   65.660639][ T5098]  free_unref_page+0xd19/0xea0
        [   65.665445][ T5098]  __folio_put+0x3b9/0x620
        [   65.700000][ T5098] Modules linked in:
        [   65.700001][ T5098] CPU: 1 PID: 5098 Comm: syz-executor209 Not tainted 6.10.0-syzkaller #0
        [   65.700002][ T5098] Call Trace:
        [   65.700003][ T5098]  dump_stack_lvl+0x116/0x1b0
        [   65.700004][ T5098]  bad_page+0xf6/0x190
        [   65.700005][ T5098]  free_unref_page+0x99/0xea0
      `),
      expected: {
        title: 'bad page state in __get_metapage',
        pid: 5098,
        comm: 'syz-executor209',
        culprit: { function: '__get_metapage', module: null },
        corrupted: false,
        details: { problem: 'page state', pfn: '7deea', reason: 'PAGE_FLAGS_CHECK_AT_FREE flag(s) set' },
      },
    },
    {
      name: 'bad rss-counter state: a one-line report without a trace is complete',
      log: '[ 2569.618120] BUG: Bad rss-counter state mm:ffff88005fac4300 idx:0 val:15\n',
      expected: { title: 'bad page state', corrupted: false, details: { problem: 'rss-counter state', mm: 'ffff88005fac4300', counter: '0', value: 15 } },
    },
    {
      name: 'kernel/fork.c check_mm: non-zero pgtables_bytes at mm teardown, no stack and not flagged cut',
      log: log(`
        [  210.123456] BUG: non-zero pgtables_bytes on freeing mm: -4096
      `),
      expected: { title: 'bad page state', culprit: null, corrupted: false, details: { problem: 'non-zero pgtables_bytes', value: -4096 } },
    },
    {
      name: "2.6 (before 2.6.28): `Bad page state in process 'comm'`, blamed past the allocator's free path",
      log: variantLog("2.6 `Bad page state in process 'comm'` (before 2.6.28), blamed past the allocator's free path"),
      expected: { comm: 'swapper', culprit: { function: 'mydrv_free_buf', module: 'mydrv' }, corrupted: false, details: { problem: 'page state' } },
    },
  ],
});
