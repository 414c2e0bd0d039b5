/**
 * A dmesg log whose task name, call trace and messages carry markup: a report renderer must show
 * all of it as text. Two soft lockup reports of one task, then rbd and I/O error lines.
 */
export const HOSTILE_COMM = '<script>alert(1)</script>';

export const HOSTILE_LOG = [
  `[  100.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [${HOSTILE_COMM}:42]`,
  '[  100.000001] Modules linked in: evil',
  `[  100.000002] CPU: 1 PID: 42 Comm: ${HOSTILE_COMM} Tainted: G             L    5.10.0 #1`,
  '[  100.000003] RIP: 0010:spin_loop+0x1/0x10',
  '[  100.000004] Call Trace:',
  '[  100.000005]  <img src=x onerror=alert(2)>+0x10/0x20',
  '[  100.000006]  do_work+0x10/0x20',
  '[  101.000000] rbd: rbd0: <script>alert(3)</script> failed: -5',
  '[  102.000000] sd 0:0:0:0: [sda] <b onmouseover=alert(4)>error</b> I/O error, dev sda, sector 12',
  `[  128.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 48s! [${HOSTILE_COMM}:42]`,
  `[  128.000001] CPU: 1 PID: 42 Comm: ${HOSTILE_COMM} Tainted: G             L    5.10.0 #1`,
  '[  128.000003] RIP: 0010:spin_loop+0x5/0x10',
  '',
].join('\n');
