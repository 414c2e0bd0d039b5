import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExecutable, findLineTool } from '../../src/machine/addr2line.js';
import type { Result } from '../../src/result/schema.js';
import { resultSchema } from '../../src/result/schema.js';
import { runCli } from '../helpers/cli.js';

// The done-when checks of issue 4, run as a user would (npm test builds dist first).
const LOG = 'examples/node-2/messages.node-2.20221112.log';
const CRASH = 'examples/node-2/crash';
const DIS = ['--dis', `${CRASH}/dis_raw_spin_unlock_irqrestore.txt`, '--dis', `${CRASH}/dis-l_blk_set_queue_dying.fragment.txt`];
const FIXTURES = 'test/fixtures/machine';
const LOOP_LOG = `${FIXTURES}/loop-lockup.log`;
const objdump = findExecutable('objdump');
const lineTool = findLineTool();
if (!objdump || !lineTool) console.warn('binutils (objdump, addr2line) is not installed: the --vmlinux tests that need them are skipped');

function json(args: readonly string[], env?: Record<string, string>): Result {
  const run = runCli(['analyze', ...args, '-f', 'json'], { env });
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stdout) as Result;
  expect(resultSchema.safeParse(result).success).toBe(true);
  return result;
}

/** The text report's section of one incident. */
function incidentText(stdout: string, id: string): string {
  const start = stdout.indexOf(`\n${id}  `);
  return stdout.slice(start, stdout.indexOf('\n\n', start + 1));
}

describe('node-2 with the seed\'s crash> dis outputs', () => {
  const run = runCli(['analyze', LOG, ...DIS]);
  const culprit = incidentText(run.stdout, 'I1');

  it('shows the popfq before the hottest RIP with the irq-enable explanation', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(culprit).toContain('push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>');
    expect(culprit).toMatch(/16x rip +_raw_spin_unlock_irqrestore\+0x15 +0xffffffff816ab935 +`nopl 0x0\(%rax,%rax,1\)`, after `popfq`/);
    expect(culprit).toContain('RIP _raw_spin_unlock_irqrestore+0x15 is the instruction right after `popfq` (Code: bytes decode to `push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>`), which re-enables interrupts');
  });

  it('shows __wake_up+0x44 as the instruction after callq _raw_spin_unlock_irqrestore', () => {
    expect(culprit).toMatch(/18x return __wake_up\+0x44 +0xffffffff810bd514 +after `callq _raw_spin_unlock_irqrestore` \(inferred from the call trace\)/);
  });

  it('maps blk_set_queue_dying+0xa1 to blk-core.c:494 and the loop to lines 494-497', () => {
    expect(culprit).toMatch(/blk_set_queue_dying\+0xa1 +0xffffffff812f7951 +`mov %rbx,%rdi` at block\/blk-core\.c:494, after `callq 0xffffffff810bd4d0 <__wake_up>` \(block\/blk-core\.c:497\)/);
    expect(culprit).toMatch(/Loop in blk_set_queue_dying: blk_set_queue_dying\+0x87 to blk_set_queue_dying\+0xa1 .*source block\/blk-core\.c:494-497/);
  });

  it('carries the same in JSON and Markdown', () => {
    const machine = json([LOG, ...DIS, '--src', 'examples/node-2/source']).incidents.find((i) => i.cpu === 12)!.machine!;
    // examples/node-2/source holds excerpts, not a kernel tree: block/blk-core.c is not there.
    expect(machine.notes).toContain('source file /usr/src/debug/kernel-3.10.0-693.11.1.el7/linux-3.10.0-693.11.1.el7.es.10.x86_64/block/blk-core.c not found under examples/node-2/source: skipped');
    expect(machine.sourceExcerpts).toEqual([]);
    expect(machine.loop).toMatchObject({ function: 'blk_set_queue_dying', method: 'sampled-span', lines: 'block/blk-core.c:494-497', startAddress: '0xffffffff812f7937', endAddress: '0xffffffff812f7951' });
    expect(machine.loop!.sourceLines.map((s) => s.line)).toEqual([494, 496, 497]);
    const wakeUp = machine.ripMapping.find((m) => m.location === '__wake_up+0x44')!;
    expect(wakeUp).toMatchObject({ role: 'return', samples: 18, previousInferred: true, previous: { text: 'callq _raw_spin_unlock_irqrestore' } });
    const md = runCli(['analyze', LOG, ...DIS, '-f', 'md']).stdout;
    expect(md).toContain('#### Machine code (AT&T syntax)');
    expect(md).toContain('| 22 | return | `blk_set_queue_dying+0xa1` | `0xffffffff812f7951` | `mov %rbx,%rdi` at block/blk-core.c:494');
    expect(md).toMatch(/\*\*Loop\*\* in `blk_set_queue_dying`: .*source block\/blk-core\.c:494-497/);
  });

  it('reads the call itself when the caller\'s disassembly is given too', () => {
    const machine = json([LOG, ...DIS, '--dis', `${CRASH}/dis__wake_up.fragment.txt`]).incidents[0]!.machine!;
    expect(machine.ripMapping.find((m) => m.location === '__wake_up+0x44')).toMatchObject({
      instruction: { text: 'pop %rbx', address: '0xffffffff810bd514' },
      previous: { text: 'callq 0xffffffff816ab920 <_raw_spin_unlock_irqrestore>', location: '__wake_up+0x3f' },
      previousInferred: false,
    });
  });
});

describe('node-2 without --dis', () => {
  const result = json([LOG]);

  it('decodes the first report\'s Code: line into push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>', () => {
    const first = result.incidents[0]!;
    expect(first.machine!.codePatterns[0]).toMatchObject({ kind: 'irq-enable', sequence: 'push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>' });
    expect(first.machine!.codeInstructions.find((i) => i.rip)).toEqual({ address: '0xffffffff816ab935', offset: 0, bytes: '0f 1f 44 00 00', text: 'nopl 0x0(%rax,%rax,1)', rip: true });
    expect(first.notes[0]).toContain('Code: bytes decode to `push %rdi; popfq; <nopl 0x0(%rax,%rax,1)>`');
    expect(first.machine!.loop).toBeNull();
  });

  it('decodes in Intel syntax on request', () => {
    const machine = json([LOG, '--syntax', 'intel']).incidents[0]!.machine!;
    expect(machine.syntax).toBe('intel');
    expect(machine.codeInstructions.find((i) => i.rip)!.text).toBe('nop dword ptr [rax+rax*1+0x0]');
  });
});

describe('bad machine inputs are warnings, never failures', () => {
  it('names a --dis file that holds no disassembly, and one that is missing, in one line each', () => {
    const run = runCli(['analyze', LOG, '--dis', `${FIXTURES}/System.map`, '--dis', `${FIXTURES}/nope.txt`]);
    expect(run.status).toBe(0);
    expect(run.stderr.trim().split('\n').filter((l) => l.includes('--dis'))).toEqual([
      `ktriage: ${FIXTURES}/System.map: --dis: no \`crash> dis\` or \`objdump -d\` instruction lines found; ignored`,
      `ktriage: ${FIXTURES}/nope.txt: --dis: cannot read it (no such file); ignored`,
    ]);
  });

  it('notes a missing addr2line', () => {
    const machine = json([LOOP_LOG, '--vmlinux', `${FIXTURES}/loop.elf`], { PATH: '' }).incidents[0]!.machine!;
    expect(machine.notes).toContain(`neither addr2line nor llvm-symbolizer is installed: no file:line from ${FIXTURES}/loop.elf (install binutils or llvm)`);
    expect(machine.ripMapping.every((m) => m.source === null)).toBe(true);
  });

  it('warns about a --vmlinux that is no ELF file and a --src that does not exist', () => {
    const run = runCli(['analyze', LOOP_LOG, '--vmlinux', `${FIXTURES}/loop.c`, '--src', `${FIXTURES}/none`]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`${FIXTURES}/loop.c: --vmlinux: cannot read its symbols (not an ELF file); ignored`);
    expect(run.stderr).toContain(`${FIXTURES}/none: --src: no such file; ignored`);
  });
});

describe('a compiled loop: objdump -dl, System.map, vmlinux and source together', () => {
  const args = [LOOP_LOG, '--dis', `${FIXTURES}/objdump-dl_loop.txt`, '--symbols', `${FIXTURES}/System.map`, '--src', FIXTURES];
  const machine = json(args).incidents[0]!.machine!;

  it('finds the loop from the backward jump enclosing every sample', () => {
    expect(machine.loop).toMatchObject({
      function: 'wake_all', method: 'backward-jump', jump: 'jmp 401018 <wake_all+0x8>', startLocation: 'wake_all+0x8', endLocation: 'wake_all+0x21', lines: '/usr/src/ktriage-fixture/loop.c:19-22',
    });
  });

  it('maps each return address to the call before it, with its line', () => {
    expect(machine.ripMapping.find((m) => m.location === 'wake_all+0x1c')).toMatchObject({
      role: 'return', address: '0x140102c', previous: { text: 'call 401000 <wake>', source: { line: 21 } }, source: { line: 22 },
    });
  });

  it('symbolizes stack words after deriving the KASLR slide', () => {
    expect(machine.notes).toContain('symbol addresses shifted by the KASLR offset 0x1000000, derived from the printed frames');
    expect(machine.symbolized).toContainEqual({ where: 'stack word', address: '0x140102c', symbol: 'wake_all+0x1c/0x30' });
  });

  it('shows the source with the loop lines marked', () => {
    const [excerpt] = machine.sourceExcerpts;
    expect(excerpt!.path).toBe(`${FIXTURES}/loop.c`);
    expect(excerpt!.lines.filter((l) => l.mark === 'loop').map((l) => l.line)).toEqual([19, 20, 21, 22]);
    const text = runCli(['analyze', ...args]).stdout;
    expect(text).toMatch(/L +21 +\t\t\twake\(n\);/);
  });

  it.skipIf(!objdump)('disassembles the sampled functions from vmlinux with objdump when no --dis is given', () => {
    const viaElf = json([LOOP_LOG, '--vmlinux', `${FIXTURES}/loop.elf`]).incidents[0]!.machine!;
    expect(viaElf.loop).toMatchObject({ function: 'wake_all', method: 'backward-jump', lines: '/usr/src/ktriage-fixture/loop.c:19-22' });
    expect(viaElf.ripMapping.find((m) => m.location === 'wake_all+0x1c')).toMatchObject({ previous: { text: 'call 401000 <wake>', source: { line: 21 } }, via: [`dis ${FIXTURES}/loop.elf (objdump -dl wake_all)`] });
  });

  it.skipIf(!lineTool)('takes file:line from addr2line when objdump is missing, and says so', () => {
    const bin = mkdtempSync(join(tmpdir(), 'ktriage-bin-'));
    try {
      symlinkSync(lineTool!.path, join(bin, lineTool!.name));
      const viaElf = json([LOOP_LOG, '--vmlinux', `${FIXTURES}/loop.elf`], { PATH: bin }).incidents[0]!.machine!;
      expect(viaElf.notes).toContain(`objdump is not installed: the sampled functions were not disassembled from ${FIXTURES}/loop.elf (install binutils, or pass --dis)`);
      const ret = viaElf.ripMapping.find((m) => m.location === 'wake_all+0x1c')!;
      expect(ret.source).toEqual({ file: '/usr/src/ktriage-fixture/loop.c', line: 22 });
      expect(ret.previous).toMatchObject({ text: 'callq wake', source: { line: 21 } });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
