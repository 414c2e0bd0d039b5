import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { render } from '../../src/render/index.js';
import type { Result } from '../../src/result/schema.js';

// The shipped node-2 example: Code: lines only where the bytes are known (+0x15 and +0x1b of
// _raw_spin_unlock_irqrestore, multi_cpu_stop+0x4a). Each case below changes it the way a log gets damaged
// or edited, and checks that contradicting Code: lines are told and not decoded.
const PATH = 'examples/node-2/messages.node-2.20221112.log';
const LINES = readFileSync(PATH, 'utf8').split('\n');
const NOW = () => new Date('2022-11-13T00:00:00Z');

const analyze = (lines: readonly string[]): Result => analyzeText(lines.join('\n'), 'messages', { now: NOW });
const lineOf = (lines: readonly string[], text: string, from = 0) => lines.findIndex((l, n) => n >= from && l.includes(text));
const firstCode = LINES[lineOf(LINES, 'kernel: Code: ')]!;
const codeText = (line: string) => line.slice(line.indexOf('Code: '));

/** The report whose RIP line names `rip` (the nth such), given a Code: line after its last trace line, as the kernel prints it. */
function withCode(lines: readonly string[], rip: string, code: string, nth = 0): { lines: string[]; codeLine: number } {
  let at = -1;
  for (let n = 0; n <= nth; n++) at = lineOf(lines, `] ${rip}/`, at + 1);
  const end = lineOf(lines, 'system_call_fastpath', at);
  const copy = [...lines];
  copy.splice(end + 1, 0, `${lines[end]!.slice(0, lines[end]!.indexOf('kernel: ') + 8)}${code}`);
  return { lines: copy, codeLine: end + 2 };
}

const codeFindings = (r: Result) => r.findings.filter((f) => f.code.startsWith('note.code.'));
const culpritOf = (r: Result) => r.incidents.find((i) => i.cpu === 12)!;

describe('Code: lines cross-checked against each other', () => {
  it('node-2 as shipped: its three Code: lines agree, and all are decoded', () => {
    const result = analyze(LINES);
    expect(codeFindings(result)).toEqual([]);
    const culprit = culpritOf(result);
    expect(culprit.machine!.codeInstructions.find((i) => i.rip)?.text).toBe('nopl 0x0(%rax,%rax,1)');
    expect(culprit.noteMessages[0]!.code).toBe('note.irq.popf');
    const mapped = Object.fromEntries(culprit.machine!.ripMapping.filter((m) => m.instruction).map((m) => [m.location, m.instruction!.text]));
    expect(mapped).toEqual({ '_raw_spin_unlock_irqrestore+0x15': 'nopl 0x0(%rax,%rax,1)', '_raw_spin_unlock_irqrestore+0x1b': 'retq' });
    expect(result.incidents.find((i) => i.cpu === 13)!.machine!.codeInstructions.find((i) => i.rip)?.text).toBe('mov 0x20(%rbx),%eax');
  });

  it('the same bytes for two different RIPs: said, with both places, and decoded for neither', () => {
    const { lines, codeLine } = withCode(LINES, '__wake_up+0x15', codeText(firstCode));
    const result = analyze(lines);
    const findings = codeFindings(result);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', code: 'note.code.copied' });
    expect(findings[0]!.text).toContain('_raw_spin_unlock_irqrestore+0x15 at messages:44');
    expect(findings[0]!.text).toContain(`__wake_up+0x15 at messages:${codeLine}`);
    const culprit = culpritOf(result);
    expect(culprit.machine!.codeInstructions).toEqual([]);
    // Without the bytes the hottest RIP is still explained, by its function's name only.
    expect(culprit.noteMessages[0]!.code).toBe('note.irq.function');
    const mapping = (location: string) => culprit.machine!.ripMapping.find((m) => m.location === location)!;
    expect(mapping('_raw_spin_unlock_irqrestore+0x15').instruction).toBeNull();
    expect(mapping('__wake_up+0x15').instruction).toBeNull();
    // The +0x1b report's own bytes are not in question.
    expect(mapping('_raw_spin_unlock_irqrestore+0x1b').instruction?.text).toBe('retq');
    expect(render(result, 'text', { color: false, compactJson: false, lang: 'en' })).toContain('The same Code: bytes were printed for different RIPs');
    expect(render(result, 'text', { color: false, compactJson: false, lang: 'zh' })).toContain('不同的 RIP 打印了相同的 Code: 字节');
  });

  it('two reports printing different bytes at one address of a function: said, and neither decoded', () => {
    const at = lineOf(LINES, 'kernel: Code: 0f 1f 40 00 5d c3');
    const lines = [...LINES];
    // The byte before the +0x1b report's marker is popfq (9d) at +0x14 in the +0x15 report's bytes.
    lines[at] = lines[at]!.replace('57 9d 0f 1f 44 00 00 5d <c3>', '57 9c 0f 1f 44 00 00 5d <c3>');
    const result = analyze(lines);
    const findings = codeFindings(result);
    expect(findings.map((f) => [f.code, f.params['at'], f.params['aValue'], f.params['bValue']])).toEqual([['note.code.differ', '_raw_spin_unlock_irqrestore+0x14', '9d', '9c']]);
    expect(findings[0]!.text).toContain(`messages:${at + 1}`);
    // No Code: line of the culprit is left to decode, and no input was given: nothing to read.
    expect(culpritOf(result).machine).toBeNull();
  });

  it('a RIP that the other bytes put inside an instruction: the two decodes disagree, neither is used', () => {
    const rip = lineOf(LINES, '_raw_spin_unlock_irqrestore+0x15/', lineOf(LINES, 'RIP:') + 1);
    const code = lineOf(LINES, 'kernel: Code: ', rip);
    const lines = [...LINES];
    lines[rip] = lines[rip]!.replaceAll('ffffffff816ab935', 'ffffffff816ab937').replace('+0x15/', '+0x17/');
    lines[code] = lines[code]!.replace('57 9d <0f> 1f 44 00 00', '57 9d 0f 1f <44> 00 00');
    const result = analyze(lines);
    const findings = codeFindings(result);
    expect(findings.map((f) => [f.code, f.params['at'], f.params['instruction'], f.params['b']])).toEqual([
      ['note.code.split', '_raw_spin_unlock_irqrestore+0x15', 'nopl 0x0(%rax,%rax,1)', '_raw_spin_unlock_irqrestore+0x17'],
    ]);
    // Every +0x15 report prints the bytes that put +0x17 mid-instruction: none of them is decoded, only +0x1b's own.
    const mapped = culpritOf(result).machine!.ripMapping.filter((m) => m.instruction).map((m) => m.location);
    expect(mapped).toEqual(['_raw_spin_unlock_irqrestore+0x1b']);
    expect(culpritOf(result).machine!.codeInstructions).toEqual([]);
  });

  it('compares only reports of one kernel release: another build may have those bytes elsewhere', () => {
    const { lines } = withCode(LINES, '__wake_up+0x15', codeText(firstCode));
    const rip = lineOf(lines, '] __wake_up+0x15/');
    const cpuLine = lines.lastIndexOf(lines.slice(0, rip).reverse().find((l) => l.includes('kernel: CPU: 12 '))!);
    lines[cpuLine] = lines[cpuLine]!.replace('3.10.0-693.11.1.el7', '3.10.0-862.el7');
    const result = analyze(lines);
    expect(codeFindings(result)).toEqual([]);
  });
});
