import { pageAllocationFailure } from '../../src/reports/detectors/page-allocation-failure.js';
import { log, testDetector } from './tester.js';

testDetector(pageAllocationFailure, {
  valid: [
    {
      name: '5.x order-4 failure: requester, order and GFP mode; the allocator frames skipped for the caller',
      log: log(`
        [ 3300.000001] kworker/u16:1: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0
        [ 3300.000002] CPU: 5 PID: 812 Comm: kworker/u16:1 Not tainted 5.10.0-21-amd64 #1
        [ 3300.000003] Workqueue: events_unbound mlx5_fw_tracer_ownership_change [mlx5_core]
        [ 3300.000004] Call Trace:
        [ 3300.000005]  dump_stack+0x6b/0x83
        [ 3300.000006]  warn_alloc.cold+0x7b/0xdf
        [ 3300.000007]  __alloc_pages_slowpath.constprop.0+0xd00/0xd30
        [ 3300.000008]  __alloc_pages_nodemask+0x2e3/0x310
        [ 3300.000009]  kmalloc_order+0x25/0x80
        [ 3300.000010]  mlx5_fw_tracer_create_mkey+0x3c/0x120 [mlx5_core]
        [ 3300.000011]  process_one_work+0x1b3/0x350
        [ 3300.000012] Mem-Info:
        [ 3300.000013] active_anon:10 inactive_anon:20 isolated_anon:0
      `),
      expected: {
        title: 'page allocation failure in mlx5_fw_tracer_create_mkey',
        cpu: 5,
        comm: 'kworker/u16:1',
        culprit: { function: 'mlx5_fw_tracer_create_mkey', module: 'mlx5_core' },
        details: { requester: 'kworker/u16:1', order: 4, mode: '0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO)' },
      },
    },
    {
      name: '3.10 form without a symbolic GFP mode',
      log: '[  100.000001] swapper/0: page allocation failure: order:0, mode:0x20\n',
      expected: { title: 'page allocation failure', details: { requester: 'swapper/0', order: 0, mode: '0x20' } },
    },
  ],
});
