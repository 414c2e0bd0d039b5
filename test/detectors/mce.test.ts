import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { mce } from '../../src/reports/detectors/mce.js';
import { log, testDetector } from './tester.js';

testDetector(mce, {
  valid: [
    {
      name: 'x86 machine check: CPU, bank, status and address from the mce lines, one incident for the burst',
      log: log(`
        [ 7201.000001] mce: [Hardware Error]: CPU 2: Machine Check Exception: 5 Bank 4: b200000000070f0f
        [ 7201.000002] mce: [Hardware Error]: RIP !INEXACT! 10:<ffffffff8101a0e3> {intel_idle+0xa3/0x140}
        [ 7201.000003] mce: [Hardware Error]: TSC 2f5d3e1c00 ADDR 1fe45c000 MISC 8c
        [ 7201.000004] mce: [Hardware Error]: PROCESSOR 0:50654 TIME 1700000000 SOCKET 0 APIC 4 microcode 2000065
        [ 7201.000005] mce: [Hardware Error]: Machine check: Processor context corrupt
      `),
      expected: { title: 'machine check', cpu: 2, culprit: null, corrupted: false, details: { bank: 4, status: 'b200000000070f0f', address: '1fe45c000', severity: 'uncorrected' } },
    },
    {
      name: 'EDAC corrected memory error: controller, count, DIMM location',
      log: '[ 9000.000001] EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x12345 offset:0x0 grain:32 syndrome:0x0)\n',
      expected: {
        title: 'machine check',
        details: { memoryController: 'MC0', errorCount: 1, errorType: 'corrected', error: 'memory read error', location: 'CPU_SrcID#0_Ha#0_Chan#1_DIMM#0', where: 'channel:1 slot:0 page:0x12345 offset:0x0 grain:32 syndrome:0x0' },
      },
    },
  ],
  invalid: [{ name: 'a thermal throttling note', log: '[  500.000001] mce: CPU0: Core temperature above threshold, cpu clock throttled (total events = 1)\n' }],
});

describe('how urgent a machine check is', () => {
  const severityOf = (text: string) => analyzeText(text).findings.find((f) => f.incidents.length > 0)?.severity;

  it('is a warning when corrected, from the mce: lines, EDAC or GHES alike; critical when not', () => {
    expect(severityOf('[ 10.000001] mce: [Hardware Error]: Machine check events logged\n')).toBe('warning');
    expect(severityOf('[ 10.000001] EDAC MC0: 1 CE memory read error on DIMM_A1 (channel:0 slot:0 page:0x1 offset:0x0 grain:32 syndrome:0x0)\n')).toBe('warning');
    expect(severityOf('[ 10.000001] {1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0\n[ 10.000002] {1}[Hardware Error]: event severity: corrected\n')).toBe('warning');
    expect(severityOf('[ 10.000001] mce: [Hardware Error]: CPU 2: Machine Check Exception: 5 Bank 4: b200000000070f0f\n[ 10.000005] mce: [Hardware Error]: Machine check: Processor context corrupt\n')).toBe('critical');
    expect(severityOf('[ 10.000001] EDAC MC0: 1 UE memory read error on DIMM_A1 (channel:0 slot:0 page:0x1 offset:0x0 grain:32 syndrome:0x0)\n')).toBe('critical');
  });
});
