import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { contentSecurityPolicy, renderHtml } from '../../src/render/html/index.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { runCli } from '../helpers/cli.js';
import { HOSTILE_COMM, HOSTILE_LOG } from '../helpers/hostile-log.js';

const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const NOW = () => new Date('2022-11-13T00:00:00Z');
const node2 = analyzeText(readFileSync(EXAMPLE, 'utf8'), 'messages', { now: NOW });
const CJK = /[\u4e00-\u9fff]/;

describe('node-2 text report in Chinese', () => {
  const zh = renderText(node2, { color: false, lang: 'zh' });
  const section = (from: string, to: string) => zh.slice(zh.indexOf(from), zh.indexOf(to));

  it('keeps the key facts: the CPU, the loop bound, the report count, the victims, the errno and its meaning', () => {
    const verdict = section('结论', '内核事件');
    expect(verdict).toContain('CPU 12');
    expect(verdict).toContain('blk_set_queue_dying');
    expect(verdict).toContain('软锁死');
    expect(verdict).toContain('11 分 24 秒');
    expect(verdict).toMatch(/migration\/13、migration\/15 只是在等待它/);
    expect(zh).toMatch(/共 24 次报告/);
    expect(zh).toContain('-107 = ENOTCONN');
    expect(zh).toContain('传输端点尚未连接');
    expect(zh).toMatch(/migration\/13.*是受害者，不是根因/);
    expect(zh).toContain('重新打开中断');
  });

  it('names the kdump and softlockup_panic next step first, with sysctl names untranslated', () => {
    const steps = zh.slice(zh.indexOf('后续步骤'));
    expect(steps).toMatch(/1\. 下次抓取 vmcore：启用 kdump 并设置 kernel\.softlockup_panic=1/);
    expect(steps).toContain('kernel.softlockup_all_cpu_backtrace=1');
    expect(steps).toContain('向存储（Ceph）团队询问 `rbd: rbdN: encountered watch error: -107`');
  });

  it('has no English heading or label left, and every finding and next step is in Chinese', () => {
    for (const english of ['VERDICT', 'INCIDENTS', 'FINDINGS', 'EVENTS', 'NEXT STEPS', 'Where ', 'When ', 'Loop bound', 'Call trace', 'RIP samples', 'Evidence', 'victim of', 'culprit', ' note ']) {
      expect(zh, english).not.toContain(english);
    }
    const findings = section('发现', '\n\nI1  ').split('\n').filter((l) => /^ {2}(!!| !| i) /.test(l));
    expect(findings.length).toBe(node2.findings.length);
    for (const line of findings) expect(line).toMatch(CJK);
  });

  it('leaves the English report as it was', () => {
    expect(renderText(node2, { color: false })).toBe(renderText(node2, { color: false, lang: 'en' }));
    expect(renderText(node2, { color: false })).toContain('VERDICT\n  Soft lockup on node-2 CPU 12');
  });
});

describe('Markdown and HTML in Chinese', () => {
  it('gives Markdown Chinese headings and table columns', () => {
    const md = renderMarkdown(node2, 'zh');
    const headings = md.split('\n').filter((l) => /^#{1,3} /.test(l));
    expect(headings.slice(0, 7)).toEqual(['# ktriage 诊断报告', '## 内核事件', '## 谁在等谁', '## 发现', '## 日志事件', '## 后续步骤', '## 事件详情']);
    expect(md).toContain('| 编号 | 角色 | 标题 | CPU | 任务 | 报告数 | 时间 |');
    expect(md).toContain('**结论：**');
  });

  it('marks the HTML page as Chinese and keeps its content security policy', () => {
    const page = renderHtml(node2, 'zh');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain(`content="${contentSecurityPolicy().replace(/'/g, '&#39;')}"`);
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('关键发现');
    expect(page).toContain('blk_set_queue_dying 中的软锁死');
    for (const english of ['>Key findings<', '>Timeline<', 'Icicle graph', 'Notable log events', 'waits for', 'holds up', '>Where<', 'Call trace']) expect(page, english).not.toContain(english);
  });

  it('escapes log text in the Chinese HTML page too', () => {
    const hostile = renderHtml(analyzeText(HOSTILE_LOG, 'hostile.log', { now: NOW }), 'zh');
    expect(hostile.match(/<script/g)).toHaveLength(1);
    expect(hostile).not.toMatch(/<img|<b onmouseover/);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain(HOSTILE_COMM.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});

describe('ktriage analyze --lang', () => {
  it('prints the Chinese report with --lang zh or KTRIAGE_LANG=zh', () => {
    const flag = runCli(['analyze', '--lang', 'zh', EXAMPLE]);
    expect(flag.status).toBe(0);
    expect(flag.stdout).toContain('结论');
    const env = runCli(['analyze', EXAMPLE], { env: { KTRIAGE_LANG: 'zh' } });
    expect(env.stdout).toBe(flag.stdout);
  });

  it('keeps the JSON document English whatever the language', () => {
    const json = runCli(['analyze', '--lang', 'zh', '-f', 'json', EXAMPLE]);
    expect(json.status).toBe(0);
    expect(json.stdout).not.toMatch(CJK);
    expect(JSON.parse(json.stdout).summary.verdictCode).toBe('verdict.incident');
  });

  it('refuses an unknown language with exit code 2', () => {
    for (const run of [runCli(['analyze', '--lang', 'xx', EXAMPLE]), runCli(['analyze', EXAMPLE], { env: { KTRIAGE_LANG: 'xx' } })]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('--lang must be one of en, zh, not "xx"');
      expect(run.stdout).toBe('');
    }
  });
});
