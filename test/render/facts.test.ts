import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { DETAIL_LABELS, detailValue } from '../../src/i18n/details.js';
import type { Lang } from '../../src/i18n/index.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import type { Result } from '../../src/result/schema.js';
import { log } from '../detectors/tester.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const node2 = analyzeText(readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8'), 'messages.node-2.20221112.log', { now: NOW });
const text = (r: Result, lang: Lang = 'en') => renderText(r, { color: false, lang });

const OOM = log(`
  Nov 12 10:00:01 node-3 kernel: stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
  Nov 12 10:00:01 node-3 kernel: CPU: 3 PID: 22345 Comm: stress Not tainted 5.15.0-91-generic #101-Ubuntu
  Nov 12 10:00:01 node-3 kernel: Call Trace:
  Nov 12 10:00:01 node-3 kernel:  dump_stack_lvl+0x4a/0x63
  Nov 12 10:00:01 node-3 kernel:  out_of_memory+0x106/0x2e0
  Nov 12 10:00:01 node-3 kernel: Out of memory: Killed process 1234 (java) total-vm:16785448kB, anon-rss:16777224kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:32808kB oom_score_adj:0
`);
const oom = analyzeText(OOM, 'messages', { now: NOW });

const KASAN = log(`
  [   46.527263] ==================================================================
  [   46.534540] BUG: KASAN: use-after-free in binder_release_work+0x8c/0x260 at addr ffff8801ce6e8e10
  [   46.543138] Read of size 8 by task kworker/1:2/2403
  [   46.548094] CPU: 1 PID: 2403 Comm: kworker/1:2 Not tainted 4.9.86-gb324a70 #1
  [   46.555466] Call Trace:
  [   46.558047]  dump_stack+0xc1/0x128
  [   46.561575]  kasan_report+0x275/0x360
  [   46.574905]  __list_del_entry+0x196/0x1d0
  [   46.579240]  binder_release_work+0x8c/0x260
  [   46.583555]  binder_thread_release+0x428/0x600
  [   46.588126]  binder_deferred_func+0x43f/0xd10
  [   46.603218]  process_one_work+0x7e0/0x1610
  [   46.620166]  kthread+0x26d/0x300
  [   46.627954]  ret_from_fork+0x5c/0x70
`);

describe('small facts of the report', () => {
  it('"Logs cover" runs from the earliest to the latest time, wherever those lines are', () => {
    const r = analyzeText(log(`
      Nov 12 10:05:00 node-1 sshd[1]: session opened
      Nov 12 10:30:00 node-1 kernel: eth0: link up
      Nov 12 09:00:00 node-1 kernel: rotated in from an older file
      Nov 12 10:10:00 node-1 sshd[1]: session closed
    `), 'messages', { now: NOW });
    expect([r.summary.firstSeen?.slice(11, 19), r.summary.lastSeen?.slice(11, 19)]).toEqual(['09:00:00', '10:30:00']);
    expect(text(r)).toMatch(/^Logs cover \d{4}-11-12 09:00:00 to \d{4}-11-12 10:30:00$/m);
  });

  it('the OOM verdict names the killed task, and the task that invoked the killer apart', () => {
    expect(oom.summary.verdict).toBe('OOM kill on node-3: killed java (PID 1234); invoked by stress (PID 22345) on CPU 3.');
    expect(text(oom, 'zh')).toContain('node-3 上发生 OOM 杀进程：杀死了任务 java（PID 1234），由 CPU 3 上的任务 stress（PID 22345）触发。');
    expect(oom.findings[0]!.text).toBe('OOM kill: 1 report at 10:00:01; killed java (PID 1234); invoked by stress (PID 22345) on CPU 3.');
  });

  it('a RHEL 6/7 `Out of memory: Kill process` line alone is an OOM incident with its victim', () => {
    const r = analyzeText('Nov 12 10:00:01 node-3 kernel: Out of memory: Kill process 1234 (java) score 912 or sacrifice child\n', 'messages', { now: NOW });
    expect(r.incidents.map((i) => [i.kind, i.details['victimComm'], i.details['victimPid']])).toEqual([['oom', 'java', 1234]]);
    expect(r.summary.verdict).toBe('OOM kill on node-3: killed java (PID 1234).');
  });

  it('names evidence as path:line, one token each, as terminals and editors open them', () => {
    const evidence = text(node2).split('\n').find((l) => l.startsWith('  Evidence: '))!;
    expect(evidence).toMatch(/^ {2}Evidence: messages\.node-2\.20221112\.log:\d+ messages\.node-2\.20221112\.log:\d+ /);
    expect(evidence).toMatch(/ and 12 more$/);
  });

  it('a victim waits in its function; only a root incident has a culprit', () => {
    const i2 = text(node2).split('\n\n').find((s) => s.startsWith('I2 '))!;
    expect(i2).toMatch(/^ {2}Waits in +multi_cpu_stop$/m);
    expect(i2).not.toContain('Culprit');
    expect(text(node2).split('\n\n').find((s) => s.startsWith('I1 '))).toMatch(/^ {2}Culprit +blk_set_queue_dying$/m);
    expect(renderMarkdown(node2)).toContain('| Waits in | `multi_cpu_stop` |');
    expect(renderHtml(node2)).toMatch(/<dt>Waits in<\/dt><dd>(?:<bdi>)?<code>multi_cpu_stop<\/code>/);
  });

  it.each([
    ['OOM', oom],
    ['KASAN', analyzeText(KASAN, 'dmesg', { now: NOW })],
  ])('%s: no JSON key is a label in text, Markdown or HTML, in either language', (_name, r) => {
    const keys = r.incidents.flatMap((i) => Object.keys(i.details));
    expect(keys.length).toBeGreaterThan(3);
    for (const lang of ['en', 'zh'] as const) {
      const [t, md, page] = [text(r, lang), renderMarkdown(r, lang), renderHtml(r, lang)];
      for (const key of keys) {
        expect(t, key).not.toMatch(new RegExp(`^ {2}${key} `, 'm'));
        expect(md, key).not.toMatch(new RegExp(`^\\| ${key} \\|`, 'm'));
        expect(page, key).not.toContain(`<dt>${key}</dt>`);
      }
    }
    expect(text(oom)).toMatch(/^ {2}Killed task +java$/m);
    expect(text(oom)).toMatch(/^ {2}Memory cgroup OOM +no$/m);
  });

  it('names the modules that tainted the kernel, in the incident and with each taint letter they brought', () => {
    expect(node2.incidents[0]!.details['taintedBy']).toBe('i40e(OE) megaraid_sas(OE)');
    const taint = node2.findings.find((f) => f.code === 'finding.taint')!.text;
    expect(taint).toContain('O = externally-built (out-of-tree) module loaded (i40e, megaraid_sas); E = unsigned module loaded (i40e, megaraid_sas)');
    expect(taint).toContain('W = kernel issued a warning earlier;');
    expect(text(node2)).toMatch(/^ {2}Tainted by +i40e\(OE\) megaraid_sas\(OE\)$/m);
    expect(text(node2, 'zh')).toContain('O = 加载了外部构建的（树外）模块（i40e, megaraid_sas）');
  });

  it('says one of a thing in the singular', () => {
    const r = analyzeText(log(`
      Nov 12 09:59:30 node-3 kernel: sd 0:0:0:0: [sda] tag#1 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE
      Nov 12 10:00:01 node-3 kernel: Out of memory: Kill process 1234 (java) score 912 or sacrifice child
    `), 'messages', { now: NOW });
    const all = [text(r), renderMarkdown(r), renderHtml(r), ...r.findings.map((f) => f.text), ...r.nextSteps.map((s) => s.text)].join('\n');
    expect(all).toContain('1 line at 09:59:30');
    expect(all).not.toMatch(/\b1 (?:lines|reports|inputs|message groups|routine lines|incidents)\b/);
  });

  it('marks the frames of an interrupt stack, not those of the task stack every 5.x+ x86 trace is bracketed in', () => {
    const r = analyzeText(log(`
      [  120.000000] watchdog: BUG: soft lockup - CPU#2 stuck for 22s! [kworker/2:1:345]
      [  120.000010] CPU: 2 PID: 345 Comm: kworker/2:1 Not tainted 5.15.0-91-generic #101-Ubuntu
      [  120.000020] RIP: 0010:nvme_poll_cq+0x4c/0x1a0 [nvme]
      [  120.000030] Call Trace:
      [  120.000040]  <IRQ>
      [  120.000050]  nvme_irq+0x2d/0x40 [nvme]
      [  120.000060]  __handle_irq_event_percpu+0x3b/0x190
      [  120.000070]  </IRQ>
      [  120.000080]  <TASK>
      [  120.000090]  nvme_timeout+0x1e0/0x3a0 [nvme]
      [  120.000100]  process_one_work+0x228/0x3d0
      [  120.000110]  </TASK>
    `), 'dmesg', { now: NOW });
    for (const report of [text(r), renderMarkdown(r)]) {
      expect(report).toMatch(/__handle_irq_event_percpu\+0x3b\/0x190 +<- IRQ/);
      expect(report).toMatch(/nvme_timeout\+0x1e0\/0x3a0 \[nvme\]\n/);
      expect(report).not.toContain('TASK');
    }
  });
});

describe('event groups show a real line', () => {
  const rbd = node2.events.find((e) => e.template === 'rbd: rbdN: encountered watch error: -107')!;
  const example = `${rbd.example.path}:${rbd.example.line}`;

  it('keeps one verbatim line with its path:line, subject numbers and all', () => {
    expect(rbd.example.text).toMatch(/^rbd: rbd\d: encountered watch error: -107$/);
    expect(readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8').split('\n')[rbd.example.line - 1]).toContain(rbd.example.text);
  });

  it('prints it under the template in text, beside it in Markdown and HTML', () => {
    const lines = text(node2).split('\n');
    const at = lines.findIndex((l) => l.includes('rbd: rbdN: encountered watch error: -107  ('));
    expect(lines[at + 1]!.trim()).toBe(`example: ${example}  ${rbd.example.text}`);
    expect(text(node2, 'zh')).toContain(`示例：${example}  ${rbd.example.text}`);
    expect(renderMarkdown(node2)).toContain(`\`rbd: rbdN: encountered watch error: -107\`<br>example: \`${example}\` \`${rbd.example.text}\``);
    expect(renderHtml(node2)).toMatch(new RegExp(`example <bdi>${example.replace(/\./g, '\\.')}</bdi></span> <code><bdi>${rbd.example.text}</bdi></code>`));
  });
});

describe('detail labels', () => {
  // Every key a detector writes as a literal (`details['bugType']`, or a name in a list written in a loop).
  const sources = ['src/reports', 'src/reports/detectors'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')));
  const written = new Set(sources.flatMap((s) => [...s.matchAll(/details\[\s*'(\w+)'\s*\]\s*=/g)].map((m) => m[1]!)));

  it('has an English and a Chinese label for every detail a detector writes', () => {
    expect(written.size).toBeGreaterThan(60);
    for (const key of written) {
      const row = DETAIL_LABELS[key];
      expect(row, key).toBeDefined();
      expect(row![1], key).not.toBe('');
    }
  });

  it('says the enumerated values scripts compare (JSON stays English) in Chinese, and leaves other values as printed', () => {
    expect(detailValue('zh', 'severity', 'corrected')).toBe('已纠正');
    expect(detailValue('zh', 'blamed', 'freed-by')).toBe('释放者');
    expect(detailValue('zh', 'access', 'supervisor read access in kernel mode')).toBe('内核态读访问');
    expect(detailValue('en', 'severity', 'corrected')).toBe('corrected');
    expect(detailValue('zh', 'cache', 'kmalloc-64')).toBe('kmalloc-64');
    expect(detailValue('zh', 'panic', true)).toBe('是');
    const r = analyzeText(log(`
      [  100.000001] mce: [Hardware Error]: Machine check events logged
      [  100.000002] EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x12345 offset:0x0 grain:32 syndrome:0x0)
    `), 'dmesg', { now: NOW });
    const zh = renderText(r, { color: false, lang: 'zh' });
    expect(zh).toMatch(/^ {2}严重程度 +已纠正$/m);
  });
});
