// Report headers the kernel prints in pieces (a printk, then KERN_CONT printks). When another CPU prints between the
// pieces, or the console flushes them apart, the rest of the header lands on a line of its own: the segmenter joins it
// back onto the first piece before the header is read.

export interface HeaderPieces {
  /** The first piece as it stands alone on its line (trailing spaces trimmed). */
  readonly head: RegExp;
  /** A line that is only the rest of that header. */
  readonly rest: RegExp;
  /** Where the kernel prints it, and a split example: the head line, then the rest line. */
  readonly source: string;
  readonly example: readonly [string, string];
}

export const HEADER_PIECES: readonly HeaderPieces[] = [
  {
    // `printk(KERN_ALERT "BUG: unable to handle kernel "); printk(KERN_CONT "NULL pointer dereference" | "paging request");
    // printk(KERN_CONT " at %p\n", address)`; i386 2.6 printed ` at virtual address %08lx` the same way.
    head: /^BUG: unable to handle kernel(?: NULL pointer dereference| paging request)?$/,
    rest: /^(?:(?:NULL pointer dereference|paging request)(?: at (?:virtual address )?[0-9a-f]{8,16})?|at (?:virtual address )?[0-9a-f]{8,16})$/,
    source: 'arch/x86/mm/fault.c show_fault_oops (2.6.2x-4.18), arch/i386/mm/fault.c (2.6.x)',
    example: ['BUG: unable to handle kernel ', 'NULL pointer dereference at 0000000000000010'],
  },
];

/** The whole header when `rest` is the rest of `head`'s report header, else null. */
export function joinHeaderPieces(head: string, rest: string): string | null {
  const first = head.trimEnd();
  const second = rest.trim();
  return HEADER_PIECES.some((p) => p.head.test(first.trimStart()) && p.rest.test(second)) ? `${first} ${second}` : null;
}
