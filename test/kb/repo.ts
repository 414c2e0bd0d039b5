// A small kernel-like git history for the kb tests: commits whose messages quote reports, trailers, release tags.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** No user or system git configuration (signing, hooks) reaches the test's repositories. */
const gitEnv = (dir: string, when?: string) => ({
  ...process.env,
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: dir,
  ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}),
});

export function git(dir: string, args: readonly string[], input?: string, when?: string): string {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', input, env: gitEnv(dir, when) });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** One commit changing one file; its id. Commit times one minute apart, so that `git log` order is fixed. */
export function commit(dir: string, message: string, n: number): string {
  writeFileSync(join(dir, 'file'), `${n}\n`);
  git(dir, ['add', 'file']);
  git(dir, ['commit', '-q', '-F', '-'], message, `${1_600_000_000 + n * 60} +0000`);
  return git(dir, ['rev-parse', 'HEAD']);
}

export const SOFT_LOCKUP_FIX = `block: stop the blkg walk of blk_set_queue_dying from spinning

A device-mapper remove spins with the queue lock held:

  NMI watchdog: BUG: soft lockup - CPU#12 stuck for 23s! [dmsetup:1234]
  CPU: 12 PID: 1234 Comm: dmsetup Not tainted 3.10.0-693.el7.x86_64 #1
  RIP: 0010:[<ffffffff812f7951>]  [<ffffffff812f7951>] blk_set_queue_dying+0xa1/0xc0
  Call Trace:
   [<ffffffffc04a1e2c>] __dm_destroy+0x10c/0x260 [dm_mod]
   [<ffffffffc04a1f93>] dm_destroy+0x13/0x20 [dm_mod]
   [<ffffffffc04a7d4e>] dev_remove+0x11e/0x180 [dm_mod]
   [<ffffffffc04a8995>] ctl_ioctl+0x1e5/0x500 [dm_mod]

Walk the list under the lock once.

Fixes: 0123456789ab ("block: add blk_set_queue_dying")
Reported-by: Some One <one@example.org>
Closes: https://bugzilla.example.org/show_bug.cgi?id=1
Signed-off-by: T <t@example.org>
`;

export const KASAN_FIX = `netfilter: nf_tables: free the set after the abort

syzbot found:

[   50.100001] BUG: KASAN: use-after-free in nft_set_destroy+0x3a/0x90 [nf_tables]
[   50.100002] Read of size 8 at addr ffff888012345678 by task syz-executor/1234
[   50.100006] Call Trace:
[   50.100007]  <TASK>
[   50.100008]  dump_stack_lvl+0x7d/0xa0
[   50.100009]  print_report+0x1c/0x220
[   50.100010]  kasan_report+0x37/0x7c
[   50.100011]  nft_set_destroy+0x3a/0x90 [nf_tables]
[   50.100012]  nf_tables_abort+0x4e1/0x7a0 [nf_tables]
[   50.100013]  nfnetlink_rcv_batch+0x4b5/0x8c0 [nfnetlink]
[   50.100014]  </TASK>

Reported-by: syzbot+0123456789abcdef@syzkaller.appspotmail.com
Link: https://lore.kernel.org/r/000000000000abcdef@google.com
Signed-off-by: T <t@example.org>
`;

export const HUNG_TASK_FIX = `ext4: do not wait for the journal with the superblock lock held

  INFO: task kworker/u8:1:42 blocked for more than 120 seconds.
  Call Trace:
   __schedule+0x2e3/0x740
   schedule+0x33/0xa0
   jbd2_log_wait_commit+0xac/0x120
   ext4_sync_fs+0x1d6/0x240

Fixes: 89abcdef0123 ("ext4: sync the journal in ext4_sync_fs")
Signed-off-by: T <t@example.org>
`;

/**
 * The history: an initial commit (v5.0), the soft-lockup fix (v5.1-rc1), a typo fix whose message starts a line
 * with "Oops," and "WARNING:" (no report; v5.1), the KASAN fix (v5.2, an annotated tag), the hung-task fix (no tag).
 */
export function kernelLikeRepo(dir: string): { softLockup: string; kasan: string; hungTask: string; typo: string } {
  git(dir, ['init', '-q', '-b', 'master']);
  commit(dir, 'Initial commit\n', 1);
  git(dir, ['tag', 'v5.0']);
  const softLockup = commit(dir, SOFT_LOCKUP_FIX, 2);
  git(dir, ['tag', 'v5.1-rc1']);
  const typo = commit(dir, 'docs: fix a typo\n\nOops, the previous commit misspelt "lockup".\nWARNING: this is documentation only.\n', 3);
  git(dir, ['tag', 'v5.1']);
  const kasan = commit(dir, KASAN_FIX, 4);
  git(dir, ['tag', '-a', '-m', 'Linux 5.2', 'v5.2']);
  const hungTask = commit(dir, HUNG_TASK_FIX, 5);
  return { softLockup, kasan, hungTask, typo };
}
