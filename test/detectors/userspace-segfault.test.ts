import { userspaceSegfault } from '../../src/reports/detectors/userspace-segfault.js';
import { testDetector } from './tester.js';

testDetector(userspaceSegfault, {
  valid: [
    {
      name: 'segfault in a library: the library is the culprit, the ip offset in it is computed',
      log: '[ 1234.567890] nginx[1234]: segfault at 0 ip 00007f2b1c04a1b2 sp 00007ffd6f0e1a10 error 4 in libc.so.6[7f2b1c000000+195000] likely on CPU 3 (core 3, socket 0)\n',
      expected: {
        title: 'user-space segfault in libc.so.6',
        pid: 1234,
        comm: 'nginx',
        cpu: 3,
        culprit: { function: 'libc.so.6', module: null },
        details: { fault: 'segfault', faultAddress: '0', ip: '00007f2b1c04a1b2', errorCode: 4, object: 'libc.so.6', offsetInObject: '0x4a1b2' },
      },
    },
    {
      name: 'a general protection trap in user space',
      log: '[  300.000001] traps: java[4321] general protection fault ip:7f2b1c0d sp:7ffe3a4b error:0 in libjvm.so[7f2b00000000+1000000]\n',
      expected: { title: 'user-space segfault in libjvm.so', pid: 4321, comm: 'java', details: { fault: 'general protection fault', object: 'libjvm.so' } },
    },
  ],
  invalid: [{ name: 'a kernel general protection fault', log: '[  300.000001] general protection fault: 0000 [#1] SMP KASAN\n' }],
});
