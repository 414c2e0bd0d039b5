import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/analyzer.js';
import { renderHtml } from '../../../src/render/html/index.js';
import { convert, parseBundle } from '../../helpers/convert.js';
import { HOSTILE_COMM, HOSTILE_LOG } from '../../helpers/hostile-log.js';

const NODE2 = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8');
const NOW = () => new Date('2022-11-13T00:00:00Z');
const node2 = analyzeText(NODE2, 'messages', { now: NOW });
const page = renderHtml(node2);

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;
const inline = (tag: string, text: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)![1]!;
const between = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('HTML report of node-2', () => {
  it('is one self-contained document under 1 MB', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(count(page, /<html/g)).toBe(1);
    expect(Buffer.byteLength(page)).toBeLessThan(1024 * 1024);
    // Nothing is loaded: no src attribute, no stylesheet link, links only to anchors of the page.
    expect(page).not.toMatch(/\ssrc\s*=/i);
    expect(page).not.toMatch(/<link\b/i);
    expect(page.match(/\shref="[^"]*"/g)!.every((h) => h.startsWith(' href="#'))).toBe(true);
    // url() only names the arrow heads of the timeline and of the wait-for graph (CPU 13 and 15 wait for CPU 12).
    expect(new Set(page.match(/url\([^)]*\)/g))).toEqual(new Set(['url(#arrow)', 'url(#wg-arrow)']));
  });

  it('forbids network requests by CSP and lets only its own script and style run (by hash)', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${sha(inline('script', page))}`);
    expect(csp).toContain(`style-src ${sha(inline('style', page))}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('has the summary header: host, kernel, hardware, time span and verdict', () => {
    const header = /<header class="top">[\s\S]*?<\/header>/.exec(page)![0];
    expect(header).toContain('node-2');
    expect(header).toContain('3.10.0-693.11.1.el7.es.10.x86_64');
    expect(header).toContain('Dell Inc. PowerEdge R740');
    expect(header).toContain('2022-11-12 10:05:01+08:00 to 2022-11-12 10:23:10+08:00 (18 min 9 s)');
    expect(header).toContain(node2.summary.verdict);
  });

  it('draws a timeline lane per lockup with a tick per report, and the rbd event lane', () => {
    expect(count(page, /class="lane lane-incident/g)).toBe(3);
    const lanes = page.split('<g class="lane ').filter((l) => l.startsWith('lane-incident'));
    expect(lanes.map((l) => count(l, /class="tick"/g))).toEqual([24, 14, 8]);
    expect(page).toMatch(/class="lane lane-event" data-event-kind="rbd"/);
    // Both victims point at their culprit.
    expect(count(page, /class="link"[^>]*data-tip="waits for I1"/g)).toBe(2);
  });

  it('renders every incident with its flame graph, histogram, trace and raw lines', () => {
    const i1 = between(page, 'id="incident-I1"', 'id="incident-I2"');
    expect(count(page, /<details class="incident /g)).toBe(3);
    expect(i1).toContain('data-fn="blk_set_queue_dying"');
    expect(i1).toMatch(/class="fl fl-loop"[^>]*data-fn="blk_set_queue_dying"/);
    expect(i1).toContain('_raw_spin_unlock_irqrestore+0x15');
    expect(i1).toMatch(/<li class="frame unreliable"><span class="fn"><bdi>\? dev_suspend\+0x250\/0x250 \[dm_mod\]/);
    expect(i1).toContain('soft lockup occurred earlier');
    expect(i1).toMatch(/<td class="ln"><a href="#incident-I1-L9"[^>]*title="messages:9">9<\/a><\/td><td><bdi>NMI watchdog: BUG: soft lockup - CPU#12 stuck for 22s! \[dockerd-current:39156\]/);
  });

  it('draws the flame graph from every sample\'s own stack, RIP first', () => {
    const culprit = node2.incidents[0]!;
    expect(culprit.samples.every((s) => s.stack[0] === s.function && s.stack.includes('blk_set_queue_dying'))).toBe(true);
    // 18 of the 24 RIPs are in _raw_spin_unlock_irqrestore (16 at +0x15, 2 at +0x1b): its icicle frames add up to them.
    const frames = [...page.matchAll(/data-tip="_raw_spin_unlock_irqrestore\n(\d+) of 24 samples/g)].map((m) => Number(m[1]));
    expect(frames.reduce((a, b) => a + b, 0)).toBe(18);
  });

  it('lists all incidents and events in the filterable table', () => {
    expect(count(page, /<tr class="row-incident/g)).toBe(3);
    expect(count(page, /<tr id="event-\d+" class="row-event/g)).toBe(node2.events.length);
    expect(page).toContain('-107 = ENOTCONN');
  });

  it('is a pure function of the result', () => {
    expect(renderHtml(structuredClone(node2))).toBe(page);
  });

  it('draws the timeline on kernel uptime when the log has no wall-clock time (dmesg)', () => {
    const dmesg = renderHtml(analyzeText(convert(parseBundle(NODE2), 'dmesg'), 'dmesg', { now: NOW }));
    expect(count(dmesg, /class="lane lane-incident/g)).toBe(3);
    expect(count(dmesg, /class="tick"/g)).toBe(46);
    expect(dmesg).toMatch(/<g class="axis">[^]*?<text[^>]*>\[\d+\]<\/text>/);
    expect(dmesg).toContain('seconds of kernel uptime');
  });
});

describe('HTML report of a log without incidents', () => {
  it('says so, with no timeline, incidents or findings', () => {
    const empty = renderHtml(analyzeText('Nov 12 10:00:00 node-9 systemd[1]: Started Session 1.\n', 'messages', { now: NOW, year: 2022 }));
    expect(empty).toContain('No kernel incident on node-9');
    expect(empty).toContain('No kernel incident found in the logs.');
    expect(empty).not.toContain('lane-incident');
    expect(empty).not.toContain('id="incidents"');
    expect(empty).not.toContain('id="findings"');
  });
});

describe('HTML report of a log carrying markup', () => {
  const hostile = renderHtml(analyzeText(HOSTILE_LOG, 'hostile.log', { now: NOW }));

  it('shows comm names and messages as text: the page holds no markup from the log', () => {
    expect(count(hostile, /<script/g)).toBe(1);
    expect(hostile).not.toMatch(/<img|<b onmouseover/);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('&lt;b onmouseover=alert(4)&gt;error&lt;/b&gt;');
    expect(hostile).toContain(HOSTILE_COMM.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});
