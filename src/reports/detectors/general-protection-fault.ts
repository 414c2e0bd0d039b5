import { defineHeaderDetector } from '../define.js';

// `general protection fault: 0000 [#1] SMP KASAN`, 5.x+ `general protection fault, probably for non-canonical address
// 0xdffffc0000000002: 0000 [#1] PREEMPT SMP KASAN` (or `... fault for non-canonical address`), 6.x `Oops: general
// protection fault, ...`, `segment-related general protection fault: beec [#2]`. 4.x KASAN printed its hint in front
// without a line break: `kasan: GPF could be caused by NULL-ptr deref or user memory accessgeneral protection fault: ...`.
const HEADER_RE =
  /^(?:kasan: GPF could be caused by [\w -]{1,60}?access)?(?:Oops: )?(?:segment-related )?general protection fault(?:,? (?:(?:probably|maybe) )?for (?:non-canonical )?address (0x[0-9a-f]+))?(?::|$| \[#)/;

export const generalProtectionFault = defineHeaderDetector({
  kind: 'general-protection-fault',
  meta: {
    description: 'x86 general protection fault in the kernel, usually a wild or non-canonical pointer (an oops).',
    examples: [
      'general protection fault: 0000 [#1] SMP KASAN',
      'general protection fault, probably for non-canonical address 0xdffffc0000000002: 0000 [#1] PREEMPT SMP KASAN',
      'Oops: general protection fault, probably for non-canonical address 0xdffffc0000000001: 0000 [#1] PREEMPT SMP KASAN NOPTI',
    ],
  },
  header: HEADER_RE,
  // KASAN decodes the shadow address of the fault into the range it stands for.
  bodyLines: [/^KASAN: [\w-]+ in range \[/],
  absorbs: [/^KASAN: [\w-]+ in range \[/],
  describe(match, report) {
    if (match[1]) report.details['address'] = match[1];
    const range = report.lines.map((l) => /^KASAN: ([\w-]+) in range \[(\S+)\]/.exec(l.text)).find((m) => m);
    if (range) {
      report.details['kasanHint'] = range[1]!;
      report.details['range'] = range[2]!;
    }
  },
});
