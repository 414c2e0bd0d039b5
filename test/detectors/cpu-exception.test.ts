import { cpuException } from '../../src/reports/detectors/cpu-exception.js';
import { log, testDetector } from './tester.js';

testDetector(cpuException, {
  valid: [
    {
      name: '5.9 divide_error in a timer softirq: culprit without compiler suffix, entry is the timer function',
      log: log(`
        [   63.550339][    C1] divide_error: 0000 [#1] PREEMPT SMP KASAN
        [   63.556240][    C1] CPU: 1 PID: 6855 Comm: syz-executor857 Not tainted 5.9.0-rc8-syzkaller #0
        [   63.575262][    C1] RIP: 0010:tabledist.part.0+0x22a/0x2a0
        [   63.600477][    C1] RSP: 0018:ffffc90000da86d8 EFLAGS: 00010246
        [   63.686606][    C1] Call Trace:
        [   63.689890][    C1]  <IRQ>
        [   63.692734][    C1]  netem_enqueue+0x461/0x3560
        [   63.712107][    C1]  __dev_queue_xmit+0x1881/0x2d70
        [   63.771993][    C1]  mld_sendpack+0x92a/0xdb0
        [   63.808288][    C1]  mld_ifc_timer_expire+0x60a/0xf10
        [   63.813468][    C1]  call_timer_fn+0x1ac/0x760
        [   63.853685][    C1]  __run_timers.part.0+0x67c/0xaa0
        [   63.872675][    C1]  run_timer_softirq+0xb3/0x1d0
        [   63.877499][    C1]  __do_softirq+0x1f8/0xb23
      `),
      expected: {
        title: 'CPU exception in tabledist',
        cpu: 1,
        pid: 6855,
        rip: { function: 'tabledist.part.0', offset: '0x22a', size: '0x2a0', module: null },
        culprit: { function: 'tabledist', module: null },
        entry: { function: 'mld_ifc_timer_expire', module: null },
        corrupted: false,
        details: { exception: 'divide error' },
      },
    },
    {
      name: '4.16 double fault with a nested RIP: the first RIP is the faulting one; the halt panic is its victim',
      log: log(`
        [ 4031.436692] PANIC: double fault, error_code: 0x0
        [ 4031.439937] CPU: 1 PID: 1227 Comm: kworker/1:1 Not tainted 4.16.0-rc1+ #12
        [ 4031.441475] Workqueue: events netstamp_clear
        [ 4031.441897] RIP: 0010:kvm_async_pf_task_wait+0x19d/0x250
        [ 4031.442411] RSP: 0000:ffffc90000f5fbc0 EFLAGS: 00000202
        [ 4031.448354] Call Trace:
        [ 4031.450283]  do_async_page_fault+0x67/0x90
        [ 4031.450684]  async_page_fault+0x25/0x50
        [ 4031.451067] RIP: 0010:text_poke+0x60/0x250
        [ 4031.451528] RSP: 0000:ffffc90000f5fd78 EFLAGS: 00010286
        [ 4031.459046]  text_poke_bp+0x55/0xe0
        [ 4031.459842]  __jump_label_update+0x63/0x70
        [ 4031.460713]  static_key_enable+0x16/0x20
        [ 4031.461096]  process_one_work+0x266/0x6d0
        [ 4031.461506]  worker_thread+0x3a/0x390
        [ 4031.463299]  kthread+0x121/0x140
        [ 4031.465070]  ret_from_fork+0x3a/0x50
        [ 4031.468817] Kernel panic - not syncing: Machine halted.
      `),
      expected: {
        title: 'CPU exception in kvm_async_pf_task_wait',
        comm: 'kworker/1:1',
        culprit: { function: 'kvm_async_pf_task_wait', module: null },
        entry: { function: 'static_key_enable', module: null },
        role: 'culprit',
        details: { exception: 'double fault' },
      },
    },
    {
      name: '4.8: the log ends after the registers, before the call trace: damaged, the RIP still named',
      log: log(`
        [  616.309156] divide error: 0000 [#1] SMP DEBUG_PAGEALLOC KASAN
        [  616.310085] Modules linked in:
        [  616.310085] CPU: 1 PID: 22257 Comm: syz-executor Not tainted 4.8.0-rc3+ #35
        [  616.312546] task: ffff88002fe9e580 task.stack: ffff8800316a8000
        [  616.312546] RIP: 0010:[<ffffffff8575b41c>]  [<ffffffff8575b41c>] snd_hrtimer_callback+0x1bc/0x3c0
        [  616.312546] RSP: 0018:ffff88003ed07d98  EFLAGS: 00010006
      `),
      expected: {
        title: 'CPU exception in snd_hrtimer_callback',
        culprit: { function: 'snd_hrtimer_callback', module: null },
        corrupted: true,
        corruptionReasons: ['the log ends before its call trace'],
      },
    },
  ],
  invalid: [{ name: 'invalid opcode right after a kernel BUG belongs to the BUG', log: log(`
    [    1.000000] kernel BUG at mm/filemap.c:1234!
    [    1.000001] invalid opcode: 0000 [#1] SMP
    [    1.000002] RIP: 0010:unlock_page+0x4f/0x60
  `) }],
});
