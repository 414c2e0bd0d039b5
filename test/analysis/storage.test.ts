import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { ioWaitOf, storageErrorsOn } from '../../src/analysis/storage.js';
import { renderJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import type { Result } from '../../src/result/schema.js';
import { resultSchema } from '../../src/result/schema.js';

const NOW = () => new Date('2026-03-04T00:00:00Z');

/** A syslog line of host `host` at `clock` on Mar 3. */
const at = (host: string, clock: string, text: string) => `Mar  3 ${clock} ${host} kernel: ${text}`;

/** A 4.18 hung-task report of `comm`:`pid` whose stack is `frames`, innermost first. */
function hungTask(host: string, clock: string, comm: string, pid: number, frames: readonly string[]): string[] {
  return [
    `INFO: task ${comm}:${pid} blocked for more than 120 seconds.`,
    '      Not tainted 4.18.0-348.el8.x86_64 #1',
    '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
    `task:${comm.padEnd(15)} state:D stack:    0 pid:${String(pid).padStart(5)} ppid:     2 flags:0x80004000`,
    'Call Trace:',
    ...frames.map((f) => ` ${f}`),
  ].map((text) => at(host, clock, text));
}

const JBD2_COMMIT = ['__schedule+0x2c4/0x700', 'schedule+0x38/0xa0', 'io_schedule+0x12/0x40', 'bit_wait_io+0xd/0x50', '__wait_on_bit+0x6c/0x80', 'out_of_line_wait_on_bit+0x91/0xb0', 'jbd2_journal_commit_transaction+0x1104/0x19a0 [jbd2]', 'kjournald2+0xbd/0x270 [jbd2]', 'kthread+0x116/0x130', 'ret_from_fork+0x35/0x40'];
const FSYNC = ['__schedule+0x2c4/0x700', 'schedule+0x38/0xa0', 'jbd2_log_wait_commit+0xac/0x120 [jbd2]', 'ext4_sync_file+0x380/0x3d0 [ext4]', 'do_fsync+0x38/0x70', '__x64_sys_fsync+0x10/0x20', 'do_syscall_64+0x5b/0x1a0', 'entry_SYSCALL_64_after_hwframe+0x65/0xca'];

/** sdb fails (SCSI, block layer, ext4) on db1 from 10:00:01 to 10:01:40; then jbd2/sdb1-8 and an fsync of mysqld hang at 10:04:10. */
function sdbFailsThenHangs(): string {
  return [
    at('db1', '09:58:00', 'sd 2:0:0:0: [sdb] 2097152 512-byte logical blocks: (1.07 GB/1.00 GiB)'),
    at('db1', '10:00:01', 'sd 2:0:0:0: [sdb] tag#7 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE'),
    at('db1', '10:00:01', 'blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0'),
    at('db1', '10:00:02', 'Buffer I/O error on dev sdb1, logical block 256, lost async page write'),
    at('db1', '10:00:31', 'blk_update_request: I/O error, dev sdb, sector 4096 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0'),
    at('db1', '10:01:02', 'sd 2:0:0:0: [sdb] tag#9 timing out command, waited 30s'),
    at('db1', '10:01:40', 'EXT4-fs error (device sdb1): ext4_journal_check_start:83: Detected aborted journal'),
    // Another disk's error: not this hang's device.
    at('db1', '10:02:00', 'blk_update_request: I/O error, dev sdc, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0'),
    ...hungTask('db1', '10:04:10', 'jbd2/sdb1-8', 512, JBD2_COMMIT),
    ...hungTask('db1', '10:04:10', 'mysqld', 2301, FSYNC),
  ].join('\n');
}

const result: Result = analyzeText(sdbFailsThenHangs(), 'messages', { now: NOW });
const byComm = (comm: string) => result.incidents.find((i) => i.comm === comm)!;

describe('storage errors on the device a hang waits for', () => {
  it('makes each storage error line a warning event naming its device', () => {
    const storage = result.events.filter((e) => e.storage);
    expect(storage.map((e) => [e.storage!.kind, e.storage!.device, e.count])).toEqual([
      ['io-error', 'sdb', 1],
      ['io-error', 'sdb', 2],
      ['io-error', 'sdb', 1],
      ['timeout', 'sdb', 1],
      ['fs-error', 'sdb', 1],
      ['io-error', 'sdc', 1],
    ]);
    const eventFindings = result.findings.filter((f) => f.code === 'finding.event');
    expect(eventFindings.length).toBe(6);
    expect(eventFindings.every((f) => f.severity === 'warning')).toBe(true);
    expect(eventFindings[1]!.params['subjects']).toEqual(['sdb']);
  });

  it('says what the hang waits in and on which device', () => {
    expect(ioWaitOf(byComm('jbd2/sdb1-8'))).toEqual({ frame: 'jbd2_journal_commit_transaction', devices: ['sdb'] });
    expect(ioWaitOf(byComm('mysqld'))).toEqual({ frame: 'jbd2_log_wait_commit', devices: [] });
  });

  it('lines the sdb errors up with the jbd2 hang (named device) and the fsync hang (same host): codes and parameters in JSON', () => {
    const json = JSON.parse(renderJson(result)) as Result;
    expect(resultSchema.safeParse(json).success).toBe(true);
    const storage = json.findings.filter((f) => f.code === 'finding.storage');
    const jbd2 = byComm('jbd2/sdb1-8');
    const mysqld = byComm('mysqld');
    expect(storage).toEqual([
      expect.objectContaining({
        severity: 'warning',
        incidents: [jbd2.id],
        params: { id: jbd2.id, kind: 'hung-task', comm: 'jbd2/sdb1-8', device: 'sdb', basis: 'device', frame: 'jbd2_journal_commit_transaction', lines: 6, kinds: ['io-error', 'timeout', 'fs-error'], from: '10:00:01', to: '10:01:40', position: 'before', others: 0 },
      }),
      expect.objectContaining({ incidents: [mysqld.id], params: expect.objectContaining({ device: 'sdb', basis: 'host', frame: 'jbd2_log_wait_commit', lines: 6, position: 'before' }) }),
      expect.objectContaining({ incidents: [mysqld.id], params: expect.objectContaining({ device: 'sdc', basis: 'host', lines: 1, from: '10:02:00', to: '10:02:00' }) }),
    ]);
    expect(json.events.find((e) => e.template.startsWith('sd N:N:N:N: [sdb] tag#N timing out'))?.storage).toEqual({ kind: 'timeout', device: 'sdb', address: '2:0:0:0' });
  });

  it('says it in the text report, in English and in Chinese', () => {
    const en = renderText(result, { color: false, lang: 'en' });
    expect(en).toContain(`Storage errors on sdb from 10:00:01 to 10:01:40, 6 lines (I/O errors, timeouts, file system errors), before the hung task ${byComm('jbd2/sdb1-8').id} (jbd2/sdb1-8), which waits for I/O on sdb in jbd2_journal_commit_transaction.`);
    expect(en).toContain(`Storage errors on sdc at 10:02:00, 1 line (I/O errors), before the hung task ${byComm('mysqld').id} (mysqld), which waits for I/O in jbd2_log_wait_commit on the same host.`);
    const zh = renderText(result, { color: false, lang: 'zh' });
    expect(zh).toContain(`sdb 上的存储错误：从 10:00:01 到 10:01:40 共 6 行（I/O 错误、超时、文件系统错误），发生在任务挂起 ${byComm('jbd2/sdb1-8').id}（jbd2/sdb1-8）之前；它在 jbd2_journal_commit_transaction 中等待 sdb 的 I/O。`);
  });
});

describe('storageErrorsOn', () => {
  const lines = [
    at('n1', '10:00:00', 'device-mapper: multipath: Failing path 8:16.'),
    at('n1', '10:00:05', 'device-mapper: multipath: 253:3: Failing path 8:16.'),
    at('n1', '10:00:09', 'sd 3:0:0:0: rejecting I/O to offline device'),
    at('n1', '10:00:10', 'sd 3:0:0:0: [sdb] tag#1 timing out command, waited 30s'),
    at('n1', '10:00:20', 'nvme nvme0: I/O 123 QID 4 timeout, aborting'),
    at('n1', '10:00:30', 'blk_update_request: I/O error, dev nvme0n1, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0'),
    at('n2', '10:00:40', 'blk_update_request: I/O error, dev sdb, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0'),
  ].join('\n');
  const events = analyzeText(lines, 'messages', { now: NOW }).events;

  it('sums a device under every name it goes by: major:minor, SCSI address, NVMe controller', () => {
    const sdb = storageErrorsOn('sdb', events, 'n1')!;
    expect([sdb.lines, sdb.kinds, sdb.firstSeen, sdb.lastSeen]).toEqual([4, ['path-failed', 'offline', 'timeout'], expect.stringContaining('10:00:00'), expect.stringContaining('10:00:10')]);
    expect(storageErrorsOn('nvme0n1', events)!.lines).toBe(2);
    expect(storageErrorsOn('sdb', events)!.lines).toBe(5);
    expect(storageErrorsOn('sdd', events)).toBeNull();
  });
});

describe('node-2 (no storage error among its lines)', () => {
  it('has no storage event and no storage finding', () => {
    const node2 = analyzeText(readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8'), 'messages', { now: () => new Date('2022-11-13T00:00:00Z') });
    expect(node2.events.some((e) => e.storage)).toBe(false);
    expect(node2.findings.some((f) => f.code === 'finding.storage')).toBe(false);
    expect(node2.events.filter((e) => e.kind === 'rbd').reduce((n, e) => n + e.count, 0)).toBe(21);
  });
});
