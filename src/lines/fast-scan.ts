import { mayBeNotable } from '../analysis/events.js';

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
  /BUG[: ]|WARNING: |INFO: |Internal error: |Unable to handle|Unhandled fault: |Alignment trap: |usercopy: |: [0-9a-f]{4} \[(?:#|\d\])|PANIC: |general protection fault|Watchdog detected hard LOCKUP|list_|\[Hardware Error\]:|Machine check (?:events logged|in kernel mode)|EDAC |unreferenced object 0x|invoked oom-killer: |ut of memory|page allocation failure: |vmalloc|Kernel panic - not syncing|kernel stack overflow|Insufficient stack space|Thread overran stack|UBSAN: |segfault at |trap |CPU: \d|Badness |RTNL: assertion|sysctl table check|CFI failure|Slab corruption|SError Interrupt|Machine Check Exception|Oops: (?:Kernel access|Machine check)|Pid: \d|Watchdog detected LOCKUP|[Hh]ard LOCKUP|Bad page state in process '|\[ cut here \]/;

/**
 * Literal pieces of what the kernel prints about waiting, read for the wait-for graph (src/reports/wait-lines.ts):
 * lockdep's held-locks lines, NMI backtrace markers, RCU stall details, task-state lines (`task:X state:D`, and the
 * pre-5.x sysrq-w/show_state form `comm D ffff... 0 1234 2 0x00000000`, told by its pid, ppid and flags) and the frames
 * under them, the hypervisor line. (`blocked`, `non-responsive` and `INFO: ` lines are notable or header hints already.)
 */
const WAIT_HINT_RE = /held by |\}, at: |NMI backtrace|Sending NMI|GPs behind|ticks this GP|kthread starved| state:[A-Za-z] |Hypervisor detected|\+0x[0-9a-f]{1,8}\/0x|\d +\d{1,10} +\d{1,10} +0x[0-9a-f]/;

/** Whether a raw line (any prefix) may be a report header, a register dump, a notable or errno event, or a wait. */
export function mayMatter(raw: string): boolean {
  // Cheapest and most frequent first: most lines the scan stops at are notable.
  return mayBeNotable(raw) || HEADER_HINT_RE.test(raw) || WAIT_HINT_RE.test(raw);
}

/**
 * Four-letter pieces (lower-cased) of which every match of the regexes above holds one: HEADER_GRAMS of
 * HEADER_HINT_RE's literals, NOTABLE_GRAMS of each NOTABLE_RE word; `err` followed by a non-word byte and
 * `X [#` are added below, errnos are told by their `-` in the scan itself. HEADER_GRAMS take no piece of a word
 * common in other lines (`Internal error: ` by `l er`, `[Hardware Error]:` by `rdwa`, `page allocation failure: ` by
 * `n fa`): with `erro` and `fail`, half of a busy node's notable texts passed the header prefilter for nothing.
 */
const HEADER_GRAMS = [
  'bug:', 'bug ', 'warn', 'nfo:', 'l er', 'rdwa', 'unab', 'lt: ', 'trap', 'rcop', 'nic:', 'otec', 'ckup', 'ist_', 'hine', 'edac', 'unre',
  'oom-', 'f me', 'n fa', 'vmal', 'anic', 'rflo', 'suff', 'rran', 'bsan', 'gfau', 'cpu:', 'badn', 'rtnl', 'sysc', 'cfi ', 'slab', 'serr',
  'oops', 'pid:', 'ad p', 'cut ',
];
/** Pieces of WAIT_HINT_RE's literals (`+0x` and a hex digit are added below). */
const WAIT_GRAMS = ['held', '}, a', 'nmi ', 'gps ', 'ks t', 'rved', 'ate:', 'perv'];
/**
 * Pieces of the storage errors and errnos that hold none of the notable words' (see mayBeNotable):
 * `timing out command`, `xfs_do_force_shutdown`, `errno: 5`. The others hold one (`I/O error`, `Failing path`,
 * `resetting controller`, `Device offlined`): test/lines/fast-scan.test.ts stops at every storage example.
 */
const STORAGE_GRAMS = ['g ou', 'e_sh', 'errn'];
const NOTABLE_GRAMS = [
  'erro', 'errs', 'fail', 'dout', 'd ou', 'eout', 'e ou', 'spon', 'anno', "an't", 'enie', 'efus', 'abor', 'eset', 'ffli', 'lost', 'orru', 'crit', 'fata', 'hung',
  'stal', 'cked', 'ropp', 'hang', 'rott', 'stab', 'lood', 'down', 'd-on',
];

/** A byte lower-cased the cheap way (also maps some punctuation onto other punctuation: the scan only over-approximates). */
const fold = (byte: number): number => byte | 0x20;
/** Whether a byte is a word character (`\\w`). */
export const isWord = (byte: number): boolean => /\w/.test(String.fromCharCode(byte));

/** Every folded four-byte window that may be part of a report header, or (`notable`) of a line that matters at all. */
function gramWindows(notable: boolean): number[] {
  const grams = notable ? [...HEADER_GRAMS, ...NOTABLE_GRAMS, ...WAIT_GRAMS, ...STORAGE_GRAMS] : HEADER_GRAMS;
  const windows: number[][] = grams.map((gram) => [...gram].map((c) => c.charCodeAt(0)));
  for (let b = 0; b < 256; b++) {
    // `err` as a whole word: followed by any byte that folds to a non-word byte (the line end folds to `*`).
    if (notable && !isWord(b)) windows.push([0x65, 0x72, 0x72, b]);
    // A CPU exception's `divide error: 0000 [#1]`: a hex digit, ` [#`; 2.6 x86_64 printed no `#`: `double fault: 0000 [1]` (` [1]`).
    if (/[0-9a-fA-F]/.test(String.fromCharCode(b))) windows.push([b, 0x20, 0x5b, 0x23]);
    // A stack frame's `+0x1f`: under a task dump it is part of a wait (see WAIT_HINT_RE).
    if (notable && /[0-9a-f]/.test(String.fromCharCode(b))) windows.push([0x2b, 0x30, 0x78, b]);
    // The flags ` 0x00000080` that end a pre-5.x task-state line (see WAIT_HINT_RE).
    if (notable && /[0-9a-f]/.test(String.fromCharCode(b))) windows.push([0x20, 0x30, 0x78, b]);
    if (/[0-9]/.test(String.fromCharCode(b))) windows.push([0x20, 0x5b, b, 0x5d]);
  }
  return [...new Set(windows.map((bytes) => bytes.reduce((w, b) => ((w << 8) | fold(b)) >>> 0, 0) | 0))];
}

/** Windows by hash, each in its own slot, so that a lookup compares the window itself and stops only at a real match. */
export interface WindowTable {
  readonly slots: Int32Array;
  readonly multiplier: number;
  readonly bits: number;
}

/**
 * Builds a table of 2^bits slots with the first multiplier from `first` on that leaves no two windows in one slot (found
 * once, at load; a `first` known to fit spares the search, some 10 ms of each thread's start for the line scan's table).
 */
export function buildTable(windows: readonly number[], bits: number, first = 0x9e3779b1): WindowTable {
  for (let multiplier = first; ; multiplier = (multiplier + 0x6a09e668) | 1) {
    const slots = new Int32Array(1 << bits);
    const fits = windows.every((w) => {
      const slot = Math.imul(w, multiplier) >>> (32 - bits);
      if (slots[slot] !== 0) return false;
      slots[slot] = w;
      return true;
    });
    if (fits) return { slots, multiplier, bits };
  }
}

const holds = (table: WindowTable, window: number): boolean => table.slots[Math.imul(window, table.multiplier) >>> (32 - table.bits)] === window;

/** The pieces of the lines that may matter at all, each as four folded bytes, the first in the high byte (the line scan's table). */
export const LINE_PIECES: readonly number[] = gramWindows(true);
/** The pieces of report headers alone (the line scan's other table, see RegionStops.restHeaders). */
export const HEADER_PIECES: readonly number[] = gramWindows(false);
const HEADER_TABLE = buildTable(HEADER_PIECES, 16);

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
