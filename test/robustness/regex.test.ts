// Every regular expression that sees log text runs in linear time, and this is counted, not timed: each one is
// run by a step-counting model of a backtracking engine (./backtrack.ts) over adversarial texts built from the
// pattern itself (its repeats run long, then broken; its own text repeated; long runs of one character) at 300,
// 1,200 and 4,800 characters. A linear pattern costs four times the steps on four times the text; a quadratic one
// sixteen times, whatever the machine and its load (the lengths are small because the model is slow, not the regexes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ISO_RE, RFC5424_RE } from '../../src/lines/formats.js';
import { shippedKnownIssues } from '../../src/knowledge/known-issues/load.js';
import { DETECTORS } from '../../src/reports/index.js';
import { adversarialShapes, CountingRegex, OverBudget } from './backtrack.js';

/** Where log text (and the text of `--dis` files) is read: every regex here must be linear. */
const LOG_TEXT_DIRS = ['src/lines', 'src/reports', 'src/analysis', 'src/knowledge', 'src/sources', 'src/machine', 'src/time', 'src/kb'];
const LOG_TEXT_FILES = ['src/analyzer.ts', 'src/run.ts'];

interface Found {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(): string[] {
  const files: string[] = [...LOG_TEXT_FILES];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('-wasm.ts')) files.push(path);
    }
  };
  LOG_TEXT_DIRS.forEach(walk);
  return files;
}

/** Every regex literal in the files, and every `new RegExp(...)` site (built ones are checked at run time below). */
function literalsAndBuilt(): { literals: Found[]; built: string[] } {
  const literals: Found[] = [];
  const built: string[] = [];
  for (const file of sourceFiles()) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const where = `${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const cut = text.lastIndexOf('/');
        literals.push({ where, source: text.slice(1, cut), flags: text.slice(cut + 1) });
      }
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') built.push(where.replace(/:\d+$/, ''));
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, built };
}

const { literals, built } = literalsAndBuilt();

/** The regexes built at load time, from where the code keeps them. */
const BUILT: Found[] = [
  ...DETECTORS.flatMap((d) =>
    [d.header, ...(d.bodyLines ?? []), ...(d.absorbs ?? []), ...(d.traceFrom ? [d.traceFrom] : []), ...(d.endsAt ? [d.endsAt] : [])].map((re) => ({
      where: `detector ${d.kind}`,
      source: re.source,
      flags: re.flags,
    })),
  ),
  { where: 'formats ISO_RE', source: ISO_RE.source, flags: ISO_RE.flags },
  { where: 'formats RFC5424_RE', source: RFC5424_RE.source, flags: RFC5424_RE.flags },
  // Known-issue entries are data whose patterns run on report lines and details.
  ...shippedKnownIssues().entries.flatMap((e) =>
    [e.match.header, ...Object.values(e.match.details ?? {})].flatMap((source) => (source === undefined ? [] : [{ where: `known issue ${e.id}`, source, flags: '' }])),
  ),
];

/** The files that build regexes, each covered above (detectors through DETECTORS) or built from a checked literal. */
const BUILDERS: Record<string, string> = {
  'src/lines/formats.ts': 'ISO_RE and RFC5424_RE, exported',
  'src/reports/define.ts': 'a detector header accepting a glued kernel line: DETECTORS',
  'src/reports/header-matcher.ts': 'the detectors\' headers as alternatives: each one is linear and they are tried one after the other',
  'src/reports/detectors/hard-lockup.ts': 'its header: DETECTORS',
  'src/reports/detectors/hung-task.ts': 'its header and a body line: DETECTORS',
  'src/reports/detectors/lockdep.ts': 'its header: DETECTORS',
  'src/reports/detectors/memory-leak.ts': 'its header: DETECTORS',
  'src/reports/detectors/oom.ts': 'its header: DETECTORS',
  'src/reports/detectors/warning.ts': 'its header: DETECTORS',
  'src/reports/detectors/bug.ts': 'its header: DETECTORS',
  'src/reports/detectors/slab-corruption.ts': 'its header: DETECTORS',
  'src/analysis/events.ts': 'ERRNO_LIKE_RE and UNSIGNED_ERRNO_LIKE_RE, the sources of the NEGATIVE_RE and UNSIGNED_RE literals',
  'src/knowledge/storage.ts': "the rules' checked literals as alternatives of one prefilter (and of the fast scan's, anchored where a message may start): each is linear and they are tried one after the other",
  'src/machine/arm-decode.ts': "Capstone's mnemonics (not log text), from a literal alternation of condition codes",
  'src/analysis/known-issues.ts': 'the shipped entries\' header and details patterns: BUILT',
  'src/knowledge/known-issues/schema.ts': 'the same patterns, compiled only to validate an entry',
  'src/analysis/filter.ts': 'the --host glob the user typed, as a whole-name pattern (one * is a .*)',
};

/** Files under the log-text folders whose regexes read what the user types, not log text. */
const NOT_LOG_TEXT: Record<string, string> = {
  'src/analysis/filter.ts': '--since/--until values (a duration or a time), parsed once per run',
};

const LENGTHS = [300, 1_200, 4_800] as const;
/** Growth allowed from one length to the next (4x the text each): linear with room for start-up costs. */
const MAX_GROWTH = [8, 8] as const;
/** Shapes measured at the longest length per pattern: the costliest at the middle one. */
const LONG_SHAPES = 1;

interface Cost {
  readonly shape: string;
  readonly steps: number[];
}

/** Steps of each adversarial shape at the two shorter lengths, and at the longest for the costliest; a text past its budget costs Infinity. */
function costs(found: Found): Cost[] {
  const shapes = adversarialShapes(found.source, found.flags);
  const measure = (text: string, budget: number): number => {
    const re = new CountingRegex(found.source, found.flags);
    try {
      re.search(text, budget);
    } catch (error) {
      if (error instanceof OverBudget) return Infinity;
      throw error;
    }
    return re.steps;
  };
  const measured = shapes.map((shape) => {
    const small = measure(shape(LENGTHS[0]), 1e7);
    return { shape, steps: [small, measure(shape(LENGTHS[1]), small * MAX_GROWTH[0] + 1e4)] };
  });
  const costliest = [...measured].sort((a, b) => b.steps[1]! - a.steps[1]!).slice(0, LONG_SHAPES);
  for (const m of costliest) if (Number.isFinite(m.steps[1])) m.steps.push(measure(m.shape(LENGTHS[2]), m.steps[1]! * MAX_GROWTH[1] + 1e4));
  return measured.map((m) => ({ shape: JSON.stringify(m.shape(60)), steps: m.steps }));
}

/** The shapes whose cost grows faster than linearly. */
function superLinear(found: Found): string[] {
  return costs(found)
    .filter(({ steps }) => steps.some((s, i) => i > 0 && !(s <= steps[i - 1]! * MAX_GROWTH[i - 1]!)))
    .map(({ shape, steps }) => `${shape}: ${steps.join(' -> ')} steps`);
}

describe('regular expressions that see log text run in linear time (counted)', () => {
  it('the step counter agrees with the engine on what matches, and tells linear from quadratic', () => {
    const linear = new CountingRegex(String.raw`foo\d+bar`);
    const quadratic = new CountingRegex(String.raw`\s+$`);
    const text = (n: number) => `${' '.repeat(n)}x`;
    for (const [re, native] of [[linear, /foo\d+bar/], [quadratic, /\s+$/]] as const) {
      for (const t of ['foo12bar', 'foobar', ' x', '  ', `a${text(5)}`]) expect(new CountingRegex(re.source).search(t), `${re.source} on ${t}`).toBe(native.test(t));
    }
    quadratic.search(text(500));
    const small = quadratic.steps;
    quadratic.steps = 0;
    quadratic.search(text(2_000));
    expect(quadratic.steps / small).toBeGreaterThan(12);
    expect(superLinear({ where: 'test', source: String.raw`\s+$`, flags: '' })).not.toEqual([]);
    expect(superLinear({ where: 'test', source: String.raw`foo\d+bar`, flags: '' })).toEqual([]);
  });

  it(`finds the regexes: ${literals.length} literals, ${BUILT.length} built ones`, () => {
    expect(literals.length).toBeGreaterThan(300);
    // A file that builds regexes at run time must say how they are covered here.
    expect([...new Set(built)].filter((file) => !(file in BUILDERS))).toEqual([]);
  });

  it('detector headers carry no flags: the segmenter and the spoofing check join them into one prefilter', () => {
    expect(DETECTORS.filter((d) => d.header.flags !== '').map((d) => d.kind)).toEqual([]);
  });

  const all = [...literals.filter((f) => !(f.where.replace(/:\d+$/, '') in NOT_LOG_TEXT)), ...BUILT];
  // Cut into groups so that a failure names the file, and no test runs long.
  const groups = new Map<string, Found[]>();
  for (const f of all) {
    const key = f.where.replace(/:\d+$/, '').replace(/^src\/reports\/detectors\/.*/, 'src/reports/detectors');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [group, found] of groups) {
    it(`${group}: ${found.length} regexes`, () => {
      const slow = found.map((f) => ({ f, shapes: superLinear(f) })).filter((s) => s.shapes.length > 0);
      expect(slow.map(({ f, shapes }) => `${f.where} /${f.source}/${f.flags}\n    ${shapes.slice(0, 3).join('\n    ')}`)).toEqual([]);
    });
  }
});
