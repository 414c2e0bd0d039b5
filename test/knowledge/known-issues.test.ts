import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { kernelVerdict, parseKernel } from '../../src/analysis/kernel-range.js';
import { sayWarning } from '../../src/i18n/index.js';
import type * as Load from '../../src/knowledge/known-issues/load.js';
import { loadKnownIssues, parseEntry, shippedFolder, shippedKnownIssues } from '../../src/knowledge/known-issues/load.js';

const shipped = shippedKnownIssues();
const FIXTURES = 'test/fixtures/known-issues';
const NOW = () => new Date('2026-01-01T00:00:00Z');

function fixture(id: string): { match: string; other: string } {
  return parse(readFileSync(join(FIXTURES, `${id}.yaml`), 'utf8')) as { match: string; other: string };
}

describe('the shipped known-issue entries', () => {
  it('all load, at least 40, across the kinds the issue names, each with a public source', () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.entries.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(shipped.entries.flatMap((e) => e.kinds));
    for (const k of ['soft-lockup', 'hard-lockup', 'hung-task', 'rcu-stall', 'oom', 'kasan', 'list-corruption']) expect(kinds).toContain(k);
    for (const e of shipped.entries) expect(e.references.every((r) => r.startsWith('https://')), e.id).toBe(true);
  });

  it('read by the built module from its snapshot (npm run build) as they are from the YAML files', async () => {
    const built = (await import(new URL('../../dist/src/knowledge/known-issues/load.js', import.meta.url).href)) as typeof Load;
    expect(existsSync(new URL('../../dist/src/knowledge/known-issues/shipped.json', import.meta.url))).toBe(true);
    expect(built.shippedKnownIssues()).toStrictEqual(loadKnownIssues(shippedFolder()));
  });

  it('name the evidence of each confirmed fix: a commit id and subject', () => {
    const fixes = shipped.entries.filter((e) => e.evidence.state === 'confirmed-fix');
    expect(fixes.length).toBeGreaterThanOrEqual(5);
    for (const e of fixes) if (e.evidence.state === 'confirmed-fix') expect(e.evidence.commit.id).toMatch(/^[0-9a-f]{12,40}$/);
  });
});

describe.each(shipped.entries.map((e) => [e.id] as const))('known issue %s', (id) => {
  const { match, other } = fixture(id);
  it('matches its real-shaped report', () => {
    const result = analyzeText(match, `${id}.log`, { now: NOW });
    expect(result.incidents.length).toBeGreaterThan(0);
    const found = result.knownIssues.find((m) => m.id === id);
    expect(found, JSON.stringify(result.knownIssues.map((m) => [m.id, m.status]))).toMatchObject({ status: 'match', source: 'knowledge' });
    expect(found!.keys).toContain('kind');
    expect(result.findings.some((f) => f.code === 'finding.knownIssue' && f.params['id'] === id)).toBe(true);
  });
  it('does not match the report of the same shape that differs', () => {
    const result = analyzeText(other, `${id}-other.log`, { now: NOW });
    expect(result.incidents.length).toBeGreaterThan(0);
    expect(result.knownIssues.filter((m) => m.id === id && m.status === 'match')).toEqual([]);
  });
});

const BLKCG = readFileSync(join(shippedFolder(), 'blkcg-list-walk.yaml'), 'utf8');

describe('the entry schema', () => {
  const reason = (text: string) => {
    const parsed = parseEntry(text);
    return 'error' in parsed ? `${parsed.error.problem}: ${parsed.error.detail}` : null;
  };
  it('accepts the node-2 entry as written', () => {
    expect(reason(BLKCG)).toBeNull();
  });
  it('rejects an entry without a source', () => {
    expect(reason(BLKCG.replace(/^references:\n(?: {2}- .*\n)+/m, ''))).toMatch(/references/);
    expect(reason(BLKCG.replace(/^references:\n(?: {2}- .*\n)+/m, 'references: []\n'))).toMatch(/at least one public source/);
  });
  it('rejects an entry without an evidence state, or a confirmed fix without its commit', () => {
    expect(reason(BLKCG.replace('  state: inference\n', ''))).toMatch(/evidence/);
    expect(reason(BLKCG.replace(/^ {2}state: inference\n/m, '  state: confirmed-fix\n'))).toMatch(/evidence/);
    expect(reason(BLKCG.replace(/^ {2}state: inference\n/m, '  state: upstream-report\n'))).toMatch(/evidence/);
  });
  it('rejects a broken header pattern, an unknown kind, a bad commit id and text that is not YAML', () => {
    expect(reason(BLKCG.replace('  culprit: [blk_set_queue_dying]', '  culprit: [blk_set_queue_dying]\n  header: "(unclosed"'))).toMatch(/regular expression/);
    expect(reason(BLKCG.replace('kinds: [soft-lockup,', 'kinds: [soft-lock,'))).toMatch(/kinds/);
    const fix = readFileSync(join(shippedFolder(), 'cfs-period-timer-loop.yaml'), 'utf8');
    expect(reason(fix.replace('id: 2e8e19226398db8265a8e675fcc0118b9e80c9e8', 'id: 1234abcd'))).toMatch(/hex digits/);
    expect(reason('id: [unclosed')).toMatch(/^not-yaml: /);
    const notYaml = { path: 'x.yaml', code: 'known-issue-invalid', params: { problem: 'not-yaml', detail: 'Flow sequence in block collection' } } as const;
    expect(sayWarning('en', notYaml)).toBe('not YAML: Flow sequence in block collection; entry skipped');
    expect(sayWarning('zh', notYaml)).toBe('不是 YAML（`Flow sequence in block collection`），已跳过');
  });
});

describe('a knowledge folder with a malformed entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-kb-'));
  writeFileSync(join(dir, 'blkcg-list-walk.yaml'), BLKCG);
  writeFileSync(join(dir, 'broken.yaml'), BLKCG.replace('id: blkcg-list-walk', 'id: broken').replace('  state: inference\n', ''));
  writeFileSync(join(dir, 'renamed.yaml'), BLKCG);
  const base = loadKnownIssues(dir);

  it('names each bad file and keeps the good entries', () => {
    expect(base.entries.map((e) => e.id)).toEqual(['blkcg-list-walk']);
    expect(base.problems).toHaveLength(2);
    expect(base.problems[0]!.path).toMatch(/broken\.yaml$/);
    expect(sayWarning('en', base.problems[0]!)).toMatch(/^not a known-issue entry: evidence.*; entry skipped$/);
    expect(sayWarning('en', base.problems[1]!)).toMatch(/differs from the file name/);
  });

  it('still analyzes, with one warning per bad file', () => {
    const result = analyzeText(fixture('blkcg-list-walk').match, 'node.log', { now: NOW, knownIssues: base });
    expect(result.knownIssues.map((m) => m.id)).toEqual(['blkcg-list-walk']);
    expect(result.warnings.filter((w) => /broken\.yaml|renamed\.yaml/.test(w.path ?? ''))).toHaveLength(2);
  });

  it('an unreadable folder is one problem naming it', () => {
    const missing = loadKnownIssues(join(dir, 'missing'));
    expect(missing.entries).toEqual([]);
    expect(missing.problems.map((p) => ({ path: p.path, message: sayWarning('en', p) }))).toEqual([{ path: join(dir, 'missing'), message: 'cannot read the known-issue folder: ENOENT' }]);
  });
});

describe('kernel ranges', () => {
  const blkcg = shipped.entries.find((e) => e.id === 'blkcg-list-walk')!.kernels;
  const nft = shipped.entries.find((e) => e.id === 'nf-tables-verdict-double-free')!.kernels;
  const memcg = shipped.entries.find((e) => e.id === 'memcg-oom-scan-lockup')!.kernels;

  it('reads Red Hat releases by their own numbers', () => {
    expect(parseKernel('3.10.0-693.11.1.el7.es.10.x86_64')).toMatchObject({ base: [3, 10, 0], distroTag: 'el7', distroRelease: [3, 10, 0, 693, 11, 1] });
    expect(kernelVerdict('3.10.0-693.11.1.el7.es.10.x86_64', blkcg).verdict).toBe('in-range');
    expect(kernelVerdict('3.10.0-514.26.2.el7.x86_64', blkcg).verdict).toBe('before');
    // No RHEL 8 row: its upstream number says nothing about backports.
    expect(kernelVerdict('4.18.0-348.el8.x86_64', nft).verdict).toBe('unknown');
  });

  it('compares upstream and stable releases', () => {
    expect(kernelVerdict('3.14.79', nft).verdict).toBe('before');
    expect(kernelVerdict('6.7.12', nft).verdict).toBe('in-range');
    expect(kernelVerdict('6.8.0-rc3', nft).verdict).toBe('fixed');
    expect(kernelVerdict('6.12.9', memcg).verdict).toBe('in-range');
    expect(kernelVerdict('6.12.13', memcg).verdict).toBe('fixed');
    // A vendor build of the series may carry the backport under its own numbering.
    expect(kernelVerdict('6.12.9-1-amd64', memcg).verdict).toBe('unknown');
    expect(kernelVerdict(null, nft).verdict).toBe('unknown');
  });
});

describe('match confidence', () => {
  const text = fixture('blkcg-list-walk').match;
  const entry = shipped.entries.find((e) => e.id === 'blkcg-list-walk')!;
  const only = (e: typeof entry) => ({ entries: [e], problems: [] });

  // (node-2's own log matches by its exact signature: test/knowledge/node2-known-issue.test.ts)
  it('culprit and callers when the signature differs: names the callers that matched and the kernel range', () => {
    const result = analyzeText(text, 'x', { now: NOW, knownIssues: only(entry) });
    expect(entry.match.signatures).not.toContain(result.incidents[0]!.signatureText);
    expect(result.knownIssues[0]).toMatchObject({ confidence: 'culprit-and-caller', keys: ['kind', 'culprit', 'callers', 'kernel'], callers: ['__dm_destroy', 'dm_destroy', 'dev_remove'], kernel: 'in-range', state: 'inference' });
  });

  it('culprit only, when no caller of the entry is on the stack', () => {
    const [m] = analyzeText(text.replace(/__dm_destroy|dm_destroy|dev_remove/g, 'other_caller'), 'x', { now: NOW, knownIssues: only(entry) }).knownIssues;
    expect(m).toMatchObject({ confidence: 'culprit', keys: ['kind', 'culprit', 'kernel'], callers: [] });
  });

  it('an entry that requires a caller does not match on its culprit alone', () => {
    const nft = shipped.entries.find((e) => e.id === 'nf-tables-verdict-double-free')!;
    const report = fixture('nf-tables-verdict-double-free').match;
    expect(analyzeText(report, 'x', { now: NOW, knownIssues: only(nft) }).knownIssues).toHaveLength(1);
    expect(analyzeText(report.replace(/nf_hook_slow/g, 'ip_finish_output'), 'x', { now: NOW, knownIssues: only(nft) }).knownIssues).toHaveLength(0);
  });

  it('a kernel outside the range is listed as similar, not as a match', () => {
    const result = analyzeText(fixture('blkcg-list-walk').other, 'x', { now: NOW, knownIssues: only(entry) });
    expect(result.knownIssues).toEqual([expect.objectContaining({ status: 'other-kernel', kernel: 'before' })]);
    expect(result.findings.find((f) => f.code === 'finding.knownIssue.similar')?.text).toBe(
      "Similar to known issue blkcg-list-walk (blk_set_queue_dying walks q->blkg_list without queue_lock while a blkcg is removed), but the node's kernel 3.10.0-514.26.2.el7.x86_64 predates it: not counted as a match.",
    );
    expect(result.nextSteps.some((s) => s.code.startsWith('step.knownIssue'))).toBe(false);
  });
});
