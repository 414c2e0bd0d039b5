import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { incidentSignature, normalizeFunction, problemSignature, problemStatement, SIGNATURE_VERSION, titleBugClass } from '../../src/analysis/signature.js';
import { isSignatureSkippedFrame, SIGNATURE_RULES_BY_KIND, signatureCallers } from '../../src/knowledge/frames.js';
import { INCIDENT_KINDS } from '../../src/result/kinds.js';
import { log } from '../detectors/tester.js';

// The node-2 culprit's first full sample stack (RIP first), as the result's samples[].stack gives it.
const NODE2_STACK = ['_raw_spin_unlock_irqrestore', '__wake_up', 'blk_set_queue_dying', '__dm_destroy', 'dm_destroy', 'dev_remove', 'ctl_ioctl', 'dm_ctl_ioctl', 'do_vfs_ioctl', 'SyS_ioctl', 'system_call_fastpath'];

describe('normalizeFunction', () => {
  it.each([
    ['blk_set_queue_dying+0xa1/0x150', 'blk_set_queue_dying'],
    ['? dev_suspend+0x70/0x70', 'dev_suspend'],
    ['dm_ctl_ioctl+0x13/0x20 [dm_mod]', 'dm_ctl_ioctl'],
    ['tcp_ack.isra.42', 'tcp_ack'],
    ['ext4_mb_good_group.constprop.3.cold', 'ext4_mb_good_group'],
    ['__dm_destroy.part.7', '__dm_destroy'],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeFunction(raw)).toBe(want);
  });
});

describe('problemSignature', () => {
  it('names the kind, the culprit and its next two callers that are no lock, wake-up or entry code (node-2)', () => {
    const s = problemSignature('soft-lockup', 'blk_set_queue_dying', NODE2_STACK);
    expect(s.signatureText).toBe('soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy');
    expect(s.signatureVersion).toBe(SIGNATURE_VERSION);
    expect(s.signature).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is stable: the same inputs give the same hash, another culprit another one', () => {
    const a = problemSignature('soft-lockup', 'blk_set_queue_dying', NODE2_STACK);
    expect(problemSignature('soft-lockup', 'blk_set_queue_dying', [...NODE2_STACK]).signature).toBe(a.signature);
    expect(problemSignature('soft-lockup', 'dm_destroy', NODE2_STACK).signature).not.toBe(a.signature);
    expect(problemSignature('hard-lockup', 'blk_set_queue_dying', NODE2_STACK).signature).not.toBe(a.signature);
  });

  it('drops offsets, compiler suffixes, module names and address-only frames', () => {
    const noisy = ['_raw_spin_lock_irqsave+0x20/0x40', 'blk_set_queue_dying.isra.3+0xa1/0x150', '0xffffffffc04a2b10', '__dm_destroy.part.7+0x1c/0x80 [dm_mod]', 'dm_destroy+0x13/0x20 [dm_mod]'];
    expect(problemSignature('soft-lockup', 'blk_set_queue_dying+0xa1/0x150', noisy).signatureText).toBe('soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy');
  });

  it('skips generic frames of the kind: warn_slowpath for a WARNING, the allocator for a leak', () => {
    expect(problemSignature('warning', 'xfrm_state_fini', ['warn_slowpath_null', 'xfrm_state_fini', 'report_bug', 'xfrm_net_exit', 'ops_exit_list', 'cleanup_net']).signatureText).toBe(
      'warning|xfrm_state_fini|xfrm_net_exit|ops_exit_list',
    );
    expect(problemSignature('memory-leak', 'tipc_buf_acquire', ['kmemleak_alloc', 'tipc_buf_acquire', 'kmalloc_reserve', '__alloc_skb', 'tipc_msg_build', 'tipc_sendmsg']).signatureText).toBe(
      'memory-leak|tipc_buf_acquire|tipc_msg_build|tipc_sendmsg',
    );
  });

  it('keeps a recursing caller once and stops at entry code', () => {
    expect(problemSignature('bug', 'walk', ['walk', 'walk', 'visit', 'visit', 'do_syscall_64', 'entry_SYSCALL_64_after_hwframe']).signatureText).toBe('bug|walk|visit');
  });

  it('names no caller of a hung task: which task waits in rtnl_lock varies', () => {
    expect(problemSignature('hung-task', 'rtnl_lock', ['__schedule', 'schedule', 'rtnl_lock', 'addrconf_verify_work', 'process_one_work']).signatureText).toBe('hung-task|rtnl_lock');
  });

  it('names no caller past an interrupt\'s entry: the frames after it are the code the interrupt interrupted', () => {
    const stack = ['__x86_indirect_thunk_rax', 'run_timer_softirq', '__do_softirq', 'irq_exit', 'smp_apic_timer_interrupt', 'apic_timer_interrupt', 'copy_mm', 'copy_process'];
    expect(problemSignature('general-protection-fault', 'run_timer_softirq', stack).signatureText).toBe('general-protection-fault|run_timer_softirq');
    expect(problemSignature('general-protection-fault', 'call_timer_fn_x', ['call_timer_fn_x', 'expire_x', 'asm_sysvec_apic_timer_interrupt', 'default_idle']).signatureText).toBe('general-protection-fault|call_timer_fn_x|expire_x');
  });

  it('names no caller of a culprit that is not on the stack: the frames there are someone else\'s', () => {
    const fields = { kind: 'stack-overflow', culprit: { function: 'rtnl_newlink' }, entry: null, loopFunction: null, samples: [{ hasStack: true, stack: ['netdev_next_lower_dev_rcu', 'bond_get_lowest_level_rcu', 'bond_get_stats'] }] };
    expect(incidentSignature(fields).signatureText).toBe('stack-overflow|rtnl_newlink');
    // A quoted trace without its RIP frame (a commit message's) still names the callers below the culprit.
    expect(problemSignature('soft-lockup', 'blk_set_queue_dying', ['__dm_destroy', 'dm_destroy', 'dev_remove']).signatureText).toBe('soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy');
  });

  it('says `?` when nothing is blamed', () => {
    expect(problemSignature('panic', null, []).signatureText).toBe('panic|?');
  });
});

describe('incidentSignature', () => {
  it('signs a stall caught once by the handler it was entered through', () => {
    const fields = { kind: 'rcu-stall', culprit: { function: 'lock_release' }, entry: { function: 'snd_seq_write' }, loopFunction: null, samples: [{ hasStack: true, stack: ['lock_release', 'snd_seq_write', 'vfs_write'] }] };
    expect(incidentSignature(fields).signatureText).toBe('rcu-stall|snd_seq_write');
    expect(incidentSignature({ ...fields, loopFunction: 'lock_release' }).signatureText).toBe('rcu-stall|lock_release|snd_seq_write');
  });

  it('signs a CPU or task stuck waiting for other CPUs or a grace period by the wait\'s family, whatever its form and caller', () => {
    const stuck = (kind: string, culprit: string, entry: string) => ({ kind, culprit: { function: culprit }, entry: { function: entry }, loopFunction: null, samples: [{ hasStack: true, stack: [culprit, entry, 'vfs_write'] }] });
    expect(incidentSignature(stuck('soft-lockup', 'smp_call_function_single+0x1a/0x30', 'perf_release')).signatureText).toBe('soft-lockup|smp_call_function');
    expect(incidentSignature(stuck('soft-lockup', 'smp_call_function_many_cond', 'kvm_vcpu_release')).signatureText).toBe('soft-lockup|smp_call_function');
    expect(incidentSignature(stuck('rcu-stall', 'smp_call_function_single', 'sock_close')).signatureText).toBe('rcu-stall|smp_call_function');
    expect(incidentSignature(stuck('hung-task', 'synchronize_rcu_expedited', 'cleanup_net')).signatureText).toBe('hung-task|synchronize_rcu');
    expect(incidentSignature(stuck('hung-task', 'synchronize_sched', 'sock_close')).signatureText).toBe('hung-task|synchronize_rcu');
    expect(incidentSignature(stuck('hung-task', '__synchronize_srcu.part.7', 'fsnotify_mark_destroy_workfn')).signatureText).toBe('hung-task|synchronize_rcu');
    // Only a stuck CPU or task waits there: a WARNING in that code is signed as any WARNING.
    expect(incidentSignature({ ...stuck('warning', 'smp_call_function_many_cond', 'on_each_cpu_cond_mask'), entry: null }).signatureText).toBe('warning|smp_call_function_many_cond|on_each_cpu_cond_mask');
  });

  it('names the bug class of a KASAN report, read from its details or a quoted title alike', () => {
    const fields = (kind: string, details: Record<string, unknown>) => ({ kind, culprit: { function: '__unwind_start' }, entry: null, loopFunction: null, samples: [{ hasStack: true, stack: ['__unwind_start', 'perf_callchain_kernel'] }], details });
    expect(incidentSignature(fields('kasan', { bugType: 'use-after-free', access: 'write' })).signatureText).toBe('kasan(use-after-free)|__unwind_start|perf_callchain_kernel');
    expect(incidentSignature(fields('kasan', { bugType: 'slab-out-of-bounds', access: 'write' })).signatureText).toBe('kasan(slab-out-of-bounds)|__unwind_start|perf_callchain_kernel');
    expect(incidentSignature(fields('warning', { bugType: 'x' })).signatureText).toBe('warning|__unwind_start|perf_callchain_kernel');
    // One class under the names kernel versions gave it.
    for (const bugType of ['double-free or invalid-free', 'double-free', 'invalid-free']) expect(incidentSignature(fields('kasan', { bugType })).signatureText).toBe('kasan(invalid-free)|__unwind_start|perf_callchain_kernel');
    expect(incidentSignature(fields('kasan', { bugType: 'slab-use-after-free' })).signatureText).toBe('kasan(use-after-free)|__unwind_start|perf_callchain_kernel');
    expect(titleBugClass('kasan', 'BUG: KASAN: double-free or invalid-free in xt_free_table_info+0x5c/0x70')).toBe('invalid-free');
    expect(titleBugClass('warning', 'WARNING: CPU: 0 PID: 1 at x.c:1 f+0x1/0x2')).toBeNull();
  });

  it('is what the analysis puts in the result, recomputable from the JSON', () => {
    const [incident] = analyzeText(
      log(`
        [   10.000000] WARNING: CPU: 1 PID: 42 at net/xfrm/xfrm_state.c:2345 xfrm_state_fini+0x2a/0x40
        [   10.000100] CPU: 1 PID: 42 Comm: kworker/u4:1 Not tainted 4.19.0 #1
        [   10.000200] RIP: 0010:xfrm_state_fini+0x2a/0x40
        [   10.000300] Call Trace:
        [   10.000400]  xfrm_net_exit+0x1d/0x70
        [   10.000500]  ops_exit_list.isra.4+0xa8/0x150
        [   10.000600]  cleanup_net+0x4a7/0x7d0
        [   10.000700]  process_one_work+0x1b0/0x390
        [   10.000800]  worker_thread+0x4c/0x3f0
        [   10.000900]  kthread+0x11e/0x140
        [   10.001000]  ret_from_fork+0x35/0x40
      `),
    ).incidents;
    expect(incident).toMatchObject({ signatureText: 'warning|xfrm_state_fini|xfrm_net_exit|ops_exit_list', signatureVersion: SIGNATURE_VERSION });
    expect(incidentSignature(JSON.parse(JSON.stringify(incident)))).toEqual({ signature: incident!.signature, signatureText: incident!.signatureText, signatureVersion: incident!.signatureVersion });
  });
});

describe('incidentSignature (version 3)', () => {
  it('signs a report blamed on no function by what the kernel said the problem was, numbers and addresses left out', () => {
    const [rss] = analyzeText('[  100.000000] BUG: Bad rss-counter state mm:ffff88005fac4300 idx:0 val:15\n').incidents;
    const [rss2] = analyzeText('[  200.000000] BUG: Bad rss-counter state mm:ffff8801d3e1a000 idx:1 val:3\n').incidents;
    const [map] = analyzeText('[  100.000000] BUG: Bad page map in process syz-executor0  pte:ffff8801a700ff00 pmd:1cb0e1067\n').incidents;
    expect([rss!.signatureText, map!.signatureText]).toEqual(['bad-page-state|?|rss-counter state', 'bad-page-state|?|page map']);
    expect(rss2!.signature).toBe(rss!.signature);
  });

  it('signs a panic that follows a report by what it follows, not by its reason\'s wording', () => {
    const panic = (reason: string) => problemStatement({ details: { follows: { code: 'detail.follows', params: { follows: 'oops' } }, reason } });
    expect(panic('Fatal exception in interrupt')).toBe(panic('Fatal exception'));
    expect(problemStatement({ details: { reason: "Couldn't open N_TTY ldisc for ptm1 --- error -12." } })).toBe("couldn't open n_tty ldisc for ptm1 --- error -N.");
    // A stored result has the message beside the English text: the same statement as in the analysis.
    expect(problemStatement({ details: { problem: 'dentry still in use' }, detailMessages: { problem: { code: 'detail.problem.dentryBusy', params: { device: 'proc' } } } })).toBe(
      problemStatement({ details: { problem: { code: 'detail.problem.dentryBusy', params: { device: 'proc' } } } }),
    );
  });

  it('finds the callers of a culprit printed from an interrupt in the report\'s trace, above the interrupted code\'s RIP', () => {
    const [incident] = analyzeText(
      log(`
        [   21.093011][    C0] WARNING: inconsistent lock state
        [   21.108120][    C0] inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
        [   21.114931][    C0] swapper/0/0 [HC0[0]:SC1[1]:HE1:SE0] takes:
        [   21.120870][    C0] ffff888114bf86a8 (&file_data->lock){+.?.}-{2:2}, at: io_file_data_ref_zero+0x79/0x480
        [   21.130557][    C0] {SOFTIRQ-ON-W} state was registered at:
        [   21.136236][    C0]   lock_acquire+0x2a6/0x770
        [   21.140786][    C0]   _raw_spin_lock+0x2b/0x40
        [   21.145339][    C0]   __do_sys_io_uring_register+0x3684/0x4460
        [   21.283663][    C0] stack backtrace:
        [   21.291247][    C0] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.10.0-syzkaller #0
        [   21.301259][    C0] Call Trace:
        [   21.304500][    C0]  <IRQ>
        [   21.307318][    C0]  dump_stack+0x111/0x171
        [   21.311606][    C0]  print_usage_bug.part.0+0x349/0x358
        [   21.323142][    C0]  mark_lock.cold+0x3c/0x88
        [   21.361361][    C0]  __lock_acquire+0x1270/0x5bf0
        [   21.372112][    C0]  lock_acquire+0x2a6/0x770
        [   21.400711][    C0]  _raw_spin_lock+0x2b/0x40
        [   21.410500][    C0]  io_file_data_ref_zero+0x79/0x480
        [   21.415659][    C0]  percpu_ref_put_many.constprop.0+0x231/0x270
        [   21.421773][    C0]  percpu_ref_switch_to_atomic_rcu+0x291/0x470
        [   21.427888][    C0]  rcu_core+0x51a/0xf30
        [   21.452144][    C0]  __do_softirq+0x1b9/0x932
        [   21.454144][    C0]  </IRQ>
        [   21.463588][    C0]  irq_exit_rcu+0x127/0x1c0
        [   21.469176][    C0]  sysvec_apic_timer_interrupt+0x54/0xb0
        [   21.475115][    C0] RIP: 0010:acpi_idle_do_entry+0x1d7/0x270
        [   21.480880][    C0] RSP: 0018:ffffffff86007d70 EFLAGS: 00000293
        [   21.490000][    C0]  acpi_idle_enter+0x355/0x4f0
        [   21.495000][    C0]  cpuidle_enter_state+0x1b1/0xc80
        [   21.500000][    C0]  do_idle+0x3e3/0x500
      `),
    ).incidents;
    expect(incident!.signatureText).toBe('lockdep|io_file_data_ref_zero|percpu_ref_put_many|percpu_ref_switch_to_atomic_rcu');
    expect(incidentSignature(JSON.parse(JSON.stringify(incident)))).toMatchObject({ signatureText: incident!.signatureText });
  });

  it('keeps every frame after the RIP of a WARNING whose reporting path (panic_on_warn) is printed before it', () => {
    const [incident] = analyzeText(
      log(`
        [ 3008.140500][T24159] WARNING: CPU: 0 PID: 24159 at lib/debugobjects.c:484 debug_print_object+0x160/0x250
        [ 3008.140532][T24159] Kernel panic - not syncing: panic_on_warn set ...
        [ 3008.140540][T24159] CPU: 0 PID: 24159 Comm: kworker/u4:4 Not tainted 5.3.0+ #0
        [ 3008.140607][T24159] Call Trace:
        [ 3008.140610][T24159]  dump_stack+0x1d8/0x2f8
        [ 3008.140640][T24159]  panic+0x25c/0x799
        [ 3008.140656][T24159]  __warn+0x22f/0x230
        [ 3008.140673][T24159]  report_bug+0x190/0x290
        [ 3008.140728][T24159]  do_error_trap+0xd7/0x440
        [ 3008.140739][T24159]  do_invalid_op+0x36/0x40
        [ 3008.140756][T24159]  invalid_op+0x23/0x30
        [ 3008.140765][T24159] RIP: 0010:debug_print_object+0x160/0x250
        [ 3008.140779][T24159] RSP: 0018:ffff88808b22f900 EFLAGS: 00010046
        [ 3008.140900][T24159]  debug_check_no_obj_freed+0x29f/0x464
        [ 3008.140926][T24159]  kfree+0x107/0x200
        [ 3008.140936][T24159]  kvfree+0x47/0x50
        [ 3008.140960][T24159]  netdev_freemem+0x3e/0x60
        [ 3008.140997][T24159]  netdev_release+0x79/0xa0
        [ 3008.175953][T24159]  device_release+0x74/0x1a0
      `),
    ).incidents.filter((i) => i.kind === 'warning');
    expect(incident!.samples[0]!.stack).toEqual(['debug_print_object', 'debug_check_no_obj_freed', 'kfree', 'kvfree', 'netdev_freemem', 'netdev_release', 'device_release']);
  });
});

describe('signature frame table', () => {
  it('is keyed by incident kinds', () => {
    for (const kind of Object.keys(SIGNATURE_RULES_BY_KIND)) expect(INCIDENT_KINDS).toContain(kind);
  });

  it.each([
    ['warning', 'warn_slowpath_fmt', true],
    ['soft-lockup', 'native_queued_spin_lock_slowpath', true],
    ['soft-lockup', 'do_syscall_64', true],
    ['memory-leak', 'kmemleak_alloc', true],
    ['memory-leak', '__kmalloc_node_track_caller', true],
    ['hung-task', 'io_schedule', true],
    ['warning', 'io_schedule', true],
    ['soft-lockup', 'blk_set_queue_dying', false],
    ['warning', 'kmemleak_alloc', false],
  ])('%s: %s left out %s', (kind, fn, skipped) => {
    expect(isSignatureSkippedFrame(kind, fn)).toBe(skipped);
  });

  it('names two callers, none for a hung task', () => {
    expect(signatureCallers('soft-lockup')).toBe(2);
    expect(signatureCallers('hung-task')).toBe(0);
  });
});
