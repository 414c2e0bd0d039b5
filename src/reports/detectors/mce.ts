import { defineHeaderDetector } from '../define.js';
import { firstMatch } from '../sections.js';

// Machine checks and other hardware errors, one report per burst of lines:
//   `mce: [Hardware Error]: CPU 0: Machine Check Exception: 5 Bank 4: b200000000070f0f` (also `Machine Check: 0 Bank 7: ...`)
//   `mce: [Hardware Error]: TSC 0 ADDR 1ffffff MISC 8c`, `mce: [Hardware Error]: Machine check events logged`
//   `EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x12345 offset:0x0 ...)`
//   `{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0` then GHES section lines.
//   2.6 x86 (arch/x86_64/kernel/mce.c, arch/i386/kernel/cpu/mcheck): `CPU 0: Machine Check Exception: 0000000000000004`
//   with the bank on the next line, `Bank 4: b200000000070f0f at 000000012345000`;
//   powerpc (arch/powerpc/kernel/traps.c): `Machine check in kernel mode.`, then `Oops: Machine check, sig: 7 [#1]`;
//   arm64 (arch/arm64/kernel/traps.c): `SError Interrupt on CPU3, code 0x00000000bf000002 -- SError`.
const HEADER_RE =
  /\[Hardware Error\]:|Machine check events logged|EDAC (?:\w+ )?MC\d+: (?:\d+ (?:CE|UE) |HANDLING MCE|CPU \d+: Machine Check)|^CPU (\d{1,5}): Machine Check Exception: |^Machine check in kernel mode|^Oops: Machine check, sig: |^SError Interrupt on CPU(\d{1,5}), /;
const BANK_RE = /CPU (\d+): Machine Check(?: Exception)?: (\d+) Bank (\d+): ([0-9a-f]+)/;
const OLD_BANK_RE = /^Bank (\d{1,3}): ([0-9a-f]{16})/;
const ADDR_RE = /\bADDR ([0-9a-f]+)/;
const EDAC_RE = /EDAC (?:\w+ )?(MC\d+): (\d+) (CE|UE) (.*)$/;
const GHES_SEVERITY_RE = /\[Hardware Error\]:\s+event severity: (\w+)/;
const PHYSICAL_RE = /\[Hardware Error\]:\s+physical_address: (0x[0-9a-f]+)/;
const FATAL_RE = /Processor context corrupt|Fatal machine check|Uncorrected|uncorrected|\bUE\b|^Oops: Machine check|^SError Interrupt|Kernel panic - not syncing: Machine check/;

/**
 * `memory read error on DIMM (channel:1 ...)` as error, location (`on` one word) and where (the parenthesised
 * tail), read by position rather than by a lazy regex with optional tails (which rescans the line per character).
 */
function edacText(text: string): { error: string; location: string | null; where: string | null } {
  const open = text.endsWith(')') ? text.indexOf(' (') : -1;
  const head = open >= 0 ? text.slice(0, open) : text;
  const on = head.lastIndexOf(' on ');
  const location = on >= 0 && on + 4 < head.length && !/\s/.test(head.slice(on + 4)) ? head.slice(on + 4) : null;
  return { error: location ? head.slice(0, on) : head, location, where: open >= 0 ? text.slice(open + 2, -1) : null };
}

export const mce = defineHeaderDetector({
  kind: 'mce',
  meta: {
    description: 'The CPU or memory controller reported a hardware error (machine check, EDAC corrected/uncorrected memory error, APEI/GHES record): a hardware problem, not a kernel bug.',
    examples: [
      'mce: [Hardware Error]: CPU 0: Machine Check Exception: 5 Bank 4: b200000000070f0f',
      '[Hardware Error]: Machine check events logged',
      'EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x12345 offset:0x0 grain:32 syndrome:0x0)',
      'CPU 0: Machine Check Exception: 0000000000000004',
      'Oops: Machine check, sig: 7 [#1]',
      'SError Interrupt on CPU3, code 0x00000000bf000002 -- SError',
    ],
  },
  header: HEADER_RE,
  body: 'marker',
  absorbs: [HEADER_RE],
  expectsTrace: false,
  describe(match, report) {
    const headerCpu = match[1] ?? match[2];
    if (headerCpu !== undefined) report.cpu ??= Number(headerCpu);
    const bank = firstMatch(report.lines, BANK_RE);
    const oldBank = bank ? null : firstMatch(report.lines, OLD_BANK_RE);
    if (bank) {
      report.cpu ??= Number(bank[1]);
      report.details['bank'] = Number(bank[3]);
      report.details['status'] = bank[4]!;
    } else if (oldBank) {
      report.details['bank'] = Number(oldBank[1]);
      report.details['status'] = oldBank[2]!;
    }
    const address = firstMatch(report.lines, ADDR_RE) ?? firstMatch(report.lines, PHYSICAL_RE);
    if (address) report.details['address'] = address[1]!;
    const edac = firstMatch(report.lines, EDAC_RE);
    if (edac) {
      report.details['memoryController'] = edac[1]!;
      report.details['errorCount'] = Number(edac[2]);
      report.details['errorType'] = edac[3] === 'CE' ? 'corrected' : 'uncorrected';
      const { error, location, where } = edacText(edac[4]!);
      report.details['error'] = error;
      if (location) report.details['location'] = location;
      if (where) report.details['where'] = where;
    }
    // One key for every source (EDAC CE/UE, GHES event severity, the mce: lines' status), which urgency is told from.
    const ghes = firstMatch(report.lines, GHES_SEVERITY_RE);
    report.details['severity'] = ghes ? ghes[1]!.toLowerCase() : edac ? (report.details['errorType'] as string) : firstMatch(report.lines, FATAL_RE) ? 'uncorrected' : 'corrected';
    // A hardware error has no guilty kernel function; the RIP it may print is where the CPU happened to be.
    report.culprit = null;
  },
});
