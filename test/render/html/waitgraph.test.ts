import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/analyzer.js';
import { renderHtml } from '../../../src/render/html/index.js';
import { renderWaitGraph } from '../../../src/render/html/waitgraph.js';
import { HOSTILE_COMM } from '../../helpers/hostile-log.js';
import { at, freezeLog, hung, MUTEX_WAIT } from '../../helpers/wait-logs.js';

const count = (markup: string, re: RegExp) => [...markup.matchAll(re)].length;

describe('wait-for graph SVG', () => {
  it('draws a box per task that waits or is waited on and an arrow per wait, the holder as the root', () => {
    const r = analyzeText(freezeLog(), 'syz.log');
    const svg = renderWaitGraph(r, 'en')!.value;
    // 7561 and 7563 wait for 7559 (bd_fsfreeze_mutex), 7559 for the running holder 7547 (s_umount).
    expect(count(svg, /<g class="wg-node[^"]*"/g)).toBe(4);
    expect(count(svg, /<g class="wg-edge/g)).toBe(3);
    expect(svg).toMatch(/<g class="wg-node wg-root" data-node="task:7547"/);
    expect(svg).toContain('>lock &amp;bdev-&gt;bd_fsfreeze_mutex</text>');
    expect(svg).toContain('>per the held-locks dump</text>');
    expect(svg).toContain('>held-locks: running holder</text>');
    expect(svg).toContain('>CPU 0 · udf_fill_super</text>');
    // A hung task's box leads to its incident.
    const hungBox = /<g class="wg-node wg-incident" data-node="task:7561"[^>]*>/.exec(svg)![0];
    expect(hungBox).toMatch(/data-go="incident-I\d+"/);
    // The root is in the left column, its waiters to the right.
    const xOf = (id: string) => Number(new RegExp(`data-node="${id}"[^>]*>\\s*<rect x="([\\d.]+)"`).exec(svg)![1]);
    expect(xOf('task:7547')).toBeLessThan(xOf('task:7559'));
    expect(xOf('task:7559')).toBeLessThan(xOf('task:7561'));
    expect(xOf('task:7561')).toBe(xOf('task:7563'));
  });

  it('says it in Chinese', () => {
    const svg = renderWaitGraph(analyzeText(freezeLog(), 'syz.log'), 'zh')!.value;
    expect(svg).toContain('>据持有锁列表</text>');
    expect(svg).toContain('aria-label="等待关系图：谁在等谁"');
  });

  it('draws a holder the log does not show as a dashed box of its own', () => {
    const svg = renderWaitGraph(analyzeText([...hung(100, 'cat', 50, MUTEX_WAIT), ''].join('\n')), 'en')!.value;
    expect(count(svg, /<g class="wg-node/g)).toBe(2);
    expect(svg).toMatch(/<g class="wg-node wg-unseen" data-node="unseen:lock\|"/);
    expect(svg).toContain('class="wg-title">a lock</text>\n<text x="20" y="46" class="wg-sub">a holder the log does not show</text>');
    expect(svg).toMatch(/<g class="wg-edge wg-lock wg-to-unseen"/);
  });

  it('draws a deadlock cycle with both waits', () => {
    const log = [
      ...hung(10, 'a', 1, MUTEX_WAIT), `${at(10)} INFO: task a:1 is blocked on a mutex likely owned by task b:2.`,
      ...hung(11, 'b', 2, MUTEX_WAIT), `${at(11)} INFO: task b:2 is blocked on a mutex likely owned by task a:1.`, '',
    ].join('\n');
    const svg = renderWaitGraph(analyzeText(log), 'en')!.value;
    expect(count(svg, /<g class="wg-node wg-root/g)).toBe(2);
    expect(count(svg, /<g class="wg-edge/g)).toBe(2);
  });

  it('escapes a hostile task name in boxes, labels and tips', () => {
    const log = [
      ...hung(100, HOSTILE_COMM, 12, MUTEX_WAIT),
      `${at(100.1)} INFO: task ${HOSTILE_COMM}:12 is blocked on a mutex likely owned by task <img src=x onerror=alert(2)>:345.`,
      '',
    ].join('\n');
    const r = analyzeText(log);
    expect(r.waitGraph!.nodes.map((n) => n.comm)).toEqual([HOSTILE_COMM, '<img src=x onerror=alert(2)>']);
    const svg = renderWaitGraph(r, 'en')!.value;
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(2)&gt;/345');
    expect(svg).toContain('data-tip="&lt;script&gt;alert(1)&lt;/script&gt;/12');
    expect(count(svg, /<g class="wg-node/g)).toBe(2);
    // The page holds one script element: its own.
    expect(count(renderHtml(r, 'en'), /<script/g)).toBe(1);
  });

  it('is absent when the log shows no wait', () => {
    expect(renderWaitGraph(analyzeText('[    1.000000] hello\n'), 'en')).toBeNull();
  });
});
