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

/**
 * What a hostile name or message may carry for a terminal: OSC 52 (writes the clipboard), a screen clear, a window
 * title, C1 CSI (U+009B) and a right-to-left override. No CR or LF: either ends a line of a log file.
 */
export const TERMINAL_CONTROLS = '\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202egnp.exe';
/** Line breaks followed by text shaped like a line of the report, as a journal field or a member name can hold. */
export const FORGED_LINE = '\r\nFORGED: all clear\n';
/** A task name for Markdown and HTML: a double backtick, a table's `|`, markup and a bidi override. */
export const MARKDOWN_COMM = 'a``b|c<img src=x onerror=alert(5)>\u202e';

/** A syslog log whose host, Hardware name, task name, a kernel message and a program's report-shaped line carry `bad`. */
export function hostileSyslog(bad: string, comm = `ev${bad}il`): string {
  const host = `node${bad.replace(/\s/g, '')}`;
  const kernel = (time: string, m: string) => `Nov 12 ${time} ${host} kernel: ${m}`;
  const report = (time: string, stuck: number) => [
    kernel(time, `NMI watchdog: BUG: soft lockup - CPU#1 stuck for ${stuck}s! [${comm}:42]`),
    kernel(time, 'Modules linked in: evil'),
    kernel(time, `CPU: 1 PID: 42 Comm: ${comm} Tainted: G             L    5.10.0 #1`),
    kernel(time, `Hardware name: ${bad} Inc. PowerEdge R740/${bad}, BIOS 2.10.2 02/24/2021`),
    kernel(time, 'RIP: 0010:spin_loop+0x1/0x10'),
    kernel(time, 'Call Trace:'),
    kernel(time, ' do_work+0x10/0x20'),
  ];
  return [
    ...report('10:10:59', 22),
    kernel('10:11:00', `rbd: rbd0: ${bad} failed: -5`),
    kernel('10:11:01', `rbd: rbd1: ${bad} failed: -5`),
    `Nov 12 10:11:02 ${host} evil[666]: BUG: soft lockup - CPU#3 stuck for 22s! [${bad}:666]`,
    ...report('10:11:27', 48),
    '',
  ].join('\n');
}

/** `journalctl -o json` records whose host name and program name hold `bad`, with a kernel report and a spoofed one. */
export function hostileJournal(bad: string): string {
  const record = (n: number, message: string, kernel: boolean) =>
    JSON.stringify({
      MESSAGE: message,
      _HOSTNAME: `node-2${bad}`,
      __REALTIME_TIMESTAMP: String(1668219059000000 + n * 1000),
      ...(kernel ? { _TRANSPORT: 'kernel', _SOURCE_MONOTONIC_TIMESTAMP: String(100000000 + n * 1000) } : { _TRANSPORT: 'syslog', SYSLOG_IDENTIFIER: `evil${bad}` }),
    });
  const lines = ['BUG: soft lockup - CPU#1 stuck for 22s! [spin:42]', 'CPU: 1 PID: 42 Comm: spin Not tainted 5.10.0 #1', 'RIP: 0010:spin_loop+0x1/0x10', 'Call Trace:', ' do_work+0x10/0x20'];
  return [...lines.map((m, n) => record(n, m, true)), record(10, 'BUG: soft lockup - CPU#3 stuck for 22s! [evil:666]', false), ''].join('\n');
}
