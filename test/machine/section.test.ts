import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { loadMachineInputs } from '../../src/machine/inputs.js';

const FIXTURES = 'test/fixtures/machine';

// A 4.x-style oops of the fixture program: the RIP and some frames printed as raw addresses only.
const RAW_OOPS = [
  'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
  'Oops: 0000 [#1] SMP',
  'CPU: 1 PID: 77 Comm: loop Not tainted 4.19.0 #1',
  'RIP: 0010:0x401006',
  'Code: 8b 05 0a 20 00 00 <03> 47 08 89 05 01 20 00 00 c3',
  'RSP: 0018:ffffc90000a3fd98 EFLAGS: 00010246',
  'Call Trace:',
  ' [<000000000040102c>] 0x40102c',
  ' ? 0x000000000040104a',
  ' wake_all+0x21/0x30',
].join('\n');

describe('symbolizing raw addresses with --symbols', () => {
  const warnings: string[] = [];
  const machine = loadMachineInputs({ symbols: `${FIXTURES}/System.map` }, (path, message) => warnings.push(`${path}: ${message}`));
  const incident = analyzeText(RAW_OOPS, 'oops', { machine }).incidents[0]!;

  it('names the RIP and the call-trace lines printed without a symbol', () => {
    expect(warnings).toEqual([]);
    expect(incident.machine!.symbolized).toEqual(expect.arrayContaining([
      { where: 'rip', address: '0x401006', symbol: 'wake+0x6/0x10' },
      { where: 'frame', address: '0x40102c', symbol: 'wake_all+0x1c/0x30' },
      { where: 'frame', address: '0x40104a', symbol: '_start+0xa' },
    ]));
  });

  it('decodes the Code: bytes at the RIP address printed in the RIP line', () => {
    expect(incident.machine!.codeInstructions.find((i) => i.rip)).toMatchObject({ address: '0x401006', text: 'add 0x8(%rdi),%eax' });
  });
});

describe('no machine section without anything to read', () => {
  it('is null for a report without a Code: line when no machine inputs are given', () => {
    const text = 'watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [a:1]\nCPU: 0 PID: 1 Comm: a Not tainted 5.4.0 #1\nRIP: 0010:f+0x1/0x10\nCall Trace:\n g+0x2/0x20\n';
    expect(analyzeText(text, 'x').incidents[0]!.machine).toBeNull();
  });
});

describe('the disassembly explains an interrupt re-enable point the Code: bytes do not show', () => {
  it('notes the popfq before the hottest RIP from `crash> dis` when the log lost its Code: lines', () => {
    const withoutCode = readFileSync('examples/node-2/messages.node-2.20221112.log', 'utf8').split('\n').filter((l) => !l.includes(' Code: ')).join('\n');
    const machine = loadMachineInputs({ dis: ['examples/node-2/crash/dis_raw_spin_unlock_irqrestore.txt'] }, () => undefined);
    const culprit = analyzeText(withoutCode, 'messages', { machine }).incidents.find((i) => i.cpu === 12)!;
    expect(culprit.machine!.codeInstructions).toEqual([]);
    expect(culprit.machine!.notes[0]).toBe('RIP _raw_spin_unlock_irqrestore+0x15 is the instruction right after `popfq` (_raw_spin_unlock_irqrestore+0x14) in the disassembly: interrupts were just re-enabled, so the held-back timer interrupt lands here; the sample marks that point, not the loop.');
  });
});
