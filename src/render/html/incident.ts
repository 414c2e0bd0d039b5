import { spanSeconds } from '../../time/moments.js';
import { duration, incidentTitle, say, t, taintMeaning, type Lang } from '../../i18n/index.js';
import type { Finding, Incident, NextStep, Result } from '../../result/schema.js';
import { corruptionText, culpritLabel, detailRows, frameMarks, frameText, noteTexts, placeOf, ripText, spansDays, spanText, stuckText, whyText } from '../common.js';
import { html, isolate, prose, type SafeHtml } from './escape.js';
import { renderFlameGraph } from './flame.js';
import { renderRipHistogram } from './histogram.js';
import { incidentAnchor } from './ids.js';
import { renderMachine } from './machine.js';

type Fact = readonly [string, SafeHtml | string | null];

function incidentLink(id: string): SafeHtml {
  return html`<a href="#${incidentAnchor(id)}" data-go="${incidentAnchor(id)}">${id}</a>`;
}

function functionCode(f: { function: string; module: string | null } | null): SafeHtml | null {
  return f ? html`<code>${f.function}</code>${f.module ? html` <span class="muted">[${f.module}]</span>` : null}` : null;
}

/** Seconds from the first to the last report, by wall clock or else uptime; null for a single moment. */
export function episodeSeconds(i: Incident): number | null {
  const seconds = spanSeconds(i);
  return seconds !== null && seconds > 0 ? seconds : null;
}

/** "waits for I1" for a victim, "holds up I2, I3" for a culprit, with links. */
export function relationLinks(i: Incident, lang: Lang = 'en'): SafeHtml | null {
  if (i.role === 'victim' && i.causedBy) return html`${t(lang, 'ui.waitsFor')} ${incidentLink(i.causedBy)}`;
  return i.victims.length ? html`${t(lang, 'ui.holdsUp')} ${i.victims.map((v, n) => html`${n ? ', ' : ''}${incidentLink(v)}`)}` : null;
}

function roleFacts(i: Incident, lang: Lang): SafeHtml {
  return html`<span class="badge badge-${i.role}">${t(lang, `ui.role.${i.role}`)}</span> ${relationLinks(i, lang)}`;
}

function taintFacts(i: Incident, lang: Lang): SafeHtml | null {
  if (!i.taint) return null;
  return html`<code>${i.taint.replace(/\s+/g, ' ')}</code><ul class="taint">${i.taintFlags.map((f) => html`<li><b>${f.letter}</b> ${taintMeaning(lang, f)}</li>`)}</ul>`;
}

function facts(i: Incident, lang: Lang, dated: boolean): Fact[] {
  const where = placeOf(i, true).join(', ');
  const seconds = episodeSeconds(i);
  const span = seconds !== null ? duration(lang, seconds) : null;
  const stuck = stuckText(i, lang);
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  return [
    [ui('ui.role'), roleFacts(i, lang)],
    [ui('ui.where'), where || null],
    [ui('ui.when'), [`${spanText(i, dated)}${span ? ` (${span})` : ''}`, ui('ui.reports', { count: i.reports }), stuck ? ui('ui.stuckPerReport', { duration: stuck }) : null].filter(Boolean).join(', ')],
    [culpritLabel(i, lang), functionCode(i.culprit)],
    [ui('ui.loopBound'), i.loopFunction ? html`<code>${i.loopFunction}</code> <span class="muted">(${ui('ui.loopBoundWhy')})</span>` : null],
    [ui('ui.entry'), functionCode(i.entry)],
    [ui('ui.kernel'), i.kernel ? html`<code>${i.kernel}</code>` : null],
    [ui('ui.hardware'), i.hardware],
    [ui('ui.taint'), taintFacts(i, lang)],
    [ui('ui.damaged'), i.corrupted || i.corruptionReasons.length ? corruptionText(i, lang) : null],
    [ui('ui.partial'), i.partial ? ui(`ui.partial.${i.partial.reason}`) : null],
    ...detailRows(i, lang),
  ];
}

function factTable(rows: readonly Fact[]): SafeHtml {
  return html`<dl class="facts">${rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => html`<dt>${k}</dt><dd>${isolate(v)}</dd>`)}</dl>`;
}

/** Findings with their severity; `linked` adds links to the incidents they are about (for the overview). */
export function findingList(findings: readonly Finding[], lang: Lang, linked = false): SafeHtml | null {
  if (!findings.length) return null;
  const links = (f: Finding) => (linked && f.incidents.length ? html` <span class="muted">(${f.incidents.map((id, n) => html`${n ? ', ' : ''}${incidentLink(id)}`)})</span>` : null);
  return html`<ul class="findings">${findings.map((f) => html`<li class="sev-${f.severity}"><span class="badge badge-${f.severity}">${t(lang, `ui.severity.${f.severity}`)}</span> ${prose(say(lang, f))}${links(f)}</li>`)}</ul>`;
}

export function nextStepList(steps: readonly NextStep[], lang: Lang): SafeHtml | null {
  if (!steps.length) return null;
  return html`<ol class="steps">${steps.map((s) => html`<li>${prose(say(lang, s))}<div class="why">${prose(whyText(s, lang))}</div></li>`)}</ol>`;
}

function callTrace(i: Incident, lang: Lang): SafeHtml | null {
  if (!i.rip && i.stack.length === 0) return null;
  const rip = i.rip
    ? html`<li class="frame frame-rip"><span class="fn">${isolate(`${ripText(i.rip)}${i.rip.size ? `/${i.rip.size}` : ''}${i.rip.module ? ` [${i.rip.module}]` : ''}`)}</span><span class="mark">RIP</span></li>`
    : null;
  const frames = i.stack.map((f) => {
    const marks = frameMarks(i, f, lang);
    const cls = [f.reliable ? '' : 'unreliable', f.function === i.loopFunction ? 'loop' : ''].filter(Boolean).join(' ');
    return html`<li class="frame ${cls}"><span class="fn">${isolate(frameText(f))}</span>${marks.map((m) => html`<span class="mark">${m}</span>`)}</li>`;
  });
  return html`<ol class="trace">${rip}${frames}</ol>`;
}

function registers(i: Incident, lang: Lang): SafeHtml | null {
  const entries = Object.entries(i.registers);
  if (!entries.length) return null;
  return html`<details class="regs"><summary>${t(lang, 'ui.html.registers')} (${entries.length})</summary><div class="reg-grid">${entries.map(([k, v]) => html`<span><b>${k}</b> ${v}</span>`)}</div></details>`;
}

function codeBytes(i: Incident, lang: Lang): SafeHtml | null {
  if (!i.code) return null;
  const bytes = i.code.bytes.split(' ');
  return html`<p class="code-bytes"><span class="muted">Code:</span> ${bytes.map((b, n) => (n === i.code!.markerIndex ? html`<mark title="${t(lang, 'ui.html.codeMarker')}">${b}</mark> ` : `${b} `))}</p>`;
}

/** Lines of the other reports listed after the raw lines of the first. */
const OTHER_REPORT_LINES = 11;

function rawLines(i: Incident, lang: Lang): SafeHtml {
  const path = i.lines[0]?.path;
  return html`<div class="raw"><table>${i.lines.map(
    (l) => html`<tr id="${incidentAnchor(i.id)}-L${l.line}"><td class="ln"><a href="#${incidentAnchor(i.id)}-L${l.line}" title="${l.path}:${l.line}">${l.path === path ? '' : isolate(`${l.path}:`)}${l.line}</a></td><td>${isolate(l.text)}</td></tr>`,
  )}</table></div>${path ? html`<p class="muted small">${t(lang, 'ui.html.from')} <code>${isolate(path)}</code>${otherReports(i, lang)}</p>` : null}`;
}

/** `; the other 23 reports of this episode are at lines 48, 86, ...`: where the reports after the first are. */
function otherReports(i: Incident, lang: Lang): string {
  const listed = i.evidence.slice(1, 1 + OTHER_REPORT_LINES).map((e) => e.line);
  return t(lang, 'ui.html.otherReports', { count: i.reports - 1, lines: listed, more: Math.max(0, i.evidence.length - 1 - listed.length) });
}

function section(title: string, body: SafeHtml | null): SafeHtml | null {
  return body ? html`<section class="part"><h4>${title}</h4>${body}</section>` : null;
}

function summaryLine(i: Incident, lang: Lang, dated: boolean): SafeHtml {
  const where = placeOf(i, false).join(' · ');
  return html`<summary><span class="badge badge-${i.role}">${t(lang, `ui.role.${i.role}`)}</span> <b>${i.id}</b> <span class="title">${isolate(incidentTitle(lang, i))}</span> <span class="muted">${isolate(where)} · ${i.reports}× · ${spanText(i, dated)}</span></summary>`;
}

/** One incident, collapsed to its title line until opened (timeline and table clicks open it). */
export function renderIncident(result: Result, i: Incident, lang: Lang = 'en'): SafeHtml {
  const findings = result.findings.filter((f) => f.incidents[0] === i.id);
  // The overview lists every next step: repeat here only a subset that is this incident's own.
  const own = result.nextSteps.filter((s) => s.incidents.includes(i.id));
  const steps = own.length < result.nextSteps.length ? own : [];
  // Notes that the analysis also raised as findings are shown once, as findings.
  const notes = noteTexts(i, lang).filter((_, n) => !findings.some((f) => f.text === i.notes[n]));
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  // One report is no sample set: its trace below says it all.
  const ripSampled = i.samples.filter((s) => s.function !== null).length > 1;
  const stackSampled = i.samples.length > 1 && i.samples.some((s) => s.stack.length > 0);
  const trace = callTrace(i, lang);
  return html`<details class="incident role-${i.role}" id="${incidentAnchor(i.id)}">
${summaryLine(i, lang, spansDays(result))}
<div class="incident-body">
${factTable(facts(i, lang, spansDays(result)))}
${notes.length ? html`<div class="notes">${notes.map((n) => html`<p>${prose(n)}</p>`)}</div>` : null}
${ripSampled ? section(ui('ui.html.ripOf', { count: i.samples.length }), renderRipHistogram(i)) : null}
${stackSampled ? section(ui('ui.html.sampledStacks'), renderFlameGraph(i, lang)) : null}
${section(ui('ui.callTraceFirst'), trace && html`${trace}${registers(i, lang)}`)}
${section(ui('ui.findings'), findingList(findings, lang))}
${section(ui('ui.nextSteps'), nextStepList(steps, lang))}
${i.machine?.codeInstructions.length ? null : section(ui('ui.html.code'), codeBytes(i, lang))}
${renderMachine(i, lang)}
${section(ui('ui.html.reportLines', { count: i.lines.length }), rawLines(i, lang))}
</div></details>`;
}
