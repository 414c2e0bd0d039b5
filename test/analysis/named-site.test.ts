import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { isGenericFrame } from '../../src/knowledge/frames.js';
import { log } from '../detectors/tester.js';

// Skip lists name the generic functions whole (a family spelled out), so that a culprit whose name starts like one
// (`kmalloc_oob_right`, `schedule_tail`, `warn_sysctl_write`) is not skipped; and the function a report's header
// names is the culprit when its trace holds nothing past generic code.

describe('generic frames are named whole', () => {
  it.each([
    'kmalloc', '__kmalloc', 'kmalloc_node', '__kmalloc_node', 'kmalloc_trace', 'kmalloc_large_node', '__kmalloc_node_track_caller', '__kmalloc_cache_noprof',
    'kzalloc', 'kcalloc', 'kvmalloc_node', 'kvmalloc_node_noprof', 'vmalloc', 'vzalloc', 'vmalloc_user', 'kfree', '__kfree', 'kvfree', 'kfree_sensitive',
    'schedule', '__schedule', 'schedule_timeout', 'schedule_timeout_uninterruptible', 'schedule_hrtimeout_range', 'schedule_preempt_disabled',
    'warn_slowpath_fmt', 'warn_slowpath_null', 'warn_slowpath_common', '__warn', 'warn_alloc', 'warn_alloc_failed', 'warn_bogus_irq_restore',
    'rt_mutex_slowlock', '__rt_mutex_slowlock', 'rt_mutex_lock_nested', 'task_blocks_on_rt_mutex', 'kmalloc_node.constprop.0',
  ])('%s is generic', (fn) => {
    expect(isGenericFrame(fn)).toBe(true);
  });

  it.each([
    // test_kasan / KUnit cases: the culprits of their own reports
    'kmalloc_oob_right', 'kmalloc_uaf', 'kmalloc_pagealloc_oob_right', 'kfree_via_page', 'kfree_via_phys', 'vmalloc_oob',
    // functions whose names begin like a scheduler, WARN or allocator helper
    'schedule_tail', 'warn_sysctl_write', 'warn_legacy_capability_use', 'kmalloc_oob_16',
  ])('%s is not generic', (fn) => {
    expect(isGenericFrame(fn)).toBe(false);
  });
});

// x86 6.x, KUnit test_kasan: the access stack's first frame past KASAN is the test case.
const KASAN_KUNIT = log(`
  [   18.236410] ==================================================================
  [   18.236540] BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right+0x6b1/0x750
  [   18.236620] Write of size 1 at addr ffff888102a8b173 by task kunit_try_catch/157
  [   18.236700]
  [   18.236760] CPU: 1 PID: 157 Comm: kunit_try_catch Tainted: G    B            N 6.6.8 #1
  [   18.236830] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
  [   18.236900] Call Trace:
  [   18.236960]  <TASK>
  [   18.237010]  dump_stack_lvl+0x48/0x70
  [   18.237070]  print_report+0xc3/0x620
  [   18.237130]  kasan_report+0xbd/0xf0
  [   18.237190]  kmalloc_oob_right+0x6b1/0x750
  [   18.237250]  kunit_try_run_case+0x1b0/0x490
  [   18.237310]  kunit_generic_run_threadfn_adapter+0x4f/0x90
  [   18.237370]  kthread+0x1a3/0x1e0
  [   18.237430]  ret_from_fork+0x31/0x50
  [   18.237490]  ret_from_fork_asm+0x1b/0x30
  [   18.237550]  </TASK>
  [   18.237600]
  [   18.237660] ==================================================================
`);

// 4.9 x86: the unwinder only guessed the accessing function (`? sg_read`); the header names it.
const KASAN_GUESSED = log(`
  [   67.633749] ==================================================================
  [   67.633767] BUG: KASAN: wild-memory-access in sg_read+0xe5c/0x1440
  [   67.633774] Read of size 4096 at addr ffe70873f7f2b000 by task syz-executor1/13133
  [   67.633796] CPU: 0 PID: 13133 Comm: syz-executor1 Not tainted 4.9.80-g550c01d #29
  [   67.633841] Call Trace:
  [   67.633851]  [<ffffffff81d94b69>] dump_stack+0xc1/0x128
  [   67.633860]  [<ffffffff8153e49e>] kasan_report+0x15e/0x360
  [   67.633867]  [<ffffffff8266a72c>] ? sg_read+0xe5c/0x1440
  [   67.633875]  [<ffffffff8153cfc7>] check_memory_region+0x137/0x190
  [   67.633883]  [<ffffffff8153d067>] memcpy+0x37/0x50
  [   67.633890] ==================================================================
`);

// 32-bit ARM 4.17 under panic_on_warn: the trace is the panicking path only; the WARNING header names the site.
const ARM_WARN_TRUNCATED = log(`
  [  112.304150] ------------[ cut here ]------------
  [  112.304201] WARNING: CPU: 1 PID: 4102 at drivers/i2c/i2c-core-base.c:1859 __i2c_transfer+0x4a8/0x66c
  [  112.304260] Kernel panic - not syncing: panic_on_warn set ...
  [  112.304270]
  [  112.304310] CPU: 1 PID: 4102 Comm: syz-executor0 Not tainted 4.17.0-rc1+ #8
  [  112.304330] Hardware name: ARM-Versatile Express
  [  112.304390] [<8011344c>] (unwind_backtrace) from [<8010ef84>] (show_stack+0x18/0x1c)
  [  112.304420] [<8010ef84>] (show_stack) from [<807bb0d8>] (dump_stack+0xa0/0xc0)
  [  112.304450] [<807bb0d8>] (dump_stack) from [<80126690>] (panic+0x104/0x2cc)
  [  112.304480] [<80126690>] (panic) from [<80126484>] (warn_slowpath_fmt+0x0/0x5c)
`);

// riscv64 6.x: a fault in schedule_tail (the first thing a new task runs), once skipped as if it were schedule().
const RISCV_SCHEDULE_TAIL = log(`
  [  472.619615] Unable to handle kernel access to user memory without uaccess routines at virtual address 000000000cc6b0d0
  [  472.620410] Oops [#1]
  [  472.620800] Modules linked in:
  [  472.621160] CPU: 1 PID: 5233 Comm: syz-executor.1 Not tainted 6.2.0-rc1-syzkaller #0
  [  472.621900] Hardware name: riscv-virtio,qemu (DT)
  [  472.622330] epc : schedule_tail+0x72/0xb2
  [  472.622830]  ra : schedule_tail+0x70/0xb2
  [  472.623290] epc : ffffffff8005a4ce ra : ffffffff8005a4cc sp : ff20000006e3bfc0
  [  472.624500] status: 0000000000000120 badaddr: 000000000cc6b0d0 cause: 000000000000000f
  [  472.625120] [<ffffffff8005a4ce>] schedule_tail+0x72/0xb2
  [  472.625710] [<ffffffff80003e7c>] ret_from_exception+0x0/0x14
`);

// x86 6.6: a fault inside a spinlock helper whose caller the unwinder only guessed (`? ` frames): past the helper the
// trace holds nothing but the worker's thread start, which passed it no lock.
const LOCK_FAULT_CALLER_LOST = log(`
  [  626.611274] BUG: unable to handle page fault for address: ffffffff9175c704
  [  626.611280] #PF: supervisor read access in kernel mode
  [  626.611290] Oops: 0000 [#1] PREEMPT SMP KASAN
  [  626.611300] CPU: 0 PID: 51 Comm: kworker/0:2 Not tainted 6.6.0 #1
  [  626.611310] Workqueue: rcu_gp process_srcu
  [  626.669529] RIP: 0010:do_raw_spin_lock+0x8b/0x370
  [  626.669530] Code: f1 f1 f1 04 f3 f3 f3 48 89 f1 48 89 74 24 38 48 89 04 16 <8b> 03 3d ad 4e ad de 0f 85 62 01 00 00
  [  626.669540] RSP: 0018:ffffc90000bc7a40 EFLAGS: 00010046
  [  626.780346] Call Trace:
  [  626.783636]  <TASK>
  [  626.888349]  ? lock_timer_base+0x112/0x240
  [  626.888350]  ? process_srcu+0x542/0x12e0
  [  626.888351]  _raw_spin_lock_irqsave+0xe1/0x120
  [  626.993738]  worker_thread+0x870/0xd30
  [  627.008494]  kthread+0x2f0/0x390
  [  627.022298]  ret_from_fork+0x4b/0x80
  [  627.036106]  </TASK>
`);
// The same fault with its callers printed: the lock came from process_srcu (via __mod_timer's timer base).
const LOCK_FAULT_WITH_CALLER = LOCK_FAULT_CALLER_LOST.replace(
  /^\[ {2}626\.888349\] {2}\? lock_timer_base.*\n.*\n(.*_raw_spin_lock_irqsave.*\n)/m,
  '$1[  626.888352]  lock_timer_base+0x112/0x240\n[  626.888353]  __mod_timer+0x1ca/0xeb0\n[  626.888354]  process_srcu+0x542/0x12e0\n',
);

describe('the named site', () => {
  it.each([
    ['x86 6.x KUnit KASAN test: a test named like an allocator is the culprit', KASAN_KUNIT, 'kasan', 'kmalloc_oob_right'],
    ['x86 4.9 KASAN whose accessing frame was only guessed: the header names it', KASAN_GUESSED, 'kasan', 'sg_read'],
    ['32-bit arm WARNING whose trace is only the panic path: the header names the site', ARM_WARN_TRUNCATED, 'warning', '__i2c_transfer'],
    ['riscv64 fault in schedule_tail: not taken for schedule()', RISCV_SCHEDULE_TAIL, 'bad-access', 'schedule_tail'],
    ['x86 6.6 fault in do_raw_spin_lock, its caller lost: the lock helper at the RIP, not worker_thread', LOCK_FAULT_CALLER_LOST, 'bad-access', 'do_raw_spin_lock'],
    ['x86 6.6 fault in do_raw_spin_lock with its callers: the caller that passed the lock', LOCK_FAULT_WITH_CALLER, 'bad-access', 'process_srcu'],
  ])('%s', (_name, text, kind, culprit) => {
    const [first] = analyzeText(text).incidents;
    expect(first).toMatchObject({ kind, culprit: { function: culprit } });
  });
});
