import { defineHeaderDetector } from '../define.js';
import { blamePart } from '../sections.js';

// 4.5+: `UBSAN: Undefined behaviour in drivers/usb/core/devio.c:1517:25`;
// 5.9+: `UBSAN: array-index-out-of-bounds in arch/x86/kernel/uprobes.c:263:56`, `UBSAN: shift-out-of-bounds in ...`.
const HEADER_RE = /UBSAN: ([A-Za-z -]+?) in (\S+?):(\d+)(?::\d+)?\s*$/;
/** lib/ubsan.c's handlers besides the `__ubsan_handle_*` entry points (generic already). */
const isUbsanRuntime = (fn: string): boolean => /^handle_(?:overflow|null_ptr_deref|misaligned_access|object_size_mismatch)$|^val_to_string$/.test(fn);

export const ubsan = defineHeaderDetector({
  kind: 'ubsan',
  meta: {
    description: 'The undefined-behaviour sanitizer caught an operation C leaves undefined: shift or array index out of range, signed overflow, misaligned or null access, invalid load.',
    examples: ['UBSAN: Undefined behaviour in drivers/usb/core/devio.c:1517:25', 'UBSAN: array-index-out-of-bounds in arch/x86/kernel/uprobes.c:263:56'],
  },
  header: HEADER_RE,
  body: 'marker',
  describe(match, report) {
    report.details['check'] = match[1]!.toLowerCase() === 'undefined behaviour' ? null : match[1]!;
    report.details['source'] = `${match[2]!.replace(/^.*?\/(?=(?:arch|drivers|fs|net|kernel|mm|lib|include|block|sound|security|crypto|ipc|virt|init)\/)/, '')}:${match[3]}`;
    // The line after the header says what went wrong: `shift exponent -1 is negative`, `index 4 is out of range ...`.
    const problem = report.lines[1]?.text.trim();
    if (problem && !/^CPU: /.test(problem)) report.details['problem'] = problem;
    blamePart(report, { from: /^Call [Tt]race:|^Backtrace:/, skip: isUbsanRuntime });
  },
});
