import { oom } from '../../src/reports/detectors/oom.js';
import { log, testDetector } from './tester.js';
import { variantLog } from '../matrix/variants.js';

testDetector(oom, {
  valid: [
    {
      name: '5.x global OOM: invoker, constraint and the victim with its memory figures in one incident',
      log: log(`
        [ 5123.000001] stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
        [ 5123.000002] CPU: 3 PID: 22345 Comm: stress Not tainted 5.15.0-91-generic #101-Ubuntu
        [ 5123.000003] Call Trace:
        [ 5123.000004]  <TASK>
        [ 5123.000005]  dump_stack_lvl+0x4a/0x63
        [ 5123.000006]  dump_header+0x4a/0x1f4
        [ 5123.000007]  oom_kill_process.cold+0xb/0x10
        [ 5123.000008]  out_of_memory+0x106/0x2e0
        [ 5123.000009]  __alloc_pages_slowpath.constprop.0+0x97a/0xa40
        [ 5123.000010]  </TASK>
        [ 5123.000011] Mem-Info:
        [ 5123.000012] active_anon:1021 inactive_anon:3963201 isolated_anon:0
        [ 5123.000013] Tasks state (memory values in pages):
        [ 5123.000014] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
        [ 5123.000015] [  22345]     0 22345  4196362  4194306 33595392        0             0 stress
        [ 5123.000016] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice/user-0.slice/session-1.scope,task=stress,pid=22345,uid=0
        [ 5123.000017] Out of memory: Killed process 22345 (stress) total-vm:16785448kB, anon-rss:16777224kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:32808kB oom_score_adj:0
        [ 5123.000018] oom_reaper: reaped process 22345 (stress), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB
      `),
      expected: {
        title: 'OOM kill',
        cpu: 3,
        pid: 22345,
        comm: 'stress',
        culprit: null,
        corrupted: false,
        details: {
          invoker: 'stress',
          gfpMask: '0x100cca(GFP_HIGHUSER_MOVABLE)',
          order: 0,
          constraint: 'CONSTRAINT_NONE',
          memcgOom: false,
          victimPid: 22345,
          victimComm: 'stress',
          totalVmKb: 16785448,
          anonRssKb: 16777224,
          fileRssKb: 4,
          shmemRssKb: 0,
        },
      },
    },
    {
      name: '4.x memory cgroup OOM: `Kill process ... or sacrifice child` then `Killed process`, memcg usage and limit',
      log: log(`
        [  812.000001] java invoked oom-killer: gfp_mask=0x24000c0, order=0, oom_score_adj=0
        [  812.000002] CPU: 1 PID: 4321 Comm: java Not tainted 4.14.0 #1
        [  812.000003] Call Trace:
        [  812.000004]  dump_stack+0x5c/0x7c
        [  812.000005]  dump_header+0x94/0x229
        [  812.000006] Task in /docker/abc killed as a result of limit of /docker/abc
        [  812.000007] memory: usage 1048576kB, limit 1048576kB, failcnt 123
        [  812.000008] Memory cgroup out of memory: Kill process 4321 (java) score 1000 or sacrifice child
        [  812.000009] Killed process 4321 (java) total-vm:4194304kB, anon-rss:1040000kB, file-rss:8000kB, shmem-rss:0kB
      `),
      expected: {
        title: 'OOM kill',
        details: { invoker: 'java', gfpMask: '0x24000c0', memcgOom: true, memcg: '/docker/abc', memcgUsageKb: 1048576, memcgLimitKb: 1048576, victimPid: 4321, victimComm: 'java', anonRssKb: 1040000 },
      },
    },
    {
      name: '2.6.18 (RHEL 5): `oomkilladj=` on the invoker line, `Out of memory: Killed process N (comm).` names the victim',
      log: log(`
        Jun 10 12:00:01 host kernel: java invoked oom-killer: gfp_mask=0x201d2, order=0, oomkilladj=0
        Jun 10 12:00:01 host kernel: Call Trace:
        Jun 10 12:00:01 host kernel:  [<ffffffff800c6fdb>] out_of_memory+0x8e/0x2f3
        Jun 10 12:00:01 host kernel:  [<ffffffff8000f487>] __alloc_pages+0x245/0x2ce
        Jun 10 12:00:01 host kernel: Mem-info:
        Jun 10 12:00:01 host kernel: Out of memory: Killed process 4321 (java).
      `),
      expected: { title: 'OOM kill', culprit: null, details: { invoker: 'java', order: 0, victimPid: 4321, victimComm: 'java' } },
    },
    {
      name: '2.6.25-2.6.35: `kill process N (comm) score S or a child` (lower case), then `Killed process` with `vsz:`',
      log: log(`
        Jun 10 12:00:01 host kernel: Out of memory: kill process 4321 (java) score 912 or a child
        Jun 10 12:00:01 host kernel: Killed process 4321 (java) vsz:8000000kB, anon-rss:4000000kB, file-rss:0kB
      `),
      expected: { title: 'OOM kill', culprit: null, details: { victimPid: 4321, victimComm: 'java', totalVmKb: 8000000, anonRssKb: 4000000, fileRssKb: 0 } },
    },
    {
      name: 'RHEL 6: `oom_adj=` before `oom_score_adj=`, `Killed process N, UID U, (comm) total-vm:`',
      log: variantLog('2.6 OOM kill: `oomkilladj=`/`oom_adj=` on the invoker line, `kill process ... or a child`, `Killed process N, UID U, (comm)`'),
      expected: { title: 'OOM kill', pid: 4321, comm: 'java', culprit: null, details: { invoker: 'java', oomScoreAdj: 0, victimPid: 4321, victimComm: 'java', totalVmKb: 8000000, fileRssKb: 12 } },
    },
  ],
});
