import { defineHeaderDetector } from '../define.js';

// x86 traps that kill the kernel: `divide error: 0000 [#1] SMP KASAN`, `invalid opcode: 0000 [#1]` (when no
// `kernel BUG at` precedes it), `stack segment: 0000 [#1]`, `int3: 0000 [#1]`, `PANIC: double fault, error_code: 0x0`;
// 6.x prefixes them with `Oops: `, 2.6 x86_64 printed the die counter without `#` (`double fault: 0000 [1] SMP`);
// arm/arm64 `Internal error: Oops - undefined instruction: ...` (`Undefined instruction` in arm64 6.x).
const HEADER_RE =
  /^(?:(?:Oops: )?(divide[ _]error|invalid[ _]opcode|stack[ _]segment|int3|double[ _]fault|bounds|invalid TSS|segment not present|alignment check|coprocessor segment overrun|overflow): [0-9a-f]{4} \[(?:#|\d\])|PANIC: (double fault), error_code: |Internal error: Oops - ([Uu]ndefined [Ii]nstruction|UNDEFINED INSTRUCTION): )/;

export const cpuException = defineHeaderDetector({
  kind: 'cpu-exception',
  meta: {
    description: 'A CPU exception in kernel mode: divide error, invalid opcode, double fault, stack segment, int3 (an oops).',
    examples: [
      'divide error: 0000 [#1] SMP KASAN',
      'invalid opcode: 0000 [#1] PREEMPT SMP KASAN',
      'PANIC: double fault, error_code: 0x0',
      'stack segment: 0000 [#1] PREEMPT SMP KASAN PTI',
      'int3: 0000 [#1] SMP KASAN NOPTI',
      'Oops: divide error: 0000 [#1] PREEMPT SMP KASAN NOPTI',
      'divide_error: 0000 [#1] PREEMPT SMP KASAN',
      'Internal error: Oops - undefined instruction: 0000000002000000 [#1] PREEMPT SMP',
      'Internal error: Oops - Undefined instruction: 0000000002000000 [#1] PREEMPT SMP',
      'double fault: 0000 [1] SMP',
    ],
  },
  header: HEADER_RE,
  describe(match, report) {
    report.details['exception'] = (match[1] ?? match[2] ?? match[3]!).replace('_', ' ').toLowerCase();
  },
});
