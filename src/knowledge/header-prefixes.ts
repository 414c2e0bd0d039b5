// What the kernel prints in front of a report header on the same line. A header counts only at the start of a
// kernel message, or right after one of these: any other text before it (a USB device's Product string, a file
// name in an audit record or an EXT4 error, a program's line) is text the kernel quotes, which anyone can choose.

export interface HeaderPrefix {
  readonly pattern: RegExp;
  readonly example: string;
}

export const HEADER_PREFIXES: readonly HeaderPrefix[] = [
  // A console or caller tag padded with spaces: `[   44.381969][    C4]  BUG: KCSAN: data-race in ...`.
  { pattern: / {1,8}/, example: '  BUG: KCSAN: data-race in e1000_clean_rx_irq+0x551/0xb10' },
  // kernel/watchdog.c's pr_fmt: `NMI watchdog: ` before 4.15, `watchdog: ` since.
  { pattern: /(?:NMI )?watchdog: /, example: 'NMI watchdog: BUG: soft lockup - CPU#1 stuck for 123s! [syz-executor694:3996]' },
  // The x86 MCE code's pr_fmt: `mce: [Hardware Error]: Machine check events logged`.
  { pattern: /mce: /, example: 'mce: [Hardware Error]: Machine check events logged' },
  // GHES numbers the records of one error: `{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0`.
  { pattern: /\{\d{1,5}\}/, example: '{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0' },
  // printk's mark of lost records, glued before the next one by 4.x consoles (see GLUED_STAMP_RE in lines/formats.ts).
  { pattern: /\*\* \d{1,10} printk messages dropped \*\* (?:\[ {0,12}\d{1,10}\.\d{3,9}\](?:\[ {0,6}[CT]\d{1,7}\])? )?/, example: '** 3764 printk messages dropped ** [   46.300984] BUG: KASAN: slab-out-of-bounds in native_queued_spin_lock_slowpath+0x5ad/0x660' },
  // LoongArch and MIPS put the CPU number before their fault line: `CPU 0 Unable to handle kernel paging request at ...`.
  { pattern: /CPU \d{1,5} /, example: 'CPU 0 Unable to handle kernel paging request at virtual address 0000000000000000, era == 90000000021c5a3c, ra == 90000000021c5a20' },
  // The banners of lockdep and RCU's checks before 4.x: `[ INFO: possible circular locking dependency detected ]`.
  { pattern: /\[ /, example: '[ INFO: suspicious RCU usage. ]' },
];

/** A regex source matching any one of the prefixes, or none: put between `^` and a header. */
export const HEADER_PREFIX_SOURCE = `(?:${HEADER_PREFIXES.map((p) => p.pattern.source).join('|')})?`;
