import { defineHeaderDetector } from '../define.js';
import { firstMatch } from '../sections.js';

// The OOM killer's report, opened by the task whose allocation failed and closed by the victim:
//   `stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0`
//   ... CPU line, Call Trace, Mem-Info, task table ...
//   `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/docker/abc,task_memcg=/docker/abc,task=stress,pid=1234,uid=0` (4.19+)
//   `Out of memory: Killed process 1234 (stress) total-vm:1234kB, anon-rss:567kB, file-rss:0kB, shmem-rss:0kB, UID:0 ...` (5.x+)
// or, before 5.x, `Out of memory: Kill process 1234 (stress) score 900 or sacrifice child` then `Killed process 1234 (stress) total-vm:...`;
// 2.6.25-2.6.35 `Out of memory: kill process 1234 (stress) score 900 or a child`, 2.6.36-3.x `Killed process 1234 (stress) vsz:...kB`,
// RHEL 6 `Killed process 1234, UID 500, (stress) total-vm:...`, 2.6.18 `Out of memory: Killed process 1234 (stress).`;
// the invoker line had `oomkilladj=` (2.6.18-2.6.35) or `oom_adj=` before `oom_score_adj=` (2.6.36-3.x, RHEL 6).
const INVOKED_RE = /^(.{1,64}?) invoked oom-killer: gfp_mask=(0x[0-9a-f]+)(?:\(([^)]*)\))?,(?: nodemask=\S+,)? order=(-?\d+)(?:, oom(?:kill)?_?adj=-?\d+)?(?:, oom_score_adj=(-?\d+))?/;
const KILL_RE = /(Memory cgroup out of memory|Out of memory(?: \(oom_kill_allocating_task\))?): [Kk]ill(?:ed)? process (\d+) \((.{0,64})\)/;
const KILLED_RE = /Killed process (\d+)(?:, UID \d+,)? \((.{0,64})\)(?: (?:total-vm|vsz):(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB(?:, shmem-rss:(\d+)kB)?)?/;
// The invoker's name opens the line: at most TASK_COMM_LEN - 1 (15) characters, so no quoted text fits before it.
const HEADER_RE = new RegExp(`^.{1,15}? invoked oom-killer: gfp_mask=|${KILL_RE.source}`);
const CONSTRAINT_RE = /^oom-kill:constraint=(\w+),.*?(?:,oom_memcg=([^,]*))?,task_memcg=([^,]*),task=(.{0,64}?),pid=(\d+)/;
// cgroup v1 before 4.19: `Task in /docker/abc killed as a result of limit of /docker/abc`
const MEMCG_TASK_RE = /^Task in (\S+) killed as a result of limit of (\S+)/;
// `memory: usage 1048576kB, limit 1048576kB, failcnt 123`
const MEMCG_USAGE_RE = /^memory: usage (\d+)kB, limit (\d+)kB, failcnt (\d+)/;


export const oom = defineHeaderDetector({
  kind: 'oom',
  meta: {
    description: 'The out-of-memory killer ran: which task could not allocate (the invoker), under which constraint or memory cgroup, and which process it killed with its memory figures.',
    examples: [
      'stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
      'Out of memory: Killed process 1234 (stress) total-vm:2104324kB, anon-rss:2097336kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:4156kB oom_score_adj:0',
      'Memory cgroup out of memory: Kill process 4321 (java) score 1000 or sacrifice child',
    ],
  },
  header: HEADER_RE,
  body: 'marker',
  absorbs: [KILL_RE, KILLED_RE],
  endsAt: KILLED_RE,
  expectsTrace: false,
  describe(_match, report) {
    const invoked = firstMatch(report.lines, INVOKED_RE);
    if (invoked) {
      report.details['invoker'] = invoked[1]!;
      report.details['gfpMask'] = invoked[3] ? `${invoked[2]}(${invoked[3]})` : invoked[2]!;
      report.details['order'] = Number(invoked[4]);
      if (invoked[5] !== undefined) report.details['oomScoreAdj'] = Number(invoked[5]);
      report.comm ??= invoked[1]!;
    }
    const kill = firstMatch(report.lines, KILL_RE);
    const killed = firstMatch(report.lines, KILLED_RE);
    const constraint = firstMatch(report.lines, CONSTRAINT_RE);
    const memcgTask = firstMatch(report.lines, MEMCG_TASK_RE);
    const usage = firstMatch(report.lines, MEMCG_USAGE_RE);
    report.details['memcgOom'] = Boolean(kill?.[1]?.startsWith('Memory cgroup') || constraint?.[1] === 'CONSTRAINT_MEMCG' || memcgTask);
    if (constraint) report.details['constraint'] = constraint[1]!;
    const memcg = constraint?.[2] ?? memcgTask?.[2] ?? null;
    if (memcg) report.details['memcg'] = memcg;
    if (constraint?.[3] || memcgTask) report.details['victimMemcg'] = constraint?.[3] ?? memcgTask![1]!;
    if (usage) {
      report.details['memcgUsageKb'] = Number(usage[1]);
      report.details['memcgLimitKb'] = Number(usage[2]);
    }
    const victimPid = killed?.[1] ?? kill?.[2] ?? constraint?.[5];
    const victimComm = killed?.[2] ?? kill?.[3] ?? constraint?.[4];
    if (victimPid) report.details['victimPid'] = Number(victimPid);
    if (victimComm) report.details['victimComm'] = victimComm;
    const figures = ['totalVmKb', 'anonRssKb', 'fileRssKb', 'shmemRssKb'] as const;
    figures.forEach((name, i) => {
      const value = killed?.[3 + i];
      if (value !== undefined) report.details[name] = Number(value);
    });
    // The OOM killer is memory pressure, not a bug in the function that allocated.
    report.culprit = null;
  },
});
