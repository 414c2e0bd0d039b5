// Matches incidents against fix commits indexed from a kernel tree: a commit whose message quotes a report of the
// same kind, culprit and callers. The first tag containing it says which kernels already have it.
import { baseFunctionName } from '../knowledge/frames.js';
import type { FixEntry, FixIndex } from '../kb/index-file.js';
import type { Incident } from '../result/schema.js';
import type { KnownIssueMatch } from '../result/known-issue-schema.js';
import { kernelVerdict } from './kernel-range.js';
import { incidentKeys } from './known-issues.js';

export type { FixIndex };

/** Fix commits shown per incident: the index may hold many commits for one busy function. */
const MAX_PER_INCIDENT = 5;

/** The kernels that carry a commit first contained in this tag: v6.8-rc2 -> 6.8 on; v6.1.53 -> 6.1.53 on in 6.1. */
export function kernelsOfTag(tag: string | null): { fixed?: string; stable?: string[] } {
  const m = tag ? /^v(\d+\.\d+)(?:\.(\d+))?/.exec(tag) : null;
  if (!m) return {};
  return m[2] ? { stable: [`${m[1]}.${m[2]}`] } : { fixed: m[1]! };
}

function byCulprit(index: FixIndex): Map<string, FixEntry[]> {
  const map = new Map<string, FixEntry[]>();
  for (const e of index.entries) {
    if (!e.culprit) continue;
    const key = baseFunctionName(e.culprit);
    const list = map.get(key) ?? [];
    list.push(e);
    map.set(key, list);
  }
  return map;
}

function toMatch(i: Incident, e: FixEntry, callers: string[]): KnownIssueMatch {
  const { verdict } = kernelVerdict(i.kernel, { upstream: kernelsOfTag(e.tag) });
  return {
    incident: i.id,
    id: e.commit.slice(0, 12),
    source: 'fix-index',
    title: e.subject,
    // The node's kernel already has the fix: the same shape, but likely another bug.
    status: verdict === 'fixed' ? 'other-kernel' : 'match',
    confidence: callers.length ? 'culprit-and-caller' : 'culprit',
    keys: ['kind', 'culprit', ...(callers.length ? (['callers'] as const) : [])],
    callers,
    kernel: verdict,
    state: 'confirmed-fix',
    fix: { commit: e.commit.slice(0, 12), subject: e.subject, release: e.tag, distros: [] },
    report: e.closes[0] ?? null,
    confirm: null,
    workaround: null,
    references: e.closes.filter((c) => c.startsWith('https://')),
  };
}

export function matchFixIndex(incidents: readonly Incident[], index: FixIndex): KnownIssueMatch[] {
  const culprits = byCulprit(index);
  const out: KnownIssueMatch[] = [];
  for (const i of incidents) {
    if (i.role === 'victim') continue;
    const k = incidentKeys(i);
    const candidates = [...k.culprits].flatMap((c) => culprits.get(c) ?? []).filter((e) => e.kind === i.kind);
    const found = candidates.map((e) => toMatch(i, e, e.callers.map(baseFunctionName).filter((f) => k.frames.has(f) && !k.culprits.has(f))));
    // Commits that quote the same callers first; among equals, those the node's kernel lacks.
    found.sort((a, b) => b.callers.length - a.callers.length || Number(a.status !== 'match') - Number(b.status !== 'match'));
    out.push(...found.slice(0, MAX_PER_INCIDENT));
  }
  return out;
}
