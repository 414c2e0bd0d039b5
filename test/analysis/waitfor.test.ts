import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { divergence } from '../../src/analysis/waitfor.js';
import { WaitCollector } from '../../src/reports/wait-dumps.js';
import { hypervisorOf, isIdleFrame, isJournalWaitFrame, isLockWaitFrame, journalDevice } from '../../src/knowledge/waits.js';
import { diskOf } from '../../src/knowledge/storage.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { renderWaitGraph } from '../../src/render/html/waitgraph.js';
import { at, freezeLog, hung, MUTEX_WAIT } from '../helpers/wait-logs.js';

describe('wait-for graph', () => {
  it('follows a held-locks dump to the holder the NMI backtrace shows, and says so in the verdict', () => {
    const r = analyzeText(freezeLog(), 'syz.log');
    const g = r.waitGraph!;
    expect(g.edges.map((e) => `${e.from}>${e.to} ${e.resource} ${e.how}`)).toEqual([
      'task:7561>task:7559 &bdev->bd_fsfreeze_mutex held-locks',
      'task:7563>task:7559 &bdev->bd_fsfreeze_mutex held-locks',
      'task:7559>task:7547 &type->s_umount_key#39 held-locks-running',
    ]);
    expect(g.roots).toEqual(['task:7547']);
    expect(g.chains[0]).toMatchObject({ root: 'task:7547', waiters: ['task:7559', 'task:7561', 'task:7563'], within: 'udf_fill_super' });
    expect(g.nodes.find((n) => n.id === 'task:7547')).toMatchObject({ cpu: 0, comm: 'syz-executor013' });
    expect(r.summary.verdict).toBe('3 tasks wait for &type->s_umount_key#39 held by syz-executor013/7547, which runs udf_fill_super on CPU 0.');
    expect(r.incidents.filter((i) => i.kind === 'hung-task').map((i) => i.role)).toEqual(['victim', 'victim', 'victim']);
    // The NMI backtrace is the holder's sample, not an ignored register dump.
    expect(r.warnings.filter((w) => w.message.includes('register dump'))).toEqual([]);
    expect(g.nmiSamples).toBe(1);
    expect(renderMarkdown(r, 'en')).toContain('## Who waits for whom');
  });

  it('a blocked task that lists the lock but sleeps on a completion holds it: its co-listed waiters wait for it', () => {
    // The i2c bus lock (rt_mutex) shape: one task holds it while waiting for the controller, the others queue on it.
    const RT_WAIT = ['__schedule', 'schedule', '__rt_mutex_slowlock', 'rt_mutex_slowlock.constprop.14', 'i2c_smbus_xfer', 'i2cdev_ioctl_smbus', 'i2cdev_ioctl', 'do_vfs_ioctl', 'do_syscall_64'];
    const log = [
      ...hung(284.1, 'syz-executor.6', 3901, RT_WAIT),
      ...hung(284.2, 'syz-executor.4', 3875, ['__schedule', 'schedule', 'schedule_timeout', 'wait_for_completion_timeout', 'aspeed_i2c_master_xfer', '__i2c_transfer', 'i2c_smbus_xfer', 'i2cdev_ioctl', 'do_syscall_64']),
      ...hung(284.3, 'syz-executor.4', 3906, RT_WAIT),
      `${at(284.38)} Showing all locks held in the system:`,
      `${at(284.40)} 1 lock held by syz-executor.6/3901:`,
      `${at(284.40)}  #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_smbus_xfer+0x74/0x130`,
      `${at(284.40)} 1 lock held by syz-executor.4/3875:`,
      `${at(284.40)}  #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_smbus_xfer+0x74/0x130`,
      `${at(284.40)} 1 lock held by syz-executor.4/3906:`,
      `${at(284.40)}  #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_smbus_xfer+0x74/0x130`,
      `${at(284.41)} =============================================`,
      '',
    ].join('\n');
    const g = analyzeText(log, 'i2c.log').waitGraph!;
    expect(g.edges.map((e) => `${e.from}>${e.to} ${e.resource}`)).toEqual(['task:3901>task:3875 i2c_register_adapter', 'task:3906>task:3875 i2c_register_adapter']);
    expect(g.roots).toEqual(['task:3875']);
  });

  it('finds the holder in a syslog without caller tags, where the next NMI marker is held inside a register dump', () => {
    const syslog = freezeLog().replace(/^\[ *([\d.]+)\]\[ *[TC]\d+\] ?/gm, 'Nov 12 10:00:00 node-9 kernel: [$1] ');
    const r = analyzeText(syslog, 'messages');
    expect(r.summary.verdict).toBe('3 tasks wait for &type->s_umount_key#39 held by syz-executor013/7547, which runs udf_fill_super on CPU 0 on node-9.');
    expect(r.incidents.filter((i) => i.kind === 'hung-task').map((i) => i.role)).toEqual(['victim', 'victim', 'victim']);
  });

  it('reads past an NMI marker damaged after its CPU number inside a register dump (found by the fuzz test)', () => {
    const log = ['CPU: 275 PID: 40728 Comm: f2_./ Not tainted 5.4.0 #1', '[69386.613092][   C54] Sending NMI from CPU 3 to #.[P', ''].join('\n');
    const r = analyzeText(log, 'damaged.log');
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => /Cannot read/.test(w.message))).toEqual([]);
  });

  it('keeps a blocker line naming a PID that never appears, marked partial', () => {
    const log = [...hung(100, 'kworker/0:1', 12, MUTEX_WAIT), `${at(100.1)} INFO: task kworker/0:1:12 is blocked on a mutex likely owned by task modprobe:345.`, ''].join('\n');
    const g = analyzeText(log).waitGraph!;
    expect(g.edges).toMatchObject([{ from: 'task:12', to: 'task:345', kind: 'lock', how: 'blocker-line' }]);
    expect(g.nodes.find((n) => n.id === 'task:345')).toMatchObject({ partial: true, comm: 'modprobe' });
  });

  it('says the holder is not in the log, and what would show it, instead of blaming a waiter', () => {
    const r = analyzeText([...hung(100, 'cat', 50, MUTEX_WAIT), ''].join('\n'));
    expect(r.waitGraph!.edges).toMatchObject([{ from: 'task:50', to: null, kind: 'lock', how: 'stack' }]);
    const note = r.incidents[0]!.noteMessages.find((n) => n.code === 'note.wait.unseen')!;
    expect(note.params['hints']).toContain('CONFIG_DETECT_HUNG_TASK_BLOCKER');
    expect(r.incidents[0]!.role).not.toBe('culprit');
  });

  it('keeps a cut held-locks dump and a backtrace of a CPU no incident names', () => {
    const log = [
      `${at(1)} Showing all locks held in the system:`,
      `${at(1)}  #1: ffff888012345678 (&mm->mmap_lock){++++}-{3:3}, at: do_user_addr_fault+0x1/0x2`,
      `[    2.000000][    C3] NMI backtrace for cpu 3`,
      `[    2.000001][    C3] CPU: 3 PID: 77 Comm: spin Not tainted 6.1.0 #1`,
      `[    2.000002][    C3] RIP: 0010:spin_loop+0x1/0x2`,
      '',
    ].join('\n');
    const r = analyzeText(log);
    expect(r.waitGraph!.nodes).toMatchObject([{ id: 'cpu:3', comm: 'spin/77', running: 'spin_loop' }]);
    expect(r.warnings.filter((w) => w.message.includes('register dump'))).toEqual([]);
  });

  it('reads a CSD-lock wait as CPU 5 waiting for CPU 12', () => {
    const g = analyzeText(`${at(5)} smp: csd: Detected non-responsive CSD lock (#1) on CPU#5, waiting 5000000000 ns for CPU#12 flush_tlb_func+0x0/0x280(0xffffc90000c23d50).\n`).waitGraph!;
    expect(g.edges).toMatchObject([{ from: 'cpu:5', to: 'cpu:12', kind: 'ipi', resource: 'flush_tlb_func', how: 'csd-line' }]);
    expect(g.roots).toEqual(['cpu:12']);
  });

  it('reads the 6.x CSD report: continued waits, re-sent IPIs and a target the kernel did not know', () => {
    const log = [
      `${at(14.31)} smp: csd: Detected non-responsive CSD lock (#1) on CPU#4, waiting 5000000050 ns for CPU#03 do_nothing+0x0/0x8(0x0).`,
      `${at(14.31)} smp: \tcsd: CSD lock (#1) unresponsive.`,
      `${at(24.31)} smp: csd: Re-sending CSD lock (#1) IPI from CPU#04 to CPU#03`,
      `${at(34.31)} smp: csd: Continued non-responsive CSD lock (#1) on CPU#4, waiting 25000000095 ns for CPU#03 do_nothing+0x0/0x8(0x0).`,
      `${at(35.24)} smp: csd: Re-sending CSD lock (#2) IPI from CPU#01 to CPU#07`,
      `${at(36)} smp: csd: Detected non-responsive CSD lock (#3) on CPU#2, waiting 5.000 secs for CPU#-1 rcu_barrier_handler+0x0/0x8c(0x7), currently unresponsive.`,
      '',
    ].join('\n');
    const g = analyzeText(log).waitGraph!;
    expect(g.edges.map((e) => `${e.from}>${e.to} ${e.kind} ${e.resource} ${e.how} ${e.evidence.map((r) => r.line).join(',')}`)).toEqual([
      'cpu:4>cpu:3 ipi do_nothing csd-line 1,4,3',
      'cpu:2>null ipi rcu_barrier_handler csd-line 6',
      'cpu:1>cpu:7 ipi null csd-line 5',
    ]);
    expect(g.roots).toEqual(['cpu:3', 'cpu:7']);
  });

  it('says a lockup waiting in a cross-CPU call waits for a CPU the log does not name, and what would name it', () => {
    const log = [
      `${at(50)} watchdog: BUG: soft lockup - CPU#6 stuck for 22s! [kworker/6:1:311]`,
      `${at(50)} CPU: 6 PID: 311 Comm: kworker/6:1 Not tainted 5.14.0 #1`,
      `${at(50)} RIP: 0010:smp_call_function_many_cond+0x11e/0x4f0`,
      `${at(50)} Call Trace:`,
      `${at(50)}  on_each_cpu_cond_mask+0x1e/0x30`,
      `${at(50)}  flush_tlb_mm_range+0xb5/0x120`,
      `${at(50)}  change_protection+0x2fb/0x3a0`,
      '',
    ].join('\n');
    const r = analyzeText(log);
    expect(r.waitGraph!.edges).toMatchObject([{ from: 'cpu:6', to: null, kind: 'ipi', how: 'stack' }]);
    const lockup = r.incidents[0]!;
    expect(lockup.role).not.toBe('culprit');
    expect(lockup.noteMessages.find((n) => n.code === 'note.wait.unseen')!.params['hints']).toContain('csdlock_debug=1 (CONFIG_CSD_LOCK_WAIT_DEBUG)');
  });

  it('names a cycle of blocker lines a deadlock', () => {
    const log = [
      ...hung(10, 'a', 1, MUTEX_WAIT), `${at(10)} INFO: task a:1 is blocked on a mutex likely owned by task b:2.`,
      ...hung(11, 'b', 2, MUTEX_WAIT), `${at(11)} INFO: task b:2 is blocked on a mutex likely owned by task a:1.`, '',
    ].join('\n');
    const r = analyzeText(log);
    expect(r.waitGraph!.deadlocks).toEqual([['task:1', 'task:2']]);
    expect(r.summary.verdict).toBe('Deadlock: a/1 waits for b/2 waits for a/1.');
  });

  it('sends a task waiting for the journal to the jbd2 thread of its device', () => {
    const log = [
      ...hung(20, 'jbd2/sdb1-8', 300, ['__schedule', 'schedule', 'io_schedule', 'bit_wait_io', '__wait_on_bit', 'jbd2_journal_commit_transaction', 'kjournald2', 'kthread']),
      ...hung(21, 'rsync', 400, ['__schedule', 'schedule', 'wait_transaction_locked', 'add_transaction_credits', 'start_this_handle', 'jbd2__journal_start', 'ext4_dirty_inode']),
      '',
    ].join('\n');
    const r = analyzeText(log);
    const g = r.waitGraph!;
    expect(g.edges.map((e) => `${e.from}>${e.to} ${e.kind} ${e.resource}`)).toEqual(['task:300>null io sdb1', 'task:400>task:300 journal sdb1']);
    // The jbd2 thread, waiting for I/O on its device, is what the others wait on: the root, its device named.
    expect(g.roots).toEqual(['task:300']);
    expect(r.incidents.map((i) => [i.comm, i.role, i.causedBy])).toEqual([['jbd2/sdb1-8', 'culprit', null], ['rsync', 'victim', 'I1']]);
    expect(r.incidents[0]!.noteMessages).toContainEqual({ code: 'note.wait.device', params: { resource: 'sdb1' } });
    expect(renderText(r, { lang: 'en', color: false })).toContain('jbd2/sdb1-8/300 (jbd2_journal_commit_transaction, I1) waits for the device sdb1: I/O on sdb1');
    expect(renderWaitGraph(r, 'en')!.value).toContain('the device sdb1');
  });

  it('lines the journal and I/O waits up with the storage errors of their device, in text, Markdown and HTML, en and zh', () => {
    const log = [
      `${at(10)} sd 2:0:0:1: [sdb] tag#7 timing out command, waited 180s`,
      `${at(12)} blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0`,
      `${at(14.5)} blk_update_request: I/O error, dev sdb, sector 4096 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0`,
      `${at(15)} blk_update_request: I/O error, dev sdc, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0`,
      ...hung(20, 'jbd2/sdb1-8', 300, ['__schedule', 'schedule', 'io_schedule', 'bit_wait_io', '__wait_on_bit', 'jbd2_journal_commit_transaction', 'kjournald2', 'kthread']),
      ...hung(21, 'rsync', 400, ['__schedule', 'schedule', 'wait_transaction_locked', 'add_transaction_credits', 'start_this_handle', 'jbd2__journal_start', 'ext4_dirty_inode']),
      '',
    ].join('\n');
    const r = analyzeText(log);
    const edges = r.waitGraph!.edges;
    expect(edges.map((e) => `${e.from}>${e.to} ${e.kind} ${e.resource}`)).toEqual(['task:300>null io sdb1', 'task:400>task:300 journal sdb1']);
    for (const e of edges) expect(e.storage).toEqual({ device: 'sdb', lines: 3, kinds: ['timeout', 'io-error'], firstSeen: null, firstUptime: 10, lastSeen: null, lastUptime: 14.5, basis: 'device' });
    const said = 'sdb: 3 storage error lines (timeout, io-error) [10.00]-[14.50]';
    expect(renderText(r, { lang: 'en', color: false })).toContain(`rsync/400 (wait_transaction_locked, I2) waits for jbd2/sdb1-8/300 (jbd2_journal_commit_transaction, I1): journal commit of sdb1 [per its stack <text>:18]; ${said}`);
    // Chinese says what is waited on and how it was known in Chinese, with full-width punctuation.
    expect(renderText(r, { lang: 'zh', color: false })).toContain('rsync/400（wait_transaction_locked，I2）等待 jbd2/sdb1-8/300（jbd2_journal_commit_transaction，I1）：sdb1 的日志提交（据其调用栈，<text>:18）；sdb：3 行存储错误（超时、I/O 错误）[10.00]-[14.50]');
    expect(renderMarkdown(r, 'en')).toContain('sdb: 3 storage error lines (timeout, io-error) \\[10.00\\]-\\[14.50\\]');
    expect(renderMarkdown(r, 'zh')).toContain('sdb：3 行存储错误（超时、I/O 错误）\\[10.00\\]-\\[14.50\\]');
    // In the drawing the storage errors take the place of how the wait was known (that is in the tip).
    expect(renderWaitGraph(r, 'en')!.value).toContain('<g class="wg-edge wg-journal wg-storage" data-edge="task:400>task:300"');
    expect(renderWaitGraph(r, 'en')!.value).toContain('class="wg-how">sdb: 3 errors [10.00]-[14.50]</text>');
  });

  it('gives a wait that names no device the errors of its host only when one device has errors', () => {
    const io = (comm: string, pid: number) => hung(20, comm, pid, ['__schedule', 'schedule', 'io_schedule', 'wait_on_page_bit_common', 'filemap_fdatawait_range', 'do_fsync']);
    const one = analyzeText([`${at(12)} blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0`, ...io('postgres', 77), ''].join('\n'));
    expect(one.waitGraph!.edges[0]!.storage).toMatchObject({ device: 'sdb', lines: 1, basis: 'host' });
    const two = analyzeText([`${at(12)} blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0`, `${at(13)} blk_update_request: I/O error, dev sdc, sector 8 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0`, ...io('postgres', 77), ''].join('\n'));
    expect(two.waitGraph!.edges[0]!.storage).toBeUndefined();
  });

  it('a soft lockup idling on a guest is steal time, not the culprit', () => {
    const log = [
      `${at(0)} Hypervisor detected: KVM`,
      `${at(50)} watchdog: BUG: soft lockup - CPU#2 stuck for 23s! [swapper/2:0]`,
      `${at(50)} CPU: 2 PID: 0 Comm: swapper/2 Not tainted 5.15.0 #1`,
      `${at(50)} Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.13.0 04/01/2014`,
      `${at(50)} RIP: 0010:native_safe_halt+0xb/0x10`,
      `${at(50)} Call Trace:`,
      `${at(50)}  default_idle+0xe/0x20`,
      `${at(50)}  default_idle_call+0x30/0xf0`,
      `${at(50)}  do_idle+0x1e8/0x260`,
      '',
    ].join('\n');
    const r = analyzeText(log);
    const lockup = r.incidents.find((i) => i.kind === 'soft-lockup')!;
    expect(lockup.noteMessages.map((n) => n.code)).toContain('note.wait.steal');
    expect(lockup.role).toBe('victim');
  });

  it('reads a show_state dump in work linear in its tasks', () => {
    const steps = (n: number) => {
      const c = new WaitCollector();
      const line = (lineNo: number, text: string) => c.line({ path: 'x', lineNo, text, host: null, time: null, epochMs: null, uptime: null, kernel: true, tag: null, caller: null }, null);
      let k = 0;
      for (let i = 0; i < n; i++) {
        line(++k, `task:worker${i} state:D stack:0 pid:${i + 10} ppid:2 flags:0x00004000`);
        line(++k, 'Call Trace:');
        for (const f of MUTEX_WAIT) line(++k, ` ${f}+0x1/0x2`);
        line(++k, `1 lock held by worker${i}/${i + 10}:`);
        line(++k, ` #0: ffff888012345678 (&big_mutex){+.+.}-{3:3}, at: mount_bdev+0x1/0x2`);
      }
      return { steps: c.steps, tasks: c.result().tasks.length };
    };
    const small = steps(2500);
    const large = steps(10_000);
    expect(large.tasks).toBe(10_000);
    expect(large.steps / small.steps).toBeCloseTo(4, 1);
  });
});

describe('wait knowledge tables', () => {
  it.each([
    ['__mutex_lock', isLockWaitFrame, true], ['rwsem_down_write_slowpath', isLockWaitFrame, true], ['__rt_mutex_slowlock', isLockWaitFrame, true], ['udf_fill_super', isLockWaitFrame, false],
    ['wait_transaction_locked', isJournalWaitFrame, true], ['jbd2_log_wait_commit', isJournalWaitFrame, true],
    ['native_safe_halt', isIdleFrame, true], ['cpuidle_enter_state', isIdleFrame, true], ['arch_cpu_idle', isIdleFrame, true], ['default_idle.isra.0', isIdleFrame, true],
  ] as const)('%s', (fn, test, expected) => expect(test(fn)).toBe(expected));
  it('reads devices and hypervisors', () => {
    expect(journalDevice('jbd2/sda1-8')).toBe('sda1');
    expect(journalDevice('jbd2/dm-0-8')).toBe('dm-0');
    expect(journalDevice('kworker/0:1')).toBeNull();
    expect(diskOf('nvme0n1p2')).toBe('nvme0n1');
    expect(diskOf('sdb1')).toBe('sdb');
    expect(hypervisorOf('Hypervisor detected: KVM')).toBe('KVM');
    expect(hypervisorOf('Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform')).toBe('VMware');
    expect(hypervisorOf('Hardware name: Dell Inc. PowerEdge R640/0W23H8, BIOS 2.10.2')).toBeNull();
  });
  it('finds where a holder left its waiters\' path', () => {
    expect(divergence(['xas_load', 'udf_fill_super', 'mount_bdev', 'do_mount'], [['mutex_lock', 'mount_bdev', 'do_mount']])).toBe('udf_fill_super');
    expect(divergence(['a', 'b'], [['c']])).toBeNull();
  });
});
