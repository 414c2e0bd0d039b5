import type { MachineSection } from '../../result/machine-schema.js';
import type { Incident } from '../../result/schema.js';
import { t, type Lang } from '../../i18n/index.js';
import { loopText, machineNotes, patternText, syntaxName } from '../machine.js';
import { html, isolate, prose, type SafeHtml } from './escape.js';

type SourceRef = { file: string; line: number } | null;

const sourceText = (s: SourceRef) => (s ? `${s.file}:${s.line}` : '');

function instructions(m: MachineSection): SafeHtml | null {
  if (!m.codeInstructions.length) return null;
  return html`<table class="asm"><thead><tr><th>offset</th><th>address</th><th>bytes</th><th>instruction (${syntaxName(m)})</th></tr></thead><tbody>${m.codeInstructions.map(
    (c) => html`<tr${c.rip ? html` class="rip"` : null}><td class="num">${c.offset > 0 ? `+${c.offset}` : c.offset}</td><td>${c.address ?? ''}</td><td>${c.bytes}</td><td>${c.text}${c.rip ? html` <span class="mark">RIP</span>` : null}</td></tr>`,
  )}</tbody></table>`;
}

function patterns(m: MachineSection, lang: Lang): SafeHtml | null {
  if (!m.codePatterns.length) return null;
  return html`<ul class="patterns">${m.codePatterns.map((p) => html`<li><code>${p.sequence}</code> ${prose(patternText(p, lang))}</li>`)}</ul>`;
}

function loop(m: MachineSection, lang: Lang): SafeHtml | null {
  const l = m.loop;
  if (!l) return null;
  return html`<p class="loop-range">${t(lang, 'ui.html.loopOf')} <code>${l.function}</code>: ${prose(loopText(l, lang))}.</p>`;
}

function mapping(m: MachineSection, lang: Lang): SafeHtml | null {
  if (!m.ripMapping.length) return null;
  const ui = (code: string) => t(lang, code);
  return html`<table class="asm"><thead><tr><th>${ui('ui.html.col.sampledAt')}</th><th>${ui('ui.html.col.as')}</th><th class="num">${ui('ui.html.col.samples')}</th><th>${ui('ui.html.col.instruction')}</th><th>${ui('ui.html.col.previous')}</th><th>${ui('ui.html.col.source')}</th></tr></thead><tbody>${m.ripMapping.map(
    (r) => html`<tr><td>${isolate(r.location)}</td><td>${r.role === 'rip' ? 'RIP' : ui('ui.html.returnAddress')}</td><td class="num">${r.samples}</td><td>${r.instruction?.text ?? ''}</td><td>${r.previous ? `${r.previous.text}${r.previousInferred ? ` (${ui('ui.html.inferred')})` : ''}` : ''}</td><td>${sourceText(r.source)}</td></tr>`,
  )}</tbody></table>`;
}

function excerpts(m: MachineSection): SafeHtml | null {
  if (!m.sourceExcerpts.length) return null;
  return html`${m.sourceExcerpts.map(
    (e) => html`<div class="src"><div class="src-file">${e.file}</div><table>${e.lines.map((l) => html`<tr class="src-${l.mark}"><td class="ln">${l.line}</td><td>${isolate(l.text)}</td></tr>`)}</table></div>`,
  )}`;
}

function symbolized(m: MachineSection, lang: Lang): SafeHtml | null {
  if (!m.symbolized.length) return null;
  return html`<ul class="symbols">${m.symbolized.map((s) => html`<li>${t(lang, `ui.machine.where.${s.where}`)} <code>${s.address}</code> = <code>${s.symbol}</code></li>`)}</ul>`;
}

function part(title: string, body: SafeHtml | null): SafeHtml | null {
  return body ? html`<section class="part"><h4>${title}</h4>${body}</section>` : null;
}

/** What reading the machine code told (decoded instructions, loop range, source lines), when the analysis had any. */
export function renderMachine(i: Incident, lang: Lang = 'en'): SafeHtml | null {
  const m = i.machine;
  if (!m) return null;
  const ui = (code: string) => t(lang, code);
  return html`${part(ui('ui.html.decoded'), instructions(m))}
${part(ui('ui.machine.patterns'), patterns(m, lang))}
${part(ui('ui.machine.loop'), loop(m, lang))}
${part(ui('ui.machine.mapped'), mapping(m, lang))}
${part(ui('ui.machine.source'), excerpts(m))}
${part(ui('ui.machine.symbolized'), symbolized(m, lang))}
${m.notes.length ? html`<ul class="muted small">${machineNotes(m, lang).map((n) => html`<li>${prose(n)}</li>`)}</ul>` : null}`;
}
