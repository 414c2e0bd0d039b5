// The layers of src/ as the project brief sets them, read from the source files: the analysis makes codes and
// parameters and no sentences (render/ and i18n/ say them), time helpers live in src/time/ for every layer, and
// the root of src/ holds only the public entry points.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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

  it('the root of src/ holds only the public entry points', () => {
    const files = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
    expect(files).toEqual(ROOT_FILES);
  });
});
