import { makeTitle } from '../../result/kinds.js';
import { defineHeaderDetector } from '../define.js';

// The kernel's one-line notes about a user process killed by a fault (show_signal_msg / do_trap):
//   `nginx[1234]: segfault at 0 ip 000055d0c1a2b3c4 sp 00007ffd6f0e1a10 error 4 in nginx[55d0c1a00000+e5000]`
//   (6.x appends ` likely on CPU 3 (core 3, socket 0)`)
//   `traps: java[4321] general protection fault ip:7f2b1c0d sp:7ffe3a4b error:0 in libc-2.31.so[7f2b1c000000+178000]`
//   `traps: a.out[99] trap divide error ip:401136 sp:7ffc8b1a1d40 error:0 in a.out[401000+1000]`
const HEADER_RE =
  /(?:^|\s)(?:traps: )?(\S{1,64})\[(\d+)\]:? (segfault at ([0-9a-f]+)|general protection fault|trap [a-z ]+?) ip:? ?([0-9a-f]+) sp:? ?([0-9a-f]+) error:? ?(\d+)(?: in (\S+?)\[([0-9a-f]+)\+([0-9a-f]+)\])?/;

export const userspaceSegfault = defineHeaderDetector({
  kind: 'userspace-segfault',
  meta: {
    description: 'A user-space process was killed by a fault (segmentation fault, general protection, trap); the kernel only logs it: the binary or library it faulted in is the culprit.',
    examples: [
      'nginx[1234]: segfault at 0 ip 000055d0c1a2b3c4 sp 00007ffd6f0e1a10 error 4 in nginx[55d0c1a00000+e5000]',
      'traps: java[4321] general protection fault ip:7f2b1c0d sp:7ffe3a4b error:0 in libc-2.31.so[7f2b1c000000+178000]',
    ],
  },
  header: HEADER_RE,
  body: 'trace',
  expectsTrace: false,
  describe(match, report) {
    report.comm = match[1]!;
    report.pid = Number(match[2]);
    report.details['fault'] = match[4] !== undefined ? 'segfault' : match[3]!;
    if (match[4] !== undefined) report.details['faultAddress'] = match[4];
    report.details['ip'] = match[5]!;
    report.details['sp'] = match[6]!;
    report.details['errorCode'] = Number(match[7]);
    const cpu = /likely on CPU (\d+)/.exec(match.input);
    if (cpu) report.cpu = Number(cpu[1]);
    if (match[8]) {
      report.details['object'] = match[8];
      report.details['objectBase'] = match[9]!;
      // The faulting ip minus the mapping's base: where to look in the binary (addr2line -e <object>).
      const offset = BigInt(`0x${match[5]}`) - BigInt(`0x${match[9]}`);
      if (offset >= 0n) report.details['offsetInObject'] = `0x${offset.toString(16)}`;
      report.culprit = { function: match[8], module: null };
      report.title = makeTitle('userspace-segfault', match[8]);
    } else {
      report.culprit = null;
      report.title = makeTitle('userspace-segfault', null);
    }
  },
});
