import { workqueueStall } from '../../src/reports/detectors/workqueue-stall.js';
import { log, testDetector } from './tester.js';

testDetector(workqueueStall, {
  valid: [
    {
      name: 'header alone (syzkaller corpus): a pool stuck, nothing more known',
      log: log(`
        [   72.159680] BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 32s!
      `),
      expected: { title: 'workqueue lockup', maxStuckSeconds: 32, culprit: null, corrupted: false, details: { pool: 'cpus=0 node=0 flags=0x0 nice=0' } },
    },
    {
      name: 'with the busy workqueues (show_workqueue_state): the work item in flight is the culprit',
      log: log(`
        [ 1520.101010] BUG: workqueue lockup - pool cpus=1 node=0 flags=0x0 nice=0 stuck for 41s!
        [ 1520.101020] Showing busy workqueues and worker pools:
        [ 1520.101030] workqueue events: flags=0x0
        [ 1520.101040]   pwq 2: cpus=1 node=0 flags=0x0 nice=0 active=2/256 refcnt=3
        [ 1520.101050]     in-flight: 1403:vmstat_shepherd
        [ 1520.101060]     pending: vmstat_update, cache_reap
        [ 1520.101070] workqueue mm_percpu_wq: flags=0x8
        [ 1520.101080]   pwq 2: cpus=1 node=0 flags=0x0 nice=0 active=1/256 refcnt=2
        [ 1520.101090]     pending: vmstat_update
        [ 1520.101100] pool 2: cpus=1 node=0 flags=0x0 nice=0 hung=41s workers=3 idle: 21 5047
      `),
      expected: {
        title: 'workqueue lockup in vmstat_shepherd',
        maxStuckSeconds: 41,
        culprit: { function: 'vmstat_shepherd', module: null },
        details: { pool: 'cpus=1 node=0 flags=0x0 nice=0', inFlight: 'vmstat_shepherd' },
      },
    },
  ],
  invalid: [{ name: 'a workqueue warning is no lockup', log: '[    1.000000] workqueue: round-robin CPU selection forced, expect performance impact\n' }],
});
