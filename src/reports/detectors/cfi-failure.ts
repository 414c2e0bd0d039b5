import { defineHeaderDetector } from '../define.js';
import { blamePart, symbolRef } from '../sections.js';

// Control-flow integrity caught an indirect call to a function of the wrong type:
//   `CFI failure at ext4_file_write_iter+0x71/0x90 (target: 0xffffffffc0a01000; expected type: 0x0c3b1c47)` (kCFI, 6.1+,
//   kernel/cfi.c report_cfi_failure; `(no target information)` when the target is unknown), followed by `invalid opcode`
//   on x86 or `Internal error: Oops - CFI: ...` on arm64 (a header of its own when the first line is lost), or by a WARN
//   with CONFIG_CFI_PERMISSIVE;
//   `CFI failure (target: nf_tables_core_module_init+0x0/0x1000 [nf_tables]):` (clang CFI, 5.x-6.0, then a WARN from kernel/cfi.c).
// The site (the caller making the indirect call) is to blame; the target is kept in the details.
const HEADER_RE = /CFI failure (?:at (\S+?(?: \[[\w-]{1,64}\])?) \((?:target: (\S+?(?: \[[\w-]{1,64}\])?); expected type: (0x[0-9a-f]{1,8})|no target information)\)|\(target: (\S+?(?: \[[\w-]{1,64}\])?)\):)|Internal error: Oops - CFI: /;
/** The CFI checking and reporting code, past which the caller of a clang-CFI slow-path check is found. */
const isCfiCode = (fn: string): boolean => /^_*cfi_|^_*ubsan_handle_cfi|^report_cfi_failure|^handle_cfi_failure/.test(fn);

export const cfiFailure = defineHeaderDetector({
  kind: 'cfi-failure',
  meta: {
    description: 'Control-flow integrity (CONFIG_CFI_CLANG) caught an indirect call through a function pointer to a function of another type: a corrupted or mistyped function pointer.',
    examples: [
      'CFI failure at ext4_file_write_iter+0x71/0x90 (target: 0xffffffffc0a01000; expected type: 0x0c3b1c47)',
      'CFI failure at __traceiter_sched_switch+0x40/0x60 (no target information)',
      'CFI failure (target: nf_tables_core_module_init+0x0/0x1000 [nf_tables]):',
      'Internal error: Oops - CFI: 00000000f2008228 [#1] PREEMPT SMP',
    ],
  },
  header: HEADER_RE,
  absorbs: [/^(?:Oops: )?invalid opcode: /, /^Internal error: Oops - CFI: /, /^WARNING: CPU: \d+ PID: -?\d+ at kernel\/cfi\.c:/],
  describe(match, report) {
    const target = match[2] ?? match[4];
    if (target) report.details['target'] = target;
    if (match[3]) report.details['expectedType'] = match[3];
    const site = match[1] ? symbolRef(match[1]) : null;
    if (site) {
      // The header names the call site: it is the culprit whatever the trace holds.
      report.culprit = site;
      return;
    }
    blamePart(report, { atRip: true, skip: isCfiCode });
  },
});
