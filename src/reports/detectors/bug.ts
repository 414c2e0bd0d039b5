import { defineHeaderDetector } from '../define.js';

// `kernel BUG at net/core/skbuff.c:104!` (BUG()/BUG_ON(), followed by `invalid opcode: 0000 [#1]` on x86 or
// `Internal error: Oops - BUG: 00000000f2000800 [#1]` on arm64), `Kernel BUG at ffffffff81234567 [verbose debug info
// unavailable]`, hardened usercopy `usercopy: Kernel memory exposure attempt detected from SLUB object 'x' (offset 0, size 5)!`
// and arm64 `Internal error: Oops - BUG: ...` when no `kernel BUG at` line came before.
const HEADER_RE =
  /^(?:[Kk]ernel BUG at (\S+?)!?(?: \[verbose debug info unavailable\])?$|usercopy: [Kk]ernel memory (?:exposure|overwrite) attempt detected|Internal error: Oops - BUG: |BUG: failure at (\S+))/;

export const bug = defineHeaderDetector({
  kind: 'bug',
  meta: {
    description: 'An assertion in the kernel failed (BUG()/BUG_ON(), hardened usercopy): the kernel stops the task with an oops.',
    examples: [
      'kernel BUG at net/core/skbuff.c:104!',
      'Kernel BUG at ffffffff8123abcd [verbose debug info unavailable]',
      "usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-64' (offset 0, size 65)!",
      'usercopy: kernel memory overwrite attempt detected to ffff8801d21c9bd4 (kvm_vcpu) (1320 bytes)',
      'Internal error: Oops - BUG: 00000000f2000800 [#1] PREEMPT SMP',
    ],
  },
  header: HEADER_RE,
  absorbs: [/^[Kk]ernel BUG at /, /^(?:Oops: )?invalid opcode: /, /^Internal error: Oops - BUG: /],
  // CONFIG_DEBUG_LIST on 5.x+ may print only the BUG of lib/list_debug.c.
  kindOf: (match) => (match[1]?.startsWith('lib/list_debug.c') ? 'list-corruption' : 'bug'),
  describe(match, report) {
    const at = match[1] ?? match[2] ?? report.lines.map((l) => /^[Kk]ernel BUG at (\S+?)!?$/.exec(l.text)?.[1]).find((f) => f !== undefined);
    if (at) report.details['location'] = at;
    if (match[0].startsWith('usercopy')) report.details['usercopy'] = report.header.text.slice('usercopy: '.length);
  },
});
