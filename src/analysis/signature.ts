import { createHash } from 'node:crypto';
import { baseFunctionName, isInterruptEntryFrame, isSignatureSkippedFrame, signatureCallers, waitFamily } from '../knowledge/frames.js';
import { signedBugClass } from '../knowledge/bug-classes.js';
import { kasanBugType } from '../reports/detectors/kasan.js';
import { STUCK_KINDS, type IncidentKind } from '../result/kinds.js';

/**
 * Bumped whenever the normalization below changes: signatures of different versions are not comparable,
 * a store recomputes old incidents' signatures from their kind, culprit and frames.
 */
export const SIGNATURE_VERSION = 3;

export interface ProblemSignature {
  /** Short stable hash of the text (and version). */
  readonly signature: string;
  /** `kind|culprit|caller|caller`, e.g. `soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy`. */
  readonly signatureText: string;
  readonly signatureVersion: number;
}

/** `func+0x1/0x2 [mod]` without ` [mod]` (found from the end: a regex anchored at `$` rescans long runs of spaces). */
function withoutModule(frame: string): string {
  if (!frame.endsWith(']')) return frame;
  const open = frame.lastIndexOf('[');
  return open >= 0 && frame.indexOf(']', open) === frame.length - 1 ? frame.slice(0, open).trimEnd() : frame;
}

/** A function name as the signature keeps it: no `?`, no `+0x15/0x20` offset and size, no module, no compiler suffix. */
export function normalizeFunction(name: string): string {
  const bare = withoutModule(name.trim().replace(/^\?\s*/, '')).replace(/\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)?$/i, '');
  return baseFunctionName(bare);
}

/** A frame that only names an address (module code loaded at an address of this boot): nothing to compare by. */
const isAddressOnly = (fn: string): boolean => fn === '' || /^(?:0x)?[0-9a-f]{6,}$/i.test(fn);

/**
 * The signature of an incident, a pure function of its kind, the function it is blamed on and the functions of its
 * stack (reliable frames, innermost first). The culprit is followed by its next callers (two, fewer for some kinds:
 * see SIGNATURE_RULES_BY_KIND) that are neither generic for the kind (lock slow paths, `warn_slowpath*`, allocator
 * helpers, entry code) nor address-only, up to an interrupt's entry.
 * `callers` overrides the kind's count; `bug` is the kind's bug class, written after it (`kasan(use-after-free)`);
 * `statement`, for an incident blamed on no function, is what the kernel said the problem was (see problemStatement).
 */
export function problemSignature(kind: string, culprit: string | null, frames: readonly string[], callers = signatureCallers(kind), bug: string | null = null, statement: string | null = null): ProblemSignature {
  const blamed = culprit ? normalizeFunction(culprit) : '';
  const names = frames.map(normalizeFunction);
  const at = blamed ? names.indexOf(blamed) : -1;
  const kept: string[] = [];
  for (const fn of names.slice(at + 1)) {
    // Past an interrupt's entry the frames are the code it interrupted, not callers of the culprit.
    if (kept.length >= callers || isInterruptEntryFrame(fn)) break;
    // Recursion and the culprit itself again say nothing new.
    if (isAddressOnly(fn) || fn === blamed || kept.includes(fn) || isSignatureSkippedFrame(kind, fn)) continue;
    kept.push(fn);
  }
  const signatureText = [bug ? `${kind}(${bug})` : kind, blamed || '?', ...(blamed || !statement ? [] : [statement]), ...kept].join('|');
  const signature = createHash('sha256').update(`${SIGNATURE_VERSION}:${signatureText}`).digest('hex').slice(0, 12);
  return { signature, signatureText, signatureVersion: SIGNATURE_VERSION };
}

/** The fields of a result incident a signature is made from. */
export interface SignedFields {
  readonly kind: string;
  readonly culprit: { readonly function: string } | null;
  readonly entry: { readonly function: string } | null;
  readonly loopFunction: string | null;
  readonly samples: readonly { readonly hasStack: boolean; readonly stack: readonly string[] }[];
  /** The report's details: the class of bug some kinds name (see BUG_CLASS_BY_KIND), the problem in the kernel's words (see problemStatement). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** The first report's whole trace, innermost first (where a culprit printed from an interrupt has its callers). */
  readonly stack?: readonly { readonly function: string; readonly reliable?: boolean }[];
  /** A stored result's messages of its details (in the analysis they are the details' own values). */
  readonly detailMessages?: Readonly<Record<string, unknown>>;
}

/**
 * Which class of bug a report of this kind is (version 2): a use-after-free and an out-of-bounds access in one
 * function are two problems. `detail`: the report's detail that says it; `fromTitle`: the same read from a quoted
 * title (a fix commit's, see kb/extract.ts), so that both signatures compare.
 */
const BUG_CLASS_BY_KIND: Readonly<Record<string, { readonly detail: string; readonly fromTitle: (title: string) => string | null }>> = {
  kasan: { detail: 'bugType', fromTitle: kasanBugType },
};

const signedClass = (value: unknown): string | null => (typeof value === 'string' && value ? signedBugClass(value) : null);

/** The bug class of an incident, when its kind has one. */
function bugClass(i: SignedFields): string | null {
  const rule = BUG_CLASS_BY_KIND[i.kind];
  return rule ? signedClass(i.details?.[rule.detail]) : null;
}

/**
 * Details in which a report says what went wrong in its own words (`Bad rss-counter state`, a panic's reason), first
 * found first. A panic that follows a report is told by what it follows: `Fatal exception` and `Fatal exception in
 * interrupt` are one call in oops_end, worded by where the CPU was.
 */
const STATEMENT_DETAILS = ['problem', 'follows', 'reason'] as const;

const isMessage = (value: unknown): value is { code: string; params: Readonly<Record<string, unknown>> } =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';

/**
 * What the kernel said the problem was, as a signature keeps it (version 3): a detail's message code and its
 * parameters (the same in the analysis and in a stored result's `detailMessages`), or its plain text; lower case,
 * numbers and addresses as `N`, at most 80 characters. Without a culprit it tells `BUG: Bad page map` from
 * `BUG: Bad rss-counter state`, and one panic's reason from another's.
 */
export function problemStatement(i: Pick<SignedFields, 'details' | 'detailMessages'>): string | null {
  for (const key of STATEMENT_DETAILS) {
    const value = i.detailMessages?.[key] ?? i.details?.[key];
    const said = isMessage(value)
      ? [value.code.replace(/^detail\./, ''), ...Object.keys(value.params).sort().map((name) => String(value.params[name]))].join(' ')
      : typeof value === 'string'
        ? value
        : '';
    if (said.trim() === '') continue;
    return said
      .toLowerCase()
      .replace(/\b(?:0x)?[0-9a-f]*\d[0-9a-f]*\b/g, 'N')
      .replace(/[|\s]+/g, ' ')
      .trim()
      .slice(0, 80);
  }
  return null;
}

/** The bug class a quoted report's title names, when its kind has one. */
export function titleBugClass(kind: string, title: string): string | null {
  return signedClass(BUG_CLASS_BY_KIND[kind]?.fromTitle(title));
}

/**
 * The signature of a result incident (what a store recomputes from the JSON). A stuck CPU or task that waits for
 * other CPUs or a grace period is signed by that wait's family, without callers (version 2; see waitFamily). Else a
 * stuck CPU or task whose loop no two samples bound was caught at one chance point: it is signed by the handler it
 * was entered through, without callers (the paths that reached that handler vary); a hung task waits where it waits,
 * and is signed by its culprit.
 */
export function incidentSignature(i: SignedFields): ProblemSignature {
  const wait = STUCK_KINDS.has(i.kind as IncidentKind) && i.culprit ? waitFamily(normalizeFunction(i.culprit.function)) : null;
  const bug = bugClass(i);
  if (wait) return problemSignature(i.kind, wait, [], 0, bug);
  const sampled = i.samples.find((s) => s.hasStack)?.stack ?? [];
  const blamed = i.culprit && normalizeFunction(i.culprit.function);
  const holdsCulprit = (frames: readonly string[]) => blamed !== null && frames.some((f) => normalizeFunction(f) === blamed);
  // A report printed from an interrupt (lockdep in a softirq) names a culprit above the interrupted code's RIP: its
  // callers are in the report's whole trace. A stall's frames above the RIP are the timer's: never a culprit's callers.
  const traced = STUCK_KINDS.has(i.kind as IncidentKind) ? [] : (i.stack ?? []).filter((f) => f.reliable !== false).map((f) => f.function);
  const frames = holdsCulprit(sampled) || !holdsCulprit(traced) ? sampled : traced;
  // A sample's stack starts at its RIP: a culprit not on it has no callers there (the frames are someone else's).
  const onStack = holdsCulprit(frames);
  const byEntry = STUCK_KINDS.has(i.kind as IncidentKind) && i.kind !== 'hung-task' && i.loopFunction === null && i.entry !== null;
  if (byEntry) return problemSignature(i.kind, i.entry!.function, frames, 0, bug);
  return problemSignature(i.kind, i.culprit?.function ?? null, frames, i.culprit && !onStack ? 0 : signatureCallers(i.kind), bug, problemStatement(i));
}
