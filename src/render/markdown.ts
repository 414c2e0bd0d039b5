import { incidentTitle, relationText, say, t, taintMeaning, type Lang } from '../i18n/index.js';
import type { Incident, Result } from '../result/schema.js';
import { machineMarkdown } from './machine.js';
import { visible } from './visible.js';
import { coverageText, errnoText, eventSpan, frameMarks, frameText, inputsText, notableEvents, noteTexts, placeOf, ripText, roleText, spanText, taskText, verdictText, whyText } from './common.js';

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

function incidentMarkdown(i: Incident, lang: Lang): string[] {
  const ui = (c: string, params?: Parameters<typeof t>[2]) => t(lang, c, params);
  const out = [`### ${i.id}: ${mdEscape(incidentTitle(lang, i))} (${roleText(i, lang)})`, ''];
  const when = [ui('ui.reports', { count: i.reports }), i.maxStuckSeconds !== null ? ui('ui.maxStuck', { seconds: i.maxStuckSeconds }) : null].filter(Boolean).join(', ');
  const rows: [string, string | null][] = [
    [ui('ui.where'), mdEscape(placeOf(i, true).join(', '))],
    [ui('ui.when'), mdEscape(`${ui('ui.coverage', { from: i.firstSeen ?? i.firstUptime ?? '?', to: i.lastSeen ?? i.lastUptime ?? '?' })} (${when})`)],
    [ui('ui.culprit'), i.culprit ? cellCode(`${i.culprit.function}${i.culprit.module ? ` [${i.culprit.module}]` : ''}`) : null],
    [ui('ui.loopBound'), i.loopFunction ? cellCode(i.loopFunction) : null],
    [ui('ui.entry'), i.entry ? cellCode(`${i.entry.function}${i.entry.module ? ` [${i.entry.module}]` : ''}`) : null],
    [ui('ui.kernel'), i.kernel ? cellCode(i.kernel) : null],
    [ui('ui.hardware'), i.hardware ? mdEscape(i.hardware) : null],
    [ui('ui.taint'), i.taint ? `${cellCode(i.taint.replace(/\s+/g, ' '))}: ${i.taintFlags.map((f) => `${f.letter} ${mdEscape(taintMeaning(lang, f))}`).join('; ')}` : null],
    [ui('ui.damaged'), i.corrupted ? mdEscape(i.corruptionReasons.join('; ')) : null],
    ...Object.entries(i.details).map(([k, v]): [string, string] => [mdEscape(k), mdEscape(String(v))]),
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
  if (i.evidence.length) out.push(`${ui('ui.evidence')}: ${i.evidence.slice(0, 30).map((e) => code(`${e.path}:${e.line}`)).join(', ')}${i.evidence.length > 30 ? ` ${ui('ui.andMore', { count: i.evidence.length - 30 })}` : ''}`, '');
  return out;
}

/** Markdown for a ticket: verdict, incident table, findings, events, next steps, details. */
export function renderMarkdown(result: Result, lang: Lang = 'en'): string {
  const ui = (c: string, params?: Parameters<typeof t>[2]) => t(lang, c, params);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out: string[] = [`# ${ui('ui.report')}`, ''];
  out.push(`**${ui('ui.verdict')}:** ${mdEscape(verdictText(result, lang))}`, '');
  const coverage = coverageText(result, lang);
  const facts = [
    `${ui('ui.inputs')}: ${mdEscape(inputsText(result, lang))}`,
    result.summary.hosts.length ? `${ui('ui.hosts')}: ${mdEscape(result.summary.hosts.join(', '))}` : null,
    result.summary.kernels.length ? `${ui('ui.kernel')}: ${result.summary.kernels.map((k) => code(k)).join(', ')}` : null,
    result.summary.hardware.length ? `${ui('ui.hardware')}: ${mdEscape(result.summary.hardware.join('; '))}` : null,
    coverage ? `${ui('ui.logsCover')}: ${coverage}` : null,
  ].filter(Boolean);
  out.push(...facts.map((f) => `- ${f}`), '');
  if (result.incidents.length) {
    out.push(`## ${ui('ui.incidents')}`, '', row(['id', 'role', 'title', 'cpu', 'task', 'reports', 'when'].map((c) => ui(`ui.col.${c}`))), '|---|---|---|---:|---|---:|---|');
    for (const i of result.incidents) out.push(`| ${i.id} | ${roleText(i, lang)} | ${mdEscape(incidentTitle(lang, i))} | ${i.cpu ?? ''} | ${mdEscape(taskText(i))} | ${i.reports} | ${spanText(i)} |`);
    out.push('');
  }
  if (result.findings.length) {
    out.push(`## ${ui('ui.findings')}`, '');
    for (const f of result.findings) out.push(`- **${ui(`ui.severity.${f.severity}`)}**: ${prose(say(lang, f))}`);
    out.push('');
  }
  const events = notableEvents(result);
  if (events.length) {
    out.push(`## ${ui('ui.events')}`, '', row(['count', 'when', 'message', 'errno', 'subjects', 'relation'].map((c) => ui(`ui.col.${c}`))), '|---:|---|---|---|---|---|');
    for (const e of events.slice(0, 50)) {
      const relation = relationText(lang, e);
      out.push(`| ${e.count} | ${eventSpan(e)} | ${cellCode(e.kernel ? e.template : `${e.kind}: ${e.template}`)} | ${mdEscape(errnoText(e, lang))} | ${mdEscape(e.subjects.join(', '))} | ${e.relation && relation ? mdEscape(ui('ui.relationOf', { relation, incident: e.relation.incident })) : ''} |`);
    }
    out.push('');
  }
  if (result.nextSteps.length) {
    out.push(`## ${ui('ui.nextSteps')}`, '');
    result.nextSteps.forEach((s, n) => out.push(`${n + 1}. ${prose(say(lang, s))} *${mdEscape(whyText(s, lang))}*`));
    out.push('');
  }
  if (result.incidents.length) out.push(`## ${ui('ui.details')}`, '', ...result.incidents.flatMap((i) => incidentMarkdown(i, lang)));
  if (result.warnings.length || result.errors.length) {
    out.push(`## ${ui('ui.warnings')}`, '');
    for (const w of result.warnings) out.push(`- ${w.path ? `${code(w.path)}: ` : ''}${mdEscape(w.message)}`);
    for (const e of result.errors) out.push(`- ${mdEscape(ui('ui.errorIn', { where: e.where, message: e.message }))}`);
    out.push('');
  }
  out.push(`<sub>ktriage ${mdEscape(result.tool.version)}, schema ${result.schemaVersion}</sub>`, '');
  return out.join('\n');
}
