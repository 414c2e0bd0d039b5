import { basename } from 'node:path';

// Kernel-bearing logs in a directory or bundle: messages*, kern.log*, syslog*, dmesg*, vmcore-dmesg.txt,
// journal*.txt, console logs; with their rotated and compressed variants.
const KERNEL_LOG_RE = /^(?:messages|kern\.log|kernel\.log|syslog|dmesg|vmcore-dmesg|journal|journalctl|console|serial|ttyS\d*|minicom)(?:[._-].*)?$|\.(?:log|txt)(?:\.(?:gz|\d+))*$|^vmcore-dmesg\.txt$/i;
// Files that never hold kernel lines even if their names match the generic patterns above.
const NOT_KERNEL_RE = /^(?:wtmp|btmp|lastlog|faillog|.*\.(?:journal|journal~|db|sqlite|bin|png|jpg|json|xml|html?))$/i;

/** True when a file found while walking a directory is a log that may hold kernel messages. */
export function isKernelLogName(path: string): boolean {
  const name = basename(path);
  return !NOT_KERNEL_RE.test(name) && KERNEL_LOG_RE.test(name);
}

/**
 * Rotation order: `messages-20221111.gz` < `messages-20221112` < `messages`, and `syslog.2.gz` <
 * `syslog.1` < `syslog`; oldest first so that lines come in time order.
 */
export function rotationOrder(a: string, b: string): number {
  const ka = rotationKey(basename(a));
  const kb = rotationKey(basename(b));
  if (ka.stem !== kb.stem) return ka.stem < kb.stem ? -1 : 1;
  return ka.age !== kb.age ? kb.age - ka.age : a < b ? -1 : a > b ? 1 : 0;
}

function rotationKey(name: string): { stem: string; age: number } {
  const bare = name.replace(/\.(?:gz|xz|bz2|zst)$/i, '');
  const dated = /^(.*?)[-_.](\d{8})(?:\d{2,6})?$/.exec(bare);
  // Dated rotations: older dates are older files; the live file (no date) is newest (age 0).
  if (dated) return { stem: dated[1]!, age: 1e9 - Number(dated[2]) };
  const numbered = /^(.*?)\.(\d{1,4})$/.exec(bare);
  if (numbered) return { stem: numbered[1]!, age: Number(numbered[2]) };
  return { stem: bare, age: 0 };
}
