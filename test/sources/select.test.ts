import { describe, expect, it } from 'vitest';
import { unsafeMemberReason } from '../../src/sources/archive.js';
import { archiveKindOf, compressionOf, hostFromBundleName, isKernelLogName, rotationOrder } from '../../src/sources/select.js';

describe('bundle and log names', () => {
  it('knows archives from compressed single logs', () => {
    expect(['a.tar', 'a.tar.gz', 'a.tgz', 'a.tar.xz', 'a.txz', 'a.zip', 'messages-20221112.gz', 'dmesg.xz', 'messages'].map(archiveKindOf)).toEqual([
      'tar', 'tar.gz', 'tar.gz', 'tar.xz', 'tar.xz', 'zip', null, null, null,
    ]);
    expect(['messages-20221112.gz', 'kern.log.1.xz', 'messages'].map(compressionOf)).toEqual(['gz', 'xz', null]);
    expect(['var/log/messages-20221112.xz', 'kern.log.2.gz', 'boot.log.xz'].every(isKernelLogName)).toBe(true);
    // journalctl -o json exports are read; other JSON and journald's binary files are not.
    expect(['journal.json', 'journalctl-node2.json.gz', 'journal.txt'].every(isKernelLogName)).toBe(true);
    expect(['config.json', 'system.journal', 'wtmp'].some(isKernelLogName)).toBe(false);
    // LAVA job logs (KernelCI, LKFT); other YAML is not a log.
    expect(['lava-job-1234.yaml', 'lava_log.yml', 'lava.yaml.gz'].every(isKernelLogName)).toBe(true);
    expect(['config.yaml', 'docker-compose.yml'].some(isKernelLogName)).toBe(false);
  });

  it('orders rotated logs oldest first, compressed or not', () => {
    const names = ['messages', 'messages-20221112.xz', 'messages-20221105.gz', 'kern.log', 'kern.log.1', 'kern.log.2.gz'];
    expect([...names].sort(rotationOrder)).toEqual(['kern.log.2.gz', 'kern.log.1', 'kern.log', 'messages-20221105.gz', 'messages-20221112.xz', 'messages']);
  });

  it('takes the host from a bundle name', () => {
    expect(hostFromBundleName('/x/sosreport-node-2-2022-11-12-abcdef.tar.xz')).toBe('node-2');
    expect(hostFromBundleName('sosreport-db01.example.com-20221112103000.tar.xz')).toBe('db01.example.com');
    expect(hostFromBundleName('node-3.tar.gz')).toBe('node-3');
    expect(hostFromBundleName('ecs-i-bp1f2a3b.zip')).toBe('ecs-i-bp1f2a3b');
  });

  it('flags member paths that climb out or are absolute', () => {
    expect(unsafeMemberReason('var/log/messages')).toBeNull();
    expect(unsafeMemberReason('var/log/..messages')).toBeNull();
    expect(unsafeMemberReason('../messages')).toEqual({ reason: 'dotdot-path' });
    expect(unsafeMemberReason('var/../../messages')).toEqual({ reason: 'dotdot-path' });
    expect(unsafeMemberReason('..\\windows\\messages')).toEqual({ reason: 'dotdot-path' });
    expect(unsafeMemberReason('/var/log/messages')).toEqual({ reason: 'absolute-path' });
    expect(unsafeMemberReason('C:\\logs\\messages')).toEqual({ reason: 'absolute-path' });
  });
});
