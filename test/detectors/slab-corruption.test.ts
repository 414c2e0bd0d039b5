import { slabCorruption } from '../../src/reports/detectors/slab-corruption.js';
import { VARIANTS } from '../matrix/variants.js';
import { log, testDetector } from './tester.js';

testDetector(slabCorruption, {
  valid: VARIANTS.filter((v) => v.detector === 'slab-corruption').map((v) => ({ name: v.variant, log: v.log, expected: { kind: 'slab-corruption', cpu: v.expected.cpu, pid: v.expected.pid } })),
  invalid: [
    { name: 'a wrong free caught as it happens is a BUG', log: '[  367.131148] BUG kmalloc-8 (Tainted: G    B         ): Object already free\n' },
    { name: "old KASAN's SLUB line is part of the KASAN report", log: '[   96.027166] BUG fasync_cache (Tainted: G    B          ): kasan: bad access detected\n' },
    {
      name: 'a program quoting SLAB is no kernel report',
      log: log(`
        Nov 12 10:10:59 node-2 myapp[12]: Slab corruption (Not tainted): kmalloc-64 start=ffff880037a0d000, len=64
      `),
    },
  ],
});
