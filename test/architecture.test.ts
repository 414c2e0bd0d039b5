// The layers of src/ as the project brief sets them, read from the source files: the analysis makes codes and
// parameters and no sentences (render/ and i18n/ say them), time helpers live in src/time/ for every layer, and
// the root of src/ holds only the public entry points.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasMessage, LANGS } from '../src/i18n/index.js';
import { STAGE_CODES } from '../src/result/errors.js';
import { WARNING_CODES, WARNING_REASONS } from '../src/result/warnings.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** The public entry points: the library's exports, the analyzer they name, the CLI run and the version. */
const ROOT_FILES = ['analyzer.ts', 'index.ts', 'run.ts', 'version.ts'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** What a file imports (static, dynamic and re-exports), as paths relative to src/ (`i18n/index.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** `file: imported` for every import of a file under `layer` that `forbidden` rejects. */
function violations(layer: string, forbidden: (imported: string) => boolean): string[] {
  return tsFiles(join(SRC, layer)).flatMap((file) => importsOf(file).filter(forbidden).map((imported) => `${relative(SRC, file)}: ${imported}`));
}

/** The layers below render/ and the analyzer that drives them: they give warnings as codes and parameters. */
const UNSAID = ['analysis', 'machine', 'sources', 'lines', 'reports', 'analyzer.ts', 'run.ts'];

/** The text of each call's arguments after `open` (`warn(`), up to its closing parenthesis; strings are skipped over. */
function callArguments(text: string, open: RegExp): string[] {
  const calls: string[] = [];
  for (const m of text.matchAll(open)) {
    let depth = 1;
    let quote: string | null = null;
    let i = m.index + m[0].length;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    calls.push(text.slice(m.index + m[0].length, i - 1));
  }
  return calls;
}

/** What in a file builds a warning's words: a `warn(path, ...)` whose code is a sentence or a template, or a `message: '...'` property. */
function warningSentences(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const codes: readonly string[] = WARNING_CODES;
  const found: string[] = [];
  for (const args of callArguments(text, /\bwarn\(/g)) {
    // The code argument, before the `{` of the parameters (which may quote what they like).
    const head = args.slice(args.indexOf(',') + 1).split('{')[0]!;
    if (head.includes('`')) found.push(`template literal as a warning: warn(${args})`);
    for (const m of head.matchAll(/'([^']*)'|"([^"]*)"/g)) if (!codes.includes(m[1] ?? m[2]!)) found.push(`not a warning code: ${m[0]}`);
  }
  for (const m of text.matchAll(/\bmessage:\s*[`'"][^`'"]*/g)) found.push(`a message sentence: ${m[0]}`);
  return found.map((f) => `${relative(SRC, file)}: ${f}`);
}

describe('architecture', () => {
  it('reads the imports of the source files (the check below sees what it should)', () => {
    expect(importsOf(join(SRC, 'render/index.ts'))).toContain('i18n/index.ts');
    expect(importsOf(join(SRC, 'analyzer.ts'))).toContain('analysis/feed.ts');
  });

  it('no file under analysis/ or machine/ uses the message catalog: they give codes and parameters', () => {
    const catalog = (imported: string) => imported.startsWith('i18n/');
    expect(violations('analysis', catalog)).toEqual([]);
    expect(violations('machine', catalog)).toEqual([]);
  });

  it('render/ and i18n/ import nothing from analysis/ (time helpers come from time/) and from machine/ only the kernel paths a report names', () => {
    const lower = (imported: string) => /^(?:analysis|machine)\//.test(imported) && imported !== 'machine/kernel-paths.ts';
    expect(violations('render', lower)).toEqual([]);
    expect(violations('i18n', lower)).toEqual([]);
  });

  it('reads the warnings given (the check below sees what it should)', () => {
    expect(callArguments("warn(path, 'empty-file'); warn(null, `${n} lines (cut)`, {})", /\bwarn\(/g)).toEqual(["path, 'empty-file'", 'null, `${n} lines (cut)`, {}']);
    const dir = mkdtempSync(join(tmpdir(), 'ktriage-arch-'));
    const file = join(dir, 'worded.ts');
    writeFileSync(file, "ctx.warn(path, `${n} line(s) cut`);\nwarn(path, 'empty file');\nthis.warn(null, 'template-cap', { lines: n, note: 'a b' });\nproblems.push({ path, message: 'permission denied' });\n");
    expect(warningSentences(file).map((f) => f.replace(/^.*worded\.ts: /, ''))).toEqual([
      'template literal as a warning: warn(path, `${n} line(s) cut`)',
      "not a warning code: 'empty file'",
      "a message sentence: message: 'permission denied",
    ]);
  });

  it('analysis/, machine/, sources/, lines/, reports/ and the analyzer give warnings as codes, never as sentences', () => {
    const files = UNSAID.flatMap((layer) => (layer.endsWith('.ts') ? [join(SRC, layer)] : tsFiles(join(SRC, layer))));
    expect(files.flatMap(warningSentences)).toEqual([]);
  });

  it('every warning code and reason, and every stage a run error names, has an English and a Chinese sentence', () => {
    const keys = [...WARNING_CODES.map((c) => `warning.${c}`), ...WARNING_REASONS.map((r) => `reason.${r}`), ...STAGE_CODES.map((s) => `stage.${s}`)];
    for (const lang of LANGS) expect(keys.filter((k) => !hasMessage(lang, k)), lang).toEqual([]);
  });

  it('the root of src/ holds only the public entry points', () => {
    const files = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
    expect(files).toEqual(ROOT_FILES);
  });
});
