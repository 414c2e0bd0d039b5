import { kernelRelativePath } from '../machine/kernel-paths.js';
import type { MachineSection } from '../result/machine-schema.js';

type Mapping = MachineSection['ripMapping'][number];
type SourceRef = { file: string; line: number } | null;

/** Instructions of the decoded Code: line shown around the RIP (all of them are in the JSON). */
const CODE_BEFORE = 6;
const CODE_AFTER = 3;

const where = (s: SourceRef) => (s ? `${kernelRelativePath(s.file)}:${s.line}` : null);

/** The Code: instructions around the RIP. */
function codeWindow(m: MachineSection): MachineSection['codeInstructions'] {
  const at = m.codeInstructions.findIndex((i) => i.rip);
  return at < 0 ? m.codeInstructions : m.codeInstructions.slice(Math.max(0, at - CODE_BEFORE), at + CODE_AFTER + 1);
}

/** `nopl 0x0(%rax,%rax,1) at block/x.c:494, after `popfq``: what a sampled location is. */
export function mappingText(m: Mapping): string {
  const parts: string[] = [];
  if (m.instruction) parts.push(`\`${m.instruction.text}\`${m.source ? ` at ${where(m.source)}` : ''}`);
  else if (m.source) parts.push(`at ${where(m.source)}`);
  if (m.previous) {
    const call = where(m.previous.source);
    parts.push(`after \`${m.previous.text}\`${call ? ` (${call})` : ''}${m.previousInferred ? ' (inferred from the call trace)' : ''}`);
  }
  return parts.join(', ') || 'not in the inputs given';
}

export function loopText(loop: NonNullable<MachineSection['loop']>): string {
  const range = loop.startLocation && loop.endLocation ? `${loop.startLocation} to ${loop.endLocation}` : `${loop.startAddress} to ${loop.endAddress}`;
  const how = loop.method === 'backward-jump' ? `closed by \`${loop.jump}\`` : 'spanning the sampled instructions (no backward jump in the listing)';
  return `${range} (${loop.startAddress}-${loop.endAddress})${loop.lines ? `, source ${loop.lines}` : ''}, ${how}`;
}

export interface MachinePaint {
  clean(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
}

/** The machine-code part of an incident in the terminal report. */
export function machineTextLines(m: MachineSection, p: MachinePaint): string[] {
  const out: string[] = [`  Machine code (${m.syntax === 'att' ? 'AT&T' : 'Intel'} syntax):`];
  if (m.codeInstructions.length > 0) {
    out.push('    Code: bytes of the first report, decoded:');
    for (const i of codeWindow(m)) {
      const line = `    ${i.rip ? '=>' : '  '} ${(i.address ?? `${i.offset >= 0 ? '+' : ''}${i.offset}`).padStart(18)}  ${i.bytes.padEnd(22)} ${p.clean(i.text)}`;
      out.push(i.rip ? p.bold(line) : line);
    }
  }
  for (const pattern of m.codePatterns) out.push(`    ${p.yellow(pattern.kind)}  ${p.clean(pattern.sequence)}: ${p.clean(pattern.explanation)}`);
  if (m.ripMapping.length > 0) {
    out.push('    Samples on the code:');
    for (const r of m.ripMapping) out.push(`    ${String(r.samples).padStart(5)}x ${r.role.padEnd(6)} ${p.clean(r.location).padEnd(36)} ${(r.address ?? '').padEnd(18)}  ${p.clean(mappingText(r))}`);
  }
  if (m.loop) out.push(`    ${p.bold('Loop')} in ${p.clean(m.loop.function)}: ${p.clean(loopText(m.loop))}`);
  for (const s of m.symbolized) out.push(`    ${s.where} ${s.address} = ${p.clean(s.symbol)}`);
  for (const e of m.sourceExcerpts) {
    out.push(`    Source ${p.clean(e.file)} (${p.clean(e.path)}):`);
    for (const l of e.lines) {
      const line = `    ${l.mark === 'loop' ? 'L' : l.mark === 'mapped' ? '>' : ' '} ${String(l.line).padStart(6)}  ${p.clean(l.text)}`;
      out.push(l.mark === 'context' ? p.dim(line) : l.mark === 'loop' ? p.bold(line) : line);
    }
  }
  for (const note of m.notes) out.push(`    ${p.yellow('note')}  ${p.clean(note)}`);
  return out;
}

/** The machine-code part of an incident in the Markdown report; `escape` and `code` are the renderer's. */
export function machineMarkdown(m: MachineSection, md: { escape(s: string): string; code(s: string): string; prose(s: string): string }): string[] {
  const out: string[] = [`#### Machine code (${m.syntax === 'att' ? 'AT&T' : 'Intel'} syntax)`, ''];
  if (m.codeInstructions.length > 0) {
    out.push('Code: bytes of the first report, decoded (`=>` marks the RIP):', '', '```');
    for (const i of codeWindow(m)) out.push(`${i.rip ? '=>' : '  '} ${(i.address ?? `${i.offset >= 0 ? '+' : ''}${i.offset}`).padStart(18)}  ${i.bytes.padEnd(22)} ${i.text.replace(/`/g, "'")}`);
    out.push('```', '');
  }
  for (const pattern of m.codePatterns) out.push(`- **${pattern.kind}** ${md.code(pattern.sequence)}: ${md.prose(pattern.explanation)}`);
  if (m.codePatterns.length > 0) out.push('');
  if (m.ripMapping.length > 0) {
    out.push('| samples | role | location | address | instruction |', '|---:|---|---|---|---|');
    for (const r of m.ripMapping) out.push(`| ${r.samples} | ${r.role} | ${md.code(r.location)} | ${r.address ? md.code(r.address) : ''} | ${md.prose(mappingText(r))} |`);
    out.push('');
  }
  if (m.loop) out.push(`**Loop** in ${md.code(m.loop.function)}: ${md.prose(loopText(m.loop))}`, '');
  if (m.symbolized.length > 0) out.push(...m.symbolized.map((s) => `- ${md.escape(s.where)} ${md.code(s.address)} = ${md.code(s.symbol)}`), '');
  for (const e of m.sourceExcerpts) {
    out.push(`${md.code(e.file)} (\`L\` loop, \`>\` mapped line):`, '', '```c');
    for (const l of e.lines) out.push(`${l.mark === 'loop' ? 'L' : l.mark === 'mapped' ? '>' : ' '} ${String(l.line).padStart(6)}  ${l.text.replace(/```/g, "'''")}`);
    out.push('```', '');
  }
  for (const note of m.notes) out.push(`- ${md.prose(note)}`);
  if (m.notes.length > 0) out.push('');
  return out;
}
