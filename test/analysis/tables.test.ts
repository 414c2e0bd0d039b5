import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED } from '../fuzz/params.js';
import { lookupErrno } from '../../src/knowledge/errno.js';
import { decodeTaint, taintingModules } from '../../src/knowledge/taint.js';
import { baseFunctionName, isEntryPlumbingFrame, isGenericFrame, isIrqEnableFunction, isReportingFrame, isWaiterFrame } from '../../src/knowledge/frames.js';

describe('errno table', () => {
  it.each([
    [-107, 'ENOTCONN', 'Transport endpoint is not connected'],
    [5, 'EIO', 'I/O error'],
    [-110, 'ETIMEDOUT', 'Connection timed out'],
    [-28, 'ENOSPC', 'No space left on device'],
    [-512, 'ERESTARTSYS', 'Restart the system call (kernel-internal)'],
    [-517, 'EPROBE_DEFER', 'Driver requests probe retry (kernel-internal)'],
  ])('%i is %s', (n, name, meaning) => {
    expect(lookupErrno(n)).toEqual({ number: Math.abs(n), name, meaning });
  });

  it('knows nothing of numbers that are no errno', () => {
    expect(lookupErrno(0)).toBeNull();
    expect(lookupErrno(-600)).toBeNull();
    expect(lookupErrno(41)).toBeNull();
  });
});

describe('taint decoding', () => {
  it('decodes the RHEL 7 string letter by letter, ignoring blanks and dashes', () => {
    const t = decodeTaint('G        W  OEL ------------');
    expect(t.flags.map((f) => f.letter)).toEqual(['G', 'W', 'O', 'E', 'L']);
    expect(t.flags.map((f) => f.bit)).toEqual([null, 9, 12, 13, 14]);
    expect(t.unknown).toEqual([]);
  });

  it.each([
    ['P', 'proprietary module loaded'],
    ['D', 'kernel died recently (OOPS or BUG)'],
    ['M', 'machine check exception occurred'],
    ['B', 'bad page referenced or unexpected page flags'],
  ])('%s means %s', (letter, meaning) => {
    expect(decodeTaint(letter).flags[0]?.meaning).toBe(meaning);
  });

  it('reports letters it does not know', () => {
    expect(decodeTaint('GQ').unknown).toEqual(['Q']);
  });

  it('names the modules of `Modules linked in:` that carry taint letters; a loading or unloading mark is none', () => {
    expect(taintingModules(['rbd', 'i40e(OE)', 'nvidia(POE)', 'dm_mod(+)', 'zfs(PO-)', 'kvm_intel', 'foo(bar)'])).toEqual([
      { name: 'i40e', letters: 'OE' },
      { name: 'nvidia', letters: 'POE' },
      { name: 'zfs', letters: 'PO' },
    ]);
  });
});

describe('frame tables', () => {
  it('strips compiler suffixes', () => {
    expect(baseFunctionName('csd_lock_wait.isra.1')).toBe('csd_lock_wait');
    expect(baseFunctionName('tasklet_action_common.constprop.0')).toBe('tasklet_action_common');
    expect(baseFunctionName('foo.cold')).toBe('foo');
  });

  it('strips them as the pattern `(?:\\.(?:isra|...)(?:\\.\\d+)?)+$` does, on any name (property)', () => {
    const suffixes = /(?:\.(?:isra|constprop|part|cold|llvm|lto_priv)(?:\.\d+)?)+$/;
    const piece = fc.constantFrom('.isra', '.constprop', '.part', '.cold', '.llvm', '.lto_priv', '.', '0', '12', 'a', '_x', '.1', 'isra');
    const name = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(fc.property(name, (n) => baseFunctionName(n) === n.replace(suffixes, '')), { seed: FUZZ_SEED, numRuns: 3000 });
  });

  it('knows stopper and cross-CPU call waiters', () => {
    expect(['multi_cpu_stop', 'smp_call_function_many', 'csd_lock_wait.isra.0'].every(isWaiterFrame)).toBe(true);
    expect(isWaiterFrame('blk_set_queue_dying')).toBe(false);
  });

  it('knows where interrupts are re-enabled', () => {
    expect(isIrqEnableFunction('_raw_spin_unlock_irqrestore')).toBe(true);
    expect(isIrqEnableFunction('_raw_spin_lock_irqsave')).toBe(false);
  });

  it('skips locking, waiting, reporting and allocation frames for the culprit', () => {
    for (const f of ['_raw_spin_lock_irqsave', '__wake_up', 'dump_stack', 'kasan_report', 'schedule', 'kmalloc', 'memcpy', 'native_queued_spin_lock_slowpath']) expect(isGenericFrame(f), f).toBe(true);
    for (const f of ['blk_set_queue_dying', 'dm_ctl_ioctl', 'ext4_writepages']) expect(isGenericFrame(f), f).toBe(false);
  });

  it("tells the report's own frames (the dump, the check, the unwinder) from the rest of the generic plumbing", () => {
    for (const f of ['dump_stack', 'check_preemption_disabled', 'lockdep_hardirqs_on_prepare', 'trace_hardirqs_on', '___might_sleep.cold', 'kasan_report', 'unwind_next_frame']) {
      expect(isReportingFrame(f), f).toBe(true);
      expect(isGenericFrame(f), f).toBe(true);
    }
    for (const f of ['__bad_area_nosemaphore', 'do_user_addr_fault', '_raw_spin_lock_irqsave', 'kmalloc', 'blk_set_queue_dying']) expect(isReportingFrame(f), f).toBe(false);
  });

  it.each([
    ['sanitizer and debug reporting', ['print_address_description.constprop.0.cold', 'print_report', 'kasan_report_invalid_free', '__debug_object_init', 'look_up_lock_class', 'hlock_class']],
    ['the arm64 fault path', ['__do_kernel_fault', 'do_tag_check_fault', 'do_mem_abort', 'el1_abort', 'el1h_64_sync_handler', 'do_bad_area']],
    ['atomics, bit operations, refcount, list and tree helpers', ['_atomic_dec_and_lock', 'atomic_read', 'test_and_clear_bit', 'refcount_warn_saturate', 'kref_put', '__list_add_valid', 'rb_erase']],
    ['locks', ['down_trylock', 'mutex_lock_nested', 'task_blocks_on_rt_mutex', '_raw_read_lock_bh', 'local_bh_enable']],
    ['string, copy and printing helpers', ['strcmp', 'memcmp', 'vsnprintf', 'hex_string', 'va_format.isra.0', 'vprintk_emit', '_copy_to_iter', 'bpf_prog_array_copy_to_user', 'crc16']],
    ['allocation and page-cache wrappers', ['kmem_cache_alloc_node', '__kmalloc_cache_noprof', 'kvfree', 'pagecache_get_page', 'folio_alloc']],
    ['work, timer and driver-core plumbing', ['flush_workqueue', '__queue_work', 'del_timer_sync', 'kobject_put', 'device_del', 'dpm_sysfs_remove', 'unregister_netdevice_queue', 'usb_kill_anchored_urbs', 'iput']],
  ])('skips %s', (_what, functions) => {
    for (const f of functions) expect(isGenericFrame(f), f).toBe(true);
  });

  it('keeps the functions that use those helpers', () => {
    for (const f of ['ip6_fragment', 'xt_free_table_info', 'io_submit_sqes', 'tcp_fastopen_reset_cipher', 'ipcomp_init_state', 'netlink_recvmsg', 'sctp_wfree']) {
      expect(isGenericFrame(f), f).toBe(false);
    }
  });

  it('knows syscall and worker plumbing', () => {
    for (const f of ['system_call_fastpath', 'SyS_ioctl', 'do_vfs_ioctl', '__x64_sys_ioctl', 'do_syscall_64', 'entry_SYSCALL_64_after_hwframe', 'kthread', 'worker_thread']) expect(isEntryPlumbingFrame(f), f).toBe(true);
    expect(isEntryPlumbingFrame('dm_ctl_ioctl')).toBe(false);
  });
});
