import { describe, expect, it } from 'vitest';
import { deviceOfTask, diskOf, sameDevice, scsiDiskOf, storageError, STORAGE_FORMATS } from '../../src/knowledge/storage.js';
import { STORAGE_EXAMPLES } from './storage-examples.js';

describe('storageError: the printk formats of storage errors, by kernel', () => {
  it.each(STORAGE_EXAMPLES)('%s: %s', (_kernel, line, kind, device, address) => {
    expect(storageError(line)).toEqual(kind === null ? null : { kind, device, address });
  });

  it('has rules without flags, so that one regex of them all tells a message that matches none', () => {
    expect(STORAGE_FORMATS.filter((re) => re.flags !== '')).toEqual([]);
  });
});

describe('device names', () => {
  it.each([
    ['sdb1', 'sdb'],
    ['sdaa12', 'sdaa'],
    ['vda2', 'vda'],
    ['xvda1', 'xvda'],
    ['nvme0n1p2', 'nvme0n1'],
    ['nvme0n1', 'nvme0n1'],
    ['mmcblk0p1', 'mmcblk0'],
    ['dm-3', 'dm-3'],
    ['md127', 'md127'],
    ['8:16', '8:16'],
  ])('diskOf(%s) = %s', (name, disk) => {
    expect(diskOf(name)).toBe(disk);
  });

  it.each([
    ['8:0', 'sda'],
    ['8:16', 'sdb'],
    ['8:17', 'sdb'],
    ['8:240', 'sdp'],
    ['65:0', 'sdq'],
    ['65:160', 'sdaa'],
    ['253:3', null],
  ])('scsiDiskOf(%s) = %s', (majorMinor, disk) => {
    expect(scsiDiskOf(majorMinor)).toBe(disk);
  });

  it.each([
    ['sdb', 'sdb', true],
    ['sdb', 'sdc', false],
    ['nvme0', 'nvme0n1', true],
    ['nvme0n1', 'nvme1', false],
    ['nvme1', 'nvme10n1', false],
    ['8:16', 'sdb', true],
    ['dm-3', '253:3', false],
  ])('sameDevice(%s, %s) = %s', (a, b, same) => {
    expect(sameDevice(a, b)).toBe(same);
  });

  it.each([
    ['jbd2/sdb1-8', 'sdb'],
    ['jbd2/dm-0-8', 'dm-0'],
    // comm is cut to 15 characters.
    ['jbd2/nvme0n1p2-', 'nvme0n1'],
    ['xfsaild/dm-3', 'dm-3'],
    ['xfs-cil/sdc', 'sdc'],
    ['flush-8:16', '8:16'],
    ['kworker/u8:0+flush-8:16', '8:16'],
    ['mysqld', null],
    ['kworker/u16:2', null],
  ])('deviceOfTask(%s) = %s', (comm, device) => {
    expect(deviceOfTask(comm)).toBe(device);
  });
});
