import { missesOf, type CorpusEvaluation, type SignatureScore, type Tally } from './corpus.js';

const percent = (n: number, of: number): string => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
const cell = (n: number, of: number): string => `${n}/${of} ${percent(n, of)}`;

const HEADINGS = ['category', 'cases', 'detected', 'kind correct', 'culprit equal', 'corrupted agrees', 'false incidents'];

function row(name: string, t: Tally): string[] {
  return [
    name,
    String(t.cases),
    cell(t.detected, t.cases),
    cell(t.kindCorrect, t.cases),
    cell(t.culpritEqual, t.culpritChecked),
    cell(t.corruptedAgrees, t.detected),
    String(t.falseIncidents),
  ];
}

function layout(rows: readonly string[][]): string {
  const widths = HEADINGS.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((c, col) => (col === 0 ? c.padEnd(widths[col]!) : c.padStart(widths[col]!))).join('  ')).join('\n');
}

function signatureLine(s: SignatureScore): string {
  return (
    `Signatures, pairwise over ${s.cases} detected cases with a named title: precision ${s.precision.toFixed(3)} (${s.bothPairs}/${s.sameSignaturePairs} pairs), ` +
    `recall ${s.recall.toFixed(3)} (${s.bothPairs}/${s.sameTitlePairs} pairs)`
  );
}

/**
 * The evaluation as text: one row per category (those outside our vocabulary marked `*` and left out
 * of the totals; negative cases count false incidents), the totals, and optionally the misses.
 */
export function formatEvaluation(evaluation: CorpusEvaluation, options: { misses?: boolean } = {}): string {
  const rows = [HEADINGS, ...evaluation.categories.map((c) => row(c.covered || c.category === 'none' ? c.category : `${c.category} *`, c))];
  const out = [
    layout([...rows, row('TOTAL (covered)', evaluation.totals)]),
    '',
    `* category outside the incident-kind vocabulary: not in the totals. Culprit: cases whose title names a function (not "corrupted").`,
    `False incidents on the negative (none) cases: ${evaluation.falseIncidents}`,
    signatureLine(evaluation.signatures),
    `Hung-task cases whose held-locks dump names a holder: ${evaluation.holders.dumpNamesHolder}; ktriage names a holder in ${evaluation.holders.named}`,
  ];
  if (options.misses) {
    const misses = evaluation.outcomes.map((o) => ({ o, why: missesOf(o) })).filter((m) => m.why.length > 0);
    out.push('', `Misses (${misses.length}):`);
    for (const { o, why } of misses) {
      out.push(`${o.file.padStart(4)}  ${o.category}  [${why.join(', ')}]`, `      expected: ${o.expectedTitle ?? '(no crash)'}`, `      we said:  ${o.said ?? '(nothing)'}`);
    }
  }
  return `${out.join('\n')}\n`;
}
