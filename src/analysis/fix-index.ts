// Matches incidents against the fix commits of `--kb` indexes (`ktriage kb index`): a commit whose message quotes a
// report of the same kind, blamed on the same function, with the same callers, as the known-issue rules match
// (exact signature, culprit and caller, culprit only). The first release tag holding the commit says which kernels
// have the fix: a node whose kernel has it is listed as doubtful (other-kernel). Codes and data only.
import type { FixEntry, FixIndex } from '../kb/index-file.js';
import { MATCH_CONFIDENCES } from '../result/known-issue-match.js';
import type { KnownIssueMatch } from '../result/known-issue-schema.js';
import type { UnsaidIncident } from '../result/unsaid.js';
import { kernelsOfTag, kernelVerdict, type KernelVerdict } from './kernel-range.js';
import { incidentKeys, matchRule, type IncidentKeys } from './known-issues.js';

/** Fix commits named per incident: a busy function may be quoted by many commits. */
const MAX_PER_INCIDENT = 5;
const rank = (m: KnownIssueMatch) => MATCH_CONFIDENCES.indexOf(m.confidence);

type Quoted = { readonly entry: FixEntry; readonly report: FixEntry['reports'][number] };

/** The reports of an index by the function they blame, built once per index. */
const byCulprit = new WeakMap<FixIndex, Map<string, Quoted[]>>();
function culpritMap(index: FixIndex): Map<string, Quoted[]> {
  let map = byCulprit.get(index);
  if (map) return map;
  map = new Map();
  for (const entry of index.entries) {
    for (const report of entry.reports) {
      if (!report.culprit || !report.kind) continue;
      const list = map.get(report.culprit) ?? [];
      list.push({ entry, report });
      map.set(report.culprit, list);
    }
  }
  byCulprit.set(index, map);
  return map;
}

function verdictOf(kernel: string | null, tag: string | null): KernelVerdict {
  const kernels = tag ? kernelsOfTag(tag) : null;
  return kernels ? kernelVerdict(kernel, kernels).verdict : 'unknown';
}

function matchQuoted(i: UnsaidIncident, k: IncidentKeys, { entry, report }: Quoted, index: FixIndex): KnownIssueMatch | null {
  if (report.kind !== i.kind) return null;
  const callers = report.frames.slice(report.frames.indexOf(report.culprit!) + 1);
  const rule = matchRule({ signatures: report.signature ? [report.signature] : [], culprit: [report.culprit!], callers }, k);
  if (!rule) return null;
  const verdict = verdictOf(i.kernel, entry.tag);
  const references = [...entry.closes, ...entry.links].filter((u) => u.startsWith('https://'));
  return {
    incident: i.id,
    id: entry.commit.slice(0, 12),
    source: 'fix-index',
    index: index.path,
    title: entry.subject,
    // The node's kernel already has the fix: the same report, but likely another bug (or the fix is incomplete).
    status: verdict === 'fixed' ? 'other-kernel' : 'match',
    confidence: rule.confidence,
    keys: verdict === 'in-range' ? [...rule.keys, 'kernel'] : rule.keys,
    callers: rule.callers,
    kernel: verdict,
    state: 'confirmed-fix',
    fix: { commit: entry.commit.slice(0, 12), subject: entry.subject, release: entry.tag, distros: [] },
    report: references[0] ?? null,
    confirm: null,
    workaround: null,
    references,
  };
}

/** Per root incident the strongest fix commits first, those the node's kernel lacks before those it has. */
export function matchFixIndexes(incidents: readonly UnsaidIncident[], indexes: readonly FixIndex[]): KnownIssueMatch[] {
  if (indexes.length === 0) return [];
  const out: KnownIssueMatch[] = [];
  for (const i of incidents) {
    if (i.role === 'victim') continue;
    const k = incidentKeys(i);
    const found = new Map<string, KnownIssueMatch>();
    for (const index of indexes) {
      const map = culpritMap(index);
      for (const culprit of k.culprits) {
        for (const quoted of map.get(culprit) ?? []) {
          const m = matchQuoted(i, k, quoted, index);
          // One match per commit (its message may quote the report twice, two indexes may hold it).
          const seen = m ? found.get(m.id) : undefined;
          if (m && (!seen || rank(m) < rank(seen))) found.set(m.id, m);
        }
      }
    }
    const ranked = [...found.values()].sort((a, b) => rank(a) - rank(b) || Number(a.status !== 'match') - Number(b.status !== 'match'));
    out.push(...ranked.slice(0, MAX_PER_INCIDENT));
  }
  return out;
}
