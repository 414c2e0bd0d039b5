import { basename } from 'node:path';
import type { Reason } from '../result/warnings.js';

// Kernel-bearing logs in a directory or bundle: messages*, kern.log*, syslog*, dmesg*, vmcore-dmesg.txt,
// journal*.txt, console logs, LAVA job logs (lava*.yaml); with their rotated and compressed variants.
const KERNEL_LOG_RE = /^(?:messages|kern\.log|kernel\.log|syslog|dmesg|vmcore-dmesg|journal|journalctl|console|serial|ttyS\d*|minicom)(?:[._-].*)?$|\.(?:log|txt)(?:\.(?:gz|xz|\d+))*$|^vmcore-dmesg\.txt$|^lava[\w.-]*\.ya?ml(?:\.(?:gz|xz))?$/i;
/** The file names looked for, for messages saying none was found. */
export const NO_KERNEL_LOG = 'messages*, kern.log*, syslog*, dmesg*, vmcore-dmesg.txt, journal*.txt, journal*.json, lava*.yaml, *.log';

// Files that never hold kernel lines even if their names match the generic patterns above (`journal*.json` is
// `journalctl -o json` output, read; binary `*.journal` files are not).
const NOT_KERNEL_RE = /^(?:wtmp|btmp|lastlog|faillog|(?!journal).*\.json|.*\.(?:journal|journal~|db|sqlite|bin|png|jpg|xml|html?))$/i;

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

export type ArchiveKind = 'tar' | 'tar.gz' | 'tar.xz' | 'zip';
export type Compression = 'gz' | 'xz';

const ARCHIVE_RE = /\.(tar|tar\.gz|tgz|tar\.xz|txz|zip)$/i;

/** The archive format a bundle's name says it is in, or null for a single (maybe compressed) log. */
export function archiveKindOf(path: string): ArchiveKind | null {
  const ext = ARCHIVE_RE.exec(path)?.[1]?.toLowerCase();
  if (!ext) return null;
  if (ext === 'tgz') return 'tar.gz';
  if (ext === 'txz') return 'tar.xz';
  return ext as ArchiveKind;
}

/** Compression of a single log file by its name: `messages-20221112.gz`, `dmesg.xz`. */
export function compressionOf(path: string): Compression | null {
  const ext = /\.(gz|xz)$/i.exec(path)?.[1]?.toLowerCase();
  return (ext as Compression | undefined) ?? null;
}

/** Compressions ktriage cannot read, with the command that decompresses them. */
export function unsupportedCompression(path: string): Reason | null {
  if (/\.bz2$/i.test(path)) return { reason: 'bzip2' };
  if (/\.zst$/i.test(path)) return { reason: 'zstd' };
  if (/\.(?:7z|rar)$/i.test(path)) return { reason: 'archive-format' };
  return null;
}

/**
 * The host a bundle belongs to, from its name: `sosreport-node-2-2022-11-12-abcdef.tar.xz` -> `node-2`,
 * `node-3.tar.gz` -> `node-3`. Used only for lines that carry no hostname (dmesg, kmsg).
 */
export function hostFromBundleName(path: string): string {
  const name = basename(path).replace(/(?:\.tar)?\.(?:gz|xz|tgz|txz|zip|tar)$/i, '');
  const sos = /^sosreport-(.+?)(?:-\d{4}-\d{2}-\d{2}|[-.]\d{6,}|$)/.exec(name);
  return sos?.[1] ?? name;
}
