import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { t } from '../../src/i18n/index.js';
import { renderHtml } from '../../src/render/html/index.js';
import { MD_LIMIT, mdEscape, renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { resultSchema } from '../../src/result/schema.js';
import { runCli } from '../helpers/cli.js';
import { weekLog } from '../helpers/week-log.js';

const OPTIONS = { year: 2022, now: () => new Date('2022-12-01T00:00:00Z') };
const week = analyzeText(weekLog().text, 'messages', OPTIONS);

describe('a week of messages with the same soft lockup 50 times', () => {
  it('is one problem with 50 occurrences, every 3-4 h from Nov 12 to Nov 19', () => {
    expect(resultSchema.safeParse(week).success).toBe(true);
    expect(week.incidents).toHaveLength(50);
    expect(week.summary.problems).toHaveLength(1);
    expect(week.summary.problems[0]).toMatchObject({
      signatureText: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy',
      kind: 'soft-lockup',
      culprit: 'blk_set_queue_dying',
      occurrences: 50,
      hosts: ['node-2'],
      firstSeen: '2022-11-12T10:10:59',
      interval: { minSeconds: 3 * 3600, maxSeconds: 4 * 3600 },
    });
    expect(week.summary.problems[0]!.incidents).toEqual(week.incidents.map((i) => i.id));
    expect(week.summary.problems[0]!.lastSeen?.slice(0, 10)).toBe('2022-11-19');
  });

  it('says it once in the verdict and the findings', () => {
    expect(week.summary.verdict).toMatch(/^The same soft lockup in blk_set_queue_dying 50 times on node-2 from Nov 12 10:10 to Nov 19 \d\d:\d\d, every 3-4 h\. The first: /);
    const about = week.findings.filter((f) => f.code === 'finding.incident' || f.code === 'finding.recurring');
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ code: 'finding.recurring', severity: 'critical' });
    expect(about[0]!.incidents).toHaveLength(50);
    // The notes and the known pattern of the problem are said once, not once per occurrence.
    expect(week.findings.filter((f) => f.code === 'finding.knownIssue')).toHaveLength(1);
    expect(week.findings.filter((f) => f.code === 'note.irq.popf')).toHaveLength(1);
  });

  it('says it in Chinese too', () => {
    expect(t('zh', week.summary.verdictCode, week.summary.verdictParams)).toContain('共发生 50 次，每隔 3-4 小时一次');
  });

  it('gives the text report one section and the list of the 50 occurrences, with their dates', () => {
    const text = renderText(week, { color: false });
    expect(text.match(/^I\d+ {2}soft lockup in blk_set_queue_dying/gm)).toHaveLength(1);
    expect(text).toContain('Occurrences of this problem (50):');
    const listed = text.split('\n').filter((l) => /^ {4}I\d+ {2}CPU 12 {2}dockerd-current\[39156\] {2}2 reports {2}/.test(l));
    expect(listed).toHaveLength(50);
    expect(listed[0]).toContain('11-12 10:10:59-10:11:32');
    // A table time carries its date when the logs span days.
    expect(text).toMatch(/^ {2}I1 .* 11-12 10:10:59-10:11:32$/m);
  });

  it('fits a Markdown report under 60,000 characters, the occurrences cut with a pointer to the full reports', () => {
    const md = renderMarkdown(week);
    expect(md.length).toBeLessThan(MD_LIMIT);
    expect(md).toContain('**Occurrences of this problem (50)**');
    expect(md).toContain('30 more, see the JSON/HTML report');
    expect(renderMarkdown(week, 'zh').length).toBeLessThan(MD_LIMIT);
  });

  it('dates the HTML timeline axis: no label is a bare time of day', () => {
    const page = renderHtml(week);
    const axis = /<g class="axis">(.*?)<\/g>/s.exec(page)![1]!;
    const labels = [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(3);
    for (const label of labels) expect(label).toMatch(/^11-\d\d(?: \d\d:\d\d)?$/);
  });
});

describe('one problem on several hosts', () => {
  it('is one problem with the occurrences of every host', () => {
    const a = weekLog({ occurrences: 3, host: 'node-2' }).text;
    const b = weekLog({ occurrences: 3, host: 'node-3', offsetMs: 5 * 60_000 }).text;
    const result = analyzeText(`${a}${b}`, 'messages', OPTIONS);
    expect(result.summary.problems).toHaveLength(1);
    expect(result.summary.problems[0]).toMatchObject({ occurrences: 6, hosts: ['node-2', 'node-3'] });
    expect(result.summary.verdict).toMatch(/^The same soft lockup in blk_set_queue_dying 6 times on 2 hosts \(node-2, node-3\) from Nov 12 10:10 to /);
  });
});

/** A WARNING in a function of its own: each one another problem. */
function warning(n: number): string {
  const at = `Nov 12 ${String(10 + Math.floor(n / 3600)).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  const fn = `driver_${n}_check`;
  return [
    `WARNING: CPU: 3 PID: ${1000 + n} at drivers/misc/d${n}.c:${n} ${fn}+0x1a/0x40 [d${n}]`,
    `CPU: 3 PID: ${1000 + n} Comm: worker${n} Not tainted 4.19.0 #1`,
    `RIP: 0010:${fn}+0x1a/0x40 [d${n}]`,
    'Call Trace:',
    ` driver_${n}_probe+0x55/0x90 [d${n}]`,
    ' really_probe+0x1b0/0x3a0',
    ' worker_thread+0x4c/0x3f0',
    ' kthread+0x11e/0x140',
    ' ret_from_fork+0x35/0x40',
    '---[ end trace 0000000000000000 ]---',
  ]
    .map((l) => `${at} node-9 kernel: ${l}`)
    .join('\n');
}

describe('Markdown of a log with hundreds of different problems', () => {
  const many = analyzeText(`${Array.from({ length: 400 }, (_, n) => warning(n)).join('\n')}\n`, 'messages', OPTIONS);

  it('has them all in the result', () => {
    expect(many.summary.problems).toHaveLength(400);
  });

  it('stays under the limit, whatever the limit, saying where the rest is', () => {
    for (const limit of [MD_LIMIT, 32_767, 5_000]) {
      const md = renderMarkdown(many, 'en', { limit });
      expect(md.length).toBeLessThanOrEqual(limit);
      expect(md).toMatch(/more, see the JSON\/HTML report/);
    }
  });

  it('keeps the verdict at the top however tight', () => {
    expect(renderMarkdown(many, 'en', { limit: 5_000 })).toContain(`**Verdict:** ${mdEscape(many.summary.verdict)}`);
  });

  it('is cut by --md-limit from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktriage-md-'));
    const path = join(dir, 'messages');
    writeFileSync(path, `${Array.from({ length: 400 }, (_, n) => warning(n)).join('\n')}\n`);
    const run = runCli(['analyze', path, '--year', '2022', '--format', 'md', '--md-limit', '32767']);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeLessThanOrEqual(32_767 + 1);
    expect(runCli(['analyze', path, '--format', 'md', '--md-limit', 'lots']).status).toBe(2);
  });
});
