import { incidentTitle, punctuation, relationText, say, sayRunError, t, taintMeaning, warningLine, type Lang } from '../i18n/index.js';
import { columns, padColumns } from './columns.js';
import type { Incident, Result } from '../result/schema.js';
import { machineTextLines } from './machine.js';
import { visible } from './visible.js';
import {
  corruptionText, coverageText, culpritLabel, waitLines, detailedIncidents, detailRows, errnoText, eventSpan, exampleRef, filterText, frameMarks, frameText, inputsText, notableEvents, noteTexts, occurrenceText, placeOf, ripText, roleText, spanText, spansDays, taskText, verdictText, whyText,
} from './common.js';

export interface TextOptions {
  readonly color: boolean;
  /** Language of the report; 'en' when not given. */
  readonly lang?: Lang;
}

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

function painter(color: boolean): Paint {
  const wrap = (code: string) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), yellow: wrap('33'), cyan: wrap('36') };
}


/** Evidence lines named in a terminal; the JSON document lists them all. */
const EVIDENCE_SHOWN = 12;

function bar(count: number, max: number, width = 24): string {
  return '█'.repeat(Math.max(1, Math.round((count / max) * width)));
}

/** Columns of the widest label of an incident's section (at least 11, the width of the fixed labels). */
function labelWidth(i: Incident, lang: Lang): number {
  return Math.max(11, ...detailRows(i, lang).map(([k]) => columns(k)));
}

function incidentSection(i: Incident, p: Paint, lang: Lang): string[] {
  const out: string[] = [];
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  const pu = punctuation(lang);
  out.push(p.bold(`${i.id}  ${visible(incidentTitle(lang, i))}`) + `  ${i.role === 'victim' ? p.yellow(roleText(i, lang)) : i.role === 'culprit' ? p.red(roleText(i, lang)) : roleText(i, lang)}${i.corrupted ? p.yellow(`  [${ui('ui.corrupted')}]`) : ''}`);
  const row = (k: string, v: string | null | undefined) => {
    if (v) out.push(`  ${padColumns(k, labelWidth(i, lang))} ${visible(v)}`);
  };
  row(ui('ui.where'), placeOf(i, true).join(pu.sep));
  const span = spanText(i);
  row(ui('ui.when'), [span === '?' ? null : `${span}${i.firstSeen ? pu.paren(i.firstSeen.slice(0, 10)) : ''}`, ui('ui.reports', { count: i.reports }), i.maxStuckSeconds !== null ? ui('ui.maxStuck', { seconds: i.maxStuckSeconds }) : null].filter(Boolean).join(pu.sep));
  row(culpritLabel(i, lang), i.culprit ? `${i.culprit.function}${i.culprit.module ? ` [${i.culprit.module}]` : ''}` : null);
  row(ui('ui.loopBound'), i.loopFunction ? `${i.loopFunction}${pu.paren(ui('ui.loopBoundWhy'))}` : null);
  row(ui('ui.entry'), i.entry ? `${i.entry.function}${i.entry.module ? ` [${i.entry.module}]` : ''}` : null);
  row(ui('ui.kernel'), i.kernel);
  row(ui('ui.hardware'), i.hardware);
  if (i.taint) row(ui('ui.taint'), `${i.taint.replace(/\s+/g, ' ')}${pu.colon}${i.taintFlags.map((f) => `${f.letter} ${taintMeaning(lang, f)}`).join(pu.semi)}`);
  if (i.corrupted) row(ui('ui.damaged'), corruptionText(i, lang));
  if (i.partial) row(ui('ui.partial'), ui(`ui.partial.${i.partial.reason}`));
  for (const [k, v] of detailRows(i, lang)) row(k, v);
  if (i.ripSamples.length > 0 && i.reports > 1) {
    out.push(`  ${ui('ui.ripSamples', { count: i.ripSamples.reduce((n, r) => n + r.count, 0) })}${pu.colon.trim()}`);
    const max = i.ripSamples[0]!.count;
    for (const r of i.ripSamples) out.push(`    ${String(r.count).padStart(4)}  ${visible(ripText(r)).padEnd(40)} ${p.cyan(bar(r.count, max))}`);
  }
  for (const note of noteTexts(i, lang)) out.push(`  ${p.yellow(ui('ui.note'))}  ${visible(note)}`);
  if (i.stack.length > 0 || i.rip) {
    out.push(`  ${ui('ui.callTrace')}${pu.colon.trim()}`);
    if (i.rip) out.push(`    ${visible(`${ripText(i.rip)}${i.rip.size ? `/${i.rip.size}` : ''}${i.rip.module ? ` [${i.rip.module}]` : ''}`)}  ${p.dim('<- RIP')}`);
    for (const f of i.stack) {
      const marks = frameMarks(i, f, lang);
      const text = `    ${visible(`${frameText(f)}${marks.length ? `  <- ${marks.join(', ')}` : ''}`)}`;
      out.push(f.reliable ? (f.function === i.loopFunction ? p.bold(text) : text) : p.dim(text));
    }
  }
  if (i.code) out.push(`  Code: ${visible(i.code.raw)}`);
  if (i.machine) out.push(...machineTextLines(i.machine, { ...p, clean: visible }, lang));
  const ev = i.evidence;
  // `path:line` each, apart by spaces only: terminals and editors open them on a click.
  if (ev.length > 0) out.push(`  ${ui('ui.evidence')}${pu.colon}${ev.slice(0, EVIDENCE_SHOWN).map((e) => `${visible(e.path)}:${e.line}`).join(' ')}${ev.length > EVIDENCE_SHOWN ? ` ${ui('ui.andMore', { count: ev.length - EVIDENCE_SHOWN })}` : ''}`);
  return out;
}

/** The terminal report: verdict first, then incidents, findings, events and next steps. */
export function renderText(result: Result, options: TextOptions): string {
  const p = painter(options.color);
  const lang = options.lang ?? 'en';
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  const pu = punctuation(lang);
  const heading = (code: string) => p.bold(ui(code).toUpperCase());
  const out: string[] = [];
  out.push(`${p.bold('ktriage')} ${result.tool.version}${pu.colon}${inputsText(result, lang)}${result.summary.hosts.length ? `${pu.sep}${visible(ui('ui.hostList', { hosts: result.summary.hosts.join(', ') }))}` : ''}`);
  const coverage = coverageText(result, lang);
  if (coverage) out.push(`${ui('ui.logsCover')} ${coverage}`);
  const filtered = filterText(result, lang);
  if (filtered) out.push(p.yellow(visible(filtered)));
  if (result.summary.kernels.length) out.push(`${ui('ui.kernel')} ${visible(result.summary.kernels.join(', '))}`);
  if (result.summary.hardware.length) out.push(`${ui('ui.hardware')} ${visible(result.summary.hardware.join('; '))}`);
  out.push('', heading('ui.verdict'), `  ${visible(verdictText(result, lang))}`);
  const dated = spansDays(result);
  const { shown, occurrences } = detailedIncidents(result);
  if (result.incidents.length > 0) {
    out.push('', heading('ui.incidents'));
    for (const i of shown) {
      out.push(`  ${i.id.padEnd(4)} ${padColumns(roleText(i, lang), 14)} ${padColumns(visible(incidentTitle(lang, i)), 44)} ${(i.cpu !== null ? `CPU ${i.cpu}` : '').padEnd(7)} ${visible(taskText(i)).padEnd(24)} ${String(i.reports).padStart(3)}x  ${spanText(i, dated)}`);
      const again = occurrences.get(i.id);
      if (again) out.push(p.dim(`       ${ui('ui.recurs', { count: again.length })}`));
    }
  }
  const waits = waitLines(result, lang);
  if (waits.length > 0) out.push('', heading('ui.waits'), ...waits.map((w) => `  ${visible(w)}`));
  if (result.findings.length > 0) {
    out.push('', heading('ui.findings'));
    for (const f of result.findings) {
      const mark = f.severity === 'critical' ? p.red('!!') : f.severity === 'warning' ? p.yellow(' !') : p.dim(' i');
      out.push(`  ${mark} ${visible(say(lang, f))}`);
    }
  }
  for (const i of shown) {
    out.push('', ...incidentSection(i, p, lang));
    const again = occurrences.get(i.id);
    if (again) out.push(`  ${ui('ui.occurrences', { count: again.length })}:`, ...again.map((o) => `    ${visible(occurrenceText(o, result.summary.hosts.length > 1, lang))}`));
  }
  const events = notableEvents(result);
  if (events.length > 0) {
    out.push('', heading('ui.events') + p.dim(pu.paren(ui('ui.eventsNote', { groups: result.events.length }))));
    for (const e of events.slice(0, 30)) {
      const relation = relationText(lang, e);
      const extra = [errnoText(e, lang), e.subjects.length ? e.subjects.join(', ') : '', e.relation && relation ? ui('ui.relationOf', { relation, incident: e.relation.incident }) : ''].filter(Boolean).join(pu.semi);
      out.push(`  ${String(e.count).padStart(5)}x ${eventSpan(e, dated).padEnd(dated ? 30 : 18)} ${visible(e.kernel ? e.template : `${e.kind}: ${e.template}`)}${extra ? p.dim(` ${pu.paren(visible(extra))}`) : ''}`);
      // One real line beside the template: the numbers a template hides (device, container id) are the subject.
      out.push(p.dim(`${' '.repeat(dated ? 38 : 26)}${ui('ui.example')}${pu.colon}${visible(exampleRef(e))}  ${visible(e.example.text)}`));
    }
    if (events.length > 30) out.push(p.dim(`  ${ui('ui.moreEvents', { count: events.length - 30 })}`));
  }
  if (result.nextSteps.length > 0) {
    out.push('', heading('ui.nextSteps'));
    result.nextSteps.forEach((s, n) => out.push(`  ${n + 1}. ${visible(say(lang, s))}`, p.dim(`     ${visible(whyText(s, lang))}`)));
  }
  if (result.warnings.length > 0 || result.errors.length > 0) {
    out.push('', heading('ui.warnings'));
    for (const w of result.warnings) out.push(`  ${visible(warningLine(lang, w))}`);
    for (const e of result.errors) out.push(`  ${visible(sayRunError(lang, e))}`);
  }
  return `${out.join('\n')}\n`;
}
