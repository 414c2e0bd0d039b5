import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../analyzer.js';
import { baseFunctionName } from '../knowledge/frames.js';
import { syscallName } from '../reports/culprit.js';
import { STUCK_KINDS, type IncidentKind } from '../result/kinds.js';
import type { Incident, Result } from '../result/schema.js';
import { readWaitLine } from '../reports/wait-lines.js';
import { isLockWaitFrame } from '../knowledge/waits.js';

// Scores the analyzer against the syzkaller crash-report corpus (`../shared/corpus/syzkaller-linux`,
// whose README.md describes the case file format and index.json).

/** One entry of the corpus's index.json (the fields the evaluation reads). */
export interface CorpusCase {
  readonly file: string;
  /** Expected title of the first crash; null = no crash must be found. */
  readonly title: string | null;
  /** Other titles syzkaller accepts for the same crash (e.g. before and after a function was renamed). */
  readonly alt_titles: readonly string[];
  readonly category: string;
  readonly corrupted: boolean;
  /** Expected culprit function when the case states it apart from the title. */
  readonly frame: string | null;
}

/**
 * Which of our kinds each corpus category expects; the first rule whose title pattern matches wins.
 * `null` kinds: the category is outside our vocabulary (reported, but not in the totals).
 */
interface CategoryRule {
  readonly category: string;
  readonly title?: RegExp;
  readonly kinds: readonly IncidentKind[] | null;
}

export const CATEGORY_RULES: readonly CategoryRule[] = [
  { category: 'soft_lockup', kinds: ['soft-lockup'] },
  { category: 'hung_task', kinds: ['hung-task'] },
  { category: 'rcu_stall', kinds: ['rcu-stall'] },
  { category: 'workqueue_lockup', kinds: ['workqueue-stall'] },
  { category: 'kasan', kinds: ['kasan'] },
  { category: 'kmsan', kinds: ['kmsan'] },
  { category: 'kcsan', kinds: ['kcsan'] },
  { category: 'kfence', kinds: ['kfence'] },
  { category: 'ubsan', kinds: ['ubsan'] },
  { category: 'memory_leak', kinds: ['memory-leak'] },
  { category: 'suspicious_rcu', kinds: ['suspicious-rcu'] },
  { category: 'lockdep', kinds: ['lockdep'] },
  { category: 'spinlock_bug', kinds: ['spinlock-bug'] },
  { category: 'atomic_sleep', kinds: ['atomic-sleep'] },
  { category: 'bad_access_fault', kinds: ['bad-access'] },
  { category: 'general_protection_fault', kinds: ['general-protection-fault'] },
  { category: 'stack_overflow', kinds: ['stack-overflow'] },
  { category: 'cpu_exception', kinds: ['cpu-exception'] },
  { category: 'kernel_bug', title: /^BUG: corrupted list/, kinds: ['list-corruption'] },
  { category: 'kernel_bug', kinds: ['bug'] },
  { category: 'warning', kinds: ['warning'] },
  { category: 'kernel_panic', kinds: ['panic'] },
  { category: 'mm_fs_state', title: /^BUG: Bad (?:page (?:state|map)|rss-counter)/, kinds: ['bad-page-state'] },
  // `BUG: Dentry ... still in use` is followed by `kernel BUG at fs/dcache.c`; a double free by SLUB's `BUG cache: Object already free`.
  { category: 'mm_fs_state', title: /^BUG: (?:Dentry still in use|Object already free)/, kinds: ['bug'] },
  { category: 'mm_fs_state', kinds: null },
  { category: 'rust_panic', kinds: null },
  { category: 'trusty', kinds: null },
  { category: 'reboot', kinds: null },
  { category: 'syzkaller_or_userspace', kinds: null },
  { category: 'kasan_legacy_fragment', kinds: null },
  { category: 'corrupted_header_only', kinds: null },
  { category: 'none', kinds: [] },
];

/** Kinds that are no kernel crash: user-space faults and memory pressure are expected on a busy node. */
const NON_CRASH_KINDS: ReadonlySet<IncidentKind> = new Set(['userspace-segfault', 'oom', 'page-allocation-failure']);

/** Our kinds for a case; [] for a negative case, null when the category is outside our vocabulary. */
export function expectedKinds(c: CorpusCase): readonly IncidentKind[] | null {
  const rule = CATEGORY_RULES.find((r) => r.category === c.category && (!r.title || r.title.test(c.title ?? '')));
  return rule ? rule.kinds : null;
}

/** The function a title blames: the text after its last ` in `; null when it names none (or `corrupted`). */
function functionOfTitle(title: string): string | null {
  const at = title.lastIndexOf(' in ');
  if (at < 0) return null;
  // Old KASAN titles end in ` at addr ADDR`.
  const fn = title.slice(at + ' in '.length).replace(/ at addr ADDR$/, '');
  return fn === 'corrupted' ? null : fn;
}

/** The function the case blames (`FRAME`, else the title's); null when it names none. */
export function expectedFunction(c: CorpusCase): string | null {
  if (c.frame) return c.frame;
  return c.title ? functionOfTitle(c.title) : null;
}

/**
 * Every function the case accepts as culprit: the expected one and those of its alternative titles. A title
 * may name two (`aiptek_open/usb_submit_urb`, KCSAN's `a / b`); title normalisation turned `.part.3` into `.part.NUM`.
 */
export function acceptedFunctions(c: CorpusCase): string[] {
  const expected = expectedFunction(c);
  if (expected === null) return [];
  const alternatives = c.alt_titles.map(functionOfTitle).filter((f): f is string => f !== null);
  const names = [expected, ...alternatives].flatMap((f) => f.split(/\s*\/\s*/)).filter((f) => f && f !== 'corrupted');
  return [...new Set(names.map((f) => f.replace(/\.NUM\b/g, '.0')))];
}

/**
 * Splits a case file into header map and log, following the corpus README: `\r` removed, headers up to
 * the first empty line, log up to an optional `REPORT:` section that follows an empty line.
 */
export function splitCaseFile(text: string): { headers: Map<string, string[]>; log: string } {
  const lines = text.replace(/\r/g, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const headers = new Map<string, string[]>();
  let i = 0;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(': ');
    const key = colon >= 0 ? line.slice(0, colon) : line.replace(/:$/, '');
    const value = colon >= 0 ? line.slice(colon + 2) : '';
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  const log: string[] = [];
  for (i++; i < lines.length; i++) {
    if (lines[i] === 'REPORT:' && lines[i - 1] === '') break;
    log.push(lines[i]!);
  }
  return { headers, log: log.map((l) => `${l}\n`).join('') };
}

/** What the evaluation found for one case. */
export interface CaseOutcome {
  readonly file: string;
  readonly category: string;
  readonly expectedTitle: string | null;
  /** Our kinds cover the case's category (it counts in the totals). */
  readonly covered: boolean;
  readonly detected: boolean;
  readonly kindCorrect: boolean;
  /** The case names a culprit function, so the culprit is checked. */
  readonly culpritChecked: boolean;
  readonly culpritEqual: boolean;
  readonly corruptedAgrees: boolean;
  /** Crash-kind incidents found in a case that has none. */
  readonly falseIncidents: number;
  /** Our first root incident, as `kind: title [culprit/entry] (corrupted)`, or null. */
  readonly said: string | null;
  /** The signature text of that incident, or null. */
  readonly signatureText: string | null;
  /** A hung task of the case lists, in a held-locks dump, a lock another task's entry lists too: the dump names a holder. */
  readonly dumpNamesHolder?: boolean;
  /** We name a holder for a hung task: its node has a lock wait to a task in the wait-for graph. */
  readonly holderNamed?: boolean;
}

const sameFunction = (a: string, b: string): boolean => baseFunctionName(a) === baseFunctionName(b);

/** Log-order position of an incident: the first line of its first report. */
const firstLineOf = (i: Incident): number => i.lines[0]?.line ?? i.evidence[0]?.line ?? Number.MAX_SAFE_INTEGER;

/**
 * The crash the corpus describes is the first report in the log: our first crash incident in log order that is not a
 * consequence of an earlier one (a panic after an oops). A waiter whose holder is reported later still counts: syzkaller
 * titles the first hung task, not the holder the wait-for graph names.
 */
export function firstRootCrash(incidents: readonly Incident[]): Incident | null {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const causeIsEarlier = (i: Incident): boolean => {
    const cause = i.causedBy === null ? undefined : byId.get(i.causedBy);
    return cause !== undefined && firstLineOf(cause) <= firstLineOf(i);
  };
  const roots = incidents.filter((i) => !causeIsEarlier(i) && !NON_CRASH_KINDS.has(i.kind as IncidentKind));
  return roots.reduce<Incident | null>((first, i) => (first === null || firstLineOf(i) < firstLineOf(first) ? i : first), null);
}

function describe(i: Incident): string {
  const where = [i.culprit?.function, i.entry ? `entry ${i.entry.function}` : null].filter(Boolean).join(', ');
  return `${i.kind}: ${i.title}${where ? ` [${where}]` : ''}${i.corrupted ? ` (corrupted: ${i.corruptionReasons.join('; ')})` : ''}`;
}

/** Scores one case from the incidents the analyzer found in its log. */
export function scoreCase(c: CorpusCase, incidents: readonly Incident[]): CaseOutcome {
  const kinds = expectedKinds(c);
  const first = firstRootCrash(incidents);
  const crashes = incidents.filter((i) => !NON_CRASH_KINDS.has(i.kind as IncidentKind)).length;
  const accepted = acceptedFunctions(c);
  const culpritChecked = c.title !== null && accepted.length > 0;
  // Stall titles name the function the stuck code was entered through: there the entry or system call may match too.
  const stuck = first !== null && STUCK_KINDS.has(first.kind);
  const blamed = first ? [first.culprit?.function, stuck ? first.entry?.function : null].filter((f): f is string => typeof f === 'string') : [];
  const syscall = stuck ? first.details['syscall'] : null;
  const culpritEqual =
    culpritChecked &&
    accepted.some((fn) => blamed.some((ours) => sameFunction(ours, fn)) || (typeof syscall === 'string' && (syscallName(fn) ?? fn) === syscall));
  const negative = c.title === null;
  return {
    file: c.file,
    category: c.category,
    expectedTitle: c.title,
    covered: kinds !== null && !negative,
    detected: !negative && first !== null,
    kindCorrect: !negative && first !== null && (kinds ?? []).includes(first.kind as IncidentKind),
    culpritChecked,
    culpritEqual,
    corruptedAgrees: !negative && first !== null && first.corrupted === c.corrupted,
    falseIncidents: negative ? crashes : 0,
    said: first ? describe(first) : null,
    signatureText: first?.signatureText ?? null,
  };
}

/** Reads index.json of a corpus directory. */
export function readCorpusIndex(dir: string): CorpusCase[] {
  const raw = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as CorpusCase[];
  return raw.map((c) => ({ file: c.file, title: c.title || null, alt_titles: c.alt_titles, category: c.category, corrupted: c.corrupted, frame: c.frame }));
}

/**
 * Whether a held-locks dump of the log names the holder of a lock a hung task waits for: the hung task's last listed
 * lock (lockdep lists a lock being waited for) is listed by another task that does not wait for it too. Read with the
 * analyzer's line parser.
 */
export function dumpNamesHolder(log: string, hungPids: ReadonlySet<number>): boolean {
  const locksOf = new Map<number, string[]>();
  let pid: number | null = null;
  for (const raw of log.split('\n')) {
    const text = raw.replace(/^\[[^\]]*\](?:\[[^\]]*\])? ?/, '').trim();
    const fact = readWaitLine(text);
    if (fact?.kind === 'held-by') pid = fact.pid;
    else if (fact?.kind === 'lock' && pid !== null) locksOf.set(pid, [...(locksOf.get(pid) ?? []), fact.address ?? fact.name]);
    else if (text.length > 0) pid = null;
  }
  // A hung task that lists the lock last waits for it as well: a co-waiter, not a holder.
  const holds = (other: number, locks: readonly string[], lock: string) => locks.includes(lock) && !(hungPids.has(other) && locks.at(-1) === lock);
  return [...hungPids].some((p) => {
    const awaited = locksOf.get(p)?.at(-1);
    return awaited !== undefined && [...locksOf].some(([other, locks]) => other !== p && holds(other, locks, awaited));
  });
}

/** Whether the wait-for graph names a task holding what a hung task waits for. */
function holderNamed(result: Result): boolean {
  const hung = new Set(result.incidents.filter((i) => i.kind === 'hung-task').map((i) => i.id));
  const nodes = result.waitGraph?.nodes ?? [];
  return (result.waitGraph?.edges ?? []).some((e) => e.kind === 'lock' && e.to !== null && nodes.some((n) => n.id === e.from && n.incidents.some((id) => hung.has(id))));
}

/** Runs the analyzer over one case file and scores it. */
export function evaluateCase(dir: string, c: CorpusCase): CaseOutcome {
  const { log } = splitCaseFile(readFileSync(join(dir, c.file), 'utf8'));
  const result = analyzeText(log, c.file, { now: () => new Date(0) });
  // Only a task blocked taking a lock waits for a lock it lists: one asleep elsewhere (an RCU grace period) holds its locks.
  const lockWaiter = (i: Incident) => i.stack.some((f) => isLockWaitFrame(baseFunctionName(f.function)));
  const hungPids = new Set(result.incidents.filter((i) => i.kind === 'hung-task' && i.pid !== null && lockWaiter(i)).map((i) => i.pid!));
  return { ...scoreCase(c, result.incidents), dumpNamesHolder: hungPids.size > 0 && dumpNamesHolder(log, hungPids), holderNamed: holderNamed(result) };
}

/** Counts over a set of cases. */
export interface Tally {
  cases: number;
  detected: number;
  kindCorrect: number;
  culpritChecked: number;
  culpritEqual: number;
  corruptedAgrees: number;
  falseIncidents: number;
}

export interface CategoryRow extends Tally {
  readonly category: string;
  readonly covered: boolean;
}

export interface CorpusEvaluation {
  readonly outcomes: readonly CaseOutcome[];
  readonly categories: readonly CategoryRow[];
  /** Over the cases of the categories our kinds cover. */
  readonly totals: Tally;
  /** Crash incidents found in the negative cases. */
  readonly falseIncidents: number;
  readonly signatures: SignatureScore;
  /** Hung-task cases whose held-locks dump names a holder, and of those, the ones we name a holder for. */
  readonly holders: { readonly dumpNamesHolder: number; readonly named: number };
}

/**
 * How well signatures group the cases: over pairs of the covered cases we detect whose title names the crash
 * (not `corrupted`), precision = pairs with one signature that share a title / pairs with one signature, recall =
 * pairs that share a title and a signature / pairs that share a title.
 */
export interface SignatureScore {
  readonly cases: number;
  readonly sameTitlePairs: number;
  readonly sameSignaturePairs: number;
  readonly bothPairs: number;
  readonly precision: number;
  readonly recall: number;
}

/** Pairs of items that share a key, counted per key: n(n-1)/2 each. */
function pairsSharing(keys: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
}

export function scoreSignatures(outcomes: readonly CaseOutcome[]): SignatureScore {
  const scored = outcomes.filter((o) => o.covered && o.detected && o.signatureText !== null && !/\bcorrupted\b/.test(o.expectedTitle ?? ''));
  const sameTitlePairs = pairsSharing(scored.map((o) => o.expectedTitle!));
  const sameSignaturePairs = pairsSharing(scored.map((o) => o.signatureText!));
  const bothPairs = pairsSharing(scored.map((o) => `${o.expectedTitle}\u0000${o.signatureText}`));
  return {
    cases: scored.length,
    sameTitlePairs,
    sameSignaturePairs,
    bothPairs,
    precision: sameSignaturePairs === 0 ? 1 : bothPairs / sameSignaturePairs,
    recall: sameTitlePairs === 0 ? 1 : bothPairs / sameTitlePairs,
  };
}

function tally(outcomes: readonly CaseOutcome[]): Tally {
  const count = (p: (o: CaseOutcome) => boolean) => outcomes.filter(p).length;
  return {
    cases: outcomes.length,
    detected: count((o) => o.detected),
    kindCorrect: count((o) => o.kindCorrect),
    culpritChecked: count((o) => o.culpritChecked),
    culpritEqual: count((o) => o.culpritEqual),
    corruptedAgrees: count((o) => o.corruptedAgrees),
    falseIncidents: outcomes.reduce((n, o) => n + o.falseIncidents, 0),
  };
}

/** Evaluates the whole corpus, or the cases of one category. */
export function evaluateCorpus(dir: string, options: { category?: string } = {}): CorpusEvaluation {
  const cases = readCorpusIndex(dir).filter((c) => !options.category || c.category === options.category);
  const outcomes = cases.map((c) => evaluateCase(dir, c));
  const names = [...new Set(outcomes.map((o) => o.category))];
  const categories = names
    .map((category) => {
      const rows = outcomes.filter((o) => o.category === category);
      return { category, covered: rows.some((o) => o.covered), ...tally(rows) };
    })
    .sort((a, b) => b.cases - a.cases || a.category.localeCompare(b.category));
  return {
    outcomes,
    categories,
    totals: tally(outcomes.filter((o) => o.covered)),
    falseIncidents: tally(outcomes).falseIncidents,
    signatures: scoreSignatures(outcomes),
    holders: { dumpNamesHolder: outcomes.filter((o) => o.dumpNamesHolder).length, named: outcomes.filter((o) => o.dumpNamesHolder && o.holderNamed).length },
  };
}

/** A covered case where detection, kind, culprit or the corruption flag disagrees with the corpus. */
export function missesOf(outcome: CaseOutcome): string[] {
  if (outcome.expectedTitle === null) return outcome.falseIncidents > 0 ? ['false incident'] : [];
  if (!outcome.covered) return [];
  if (!outcome.detected) return ['not detected'];
  const misses: string[] = [];
  if (!outcome.kindCorrect) misses.push('kind');
  if (outcome.culpritChecked && !outcome.culpritEqual) misses.push('culprit');
  if (!outcome.corruptedAgrees) misses.push('corrupted');
  return misses;
}
