import { defineHeaderDetector } from '../define.js';
import { blamePart, firstMatch } from '../sections.js';

// `WARNING: suspicious RCU usage` (4.9+), `[ INFO: suspicious RCU usage. ]` (3.x), `[ INFO: suspicious rcu_dereference_check()
// usage. ]` (2.6.34-3.2, kernel/lockdep.c lockdep_rcu_dereference); the file:line and the check follow:
// `./include/linux/rcupdate.h:302 Illegal context switch in RCU read-side critical section!`.
const HEADER_RE = /(?:WARNING|INFO): suspicious (?:RCU|rcu_dereference_check\(\)) usage/;
const WHERE_RE = /^(\S+\.[ch]):(\d+) (.+)$/;
/** RCU's own checking and the allocators that call might_sleep() are where the check fires, not its cause. */
const isRcuOrAllocator = (fn: string): boolean => /rcu|kmem|slab|kmalloc|vmalloc|kcalloc|kzalloc/.test(fn);

export const suspiciousRcu = defineHeaderDetector({
  kind: 'suspicious-rcu',
  meta: {
    description: 'RCU lockdep checking (CONFIG_PROVE_RCU) caught an RCU-protected pointer used without the required lock, or sleeping inside an RCU read-side critical section.',
    examples: ['WARNING: suspicious RCU usage', '[ INFO: suspicious RCU usage. ]', '[ INFO: suspicious rcu_dereference_check() usage. ]'],
  },
  header: HEADER_RE,
  body: 'marker',
  traceFrom: /^stack backtrace:/,
  describe(_match, report) {
    const where = firstMatch(report.lines.slice(1, 6), WHERE_RE);
    if (where) {
      report.details['source'] = `${where[1]!.replace(/^(?:\.\/|\/\S*?\/linux\/)/, '')}:${where[2]}`;
      report.details['check'] = where[3]!;
    }
    blamePart(report, { from: /^stack backtrace:|^Call [Tt]race:/, skip: isRcuOrAllocator });
  },
});
