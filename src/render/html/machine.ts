import type { MachineSection } from '../../result/machine-schema.js';
import type { Incident } from '../../result/schema.js';
import { html, prose, type SafeHtml } from './escape.js';

type SourceRef = { file: string; line: number } | null;

const sourceText = (s: SourceRef) => (s ? `${s.file}:${s.line}` : '');

function instructions(m: MachineSection): SafeHtml | null {
  if (!m.codeInstructions.length) return null;
  return html`<table class="asm"><thead><tr><th>offset</th><th>address</th><th>bytes</th><th>instruction (${m.syntax === 'att' ? 'AT&T' : 'Intel'})</th></tr></thead><tbody>${m.codeInstructions.map(
    (c) => html`<tr${c.rip ? html` class="rip"` : null}><td class="num">${c.offset > 0 ? `+${c.offset}` : c.offset}</td><td>${c.address ?? ''}</td><td>${c.bytes}</td><td>${c.text}${c.rip ? html` <span class="mark">RIP</span>` : null}</td></tr>`,
  )}</tbody></table>`;
}

function patterns(m: MachineSection): SafeHtml | null {
  if (!m.codePatterns.length) return null;
  return html`<ul class="patterns">${m.codePatterns.map((p) => html`<li><code>${p.sequence}</code> ${prose(p.explanation)}</li>`)}</ul>`;
}

function loop(m: MachineSection): SafeHtml | null {
  const l = m.loop;
  if (!l) return null;
  const range = `${l.startLocation ?? l.startAddress} to ${l.endLocation ?? l.endAddress}`;
  const how = l.method === 'backward-jump' ? `closed by the backward jump ${l.jump ?? ''}` : 'spanned by the sampled addresses';
  return html`<p class="loop-range">Loop of <code>${l.function}</code>: <code>${range}</code>, ${how}${l.lines ? html`; source <code>${l.lines}</code>` : null}.</p>`;
}

function mapping(m: MachineSection): SafeHtml | null {
  if (!m.ripMapping.length) return null;
  return html`<table class="asm"><thead><tr><th>sampled at</th><th>as</th><th class="num">samples</th><th>instruction</th><th>previous instruction</th><th>source line</th></tr></thead><tbody>${m.ripMapping.map(
    (r) => html`<tr><td>${r.location}</td><td>${r.role === 'rip' ? 'RIP' : 'return address'}</td><td class="num">${r.samples}</td><td>${r.instruction?.text ?? ''}</td><td>${r.previous ? `${r.previous.text}${r.previousInferred ? ' (inferred)' : ''}` : ''}</td><td>${sourceText(r.source)}</td></tr>`,
  )}</tbody></table>`;
}

function excerpts(m: MachineSection): SafeHtml | null {
  if (!m.sourceExcerpts.length) return null;
  return html`${m.sourceExcerpts.map(
    (e) => html`<div class="src"><div class="src-file">${e.file}</div><table>${e.lines.map((l) => html`<tr class="src-${l.mark}"><td class="ln">${l.line}</td><td>${l.text}</td></tr>`)}</table></div>`,
  )}`;
}

function symbolized(m: MachineSection): SafeHtml | null {
  if (!m.symbolized.length) return null;
  return html`<ul class="symbols">${m.symbolized.map((s) => html`<li>${s.where} <code>${s.address}</code> = <code>${s.symbol}</code></li>`)}</ul>`;
}

function part(title: string, body: SafeHtml | null): SafeHtml | null {
  return body ? html`<section class="part"><h4>${title}</h4>${body}</section>` : null;
}

/** What reading the machine code told (decoded instructions, loop range, source lines), when the analysis had any. */
export function renderMachine(i: Incident): SafeHtml | null {
  const m = i.machine;
  if (!m) return null;
  return html`${part('Decoded instructions (Code: bytes of the first report)', instructions(m))}
${part('Instruction patterns', patterns(m))}
${part('Loop', loop(m))}
${part('Samples mapped to instructions and source', mapping(m))}
${part('Source', excerpts(m))}
${part('Symbolized addresses', symbolized(m))}
${m.notes.length ? html`<ul class="muted small">${m.notes.map((n) => html`<li>${prose(n)}</li>`)}</ul>` : null}`;
}
