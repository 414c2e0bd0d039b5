import { createHash } from 'node:crypto';
import { t, type Lang } from '../../i18n/index.js';
import { html, raw, type SafeHtml } from '../html/escape.js';
import { STYLE } from '../html/style.js';
import { TOOL_VERSION } from '../../version.js';
import { asOfText, latestLines, latestStack, problemTitle, seenText, shortTime, statusText, stoppedText, type FleetView } from './common.js';

/** The fleet page has no script: its policy allows none, and only the node report's stylesheet, by its hash. */
export function fleetContentSecurityPolicy(): string {
  const style = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;
  return `default-src 'none'; script-src 'none'; style-src ${style}; base-uri 'none'; form-action 'none'`;
}

const th = (lang: Lang, names: readonly string[]): SafeHtml => html`<tr>${names.map((n) => html`<th${n === 'hosts' || n === 'occurrences' || n === 'reports' ? raw(' class="num"') : null}>${t(lang, `ui.fleet.th.${n}`)}</th>`)}</tr>`;

function itemsTable(lang: Lang, names: readonly string[], rows: readonly SafeHtml[]): SafeHtml {
  return html`<div class="table-wrap"><table class="items"><thead>${th(lang, names)}</thead><tbody>${rows}</tbody></table></div>`;
}

const num = (n: number) => html`<td class="num">${n}</td>`;
const badge = (lang: Lang, status: string) => html`<span class="badge badge-${status === 'new' ? 'critical' : status === 'recurring' ? 'warning' : 'info'}">${statusText(lang, status)}</span>`;

function body(v: FleetView, lang: Lang): { title: string; main: SafeHtml } {
  const more = (count: number) => (count > 0 ? html`<p class="muted">${t(lang, 'ui.fleet.more', { count })}</p>` : null);
  if (v.view === 'problems') {
    const rows = v.data.problems.map(
      (p) =>
        html`<tr><td>${p.id}</td><td>${badge(lang, p.status)}</td>${num(p.hosts)}${num(p.occurrences)}<td class="nowrap">${shortTime(p.lastSeen)}</td><td>${p.kind}</td><td>${problemTitle(lang, p)} <code class="muted">${p.signature}</code></td></tr>`,
    );
    const main = v.data.problems.length ? html`${itemsTable(lang, ['id', 'status', 'hosts', 'occurrences', 'lastSeen', 'kind', 'problem'], rows)}${more(v.data.more)}` : html`<p>${t(lang, 'ui.fleet.none')}</p>`;
    return { title: t(lang, 'ui.fleet.problems'), main: html`<section class="card"><h2>${t(lang, 'ui.fleet.problems')}</h2>${main}</section>` };
  }
  if (v.view === 'problem') {
    const d = v.data;
    const p = d.problem;
    const hosts = d.hosts.map((h) => html`<tr><td>${h.name}</td>${num(h.occurrences)}<td>${shortTime(h.firstSeen)}</td><td>${shortTime(h.lastSeen)}</td></tr>`);
    const kernels = d.kernels.map((k) => html`<tr><td><code>${k.release}</code></td>${num(k.hosts)}${num(k.occurrences)}<td>${shortTime(k.lastSeen)}</td></tr>`);
    const timeline = d.timeline.map(
      (o) =>
        html`<tr><td class="nowrap">${shortTime(o.firstSeen)}</td><td class="nowrap">${shortTime(o.lastSeen)}</td><td>${o.host}</td><td><code>${o.kernel ?? '-'}</code></td><td><span class="badge badge-${o.role}">${t(lang, `ui.role.${o.role}`)}</span></td>${num(o.reports)}<td><code>${o.input}</code></td></tr>`,
    );
    const latest = latestLines(lang, d);
    const title = `${t(lang, 'ui.fleet.problem', { id: p.id })}: ${problemTitle(lang, p)}`;
    return {
      title,
      main: html`<section class="card"><p>${badge(lang, p.status)} ${seenText(lang, p)}</p><p>${t(lang, 'ui.fleet.signature')}: <code>${p.signature}</code> <code>${p.signatureText}</code> (v${p.signatureVersion})</p></section>
<section class="card"><h2>${t(lang, 'ui.fleet.hosts')}</h2>${itemsTable(lang, ['host', 'occurrences', 'firstSeen', 'lastSeen'], hosts)}</section>
<section class="card"><h2>${t(lang, 'ui.fleet.kernelsTitle')}</h2>${itemsTable(lang, ['kernel', 'hosts', 'occurrences', 'lastSeen'], kernels)}<p>${stoppedText(lang, d)}</p></section>
<section class="card"><h2>${t(lang, 'ui.fleet.timeline')}</h2>${itemsTable(lang, ['firstSeen', 'lastSeen', 'host', 'kernel', 'role', 'reports', 'input'], timeline)}${more(d.timelineMore)}</section>
${latest.length ? html`<section class="card"><h2>${t(lang, 'ui.fleet.latest')}</h2>${latest.map((l) => html`<p>${l}</p>`)}<ol class="trace">${latestStack(d).map((f) => html`<li class="frame">${f}</li>`)}</ol></section>` : null}`,
    };
  }
  const rows = v.data.hosts.map(
    (h) =>
      html`<tr><td>${h.name}</td><td class="nowrap">${shortTime(h.lastSeen)}</td><td>${h.kernels.map((k, n) => html`${n ? ' ' : ''}<code>${k}</code>`)}</td>${num(h.occurrences)}<td>${h.openProblems.map((p, n) => html`${n ? html`<br>` : null}#${p.id} ${problemTitle(lang, p)} ${badge(lang, p.status)}`)}</td></tr>`,
  );
  const main = v.data.hosts.length ? html`${itemsTable(lang, ['host', 'lastSeen', 'kernels', 'occurrences', 'open'], rows)}${more(v.data.more)}` : html`<p>${t(lang, 'ui.fleet.noHosts')}</p>`;
  return { title: t(lang, 'ui.fleet.hosts'), main: html`<section class="card"><h2>${t(lang, 'ui.fleet.hosts')}</h2>${main}</section>` };
}

/** A fleet view as one self-contained page (the node report's style, escaping and policy; no script, no fetch). */
export function renderFleetHtml(v: FleetView, lang: Lang = 'en'): string {
  const { title, main } = body(v, lang);
  return html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${fleetContentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ktriage ${TOOL_VERSION}">
<title>${title} · ktriage</title>
<style>${raw(STYLE)}</style></head>
<body>
<header class="top"><div class="inner"><h1><span class="brand">ktriage ·</span> ${title}</h1><p class="verdict">${asOfText(lang, v)}</p></div></header>
<main>
${main}
<footer>ktriage ${TOOL_VERSION}</footer>
</main>
</body></html>
`.value;
}
