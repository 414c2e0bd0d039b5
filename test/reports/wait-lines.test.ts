import { describe, expect, it } from 'vitest';
import { cpuList, readWaitLine } from '../../src/reports/wait-lines.js';

// Real-shaped lines from kernels of several eras (messages after the dmesg/syslog prefix, trimmed).
const CASES: [string, string, ReturnType<typeof readWaitLine>][] = [
  ['lockdep dump header', 'Showing all locks held in the system:', { kind: 'locks-dump' }],
  ['held-by, several', '2 locks held by syz-executor013/7547:', { kind: 'held-by', count: 2, comm: 'syz-executor013', pid: 7547 }],
  ['held-by, one, comm with slash', '1 lock held by kworker/u4:2/51:', { kind: 'held-by', count: 1, comm: 'kworker/u4:2', pid: 51 }],
  ['no locks', 'no locks held by systemd/1.', { kind: 'held-by', count: 0, comm: 'systemd', pid: 1 }],
  ['lock 5.8+ with wait-type', '#0: ffff88801a2b3c48 (&sb->s_type->i_mutex_key#9){+.+.}-{3:3}, at: inode_lock include/linux/fs.h:774 [inline]',
    { kind: 'lock', index: 0, address: 'ffff88801a2b3c48', name: '&sb->s_type->i_mutex_key#9', at: 'inode_lock' }],
  ['lock 5.x hashed address', '#0: 00000000d97cb347 (&bdev->bd_fsfreeze_mutex){+.+.}, at: mount_bdev+0x93/0x3c0',
    { kind: 'lock', index: 0, address: '00000000d97cb347', name: '&bdev->bd_fsfreeze_mutex', at: 'mount_bdev' }],
  ['lock 4.x with [<addr>]', '#1:  (&type->s_umount_key#25){++++..}, at: [<ffffffff811b1a5f>] iterate_supers+0x7f/0x100',
    { kind: 'lock', index: 1, address: null, name: '&type->s_umount_key#25', at: 'iterate_supers' }],
  ['lock class with parentheses', '#2: ffffc90000e7fd80 ((work_completion)(&(&wb->dwork)->work)){+.+.}-{0:0}, at: process_one_work+0x8b0/0x1690',
    { kind: 'lock', index: 2, address: 'ffffc90000e7fd80', name: '(work_completion)(&(&wb->dwork)->work)', at: 'process_one_work' }],
  ['blocker mutex (6.16+)', 'INFO: task kworker/0:1:12 is blocked on a mutex likely owned by task modprobe:345.',
    { kind: 'blocker', comm: 'kworker/0:1', pid: 12, lock: 'mutex', ownerComm: 'modprobe', ownerPid: 345 }],
  ['blocker semaphore', 'INFO: task cat:99 blocked on a semaphore likely last held by task sleeper:77',
    { kind: 'blocker', comm: 'cat', pid: 99, lock: 'semaphore', ownerComm: 'sleeper', ownerPid: 77 }],
  ['blocker rw-semaphore writer', 'INFO: task mount:120 <writer> blocked on an rw-semaphore likely owned by task umount:121',
    { kind: 'blocker', comm: 'mount', pid: 120, lock: 'rw-semaphore', ownerComm: 'umount', ownerPid: 121 }],
  ['blocker rw-semaphore reader', 'INFO: task ls:5 is blocked on an rw-semaphore likely owned by task mmap:6',
    { kind: 'blocker', comm: 'ls', pid: 5, lock: 'rw-semaphore', ownerComm: 'mmap', ownerPid: 6 }],
  ['task line 5.9+', 'task:syz-fuzzer      state:D stack:    0 pid: 4433 ppid:  4402 flags:0x00000001',
    { kind: 'task', comm: 'syz-fuzzer', state: 'D', pid: 4433, ppid: 4402 }],
  ['task line 6.x with tgid', 'task:jbd2/sda1-8 state:D stack:0 pid:312 tgid:312 ppid:2 flags:0x00004000',
    { kind: 'task', comm: 'jbd2/sda1-8', state: 'D', pid: 312, ppid: 2 }],
  ['3.x running task (64-bit: `running task` where a sleeping one has its PC)', 'java            R  running task        0   456      1 0x00000088',
    { kind: 'task', comm: 'java', state: 'R', pid: 456, ppid: 1 }],
  ['3.x running task (32-bit: `running`)', 'kworker/0:1     R running      0    45      2 0x00000000',
    { kind: 'task', comm: 'kworker/0:1', state: 'R', pid: 45, ppid: 2 }],
  ['task line 4.x-5.x', 'syz-executor013 D29336  7561   7543 0x00000004', { kind: 'task', comm: 'syz-executor013', state: 'D', pid: 7561, ppid: 7543 }],
  ['task line 2.6/3.x with address', 'flush-8:0       D ffff88003fc13780     0   312      2 0x00000000', { kind: 'task', comm: 'flush-8:0', state: 'D', pid: 312, ppid: 2 }],
  ['rcu stalled cpu 5.x', 'rcu: \t3-...!: (1 GPs behind) idle=8a2/1/0x4000000000000000 softirq=123/124 fqs=0', { kind: 'rcu-cpu', cpu: 3 }],
  ['rcu stalled cpu 4.x', '1-...: (0 ticks this GP) idle=abc/140000000000000/0 softirq=0/0 fqs=2624', { kind: 'rcu-cpu', cpu: 1 }],
  ['rcu tasks', 'Tasks blocked on level-0 rcu_node (CPUs 0-7): P1234 P5678', { kind: 'rcu-tasks', pids: [1234, 5678] }],
  ['rcu kthread starved', 'rcu: rcu_preempt kthread starved for 10502 jiffies! g8629 f0x0 RCU_GP_WAIT_FQS(5) ->state=0x0 ->cpu=1', { kind: 'rcu-starved', thread: 'rcu_preempt', jiffies: 10502 }],
  ['csd 5.x', 'smp: csd: Detected non-responsive CSD lock (#1) on CPU#5, waiting 5000000000 ns for CPU#12 flush_tlb_func+0x0/0x280(0xffffc90000c23d50).',
    { kind: 'csd', cpu: 5, ns: 5000000000, target: 12, func: 'flush_tlb_func' }],
  ['csd 6.x, secs', 'smp: csd: Detected non-responsive CSD lock (#1) on CPU#4, waiting 5.000 secs for CPU#03 do_nothing+0x0/0x8(0x0), currently unresponsive.',
    { kind: 'csd', cpu: 4, ns: 5000000000, target: 3, func: 'do_nothing' }],
  ['csd continued', 'smp: csd: Continued non-responsive CSD lock (#1) on CPU#4, waiting 25000000095 ns for CPU#03 do_nothing+0x0/0x8(0x0).',
    { kind: 'csd', cpu: 4, ns: 25000000095, target: 3, func: 'do_nothing' }],
  ['csd target unknown', 'smp: csd: Detected non-responsive CSD lock (#2) on CPU#1, waiting 5000000102 ns for CPU#-1 rcu_barrier_handler+0x0/0x8c(0x7).',
    { kind: 'csd', cpu: 1, ns: 5000000102, target: null, func: 'rcu_barrier_handler' }],
  ['csd re-sent IPI', 'smp: csd: Re-sending CSD lock (#2) IPI from CPU#01 to CPU#07', { kind: 'csd', cpu: 1, ns: null, target: 7, func: null }],
  ['nmi backtrace', 'NMI backtrace for cpu 3', { kind: 'nmi', cpu: 3, idleAt: null }],
  ['nmi skipped idle', 'NMI backtrace for cpu 2 skipped: idling at native_safe_halt+0xe/0x10', { kind: 'nmi', cpu: 2, idleAt: 'native_safe_halt' }],
  ['nmi send', 'Sending NMI from CPU 1 to CPUs 0,2-3:', { kind: 'nmi-send', from: 1, to: [0, 2, 3] }],
  ['hung task header is not a blocker', 'INFO: task syz-executor013:7561 blocked for more than 143 seconds.', null],
  ['plain line', 'EXT4-fs (sda1): mounted filesystem with ordered data mode', null],
];

describe('readWaitLine', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    expect(readWaitLine(text)).toEqual(expected);
  });
  it('reads a damaged lock line (no usage braces) as nothing rather than guessing', () => {
    expect(readWaitLine('#0: ffff8880 (&bdev->bd_fsfre')).toBeNull();
  });
  it('bounds a CPU range', () => {
    expect(cpuList('0-999999').length).toBe(4097);
  });
});
