// Storage errors as the kernel prints them (block layer, SCSI, NVMe, file systems, NFS, multipath), the
// threads named after the device they serve, and the frames a task sleeps in while it waits for I/O.

/** What kind of storage trouble a line reports. */
export const STORAGE_KINDS = ['io-error', 'fs-error', 'timeout', 'abort', 'reset', 'offline', 'not-responding', 'path-failed'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** A storage error line: its kind, the device it names (normalised: the disk, not the partition) and, for SCSI, its H:C:T:L address. */
export interface StorageError {
  readonly kind: StorageKind;
  readonly device: string;
  readonly address: string | null;
}

interface Rule {
  /** The line's shape; group 1 is the device, group 2 (when there) a second name for it. */
  readonly re: RegExp;
  readonly kind: StorageKind;
}

// The printk formats, each tried on a kernel message (and multipathd's own lines). Examples in test/knowledge/storage.test.ts.
const RULES: readonly Rule[] = [
  // blk_update_request / end_request (2.6-5.x), print_req_error (4.17-5.x), blk_print_req_error (5.15+): "<status> error, dev sdb, sector N".
  { re: /\berror, dev ([\w-]{1,32}), sector\b/, kind: 'io-error' },
  { re: /^Buffer I\/O error on dev(?:ice)? ([\w-]{1,32}),/, kind: 'io-error' },
  // nvme_log_error (6.x): "nvme0n1: I/O Cmd(0x2) @ LBA 1234, 8 blocks, I/O Error (sct 0x2 / sc 0x81)".
  { re: /^(nvme\d{1,4}n\d{1,4}): I\/O Cmd\b.{0,200}\bI\/O Error\b/, kind: 'io-error' },
  { re: /^XFS \(([\w-]{1,32})\): (?:metadata I\/O error|log I\/O error|Log I\/O Error Detected|writeback error|xfs_do_force_shutdown)/, kind: 'fs-error' },
  { re: /^EXT[234]-fs error \(device ([\w-]{1,32})\)/, kind: 'fs-error' },
  { re: /^EXT[234]-fs warning \(device ([\w-]{1,32})\): .{0,200}\bI\/O error\b/, kind: 'io-error' },
  { re: /^JBD2: (?:Detected IO errors while flushing file data on|I\/O error when updating journal superblock for|Error -?\d{1,4} detected when updating journal superblock for) ([\w-]{1,32})-\d{0,4}\b/, kind: 'io-error' },
  // SCSI (sdev_printk/scmd_printk): "sd 0:0:0:0: [sdb] tag#3 timing out command, waited 180s", "sd 2:0:0:0: rejecting I/O to offline device".
  { re: /^(?:sd|scsi) (\d{1,4}:\d{1,4}:\d{1,4}:\d{1,6}): (?:\[(\w{1,32})\] )?(?:tag#\d{1,6} )?(?:timing out command|.{0,80}\btimed out\b)/, kind: 'timeout' },
  { re: /^(?:sd|scsi) (\d{1,4}:\d{1,4}:\d{1,4}:\d{1,6}): (?:\[(\w{1,32})\] )?(?:tag#\d{1,6} )?(?:rejecting I\/O to offline device|Device offlined)/, kind: 'offline' },
  { re: /^(?:sd|scsi) (\d{1,4}:\d{1,4}:\d{1,4}:\d{1,6}): (?:\[(\w{1,32})\] )?(?:tag#\d{1,6} )?(?:abort|.{0,80}\baborting\b)/, kind: 'abort' },
  { re: /^(?:sd|scsi) (\d{1,4}:\d{1,4}:\d{1,4}:\d{1,6}): (?:\[(\w{1,32})\] )?(?:tag#\d{1,6} )?(?:FAILED Result|.{0,80}\bMedium Error\b)/, kind: 'io-error' },
  { re: /^scsi (host\d{1,4}): .{0,120}\babort/, kind: 'abort' },
  // NVMe controller (nvme_timeout, nvme_reset_work): "nvme nvme0: I/O 123 QID 4 timeout, aborting", "... controller is down; will reset".
  { re: /^nvme (nvme\d{1,4}): I\/O \d{1,6} (?:\(\w{1,32}\) )?QID \d{1,6} timeout\b/, kind: 'timeout' },
  { re: /^nvme (nvme\d{1,4}): (?:controller is down; will reset|Removing after probe failure|Device not ready; aborting reset|resetting controller)/, kind: 'reset' },
  { re: /^nfs: server ([\w.:-]{1,255}) not responding\b/, kind: 'not-responding' },
  // dm-multipath (3.10: "Failing path 8:16."; 4.x+: "253:3: Failing path 8:16.") and multipathd ("checker failed path 8:16 in map mpatha").
  { re: /\b(?:Failing|[Ff]ailed) path (\d{1,4}:\d{1,7})\b/, kind: 'path-failed' },
];

/** The formats' shapes, for what must hold of all of them (test/analysis/text-reading.test.ts: no digit told apart by value). */
export const STORAGE_FORMATS: readonly RegExp[] = RULES.map((rule) => rule.re);

// The rules as one regex (they are all case-sensitive, and have no flags): one pass tells most messages, which are no
// storage error, at half the cost of trying each rule (0.14 against 0.27 µs a message of the quiet bench profile). The
// multipath rule took any case once (`/i`, and a pass of its own): its pass cost a noisy log's full read as much as all the others.
const ANY_RULE = new RegExp(RULES.map((rule) => `(?:${rule.re.source})`).join('|'));

/**
 * Whether a line may hold a storage error (a superset of the rules): what the fast scan keeps besides notable words,
 * since a storage error is notable whatever its words (`timing out command`, `Failing path`). Run on a whole line, its
 * prefix included: a rule anchored at the message's start is tried where a message may start (the line's start, or
 * after a syslog tag's `: `, a dmesg time's `] `, kmsg's `;` or a JSON string's `"`), not at every byte, so that a long
 * line repeating a rule's first words costs no more than the rules' one pass over a message.
 */
export const STORAGE_ANYWHERE_RE = new RegExp(RULES.map((rule) => `(?:${rule.re.source.replace(/^\^/, '(?:^|[:\\]] |[;"])')})`).join('|'));

/** The storage error a kernel message (or a multipathd line) reports, or null. */
export function storageError(message: string): StorageError | null {
  if (!ANY_RULE.test(message)) return null;
  for (const { re, kind } of RULES) {
    const m = re.exec(message);
    if (!m) continue;
    const named = m[2] ?? m[1]!;
    return { kind, device: diskOf(named), address: m[2] ? m[1]! : null };
  }
  return null;
}

// Partitions of whole-disk names: sdb1, vda2, xvda1, hda3 (letters then digits); nvme0n1p2, mmcblk0p1, rbd0p1, loop0p1, nbd0p1, md127p1.
const LETTER_DISK_PARTITION_RE = /^((?:sd|vd|xvd|hd)[a-z]{1,4})\d{1,3}$/;
const NUMBER_DISK_PARTITION_RE = /^((?:nvme\d{1,4}n\d{1,4}|mmcblk\d{1,4}|rbd\d{1,4}|loop\d{1,4}|nbd\d{1,4}|md\d{1,4}))p\d{1,3}$/;

/** The disk a block device name belongs to: `sdb1` -> `sdb`, `nvme0n1p2` -> `nvme0n1`; other names (dm-3, 8:16, a server) as they are. */
export function diskOf(name: string): string {
  return LETTER_DISK_PARTITION_RE.exec(name)?.[1] ?? NUMBER_DISK_PARTITION_RE.exec(name)?.[1] ?? name;
}

// SCSI disk majors (Documentation/admin-guide/devices.txt): 8 holds sda-sdp, 65-71 sdq-sddf, 128-135 sddg-sdiv; 16 minors per disk.
const SD_MAJORS: readonly number[] = [8, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132, 133, 134, 135];

/** The SCSI disk a `major:minor` names (`8:16` -> `sdb`, `8:17` -> `sdb` too), or null for another major. */
export function scsiDiskOf(majorMinor: string): string | null {
  const [major, minor] = majorMinor.split(':').map(Number) as [number, number];
  const block = SD_MAJORS.indexOf(major);
  if (block < 0 || !Number.isInteger(minor)) return null;
  // sd_format_disk_name: a, ..., z, aa, ..., zz, aaa: base-26 without a zero digit.
  let index = block * 16 + Math.floor(minor / 16);
  let letters = '';
  do {
    letters = String.fromCharCode(97 + (index % 26)) + letters;
    index = Math.floor(index / 26) - 1;
  } while (index >= 0);
  return `sd${letters}`;
}

/** Whether two normalised device names are one device: equal, the NVMe controller of a namespace, or an sd disk and its `major:minor`. */
export function sameDevice(a: string, b: string): boolean {
  if (a === b) return true;
  const nvme = (controller: string, namespace: string) => /^nvme\d{1,4}$/.test(controller) && namespace.startsWith(`${controller}n`);
  if (nvme(a, b) || nvme(b, a)) return true;
  return scsiDiskOf(a) === b || scsiDiskOf(b) === a;
}

/** Kernel threads named after the block device they serve (comm is cut to 15 characters: `jbd2/nvme0n1p2-` loses its tail). */
const DEVICE_THREADS: readonly { readonly prefix: string; readonly device: (rest: string) => string }[] = [
  // jbd2/<dev>-<inode of the journal>: the ext4 journal thread of that device.
  { prefix: 'jbd2/', device: (rest) => rest.replace(/-\d{0,4}$/, '') },
  { prefix: 'xfsaild/', device: (rest) => rest },
  // Pre-3.10 per-device writeback threads: flush-<major>:<minor>.
  { prefix: 'flush-', device: (rest) => rest },
];

/** The device a task's name says it serves (`jbd2/sdb1-8` -> `sdb`, `xfsaild/dm-3` -> `dm-3`, `flush-8:16` -> `8:16`), or null. */
export function deviceOfTask(comm: string): string | null {
  // A kworker's description follows a `+` (`kworker/u8:0+flush-8:16`).
  const name = comm.includes('+') ? comm.slice(comm.lastIndexOf('+') + 1) : comm;
  for (const { prefix, device } of DEVICE_THREADS) {
    if (!name.startsWith(prefix)) continue;
    const rest = device(name.slice(prefix.length));
    return rest ? diskOf(rest) : null;
  }
  const xfs = /^xfs-[a-z-]{1,16}\/([\w-]{1,32})$/.exec(name);
  return xfs ? diskOf(xfs[1]!) : null;
}

/**
 * Functions a task sleeps in while it waits for I/O to complete: on a stack, they say the task waits for storage
 * (block layer, page and buffer locks held over I/O, the ext4 journal, the XFS log, NFS and its RPC).
 */
export const IO_WAIT_FRAMES: ReadonlySet<string> = new Set([
  'io_schedule',
  'io_schedule_timeout',
  'bit_wait_io',
  'bit_wait_io_timeout',
  'sleep_on_page',
  'sync_page',
  'sleep_on_buffer',
  'sync_buffer',
  'wait_on_page_bit',
  'wait_on_page_bit_common',
  'wait_on_page_bit_killable',
  '__lock_page',
  '__lock_page_killable',
  'wait_on_page_writeback',
  'folio_wait_bit',
  'folio_wait_bit_common',
  'folio_wait_writeback',
  '__folio_lock',
  '__wait_on_buffer',
  'wait_on_buffer',
  'wait_for_completion_io',
  'wait_for_completion_io_timeout',
  'submit_bio_wait',
  'blkdev_issue_flush',
  'blk_mq_get_tag',
  'get_request',
  'jbd2_log_wait_commit',
  'jbd2_journal_commit_transaction',
  'wait_transaction_locked',
  'xfs_log_force',
  'xfs_log_force_lsn',
  '_xfs_log_force',
  '_xfs_log_force_lsn',
  'xlog_wait',
  'xfs_buf_iowait',
  'nfs_wait_bit_killable',
  'nfs_wait_on_request',
  'nfs4_wait_clnt_recover',
  'rpc_wait_bit_killable',
  '__rpc_wait_for_completion_task',
]);
