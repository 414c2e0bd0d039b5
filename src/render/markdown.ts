import type { Incident, Result } from '../result/schema.js';
import { machineMarkdown } from './machine.js';
import { coverageText, errnoText, eventSpan, frameMarks, frameText, inputsText, notableEvents, ripText, roleText, spanText, taskText } from './common.js';

/** Escapes text for a Markdown table cell or paragraph. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Inline code that stays code even when the text holds backticks. */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${s.replace(/\r?\n/g, ' ')}${fence.length > 1 ? ' ' : ''}${fence}`;
}

/** Findings and next steps quote templates in backticks; keep those, escape the rest. */
function prose(s: string): string {
  return s.split(/(`[^`]*`)/).map((part, n) => (n % 2 === 1 ? part : mdEscape(part))).join('');
}

function incidentMarkdown(i: Incident): string[] {
  const out = [`### ${i.id}: ${mdEscape(i.title)} (${roleText(i)})`, ''];
  const rows: [string, string | null][] = [
    ['Where', [i.host, i.cpu !== null ? `CPU ${i.cpu}` : null, taskText(i)].filter(Boolean).join(', ')],
    ['When', `${i.firstSeen ?? i.firstUptime ?? '?'} to ${i.lastSeen ?? i.lastUptime ?? '?'} (${i.reports} reports${i.maxStuckSeconds !== null ? `, max stuck ${i.maxStuckSeconds} s` : ''})`],
    ['Culprit', i.culprit ? code(`${i.culprit.function}${i.culprit.module ? ` [${i.culprit.module}]` : ''}`) : null],
    ['Loop bound', i.loopFunction ? code(i.loopFunction) : null],
    ['Entry', i.entry ? code(`${i.entry.function}${i.entry.module ? ` [${i.entry.module}]` : ''}`) : null],
    ['Kernel', i.kernel ? code(i.kernel) : null],
    ['Hardware', i.hardware ? mdEscape(i.hardware) : null],
    ['Taint', i.taint ? `${code(i.taint.replace(/\s+/g, ' '))}: ${i.taintFlags.map((f) => `${f.letter} ${mdEscape(f.meaning)}`).join('; ')}` : null],
    ['Damaged', i.corrupted ? mdEscape(i.corruptionReasons.join('; ')) : null],
    ...Object.entries(i.details).map(([k, v]): [string, string] => [mdEscape(k), mdEscape(String(v))]),
  ];
  out.push('| | |', '|---|---|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${v} |`), '');
  if (i.ripSamples.length > 0 && i.reports > 1) {
    out.push('| RIP sample | count |', '|---|---:|', ...i.ripSamples.map((r) => `| ${code(ripText(r))} | ${r.count} |`), '');
  }
  for (const note of i.notes) out.push(`> ${prose(note)}`, '');
  if (i.stack.length > 0 || i.rip) {
    out.push('```');
    if (i.rip) out.push(`RIP: ${ripText(i.rip)}${i.rip.size ? `/${i.rip.size}` : ''}${i.rip.module ? ` [${i.rip.module}]` : ''}`);
    for (const f of i.stack) {
      const marks = frameMarks(i, f);
      out.push(`  ${frameText(f)}${marks.length ? `    <- ${marks.join(', ')}` : ''}`);
    }
    if (i.code) out.push(`Code: ${i.code.raw}`);
    out.push('```', '');
  }
  if (i.machine) out.push(...machineMarkdown(i.machine, { escape: mdEscape, code, prose }));
  if (i.evidence.length) out.push(`Evidence: ${i.evidence.slice(0, 30).map((e) => code(`${e.path}:${e.line}`)).join(', ')}${i.evidence.length > 30 ? ` and ${i.evidence.length - 30} more` : ''}`, '');
  return out;
}

/** Markdown for a ticket: verdict, incident table, findings, events, next steps, details. */
export function renderMarkdown(result: Result): string {
  const out: string[] = ['# ktriage report', ''];
  out.push(`**Verdict:** ${mdEscape(result.summary.verdict)}`, '');
  const facts = [
    `Inputs: ${mdEscape(inputsText(result))}`,
    result.summary.hosts.length ? `Hosts: ${mdEscape(result.summary.hosts.join(', '))}` : null,
    result.summary.kernels.length ? `Kernel: ${result.summary.kernels.map(code).join(', ')}` : null,
    result.summary.hardware.length ? `Hardware: ${mdEscape(result.summary.hardware.join('; '))}` : null,
    coverageText(result) ? `Logs cover: ${coverageText(result)}` : null,
  ].filter(Boolean);
  out.push(...facts.map((f) => `- ${f}`), '');
  if (result.incidents.length) {
    out.push('## Incidents', '', '| id | role | title | CPU | task | reports | when |', '|---|---|---|---:|---|---:|---|');
    for (const i of result.incidents) out.push(`| ${i.id} | ${roleText(i)} | ${mdEscape(i.title)} | ${i.cpu ?? ''} | ${mdEscape(taskText(i))} | ${i.reports} | ${spanText(i)} |`);
    out.push('');
  }
  if (result.findings.length) {
    out.push('## Findings', '');
    for (const f of result.findings) out.push(`- **${f.severity}**: ${prose(f.text)}`);
    out.push('');
  }
  const events = notableEvents(result);
  if (events.length) {
    out.push('## Events', '', '| count | when | message | errno | subjects | relation |', '|---:|---|---|---|---|---|');
    for (const e of events.slice(0, 50)) out.push(`| ${e.count} | ${eventSpan(e)} | ${code(e.kernel ? e.template : `${e.kind}: ${e.template}`)} | ${mdEscape(errnoText(e))} | ${mdEscape(e.subjects.join(', '))} | ${e.relation ? mdEscape(`${e.relation.text} of ${e.relation.incident}`) : ''} |`);
    out.push('');
  }
  if (result.nextSteps.length) {
    out.push('## Next steps', '');
    result.nextSteps.forEach((s, n) => out.push(`${n + 1}. ${prose(s.text)} *${mdEscape(s.why)}*`));
    out.push('');
  }
  if (result.incidents.length) out.push('## Incident details', '', ...result.incidents.flatMap(incidentMarkdown));
  if (result.warnings.length || result.errors.length) {
    out.push('## Warnings', '');
    for (const w of result.warnings) out.push(`- ${w.path ? `${code(w.path)}: ` : ''}${mdEscape(w.message)}`);
    for (const e of result.errors) out.push(`- error in ${mdEscape(e.where)}: ${mdEscape(e.message)}`);
    out.push('');
  }
  out.push(`<sub>ktriage ${mdEscape(result.tool.version)}, schema ${result.schemaVersion}</sub>`, '');
  return out.join('\n');
}
