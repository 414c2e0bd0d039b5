import { consequencePanic } from '../../knowledge/panics.js';
import { detailMessage } from '../codes.js';
import { defineHeaderDetector } from '../define.js';
import { symbolRef } from '../sections.js';

// `Kernel panic - not syncing: Fatal exception`, `... Attempted to kill init! exitcode=0x0000000b`,
// `... stack-protector: Kernel stack is corrupted in: sys_socket+0x1a/0x20` (names the function), `... hung_task: blocked tasks`.
// A hard lockup that panics is a hard lockup (its own detector).
// `(.*\S|)\s*$`, not `(.*?)\s*$`: the lazy form rescans trailing blanks at every position (quadratic on long lines).
const HEADER_RE = /^Kernel panic - not syncing:? (?!Watchdog detected hard LOCKUP)(.*\S|)\s*$/;
// The function a stack-protector panic names (`Kernel stack is corrupted in: func+0x1/0x2`).
const CORRUPTED_IN_RE = /stack is corrupted in: ?(\S+)/;
const CORRUPTED_END_RE = /^corrupted stack end detected/;

export const panic = defineHeaderDetector({
  kind: 'panic',
  meta: {
    description: 'The kernel gave up (panic()): after an oops with panic_on_oops, a hung task with hung_task_panic, a corrupted stack, init dying...',
    examples: [
      'Kernel panic - not syncing: Fatal exception',
      'Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b',
      'Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: __ip_options_echo+0x1a/0x20',
    ],
  },
  header: HEADER_RE,
  bodyLines: [/^Rebooting in \d+ seconds/, /^Shutting down cpus with NMI/],
  expectsTrace: false,
  describe(match, report) {
    report.details['reason'] = match[1]!;
    const follows = consequencePanic(match[1]!);
    if (follows) report.details['follows'] = detailMessage('detail.follows', { follows: follows.follows });
    const named = CORRUPTED_IN_RE.exec(match[1]!);
    const symbol = named ? symbolRef(named[1]!) : null;
    if (symbol) report.culprit = symbol;
    // The task overran its stack some time before schedule() noticed: what it was doing is all the trace can tell.
    else if (CORRUPTED_END_RE.test(match[1]!) && report.entry) report.culprit = report.entry;
    if (named && !symbol) report.details['corruptedIn'] = named[1]!;
  },
});
