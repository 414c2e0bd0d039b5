import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { incidentSignature, normalizeFunction, problemSignature, SIGNATURE_VERSION, titleBugClass } from '../../src/analysis/signature.js';
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
