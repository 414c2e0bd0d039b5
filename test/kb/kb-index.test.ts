import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchFolder } from '../helpers/scratch.js';
import { kernelLikeRepo } from './repo.js';
import type { Result } from '../../src/result/schema.js';
import { analyzePaths } from '../../src/run.js';
import { render } from '../../src/render/index.js';

const scratch = scratchFolder('ktriage-kb-');
const repo = join(scratch.dir, 'linux');
const index = join(scratch.dir, 'kb.jsonl');
let ids: ReturnType<typeof kernelLikeRepo>;

const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(() => {
  scratch.write('linux/.keep', '');
  ids = kernelLikeRepo(repo);
  const r = runCli(['kb', 'index', repo, '-o', index]);
  expect(r.stderr).toBe(`ktriage: ${index}: 3 commits quoting a kernel report, of 5 read; 2 of them in a release tag\n`);
  expect(r.status).toBe(0);
});

describe('kb index on a repository the test builds', () => {
  it('writes a header, the commits that quote a report (newest first) with their first release tag, and an end line', () => {
    const [header, ...rest] = lines(index);
    expect(header).toEqual({ format: 'ktriage-fix-index', version: 1, repo, head: ids.hungTask });
    expect(rest.map((e) => [e['commit'], e['tag']])).toEqual([[ids.hungTask, null], [ids.kasan, 'v5.2'], [ids.softLockup, 'v5.1-rc1'], [undefined, undefined]]);
    expect(rest.at(-1)).toEqual({ end: { commits: 5, entries: 3, tags: 2 } });
  });

  it('records the quoted title, kind, culprit, normalised frames and signature, and the trailers', () => {
    const entries = lines(index).slice(1, -1);
    expect(entries[2]).toEqual({
      commit: ids.softLockup,
      subject: 'block: stop the blkg walk of blk_set_queue_dying from spinning',
      reports: [
        {
          title: 'NMI watchdog: BUG: soft lockup - CPU#12 stuck for 23s! [dmsetup:1234]',
          kind: 'soft-lockup',
          culprit: 'blk_set_queue_dying',
          frames: ['__dm_destroy', 'dm_destroy', 'dev_remove', 'ctl_ioctl'],
          signature: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy',
        },
      ],
      fixes: [{ commit: '0123456789ab', subject: 'block: add blk_set_queue_dying' }],
      reportedBy: ['Some One <one@example.org>'],
      closes: ['https://bugzilla.example.org/show_bug.cgi?id=1'],
      links: [],
      tag: 'v5.1-rc1',
    });
    expect(entries[1]!['reports']).toEqual([
      {
        title: 'BUG: KASAN: use-after-free in nft_set_destroy+0x3a/0x90 [nf_tables]',
        kind: 'kasan',
        culprit: 'nft_set_destroy',
        frames: ['dump_stack_lvl', 'print_report', 'kasan_report', 'nft_set_destroy', 'nf_tables_abort', 'nfnetlink_rcv_batch'],
        signature: 'kasan(use-after-free)|nft_set_destroy|nf_tables_abort',
      },
    ]);
    expect(entries[1]!['links']).toEqual(['https://lore.kernel.org/r/000000000000abcdef@google.com']);
    expect(entries[0]!['reports']).toEqual([expect.objectContaining({ kind: 'hung-task', title: 'INFO: task kworker/u8:1:42 blocked for more than 120 seconds.' })]);
    expect(entries[0]!['fixes']).toEqual([{ commit: '89abcdef0123', subject: 'ext4: sync the journal in ext4_sync_fs' }]);
  });

  it('leaves no partial file behind', () => {
    expect(() => readFileSync(`${index}.partial`)).toThrow(/ENOENT/);
  });
});

// A KASAN report of the bug the v5.2 commit fixes, on a node running 5.4.0 (which has the fix) or 5.1.0 (which has not).
const KASAN_LOG = readFileSync('test/fixtures/kb/kasan-5.4.0.log', 'utf8');
const NODE2 = 'examples/node-2/messages.node-2.20221112.log';

let logs = 0;
/** The result of a log analyzed with indexes, as `analyze --kb` makes it (in process: the CLI runs are below). */
async function analyzeWith(log: string, ...kbFiles: string[]): Promise<Result> {
  const path = scratch.write(`log-${logs++}.log`, log);
  return (await analyzePaths([path], { kbFiles })).result;
}

describe('analyze --kb', () => {
  it('names the fix commit with the release that carries it when the node lacks it', async () => {
    const result = await analyzeWith(KASAN_LOG.replace('Not tainted 5.4.0', 'Not tainted 5.1.0'), index);
    expect(result.knownIssues).toEqual([
      {
        incident: 'I1',
        id: ids.kasan.slice(0, 12),
        source: 'fix-index',
        index,
        title: 'netfilter: nf_tables: free the set after the abort',
        status: 'match',
        confidence: 'signature',
        keys: ['kind', 'signature', 'culprit', 'callers', 'kernel'],
        callers: ['nf_tables_abort', 'nfnetlink_rcv_batch'],
        kernel: 'in-range',
        state: 'confirmed-fix',
        fix: { commit: ids.kasan.slice(0, 12), subject: 'netfilter: nf_tables: free the set after the abort', release: 'v5.2', distros: [] },
        report: 'https://lore.kernel.org/r/000000000000abcdef@google.com',
        confirm: null,
        workaround: null,
        references: ['https://lore.kernel.org/r/000000000000abcdef@google.com'],
      },
    ]);
    const step = result.nextSteps.find((s) => s.code === 'step.knownIssue.upgrade')!;
    expect(step.text).toBe(`Move to a kernel that carries ${ids.kasan.slice(0, 12)} 'netfilter: nf_tables: free the set after the abort' in v5.2.`);
  });

  it("says the match is doubtful when the node's kernel already has the fix", async () => {
    const result = await analyzeWith(KASAN_LOG, index);
    expect(result.knownIssues.map((m) => [m.id, m.status, m.kernel])).toEqual([[ids.kasan.slice(0, 12), 'other-kernel', 'fixed']]);
    const finding = result.findings.find((f) => f.code === 'finding.knownIssue.similar')!;
    expect(finding.text).toBe(
      `Similar to fix commit ${ids.kasan.slice(0, 12)} 'netfilter: nf_tables: free the set after the abort', but the node's kernel 5.4.0 already has its fix (v5.2), so the match is doubtful: not counted as a match.`,
    );
    expect(result.nextSteps.some((s) => s.code === 'step.knownIssue.upgrade')).toBe(false);
  });

  it("keeps node-2's blkcg inference and adds the fix commit quoting its lockup, its RHEL kernel not comparable to v5.1-rc1", async () => {
    const result = await analyzeWith(readFileSync(NODE2, 'utf8'), index);
    expect(result.knownIssues.map((m) => [m.source, m.id, m.status, m.confidence, m.kernel])).toEqual([
      ['knowledge', 'blkcg-list-walk', 'match', 'signature', 'in-range'],
      ['fix-index', ids.softLockup.slice(0, 12), 'match', 'signature', 'unknown'],
    ]);
  });

  it('says it in every format and in Chinese', async () => {
    const short = ids.kasan.slice(0, 12);
    const log = scratch.write('kasan-5.1.log', KASAN_LOG.replace('Not tainted 5.4.0', 'Not tainted 5.1.0'));
    const cli = runCli(['analyze', log, '--kb', index, '-q']);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(
      `Matches fix commit ${short} 'netfilter: nf_tables: free the set after the abort' (first in v5.2), whose message quotes a report of the same shape. Matched on kind, signature, culprit, callers nf_tables_abort, nfnetlink_rcv_batch, kernel range (exact signature).`,
    );
    const result = await analyzeWith(readFileSync(log, 'utf8'), index);
    // (Markdown escapes the subject's underscore)
    expect(render(result, 'md', { lang: 'en', color: false, compactJson: false })).toContain(`- **warning**: Matches fix commit ${short} 'netfilter: nf\\_tables: free the set after the abort' (first in v5.2)`);
    expect(render(result, 'html', { lang: 'en', color: false, compactJson: false })).toContain(`Matches fix commit ${short} &#39;netfilter: nf_tables: free the set after the abort&#39; (first in v5.2)`);
    expect(render(result, 'text', { lang: 'zh', color: false, compactJson: false })).toContain(`匹配修复提交 ${short}「netfilter: nf_tables: free the set after the abort」（最早见于 v5.2），其提交说明引用了形态相同的报告。`);
    expect(render(await analyzeWith(KASAN_LOG, index), 'text', { lang: 'zh', color: false, compactJson: false })).toContain('该节点的内核 5.4.0 已包含其修复（v5.2），因此匹配存疑');
  });
});

describe('bad input', () => {
  it('kb index of a directory that is no git repository: one message naming it, exit 1, no index', () => {
    const plain = join(scratch.dir, 'plain');
    scratch.write('plain/README', 'not a repository\n');
    const out = join(scratch.dir, 'none.jsonl');
    const r = runCli(['kb', 'index', plain, '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ktriage: ${plain}: not a git repository \\(.*\\)\n$`));
    expect(() => readFileSync(`${out}.partial`)).toThrow(/ENOENT/);
    const missing = runCli(['kb', 'index', join(scratch.dir, 'missing'), '-o', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^ktriage: .*missing: not a git repository/);
  });

  it('analyze --kb of malformed, unfinished or missing indexes: one warning naming each, and the analysis still runs', () => {
    const good = readFileSync(index, 'utf8').split('\n');
    const cases: [string, RegExp][] = [
      [scratch.write('garbage.jsonl', 'hello\n'), /line 1 is not JSON/],
      [scratch.write('other.jsonl', '{"format":"something-else"}\n'), /not a ktriage fix index/],
      [scratch.write('cut.jsonl', good.slice(0, 3).join('\n')), /no end line: the index was not finished/],
      [scratch.write('bad-entry.jsonl', [good[0], '{"commit":"zz","subject":"x"}', good.at(-2)].join('\n')), /line 2: commit: /],
      [join(scratch.dir, 'no-such.jsonl'), /: --kb: no such file;/],
    ];
    const r = runCli(['analyze', scratch.write('bad.log', KASAN_LOG), '-f', 'json', ...cases.flatMap(([path]) => ['--kb', path]), '--kb', index]);
    expect(r.status).toBe(0);
    const warnings = r.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(cases.length);
    cases.forEach(([path, message], n) => {
      expect(warnings[n]).toMatch(new RegExp(`^ktriage: ${path}: --kb: .*; analyzed without it$`));
      expect(warnings[n]).toMatch(message);
    });
    // The good index given after them is still used.
    const result = JSON.parse(r.stdout) as Result;
    expect(result.incidents.map((i) => i.kind)).toEqual(['kasan']);
    expect(result.knownIssues.map((m) => m.id)).toEqual([ids.kasan.slice(0, 12)]);
  });
});
