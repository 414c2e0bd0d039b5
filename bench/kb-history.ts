// A generated kernel-like git history for `npm run bench:kb` and the kb tests: N empty commits made by
// `git fast-import` (about 100,000 a second), every `quoteEvery`-th quoting a kernel report of one of four shapes
// with its own culprit, a release tag every `tagEvery` commits. Deterministic: the same plan makes the same history.
import { spawn, spawnSync } from 'node:child_process';

export interface HistoryPlan {
  readonly commits: number;
  readonly quoteEvery: number;
  readonly tagEvery: number;
}

const EPOCH = 1_500_000_000;

/** The message of commit n: plain, or quoting a report whose culprit is numbered after n. */
export function historyMessage(n: number, quoteEvery: number): string {
  if (n % quoteEvery !== quoteEvery - 1) return `subsys${n % 97}: tidy up helper ${n}\n\nSigned-off-by: T <t@example.org>\n`;
  const q = Math.floor(n / quoteEvery);
  const fn = `drv${q}_work`;
  const shapes = [
    `  watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [kworker/3:1:${q}]\n  RIP: 0010:${fn}+0x12/0x40\n  Call Trace:\n   ${fn}_loop+0x50/0x200\n   process_one_work+0x1a0/0x3c0\n`,
    `[  12.345678] BUG: KASAN: use-after-free in ${fn}+0x3a/0x90\n[  12.345679] Call Trace:\n[  12.345680]  kasan_report+0x37/0x7c\n[  12.345681]  ${fn}+0x3a/0x90\n[  12.345682]  ${fn}_ioctl+0x4e1/0x7a0\n`,
    `  WARNING: CPU: 1 PID: ${q} at drivers/x/y.c:${q} ${fn}+0x1/0x2\n  Call Trace:\n   ${fn}+0x1/0x2\n   ${fn}_probe+0x20/0x90\n`,
    `  INFO: task kworker/u8:${q}:${q} blocked for more than 120 seconds.\n  Call Trace:\n   __schedule+0x2e3/0x740\n   schedule+0x33/0xa0\n   ${fn}+0xac/0x120\n   ${fn}_sync+0x1d6/0x240\n`,
  ];
  return `drv${q}: fix the report of ${fn}\n\nsyzbot reported:\n\n${shapes[q % shapes.length]}\nFixes: ${(q * 2654435761).toString(16).padStart(12, '0').slice(0, 12)} ("drv${q}: add ${fn}")\nReported-by: syzbot+${q}@syzkaller.appspotmail.com\nSigned-off-by: T <t@example.org>\n`;
}

export const historyTag = (n: number) => `v5.${n}`;

/** The fast-import stream of commits [from, to): each `data` counted in bytes, tags after their commit. */
function streamPart(plan: HistoryPlan, from: number, to: number): string {
  let out = '';
  for (let n = from; n < to; n++) {
    const message = historyMessage(n, plan.quoteEvery);
    const tagged = (n + 1) % plan.tagEvery === 0;
    out += `commit refs/heads/master\n${tagged ? `mark :${n + 1}\n` : ''}committer T <t@example.org> ${EPOCH + n} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`;
    if (tagged) out += `reset refs/tags/${historyTag((n + 1) / plan.tagEvery - 1)}\nfrom :${n + 1}\n\n`;
  }
  return out;
}

/** Makes the history in `dir` (git init, then fast-import fed in parts so that the stream never sits in memory). */
export async function makeHistory(dir: string, plan: HistoryPlan): Promise<{ quoting: number; tags: number }> {
  const init = spawnSync('git', ['init', '-q', '-b', 'master', dir], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`git init: ${init.stderr}`);
  // fast-import grows and trims its heap around every commit; where brk is slow (this VM: 156 us a call) that made
  // 20,000 commits take 73 s instead of 0.7 s. glibc keeps the memory with these settings.
  const env = { ...process.env, MALLOC_TRIM_THRESHOLD_: String(256 << 20), MALLOC_TOP_PAD_: String(64 << 20) };
  const child = spawn('git', ['-C', dir, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'], env });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const PART = 2000;
  for (let from = 0; from < plan.commits; from += PART) {
    if (!child.stdin.write(streamPart(plan, from, Math.min(plan.commits, from + PART)))) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  return { quoting: Math.floor(plan.commits / plan.quoteEvery), tags: Math.floor(plan.commits / plan.tagEvery) };
}
