import { kernelRelativePath } from '../machine/kernel-paths.js';
import { punctuation, say, sayEach, t, type Lang } from '../i18n/index.js';
import type { MachineSection } from '../result/machine-schema.js';
import { padColumns } from './columns.js';
import { visible } from './visible.js';

type Mapping = MachineSection['ripMapping'][number];
type SourceRef = { file: string; line: number } | null;

/** Instructions of the decoded Code: line shown around the RIP (all of them are in the JSON). */
const CODE_BEFORE = 6;
const CODE_AFTER = 3;

/** What a pattern of the Code: bytes means, in the report's language. */
export function patternText(p: MachineSection['codePatterns'][number], lang: Lang): string {
  return say(lang, { text: p.explanation, code: `pattern.${p.kind}`, params: p.params });
}

/** The machine-code notes in the report's language. */
export function machineNotes(m: MachineSection, lang: Lang): string[] {
  return sayEach(lang, m.notes, m.noteMessages);
}

const where = (s: SourceRef) => (s ? `${kernelRelativePath(s.file)}:${s.line}` : null);

/** The Code: instructions around the RIP. */
function codeWindow(m: MachineSection): MachineSection['codeInstructions'] {
  const at = m.codeInstructions.findIndex((i) => i.rip);
  return at < 0 ? m.codeInstructions : m.codeInstructions.slice(Math.max(0, at - CODE_BEFORE), at + CODE_AFTER + 1);
}

/** `nopl 0x0(%rax,%rax,1) at block/x.c:494, after `popfq``: what a sampled location is. */
export function mappingText(m: Mapping, lang: Lang = 'en'): string {
  const parts: string[] = [];
  const at = (s: SourceRef) => t(lang, 'ui.machine.at', { where: where(s) });
  if (m.instruction) parts.push(`\`${m.instruction.text}\`${m.source ? ` ${at(m.source)}` : ''}`);
  else if (m.source) parts.push(at(m.source));
  if (m.previous) {
    const call = where(m.previous.source);
    parts.push(`${t(lang, 'ui.machine.after', { instruction: m.previous.text })}${call ? ` (${call})` : ''}${m.previousInferred ? ` (${t(lang, 'ui.machine.inferred')})` : ''}`);
  }
  return parts.join(', ') || t(lang, 'ui.machine.notInInputs');
}

export function loopText(loop: NonNullable<MachineSection['loop']>, lang: Lang = 'en'): string {
  const range = loop.startLocation && loop.endLocation ? t(lang, 'ui.coverage', { from: loop.startLocation, to: loop.endLocation }) : t(lang, 'ui.coverage', { from: loop.startAddress, to: loop.endAddress });
  const how = loop.method === 'backward-jump' ? t(lang, 'ui.machine.closedBy', { jump: loop.jump }) : t(lang, 'ui.machine.sampledSpan');
  return `${range} (${loop.startAddress}-${loop.endAddress})${loop.lines ? `, ${t(lang, 'ui.machine.sourceLines', { lines: loop.lines })}` : ''}, ${how}`;
}

export interface MachinePaint {
  clean(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
}

const ARM_NAMES = { arm64: 'arm64', arm: 'ARM', thumb: 'Thumb' } as const;

/** The name of the syntax the instructions are written in: AT&T or Intel for x86, the ARM syntax otherwise. */
export function syntaxName(m: MachineSection): string {
  if (m.codeArch && m.codeArch !== 'x86-64') return ARM_NAMES[m.codeArch];
  return m.syntax === 'att' ? 'AT&T' : 'Intel';
}

/** The machine-code part of an incident in the terminal report. */
export function machineTextLines(m: MachineSection, p: MachinePaint, lang: Lang = 'en'): string[] {
  const out: string[] = [`  ${t(lang, 'ui.machine', { syntax: syntaxName(m) })}${punctuation(lang).colon.trimEnd()}`];
  if (m.codeInstructions.length > 0) {
    out.push(`    ${t(lang, 'ui.machine.decoded')}:`);
    for (const i of codeWindow(m)) {
      const line = `    ${i.rip ? '=>' : '  '} ${(i.address ?? `${i.offset >= 0 ? '+' : ''}${i.offset}`).padStart(18)}  ${i.bytes.padEnd(22)} ${p.clean(i.text)}`;
      out.push(i.rip ? p.bold(line) : line);
    }
  }
  for (const pattern of m.codePatterns) out.push(`    ${p.yellow(pattern.kind)}  ${p.clean(pattern.sequence)}: ${p.clean(patternText(pattern, lang))}`);
  if (m.ripMapping.length > 0) {
    out.push(`    ${t(lang, 'ui.machine.samples')}:`);
    for (const r of m.ripMapping) out.push(`    ${String(r.samples).padStart(5)}x ${padColumns(t(lang, `ui.machine.role.${r.role}`), 6)} ${p.clean(r.location).padEnd(36)} ${(r.address ?? '').padEnd(18)}  ${p.clean(mappingText(r, lang))}`);
  }
  if (m.loop) out.push(`    ${p.bold(t(lang, 'ui.machine.loop'))}${t(lang, 'ui.machine.loopIn')}${p.clean(m.loop.function)}: ${p.clean(loopText(m.loop, lang))}`);
  for (const s of m.symbolized) out.push(`    ${t(lang, `ui.machine.where.${s.where}`)} ${s.address} = ${p.clean(s.symbol)}`);
  for (const e of m.sourceExcerpts) {
    out.push(`    ${t(lang, 'ui.machine.source')} ${p.clean(e.file)} (${p.clean(e.path)}):`);
    for (const l of e.lines) {
      const line = `    ${l.mark === 'loop' ? 'L' : l.mark === 'mapped' ? '>' : ' '} ${String(l.line).padStart(6)}  ${p.clean(l.text)}`;
      out.push(l.mark === 'context' ? p.dim(line) : l.mark === 'loop' ? p.bold(line) : line);
    }
  }
  for (const note of machineNotes(m, lang)) out.push(`    ${p.yellow(t(lang, 'ui.note'))}  ${p.clean(note)}`);
  return out;
}

/** The Markdown renderer's escapes, by context (see markdown.ts). */
export interface MarkdownEscapes {
  escape(s: string): string;
  code(s: string): string;
  cellCode(s: string): string;
  prose(s: string, cell?: boolean): string;
  fenceFor(lines: readonly string[]): string;
}

/** The machine-code part of an incident in the Markdown report. */
export function machineMarkdown(m: MachineSection, md: MarkdownEscapes, lang: Lang = 'en'): string[] {
  const out: string[] = [`#### ${t(lang, 'ui.machine', { syntax: syntaxName(m) })}`, ''];
  const block = (info: string, lines: readonly string[]) => {
    const fence = md.fenceFor(lines);
    out.push(`${fence}${info}`, ...lines, fence, '');
  };
  if (m.codeInstructions.length > 0) {
    out.push(`${t(lang, 'ui.machine.decoded')} (${t(lang, 'ui.machine.ripMarked')}):`, '');
    block('', codeWindow(m).map((i) => visible(`${i.rip ? '=>' : '  '} ${(i.address ?? `${i.offset >= 0 ? '+' : ''}${i.offset}`).padStart(18)}  ${i.bytes.padEnd(22)} ${i.text}`)));
  }
  for (const pattern of m.codePatterns) out.push(`- **${pattern.kind}** ${md.code(pattern.sequence)}: ${md.prose(patternText(pattern, lang))}`);
  if (m.codePatterns.length > 0) out.push('');
  if (m.ripMapping.length > 0) {
    out.push('| samples | role | location | address | instruction |', '|---:|---|---|---|---|');
    for (const r of m.ripMapping) out.push(`| ${r.samples} | ${t(lang, `ui.machine.role.${r.role}`)} | ${md.cellCode(r.location)} | ${r.address ? md.cellCode(r.address) : ''} | ${md.prose(mappingText(r, lang), true)} |`);
    out.push('');
  }
  if (m.loop) out.push(`**${t(lang, 'ui.machine.loop')}**${t(lang, 'ui.machine.loopIn')}${md.code(m.loop.function)}: ${md.prose(loopText(m.loop, lang))}`, '');
  if (m.symbolized.length > 0) out.push(...m.symbolized.map((s) => `- ${t(lang, `ui.machine.where.${s.where}`)} ${md.code(s.address)} = ${md.code(s.symbol)}`), '');
  for (const e of m.sourceExcerpts) {
    out.push(`${md.code(e.file)} (${t(lang, 'ui.machine.sourceKey')}):`, '');
    block('c', e.lines.map((l) => visible(`${l.mark === 'loop' ? 'L' : l.mark === 'mapped' ? '>' : ' '} ${String(l.line).padStart(6)}  ${l.text}`)));
  }
  for (const note of machineNotes(m, lang)) out.push(`- ${md.prose(note)}`);
  if (m.notes.length > 0) out.push('');
  return out;
}
