import { detailMessage, type DetailMessage, type Fault } from '../codes.js';
import { defineHeaderDetector } from '../define.js';

// x86 up to 5.x: `BUG: unable to handle kernel paging request at ffff...` / `... NULL pointer dereference at 0000...`;
// 5.x+: `BUG: unable to handle page fault for address: ffff...`, `BUG: kernel NULL pointer dereference, address: 0000...`;
// 2.6 x86_64 (arch/x86_64/mm/fault.c): `Unable to handle kernel NULL pointer dereference at 0000000000000000 RIP: `;
// arm/arm64: `Unable to handle kernel paging request at virtual address ...`, `Unhandled fault: ...`, `Alignment trap: ...`,
// LoongArch and MIPS the same after the CPU number (`CPU 0 Unable to handle kernel paging request at virtual address ...`,
// read past the `CPU N ` prefix); powerpc before 5.x `Unable to handle kernel paging request for data at address 0x...`
// (then `Oops: Kernel access of bad area, sig: 11 [#1]`, a header of its own when the first line is lost), 5.x+
// `BUG: Unable to handle kernel data access on read at 0x...`, `BUG: Kernel NULL pointer dereference on read at 0x00000000`,
// and `Internal error: Oops: 96000005 [#1]` when printed alone (BUG(), CFI and undefined instructions have their own kinds);
// s390 (arch/s390/mm/fault.c, 2.6 to 6.x): `Unable to handle kernel pointer dereference in virtual kernel address space`
// or `... paging request in virtual user address space`, the address on the next line (`Failing address: ... TEID: ...`).
const HEADER_RE =
  /(?:BUG: unable to handle (?:kernel(?: paging request| NULL pointer dereference)?|page fault)|BUG: [Kk]ernel NULL pointer dereference|BUG: Unable to handle kernel [\w ]{4,40} at |Unable to handle kernel [\w -]{4,60} at virtual address|Unable to handle kernel (?:NULL pointer dereference|paging request) at [0-9a-f]{8,16} RIP|Unable to handle kernel paging request for [\w ]{4,40} at address |Unable to handle kernel (?:pointer dereference|paging request) in virtual (?:kernel|user) address space|Oops: Kernel access of bad area|Unhandled fault: |Alignment trap: |Internal error: (?!Oops - (?:BUG|CFI|[Uu]ndefined [Ii]nstruction|UNDEFINED INSTRUCTION)))/;
// The faulting address: `at ffff...`, `address: ffff...`, `at virtual address 0000...`, `at 0x00001044`.
const ADDRESS_RE = /\b(?:at|address:?) (?:virtual address )?(?:0x)?([0-9a-f]{4,16})\b/;

/** The kind of fault: ours by code, or the words an `Unhandled fault:` line gives. */
function faultOf(header: string): string | DetailMessage {
  const unhandled = /^Unhandled fault: ([\w ]+)/.exec(header);
  if (unhandled && !/NULL pointer dereference/.test(header)) return unhandled[1]!.trim();
  return detailMessage('detail.fault', { fault: faultKind(header) });
}

function faultKind(header: string): Fault {
  if (/NULL pointer dereference/.test(header)) return 'nullPointer';
  if (/pointer dereference in virtual/.test(header)) return 'pointer';
  if (/^Alignment trap/.test(header)) return 'alignment';
  if (/^Internal error/.test(header)) return 'internalError';
  if (/^Oops: Kernel access of bad area/.test(header)) return 'badArea';
  return 'pagingRequest';
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
      'BUG: Kernel NULL pointer dereference on read at 0x00000000',
      'Unable to handle kernel paging request for data at address 0x00000010',
      'Oops: Kernel access of bad area, sig: 11 [#1]',
      'Unable to handle kernel NULL pointer dereference at 0000000000000000 RIP: ',
      'Unable to handle kernel pointer dereference in virtual kernel address space',
    ],
  },
  header: HEADER_RE,
  // (LoongArch and MIPS die() print `Oops[#1]:`)
  // (s390 prints `Failing address: ... TEID: ...`, `Fault in home space mode ...`, `AS:... R3:...`, `Oops: 0004 ilc:3 [#1]`)
  bodyLines: [/^Failing address: [0-9a-f]{16}/, /^Fault in \w+ space mode/, /^AS:[0-9a-f]{16} /, /^Oops: [0-9a-f]{4} ilc:\d/, /^Oops\[#\d{1,5}\]:/, /^IP: /, /^\*pdpt = /, /^pgd = [0-9a-f]+/, /^\[[0-9a-f]+\] \*pgd=/, /^Thread overran stack/],
  absorbs: [/^Internal error: /, /^Oops: Kernel access of bad area/],
  describe(match, report) {
    report.details['fault'] = faultOf(match.input);
    const address = ADDRESS_RE.exec(match.input) ?? report.lines.map((l) => /^Failing address: ([0-9a-f]{16})\b/.exec(l.text)).find((m) => m);
    if (address) report.details['address'] = address[1]!;
    const access = report.lines.map((l) => /^#PF: (.*)$/.exec(l.text)?.[1]).find((a) => a !== undefined);
    if (access) report.details['access'] = access;
  },
});
