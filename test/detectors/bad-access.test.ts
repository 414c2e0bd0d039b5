import { badAccess } from '../../src/reports/detectors/bad-access.js';
import { log, testDetector } from './tester.js';

testDetector(badAccess, {
  valid: [
    {
      name: 'x86 4.15: paging request in a string helper, blamed on its caller; the panic after it is its victim',
      log: log(`
        [   83.458005] BUG: unable to handle kernel paging request at ffffffffffffffd8
        [   83.465166] IP: memcmp+0x9/0x40
        [   83.468420] PGD 3021067 P4D 3021067 PUD 3023067 PMD 0
        [   83.473680] Oops: 0000 [#1] SMP
        [   83.484118] Modules linked in:
        [   83.487284] CPU: 0 PID: 18580 Comm: syz-executor3 Not tainted 4.15.0-rc3-next-20171214+ #67
        [   83.495741] Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
        [   83.505077] RIP: 0010:memcmp+0x9/0x40
        [   83.508843] RSP: 0018:ffffc90000f13ea0 EFLAGS: 00010202
        [   83.571686] Call Trace:
        [   83.574244]  ipcget+0x1a2/0x620
        [   83.577503]  SyS_msgget+0x48/0x60
        [   83.580930]  entry_SYSCALL_64_fastpath+0x1f/0x96
        [   83.585652] RIP: 0033:0x452a09
        [   83.651930] RIP: memcmp+0x9/0x40 RSP: ffffc90000f13ea0
        [   83.660621] ---[ end trace a28e6436c6f945bb ]---
        [   83.665352] Kernel panic - not syncing: Fatal exception
      `),
      expected: {
        title: 'bad memory access in ipcget',
        cpu: 0,
        pid: 18580,
        comm: 'syz-executor3',
        rip: { function: 'memcmp', offset: '0x9', size: '0x40', module: null },
        culprit: { function: 'ipcget', module: null },
        corrupted: false,
        role: 'culprit',
        details: { fault: 'paging request', address: 'ffffffffffffffd8' },
      },
    },
    {
      name: 'x86 5.x: NULL pointer dereference with #PF lines',
      log: log(`
        [  100.000001] BUG: kernel NULL pointer dereference, address: 0000000000000008
        [  100.000002] #PF: supervisor read access in kernel mode
        [  100.000003] #PF: error_code(0x0000) - not-present page
        [  100.000004] PGD 0 P4D 0
        [  100.000005] Oops: 0000 [#1] PREEMPT SMP NOPTI
        [  100.000006] CPU: 2 PID: 4242 Comm: modprobe Tainted: G           OE     5.15.0-91-generic #101-Ubuntu
        [  100.000007] RIP: 0010:nvme_setup_cmd+0x2c/0x3a0 [nvme_core]
        [  100.000008] Call Trace:
        [  100.000009]  <TASK>
        [  100.000010]  nvme_queue_rq+0x7a/0x1f0 [nvme]
        [  100.000011]  blk_mq_dispatch_rq_list+0x13c/0x7f0
        [  100.000012]  blk_mq_run_work_fn+0x20/0x30
        [  100.000013]  process_one_work+0x22b/0x3d0
        [  100.000014]  worker_thread+0x53/0x410
        [  100.000015]  kthread+0x127/0x150
        [  100.000016]  ret_from_fork+0x1f/0x30
        [  100.000017]  </TASK>
      `),
      expected: {
        title: 'bad memory access in nvme_setup_cmd',
        cpu: 2,
        pid: 4242,
        comm: 'modprobe',
        culprit: { function: 'nvme_setup_cmd', module: 'nvme_core' },
        entry: { function: 'blk_mq_run_work_fn', module: null },
        corrupted: false,
        details: { fault: 'NULL pointer dereference', address: '0000000000000008', access: 'supervisor read access in kernel mode' },
      },
    },
    {
      name: '32-bit arm: Unhandled fault, PC is at, Backtrace with "from" frames',
      log: log(`
        Unhandled fault: page domain fault (0x81b) at 0x00001044
        pgd = 74561366
        [00001044] *pgd=8f35a835, *pte=00000000, *ppte=00000000
        Internal error: : 81b [#1] SMP ARM
        Modules linked in:
        CPU: 0 PID: 22499 Comm: syz-executor1 Not tainted 4.17.0-rc1+ #11
        Hardware name: ARM-Versatile Express
        PC is at memset+0x30/0xa8
        LR is at   (null)
        pc : [<80b10c70>]    lr : [<00000000>]    psr: 200d0013
        Process syz-executor1 (pid: 22499, stack limit = 0xa891e723)
        Backtrace:
        [<80b10c70>] (memset) from [<8062eec8>] (n_tty_set_termios+0x154/0x3c4)
        [<8062eec8>] (n_tty_set_termios) from [<80632588>] (tty_set_termios+0x1bc/0x230)
        [<80632588>] (tty_set_termios) from [<80632c94>] (set_termios+0x198/0x3f8)
        [<8062be58>] (tty_ioctl) from [<8027dfb4>] (do_vfs_ioctl+0xb0/0xa10)
        [<8027dfb4>] (do_vfs_ioctl) from [<8027e954>] (ksys_ioctl+0x40/0x6c)
        [<8027e954>] (ksys_ioctl) from [<80101000>] (ret_fast_syscall+0x0/0x54)
      `),
      expected: {
        title: 'bad memory access in n_tty_set_termios',
        cpu: 0,
        rip: { function: 'memset', offset: '0x30', size: '0xa8', module: null },
        culprit: { function: 'n_tty_set_termios', module: null },
        entry: { function: 'tty_ioctl', module: null },
        details: { fault: 'page domain fault', address: '00001044' },
      },
    },
    {
      name: 'arm64 6.x: pc/lr lines and Call trace: the sanitizer check is skipped',
      log: log(`
        [ 8455.020911][ T6560] Unable to handle kernel paging request at virtual address efff800000000137
        [ 8455.041432][ T6560] KASAN: probably user-memory-access in range [0x0000000000001370-0x000000000000137f]
        [ 8455.042000][ T6560] Mem abort info:
        [ 8455.042220][ T6560]   ESR = 0x0000000096000005
        [ 8455.303122][ T6560] Internal error: Oops: 0000000096000005 [#1] PREEMPT SMP
        [ 8455.305207][ T6560] Modules linked in:
        [ 8455.306698][ T6560] CPU: 0 UID: 0 PID: 6560 Comm: syz.2.929 Not tainted 6.12.0-rc7-syzkaller-g5db899a34f75 #0
        [ 8455.308626][ T6560] Hardware name: linux,dummy-virt (DT)
        [ 8455.311792][ T6560] pc : __hwasan_check_x0_67043363+0x4/0x30
        [ 8455.313109][ T6560] lr : vgic_get_irq+0x7c/0x3d4
        [ 8455.314373][ T6560] sp : ffff80008c597650
        [ 8455.315485][ T6560] x29: ffff80008c597660 x28: 00000000000000e0 x27: 0000000000000004
        [ 8455.335982][ T6560] Call trace:
        [ 8455.336895][ T6560]  __hwasan_check_x0_67043363+0x4/0x30
        [ 8455.338277][ T6560]  vgic_mmio_write_invlpi+0xb0/0x174
        [ 8455.339739][ T6560]  dispatch_mmio_write+0x2a4/0x308
        [ 8455.348765][ T6560]  kvm_arch_vcpu_ioctl_run+0xbc0/0x15b0
        [ 8455.350030][ T6560]  kvm_vcpu_ioctl+0x660/0xf78
        [ 8455.351322][ T6560]  __arm64_sys_ioctl+0x108/0x184
        [ 8455.351400][ T6560]  invoke_syscall+0x78/0x1b8
        [ 8455.351500][ T6560]  el0_svc+0x58/0x148
      `),
      expected: {
        title: 'bad memory access in vgic_mmio_write_invlpi',
        cpu: 0,
        pid: 6560,
        comm: 'syz.2.929',
        culprit: { function: 'vgic_mmio_write_invlpi', module: null },
        entry: { function: 'kvm_vcpu_ioctl', module: null },
        corrupted: false,
        details: { fault: 'paging request', address: 'efff800000000137' },
      },
    },
    {
      name: 'header only: cut off before registers and trace',
      log: log(`
        [   10.000000] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010
      `),
      expected: { title: 'bad memory access', culprit: null, corrupted: true, corruptionReasons: ['report cut off before its registers and call trace'] },
    },
  ],
  invalid: [{ name: 'a user-space segfault', log: '[   10.000000] a.out[1234]: segfault at 0 ip 0000000000401126 sp 00007ffd5d1e8a70 error 6 in a.out[401000+1000]\n' }],
});
