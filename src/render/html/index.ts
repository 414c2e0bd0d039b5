import { createHash } from 'node:crypto';
import { formatDuration } from '../../analysis/duration.js';
import type { Result } from '../../result/schema.js';
import { coverageText, inputsText } from '../common.js';
import { html, raw, type SafeHtml } from './escape.js';
import { episodeSeconds, findingList, nextStepList, renderIncident } from './incident.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';
import { renderTable } from './table.js';
import { renderTimeline } from './timeline.js';

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

function headline(result: Result): string {
  // The incident the verdict is about: the first one that is not a victim.
  const culprit = result.incidents.find((i) => i.role !== 'victim') ?? result.incidents[0];
  const hosts = result.summary.hosts.join(', ');
  if (!culprit) return `No kernel incident${hosts ? ` on ${hosts}` : ''}`;
  return `${culprit.title}${culprit.host ? ` on ${culprit.host}` : hosts ? ` on ${hosts}` : ''}`;
}

function spanSeconds(result: Result): number | null {
  const { firstSeen, lastSeen } = result.summary;
  return firstSeen && lastSeen ? (Date.parse(lastSeen) - Date.parse(firstSeen)) / 1000 : null;
}

function header(result: Result): SafeHtml {
  const s = result.summary;
  const severity = SEVERITY_ORDER.find((level) => result.findings.some((f) => f.severity === level)) ?? (result.incidents.length ? 'warning' : 'info');
  const coverage = coverageText(result);
  const span = spanSeconds(result);
  const facts: [string, SafeHtml | string | null][] = [
    ['Host', s.hosts.join(', ') || null],
    ['Kernel', s.kernels.length ? html`${s.kernels.map((k, n) => html`${n ? ' ' : ''}<code>${k}</code>`)}` : null],
    ['Hardware', s.hardware.join('; ') || null],
    ['Logs cover', coverage ? `${coverage}${span !== null ? ` (${formatDuration(span)})` : ''}` : null],
    ['Inputs', `${inputsText(result)}: ${result.inputs.map((i) => i.path).join(', ')}`],
    ['Generated', `${result.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} by ktriage ${result.tool.version}`],
  ];
  return html`<header class="top"><div class="inner">
<h1><span class="brand">ktriage ·</span> ${headline(result)}</h1>
<p class="verdict"><span class="sev">${severity}</span>${s.verdict}</p>
<dl>${facts.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
</div></header>`;
}

function stats(result: Result): SafeHtml {
  const culprits = result.incidents.filter((i) => i.role === 'culprit').length;
  const victims = result.incidents.filter((i) => i.role === 'victim').length;
  const reports = result.incidents.reduce((n, i) => n + i.reports, 0);
  const notable = result.events.filter((e) => e.notable);
  const episodes = result.incidents.map(episodeSeconds).filter((s): s is number => s !== null);
  const longest = episodes.length ? Math.max(...episodes) : null;
  const stat = (cls: string, value: string | number, label: string) => html`<div class="stat ${cls}"><b>${value}</b><span>${label}</span></div>`;
  return html`<div class="stats">
${stat('', result.incidents.length, `incident${result.incidents.length === 1 ? '' : 's'}`)}
${culprits ? stat('culprit', culprits, `culprit${culprits === 1 ? '' : 's'}`) : null}
${victims ? stat('victim', victims, `victim${victims === 1 ? '' : 's'}`) : null}
${longest !== null ? stat('culprit', formatDuration(longest), 'longest episode') : null}
${stat('', reports, 'kernel reports')}
${stat('event', notable.reduce((n, e) => n + e.count, 0), 'notable log lines')}
</div>`;
}

function card(id: string, title: string, body: SafeHtml | null): SafeHtml | null {
  return body ? html`<section class="card" id="${id}"><h2>${title}</h2>${body}</section>` : null;
}

function problems(result: Result): SafeHtml | null {
  if (!result.warnings.length && !result.errors.length) return null;
  return html`<ul class="warn">${result.warnings.map((w) => html`<li>${w.path ? html`<code>${w.path}</code>: ` : null}${w.message}</li>`)}${result.errors.map((e) => html`<li>error in ${e.where}: ${e.message}</li>`)}</ul>`;
}

/** The whole report as one self-contained HTML page: a pure function of the result. */
export function renderHtml(result: Result): string {
  const keyFindings = result.findings.filter((f) => f.severity !== 'info');
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ktriage ${result.tool.version}">
<title>${headline(result)} · ktriage</title>
<style>${raw(STYLE)}</style></head>
<body>
${header(result)}
<main>
${stats(result)}
${card('timeline', 'Timeline', renderTimeline(result))}
${card('findings', 'Key findings', findingList(keyFindings, true))}
${card('next-steps', 'Next steps', nextStepList(result.nextSteps))}
${result.incidents.length ? html`<section id="incidents"><h2>Incidents</h2>${result.incidents.map((i) => renderIncident(result, i))}</section>` : null}
${card('all', 'All incidents and log events', renderTable(result))}
${card('warnings', 'Warnings', problems(result))}
<footer>ktriage ${result.tool.version} · result schema ${result.schemaVersion} · self-contained page: no network access</footer>
</main>
<div id="tip" hidden></div>
<script>${raw(SCRIPT)}</script>
</body></html>
`;
  return page.value;
}
