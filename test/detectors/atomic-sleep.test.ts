import { atomicSleep } from '../../src/reports/detectors/atomic-sleep.js';
import { log, testDetector } from './tester.js';

testDetector(atomicSleep, {
  valid: [
    {
      name: '5.12 sleeping in atomic context: the preemption-disabled frame is noted, not blamed; allocator frames skipped',
      log: log(`
        [  566.230190][T22160] BUG: sleeping function called from invalid context at include/linux/sched/mm.h:201
        [  566.293770][T22160] in_atomic(): 0, irqs_disabled(): 0, non_block: 0, pid: 22160, name: syz-executor.1
        [  566.359350][T22160] 1 lock held by syz-executor.1/22160:
        [  566.389164][T22160]  #0: ffffffff8bf797a0 (rcu_read_lock){....}-{1:2}, at: nfnetlink_rcv_msg+0x1da/0x1300
        [  566.479571][T22160] Preemption disabled at:
        [  566.479589][T22160] [<ffffffff8709e980>] __dev_queue_xmit+0x1f0/0x2e30
        [  566.534726][T22160] CPU: 1 PID: 22160 Comm: syz-executor.1 Not tainted 5.12.0-next-20210504-syzkaller #0
        [  566.544420][T22160] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [  566.554585][T22160] Call Trace:
        [  566.557997][T22160]  dump_stack+0x141/0x1d7
        [  566.567572][T22160]  ___might_sleep.cold+0x1f1/0x237
        [  566.572746][T22160]  kmem_cache_alloc_node+0x33d/0x3e0
        [  566.583028][T22160]  __alloc_skb+0x20b/0x340
        [  566.587492][T22160]  netlink_ack+0x1ed/0xaa0
      `),
      expected: {
        title: 'sleeping in atomic context in __alloc_skb',
        cpu: 1,
        pid: 22160,
        culprit: { function: '__alloc_skb', module: null },
        corrupted: false,
        details: { problem: 'sleeping function called from invalid context', source: 'include/linux/sched/mm.h:201', inAtomic: 0, irqsDisabled: 0, preemptionDisabledAt: '__dev_queue_xmit+0x1f0/0x2e30' },
      },
    },
    {
      name: 'scheduling while atomic with the panic it raises printed before the dump: one incident, scheduler frames skipped',
      log: log(`
        [  185.479466] BUG: scheduling while atomic: syz-executor.4/21395/0x00000201
        [  185.486365] no locks held by syz-executor.4/21395.
        [  185.490423] Modules linked in:
        [  185.490500] Kernel panic - not syncing: scheduling while atomic
        [  185.490600]
        [  185.494289] CPU: 0 PID: 21395 Comm: syz-executor.4 Not tainted 4.15.0+ #3
        [  185.535769] Call Trace:
        [  185.538344]  [<ffffffff842799f2>] dump_stack+0x14d/0x20b
        [  185.538400]  [<ffffffff813a8694>] panic+0x1c3/0x45d
        [  185.543718]  [<ffffffff81442cdf>] __schedule_bug+0x10f/0x140
        [  185.549324]  [<ffffffff810010c8>] __schedule+0xd18/0x1d30
        [  185.567281]  [<ffffffff8100216f>] schedule+0x8f/0x1b0
        [  185.567300]  [<ffffffff8101ac24>] exit_to_usermode_loop+0x164/0x360
        [  185.567400]  [<ffffffff8101cb4e>] do_syscall_64+0x56e/0x6d0
      `),
      expected: { title: 'sleeping in atomic context in exit_to_usermode_loop', pid: 21395, culprit: { function: 'exit_to_usermode_loop', module: null }, details: { problem: 'scheduling while atomic', preemptCount: '0x00000201' } },
    },
    {
      name: '4.9 __this_cpu_read() in preemptible code: the preemption check frames skipped',
      log: log(`
        [   35.190000] BUG: using __this_cpu_add() in preemptible [00000000] code: syz-executor0/3344
        [   35.193222] caller is __this_cpu_preempt_check+0x1c/0x20
        [   35.198727] CPU: 1 PID: 3344 Comm: syzkaller195313 Not tainted 4.9.68-gfb66dc2 #107
        [   35.215825]  ffff8801c8e476d8 ffffffff81d90889 0000000000000001 ffffffff83c17800
        [   35.239734] Call Trace:
        [   35.242294]  [<ffffffff81d90889>] dump_stack+0xc1/0x128
        [   35.247625]  [<ffffffff81df7854>] check_preemption_disabled+0x1d4/0x200
        [   35.254346]  [<ffffffff81df78bc>] __this_cpu_preempt_check+0x1c/0x20
        [   35.260808]  [<ffffffff833f3f78>] ipcomp_init_state+0x188/0x930
        [   35.266833]  [<ffffffff81232141>] ? __lock_is_held+0xa1/0xf0
        [   35.272602]  [<ffffffff83360470>] ipcomp4_init_state+0xb0/0x7d0
      `),
      expected: { title: 'sleeping in atomic context in ipcomp_init_state', culprit: { function: 'ipcomp_init_state', module: null }, details: { problem: '__this_cpu_add() in preemptible code', caller: '__this_cpu_preempt_check+0x1c/0x20' } },
    },
    {
      name: '5.10 __this_cpu_read() in preemptible code in the page fault path: every frame generic, the first past the check and its irq-tracing hooks blamed, not dump_stack',
      log: log(`
        [  127.573471][ T9951] BUG: using __this_cpu_read() in preemptible [00000000] code: syz-executor.0/9951
        [  127.583549][ T9951] caller is lockdep_hardirqs_on_prepare+0x5e/0x410
        [  127.590210][ T9951] CPU: 0 PID: 9951 Comm: syz-executor.0 Not tainted 5.10.0-rc1-syzkaller #0
        [  127.609602][ T9951] Call Trace:
        [  127.613031][ T9951]  dump_stack+0x107/0x163
        [  127.617560][ T9951]  check_preemption_disabled+0x123/0x130
        [  127.623336][ T9951]  lockdep_hardirqs_on_prepare+0x5e/0x410
        [  127.629084][ T9951]  trace_hardirqs_on+0x5b/0x1c0
        [  127.634667][ T9951]  __bad_area_nosemaphore+0xc6/0x400
        [  127.640902][ T9951]  do_user_addr_fault+0x7d7/0xb40
        [  127.645969][ T9951]  exc_page_fault+0x9e/0x180
        [  127.656267][ T9951]  asm_exc_page_fault+0x1e/0x30
      `),
      expected: { title: 'sleeping in atomic context in __bad_area_nosemaphore', pid: 9951, culprit: { function: '__bad_area_nosemaphore', module: null }, details: { problem: '__this_cpu_read() in preemptible code', caller: 'lockdep_hardirqs_on_prepare+0x5e/0x410' } },
    },
  ],
});
