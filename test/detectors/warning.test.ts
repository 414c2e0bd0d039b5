import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { warning } from '../../src/reports/detectors/warning.js';
import { renderText } from '../../src/render/text.js';
import { log, testDetector } from './tester.js';

testDetector(warning, {
  valid: [
    {
      name: '6.17+ layout: `WARNING: file:line at func, CPU#n: comm/pid`; dput helpers skipped for their caller',
      log: log(`
        [  113.525303][ T6007] ------------[ cut here ]------------
        [  113.532065][ T6007] WARNING: fs/dcache.c:829 at fast_dput+0x334/0x430, CPU#0: syz.0.17/6007
        [  113.543506][ T6007] Modules linked in:
        [  113.548207][ T6007] CPU: 0 UID: 0 PID: 6007 Comm: syz.0.17 Not tainted syzkaller #0 PREEMPT(full)
        [  113.561542][ T6007] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 10/25/2025
        [  113.573975][ T6007] RIP: 0010:fast_dput+0x334/0x430
        [  113.601996][ T6007] RSP: 0018:ffffc90003defcd8 EFLAGS: 00010293
        [  113.610633][ T6007] RAX: ffffffff823fcfe3 RBX: ffff888072eb9838 RCX: ffff8880781cdb80
        [  113.681856][ T6007] Call Trace:
        [  113.685559][ T6007]  <TASK>
        [  113.688707][ T6007]  ? dput+0x37/0x1a0
        [  113.693542][ T6007]  dput+0xe8/0x1a0
        [  113.698424][ T6007]  __fput+0x68e/0xa70
        [  113.702830][ T6007]  task_work_run+0x1d4/0x260
        [  113.728494][ T6007]  exit_to_user_mode_loop+0xff/0x4f0
        [  113.743330][ T6007]  do_syscall_64+0x2e3/0xf80
        [  113.759668][ T6007]  entry_SYSCALL_64_after_hwframe+0x77/0x7f
        [  113.855481][ T6007]  </TASK>
      `),
      expected: {
        title: 'WARNING in __fput',
        cpu: 0,
        pid: 6007,
        comm: 'syz.0.17',
        rip: { function: 'fast_dput', offset: '0x334', size: '0x430', module: null },
        culprit: { function: '__fput', module: null },
        corrupted: false,
        details: { source: 'fs/dcache.c:829' },
      },
    },
    {
      name: '4.12 panic_on_warn layout: the panic and its reporting frames come before the RIP, and stay in the warning',
      log: log(`
        [   55.950418] ------------[ cut here ]------------
        [   55.967976] WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00
        [   56.041277] Kernel panic - not syncing: panic_on_warn set ...
        [   56.041277]
        [   56.048693] CPU: 1 PID: 8377 Comm: syz-executor6 Not tainted 4.12.0-rc7+ #2
        [   56.055794] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [   56.065137] Call Trace:
        [   56.067707]  dump_stack+0x194/0x257
        [   56.079188]  panic+0x1e4/0x3fb
        [   56.098863]  __warn+0x1c4/0x1e0
        [   56.110735]  report_bug+0x211/0x2d0
        [   56.114123]  fixup_bug+0x40/0x90
        [   56.117481]  do_trap+0x260/0x390
        [   56.121352]  do_error_trap+0x120/0x390
        [   56.150845]  do_invalid_op+0x1b/0x20
        [   56.154533]  invalid_op+0x1e/0x30
        [   56.157961] RIP: 0010:kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00
        [   56.163554] RSP: 0018:ffff8801c5e37720 EFLAGS: 00010212
        [   56.168891] RAX: 0000000000010000 RBX: ffff8801c8baa000 RCX: ffffc90004763000
        [   56.208636]  ? kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00
        [   56.213644]  kvm_vcpu_ioctl+0x627/0x1110
        [   56.218815]  do_vfs_ioctl+0x1b1/0x15c0
        [   56.223894]  SyS_ioctl+0x8f/0xc0
        [   56.227671]  entry_SYSCALL_64_fastpath+0x1f/0xbe
        [   56.232513] RIP: 0033:0x4512c9
        [   56.236115] RSP: 002b:00007f7e59d4fc08 EFLAGS: 00000216 ORIG_RAX: 0000000000000010
        [   56.250000] Kernel Offset: disabled
      `),
      expected: {
        title: 'WARNING in kvm_arch_vcpu_ioctl_run',
        cpu: 1,
        pid: 8377,
        comm: 'syz-executor6',
        kernel: '4.12.0-rc7+',
        culprit: { function: 'kvm_arch_vcpu_ioctl_run', module: null },
        corrupted: false,
        details: { source: 'arch/x86/kvm/x86.c:7209', panicOnWarn: true },
      },
    },
    {
      name: '3.10 (RHEL 7) layout: `()` after the symbol, address-prefixed frames, generic warn_slowpath frames skipped',
      log: log(`
        [ 8811.371433] ------------[ cut here ]------------
        [ 8811.371449] WARNING: CPU: 6 PID: 0 at net/sched/sch_generic.c:300 dev_watchdog+0x248/0x260()
        [ 8811.371451] NETDEV WATCHDOG: eth0 (ixgbe): transmit queue 3 timed out
        [ 8811.371522] Modules linked in: ixgbe mdio dca
        [ 8811.371560] CPU: 6 PID: 0 Comm: swapper/6 Not tainted 3.10.0-693.el7.x86_64 #1
        [ 8811.371562] Hardware name: Dell Inc. PowerEdge R730/0599V5, BIOS 2.4.3 01/17/2017
        [ 8811.371564]  ffff88103f2c3d98 2f6e1e3b4b6f3a9b ffff88103f2c3d50 ffffffff816a3e61
        [ 8811.371570] Call Trace:
        [ 8811.371572]  <IRQ>  [<ffffffff816a3e61>] dump_stack+0x19/0x1b
        [ 8811.371584]  [<ffffffff810879d8>] warn_slowpath_common+0x68/0x80
        [ 8811.371588]  [<ffffffff81087a5c>] warn_slowpath_fmt+0x5c/0x80
        [ 8811.371593]  [<ffffffff81582dd8>] dev_watchdog+0x248/0x260
        [ 8811.371597]  [<ffffffff81582b90>] ? dev_deactivate_queue.constprop.33+0x60/0x60
        [ 8811.371601]  [<ffffffff81097306>] call_timer_fn+0x36/0x110
        [ 8811.371604]  [<ffffffff8109977d>] run_timer_softirq+0x22d/0x310
        [ 8811.371608]  [<ffffffff81090b3f>] __do_softirq+0xef/0x280
        [ 8811.371612]  [<ffffffff816b6a5c>] call_softirq+0x1c/0x30
        [ 8811.371614]  <EOI>  [<ffffffff816ab6fe>] ? cpuidle_enter_state+0x40/0xc0
        [ 8811.371640] ---[ end trace 6a7e2c1e0e4b1f3e ]---
      `),
      expected: {
        title: 'WARNING in dev_watchdog',
        cpu: 6,
        pid: 0,
        comm: 'swapper/6',
        culprit: { function: 'dev_watchdog', module: null },
        corrupted: false,
        // (before 4.15 WARN(cond, fmt) printed its message right after the header)
        details: { source: 'net/sched/sch_generic.c:300', message: 'NETDEV WATCHDOG: eth0 (ixgbe): transmit queue 3 timed out' },
      },
    },
    {
      name: '2.6.32 (RHEL 6) layout: the message after `Hardware name:`, the ODEBUG helper frames skipped for who freed the timer',
      log: log(`
        Nov 12 10:00:00 node-3 kernel: ------------[ cut here ]------------
        Nov 12 10:00:00 node-3 kernel: WARNING: at lib/debugobjects.c:260 debug_print_object+0x8e/0xb0() (Not tainted)
        Nov 12 10:00:00 node-3 kernel: Hardware name: PowerEdge R720
        Nov 12 10:00:00 node-3 kernel: ODEBUG: free active (active state 0) object type: timer_list hint: mydrv_timeout+0x0/0x40 [mydrv]
        Nov 12 10:00:00 node-3 kernel: Modules linked in: mydrv(U) ext4 jbd2 mbcache
        Nov 12 10:00:00 node-3 kernel: Pid: 4321, comm: rmmod Not tainted 2.6.32-696.el6.x86_64 #1
        Nov 12 10:00:00 node-3 kernel: Call Trace:
        Nov 12 10:00:00 node-3 kernel: [<ffffffff8107c951>] ? warn_slowpath_common+0x91/0xe0
        Nov 12 10:00:00 node-3 kernel: [<ffffffff8107ca46>] ? warn_slowpath_fmt+0x46/0x60
        Nov 12 10:00:00 node-3 kernel: [<ffffffff812a7d8e>] ? debug_print_object+0x8e/0xb0
        Nov 12 10:00:00 node-3 kernel: [<ffffffff812a8a1b>] ? debug_check_no_obj_freed+0x1db/0x270
        Nov 12 10:00:00 node-3 kernel: [<ffffffff8117ad3e>] ? kfree+0xde/0x2b0
        Nov 12 10:00:00 node-3 kernel: [<ffffffffa01a2134>] ? mydrv_remove+0x34/0x60 [mydrv]
        Nov 12 10:00:00 node-3 kernel: [<ffffffff810bcd94>] ? sys_delete_module+0x194/0x260
        Nov 12 10:00:00 node-3 kernel: [<ffffffff8100b0d2>] ? system_call_fastpath+0x16/0x1b
        Nov 12 10:00:00 node-3 kernel: ---[ end trace 3e9c2a7b1f0d4c5a ]---
      `),
      expected: {
        title: 'WARNING in mydrv_remove',
        pid: 4321,
        comm: 'rmmod',
        culprit: { function: 'mydrv_remove', module: 'mydrv' },
        details: {
          source: 'lib/debugobjects.c:260',
          raisedBy: 'ODEBUG',
          message: 'ODEBUG: free active (active state 0) object type: timer_list hint: mydrv_timeout+0x0/0x40 [mydrv]',
        },
      },
    },
    {
      name: "another task's printk and user-space console output between the frames do not cut the trace",
      log: log(`
        [   29.689945] WARNING: CPU: 1 PID: 4183 at mm/util.c:403 kvmalloc_node+0xc3/0xd0
        [   29.718072] CPU: 1 PID: 4183 Comm: syzkaller238030 Not tainted 4.16.0-rc1+ #12
        [   29.718080] Call Trace:
        2017/12/25 06:06:21 executing program 3:
        [   29.718090] sctp: [Deprecated]: syz-executor5 (pid 5954) Use of int in maxseg socket option.
        [   29.878209] RIP: 0010:kvmalloc_node+0xc3/0xd0
        [   29.878300] RSP: 0018:ffff8801b436f6e8 EFLAGS: 00010293
        [   29.878400]  ? kvmalloc_node+0xc3/0xd0
        [   29.740690] audit: type=1400 audit(1518457683.474:9): avc:  denied  { map_read map_write } for  pid=4183
        [   29.878500]  cpu_map_update_elem+0x3c3/0x8e0
        [   29.878600]  SyS_bpf+0x8d4/0x3e60
        [   29.878700] ---[ end trace 1a2b3c4d5e6f7a8b ]---
      `),
      expected: { title: 'WARNING in cpu_map_update_elem', culprit: { function: 'cpu_map_update_elem', module: null }, corrupted: false, details: { raisedBy: 'allocation' } },
    },
    {
      name: 'a refcount_t warning blames the refcount user, not lib/refcount.c',
      log: log(`
        [  120.000001] ------------[ cut here ]------------
        [  120.000002] refcount_t: underflow; use-after-free.
        [  120.000003] WARNING: CPU: 0 PID: 5210 at lib/refcount.c:28 refcount_warn_saturate+0x13e/0x1a0
        [  120.000004] Modules linked in:
        [  120.000005] CPU: 0 PID: 5210 Comm: syz-executor.0 Not tainted 6.1.0-syzkaller #0
        [  120.000006] RIP: 0010:refcount_warn_saturate+0x13e/0x1a0
        [  120.000007] RSP: 0018:ffffc90003a5fb28 EFLAGS: 00010246
        [  120.000008] Call Trace:
        [  120.000009]  <TASK>
        [  120.000010]  __refcount_sub_and_test include/linux/refcount.h:283 [inline]
        [  120.000011]  sctp_wfree+0x3b3/0x430
        [  120.000012]  skb_release_head_state+0xfb/0x200
        [  120.000013]  __x64_sys_close+0x7a/0x100
        [  120.000014]  </TASK>
        [  120.000015] ---[ end trace 0000000000000000 ]---
      `),
      expected: { title: 'WARNING in sctp_wfree', culprit: { function: 'sctp_wfree', module: null }, details: { source: 'lib/refcount.c:28', raisedBy: 'refcount' } },
    },
    {
      name: "a WARN_ON in lockdep.c is a lockdep report, blamed past lock_sock",
      log: log(`
        [   64.070000] ------------[ cut here ]------------
        [   64.070001] DEBUG_LOCKS_WARN_ON(1)
        [   64.070002] WARNING: CPU: 1 PID: 7140 at kernel/locking/lockdep.c:3326 __lock_acquire+0x1a4e/0x3e90
        [   64.070003] Modules linked in:
        [   64.070004] CPU: 1 PID: 7140 Comm: syz-executor4 Not tainted 4.19.0-rc2+ #226
        [   64.070005] RIP: 0010:__lock_acquire+0x1a4e/0x3e90
        [   64.070006] RSP: 0018:ffff88018f24f5d0 EFLAGS: 00010082
        [   64.070007] Call Trace:
        [   64.070008]  lock_acquire+0x1ed/0x520
        [   64.070009]  lock_sock_nested+0xd2/0x120
        [   64.070010]  inet_autobind+0x1a/0x190
        [   64.070011]  inet_dgram_connect+0x1a3/0x2b0
        [   64.070012]  __sys_connect+0x37d/0x4c0
        [   64.070013] ---[ end trace 2e7c0a3f5d4f7a1b ]---
      `),
      expected: { kind: 'lockdep', title: 'lockdep report in inet_autobind', culprit: { function: 'inet_autobind', module: null } },
    },
    {
      name: 'a WARNING cut off right after its header is marked corrupted and blamed on the header function',
      log: log(`
        [   10.000001] WARNING: CPU: 0 PID: 1 at drivers/gpu/drm/drm_ioctl.c:120 drm_ioctl+0x10/0x20
        [   10.000002] some unrelated line
      `),
      expected: { title: 'WARNING in drm_ioctl', culprit: { function: 'drm_ioctl', module: null }, corrupted: true },
    },
    {
      name: "a fault-injection stack mixed into the trace makes the report corrupted",
      log: log(`
        [   61.000001] WARNING: CPU: 0 PID: 9000 at mm/slab_common.c:996 kmalloc_slab+0x56/0x70
        [   61.000002] CPU: 0 PID: 9000 Comm: syz-executor3 Not tainted 4.16.0-rc1+ #1
        [   61.000003] Call Trace:
        [   61.000004]  dump_stack+0x194/0x257
        [   61.000005]  should_fail+0x8c0/0xa40
        [   61.000006]  should_failslab+0xec/0x120
        [   61.000007] RIP: 0010:kmalloc_slab+0x56/0x70
        [   61.000008] RSP: 0018:ffff8801ca6df5b8 EFLAGS: 00010246
        [   61.000009]  __kmalloc+0x25/0x760
        [   61.000010]  bfs_fill_super+0x1c0/0x950
        [   61.000011]  mount_bdev+0x2b3/0x360
        [   61.000012] ---[ end trace 0000000000000001 ]---
      `),
      expected: { title: 'WARNING in bfs_fill_super', corrupted: true, corruptionReasons: ["a fault-injection stack is mixed into the report's lines"] },
    },
    {
      name: "the unwinder's complaint about a bad frame (pointers hidden as (ptrval)) has no stack and blames no function",
      log: "[   26.148943] WARNING: kernel stack regs at         (ptrval) in syzkaller547737:4493 has bad 'bp' value         (ptrval)\n",
      expected: { title: 'WARNING', pid: 4493, comm: 'syzkaller547737', culprit: null, corrupted: false, details: { problem: 'kernel stack unwinder found a bad frame' } },
    },
    {
      name: 'powerpc: the trap handler frames are skipped for the `--- interrupt: 700 at` location',
      log: log(`
        [   38.771258] WARNING: CPU: 1 PID: 4057 at arch/powerpc/mm/slb.c:79 assert_slb_presence+0x2c/0x70
        [   38.773114] CPU: 1 PID: 4057 Comm: syz-executor.4 Not tainted 5.1.0-rc3-00035-g8ed86627f715 #7
        [   38.774151] Call Trace:
        [   38.774455] [c00000003ae5b800] [c00000000135c19c] dump_stack+0x128/0x1cc (unreliable)
        [   38.776919] [c00000003ae5b9a0] [c00000000135a500] report_bug+0x150/0x270
        [   38.777744] [c00000003ae5ba40] [c0000000000392d4] program_check_exception+0x344/0x4f0
        [   38.778694] [c00000003ae5bac0] [c0000000000090a4] program_check_common+0x184/0x190
        [   38.779614] --- interrupt: 700 at assert_slb_presence+0x2c/0x70
        [   38.779614]     LR = slb_insert_entry+0x19c/0x2d0
        [   38.780881] [c00000003ae5bdc0] [0000000000000000]           (null) (unreliable)
        [   38.781783] [c00000003ae5bdf0] [c00000000009651c] do_slb_fault+0x10c/0x250
        [   38.782631] [c00000003ae5be20] [c0000000000088f8] data_access_slb_common+0x138/0x190
      `),
      expected: { title: 'WARNING in assert_slb_presence', pid: 4057, culprit: { function: 'assert_slb_presence', module: null }, corrupted: false },
    },
  ],
  invalid: [
    { name: 'a driver message that starts with WARNING:', log: '[   49.679506][ T8428] WARNING: the mand mount option is being deprecated and\n' },
    { name: 'an XFS warning', log: '[  131.879441][  T152] XFS (loop4): WARNING: Reset corrupted AGFL on AG 0. 1 blocks leaked. Please unmount and run xfs_repair.\n' },
  ],
});

describe('a panic_on_warn panic printed after the warning', () => {
  it('is linked to the warning as its consequence, not counted as a root cause', () => {
    const result = analyzeText(
      log(`
        [  140.728169][ T6181] WARNING: CPU: 1 PID: 6181 at fs/buffer.c:1183 mark_buffer_dirty+0x299/0x3f0
        [  140.728225][ T6181] Modules linked in:
        [  140.728266][ T6181] CPU: 1 PID: 6181 Comm: syz.0.52 Not tainted 6.8.0-syzkaller #0
        [  140.728300][ T6181] RIP: 0010:mark_buffer_dirty+0x299/0x3f0
        [  140.728400][ T6181] Call Trace:
        [  140.728500][ T6181]  <TASK>
        [  140.728600][ T6181]  bfs_get_block+0x5da/0xae0
        [  140.728700][ T6181]  __block_write_begin_int+0x6c6/0x1910
        [  140.728800][ T6181]  </TASK>
        [  140.728900][ T6181] Kernel panic - not syncing: kernel: panic_on_warn set ...
        [  140.729000][ T6181] CPU: 1 PID: 6181 Comm: syz.0.52 Not tainted 6.8.0-syzkaller #0
        [  140.729100][ T6181] Call Trace:
        [  140.729200][ T6181]  <TASK>
        [  140.729300][ T6181]  dump_stack_lvl+0x116/0x1b0
        [  140.729400][ T6181]  panic+0x349/0x880
        [  140.729500][ T6181]  check_panic_on_warn+0x86/0xb0
        [  140.729600][ T6181]  __warn+0x1c6/0x500
        [  140.729700][ T6181]  </TASK>
      `),
      'log',
      { now: () => new Date(0) },
    );
    const warning = result.incidents.find((i) => i.kind === 'warning');
    const panic = result.incidents.find((i) => i.kind === 'panic');
    expect(warning).toMatchObject({ title: 'WARNING in mark_buffer_dirty', causedBy: null });
    expect(panic?.causedBy).toBe(warning?.id);
  });
});

describe("a WARNING's message", () => {
  const messageOf = (text: string) => analyzeText(log(text), 'log', { now: () => new Date(0) }).incidents.find((i) => i.kind === 'warning')?.details['message'];
  const body = `
    [  120.100300] Modules linked in: e1000
    [  120.100400] CPU: 0 PID: 321 Comm: kworker/0:2 Not tainted 4.9.0 #1
    [  120.100500] Call Trace:
    [  120.100600]  dump_stack+0x63/0x82
    [  120.100700]  __warn+0xcb/0xf0
    [  120.100800]  dev_watchdog+0x222/0x230
    [  120.100900]  call_timer_fn+0x30/0x130
  `;

  it('is the line printed right after the header (4.9), the lines up to the dump', () => {
    expect(messageOf(`
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      [  120.100100] NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out
      ${body}`)).toBe('NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out');
  });

  it('is the lines 4.15+ print between `cut here` and the header, by the same task', () => {
    expect(messageOf(`
      [  120.099800] ------------[ cut here ]------------
      [  120.099900] NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      ${body}`)).toBe('NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out');
    expect(messageOf(`
      [  120.099800][  T321] ------------[ cut here ]------------
      [  120.099900][  T777] audit: type=1400 audit(1518457683.474:8): avc:  denied  { map_create } for  pid=777 comm="x"
      [  120.100000][  T321] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      ${body.replace(/\] /g, '][  T321] ')}`)).toBeUndefined();
  });

  it('is said in the finding, in English and in Chinese', () => {
    const result = analyzeText(log(`
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      [  120.100100] NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out
      ${body}`), 'log', { now: () => new Date(0) });
    expect(result.findings[0]!.text).toContain('; it says `NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out`');
    // (the timer callback is both the culprit and the entry: said once)
    expect(result.incidents[0]!.entry?.function).toBe('dev_watchdog');
    expect(result.findings[0]!.text).not.toContain('entered through');
    expect(renderText(result, { color: false, lang: 'zh' })).toContain('报告内容为 `NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out`');
  });

  it('and its `cut here` line are not said again as what came just before the report', () => {
    const result = analyzeText(log(`
      [  119.000000] e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX
      [  120.099800] ------------[ cut here ]------------
      [  120.099900] NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      ${body}`), 'log', { now: () => new Date(0) });
    const before = result.findings.filter((f) => f.code === 'finding.before').map((f) => f.text);
    expect(before).toHaveLength(1);
    expect(before[0]).toContain('NIC Link is Up');
    expect(before[0]).not.toMatch(/cut here|NETDEV WATCHDOG/);
  });

  it('is none without the `cut here` line before it: a line before the header is not taken on its own', () => {
    expect(messageOf(`
      [  120.099900] NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      ${body}`)).toBeUndefined();
  });

  it("is not another task's line printed 20 ms later, nor a line after a report the header cut off", () => {
    expect(messageOf(`
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      [  120.120000] audit: type=1400 audit(1518457683.474:8): avc:  denied  { map_create } for  pid=4183 comm="x"
      ${body}`)).toBeUndefined();
    expect(messageOf(`
      [  119.990000] ==================================================================
      [  119.999000] BUG: KASAN: slab-out-of-bounds in rds_cong_queue_updates+0x4d3/0x4f0
      [  120.100000] WARNING: CPU: 0 PID: 321 at net/sched/sch_generic.c:316 dev_watchdog+0x222/0x230
      [  120.100050] Read of size 4 at addr ffff8801b3c58144 by task syz-executor4/6684
      ${body}`)).toBeUndefined();
  });
});
