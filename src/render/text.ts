import type { Incident, Result } from '../result/schema.js';
import { machineTextLines } from './machine.js';
import { coverageText, errnoText, eventSpan, frameMarks, frameText, inputsText, notableEvents, ripText, roleText, spanText, taskText } from './common.js';

export interface TextOptions {
  readonly color: boolean;
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

/** Log text may hold terminal escape sequences; never pass them to the user's terminal. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '\uFFFD');
}

function bar(count: number, max: number, width = 24): string {
  return '█'.repeat(Math.max(1, Math.round((count / max) * width)));
}

function incidentSection(i: Incident, p: Paint): string[] {
  const out: string[] = [];
  out.push(p.bold(`${i.id}  ${clean(i.title)}`) + `  ${i.role === 'victim' ? p.yellow(roleText(i)) : i.role === 'culprit' ? p.red(roleText(i)) : roleText(i)}${i.corrupted ? p.yellow('  [corrupted]') : ''}`);
  const row = (k: string, v: string | null | undefined) => {
    if (v) out.push(`  ${k.padEnd(12)}${clean(v)}`);
  };
  row('Where', [i.host, i.cpu !== null ? `CPU ${i.cpu}` : null, taskText(i)].filter(Boolean).join(', '));
  row('When', `${spanText(i)}${i.firstSeen ? ` (${i.firstSeen.slice(0, 10)})` : ''}, ${i.reports} report${i.reports === 1 ? '' : 's'}${i.maxStuckSeconds !== null ? `, max stuck ${i.maxStuckSeconds} s` : ''}`);
  row('Culprit', i.culprit ? `${i.culprit.function}${i.culprit.module ? ` [${i.culprit.module}]` : ''}` : null);
  row('Loop bound', i.loopFunction ? `${i.loopFunction} (every sample's stack passes through it)` : null);
  row('Entry', i.entry ? `${i.entry.function}${i.entry.module ? ` [${i.entry.module}]` : ''}` : null);
  row('Kernel', i.kernel);
  row('Hardware', i.hardware);
  if (i.taint) row('Taint', `${i.taint.replace(/\s+/g, ' ')}: ${i.taintFlags.map((f) => `${f.letter} ${f.meaning}`).join('; ')}`);
  if (i.corrupted) row('Damaged', i.corruptionReasons.join('; '));
  for (const [k, v] of Object.entries(i.details)) row(k, String(v));
  if (i.ripSamples.length > 0 && i.reports > 1) {
    out.push(`  RIP samples (${i.ripSamples.reduce((n, r) => n + r.count, 0)}):`);
    const max = i.ripSamples[0]!.count;
    for (const r of i.ripSamples) out.push(`    ${String(r.count).padStart(4)}  ${ripText(r).padEnd(40)} ${p.cyan(bar(r.count, max))}`);
  }
  for (const note of i.notes) out.push(`  ${p.yellow('note')}  ${clean(note)}`);
  if (i.stack.length > 0 || i.rip) {
    out.push('  Call trace (first report):');
    if (i.rip) out.push(`    ${clean(ripText(i.rip))}${i.rip.size ? `/${i.rip.size}` : ''}${i.rip.module ? ` [${i.rip.module}]` : ''}  ${p.dim('<- RIP')}`);
    for (const f of i.stack) {
      const marks = frameMarks(i, f);
      const text = `    ${clean(frameText(f))}${marks.length ? `  <- ${marks.join(', ')}` : ''}`;
      out.push(f.reliable ? (f.function === i.loopFunction ? p.bold(text) : text) : p.dim(text));
    }
  }
  if (i.code) out.push(`  Code: ${clean(i.code.raw)}`);
  if (i.machine) out.push(...machineTextLines(i.machine, { ...p, clean }));
  const ev = i.evidence;
  if (ev.length > 0) {
    const path = ev[0]!.path;
    const samePath = ev.every((e) => e.path === path);
    out.push(`  Evidence: ${samePath ? `${clean(path)} lines ${ev.map((e) => e.line).join(', ')}` : ev.map((e) => `${clean(e.path)}:${e.line}`).join(', ')}`);
  }
  return out;
}

/** The terminal report: verdict first, then incidents, findings, events and next steps. */
export function renderText(result: Result, options: TextOptions): string {
  const p = painter(options.color);
  const out: string[] = [];
  out.push(`${p.bold('ktriage')} ${result.tool.version}: ${inputsText(result)}${result.summary.hosts.length ? `, host ${result.summary.hosts.join(', ')}` : ''}`);
  const coverage = coverageText(result);
  if (coverage) out.push(`Logs cover ${coverage}`);
  if (result.summary.kernels.length) out.push(`Kernel ${result.summary.kernels.join(', ')}`);
  if (result.summary.hardware.length) out.push(`Hardware ${result.summary.hardware.join('; ')}`);
  out.push('', p.bold('VERDICT'), `  ${clean(result.summary.verdict)}`);
  if (result.incidents.length > 0) {
    out.push('', p.bold('INCIDENTS'));
    for (const i of result.incidents) {
      out.push(`  ${i.id.padEnd(4)} ${roleText(i).padEnd(14)} ${clean(i.title).padEnd(44)} ${(i.cpu !== null ? `CPU ${i.cpu}` : '').padEnd(7)} ${clean(taskText(i)).padEnd(24)} ${String(i.reports).padStart(3)}x  ${spanText(i)}`);
    }
  }
  if (result.findings.length > 0) {
    out.push('', p.bold('FINDINGS'));
    for (const f of result.findings) {
      const mark = f.severity === 'critical' ? p.red('!!') : f.severity === 'warning' ? p.yellow(' !') : p.dim(' i');
      out.push(`  ${mark} ${clean(f.text)}`);
    }
  }
  for (const i of result.incidents) out.push('', ...incidentSection(i, p));
  const events = notableEvents(result);
  if (events.length > 0) {
    out.push('', p.bold('EVENTS') + p.dim(` (notable; ${result.events.length} message groups in all)`));
    for (const e of events.slice(0, 30)) {
      const extra = [errnoText(e), e.subjects.length ? e.subjects.join(', ') : '', e.relation ? `${e.relation.text} of ${e.relation.incident}` : ''].filter(Boolean).join('; ');
      out.push(`  ${String(e.count).padStart(5)}x ${eventSpan(e).padEnd(18)} ${clean(e.kernel ? e.template : `${e.kind}: ${e.template}`)}${extra ? p.dim(`  (${clean(extra)})`) : ''}`);
    }
    if (events.length > 30) out.push(p.dim(`  ... ${events.length - 30} more (see --format json)`));
  }
  if (result.nextSteps.length > 0) {
    out.push('', p.bold('NEXT STEPS'));
    result.nextSteps.forEach((s, n) => out.push(`  ${n + 1}. ${clean(s.text)}`, p.dim(`     ${clean(s.why)}`)));
  }
  if (result.warnings.length > 0 || result.errors.length > 0) {
    out.push('', p.bold('WARNINGS'));
    for (const w of result.warnings) out.push(`  ${w.path ? `${clean(w.path)}: ` : ''}${clean(w.message)}`);
    for (const e of result.errors) out.push(`  error in ${clean(e.where)}: ${clean(e.message)}`);
  }
  return `${out.join('\n')}\n`;
}
