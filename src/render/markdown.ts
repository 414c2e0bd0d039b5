import { incidentTitle, punctuation, relationText, say, sayRunError, sayWarning, t, taintMeaning, type Lang } from '../i18n/index.js';
import type { Incident, Result } from '../result/schema.js';
import { machineMarkdown } from './machine.js';
import { visible } from './visible.js';
import {
  corruptionText, coverageText, culpritLabel, waitLines, detailedIncidents, detailRows, errnoText, eventSpan, exampleRef, filterText, frameMarks, frameText, inputsText, notableEvents, noteTexts, occurrenceText, placeOf, ripText, roleText, spanText, spansDays, taskText, verdictText, whyText,
} from './common.js';

/** Markdown longer than this does not fit a GitHub comment (65,536 characters) with room to spare. */
export const MD_LIMIT = 60_000;

/** How many rows each list keeps, from roomiest to tightest: the report takes the first that fits its limit. */
interface Room {
  readonly rows: number;
  readonly findings: number;
  readonly events: number;
  readonly details: number;
  readonly occurrences: number;
  readonly evidence: number;
}

const ROOMS: readonly Room[] = [
  { rows: Infinity, findings: Infinity, events: 50, details: Infinity, occurrences: 20, evidence: 30 },
  { rows: 50, findings: 40, events: 20, details: 10, occurrences: 10, evidence: 10 },
  { rows: 20, findings: 20, events: 10, details: 3, occurrences: 5, evidence: 5 },
  { rows: 10, findings: 10, events: 5, details: 1, occurrences: 3, evidence: 3 },
];

export interface MarkdownOptions {
  /** Most characters the report may have (default MD_LIMIT; Jira's 32,767 with --md-limit). */
  readonly limit?: number;
}

/** Escapes text for a Markdown paragraph or table cell: hidden characters made visible, Markdown's punctuation escaped. */
export function mdEscape(s: string): string {
  return visible(s).replace(/[\\`*_{}[\]<>|#!~&]/g, (c) => `\\${c}`);
}

/** The longest run of backticks in the text. */
function longestBackticks(s: string): number {
  return Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * Inline code that stays code whatever the text: its fence is longer than any run of backticks in it. In a table
 * cell (`cell`) `|` is escaped: GitHub and GitLab end a cell at it even inside code, and show `\|` there as `|`.
 */
function code(s: string, cell = false): string {
  const text = visible(s);
  if (text === '') return '';
  const fence = '`'.repeat(longestBackticks(text) + 1);
  // A backtick or space at either end needs a space beside the fence; CommonMark takes one off each side again.
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${cell ? text.replace(/\|/g, '\\|') : text}${pad}${fence}`;
}

const cellCode = (s: string): string => code(s, true);

/** A fenced block's fence: longer than any run of backticks in its lines, so that none of them closes it. */
function fenceFor(lines: readonly string[]): string {
  return '`'.repeat(Math.max(3, ...lines.map((l) => longestBackticks(l) + 1)));
}

/** Findings and next steps quote templates in backticks; keep those as code, escape the rest (`cell`: in a table). */
function prose(s: string, cell = false): string {
  return visible(s)
    .split(/(`[^`]*`)/)
    .map((part, n) => (n % 2 === 1 ? code(part.slice(1, -1), cell) : mdEscape(part)))
    .join('');
}

function incidentMarkdown(i: Incident, lang: Lang, room: Room): string[] {
  const ui = (c: string, params?: Parameters<typeof t>[2]) => t(lang, c, params);
  const pu = punctuation(lang);
  const out = [`### ${i.id}${pu.colon}${mdEscape(incidentTitle(lang, i))}${pu.paren(roleText(i, lang))}`, ''];
  const when = [ui('ui.reports', { count: i.reports }), i.maxStuckSeconds !== null ? ui('ui.maxStuck', { seconds: i.maxStuckSeconds }) : null].filter(Boolean).join(pu.sep);
  const rows: [string, string | null][] = [
    [ui('ui.where'), mdEscape(placeOf(i, true).join(pu.sep))],
    [ui('ui.when'), mdEscape(`${ui('ui.coverage', { from: i.firstSeen ?? i.firstUptime ?? '?', to: i.lastSeen ?? i.lastUptime ?? '?' })}${pu.paren(when)}`)],
    [culpritLabel(i, lang), i.culprit ? cellCode(`${i.culprit.function}${i.culprit.module ? ` [${i.culprit.module}]` : ''}`) : null],
    [ui('ui.loopBound'), i.loopFunction ? cellCode(i.loopFunction) : null],
    [ui('ui.entry'), i.entry ? cellCode(`${i.entry.function}${i.entry.module ? ` [${i.entry.module}]` : ''}`) : null],
    [ui('ui.kernel'), i.kernel ? cellCode(i.kernel) : null],
    [ui('ui.hardware'), i.hardware ? mdEscape(i.hardware) : null],
    [ui('ui.taint'), i.taint ? `${cellCode(i.taint.replace(/\s+/g, ' '))}${pu.colon}${i.taintFlags.map((f) => `${f.letter} ${mdEscape(taintMeaning(lang, f))}`).join(pu.semi)}` : null],
    [ui('ui.damaged'), i.corrupted ? mdEscape(corruptionText(i, lang)) : null],
    [ui('ui.partial'), i.partial ? ui(`ui.partial.${i.partial.reason}`) : null],
    ...detailRows(i, lang).map(([k, v]): [string, string] => [mdEscape(k), mdEscape(v)]),
  ];
  out.push('| | |', '|---|---|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${v} |`), '');
  if (i.ripSamples.length > 0 && i.reports > 1) {
    out.push(`| ${ui('ui.ripSample')} | ${ui('ui.col.count')} |`, '|---|---:|', ...i.ripSamples.map((r) => `| ${cellCode(ripText(r))} | ${r.count} |`), '');
  }
  for (const note of noteTexts(i, lang)) out.push(`> ${prose(note)}`, '');
  if (i.stack.length > 0 || i.rip) {
    const block: string[] = [];
    if (i.rip) block.push(`RIP: ${ripText(i.rip)}${i.rip.size ? `/${i.rip.size}` : ''}${i.rip.module ? ` [${i.rip.module}]` : ''}`);
    for (const f of i.stack) {
      const marks = frameMarks(i, f, lang);
      block.push(`  ${frameText(f)}${marks.length ? `    <- ${marks.join(', ')}` : ''}`);
    }
    if (i.code) block.push(`Code: ${i.code.raw}`);
    const lines = block.map((l) => visible(l));
    const fence = fenceFor(lines);
    out.push(fence, ...lines, fence, '');
  }
  if (i.machine) out.push(...machineMarkdown(i.machine, { escape: mdEscape, code, cellCode, prose, fenceFor }, lang));
  if (i.evidence.length) {
    const kept = i.evidence.slice(0, room.evidence);
    out.push(`${ui('ui.evidence')}${pu.colon}${kept.map((e) => code(`${e.path}:${e.line}`)).join(', ')}${i.evidence.length > kept.length ? ` ${ui('ui.andMore', { count: i.evidence.length - kept.length })}` : ''}`, '');
  }
  return out;
}

/** At most `room` items of a list, and a line saying how many more there are (in the JSON and HTML reports). */
function cut<T>(items: readonly T[], room: number, line: (item: T) => string, more: (count: number) => string): string[] {
  const kept = items.slice(0, room).map(line);
  return items.length > room ? [...kept, more(items.length - room)] : kept;
}

/**
 * Markdown for a ticket: verdict, incident table, findings, events, next steps, details. It fits `limit` characters
 * (60,000 unless told): long lists are cut with a line saying how many more the JSON and HTML reports hold, tighter
 * and tighter until it fits, and a report that still does not is cut at the limit, saying so.
 */
export function renderMarkdown(result: Result, lang: Lang = 'en', options: MarkdownOptions = {}): string {
  const limit = options.limit ?? MD_LIMIT;
  let text = '';
  for (const room of ROOMS) {
    text = markdownWithin(result, lang, room);
    if (text.length <= limit) return text;
  }
  const tail = `\n\n*${mdEscape(t(lang, 'ui.moreListed', { count: text.length - limit }))}*\n`;
  // Cut at a line end, so that no table row or code span is left half open.
  const head = text.slice(0, Math.max(0, limit - tail.length));
  return `${head.slice(0, Math.max(0, head.lastIndexOf('\n')))}${tail}`;
}

function markdownWithin(result: Result, lang: Lang, room: Room): string {
  const ui = (c: string, params?: Parameters<typeof t>[2]) => t(lang, c, params);
  const more = (count: number) => `*${mdEscape(ui('ui.moreListed', { count }))}*`;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const dated = spansDays(result);
  const { shown, occurrences } = detailedIncidents(result);
  const pu = punctuation(lang);
  const out: string[] = [`# ${ui('ui.report')}`, ''];
  out.push(`**${ui('ui.verdict')}${pu.colon.trim()}** ${mdEscape(verdictText(result, lang))}`, '');
  const coverage = coverageText(result, lang);
  const facts = [
    `${ui('ui.inputs')}${pu.colon}${mdEscape(inputsText(result, lang))}`,
    result.summary.hosts.length ? `${ui('ui.hosts')}${pu.colon}${mdEscape(result.summary.hosts.join(', '))}` : null,
    result.summary.kernels.length ? `${ui('ui.kernel')}${pu.colon}${result.summary.kernels.map((k) => code(k)).join(', ')}` : null,
    result.summary.hardware.length ? `${ui('ui.hardware')}${pu.colon}${mdEscape(result.summary.hardware.join('; '))}` : null,
    coverage ? `${ui('ui.logsCover')}${pu.colon}${coverage}` : null,
    result.filter ? mdEscape(filterText(result, lang)!) : null,
  ].filter(Boolean);
  out.push(...facts.map((f) => `- ${f}`), '');
  if (result.incidents.length) {
    out.push(`## ${ui('ui.incidents')}`, '', row(['id', 'role', 'title', 'cpu', 'task', 'reports', 'when'].map((c) => ui(`ui.col.${c}`))), '|---|---|---|---:|---|---:|---|');
    const title = (i: Incident) => `${mdEscape(incidentTitle(lang, i))}${occurrences.has(i.id) ? ` (${mdEscape(ui('ui.recurs', { count: occurrences.get(i.id)!.length }))})` : ''}`;
    out.push(...cut(shown, room.rows, (i) => `| ${i.id} | ${roleText(i, lang)} | ${title(i)} | ${i.cpu ?? ''} | ${mdEscape(taskText(i))} | ${i.reports} | ${spanText(i, dated)} |`, (n) => `| | | ${more(n)} | | | | |`));
    out.push('');
  }
  const waits = waitLines(result, lang);
  if (waits.length) out.push(`## ${ui('ui.waits')}`, '', ...waits.map((w) => `- ${mdEscape(w)}`), '');
  if (result.findings.length) {
    out.push(`## ${ui('ui.findings')}`, '');
    out.push(...cut(result.findings, room.findings, (f) => `- **${ui(`ui.severity.${f.severity}`)}**${pu.colon}${prose(say(lang, f))}`, (n) => `- ${more(n)}`));
    out.push('');
  }
  const events = notableEvents(result);
  if (events.length) {
    out.push(`## ${ui('ui.events')}`, '', row(['count', 'when', 'message', 'errno', 'subjects', 'relation'].map((c) => ui(`ui.col.${c}`))), '|---:|---|---|---|---|---|');
    const line = (e: (typeof events)[number]) => {
      const relation = relationText(lang, e);
      return `| ${e.count} | ${eventSpan(e, dated)} | ${cellCode(e.kernel ? e.template : `${e.kind}: ${e.template}`)}<br>${ui('ui.example')}${pu.colon}${cellCode(exampleRef(e))} ${cellCode(e.example.text)} | ${mdEscape(errnoText(e, lang))} | ${mdEscape(e.subjects.join(', '))} | ${e.relation && relation ? mdEscape(ui('ui.relationOf', { relation, incident: e.relation.incident })) : ''} |`;
    };
    out.push(...cut(events, room.events, line, (n) => `| | | ${more(n)} | | | |`));
    out.push('');
  }
  if (result.nextSteps.length) {
    out.push(`## ${ui('ui.nextSteps')}`, '');
    result.nextSteps.forEach((s, n) => out.push(`${n + 1}. ${prose(say(lang, s))} *${mdEscape(whyText(s, lang))}*`));
    out.push('');
  }
  if (shown.length) {
    out.push(`## ${ui('ui.details')}`, '');
    const detail = (i: Incident) => {
      const again = occurrences.get(i.id);
      const list = again ? [`**${ui('ui.occurrences', { count: again.length })}**`, '', ...cut(again, room.occurrences, (o) => `- ${mdEscape(occurrenceText(o, result.summary.hosts.length > 1, lang))}`, (n) => `- ${more(n)}`), ''] : [];
      return [...incidentMarkdown(i, lang, room), ...list].join('\n');
    };
    out.push(...cut(shown, room.details, detail, (n) => `${more(n)}\n`));
  }
  if (result.warnings.length || result.errors.length) {
    out.push(`## ${ui('ui.warnings')}`, '');
    const problems = [...result.warnings.map((w) => `- ${w.path ? `${code(w.path)}${pu.colon}` : ''}${prose(sayWarning(lang, w))}`), ...result.errors.map((e) => `- ${mdEscape(sayRunError(lang, e))}`)];
    out.push(...cut(problems, room.findings, (line) => line, (n) => `- ${more(n)}`));
    out.push('');
  }
  out.push(`<sub>ktriage ${mdEscape(result.tool.version)}, schema ${result.schemaVersion}</sub>`, '');
  return out.join('\n');
}
