import { hardLockup } from '../../src/reports/detectors/hard-lockup.js';
import { log, testDetector } from './tester.js';

// No corpus case has a hard lockup: these fixtures follow the layouts of kernel/watchdog.c (3.10 WARN from
// watchdog_overflow_callback, NMI frames then <<EOE>>) and kernel/watchdog_perf.c (5.x+: show_regs of the
// interrupted context, <NMI> then <IRQ> then <TASK> frames).
const RHEL7_WARN = log(`
  [ 8843.112213] ------------[ cut here ]------------
  [ 8843.112224] WARNING: at kernel/watchdog.c:245 watchdog_overflow_callback+0x9c/0xd0()
  [ 8843.112226] Watchdog detected hard LOCKUP on cpu 5
  [ 8843.112227] Modules linked in: mlx4_en mlx4_core xfs dm_mod
  [ 8843.112270] CPU: 5 PID: 2354 Comm: ip Not tainted 3.10.0-514.el7.x86_64 #1
  [ 8843.112272] Hardware name: HP ProLiant DL380 Gen9/ProLiant DL380 Gen9, BIOS P89 07/18/2016
  [ 8843.112274]  0000000000000000 8fb8d2a5bd5b3d31 ffff88103f345c18 ffffffff81685fac
  [ 8843.112285] Call Trace:
  [ 8843.112287]  <NMI>  [<ffffffff81685fac>] dump_stack+0x19/0x1b
  [ 8843.112297]  [<ffffffff81085820>] warn_slowpath_common+0x70/0xb0
  [ 8843.112301]  [<ffffffff810858bc>] warn_slowpath_fmt+0x5c/0x80
  [ 8843.112308]  [<ffffffff8112f42c>] watchdog_overflow_callback+0x9c/0xd0
  [ 8843.112313]  [<ffffffff81174e1e>] __perf_event_overflow+0x8e/0x2b0
  [ 8843.112322]  [<ffffffff81009d88>] intel_pmu_handle_irq+0x1f8/0x4e0
  [ 8843.112330]  [<ffffffff8168f94b>] perf_event_nmi_handler+0x2b/0x50
  [ 8843.112334]  [<ffffffff81690ee9>] nmi_handle.isra.0+0x69/0xb0
  [ 8843.112338]  [<ffffffff816911e0>] do_nmi+0x2b0/0x390
  [ 8843.112342]  [<ffffffff816900d3>] end_repeat_nmi+0x1e/0x2e
  [ 8843.112350]  <<EOE>>  [<ffffffff8168d4f5>] _raw_spin_lock_irqsave+0x25/0x40
  [ 8843.112361]  [<ffffffffc04a1b2e>] mlx4_en_get_stats+0x4e/0x1a0 [mlx4_en]
  [ 8843.112369]  [<ffffffff8156b33e>] dev_get_stats+0x5e/0x100
  [ 8843.112375]  [<ffffffff81582e3e>] rtnl_fill_ifinfo+0x4fe/0xb70
  [ 8843.112380]  [<ffffffff81583c8b>] rtnl_dump_ifinfo+0x28b/0x380
  [ 8843.112386]  [<ffffffff815a3c1e>] netlink_dump+0x12e/0x2a0
  [ 8843.112390]  [<ffffffff815a4a1e>] netlink_recvmsg+0x2be/0x430
  [ 8843.112395]  [<ffffffff8155c1b0>] sock_recvmsg+0xc0/0x100
  [ 8843.112399]  [<ffffffff8155c6ba>] ___sys_recvmsg+0xea/0x1f0
  [ 8843.112403]  [<ffffffff8155dc61>] __sys_recvmsg+0x51/0x90
  [ 8843.112407]  [<ffffffff8155dcb2>] SyS_recvmsg+0x12/0x20
  [ 8843.112411]  [<ffffffff81697809>] system_call_fastpath+0x16/0x1b
  [ 8843.112415] ---[ end trace 4f4d1d9c2cba2a0e ]---
`);

const MODERN = log(`
  [ 5120.004411] watchdog: Watchdog detected hard LOCKUP on cpu 3
  [ 5120.004412] Modules linked in: megaraid_sas xfs nvme nvme_core
  [ 5120.004413] CPU: 3 PID: 0 Comm: swapper/3 Tainted: G           OE     5.15.0-91-generic #101-Ubuntu
  [ 5120.004414] Hardware name: Dell Inc. PowerEdge R650/0Y2G81, BIOS 1.6.5 04/15/2022
  [ 5120.004415] RIP: 0010:native_queued_spin_lock_slowpath+0x1f7/0x220
  [ 5120.004416] RSP: 0018:ffffb8e3c01a0e58 EFLAGS: 00000002
  [ 5120.004417] Call Trace:
  [ 5120.004418]  <NMI>
  [ 5120.004419]  ? watchdog_overflow_callback.cold+0x1e/0x70
  [ 5120.004420]  ? __perf_event_overflow+0x52/0xf0
  [ 5120.004421]  ? perf_event_nmi_handler+0x2a/0x50
  [ 5120.004422]  ? nmi_handle+0x5e/0x130
  [ 5120.004423]  ? exc_nmi+0x13b/0x170
  [ 5120.004424]  ? end_repeat_nmi+0x16/0x67
  [ 5120.004425]  </NMI>
  [ 5120.004426]  <IRQ>
  [ 5120.004427]  _raw_spin_lock_irqsave+0x3d/0x50
  [ 5120.004428]  megasas_isr_fusion+0x3c/0x190 [megaraid_sas]
  [ 5120.004429]  __handle_irq_event_percpu+0x40/0x180
  [ 5120.004430]  handle_irq_event+0x54/0xb0
  [ 5120.004431]  handle_edge_irq+0x93/0x240
  [ 5120.004432]  __common_interrupt+0x41/0xa0
  [ 5120.004433]  common_interrupt+0x7e/0xa0
  [ 5120.004434]  </IRQ>
  [ 5120.004435]  <TASK>
  [ 5120.004436]  asm_common_interrupt+0x27/0x40
  [ 5120.004437]  cpuidle_enter_state+0xda/0x370
  [ 5120.004438]  cpuidle_enter+0x2e/0x40
  [ 5120.004439]  do_idle+0x20a/0x2b0
  [ 5120.004440]  cpu_startup_entry+0x20/0x30
  [ 5120.004441]  start_secondary+0x12a/0x180
  [ 5120.004442]  secondary_startup_64_no_verify+0xc2/0xcb
  [ 5120.004443]  </TASK>
`);

testDetector(hardLockup, {
  valid: [
    {
      name: '3.10 (RHEL 7): the WARN from the NMI watchdog; NMI frames are the watchdog, the culprit is past <<EOE>>',
      log: RHEL7_WARN,
      expected: {
        title: 'hard lockup in mlx4_en_get_stats',
        cpu: 5,
        pid: 2354,
        comm: 'ip',
        kernel: '3.10.0-514.el7.x86_64',
        culprit: { function: 'mlx4_en_get_stats', module: 'mlx4_en' },
        entry: { function: 'rtnl_dump_ifinfo', module: null },
        corrupted: false,
        details: { syscall: 'recvmsg' },
      },
    },
    {
      name: '5.15: a CPU spinning with interrupts off in a driver interrupt handler',
      log: MODERN,
      expected: {
        title: 'hard lockup in megasas_isr_fusion',
        cpu: 3,
        comm: 'swapper/3',
        rip: { function: 'native_queued_spin_lock_slowpath', offset: '0x1f7', size: '0x220', module: null },
        culprit: { function: 'megasas_isr_fusion', module: 'megaraid_sas' },
        entry: { function: 'megasas_isr_fusion', module: 'megaraid_sas' },
        corrupted: false,
      },
    },
    {
      name: '6.6 buddy detector: CPU 4 reports CPU 5, whose NMI backtrace follows; the culprit comes from that dump',
      log: log(`
        [ 9120.331200] watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5
        [ 9120.331210] Modules linked in: bonding ixgbe xfs
        [ 9120.331220] Sending NMI from CPU 4 to CPUs 5:
        [ 9120.331230] NMI backtrace for cpu 5
        [ 9120.331240] CPU: 5 PID: 8121 Comm: kworker/5:1 Not tainted 6.6.8 #1
        [ 9120.331250] Workqueue: events bond_mii_monitor [bonding]
        [ 9120.331260] RIP: 0010:native_queued_spin_lock_slowpath+0x6e/0x2c0
        [ 9120.331270] RSP: 0018:ffffb1c0c3e0fd68 EFLAGS: 00000002
        [ 9120.331280] Call Trace:
        [ 9120.331290]  <NMI>
        [ 9120.331300]  ? nmi_cpu_backtrace+0xc5/0x130
        [ 9120.331310]  ? nmi_handle+0x5d/0x150
        [ 9120.331320]  </NMI>
        [ 9120.331330]  <TASK>
        [ 9120.331340]  _raw_spin_lock_irqsave+0x3d/0x50
        [ 9120.331350]  ixgbe_get_stats64+0x2c/0x1a0 [ixgbe]
        [ 9120.331360]  dev_get_stats+0x5c/0xd0
        [ 9120.331370]  bond_get_stats+0xe7/0x220 [bonding]
        [ 9120.331380]  bond_mii_monitor+0x8f/0x3c0 [bonding]
        [ 9120.331390]  process_one_work+0x171/0x340
        [ 9120.331400]  worker_thread+0x27b/0x3a0
        [ 9120.331410]  kthread+0xe8/0x120
        [ 9120.331420]  ret_from_fork+0x34/0x50
        [ 9120.331430]  </TASK>
      `),
      expected: {
        title: 'hard lockup in ixgbe_get_stats64',
        cpu: 5,
        pid: 8121,
        comm: 'kworker/5:1',
        culprit: { function: 'ixgbe_get_stats64', module: 'ixgbe' },
        entry: { function: 'bond_mii_monitor', module: 'bonding' },
        corrupted: false,
      },
    },
    {
      name: 'hardlockup_panic: the panic line is the hard lockup report',
      log: log(`
        [  600.000000] Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 2
      `),
      expected: { title: 'hard lockup', cpu: 2, corrupted: true, details: { panic: true } },
    },
    {
      name: "powerpc: the detecting CPU names the stuck ones, the first of them is the lockup's CPU",
      log: log(`
        [  912.114513] Watchdog CPU:2 detected Hard LOCKUP other CPUS:5-6
      `),
      expected: { title: 'hard lockup', cpu: 5, corrupted: true },
    },
    {
      name: 'powerpc, its list of stuck CPUs damaged: no CPU rather than a wrong one',
      log: log(`
        [  912.114513] Watchdog CPU:2 detected Hard LOCKUP other CPUS:,
      `),
      expected: { title: 'hard lockup', cpu: null, corrupted: true },
    },
  ],
  invalid: [{ name: 'a soft lockup', log: '[   10.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:1234]\n' }],
});
