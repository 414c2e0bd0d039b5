import { rcuStall } from '../../src/reports/detectors/rcu-stall.js';
import { log, testDetector } from './tester.js';

testDetector(rcuStall, {
  valid: [
    {
      name: 'self-detected (4.18): the frames of the timer interrupt that printed the report are skipped',
      log: log(`
        [  599.875361] rcu: INFO: rcu_sched self-detected stall on CPU
        [  599.881199] rcu: 	0-....: (105000 ticks this GP) idle=2f6/1/0x4000000000000002 softirq=23001/23001 fqs=26239
        [  599.891361] rcu: 	 (t=105008 jiffies g=49145 q=2382)
        [  599.896509] NMI backtrace for cpu 0
        [  599.900150] CPU: 0 PID: 8551 Comm: syz-executor7 Not tainted 4.18.0-next-20180824+ #47
        [  599.908198] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [  599.917548] Call Trace:
        [  599.920132]  <IRQ>
        [  599.922286]  dump_stack+0x1c9/0x2b4
        [  599.944682]  nmi_cpu_backtrace.cold.3+0x48/0x88
        [  599.954558]  nmi_trigger_cpumask_backtrace+0x151/0x192
        [  599.965052]  rcu_dump_cpu_stacks+0x175/0x1c2
        [  599.974486]  print_cpu_stall.cold.78+0x2fb/0x59c
        [  599.995787]  rcu_check_callbacks+0xd4a/0x15a0
        [  600.093087]  update_process_times+0x2d/0x70
        [  600.150990]  hrtimer_interrupt+0x2f3/0x750
        [  600.155241]  smp_apic_timer_interrupt+0x16d/0x6a0
        [  600.207857]  apic_timer_interrupt+0xf/0x20
        [  600.212089]  </IRQ>
        [  600.214345] RIP: 0010:lock_release+0xa2/0x9f0
        [  600.237744] RSP: 0018:ffff8801aa0078c8 EFLAGS: 00000292 ORIG_RAX: ffffffffffffff13
        [  600.307088]  __might_fault+0x19e/0x1e0
        [  600.310986]  _copy_from_user+0x30/0x150
        [  600.315053]  snd_seq_write+0x472/0x8d0
        [  600.332960]  __vfs_write+0x117/0x9d0
        [  600.379161]  vfs_write+0x1fc/0x560
        [  600.382717]  ksys_write+0x101/0x260
        [  600.390441]  __x64_sys_write+0x73/0xb0
        [  600.398306]  do_syscall_64+0x1b9/0x820
        [  600.436382]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
        [  600.441569] RIP: 0033:0x457089
      `),
      expected: {
        title: 'RCU stall in snd_seq_write',
        cpu: 0,
        pid: 8551,
        comm: 'syz-executor7',
        rip: { function: 'lock_release', offset: '0xa2', size: '0x9f0', module: null },
        culprit: { function: 'snd_seq_write', module: null },
        entry: { function: 'snd_seq_write', module: null },
        corrupted: false,
        details: { flavor: 'rcu_sched', detection: 'self-detected', stalledCpus: '0', jiffies: 105008, syscall: 'write' },
      },
    },
    {
      name: 'detected (5.8): the NMI backtrace of the stalled CPU, stuck in an hrtimer callback on the interrupt stack',
      log: log(`
        [  809.100032][    C1] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
        [  809.107137][    C1] rcu: 	0-...0: (1 GPs behind) idle=59a/1/0x4000000000000000 softirq=8266/8267 fqs=5250
        [  809.117093][    C1] 	(detected by 1, t=10502 jiffies, g=6117, q=61)
        [  809.123600][    C1] Sending NMI from CPU 1 to CPUs 0:
        [  809.130926][    C1] NMI backtrace for cpu 0
        [  809.130931][    C1] CPU: 0 PID: 6826 Comm: syz-executor019 Not tainted 5.8.0-rc3-syzkaller #0
        [  809.130939][    C1] RIP: 0010:preempt_count_add+0xe/0x150
        [  809.130950][    C1] RSP: 0018:ffffc90000007cf0 EFLAGS: 00000006
        [  809.130993][    C1] Call Trace:
        [  809.130995][    C1]  <IRQ>
        [  809.130997][    C1]  _raw_spin_lock+0xe/0x40
        [  809.131000][    C1]  advance_sched+0x47/0x8c0
        [  809.131012][    C1]  __hrtimer_run_queues+0x47f/0x930
        [  809.131014][    C1]  hrtimer_interrupt+0x373/0xd60
        [  809.131017][    C1]  __sysvec_apic_timer_interrupt+0xf0/0x260
        [  809.131020][    C1]  asm_call_on_stack+0xf/0x20
        [  809.131022][    C1]  </IRQ>
        [  809.131025][    C1]  sysvec_apic_timer_interrupt+0xb9/0x130
        [  809.131028][    C1]  asm_sysvec_apic_timer_interrupt+0x12/0x20
        [  809.131066][    C1]  taprio_change+0x4245/0x51f0
        [  809.131077][    C1]  tc_modify_qdisc+0x962/0x1d90
        [  809.131082][    C1]  rtnetlink_rcv_msg+0x889/0xd40
        [  809.131113][    C1]  netlink_sendmsg+0xa57/0xd70
        [  809.131124][    C1]  __sys_sendmsg+0x2b1/0x360
        [  809.131141][    C1]  do_syscall_64+0x73/0xe0
        [  809.131144][    C1]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
      `),
      expected: {
        title: 'RCU stall in advance_sched',
        cpu: 0,
        pid: 6826,
        culprit: { function: 'advance_sched', module: null },
        entry: { function: 'advance_sched', module: null },
        corrupted: false,
        details: { flavor: 'rcu_preempt', detection: 'detected', stalledCpus: '0', jiffies: 10502 },
      },
    },
    {
      name: 'detected with all quiescent states seen: the running task dumped by sched_show_task',
      log: log(`
        [  351.337674] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
        [  351.343969] rcu: 	(detected by 1, t=10502 jiffies, g=9981, q=283)
        [  351.350228] rcu: All QSes seen, last rcu_preempt kthread activity 10503 (4294972288-4294961785), jiffies_till_next_fqs=1, root ->qsmask 0x0
        [  351.363323] syz-executor0   R  running task    21280  7720   5511 0x00000000
        [  351.370540] Call Trace:
        [  351.373124]  <IRQ>
        [  351.375304]  sched_show_task.cold.83+0x2b6/0x30a
        [  351.411243]  print_other_cpu_stall.cold.79+0xa83/0xba5
        [  351.477062]  rcu_check_callbacks+0xafc/0x1990
        [  351.758839]  apic_timer_interrupt+0xf/0x20
        [  351.763076]  </IRQ>
        [  351.765322] RIP: 0010:__virt_addr_valid+0xfe/0x230
        [  351.842081]  __check_object_size+0x15b/0x782
        [  351.859038]  __kvm_read_guest_page+0xda/0x130
        [  352.169984]  kvm_vcpu_ioctl+0x72b/0x1150
        [  352.247217]  do_vfs_ioctl+0x1de/0x1720
        [  352.291956]  ksys_ioctl+0xa9/0xd0
        [  352.295448]  __x64_sys_ioctl+0x73/0xb0
        [  352.299350]  do_syscall_64+0x1b9/0x820
        [  352.343921]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
      `),
      expected: {
        culprit: { function: '__virt_addr_valid', module: null },
        entry: { function: 'kvm_vcpu_ioctl', module: null },
        corrupted: false,
        details: { detection: 'detected', syscall: 'ioctl' },
      },
    },
    {
      name: '3.x header with the stalled CPUs in braces and nothing after it: damaged',
      log: log(`
        [ 1722.511384] INFO: rcu_preempt detected stalls on CPUs/tasks: { 2} (detected by 0, t=65008 jiffies, g=48068, c=48067, q=7339)
      `),
      expected: {
        title: 'RCU stall',
        culprit: null,
        corrupted: true,
        corruptionReasons: ['no backtrace of the stalled CPU(s) 2 in the report'],
        details: { flavor: 'rcu_preempt', detection: 'detected', stalledCpus: '2', jiffies: 65008 },
      },
    },
    {
      name: 'expedited stall with the stalled CPUs and tasks listed',
      log: log(`
        [  262.410000] rcu: INFO: rcu_preempt detected expedited stalls on CPUs/tasks: { 0-... 1-.... P4321 } 26002 jiffies s: 2021 root: 0x1/.
      `),
      expected: { corrupted: true, details: { detection: 'expedited', stalledCpus: '0 1', stalledTasks: '4321' } },
    },
  ],
  invalid: [{ name: 'an RCU callback message that is no stall', log: '[   10.000000] rcu: Hierarchical SRCU implementation.\n' }],
});
