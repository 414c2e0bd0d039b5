// Kernel report and noise templates for the benchmark generator. Report texts follow the printk formats
// of docs/kernel-facts.md (3.10/RHEL 7 and modern); `{cpu}`, `{pid}`, `{comm}`, `{n}` are filled in per incident.
import type { IncidentKind } from '../src/result/kinds.js';

export interface ReportTemplate {
  readonly kind: IncidentKind;
  /** Kernel messages of one report, in order. */
  readonly lines: readonly string[];
  /** Reports in one episode (watchdogs re-report a stuck CPU or task every 20-120 s). */
  readonly repeats: number;
  /** Seconds between the repeated reports. */
  readonly every: number;
}

const CPU_LINE = 'CPU: {cpu} PID: {pid} Comm: {comm} Tainted: G        W  OE  ------------   3.10.0-693.11.1.el7.x86_64 #1';
const HARDWARE = 'Hardware name: Dell Inc. PowerEdge R740/01YM03, BIOS 2.2.11 06/13/2019';
const MODULES = 'Modules linked in: rbd libceph dns_resolver veth xt_nat overlay ip_vs nf_conntrack xfs sd_mod ahci libahci libata i40e(OE) megaraid_sas(OE) dm_mirror dm_region_hash dm_log dm_mod';
const REGISTERS = [
  'RSP: 0018:ffff881f5b317c28  EFLAGS: 00010246',
  'RAX: 0000000000000000 RBX: ffff88103cd99cc0 RCX: ffff880f2d793ce8',
  'RDX: ffff880f2d793ce8 RSI: 0000000000000246 RDI: 0000000000000000',
  'RBP: ffff881f5b317c28 R08: 0000000000000000 R09: ffffffff8132618b',
  'R10: ffff88103cd99cc0 R11: 0000000000000000 R12: ffff881f5b317bf0',
  'R13: ffff881f5b317c28 R14: ffff881f5b317bf0 R15: 0000000000000000',
  'FS:  00007f7c38f61700(0000) GS:ffff88103cd80000(0000) knlGS:0000000000000000',
  'CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  'CR2: 0000000000000008 CR3: 0000001017b58000 CR4: 00000000003407e0',
];

/** Reports of kinds other than the soft lockup (whose shape is taken from the node-2 example). */
export const OTHER_REPORTS: readonly ReportTemplate[] = [
  {
    kind: 'hung-task',
    repeats: 2,
    every: 120,
    lines: [
      'INFO: task {comm}:{pid} blocked for more than 120 seconds.',
      '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
      '{comm}          D ffff881fbf2d6e80     0 {pid}      2 0x00000000',
      'Call Trace:',
      '[<ffffffff816a94c9>] schedule+0x29/0x70',
      '[<ffffffff816a6fd9>] schedule_timeout+0x239/0x2c0',
      '[<ffffffff816a987d>] wait_for_completion+0xfd/0x140',
      '[<ffffffffc03a1b2e>] xfs_buf_iowait+0x2e/0xd0 [xfs]',
      '[<ffffffffc03a3c10>] xfs_buf_submit_wait+0x80/0x1e0 [xfs]',
      '[<ffffffffc03cf1c1>] xfs_log_force_lsn+0x1b1/0x340 [xfs]',
      '[<ffffffffc03bbf2a>] xfs_file_fsync+0xfa/0x1e0 [xfs]',
      '[<ffffffff8123ad27>] do_fsync+0x67/0xb0',
      '[<ffffffff8123b030>] SyS_fsync+0x10/0x20',
      '[<ffffffff816b50c9>] system_call_fastpath+0x16/0x1b',
    ],
  },
  {
    kind: 'bad-access',
    repeats: 1,
    every: 0,
    lines: [
      'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
      'IP: [<ffffffffc05e21a4>] rbd_img_request_fill+0x54/0x7a0 [rbd]',
      'PGD 0',
      'Oops: 0000 [#1] SMP',
      MODULES,
      CPU_LINE,
      HARDWARE,
      'task: ffff881fd1603f80 ti: ffff881f5b314000 task.ti: ffff881f5b314000',
      'RIP: 0010:[<ffffffffc05e21a4>]  [<ffffffffc05e21a4>] rbd_img_request_fill+0x54/0x7a0 [rbd]',
      ...REGISTERS,
      'Call Trace:',
      '[<ffffffffc05e3a11>] rbd_queue_workfn+0x2a1/0x400 [rbd]',
      '[<ffffffff810a882a>] process_one_work+0x17a/0x440',
      '[<ffffffff810a94f6>] worker_thread+0x126/0x3c0',
      '[<ffffffff810b098f>] kthread+0xcf/0xe0',
      '[<ffffffff816b4f18>] ret_from_fork+0x58/0x90',
      'Code: 48 89 e5 41 57 41 56 41 55 41 54 53 48 83 ec 48 48 8b 47 08 <48> 8b 40 08 48 89 45 c8 8b 47 24 89 45 c4 48 8b 47 18 48 85 c0',
      'RIP  [<ffffffffc05e21a4>] rbd_img_request_fill+0x54/0x7a0 [rbd]',
      ' RSP <ffff881f5b317c28>',
      'CR2: 0000000000000008',
      '---[ end trace 4b5a4c2c1fa8d3e2 ]---',
    ],
  },
  {
    kind: 'warning',
    repeats: 1,
    every: 0,
    lines: [
      '------------[ cut here ]------------',
      'WARNING: CPU: {cpu} PID: {pid} at net/core/dev.c:2343 skb_warn_bad_offload+0xcd/0xda()',
      MODULES,
      CPU_LINE,
      HARDWARE,
      'Call Trace:',
      '[<ffffffff816a3db1>] dump_stack+0x19/0x1b',
      '[<ffffffff810879b8>] warn_slowpath_common+0x68/0x80',
      '[<ffffffff81087a1c>] warn_slowpath_fmt+0x5c/0x80',
      '[<ffffffff816a2b5c>] skb_warn_bad_offload+0xcd/0xda',
      '[<ffffffff815881a4>] __skb_gso_segment+0x84/0xc0',
      '[<ffffffff81588541>] validate_xmit_skb+0x161/0x2d0',
      '[<ffffffff815ac2c8>] sch_direct_xmit+0x108/0x1c0',
      '[<ffffffff81588b26>] __dev_queue_xmit+0x306/0x5a0',
      '---[ end trace 4b5a4c2c1fa8d3e3 ]---',
    ],
  },
  {
    kind: 'oom',
    repeats: 1,
    every: 0,
    lines: [
      '{comm} invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0',
      '{comm} cpuset=/ mems_allowed=0-1',
      CPU_LINE,
      HARDWARE,
      'Call Trace:',
      '[<ffffffff816a3db1>] dump_stack+0x19/0x1b',
      '[<ffffffff8169f1a6>] dump_header+0x90/0x229',
      '[<ffffffff81186394>] oom_kill_process+0x254/0x3d0',
      '[<ffffffff81186bd6>] out_of_memory+0x4b6/0x4f0',
      '[<ffffffff8118d997>] __alloc_pages_nodemask+0xaa7/0xba0',
      '[<ffffffff816b00d1>] __do_page_fault+0x171/0x450',
      '[<ffffffff816ac2a8>] page_fault+0x28/0x30',
      'Mem-Info:',
      'active_anon:61034612 inactive_anon:12345 isolated_anon:0',
      '[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name',
      '[{pid}]     0 {pid}  41945921 30881734   60581        0             0 {comm}',
      'Out of memory: Kill process {pid} ({comm}) score 912 or sacrifice child',
      'Killed process {pid} ({comm}) total-vm:167783684kB, anon-rss:123526936kB, file-rss:0kB, shmem-rss:0kB',
    ],
  },
  {
    kind: 'rcu-stall',
    repeats: 1,
    every: 0,
    lines: [
      'INFO: rcu_sched self-detected stall on CPU { {cpu}}  (t=60000 jiffies g=1298 c=1297 q=0)',
      'Task dump for CPU {cpu}:',
      '{comm}          R  running task        0 {pid}      2 0x00000008',
      'Call Trace:',
      ' <IRQ>  [<ffffffff810c7b18>] sched_show_task+0xa8/0x110',
      ' [<ffffffff810cb3e9>] dump_cpu_task+0x39/0x70',
      ' [<ffffffff811362a0>] rcu_dump_cpu_stacks+0x90/0xd0',
      ' [<ffffffff81139e22>] rcu_check_callbacks+0x442/0x730',
      ' [<ffffffff8109a7d6>] update_process_times+0x46/0x80',
      ' <EOI>  [<ffffffff816ab935>] ? _raw_spin_unlock_irqrestore+0x15/0x20',
      ' [<ffffffff812f7951>] blk_set_queue_dying+0xa1/0xc0',
    ],
  },
];

/** Ordinary daemon lines: `tag` and message; `{n}` becomes a number, `{h}` a hex id. */
export const DAEMON_NOISE: readonly (readonly [string, string])[] = [
  ['systemd[1]', 'Started Session {n} of user root.'],
  ['systemd[1]', 'Starting Session {n} of user root.'],
  ['systemd-logind[1123]', 'New session {n} of user root.'],
  ['systemd-logind[1123]', 'Removed session {n}.'],
  ['CROND[{n}]', '(root) CMD (/usr/lib64/sa/sa1 1 1)'],
  ['sshd[{n}]', 'Accepted publickey for root from 10.10.3.21 port {n} ssh2'],
  ['sshd[{n}]', 'pam_unix(sshd:session): session opened for user root by (uid=0)'],
  ['dockerd-current[2210]', 'time="2022-11-12T10:10:31.112803114+08:00" level=info msg="Container {h} exited"'],
  ['kubelet[3301]', 'I1112 10:10:31.112803    3301 kubelet_getters.go:172] "Pod status updated" pod="default/web-{h}" status=Running'],
  ['kubelet[3301]', 'I1112 10:10:31.203311    3301 reconciler.go:224] operationExecutor.VerifyControllerAttachedVolume started for volume "default-token-{h}"'],
  ['chronyd[987]', 'Selected source 10.10.0.{n}'],
  ['NetworkManager[1001]', '<info>  [1668219031.{n}] device (veth{h}): carrier: link connected'],
  ['containerd[2001]', 'time="2022-11-12T10:10:31+08:00" level=info msg="shim disconnected" id={h}'],
  ['rsyslogd[1010]', 'imjournal: {n} messages lost due to rate-limiting'],
];

/** Ordinary kernel lines. */
export const KERNEL_NOISE: readonly string[] = [
  'docker0: port {n}(veth{h}) entered blocking state',
  'docker0: port {n}(veth{h}) entered disabled state',
  'device veth{h} entered promiscuous mode',
  'device veth{h} left promiscuous mode',
  'IPv6: ADDRCONF(NETDEV_UP): veth{h}: link is not ready',
  'XFS (dm-{n}): Mounting V5 Filesystem',
  'XFS (dm-{n}): Ending clean mount',
  'XFS (dm-{n}): Unmounting Filesystem',
  'SELinux: mount invalid.  Same superblock, different security settings for (dev mqueue, type mqueue)',
  'i40e 0000:3b:00.0 eth0: NIC Link is Up, 25 Gbps Full Duplex, Flow Control: None',
  'nf_conntrack: table full, dropping packet',
  'TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters.',
  'rbd: rbd{n}: encountered watch error: -107',
  'libceph: osd{n} 10.10.4.{n}:6800 socket closed (con state OPEN)',
  'perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79000',
];

/**
 * A busy container node: a full conntrack table, SELinux denials with their own serials and inodes, veth and session
 * churn, kubelet and containerd errors naming pods and ids. `{N}` becomes a large number, `{ms}` three digits, `{x}` eight hex
 * digits (ids): most of these lines are distinct texts. Tags are syslog program tags (`kernel` for kernel lines).
 */
export const NOISY_NOISE: readonly (readonly [string, string])[] = [
  ['kernel', 'nf_conntrack: table full, dropping packet'],
  ['kernel', 'nf_conntrack: nf_conntrack: table full, dropping packet'],
  ['kernel', 'audit: type=1400 audit(1668219031.{ms}:{N}): avc:  denied  { write } for  pid={N} comm="runc" name="{x}" dev="overlay" ino={N} scontext=system_u:system_r:container_runtime_t:s0 tcontext=system_u:object_r:container_file_t:s0:c{n},c{n} tclass=file permissive=0'],
  ['kernel', 'audit: type=1400 audit(1668219031.{ms}:{N}): avc:  denied  { connectto } for  pid={N} comm="nginx" path="/run/containerd/s/{x}{x}" scontext=system_u:system_r:container_t:s0:c{n},c{n} tcontext=system_u:system_r:container_runtime_t:s0 tclass=unix_stream_socket permissive=0'],
  ['kernel', 'device veth{h} entered promiscuous mode'],
  ['kernel', 'cni0: port {n}(veth{h}) entered disabled state'],
  ['kernel', 'cni0: port {n}(veth{h}) entered blocking state'],
  ['systemd-logind[1123]', 'New session {N} of user core.'],
  ['systemd-logind[1123]', 'Removed session {N}.'],
  ['systemd[1]', 'Started Session {N} of user core.'],
  ['kubelet[3301]', 'E1112 10:10:31.{N}    3301 pod_workers.go:951] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"web\\" with CrashLoopBackOff" pod="default/web-{x}" podUID={x}{x}{x}{x}'],
  ['containerd[2001]', 'time="2022-11-12T10:10:31.{N}+08:00" level=error msg="failed to delete task" error="context deadline exceeded" id={x}{x}'],
  // (a node mounts from a few NFS servers: each is an event group of its own)
  ['kernel', 'nfs: server 10.10.0.12 not responding, still trying'],
  ['kernel', 'nfs: server 10.10.0.13 not responding, still trying'],
];

/** One device failing: its I/O errors every few milliseconds, with sector numbers and tags that differ line to line. */
export const STORAGE_NOISE: readonly (readonly [string, string])[] = [
  ['kernel', 'blk_update_request: I/O error, dev sdc, sector {N}'],
  ['kernel', 'Buffer I/O error on dev sdc1, logical block {N}, lost async page write'],
  ['kernel', 'sd 2:0:0:0: [sdc] tag#{n} FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE'],
  ['kernel', 'sd 2:0:0:0: [sdc] tag#{n} Sense Key : Medium Error [current]'],
  ['kernel', 'sd 2:0:0:0: [sdc] tag#{n} Add. Sense: Unrecovered read error'],
  ['kernel', 'sd 2:0:0:0: [sdc] tag#{n} CDB: Read(10) 28 00 {x} 00 00 08 00'],
  ['kernel', 'XFS (sdc1): metadata I/O error: block 0x{x} ("xfs_trans_read_buf_map") error 5 numblks 8'],
];
