import { t, type Lang } from '../../i18n/index.js';
import { visible } from '../visible.js';
import { asOfText, latestLines, latestStack, problemTitle, seenText, shortTime, statusText, stoppedText, type FleetView } from './common.js';

/** Columns padded to their widest cell; the last column is left ragged. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, n) => Math.max(h.length, ...rows.map((r) => r[n]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, n) => (n === cells.length - 1 ? c : c.padEnd(widths[n]!))).join('  ').trimEnd();
  return [line(header.map((h) => h.toUpperCase())), ...rows.map(line)].map((l) => `  ${visible(l)}`);
}

const th = (lang: Lang, names: readonly string[]) => names.map((n) => t(lang, `ui.fleet.th.${n}`));

export function renderFleetText(v: FleetView, lang: Lang = 'en'): string {
  const out: string[] = [];
  const more = (count: number) => (count > 0 ? [`  ${t(lang, 'ui.fleet.more', { count })}`] : []);
  if (v.view === 'problems') {
    out.push(`${t(lang, 'ui.fleet.problems').toUpperCase()}  (${asOfText(lang, v)})`);
    if (!v.data.problems.length) out.push(`  ${t(lang, 'ui.fleet.none')}`);
    else {
      const rows = v.data.problems.map((p) => [String(p.id), statusText(lang, p.status), String(p.hosts), String(p.occurrences), shortTime(p.lastSeen), p.kind, `${problemTitle(lang, p)}  [${p.signature}]`]);
      out.push(...table(th(lang, ['id', 'status', 'hosts', 'occurrences', 'lastSeen', 'kind', 'problem']), rows), ...more(v.data.more));
    }
  } else if (v.view === 'problem') {
    const d = v.data;
    const p = d.problem;
    out.push(`${t(lang, 'ui.fleet.problem', { id: p.id }).toUpperCase()}  ${visible(problemTitle(lang, p))}  (${statusText(lang, p.status)}; ${asOfText(lang, v)})`);
    out.push(`  ${t(lang, 'ui.fleet.signature')}: ${p.signature}  ${visible(p.signatureText)}  (v${p.signatureVersion})`, `  ${seenText(lang, p)}`, '');
    out.push(t(lang, 'ui.fleet.hosts').toUpperCase(), ...table(th(lang, ['host', 'occurrences', 'firstSeen', 'lastSeen']), d.hosts.map((h) => [h.name, String(h.occurrences), shortTime(h.firstSeen), shortTime(h.lastSeen)])), '');
    out.push(t(lang, 'ui.fleet.kernelsTitle').toUpperCase(), ...table(th(lang, ['kernel', 'hosts', 'occurrences', 'lastSeen']), d.kernels.map((k) => [k.release, String(k.hosts), String(k.occurrences), shortTime(k.lastSeen)])));
    out.push(`  ${visible(stoppedText(lang, d))}`, '');
    out.push(t(lang, 'ui.fleet.timeline').toUpperCase());
    out.push(...table(th(lang, ['firstSeen', 'lastSeen', 'host', 'kernel', 'role', 'reports', 'input']), d.timeline.map((o) => [shortTime(o.firstSeen), shortTime(o.lastSeen), o.host, o.kernel ?? '-', t(lang, `ui.role.${o.role}`), String(o.reports), o.input])), ...more(d.timelineMore));
    const latest = latestLines(lang, d);
    if (latest.length) out.push('', t(lang, 'ui.fleet.latest').toUpperCase(), ...latest.map((l) => `  ${visible(l)}`), ...latestStack(d).map((f) => `    ${visible(f)}`));
  } else {
    out.push(`${t(lang, 'ui.fleet.hosts').toUpperCase()}  (${asOfText(lang, v)})`);
    if (!v.data.hosts.length) out.push(`  ${t(lang, 'ui.fleet.noHosts')}`);
    else {
      const rows = v.data.hosts.map((h) => [h.name, shortTime(h.lastSeen), h.kernels.join(' ') || '-', String(h.occurrences), h.openProblems.map((p) => `#${p.id} ${problemTitle(lang, p)} (${statusText(lang, p.status)})`).join('; ') || '-']);
      out.push(...table(th(lang, ['host', 'lastSeen', 'kernels', 'occurrences', 'open']), rows), ...more(v.data.more));
    }
  }
  return `${out.join('\n')}\n`;
}
