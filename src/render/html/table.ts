import type { EventGroup, Incident, Result } from '../../result/schema.js';
import { errnoText, eventSpan, spanText } from '../common.js';
import { html, type SafeHtml } from './escape.js';
import { eventAnchor, incidentAnchor, placeOf } from './ids.js';
import { relationLinks } from './incident.js';

function incidentRow(i: Incident): SafeHtml {
  const go = incidentAnchor(i.id);
  const where = placeOf(i, true).join(' · ');
  return html`<tr class="row-incident role-${i.role}" data-type="incident" data-notable="1" data-go="${go}">
<td><span class="badge badge-${i.role}">${i.role}</span></td><td><a href="#${go}" data-go="${go}">${i.id}</a></td><td class="nowrap">${spanText(i)}</td>
<td>${where}</td><td class="num">${i.reports}</td><td>${i.title}</td><td>${relationLinks(i)}</td></tr>`;
}

function eventRow(e: EventGroup, index: number): SafeHtml {
  const what = e.kernel ? e.template : `${e.kind}: ${e.template}`;
  const related = e.relation ? html`<a href="#${incidentAnchor(e.relation.incident)}" data-go="${incidentAnchor(e.relation.incident)}">${e.relation.incident}</a> ${e.relation.text}` : null;
  return html`<tr id="${eventAnchor(index)}" class="row-event${e.notable ? ' notable' : ''}" data-type="event" data-notable="${e.notable ? '1' : '0'}" title="${`${e.example.path}:${e.example.line}: ${e.example.text}`}">
<td><span class="badge badge-${e.notable ? 'event' : 'routine'}">${e.notable ? 'event' : 'routine'}</span></td><td>${e.kind}</td><td class="nowrap">${eventSpan(e)}</td>
<td>${[e.host, e.subjects.slice(0, 6).join(', ')].filter(Boolean).join(' · ')}${e.subjects.length > 6 ? ` +${e.subjects.length - 6}` : ''}</td><td class="num">${e.count}</td><td><code>${what}</code></td><td>${errnoText(e)}${errnoText(e) && related ? html`<br>` : null}${related}</td></tr>`;
}

/** Every incident and event group in one table, with a text filter and type/routine toggles (see script). */
export function renderTable(result: Result): SafeHtml {
  const routine = result.events.filter((e) => !e.notable).length;
  return html`<div class="filters">
<input id="filter" type="search" placeholder="Filter: CPU, task, function, message..." aria-label="Filter the table">
<select id="filter-type" aria-label="Show"><option value="">incidents and events</option><option value="incident">incidents</option><option value="event">events</option></select>
${routine ? html`<label><input id="filter-routine" type="checkbox"> routine events (${routine})</label>` : null}
<span id="filter-count" class="muted"></span></div>
<div class="table-wrap"><table id="items" class="items">
<thead><tr><th>type</th><th>id</th><th>when</th><th>where</th><th class="num">count</th><th>what</th><th>relation</th></tr></thead>
<tbody>${result.incidents.map(incidentRow)}${result.events.map(eventRow)}</tbody></table></div>`;
}
