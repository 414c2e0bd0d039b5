import { defineHeaderDetector } from '../define.js';

// x86 up to 5.x: `BUG: unable to handle kernel paging request at ffff...` / `... NULL pointer dereference at 0000...`;
// 5.x+: `BUG: unable to handle page fault for address: ffff...`, `BUG: kernel NULL pointer dereference, address: 0000...`;
// arm/arm64: `Unable to handle kernel paging request at virtual address ...`, `Unhandled fault: ...`, `Alignment trap: ...`,
// powerpc `BUG: Unable to handle kernel data access at 0x...`, and `Internal error: Oops: 96000005 [#1]` when printed alone (BUG() and undefined instructions have their own kinds).
const HEADER_RE =
  /^(?:BUG: unable to handle (?:kernel(?: paging request| NULL pointer dereference)?|page fault)|BUG: kernel NULL pointer dereference|BUG: Unable to handle kernel [\w ]{4,40} at |Unable to handle kernel [\w -]{4,60} at virtual address|Unhandled fault: |Alignment trap: |Internal error: (?!Oops - (?:BUG|undefined instruction)))/;
// The faulting address: `at ffff...`, `address: ffff...`, `at virtual address 0000...`, `at 0x00001044`.
const ADDRESS_RE = /\b(?:at|address:?) (?:virtual address )?(?:0x)?([0-9a-f]{4,16})\b/;

function faultOf(header: string): string {
  if (/NULL pointer dereference/.test(header)) return 'NULL pointer dereference';
  if (/^Unhandled fault: ([\w ]+)/.test(header)) return /^Unhandled fault: ([\w ]+)/.exec(header)![1]!.trim();
  if (/^Alignment trap/.test(header)) return 'alignment trap';
  if (/^Internal error/.test(header)) return 'internal error';
  return 'paging request';
}

export const badAccess = defineHeaderDetector({
  kind: 'bad-access',
  meta: {
    description: 'The kernel touched an address it may not: NULL pointer dereference, paging request or arm fault (an oops).',
    examples: [
      'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010',
      'BUG: unable to handle kernel paging request at ffffffff8cc1bc30',
      'BUG: unable to handle page fault for address: fffffbfff18d1e43',
      'BUG: kernel NULL pointer dereference, address: 0000000000000008',
      'Unable to handle kernel paging request at virtual address dfff800000000004',
      'Unhandled fault: page domain fault (0x81b) at 0x00001044',
      'Internal error: Oops: 96000005 [#1] PREEMPT SMP',
      'BUG: Unable to handle kernel data access at 0x8000000041a25f20',
    ],
  },
  header: HEADER_RE,
  bodyLines: [/^IP: /, /^\*pdpt = /, /^pgd = [0-9a-f]+/, /^\[[0-9a-f]+\] \*pgd=/, /^Thread overran stack/],
  absorbs: [/^Internal error: /],
  describe(match, report) {
    report.details['fault'] = faultOf(match.input);
    const address = ADDRESS_RE.exec(match.input);
    if (address) report.details['address'] = address[1]!;
    const access = report.lines.map((l) => /^#PF: (.*)$/.exec(l.text)?.[1]).find((a) => a !== undefined);
    if (access) report.details['access'] = access;
  },
});
