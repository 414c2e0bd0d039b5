import { suspiciousRcu } from '../../src/reports/detectors/suspicious-rcu.js';
import { log, testDetector } from './tester.js';

testDetector(suspiciousRcu, {
  valid: [
    {
      name: '4.15: the source line and the check in details; RCU checks, might_sleep and user copies skipped',
      log: log(`
        [   24.270000] =============================
        [   24.275791] WARNING: suspicious RCU usage
        [   24.279952] 4.15.0+ #10 Not tainted
        [   24.283625] -----------------------------
        [   24.287794] ./include/linux/rcupdate.h:302 Illegal context switch in RCU read-side critical section!
        [   24.297101]
        [   24.297101] other info that might help us debug this:
        [   24.305269]
        [   24.305269] rcu_scheduler_active = 2, debug_locks = 1
        [   24.311963] 3 locks held by syzkaller076311/4159:
        [   24.316826]  #0:  (&ctx->mutex){+.+.}, at: [<0000000027c8872d>] perf_event_ctx_lock_nested+0x21b/0x450
        [   24.345854]
        [   24.345854] stack backtrace:
        [   24.350373] CPU: 0 PID: 4159 Comm: syzkaller076311 Not tainted 4.15.0+ #10
        [   24.366690] Call Trace:
        [   24.369257]  dump_stack+0x194/0x257
        [   24.377529]  lockdep_rcu_suspicious+0x123/0x170
        [   24.382181]  ___might_sleep+0x385/0x470
        [   24.392013]  __might_sleep+0x95/0x190
        [   24.399834]  __might_fault+0xab/0x1d0
        [   24.403613]  _copy_to_user+0x2c/0xc0
        [   24.407327]  bpf_prog_array_copy_to_user+0x217/0x4d0
        [   24.412412]  ? bpf_prog_array_length+0x2d0/0x2d0
        [   24.429110]  bpf_prog_array_copy_info+0x17b/0x1c0
        [   24.433936]  perf_event_query_prog_array+0x196/0x280
      `),
      expected: {
        title: 'suspicious RCU usage in bpf_prog_array_copy_info',
        cpu: 0,
        pid: 4159,
        culprit: { function: 'bpf_prog_array_copy_info', module: null },
        corrupted: false,
        details: { source: 'include/linux/rcupdate.h:302', check: 'Illegal context switch in RCU read-side critical section!' },
      },
    },
  ],
});
