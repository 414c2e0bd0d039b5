import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { log } from '../detectors/tester.js';

describe('a report header no detector knows', () => {
  it('is one warning naming file and line, and the register dump after it a partial incident', () => {
    const result = analyzeText(
      log(`
        [  310.220104] usb 1-1: new high-speed USB device number 3 using ehci-pci
        [  310.551230] BUG: frobnicated queue state 3 on hctx 2
        [  310.551241] CPU: 2 PID: 4417 Comm: kworker/2:1H Not tainted 5.14.0-70.el9.x86_64 #1
        [  310.551248] RIP: 0010:blk_mq_dispatch_rq_list+0x1a2/0x7f0
        [  310.551252] RSP: 0018:ffffb0a9c1e3fd48 EFLAGS: 00010246
        [  310.551260] Call Trace:
        [  310.551263]  <TASK>
        [  310.551266]  __blk_mq_sched_dispatch_requests+0xdd/0x150
        [  310.551272]  blk_mq_sched_dispatch_requests+0x30/0x60
        [  310.551279]  blk_mq_run_work_fn+0x1b/0x30
        [  310.551284]  process_one_work+0x1e5/0x3b0
        [  310.551290]  </TASK>
      `),
      'node.log',
      { now: () => new Date(0) },
    );
    expect(result.incidents.map((i) => ({ kind: i.kind, partial: i.partial, culprit: i.culprit?.function, cpu: i.cpu, pid: i.pid }))).toEqual([
      { kind: 'oops', partial: { reason: 'header-unknown' }, culprit: 'blk_mq_dispatch_rq_list', cpu: 2, pid: 4417 },
    ]);
    const warnings = result.warnings.filter((w) => /no detector knows/.test(w.message));
    expect(warnings).toEqual([{ path: 'node.log', message: expect.stringMatching(/^line 2: .*BUG: frobnicated queue state 3 on hctx 2$/), code: 'unknown-header', params: { line: 2, excerpt: expect.stringMatching(/BUG: frobnicated queue state 3 on hctx 2$/) } }]);
  });

  it('alone, with no dump after it, is only a message: no incident, no warning', () => {
    const result = analyzeText('[   12.000001] WARNING: BIOS reports the memory map wrongly\n[   12.000002] e1000e: link up\n', 'node.log', { now: () => new Date(0) });
    expect(result.incidents).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
