import { detailMessage } from '../codes.js';
import { defineHeaderDetector } from '../define.js';
import { SLUB_CORRUPTION_SOURCE } from './slab-corruption.js';

// `kernel BUG at net/core/skbuff.c:104!` (BUG()/BUG_ON(), followed by `invalid opcode: 0000 [#1]` on x86 or
// `Internal error: Oops - BUG: 00000000f2000800 [#1]` on arm64), `Kernel BUG at ffffffff81234567 [verbose debug info
// unavailable]`, hardened usercopy `usercopy: Kernel memory exposure attempt detected from SLUB object 'x' (offset 0, size 5)!`
// and arm64 `Internal error: Oops - BUG: ...` when no `kernel BUG at` line came before. Also two assertions that
// print their own line before a WARN or BUG: a dentry left in use at unmount (fs/dcache.c umount_check:
// `BUG: Dentry ffff88...{i=0,n=lo}  still in use (1) [unmount of proc proc]`) and a SLUB debug check
// (`BUG kmalloc-8 (Tainted: G    B   ): Object already free`; old KASAN printed `kasan: ...` there, part of its own report;
// an object or slab found damaged after the fact is a `slab-corruption`).
const HEADER_RE = new RegExp(
  String.raw`^(?:[Kk]ernel BUG at (\S+?)!?(?: \[verbose debug info unavailable\])?$|usercopy: [Kk]ernel memory (?:exposure|overwrite) attempt detected|Internal error: Oops - BUG: |BUG: failure at (\S+)|BUG: Dentry [0-9a-f]{1,16}\{.{0,300}\} +still in use \(-?\d{1,10}\) \[unmount of (\S{1,64}) \S{1,64}\]|BUG ([\w.:-]{1,64}) \((?:Not tainted|Tainted: [A-Z ]{1,40})\): (?!kasan: |${SLUB_CORRUPTION_SOURCE})(.{1,200})$)`,
);

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
      'BUG: Dentry ffff880175978600{i=8bb9,n=lo}  still in use (1) [unmount of proc proc]',
      'BUG kmalloc-8 (Tainted: G    B         ): Object already free',
    ],
  },
  header: HEADER_RE,
  // (the WARN that umount_check adds after its own line: `WARNING: CPU: 1 PID: 8922 at fs/dcache.c:1445 umount_check+0x246/0x2c0`)
  absorbs: [/^[Kk]ernel BUG at /, /^(?:Oops: )?invalid opcode: /, /^Internal error: Oops - BUG: /, /^WARNING: CPU: \d+ PID: \d+ at fs\/dcache\.c:\d+ umount_check/],
  // CONFIG_DEBUG_LIST on 5.x+ may print only the BUG of lib/list_debug.c.
  kindOf: (match) => (match[1]?.startsWith('lib/list_debug.c') ? 'list-corruption' : 'bug'),
  describe(match, report) {
    const at = match[1] ?? match[2] ?? report.lines.map((l) => /^[Kk]ernel BUG at (\S+?)!?$/.exec(l.text)?.[1]).find((f) => f !== undefined);
    if (at) report.details['location'] = at;
    if (match[0].startsWith('usercopy')) report.details['usercopy'] = report.header.text.slice('usercopy: '.length);
    if (match[3]) report.details['problem'] = detailMessage('detail.problem.dentryBusy', { device: match[3] });
    if (match[4]) report.details['problem'] = detailMessage('detail.problem.slubCache', { cache: match[4], message: match[5]! });
  },
});
