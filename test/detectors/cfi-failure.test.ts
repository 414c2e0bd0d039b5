import { cfiFailure } from '../../src/reports/detectors/cfi-failure.js';
import { VARIANTS } from '../matrix/variants.js';
import { log, testDetector } from './tester.js';

testDetector(cfiFailure, {
  valid: VARIANTS.filter((v) => v.detector === 'cfi-failure').map((v) => ({ name: v.variant, log: v.log, expected: { kind: 'cfi-failure', culprit: { function: v.expected.culprit!, module: null } } })),
  invalid: [
    {
      name: 'a program quoting the line is no kernel report',
      log: log(`
        Nov 12 10:10:59 node-2 myapp[12]: CFI failure at foo+0x1/0x2 (target: bar+0x0/0x8; expected type: 0x12345678)
      `),
    },
  ],
});
