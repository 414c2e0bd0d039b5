// The fleet page: one self-contained file like the node report (same policy idea, style and escaping), no script.
import { describe, expect, it } from 'vitest';
import { renderFleet } from '../../src/render/fleet/index.js';
import type { ProblemList } from '../../src/store/views.js';

const hostile = '<img src=x onerror=alert(1)>';
const list: ProblemList = {
  asOf: '2022-11-12T02:22:23.000Z',
  filter: {},
  more: 3,
  problems: [
    {
      id: 7,
      signature: 'b50e6a07f73b',
      signatureText: `soft-lockup|${hostile}`,
      signatureVersion: 1,
      kind: 'soft-lockup',
      culprit: hostile,
      title: `soft lockup in ${hostile}`,
      status: 'recurring',
      knownIssue: null,
      hosts: 40,
      occurrences: 52,
      reports: 900,
      firstSeen: '2022-11-01T00:00:00.000Z',
      lastSeen: '2022-11-12T02:22:23.000Z',
    },
  ],
};

describe('fleet views', () => {
  const page = renderFleet({ view: 'problems', store: 'postgres://triage:***@db/fleet', data: list }, 'html');

  it('is one page that loads nothing and runs no script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replace(/&#39;/g, "'") ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(page).not.toMatch(/<script|<link|src="http|href="http/);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it('escapes what came from logs', () => {
    expect(page).not.toContain(hostile);
    expect(page).toContain('soft lockup in &lt;img src=x onerror=alert(1)&gt;');
  });

  it('lists by impact with the counts a reader checks, in text, Markdown and Chinese', () => {
    expect(page).toMatch(/<td class="num">40<\/td><td class="num">52<\/td>/);
    expect(page).toContain('3 more');
    const text = renderFleet({ view: 'problems', store: 's', data: list }, 'text');
    expect(text).toMatch(/7\s+recurring\s+40\s+52\s+2022-11-12 02:22Z\s+soft-lockup/);
    expect(renderFleet({ view: 'problems', store: 's', data: list }, 'md')).toContain('| 7 | recurring | 40 | 52 |');
    expect(renderFleet({ view: 'problems', store: 's', data: list }, 'text', 'zh')).toContain('反复出现');
  });
});
