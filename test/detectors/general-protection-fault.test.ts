import { generalProtectionFault } from '../../src/reports/detectors/general-protection-fault.js';
import { log, testDetector } from './tester.js';

testDetector(generalProtectionFault, {
  valid: [
    {
      name: '4.10 layout: the RIP names the faulting function',
      log: log(`
        [ 1722.511384] general protection fault: 0000 [#1] SMP KASAN
        [ 1722.511384] Modules linked in:
        [ 1722.511384] CPU: 0 PID: 27388 Comm: syz-executor5 Not tainted 4.10.0-rc6+ #117
        [ 1722.511384] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS Bochs 01/01/2011
        [ 1722.511384] task: ffff88006252db40 task.stack: ffff880062090000
        [ 1722.511384] RIP: 0010:__ip_options_echo+0x120a/0x1770
        [ 1722.511384] RSP: 0018:ffff880062097530 EFLAGS: 00010206
        [ 1722.511384] Call Trace:
        [ 1722.511384]  ip_send_unicast_reply+0x3b4/0x1250
        [ 1722.511384]  tcp_v4_send_reset+0x9cf/0x1d40
        [ 1722.511384]  tcp_v4_rcv+0x1ac2/0x2e40
        [ 1722.511384] Code: 00 00 00 00 00 fc ff df 48 c1 ea 03 <80> 3c 02 00 0f 85 c2 03 00 00
      `),
      expected: {
        title: 'general protection fault in __ip_options_echo',
        cpu: 0,
        pid: 27388,
        comm: 'syz-executor5',
        kernel: '4.10.0-rc6+',
        culprit: { function: '__ip_options_echo', module: null },
        corrupted: false,
      },
    },
    {
      name: '5.x: non-canonical address with the KASAN shadow hint',
      log: log(`
        [  140.521433][ T9001] general protection fault, probably for non-canonical address 0xdffffc0000000002: 0000 [#1] PREEMPT SMP KASAN
        [  140.532953][ T9001] KASAN: null-ptr-deref in range [0x0000000000000010-0x0000000000000017]
        [  140.541360][ T9001] CPU: 1 PID: 9001 Comm: syz-executor.4 Not tainted 5.10.0-rc1-syzkaller #0
        [  140.549993][ T9001] RIP: 0010:ucma_close+0x5c/0x300
        [  140.555035][ T9001] Call Trace:
        [  140.558313][ T9001]  __fput+0x285/0x920
        [  140.562317][ T9001]  task_work_run+0xdd/0x190
        [  140.566825][ T9001]  exit_to_user_mode_prepare+0x1e1/0x200
        [  140.572468][ T9001]  syscall_exit_to_user_mode+0x38/0x260
        [  140.578002][ T9001]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
      `),
      expected: {
        title: 'general protection fault in ucma_close',
        culprit: { function: 'ucma_close', module: null },
        entry: { function: 'ucma_close', module: null },
        details: { address: '0xdffffc0000000002', kasanHint: 'null-ptr-deref', range: '0x0000000000000010-0x0000000000000017' },
      },
    },
  ],
  invalid: [{ name: 'a user-space general protection fault trap', log: '[   10.000000] traps: a.out[1234] general protection fault ip:401126 sp:7ffd5d1e8a70 error:0 in a.out[401000+1000]\n' }],
});
