import { t, type Lang } from '../../i18n/index.js';
import { mdEscape } from '../markdown.js';
import { asOfText, latestLines, latestStack, problemTitle, seenText, shortTime, statusText, stoppedText, type FleetView } from './common.js';

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(mdEscape).join(' | ')} |`)];
}

const th = (lang: Lang, names: readonly string[]) => names.map((n) => t(lang, `ui.fleet.th.${n}`));

/** The fleet views as Markdown for a ticket: one table each, the problem's sections under headings. */
export function renderFleetMarkdown(v: FleetView, lang: Lang = 'en'): string {
  const out: string[] = [];
  const more = (count: number) => (count > 0 ? ['', mdEscape(t(lang, 'ui.fleet.more', { count }))] : []);
  if (v.view === 'problems') {
    out.push(`# ${t(lang, 'ui.fleet.problems')}`, '', mdEscape(asOfText(lang, v)), '');
    if (!v.data.problems.length) out.push(t(lang, 'ui.fleet.none'));
    else {
      const rows = v.data.problems.map((p) => [String(p.id), statusText(lang, p.status), String(p.hosts), String(p.occurrences), shortTime(p.lastSeen), p.kind, problemTitle(lang, p), p.signature]);
      out.push(...mdTable([...th(lang, ['id', 'status', 'hosts', 'occurrences', 'lastSeen', 'kind', 'problem']), t(lang, 'ui.fleet.signature')], rows), ...more(v.data.more));
    }
  } else if (v.view === 'problem') {
    const d = v.data;
    const p = d.problem;
    out.push(`# ${t(lang, 'ui.fleet.problem', { id: p.id })}: ${mdEscape(problemTitle(lang, p))}`, '', mdEscape(`${statusText(lang, p.status)}; ${seenText(lang, p)}; ${asOfText(lang, v)}`), '');
    out.push(`${t(lang, 'ui.fleet.signature')}: \`${p.signature}\` \`${p.signatureText.replace(/`/g, "'")}\` (v${p.signatureVersion})`, '');
    out.push(`## ${t(lang, 'ui.fleet.hosts')}`, '', ...mdTable(th(lang, ['host', 'occurrences', 'firstSeen', 'lastSeen']), d.hosts.map((h) => [h.name, String(h.occurrences), shortTime(h.firstSeen), shortTime(h.lastSeen)])), '');
    out.push(`## ${t(lang, 'ui.fleet.kernelsTitle')}`, '', ...mdTable(th(lang, ['kernel', 'hosts', 'occurrences', 'lastSeen']), d.kernels.map((k) => [k.release, String(k.hosts), String(k.occurrences), shortTime(k.lastSeen)])), '', mdEscape(stoppedText(lang, d)), '');
    out.push(`## ${t(lang, 'ui.fleet.timeline')}`, '');
    out.push(...mdTable(th(lang, ['firstSeen', 'lastSeen', 'host', 'kernel', 'role', 'reports', 'input']), d.timeline.map((o) => [shortTime(o.firstSeen), shortTime(o.lastSeen), o.host, o.kernel ?? '-', t(lang, `ui.role.${o.role}`), String(o.reports), o.input])), ...more(d.timelineMore));
    const latest = latestLines(lang, d);
    if (latest.length) out.push('', `## ${t(lang, 'ui.fleet.latest')}`, '', ...latest.map(mdEscape), '', '```', ...latestStack(d).map((f) => f.replace(/`/g, "'")), '```');
  } else {
    out.push(`# ${t(lang, 'ui.fleet.hosts')}`, '', mdEscape(asOfText(lang, v)), '');
    if (!v.data.hosts.length) out.push(t(lang, 'ui.fleet.noHosts'));
    else {
      const rows = v.data.hosts.map((h) => [h.name, shortTime(h.lastSeen), h.kernels.join(' ') || '-', String(h.occurrences), h.openProblems.map((p) => `#${p.id} ${problemTitle(lang, p)} (${statusText(lang, p.status)})`).join('; ') || '-']);
      out.push(...mdTable(th(lang, ['host', 'lastSeen', 'kernels', 'occurrences', 'open']), rows), ...more(v.data.more));
    }
  }
  return `${out.join('\n')}\n`;
}
