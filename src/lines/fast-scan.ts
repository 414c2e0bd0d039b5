import { ERRNO_LIKE_RE, NOTABLE_RE } from '../analysis/events.js';

/**
 * The byte-level fast path of the line reader: finds, in raw bytes, the only lines outside a report that
 * the analysis needs whole (possible report headers and register dumps, notable and errno lines). All
 * other lines are counted, never decoded nor parsed. The scan over-approximates (`mayMatter` decides), and
 * never misses a line that `mayMatter` accepts (property-tested against the detectors and NOTABLE_RE).
 */

/**
 * Literal pieces of the lines that may open a report: one of them is in every line a detector's `header`
 * (or the register dump's `CPU:` line) matches. Case-sensitive, as the headers are; tested against every detector.
 */
const HEADER_HINT_RE =
  /BUG[: ]|WARNING: |INFO: |Internal error: |Unable to handle|Unhandled fault: |Alignment trap: |usercopy: |: [0-9a-f]{4} \[#|PANIC: |general protection fault|Watchdog detected hard LOCKUP|list_|\[Hardware Error\]:|Machine check events logged|EDAC |unreferenced object 0x|invoked oom-killer: |ut of memory|page allocation failure: |vmalloc|Kernel panic - not syncing|kernel stack overflow|Insufficient stack space|Thread overran stack|UBSAN: |segfault at |trap |CPU: \d/;

/** Whether a raw line (any prefix) may be a report header, a register dump, or a notable or errno event. */
export function mayMatter(raw: string): boolean {
  // Cheapest and most frequent first: most lines the scan stops at are notable.
  return NOTABLE_RE.test(raw) || ERRNO_LIKE_RE.test(raw) || HEADER_HINT_RE.test(raw);
}

/**
 * Four-letter pieces (lower-cased) of which every match of the regexes above holds one: HEADER_GRAMS of
 * HEADER_HINT_RE's literals, NOTABLE_GRAMS of each NOTABLE_RE word; `err` followed by a non-word byte and
 * `X [#` are added below, errnos are told by their `-` in the scan itself.
 */
const HEADER_GRAMS = [
  'bug:', 'bug ', 'warn', 'nfo:', 'erro', 'unab', 'lt: ', 'trap', 'rcop', 'nic:', 'otec', 'ckup', 'ist_', 'hine', 'edac', 'unre',
  'oom-', 'f me', 'fail', 'vmal', 'anic', 'rflo', 'suff', 'rran', 'bsan', 'gfau', 'cpu:',
];
const NOTABLE_GRAMS = [
  'errs', 'dout', 'd ou', 'eout', 'e ou', 'spon', 'anno', "an't", 'enie', 'efus', 'abor', 'eset', 'ffli', 'lost', 'orru', 'crit', 'fata', 'hung',
  'stal', 'cked', 'ropp',
];

/** A byte lower-cased the cheap way (also maps some punctuation onto other punctuation: the scan only over-approximates). */
const fold = (byte: number): number => byte | 0x20;
const isWordish = (byte: number): boolean => /[\w.-]/.test(String.fromCharCode(byte));
const isWord = (byte: number): boolean => /\w/.test(String.fromCharCode(byte));

/** Every folded four-byte window that may be part of a report header, or (`notable`) of a line that matters at all. */
function gramWindows(notable: boolean): number[] {
  const grams = notable ? [...HEADER_GRAMS, ...NOTABLE_GRAMS] : HEADER_GRAMS;
  const windows: number[][] = grams.map((gram) => [...gram].map((c) => c.charCodeAt(0)));
  for (let b = 0; b < 256; b++) {
    // `err` as a whole word: followed by any byte that folds to a non-word byte (the line end folds to `*`).
    if (notable && !isWord(b)) windows.push([0x65, 0x72, 0x72, b]);
    // A CPU exception's `divide error: 0000 [#1]`: a hex digit, ` [#`.
    if (/[0-9a-fA-F]/.test(String.fromCharCode(b))) windows.push([b, 0x20, 0x5b, 0x23]);
  }
  return [...new Set(windows.map((bytes) => bytes.reduce((w, b) => ((w << 8) | fold(b)) >>> 0, 0) | 0))];
}

const TABLE_BITS = 16;
const HASH_SHIFT = 32 - TABLE_BITS;
/** Windows by hash, each in its own slot, so that a lookup compares the window itself and stops only at a real match. */
interface WindowTable {
  readonly slots: Int32Array;
  readonly multiplier: number;
}

/** Builds a table with the first multiplier that leaves no two windows in one slot (found once, at load). */
function buildTable(windows: readonly number[]): WindowTable {
  for (let multiplier = 0x9e3779b1; ; multiplier = (multiplier + 0x6a09e668) | 1) {
    const slots = new Int32Array(1 << TABLE_BITS);
    const fits = windows.every((w) => {
      const slot = Math.imul(w, multiplier) >>> HASH_SHIFT;
      if (slots[slot] !== 0) return false;
      slots[slot] = w;
      return true;
    });
    if (fits) return { slots, multiplier };
  }
}

const holds = (table: WindowTable, window: number): boolean => table.slots[Math.imul(window, table.multiplier) >>> HASH_SHIFT] === window;

const TABLE = buildTable(gramWindows(true));
const HEADER_TABLE = buildTable(gramWindows(false));

/**
 * Whether a message may be a report header (or a register dump's `CPU:` line): it holds one of HEADER_GRAMS'
 * pieces. A prefilter for the detectors' combined header regex, about ten times cheaper on the lines it rejects.
 */
export function mayBeHeader(text: string): boolean {
  let window = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Characters past ASCII are never part of a piece: one stand-in byte for them all.
    window = (window << 8) | fold(c < 0x80 ? c : 0x80);
    if (holds(HEADER_TABLE, window)) return true;
  }
  return false;
}
/** Bytes that, before a `-`, make it part of a word rather than an errno's sign (NEGATIVE_RE's look-behind). */
const WORDISH = Uint8Array.from({ length: 256 }, (_, b) => (isWordish(b) ? 1 : 0));

/**
 * Walks complete lines of a chunk (from a line start up to just past a `\n`) and stops at the first line
 * that may matter or is longer than `maxLineBytes` (to be cut and reported by the full path).
 */
export class LineScanner {
  /** Lines passed over by the last `next` call. */
  skippedLines = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** The start of the first line in `bytes[from, to)` that may matter, or `to` when there is none. */
  next(bytes: Uint8Array, from: number, to: number): number {
    let window = 0;
    let lineStart = from;
    let skipped = 0;
    for (let i = from; i < to; i++) {
      const b = bytes[i]!;
      if (b === 10) {
        // `err` at the very end of a line.
        if (holds(TABLE, (window << 8) | fold(10)) || i - lineStart > this.maxLineBytes) break;
        skipped++;
        lineStart = i + 1;
        window = 0;
        continue;
      }
      window = (window << 8) | fold(b);
      if (holds(TABLE, window) || (b === 45 && (i === lineStart || WORDISH[bytes[i - 1]!] === 0) && bytes[i + 1]! - 48 >>> 0 < 10)) break;
    }
    this.skippedLines = skipped;
    return lineStart;
  }
}
