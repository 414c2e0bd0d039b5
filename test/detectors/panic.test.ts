import { panic } from '../../src/reports/detectors/panic.js';
import { log, testDetector } from './tester.js';

testDetector(panic, {
  valid: [
    {
      name: 'stack-protector panic: the function it names is the culprit',
      log: log(`
        [  678.752880] Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: udp4_lib_lookup2+0x7ea/0x7f0
        [  678.763686] CPU: 1 PID: 23879 Comm: syz-executor5 Not tainted 4.20.0+ #176
        [  678.770720] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [  678.780077] Call Trace:
        [  678.783693] Kernel Offset: disabled
        [  678.787320] Rebooting in 86400 seconds..
      `),
      expected: {
        title: 'kernel panic in udp4_lib_lookup2',
        cpu: 1,
        pid: 23879,
        culprit: { function: 'udp4_lib_lookup2', module: null },
        role: 'standalone',
        details: { reason: 'stack-protector: Kernel stack is corrupted in: udp4_lib_lookup2+0x7ea/0x7f0' },
      },
    },
    {
      name: 'init killed: a root cause of its own, blamed on the exit path that panicked',
      log: log(`
        [   27.432193] Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b
        [   27.439918] CPU: 0 PID: 1 Comm: init Not tainted 4.14.0+ #129
        [   27.445787] Call Trace:
        [   27.448362]  dump_stack+0x194/0x257
        [   27.451972]  panic+0x1e4/0x41c
        [   27.455174]  do_exit+0x2a7c/0x2b60
        [   27.458724]  do_group_exit+0x149/0x400
        [   27.462608]  get_signal+0x73f/0x16c0
        [   27.466305]  do_signal+0x94/0x1ee0
        [   27.469862]  exit_to_usermode_loop+0x258/0x2f0
        [   27.474446]  prepare_exit_to_usermode+0x227/0x2e0
        [   27.479391]  retint_user+0x8/0x18
      `),
      expected: {
        title: 'kernel panic in do_exit',
        comm: 'init',
        culprit: { function: 'do_exit', module: null },
        details: { reason: 'Attempted to kill init! exitcode=0x0000000b' },
      },
    },
    {
      name: 'a panic that restates an oops no longer in the log is damaged',
      log: log(`
        [  246.756084] Kernel panic - not syncing: hung_task: blocked tasks
        [  246.762271] CPU: 1 PID: 870 Comm: khungtaskd Not tainted 4.16.0-rc7+ #5
        [  246.778353] Call Trace:
        [  246.780919]  dump_stack+0x194/0x24d
        [  246.792946]  panic+0x1e4/0x41c
        [  246.806194]  watchdog+0x91d/0xd60
        [  246.857584]  kthread+0x33c/0x400
        [  246.869694]  ret_from_fork+0x3a/0x50
      `),
      expected: {
        comm: 'khungtaskd',
        role: 'standalone',
        corrupted: true,
        corruptionReasons: ['the hung task report this panic follows is not in the log'],
        details: { reason: 'hung_task: blocked tasks', follows: 'hung task report' },
      },
    },
  ],
  invalid: [
    { name: 'the end marker of a panic opens no second one', log: '[    1.000000] ---[ end Kernel panic - not syncing: Fatal exception ]---\n' },
    { name: 'a panic on a hard lockup is a hard lockup', log: '[    1.000000] Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 1\n' },
  ],
});
