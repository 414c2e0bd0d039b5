import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { render } from '../../src/render/index.js';

// The shipped node-2 example: its lockup is the blkcg-list-walk entry, which is an inference, not a fact.
const text = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8');
const result = analyzeText(text, 'messages', { now: () => new Date('2022-11-13T00:00:00Z') });

describe('node-2 and the known issues', () => {
  it('matches blkcg-list-walk by its exact signature, culprit and dm callers, on its RHEL 7 kernel, as an inference', () => {
    expect(result.knownIssues).toEqual([
      expect.objectContaining({
        incident: 'I1',
        id: 'blkcg-list-walk',
        status: 'match',
        state: 'inference',
        fix: null,
        confidence: 'signature',
        keys: ['kind', 'signature', 'culprit', 'callers', 'kernel'],
        callers: ['__dm_destroy', 'dm_destroy', 'dev_remove'],
        kernel: 'in-range',
      }),
    ]);
  });

  it('says so in the findings, never as a fact', () => {
    const finding = result.findings.find((f) => f.code === 'finding.knownIssue')!;
    expect(finding.text).toMatch(/^Matches known issue blkcg-list-walk \(inference, no fix identified\): /);
    expect(finding.text).toContain('Matched on kind, signature, culprit, callers __dm_destroy, dm_destroy, dev_remove, kernel range (exact signature).');
  });

  it('puts the confirm command and the workaround among the next steps, in English and Chinese', () => {
    const codes = result.nextSteps.map((s) => s.code);
    expect(codes).toContain('step.knownIssue.confirm');
    expect(codes).toContain('step.knownIssue.workaround');
    expect(codes).not.toContain('step.knownIssue.upgrade');
    const en = render(result, 'text', { color: false, compactJson: false, lang: 'en' });
    expect(en).toContain('Confirm known issue blkcg-list-walk in a vmcore of the node: `crash> list -H <q>->blkg_list`');
    expect(en).toContain('blkcg-list-walk is an inference that no fix or public report confirms');
    const zh = render(result, 'text', { color: false, compactJson: false, lang: 'zh' });
    expect(zh).toContain('匹配已知问题 blkcg-list-walk（推断，尚未找到修复）');
    expect(zh).toContain('在该节点的 vmcore 中确认已知问题 blkcg-list-walk：`crash> list -H <q>->blkg_list`');
    expect(zh).toContain('blkcg-list-walk 的规避方法：不要在容器的 blkio cgroup 销毁的同时删除 dm 设备');
  });

  it('keeps the JSON document free of Chinese text', () => {
    expect(JSON.stringify(result)).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
