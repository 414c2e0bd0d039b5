import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { isObjectTrackingFrame } from '../../src/knowledge/frames.js';
import { renderText } from '../../src/render/text.js';
import { log } from './tester.js';

// A 4.14 use-after-free as syzbot reported it (trimmed): access, allocation and free stacks, the object and its cache.
const UAF = log(`
  [   53.730124] ==================================================================
  [   53.730124] BUG: KASAN: use-after-free in aead_recvmsg+0x1758/0x1bc0
  [   53.730135] Read of size 4 at addr ffff8801c1afdb5c by task syz-executor5/3580
  [   53.730140]
  [   53.730145] CPU: 1 PID: 3580 Comm: syz-executor5 Not tainted 4.14.0-next-20171127+ #53
  [   53.730150] Call Trace:
  [   53.730155]  dump_stack+0x194/0x257
  [   53.730160]  print_address_description+0x73/0x250
  [   53.730165]  kasan_report+0x25b/0x340
  [   53.730170]  __asan_report_load4_noabort+0x14/0x20
  [   53.730175]  aead_recvmsg+0x1758/0x1bc0
  [   53.730180]  sock_recvmsg+0xc9/0x110
  [   53.730185]  SYSC_recvfrom+0x2dc/0x570
  [   53.730190]  SyS_recvfrom+0x40/0x50
  [   53.730195]  entry_SYSCALL_64_fastpath+0x1f/0x96
  [   53.766339]
  [   53.766339] Allocated by task 3568:
  [   53.766347]  save_stack+0x43/0xd0
  [   53.766352]  kasan_kmalloc+0xad/0xe0
  [   53.766360]  __kmalloc+0x162/0x760
  [   53.766367]  crypto_create_tfm+0x82/0x2e0
  [   53.766373]  crypto_alloc_tfm+0x10e/0x2f0
  [   53.766418]  entry_SYSCALL_64_fastpath+0x1f/0x96
  [   53.766421]
  [   53.766424] Freed by task 3568:
  [   53.766430]  save_stack+0x43/0xd0
  [   53.766436]  kasan_slab_free+0x71/0xc0
  [   53.766442]  kfree+0xca/0x250
  [   53.766450]  kzfree+0x28/0x30
  [   53.766456]  crypto_destroy_tfm+0x140/0x2e0
  [   53.766464]  crypto_put_default_null_skcipher+0x35/0x60
  [   53.766470]
  [   53.766475] The buggy address belongs to the object at ffff8801c1afdb40
  [   53.766475]  which belongs to the cache kmalloc-128 of size 128
  [   53.766480] The buggy address is located 28 bytes inside of
  [   53.766480]  128-byte region [ffff8801c1afdb40, ffff8801c1afdbc0)
  [   53.766485] ==================================================================
`);

describe('KASAN keeps the facts of the object', () => {
  const r = analyzeText(UAF, 'dmesg');
  const i = r.incidents[0]!;

  it('names the bug type and access in the verdict, as KASAN does', () => {
    expect(r.summary.verdict).toBe('KASAN: use-after-free read in aead_recvmsg on CPU 1 (syz-executor5, PID 3580).');
    expect(renderText(r, { color: false, lang: 'zh' })).toContain('CPU 1 上的任务 syz-executor5（PID 3580）在 aead_recvmsg 中发生 KASAN（use-after-free read）。');
  });

  it('reads the object, its cache and where in it the access fell', () => {
    expect(i.details).toMatchObject({ object: 'ffff8801c1afdb40', cache: 'kmalloc-128', objectSize: 128, located: '28 bytes inside of the 128-byte region' });
    expect(i.detailMessages['located']).toEqual({ code: 'detail.located', params: { bytes: 28, side: 'inside', region: 128 } });
    expect(renderText(r, { color: false, lang: 'zh' })).toMatch(/^ {2}在对象中的位置 +128 字节区域内偏移 28 字节处$/m);
  });

  it('names where the object was allocated and freed: the first frame past the stack saver and the allocator', () => {
    expect(i.details).toMatchObject({ allocatedIn: 'crypto_create_tfm', allocatedByPid: 3568, freedIn: 'crypto_destroy_tfm', freedByPid: 3568 });
    const text = renderText(r, { color: false });
    expect(text).toMatch(/^ {2}Allocated in +crypto_create_tfm$/m);
    expect(text).toMatch(/^ {2}Slab cache +kmalloc-128$/m);
  });

  it('a header quoted alone before the log (a test case `START:` line) is no blank first report', () => {
    const quoted = analyzeText(`START: [   53.730124] BUG: KASAN: use-after-free in aead_recvmsg+0x1758/0x1bc0\n\n${UAF}`, 'case');
    expect(quoted.incidents).toHaveLength(1);
    expect(quoted.incidents[0]).toMatchObject({ cpu: 1, comm: 'syz-executor5', reports: 1, firstUptime: 53.730124 });
    expect(quoted.summary.verdict).toBe(r.summary.verdict);
  });
});

describe('KFENCE and KMSAN', () => {
  it('KFENCE: the object line gives cache and size, its stacks the allocation and free sites', () => {
    const r = analyzeText(log(`
      [  221.211609] BUG: KFENCE: use-after-free read in find_uprobe+0x57/0x150
      [  221.219706]
      [  221.229282] Use-after-free read at 0xffff88823bc8cf68 (in kfence-#69):
      [  221.235000]  find_uprobe+0x57/0x150
      [  221.240000]  uprobe_register+0x20/0x30
      [  221.306667]
      [  221.308981] kfence-#69 [0xffff88823bc8ce00-0xffff88823bc8cfa7, size=424, cache=kmalloc-512] allocated by task 9997:
      [  221.310000]  __kfence_alloc+0x2a/0x30
      [  221.311000]  kmem_cache_alloc_trace+0x1a0/0x2a0
      [  221.312000]  __uprobe_register+0x19c/0x850
      [  221.377815]
      [  221.377815] freed by task 9997:
      [  221.380000]  kfence_guarded_free+0x1/0x2
      [  221.381000]  kfree+0x10/0x20
      [  221.382000]  put_uprobe+0x13b/0x190
      [  221.440115]
      [  221.442441] CPU: 1 PID: 9991 Comm: syz-executor.4 Not tainted 5.11.0-rc6 #0
    `), 'dmesg');
    expect(r.incidents[0]!.details).toMatchObject({ bugType: 'use-after-free read', cache: 'kmalloc-512', objectSize: 424, allocatedIn: '__uprobe_register', allocatedByPid: 9997, freedIn: 'put_uprobe' });
    expect(r.summary.verdict).toMatch(/^KFENCE: use-after-free read in find_uprobe /);
  });

  it('KMSAN: where the uninitialized value was created, past the allocator', () => {
    const r = analyzeText(log(`
      [   87.700000] BUG: KMSAN: uninit-value in ppp_send_frame+0x28d/0x27c0
      [   87.710000]  ppp_send_frame+0x28d/0x27c0
      [   87.720000]  ppp_xmit_process+0x23e/0x4b0
      [   87.792796] Uninit was created at:
      [   87.797099]  __kmalloc_node_track_caller+0xe0c/0x1510
      [   87.803048]  __alloc_skb+0x545/0xf90
      [   87.807505]  ppp_write+0x11d/0x5e0
      [   87.811787]  do_iter_write+0xb0c/0x1500
      [   87.835983]
      [   87.838311] CPU: 1 PID: 3479 Comm: syz-executor849 Not tainted 5.16.0-rc5 #0
    `), 'dmesg');
    expect(r.incidents[0]!.details).toMatchObject({ bugType: 'uninit-value', createdIn: 'ppp_write' });
  });
});

describe('object-tracking frames (knowledge/frames.ts)', () => {
  it.each(['save_stack', 'save_stack_trace', 'kasan_kmalloc', '____kasan_kmalloc', 'kasan_slab_free', '__kmalloc', '__kmalloc_node_track_caller', 'kmem_cache_alloc_trace', 'kmem_cache_free', 'kzfree', 'kfree', 'kvfree', '__alloc_skb', 'skb_free_head', 'stack_depot_save', 'kmsan_internal_poison_memory', '__kfence_alloc', 'slab_post_alloc_hook.constprop.0'])(
    '%s is where an object is recorded, allocated or freed, not its site',
    (fn) => expect(isObjectTrackingFrame(fn)).toBe(true),
  );
  it.each(['crypto_create_tfm', 'sock_wmalloc', 'binder_transaction', 'put_uprobe', 'kcm_ioctl', 'i_callback'])('%s is a site', (fn) => expect(isObjectTrackingFrame(fn)).toBe(false));
});
