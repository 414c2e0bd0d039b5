import { incidentTitle, t, type Lang } from '../../i18n/index.js';
import { shortTime } from '../../time/format.js';
import type { EventGroup, Incident, Result } from '../../result/schema.js';
import { eventSpan, placeOf, ripText, roleText, spansDays, spanText, taskText } from '../common.js';
import { axisTicks, clockLabel, crossesMidnightOn, zoneText, type Clock } from '../../time/axis.js';
import { chooseClock, secondsOn } from './clock.js';
import { html, type SafeHtml } from './escape.js';
import { eventAnchor, incidentAnchor } from './ids.js';
import { fitText, linearScale, px } from './svg.js';
import { visible } from '../visible.js';

const WIDTH = 1120;
const LABEL_WIDTH = 220;
const RIGHT_PAD = 16;
const AXIS_HEIGHT = 26;
const LANE_HEIGHT = 32;
const SECTION_GAP = 22;
/** Wide enough to hover one report with the mouse, narrow enough to tell 24 reports apart. */
const TICK_WIDTH = 2.5;
/** Lanes drawn at most; the rest are in the table, so that a log with thousands of reports stays readable. */
const MAX_INCIDENT_LANES = 40;
const MAX_EVENT_LANES = 12;

interface Span {
  readonly from: number;
  readonly to: number;
}

function incidentSpan(clock: Clock, i: Incident): Span | null {
  const from = secondsOn(clock, { time: i.firstSeen, uptime: i.firstUptime });
  const to = secondsOn(clock, { time: i.lastSeen, uptime: i.lastUptime });
  return from === null ? null : { from, to: to ?? from };
}

function eventSpanOn(clock: Clock, e: EventGroup): Span | null {
  const from = secondsOn(clock, { time: e.firstSeen, uptime: e.firstUptime });
  const to = secondsOn(clock, { time: e.lastSeen, uptime: e.lastUptime });
  return from === null ? null : { from, to: to ?? from };
}

/** Domain of the axis: every placed item, with a margin so that bars at the ends stay visible. */
function domainOf(spans: readonly Span[]): Span {
  const from = Math.min(...spans.map((s) => s.from));
  const to = Math.max(...spans.map((s) => s.to));
  const margin = Math.max((to - from) * 0.03, 15);
  return { from: from - margin, to: to + margin };
}

function laneLabel(title: string, subtitle: string, y: number, go: string, tip: string): SafeHtml {
  return html`<g class="lane-label" data-go="${go}" data-tip="${tip}" tabindex="0" role="link">
<text x="12" y="${px(y + 14)}" class="lane-title">${fitText(title, LABEL_WIDTH - 20)}</text>
<text x="12" y="${px(y + 27)}" class="lane-sub">${fitText(subtitle, LABEL_WIDTH - 20, 6)}</text></g>`;
}

function sampleTip(i: Incident, n: number, dated: boolean): string {
  const s = i.samples[n]!;
  const rip = s.function ? ripText({ function: s.function, offset: s.offset }) : 'no RIP';
  const stuck = s.stuckSeconds !== null ? `, stuck ${s.stuckSeconds} s` : '';
  // (a tip's lines are its own: a line break in log text is made visible, like any hidden character)
  return `${i.id} report ${n + 1}/${i.samples.length} at ${shortTime(s.time, s.uptime, dated)}${stuck}\nRIP ${visible(rip)}\n${visible(s.evidence.path)}:${s.evidence.line}`;
}

function incidentTip(i: Incident, lang: Lang, dated: boolean): string {
  const where = placeOf(i, true).join(', ');
  return `${i.id}: ${visible(incidentTitle(lang, i))} (${roleText(i, lang)})\n${visible(where)}\n${t(lang, 'ui.reports', { count: i.reports })}, ${spanText(i, dated)}\n${t(lang, 'ui.tl.click')}`;
}

/** What every lane is drawn with: the clock, where a moment goes, whether times carry their date (logs that span days). */
interface LaneFrame {
  readonly clock: Clock;
  readonly x: (s: number) => number;
  readonly multiHost: boolean;
  readonly dated: boolean;
}

function incidentLane({ clock, x, multiHost, dated }: LaneFrame, i: Incident, span: Span, y: number, lang: Lang): SafeHtml {
  const left = x(span.from);
  const width = Math.max(x(span.to) - left, 4);
  const go = incidentAnchor(i.id);
  const ticks = i.samples.flatMap((s, n) => {
    const at = secondsOn(clock, s);
    if (at === null) return [];
    return [html`<rect class="tick" x="${px(x(at) - TICK_WIDTH / 2)}" y="${px(y + 8)}" width="${TICK_WIDTH}" height="16" data-tip="${sampleTip(i, n, dated)}" data-go="${go}"/>`];
  });
  const cpu = i.cpu !== null ? `CPU ${i.cpu}` : i.kind;
  const title = `${i.id} · ${multiHost && i.host ? `${i.host} ` : ''}${cpu}`;
  const tip = incidentTip(i, lang, dated);
  return html`<g class="lane lane-incident role-${i.role}" data-incident="${i.id}">
<rect class="lane-bg" x="0" y="${px(y)}" width="${WIDTH}" height="${LANE_HEIGHT}"/>
${laneLabel(title, taskText(i), y, go, tip)}
<rect class="bar" x="${px(left)}" y="${px(y + 6)}" width="${px(width)}" height="20" rx="3" data-tip="${tip}" data-go="${go}" tabindex="0" role="link"/>
${ticks}${i.role === 'victim' && i.causedBy ? html`<text class="waits" x="${px(left + width + 6)}" y="${px(y + 20)}">${t(lang, 'ui.waitsFor')} ${i.causedBy}</text>` : null}</g>`;
}

function eventTip(e: EventGroup, dated: boolean): string {
  const errno = e.errno !== null && e.errnoName ? `\n${e.errno} = ${e.errnoName} (${e.errnoMeaning})` : '';
  return `${e.count} line${e.count === 1 ? '' : 's'}, ${eventSpan(e, dated)}${errno}\n${visible(e.example.text)}\n${visible(e.example.path)}:${e.example.line}`;
}

function eventLane({ x, dated }: LaneFrame, e: EventGroup, index: number, span: Span, y: number): SafeHtml {
  const left = x(span.from);
  const width = x(span.to) - left;
  const go = eventAnchor(index);
  const tip = eventTip(e, dated);
  const mark =
    width < 4
      ? html`<path class="event-mark" d="M${px(left)} ${px(y + 9)}l7 7-7 7-7-7z" data-tip="${tip}" data-go="${go}" tabindex="0" role="link"/>`
      : html`<rect class="event-bar" x="${px(left)}" y="${px(y + 10)}" width="${px(width)}" height="12" rx="2" data-tip="${tip}" data-go="${go}" tabindex="0" role="link"/>`;
  const count = html`<text class="event-count" x="${px(left + Math.max(width, 7) + 6)}" y="${px(y + 20)}">${e.count}×</text>`;
  return html`<g class="lane lane-event" data-event-kind="${e.kind}">
<rect class="lane-bg" x="0" y="${px(y)}" width="${WIDTH}" height="${LANE_HEIGHT}"/>
${laneLabel(e.kind, e.template, y, go, tip)}
${mark}${count}</g>`;
}

/** Dashed arrow from a victim's first report up/down to its culprit's lane: "waits for". */
function victimLink(x: number, fromY: number, toY: number, culpritId: string, lang: Lang): SafeHtml {
  const down = toY > fromY;
  const y1 = fromY + (down ? 26 : 6);
  const y2 = toY + (down ? 6 : 26);
  return html`<line class="link" x1="${px(x)}" y1="${px(y1)}" x2="${px(x)}" y2="${px(y2)}" marker-end="url(#arrow)" data-tip="${`${t(lang, 'ui.waitsFor')} ${culpritId}`}"/>`;
}

function axis(clock: Clock, domain: Span, x: (s: number) => number, height: number): SafeHtml {
  // Ticks fall on round times of the logs' own zone.
  const shift = clock.zoneMinutes * 60;
  const ticks = axisTicks(domain.from + shift, domain.to + shift).map((t) => t - shift);
  const withSeconds = ticks.length > 1 && (ticks[1]! - ticks[0]!) < 60;
  const dated = crossesMidnightOn(clock, domain.from, domain.to);
  return html`<g class="axis">${ticks.map(
    (t) => html`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${AXIS_HEIGHT - 4}" y2="${px(height)}"/><text x="${px(x(t))}" y="14">${clockLabel(clock, t, withSeconds, dated)}</text>`,
  )}</g>`;
}

function sectionTitle(text: string, y: number): SafeHtml {
  return html`<text class="lane-section" x="12" y="${px(y - 6)}">${text}</text>`;
}

/**
 * The timeline SVG: one lane per incident (bar over its episode, a tick per report, victims linked
 * to their culprit) and one lane per notable event group; hover shows the line, click jumps to it.
 */
export function renderTimeline(result: Result, lang: Lang = 'en'): SafeHtml {
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  const clock = chooseClock(result);
  if (!clock) return html`<p class="muted">${ui('ui.tl.noClock')}</p>`;
  const incidents = result.incidents.flatMap((i) => {
    const span = incidentSpan(clock, i);
    return span ? [{ i, span }] : [];
  });
  const events = result.events.flatMap((e, index) => {
    const span = e.notable ? eventSpanOn(clock, e) : null;
    return span ? [{ e, index, span }] : [];
  });
  const shownIncidents = incidents.slice(0, MAX_INCIDENT_LANES);
  const shownEvents = events.slice(0, MAX_EVENT_LANES);
  if (shownIncidents.length + shownEvents.length === 0) return html`<p class="muted">${ui('ui.tl.nothing')}</p>`;
  const domain = domainOf([...shownIncidents, ...shownEvents].map((o) => o.span));
  const x = linearScale(domain.from, domain.to, LABEL_WIDTH + 8, WIDTH - RIGHT_PAD);
  const multiHost = result.summary.hosts.length > 1;
  const frame: LaneFrame = { clock, x, multiHost, dated: spansDays(result) };
  const incidentTop = AXIS_HEIGHT + (shownIncidents.length ? SECTION_GAP : 0);
  const laneY = new Map(shownIncidents.map(({ i }, n) => [i.id, incidentTop + n * LANE_HEIGHT]));
  const eventTop = incidentTop + shownIncidents.length * LANE_HEIGHT + (shownEvents.length ? SECTION_GAP : 0);
  const height = eventTop + shownEvents.length * LANE_HEIGHT + 4;
  const links = shownIncidents.flatMap(({ i, span }) => {
    const culpritY = i.causedBy ? laneY.get(i.causedBy) : undefined;
    return culpritY === undefined ? [] : [victimLink(x(span.from), laneY.get(i.id)!, culpritY, i.causedBy!, lang)];
  });
  const hidden = incidents.length - shownIncidents.length + events.length - shownEvents.length;
  const unplaced = result.incidents.length - incidents.length;
  const clockNote = clock.kind === 'uptime' ? ui('ui.tl.uptime') : ui('ui.tl.zone', { zone: zoneText(clock) });
  return html`<figure class="timeline">
<svg viewBox="0 0 ${WIDTH} ${px(height)}" width="${WIDTH}" height="${px(height)}" role="img" aria-label="${ui('ui.tl.aria')}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>
${axis(clock, domain, x, height)}
${shownIncidents.length ? sectionTitle(ui('ui.tl.incidents'), incidentTop) : null}
${shownIncidents.map(({ i, span }) => incidentLane(frame, i, span, laneY.get(i.id)!, lang))}
${shownEvents.length ? sectionTitle(ui('ui.tl.events'), eventTop) : null}
${shownEvents.map(({ e, index, span }, n) => eventLane(frame, e, index, span, eventTop + n * LANE_HEIGHT))}
${links}
</svg>
<figcaption><span class="key key-culprit"></span>${ui('ui.role.culprit')} <span class="key key-victim"></span>${ui('ui.role.victim')} <span class="key key-standalone"></span>${ui('ui.role.standalone')} <span class="key key-event"></span>${ui('ui.tl.eventGroup')} · ${clockNote}${hidden > 0 ? ` ${ui('ui.tl.hidden', { count: hidden })}` : ''}${unplaced > 0 ? ` ${ui('ui.tl.unplaced', { count: unplaced })}` : ''}</figcaption>
</figure>`;
}
