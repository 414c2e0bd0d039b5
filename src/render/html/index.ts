import { momentOf, secondsBetween } from '../../time/moments.js';
import { createHash } from 'node:crypto';
import { duration, punctuation, sayRunError, sayWarning, t, type Lang } from '../../i18n/index.js';
import type { Result } from '../../result/schema.js';
import { coverageText, filterText, inputsText, spansDays, verdictText } from '../common.js';
import { html, isolate, prose, raw, type SafeHtml } from './escape.js';
import { episodeSeconds, findingList, nextStepList, renderIncident } from './incident.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';
import { renderTable } from './table.js';
import { renderTimeline } from './timeline.js';
import { renderWaitGraph } from './waitgraph.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * No fetch of any kind (default-src 'none'); only the page's own style and script run, pinned by
 * hash, so that markup smuggled in from a log line could not run even if escaping failed.
 */
export function contentSecurityPolicy(): string {
  return `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}; base-uri 'none'; form-action 'none'`;
}

const SEVERITY_ORDER = ['critical', 'warning', 'info'] as const;

function headline(result: Result, lang: Lang): string {
  // The incident the verdict is about: the first one that is not a victim.
  const culprit = result.incidents.find((i) => i.role !== 'victim') ?? result.incidents[0];
  const hosts = result.summary.hosts.join(', ');
  if (!culprit) return t(lang, 'ui.html.noIncident', { hosts: hosts || null });
  return t(lang, 'ui.html.titleOn', { kind: culprit.kind, title: culprit.title, host: culprit.host ?? (hosts || null) });
}

/** Seconds the logs cover, by wall clock. */
function coveredSeconds(result: Result): number | null {
  const { firstSeen, lastSeen } = result.summary;
  return secondsBetween(momentOf(firstSeen, null), momentOf(lastSeen, null));
}

function header(result: Result, lang: Lang): SafeHtml {
  const s = result.summary;
  const severity = SEVERITY_ORDER.find((level) => result.findings.some((f) => f.severity === level)) ?? (result.incidents.length ? 'warning' : 'info');
  const coverage = coverageText(result, lang);
  const span = coveredSeconds(result);
  const facts: [string, SafeHtml | string | null][] = [
    [t(lang, 'ui.host'), s.hosts.join(', ') || null],
    [t(lang, 'ui.kernel'), s.kernels.length ? html`${s.kernels.map((k, n) => html`${n ? ' ' : ''}<code>${k}</code>`)}` : null],
    [t(lang, 'ui.hardware'), s.hardware.join('; ') || null],
    [t(lang, 'ui.logsCover'), coverage ? `${coverage}${span !== null ? ` (${duration(lang, span)})` : ''}` : null],
    [t(lang, 'ui.filtered'), filterText(result, lang)],
    [t(lang, 'ui.inputs'), `${inputsText(result, lang)}: ${result.inputs.map((i) => i.path).join(', ')}`],
    [t(lang, 'ui.generated'), t(lang, 'ui.generatedBy', { at: result.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), version: result.tool.version })],
  ];
  return html`<header class="top"><div class="inner">
<h1><span class="brand">ktriage ·</span> ${headline(result, lang)}</h1>
<p class="verdict"><span class="sev">${t(lang, `ui.severity.${severity}`)}</span>${verdictText(result, lang)}</p>
<dl>${facts.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${isolate(v)}</dd>`)}</dl>
</div></header>`;
}

function stats(result: Result, lang: Lang): SafeHtml {
  const culprits = result.incidents.filter((i) => i.role === 'culprit').length;
  const victims = result.incidents.filter((i) => i.role === 'victim').length;
  const reports = result.incidents.reduce((n, i) => n + i.reports, 0);
  const notable = result.events.filter((e) => e.notable);
  const episodes = result.incidents.map(episodeSeconds).filter((s): s is number => s !== null);
  const longest = episodes.length ? Math.max(...episodes) : null;
  const stat = (cls: string, value: string | number, label: string) => html`<div class="stat ${cls}"><b>${value}</b><span>${label}</span></div>`;
  return html`<div class="stats">
${stat('', result.incidents.length, t(lang, 'ui.html.stat.incidents', { count: result.incidents.length }))}
${culprits ? stat('culprit', culprits, t(lang, 'ui.html.stat.culprits', { count: culprits })) : null}
${victims ? stat('victim', victims, t(lang, 'ui.html.stat.victims', { count: victims })) : null}
${longest !== null ? stat('culprit', duration(lang, longest), t(lang, 'ui.html.stat.longest')) : null}
${stat('', reports, t(lang, 'ui.html.stat.reports'))}
${stat('event', notable.reduce((n, e) => n + e.count, 0), t(lang, 'ui.html.stat.lines'))}
</div>`;
}

function card(id: string, title: string, body: SafeHtml | null): SafeHtml | null {
  return body ? html`<section class="card" id="${id}"><h2>${title}</h2>${body}</section>` : null;
}

function problems(result: Result, lang: Lang): SafeHtml | null {
  if (!result.warnings.length && !result.errors.length) return null;
  return html`<ul class="warn">${result.warnings.map((w) => html`<li>${w.path ? html`<code>${isolate(w.path)}</code>${punctuation(lang).colon}` : null}${isolate(prose(sayWarning(lang, w)))}</li>`)}${result.errors.map((e) => html`<li>${isolate(sayRunError(lang, e))}</li>`)}</ul>`;
}

/** The whole report as one self-contained HTML page: a pure function of the result. */
export function renderHtml(result: Result, lang: Lang = 'en'): string {
  const keyFindings = result.findings.filter((f) => f.severity !== 'info');
  const ui = (code: string) => t(lang, code);
  const page = html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ktriage ${result.tool.version}">
<title>${headline(result, lang)} · ktriage</title>
<style>${raw(STYLE)}</style></head>
<body>
${header(result, lang)}
<main>
${stats(result, lang)}
${card('timeline', ui('ui.timeline'), renderTimeline(result, lang))}
${card('waits', ui('ui.waits'), renderWaitGraph(result, lang, spansDays(result)))}
${card('findings', ui('ui.keyFindings'), findingList(keyFindings, lang, true))}
${card('next-steps', ui('ui.nextSteps'), nextStepList(result.nextSteps, lang))}
${result.incidents.length ? html`<section id="incidents"><h2>${ui('ui.incidents')}</h2>${result.incidents.map((i) => renderIncident(result, i, lang))}</section>` : null}
${card('all', ui('ui.allTable'), renderTable(result, lang))}
${card('warnings', ui('ui.warnings'), problems(result, lang))}
<footer>${t(lang, 'ui.html.footer', { version: result.tool.version, schema: result.schemaVersion })}</footer>
</main>
<div id="tip" hidden></div>
<script>${raw(SCRIPT)}</script>
</body></html>
`;
  return page.value;
}
