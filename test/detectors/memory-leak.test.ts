import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { memoryLeak } from '../../src/reports/detectors/memory-leak.js';
import { log, testDetector } from './tester.js';

testDetector(memoryLeak, {
  valid: [
    {
      name: '6.x symbolized backtrace with crc: allocator wrappers (slab, kmalloc_noprof, kzalloc) skipped',
      log: log(`
        BUG: memory leak
        unreferenced object 0xffff8882d78c9ea0 (size 96):
          comm "syz.0.23", pid 5988, jiffies 4294941388
          hex dump (first 32 bytes):
            df 82 95 86 ff ff ff ff a8 9e 8c d7 82 88 ff ff  ................
          backtrace (crc c9a1c131):
            kmemleak_alloc_recursive include/linux/kmemleak.h:44 [inline]
            slab_post_alloc_hook mm/slub.c:4951 [inline]
            slab_alloc_node mm/slub.c:5245 [inline]
            __kmalloc_cache_noprof+0x42f/0x5e0 mm/slub.c:5719
            kmalloc_noprof include/linux/slab.h:957 [inline]
            kzalloc_noprof include/linux/slab.h:1094 [inline]
            lookup_or_create_module_kobject kernel/params.c:774 [inline]
            lookup_or_create_module_kobject+0x57/0x110 kernel/params.c:764
            module_add_driver+0x13c/0x1e0 drivers/base/module.c:46
      `),
      expected: {
        title: 'memory leak in lookup_or_create_module_kobject',
        pid: 5988,
        comm: 'syz.0.23',
        culprit: { function: 'lookup_or_create_module_kobject', module: null },
        corrupted: false,
        details: { object: '0xffff8882d78c9ea0', size: 96 },
      },
    },
    {
      name: '4.15 address-prefixed frames with source lines and an age',
      log: log(`
        [  100.000000] kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)
        BUG: memory leak
        unreferenced object 0xffff880039a55260 (size 64):
          comm "executor", pid 11746, jiffies 4298984475 (age 16.078s)
          backtrace:
            [<ffffffff848a2f5f>] sock_kmalloc+0x7f/0xc0 net/core/sock.c:1774
            [<ffffffff84e5bea0>] do_ipv6_setsockopt.isra.7+0x15d0/0x2830 net/ipv6/ipv6_sockglue.c:483
            [<ffffffff84e5d19b>] ipv6_setsockopt+0x9b/0x140 net/ipv6/ipv6_sockglue.c:885
      `),
      expected: { title: 'memory leak in do_ipv6_setsockopt', pid: 11746, comm: 'executor', details: { size: 64, ageSeconds: 16.078 } },
    },
  ],
});

describe('several kmemleak objects in one scan', () => {
  it('gives one incident per unreferenced object, each blaming its own allocation', () => {
    const result = analyzeText(log(`
      [  100.000001] kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)
      [  100.000002] unreferenced object 0xffff888012345600 (size 64):
      [  100.000003]   comm "modprobe", pid 100, jiffies 4294667296 (age 12.3s)
      [  100.000004]   backtrace:
      [  100.000005]     kmalloc_trace+0x26/0x90
      [  100.000006]     foo_init+0x1c/0x50 [foo]
      [  100.000007]     do_one_initcall+0x41/0x200
      [  100.000008] unreferenced object 0xffff888012345700 (size 128):
      [  100.000009]   comm "modprobe", pid 101, jiffies 4294667300 (age 12.2s)
      [  100.000010]   backtrace:
      [  100.000011]     kmalloc_trace+0x26/0x90
      [  100.000012]     bar_probe+0x2c/0x80 [bar]
      [  100.000013]     really_probe+0xdb/0x340
    `));
    expect(result.incidents.map((i) => [i.kind, i.title, i.pid, i.details['object']])).toEqual([
      ['memory-leak', 'memory leak in foo_init', 100, '0xffff888012345600'],
      ['memory-leak', 'memory leak in bar_probe', 101, '0xffff888012345700'],
    ]);
  });
});
