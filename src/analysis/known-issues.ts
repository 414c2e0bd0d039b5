// Matches incidents against the known-issue entries: which keys agreed, how strongly, and whether the node's kernel
// is one the issue affects. Produces data only; the sentences are made in i18n/.
import { baseFunctionName } from '../knowledge/frames.js';
import type { KnownIssue } from '../knowledge/known-issues/schema.js';
import { isDetailMessage } from '../reports/codes.js';
import type { UnsaidDetail, UnsaidIncident } from '../result/unsaid.js';
import type { KnownIssueMatch, MATCH_KEYS } from '../result/known-issue-schema.js';
import { kernelVerdict } from './kernel-range.js';

type Key = (typeof MATCH_KEYS)[number];

/** What of an incident a known issue can match on. */
export interface IncidentKeys {
  readonly kind: string;
  /** The incident's signatureText (kind|culprit|callers). */
  readonly signature: string;
  /** The culprit and the loop-bounding function. */
  readonly culprits: ReadonlySet<string>;
  /** Every reliable frame of the first report and of the samples' stacks. */
  readonly frames: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  readonly headerLines: readonly string[];
  readonly details: UnsaidIncident['details'];
}

/** Lines of the first report the header pattern is tried on (the header and the lines printed right after it). */
const HEADER_LINES = 8;

export function incidentKeys(i: UnsaidIncident): IncidentKeys {
  const culprits = [i.culprit?.function, i.loopFunction].filter((f): f is string => Boolean(f)).map(baseFunctionName);
  const frames = [...i.stack.filter((f) => f.reliable).map((f) => f.function), ...i.samples.flatMap((s) => s.stack)].map(baseFunctionName);
  const modules = [i.culprit?.module, ...i.stack.map((f) => f.module)].filter((m): m is string => Boolean(m));
  return {
    kind: i.kind,
    signature: i.signatureText,
    culprits: new Set(culprits),
    frames: new Set(frames),
    modules: new Set(modules),
    headerLines: i.lines.slice(0, HEADER_LINES).map((l) => l.text),
    details: i.details,
  };
}

type Confidence = KnownIssueMatch['confidence'];

/** Entry patterns compiled once per process, not once per incident they are tried on. */
const compiled = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source)));
  return re;
}

/** The keys an entry's match rule agrees on, or null when a required key disagrees. */
export function matchRule(rule: KnownIssue['match'], k: IncidentKeys): { keys: Key[]; callers: string[]; confidence: Confidence } | null {
  const keys: Key[] = ['kind'];
  const exact = rule.signatures?.includes(k.signature) ?? false;
  if (exact) keys.push('signature');
  if (rule.culprit) {
    if (!rule.culprit.some((f) => k.culprits.has(f))) return null;
    keys.push('culprit');
  }
  const callers = (rule.callers ?? []).filter((f) => k.frames.has(f) && !k.culprits.has(f));
  if (callers.length) keys.push('callers');
  else if (rule.requireCaller && !exact) return null;
  if (rule.module) {
    if (!k.modules.has(rule.module)) return null;
    keys.push('module');
  }
  if (rule.header) {
    const re = pattern(rule.header);
    if (!k.headerLines.some((l) => re.test(l))) return null;
    keys.push('header');
  }
  if (rule.details) {
    const agree = Object.entries(rule.details).every(([name, source]) => {
      const value = k.details[name];
      return value !== undefined && value !== null && pattern(source).test(detailData(value));
    });
    if (!agree) return null;
    keys.push('details');
  }
  const confidence: Confidence = exact ? 'signature' : rule.culprit && callers.length ? 'culprit-and-caller' : rule.culprit ? 'culprit' : 'pattern';
  return { keys, callers, confidence };
}

/** A detail as a rule matches it: data as printed; one of ktriage's phrases by its parameters (`problem: circular`), or its code. */
function detailData(value: UnsaidDetail): string {
  if (!isDetailMessage(value)) return String(value);
  const params = Object.values(value.params);
  return params.length ? params.join(' ') : value.code;
}

const CONFIDENCE_ORDER: readonly Confidence[] = ['signature', 'culprit-and-caller', 'culprit', 'pattern'];

function fixOf(e: KnownIssue): KnownIssueMatch['fix'] {
  const distros = (e.kernels.distros ?? []).filter((d) => d.fixed).map((d) => ({ name: d.name, release: d.fixedRelease ?? null, kernel: d.fixed! }));
  if (e.evidence.state !== 'confirmed-fix') return null;
  return { commit: e.evidence.commit.id, subject: e.evidence.commit.subject, release: e.kernels.upstream.fixed ?? null, distros };
}

/** One incident against one entry. */
export function matchEntry(e: KnownIssue, i: UnsaidIncident, k: IncidentKeys = incidentKeys(i)): KnownIssueMatch | null {
  if (!(e.kinds as readonly string[]).includes(i.kind)) return null;
  const rule = matchRule(e.match, k);
  if (!rule) return null;
  const { verdict } = kernelVerdict(i.kernel, e.kernels);
  const inRange = verdict === 'in-range' || verdict === 'unknown';
  return {
    incident: i.id,
    id: e.id,
    source: 'knowledge',
    title: e.title.en,
    status: inRange ? 'match' : 'other-kernel',
    confidence: rule.confidence,
    keys: verdict === 'in-range' ? [...rule.keys, 'kernel'] : rule.keys,
    callers: rule.callers,
    kernel: verdict,
    state: e.evidence.state,
    fix: fixOf(e),
    report: 'report' in e.evidence ? (e.evidence.report ?? null) : null,
    confirm: e.confirm ?? null,
    workaround: e.workaround?.en ?? null,
    references: e.references,
  };
}

/** Matches of every root incident, per incident the matches first, then the other-kernel ones, strongest first. */
export function matchKnownIssues(incidents: readonly UnsaidIncident[], entries: readonly KnownIssue[]): KnownIssueMatch[] {
  const out: KnownIssueMatch[] = [];
  for (const i of incidents) {
    if (i.role === 'victim') continue;
    const k = incidentKeys(i);
    const found = entries.map((e) => matchEntry(e, i, k)).filter((m): m is KnownIssueMatch => m !== null);
    found.sort((a, b) => Number(a.status !== 'match') - Number(b.status !== 'match') || CONFIDENCE_ORDER.indexOf(a.confidence) - CONFIDENCE_ORDER.indexOf(b.confidence));
    out.push(...found);
  }
  return out;
}

/** The parameters of a match's finding: what matched, how strongly, and what is known of its fix. */
export function matchParams(m: KnownIssueMatch, kernel: string | null) {
  return {
    id: m.id,
    title: m.title,
    source: m.source,
    state: m.state,
    confidence: m.confidence,
    keys: m.keys,
    callers: m.callers,
    kernel,
    verdict: m.kernel,
    commit: m.fix?.commit ?? null,
    subject: m.fix?.subject ?? null,
    release: m.fix?.release ?? null,
    distroFixes: (m.fix?.distros ?? []).map((d) => `${d.release ? `${d.release} ` : ''}kernel-${d.kernel}`),
    report: m.report,
  };
}
