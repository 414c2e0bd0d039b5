import { listCorruption } from '../../src/reports/detectors/list-corruption.js';
import { log, testDetector } from './tester.js';

testDetector(listCorruption, {
  valid: [
    {
      name: 'list_del corruption followed by the BUG in lib/list_debug.c: one report, blamed on the list user',
      log: log(`
        [  440.811510] list_del corruption. prev->next should be 00000000bc6553ca, but was 0000000038fa8131
        [  440.811620] ------------[ cut here ]------------
        [  440.811625] kernel BUG at lib/list_debug.c:53!
        [  440.811637] invalid opcode: 0000 [#1] SMP KASAN
        [  440.811649] Modules linked in:
        [  440.811658] CPU: 1 PID: 3200 Comm: syz-executor4 Not tainted 4.15.0-rc8+ #264
        [  440.811673] RIP: 0010:__list_del_entry_valid+0xef/0x150
        [  440.811677] RSP: 0018:ffff8801be95eb20 EFLAGS: 00010286
        [  440.811718] Call Trace:
        [  440.811737]  tipc_nametbl_unsubscribe+0x318/0x990
        [  440.811843]  tipc_subscrb_subscrp_delete+0x1e9/0x460
        [  440.812096]  tipc_release+0x154/0xfe0
        [  440.812240]  sock_release+0x8d/0x1e0
        [  440.812257]  sock_close+0x16/0x20
        [  440.812268]  __fput+0x327/0x7e0
        [  440.812320]  task_work_run+0x199/0x270
        [  440.812365]  do_exit+0x9bb/0x1ad0
        [  440.812595]  do_group_exit+0x149/0x400
        [  440.812645]  get_signal+0x73f/0x16c0
        [  440.812865]  exit_to_usermode_loop+0x214/0x310
        [  440.812961]  entry_SYSCALL_64_fastpath+0x9e/0xa0
        [  440.812967] RIP: 0033:0x452df9
      `),
      expected: {
        title: 'list corruption in tipc_nametbl_unsubscribe',
        cpu: 1,
        pid: 3200,
        culprit: { function: 'tipc_nametbl_unsubscribe', module: null },
        corrupted: false,
        details: { message: 'list_del corruption. prev->next should be 00000000bc6553ca, but was 0000000038fa8131' },
      },
    },
    {
      name: 'a bare BUG in lib/list_debug.c (5.x) is a list corruption too',
      log: log(`
        [  348.947111][ T4333] ------------[ cut here ]------------
        [  348.947754][ T4333] kernel BUG at lib/list_debug.c:51!
        [  348.950815][ T4333] invalid opcode: 0000 [#1] SMP KASAN
        [  348.951779][ T4333] CPU: 0 PID: 4333 Comm: kworker/0:9 Not tainted 5.6.0-rc6+ #156
        [  348.953769][ T4333] Workqueue: events request_firmware_work_func
        [  348.954000][ T4333] RIP: 0010:__list_del_entry_valid.cold+0xf/0x55
        [  348.955000][ T4333] Call Trace:
        [  348.956000][ T4333]  ath9k_htc_wait_for_target+0x1d6/0x280
        [  348.957000][ T4333]  ath9k_htc_probe_device+0x1f2/0x1a60
        [  348.958000][ T4333]  process_one_work+0x94b/0x1620
        [  348.959000][ T4333]  worker_thread+0x96/0xe20
        [  348.960000][ T4333]  kthread+0x318/0x420
        [  348.961000][ T4333]  ret_from_fork+0x24/0x30
      `),
      expected: {
        kind: 'list-corruption',
        title: 'list corruption in ath9k_htc_wait_for_target',
        culprit: { function: 'ath9k_htc_wait_for_target', module: null },
        details: { location: 'lib/list_debug.c:51' },
      },
    },
  ],
  invalid: [{ name: 'a BUG elsewhere is no list corruption', log: '[    1.000000] kernel BUG at mm/filemap.c:1234!\n' }],
});
