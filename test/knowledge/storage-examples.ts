import type { StorageKind } from '../../src/knowledge/storage.js';

/**
 * Storage error lines as kernels print them, with what storageError makes of each: [kernel, message, kind, device,
 * address]; null kind for a line that is no storage error. Read by the rules' tests and by the fast scan's, which
 * must keep every one the events take for notable.
 */
export const STORAGE_EXAMPLES: readonly (readonly [string, string, StorageKind | null, string | null, string | null])[] = [
  // 3.10 (RHEL 7) and 4.x: blk_update_request; 2.6.32 end_request; 4.17-5.x print_req_error; 5.15+ blk_print_req_error.
  ['3.10', 'blk_update_request: I/O error, dev sdb, sector 2048', 'io-error', 'sdb', null],
  ['2.6.32', 'end_request: I/O error, dev sdc, sector 0', 'io-error', 'sdc', null],
  ['4.19', 'print_req_error: I/O error, dev dm-3, sector 81920', 'io-error', 'dm-3', null],
  ['5.4', 'blk_update_request: critical medium error, dev nvme0n1, sector 1953525120 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 0', 'io-error', 'nvme0n1', null],
  ['6.1', 'I/O error, dev sdb, sector 123456 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 2', 'io-error', 'sdb', null],
  ['6.1', 'timeout error, dev vda, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2', 'io-error', 'vda', null],
  ['3.10', 'Buffer I/O error on device sdb1, logical block 1234', 'io-error', 'sdb', null],
  ['5.x', 'Buffer I/O error on dev nvme0n1p2, logical block 0, lost async page write', 'io-error', 'nvme0n1', null],
  ['6.x', 'nvme0n1: I/O Cmd(0x2) @ LBA 1234, 8 blocks, I/O Error (sct 0x2 / sc 0x81) DNR', 'io-error', 'nvme0n1', null],
  ['3.10', 'XFS (dm-3): metadata I/O error: block 0x1d7c0 ("xfs_trans_read_buf_map") error 5 numblks 8', 'fs-error', 'dm-3', null],
  ['4.x', 'XFS (dm-3): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x3a00 len 8 error 5', 'fs-error', 'dm-3', null],
  ['5.x', 'XFS (sdb1): log I/O error -5', 'fs-error', 'sdb', null],
  ['4.x', 'XFS (sdc): Log I/O Error Detected. Shutting down filesystem', 'fs-error', 'sdc', null],
  ['3.10', 'XFS (dm-3): xfs_do_force_shutdown(0x2) called from line 1271 of file fs/xfs/xfs_log.c.  Return address = 0xffffffffc06b8b5c', 'fs-error', 'dm-3', null],
  ['3.10', 'EXT4-fs error (device sda3): ext4_find_entry:1312: inode #2: comm ls: reading directory lblock 0', 'fs-error', 'sda', null],
  ['5.x', 'EXT4-fs warning (device sdb1): ext4_end_bio:342: I/O error 10 writing to inode 12 starting block 8)', 'io-error', 'sdb', null],
  ['4.x', 'JBD2: Detected IO errors while flushing file data on sdb1-8', 'io-error', 'sdb', null],
  // SCSI: scmd_printk names the disk and the tag; sdev_printk only the H:C:T:L address.
  ['4.x', 'sd 0:0:0:0: [sdb] tag#12 timing out command, waited 180s', 'timeout', 'sdb', '0:0:0:0'],
  ['3.10', 'sd 2:0:0:0: timing out command, waited 60s', 'timeout', '2:0:0:0', null],
  ['3.10', 'sd 2:0:1:0: [sdc] Unhandled error code', null, null, null],
  ['3.10', 'sd 2:0:1:0: [sdc] FAILED Result: hostbyte=DID_NO_CONNECT driverbyte=DRIVER_OK', 'io-error', 'sdc', '2:0:1:0'],
  ['5.x', 'sd 2:0:0:0: [sdb] tag#0 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s', 'io-error', 'sdb', '2:0:0:0'],
  ['4.x', 'sd 1:0:0:0: [sda] tag#3 abort', 'abort', 'sda', '1:0:0:0'],
  ['3.10', 'sd 2:0:0:0: rejecting I/O to offline device', 'offline', '2:0:0:0', null],
  ['4.x', 'sd 3:0:0:1: Device offlined - not ready after error recovery', 'offline', '3:0:0:1', null],
  ['4.x', 'scsi host2: pvscsi: task abort on host 2, ffff8e2b36a1c2a0', 'abort', 'host2', null],
  // NVMe controller: nvme_timeout and the reset path.
  ['5.x', 'nvme nvme0: I/O 123 QID 4 timeout, aborting', 'timeout', 'nvme0', null],
  ['4.x', 'nvme nvme1: I/O 9 QID 0 timeout, reset controller', 'timeout', 'nvme1', null],
  ['6.x', 'nvme nvme0: I/O 24 (Write) QID 3 timeout, aborting', 'timeout', 'nvme0', null],
  ['5.x', 'nvme nvme0: controller is down; will reset: CSTS=0xffffffff, PCI_STATUS=0xffff', 'reset', 'nvme0', null],
  ['4.x', 'nvme nvme0: resetting controller', 'reset', 'nvme0', null],
  ['3.10', 'nfs: server nfs01.example.com not responding, still trying', 'not-responding', 'nfs01.example.com', null],
  ['5.x', 'nfs: server 10.0.0.5 not responding, timed out', 'not-responding', '10.0.0.5', null],
  ['3.10', 'nfs: server nfs01.example.com OK', null, null, null],
  ['3.10', 'device-mapper: multipath: Failing path 8:16.', 'path-failed', '8:16', null],
  ['5.x', 'device-mapper: multipath: 253:3: Failing path 65:32.', 'path-failed', '65:32', null],
  ['multipathd', 'checker failed path 8:48 in map mpathb', 'path-failed', '8:48', null],
  // Not storage errors.
  ['3.10', 'rbd: rbd1: encountered watch error: -107', null, null, null],
  ['4.x', 'sd 0:0:0:0: [sdb] 2097152 512-byte logical blocks: (1.07 GB/1.00 GiB)', null, null, null],
  ['4.x', 'XFS (dm-3): Mounting V5 Filesystem', null, null, null],
  ['4.x', 'EXT4-fs (sdb1): mounted filesystem with ordered data mode. Opts: (null)', null, null, null],
];
