// How a kernel report looks when a commit message quotes it: the title lines that open one, and the lines a quote
// carries in front of them (indentation, printk times, caller tags). Read by `ktriage kb index` (src/kb/extract.ts).

export interface QuotedTitle {
  readonly pattern: RegExp;
  readonly example: string;
}

/** Lines that open a quoted report, tried on the line with its quoting prefix removed. */
export const QUOTED_TITLES: readonly QuotedTitle[] = [
  { pattern: /^BUG: /, example: 'BUG: KASAN: use-after-free in nft_set_destroy+0x20/0x90' },
  { pattern: /^WARNING: /, example: 'WARNING: CPU: 0 PID: 1 at net/core/dev.c:10 dev_close+0x1/0x2' },
  { pattern: /^INFO: /, example: 'INFO: task kworker/u8:1:42 blocked for more than 120 seconds.' },
  // KASAN's title without its BUG: (quoted from a syzbot dashboard title).
  { pattern: /^KASAN: /, example: 'KASAN: slab-use-after-free Read in nf_tables_trans_destroy_work' },
  { pattern: /^general protection fault/, example: 'general protection fault, probably for non-canonical address 0xdffffc0000000001: 0000 [#1] SMP KASAN' },
  // (`Oops: ` or arm's `Internal error: Oops: `; a sentence that starts with "Oops," is none)
  { pattern: /^(?:Internal error: )?Oops(?::| -) /, example: 'Oops: 0000 [#1] SMP PTI' },
  { pattern: /^kernel BUG at /, example: 'kernel BUG at mm/slub.c:321!' },
  { pattern: /^Unable to handle kernel /, example: 'Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008' },
  // kernel/watchdog.c's prefix: `watchdog: ` since 4.15, `NMI watchdog: ` before.
  { pattern: /^(?:NMI )?watchdog: BUG: /, example: 'watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [kworker/1:2:123]' },
];

/** Whether a message may quote a report at all: every title above, or a call trace, holds one of these pieces. */
export const QUOTE_PIECES_RE = /BUG: |WARNING: |INFO: |KASAN: |general protection fault|Oops|kernel BUG at |Unable to handle kernel |Call [Tt]race:/;

/** The line that opens a quoted stack. */
export const CALL_TRACE_RE = /^Call [Tt]race:/;

/**
 * What a quote puts before the kernel's text: indentation, a printk time `[   12.345678]`, a caller tag `[ T123]` or
 * `[    C1]`, a syslog `kernel: `. (one bounded run each, so that no prefix backtracks)
 */
export const QUOTE_PREFIX_RE = /^[ \t>|]{0,16}(?:\[ {0,12}\d{1,10}\.\d{1,9}\] {0,4})?(?:\[ {0,8}[CT]\d{1,7}\] {0,4})?(?:kernel: )?/;

/**
 * The offset after a function named in a title: `... in nft_set_destroy+0x20/0x90`, `... at dev.c:10 dev_close+0x1/0x2`;
 * tried at each `+0x` (the name is read backwards from there: a regex searching for it would rescan every word).
 */
export const SYMBOL_OFFSET_RE = /^\+0x[0-9a-f]{1,16}\/0x[0-9a-f]{1,16}/;

/** Trailers kept from the message: `Fixes: 1234567890ab ("subject")`, `Reported-by:`, `Closes:`, `Link:`. */
export const FIXES_TRAILER_RE = /^Fixes: ([0-9a-f]{7,40})(?: \("(.{0,300})"\))?/;
export const REPORTED_BY_RE = /^Reported-by: (.{1,200})$/;
export const CLOSES_RE = /^Closes: (\S{1,500})/;
export const LINK_RE = /^Link: (\S{1,500})/;
