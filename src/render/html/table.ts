import { incidentTitle, relationText, t, type Lang } from '../../i18n/index.js';
import type { EventGroup, Incident, Result } from '../../result/schema.js';
import { errnoText, eventSpan, exampleRef, placeOf, spansDays, spanText } from '../common.js';
import { html, isolate, type SafeHtml } from './escape.js';
import { eventAnchor, incidentAnchor } from './ids.js';
import { relationLinks } from './incident.js';

function incidentRow(i: Incident, lang: Lang, dated: boolean): SafeHtml {
  const go = incidentAnchor(i.id);
  const where = placeOf(i, true).join(' · ');
  return html`<tr class="row-incident role-${i.role}" data-type="incident" data-notable="1" data-go="${go}">
<td><span class="badge badge-${i.role}">${t(lang, `ui.role.${i.role}`)}</span></td><td><a href="#${go}" data-go="${go}">${i.id}</a></td><td class="nowrap">${spanText(i, dated)}</td>
<td>${isolate(where)}</td><td class="num">${i.reports}</td><td>${isolate(incidentTitle(lang, i))}</td><td>${relationLinks(i, lang)}</td></tr>`;
}

function eventRow(e: EventGroup, index: number, lang: Lang, dated: boolean): SafeHtml {
  const what = e.kernel ? e.template : `${e.kind}: ${e.template}`;
  const errno = errnoText(e, lang);
  const related = e.relation ? html`<a href="#${incidentAnchor(e.relation.incident)}" data-go="${incidentAnchor(e.relation.incident)}">${e.relation.incident}</a> ${relationText(lang, e)}` : null;
  return html`<tr id="${eventAnchor(index)}" class="row-event${e.notable ? ' notable' : ''}" data-type="event" data-notable="${e.notable ? '1' : '0'}" title="${`${e.example.path}:${e.example.line}: ${e.example.text}`}">
<td><span class="badge badge-${e.notable ? 'event' : 'routine'}">${t(lang, e.notable ? 'ui.html.event' : 'ui.html.routine')}</span></td><td>${e.kind}</td><td class="nowrap">${eventSpan(e, dated)}</td>
<td>${isolate([e.host, e.subjects.slice(0, 6).join(', ')].filter(Boolean).join(' · '))}${e.subjects.length > 6 ? ` +${e.subjects.length - 6}` : ''}</td><td class="num">${e.count}</td><td><code>${isolate(what)}</code><div class="example"><span class="muted">${t(lang, 'ui.example')} ${isolate(exampleRef(e))}</span> <code>${isolate(e.example.text)}</code></div></td><td>${errno}${errno && related ? html`<br>` : null}${related}</td></tr>`;
}

/** Every incident and event group in one table, with a text filter and type/routine toggles (see script). */
export function renderTable(result: Result, lang: Lang = 'en'): SafeHtml {
  const routine = result.events.filter((e) => !e.notable).length;
  const dated = spansDays(result);
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  const headers = ['type', 'id', 'when', 'where', 'count', 'what', 'relation'].map((c) => ({ c, label: ui(`ui.html.th.${c}`) }));
  return html`<div class="filters">
<input id="filter" type="search" placeholder="${ui('ui.html.filter')}" aria-label="${ui('ui.html.filterLabel')}">
<select id="filter-type" aria-label="${ui('ui.html.show')}"><option value="">${ui('ui.html.incidentsAndEvents')}</option><option value="incident">${ui('ui.html.onlyIncidents')}</option><option value="event">${ui('ui.html.onlyEvents')}</option></select>
${routine ? html`<label><input id="filter-routine" type="checkbox"> ${ui('ui.html.routineEvents', { count: routine })}</label>` : null}
<span id="filter-count" class="muted"></span></div>
<div class="table-wrap"><table id="items" class="items">
<thead><tr>${headers.map(({ c, label }) => (c === 'count' ? html`<th class="num">${label}</th>` : html`<th>${label}</th>`))}</tr></thead>
<tbody>${result.incidents.map((i) => incidentRow(i, lang, dated))}${result.events.map((e, n) => eventRow(e, n, lang, dated))}</tbody></table></div>`;
}
