import { kasan } from '../../src/reports/detectors/kasan.js';
import { log, testDetector } from './tester.js';

testDetector(kasan, {
  valid: [
    {
      name: '4.11 out-of-bounds read: KASAN runtime and memcpy skipped, access and allocation site in details',
      log: log(`
        [   42.363000] ==================================================================
        [   42.364412] BUG: KASAN: slab-out-of-bounds in ip6_fragment+0x11c8/0x3730
        [   42.365471] Read of size 840 at addr ffff88000969e798 by task ip6_fragment-oo/3789
        [   42.366469]
        [   42.366696] CPU: 1 PID: 3789 Comm: ip6_fragment-oo Not tainted 4.11.0+ #41
        [   42.367628] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.1-1ubuntu1 04/01/2014
        [   42.368824] Call Trace:
        [   42.369183]  dump_stack+0xb3/0x10b
        [   42.369664]  print_address_description+0x73/0x290
        [   42.370325]  kasan_report+0x252/0x370
        [   42.371396]  check_memory_region+0x13c/0x1a0
        [   42.371978]  memcpy+0x23/0x50
        [   42.372395]  ip6_fragment+0x11c8/0x3730
        [   42.390650]  SyS_sendto+0x40/0x50
        [   42.391103]  entry_SYSCALL_64_fastpath+0x1f/0xbe
        [   42.397257]
        [   42.397411] Allocated by task 3789:
        [   42.397702]  save_stack_trace+0x16/0x20
        [   42.398548]  kasan_slab_alloc+0x12/0x20
        [   42.398848]  __kmalloc_node_track_caller+0xcb/0x380
        [   42.400003]  sock_wmalloc+0xab/0xf0
        [   42.400346]  __ip6_append_data.isra.41+0x2472/0x33d0
        [   42.403273]  entry_SYSCALL_64_fastpath+0x1f/0xbe
        [   42.403500]
        [   42.403600] The buggy address belongs to the object at ffff88000969e780
        [   42.403700] ==================================================================
      `),
      expected: {
        title: 'KASAN in ip6_fragment',
        cpu: 1,
        pid: 3789,
        comm: 'ip6_fragment-oo',
        culprit: { function: 'ip6_fragment', module: null },
        corrupted: false,
        details: { bugType: 'slab-out-of-bounds', access: 'read', size: 840, address: 'ffff88000969e798', allocatedIn: 'sock_wmalloc' },
      },
    },
    {
      name: 'double free: the freeing path (kfree, kvfree) is skipped for the code that freed twice',
      log: log(`
        [  368.550228] BUG: KASAN: double-free in kvfree+0x36/0x60
        [  368.556946]
        [  368.558547] CPU: 1 PID: 4260 Comm: syz-executor4 Not tainted 4.16.0-rc4+ #254
        [  368.575111] Call Trace:
        [  368.577669]  dump_stack+0x194/0x24d
        [  368.597583]  print_address_description+0x73/0x250
        [  368.608891]  kasan_report_invalid_free+0x55/0x80
        [  368.613620]  __kasan_slab_free+0x145/0x170
        [  368.624851]  kfree+0xd9/0x260
        [  368.627930]  kvfree+0x36/0x60
        [  368.631009]  xt_free_table_info+0xaf/0x170
        [  368.635228]  __do_replace+0x810/0xa70
        [  368.651731]  do_ip6t_set_ctl+0x40f/0x5f0
        [  368.789739] Allocated by task 7667:
        [  368.789800]  kvmalloc_node+0x60/0xb0
        [  368.789900]  xt_alloc_table_info+0x65/0xa0
      `),
      expected: { title: 'KASAN in xt_free_table_info', culprit: { function: 'xt_free_table_info', module: null }, details: { bugType: 'double-free', allocatedIn: 'xt_alloc_table_info' } },
    },
    {
      name: 'arm64 hardware tag-based mode: no access size, the arm64 fault path skipped',
      log: log(`
        [ 1344.479538][ T6700] BUG: KASAN: invalid-access in __memset+0x16c/0x188
        [ 1344.480722][ T6700] Read at addr 0bff00002a0f4600 by task syz-executor.0/6700
        [ 1344.481938][ T6700] Pointer tag: [0b], memory tag: [fe]
        [ 1344.483006][ T6700]
        [ 1344.484199][ T6700] CPU: 0 PID: 6700 Comm: syz-executor.0 Not tainted 5.11.0-rc3 #36
        [ 1344.485714][ T6700] Hardware name: linux,dummy-virt (DT)
        [ 1344.486832][ T6700] Call trace:
        [ 1344.487421][ T6700]  dump_backtrace+0x0/0x1a4
        [ 1344.488255][ T6700]  show_stack+0x1c/0x70
        [ 1344.489062][ T6700]  dump_stack+0xd0/0x12c
        [ 1344.489906][ T6700]  print_address_description+0x70/0x29c
        [ 1344.490874][ T6700]  kasan_report+0x104/0x200
        [ 1344.491847][ T6700]  __do_kernel_fault+0x17c/0x1c0
        [ 1344.492697][ T6700]  do_tag_check_fault+0x6c/0x80
        [ 1344.493568][ T6700]  do_mem_abort+0x44/0xb4
        [ 1344.494435][ T6700]  el1_abort+0x40/0x6c
        [ 1344.495260][ T6700]  el1_sync_handler+0xb0/0xcc
        [ 1344.496197][ T6700]  el1_sync+0x70/0x100
        [ 1344.496937][ T6700]  __memset+0x16c/0x188
        [ 1344.497746][ T6700]  io_submit_sqes+0x420/0x82c
        [ 1344.498574][ T6700]  __arm64_sys_io_uring_enter+0x180/0x73c
      `),
      expected: { title: 'KASAN in io_submit_sqes', comm: 'syz-executor.0', culprit: { function: 'io_submit_sqes', module: null }, details: { bugType: 'invalid-access', access: 'read', address: '0bff00002a0f4600' } },
    },
  ],
  invalid: [{ name: 'the KASAN boot banner', log: '[    0.000000] kasan: KernelAddressSanitizer initialized\n' }],
});
