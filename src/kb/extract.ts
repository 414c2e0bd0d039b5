// What a commit message says about a kernel report it quotes: the title line(s), the call trace, the function
// blamed, and the trailers that tie the commit to the bug (Fixes:, Reported-by:, Closes:, Link:). Pure: text in,
// facts out. The functions are normalised as an incident's signature is, so that the two compare.
import { normalizeFunction, problemSignature, titleBugClass } from '../analysis/signature.js';
import { isSignatureSkippedFrame } from '../knowledge/frames.js';
import {
  CALL_TRACE_RE,
  CLOSES_RE,
  FIXES_TRAILER_RE,
  LINK_RE,
  QUOTE_PIECES_RE,
  QUOTE_PREFIX_RE,
  QUOTED_TITLES,
  REPORTED_BY_RE,
  SYMBOL_OFFSET_RE,
} from '../knowledge/quoted-reports.js';
import { HeaderMatcher } from '../reports/header-matcher.js';
import { parseFrameLine } from '../reports/frames.js';
import { parseRipLine } from '../reports/body.js';

export interface QuotedReport {
  /** The title line as quoted (prefix removed), null for a call trace quoted without one. */
  readonly title: string | null;
  /** The incident kind ktriage gives a report with this title, null when no detector reads it. */
  readonly kind: string | null;
  /** The function blamed: named in the title, else the quoted RIP/pc, else the first telling frame. */
  readonly culprit: string | null;
  /** The reliable frames of the quoted call trace, innermost first, normalised. */
  readonly frames: readonly string[];
  /** `kind|culprit|caller|caller`, as an incident with this title and stack would be signed. */
  readonly signature: string | null;
}

export interface CommitFacts {
  readonly subject: string;
  readonly reports: readonly QuotedReport[];
  readonly fixes: readonly { readonly commit: string; readonly subject: string | null }[];
  readonly reportedBy: readonly string[];
  readonly closes: readonly string[];
  readonly links: readonly string[];
}

/** Bounds per commit: a message quoting a whole log keeps its first reports and the top of each stack. */
const MAX_REPORTS = 4;
const MAX_DRAFTS = 64;
const MAX_FRAMES = 24;
const MAX_TRAILERS = 8;
const MAX_TITLE_CHARS = 300;

const headers = new HeaderMatcher();

/** A quoted line without what the quote put in front of the kernel's text. */
export function unquote(line: string): string {
  return line.slice(QUOTE_PREFIX_RE.exec(line)![0].length).trimEnd();
}

const isTitle = (text: string) => QUOTED_TITLES.some((t) => t.pattern.test(text));

/** A frame line of a quoted trace: as the kernel prints it, or a bare function name (quotes often drop offsets). */
function frameOf(text: string): { name: string | null; frame: boolean } {
  const parsed = parseFrameLine(text, null);
  if (parsed) return { name: parsed.frame && parsed.frame.reliable ? normalizeFunction(parsed.frame.function) : null, frame: true };
  const bare = /^(\? )?([A-Za-z_][\w.]{0,255})$/.exec(text);
  if (bare) return { name: bare[1] ? null : normalizeFunction(bare[2]!), frame: true };
  return { name: null, frame: false };
}

const NAME_CHAR = /[\w.$]/;

/** The first `function+0x1/0x2` of a title, its function name. */
function titleSymbol(title: string): string | null {
  for (let at = title.indexOf('+0x'); at > 0; at = title.indexOf('+0x', at + 1)) {
    let start = at;
    while (start > 0 && NAME_CHAR.test(title[start - 1]!)) start--;
    if (start < at && !/\d/.test(title[start]!) && SYMBOL_OFFSET_RE.test(title.slice(at))) return title.slice(start, at);
  }
  return null;
}

interface Draft {
  title: string | null;
  pc: string | null;
  frames: string[];
}

function finish(d: Draft): QuotedReport {
  const kind = d.title ? (headers.read(d.title).header?.kind ?? null) : null;
  const named = d.title ? titleSymbol(d.title) : null;
  // (with no kind, only the frames generic to every kind are passed over)
  const telling = d.frames.find((f) => !isSignatureSkippedFrame(kind ?? '', f));
  const culprit = named ? normalizeFunction(named) : (d.pc ?? telling ?? null);
  const signature = kind && culprit ? problemSignature(kind, culprit, d.frames, undefined, titleBugClass(kind, d.title ?? '')).signatureText : null;
  return { title: d.title, kind, culprit, frames: d.frames, signature };
}

/** The reports a message quotes: each title opens one, a call trace without a title before it opens one too. */
export function quotedReports(lines: readonly string[]): QuotedReport[] {
  const drafts: Draft[] = [];
  let inTrace = false;
  for (const line of lines) {
    // (a message quoting a whole log: the first reports are enough)
    if (drafts.length > MAX_DRAFTS) break;
    const text = unquote(line);
    if (isTitle(text)) {
      drafts.push({ title: text.slice(0, MAX_TITLE_CHARS), pc: null, frames: [] });
      inTrace = false;
      continue;
    }
    if (CALL_TRACE_RE.test(text)) {
      const open = drafts[drafts.length - 1];
      // A second trace under one title (another task's) is read as a report of its own, without a title.
      if (!open || open.frames.length > 0) drafts.push({ title: null, pc: null, frames: [] });
      inTrace = true;
      continue;
    }
    const current = drafts[drafts.length - 1];
    if (!current) continue;
    // The interrupted function as body.ts reads it (RIP, pc, EIP, NIP, Krnl PSW); a bare address names none.
    const pc = parseRipLine(text);
    if (pc?.offset) {
      current.pc ??= normalizeFunction(pc.function);
      continue;
    }
    if (!inTrace) continue;
    const f = frameOf(text);
    // A blank line or prose ends the quoted trace.
    if (!f.frame) inTrace = false;
    else if (f.name && current.frames.length < MAX_FRAMES) current.frames.push(f.name);
  }
  // A title no detector reads and no trace with it is prose that starts like one (`WARNING: this changes the ABI`).
  return drafts
    .map(finish)
    .filter((r) => r.kind !== null || r.frames.length > 0)
    .slice(0, MAX_REPORTS);
}

function trailers(lines: readonly string[], re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const line of lines) {
    const m = re.exec(line.trim());
    if (m && out.length < MAX_TRAILERS) out.push(m);
  }
  return out;
}

/** The facts of a commit whose message quotes a report; null when it quotes none. */
export function readCommitMessage(message: string): CommitFacts | null {
  if (!QUOTE_PIECES_RE.test(message)) return null;
  const lines = message.split('\n');
  const reports = quotedReports(lines.slice(1));
  if (reports.length === 0) return null;
  return {
    subject: lines[0]!.trim(),
    reports,
    fixes: trailers(lines, FIXES_TRAILER_RE).map((m) => ({ commit: m[1]!, subject: m[2] ?? null })),
    reportedBy: trailers(lines, REPORTED_BY_RE).map((m) => m[1]!.trim()),
    closes: trailers(lines, CLOSES_RE).map((m) => m[1]!),
    links: trailers(lines, LINK_RE).map((m) => m[1]!),
  };
}
