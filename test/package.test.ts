import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The package as npm would ship it and as a library user imports it (`npm test` builds dist/ first).
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown> & { scripts: Record<string, string>; man: string[]; bin: Record<string, string> };

describe('the npm package', () => {
  // (--ignore-scripts: the list of files, without the build `prepack` runs before a real pack)
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
  const files = packed[0]!.files.map((f) => f.path);

  it('ships the CLI, the library, the schema, the man page and the license; not the bench, the tests or the sources', () => {
    for (const f of ['LICENSE', 'README.md', 'package.json', 'man/ktriage.1', 'schema/result.schema.json', 'dist/cli/main.js', 'dist/cli/prescan-worker.js', 'dist/cli/xz-worker.js', 'dist/cli/shipped.json', 'dist/src/index.js', 'dist/src/index.d.ts']) expect(files).toContain(f);
    expect(files.filter((f) => /^(?:dist\/bench|dist\/test|test|bench|src|native|examples)\//.test(f))).toEqual([]);
  });

  it('says Apache-2.0 and carries its full text', () => {
    expect(manifest['license']).toBe('Apache-2.0');
    const license = readFileSync('LICENSE', 'utf8');
    expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  it('runs no script when installed (npm install -g warns about install scripts), and builds before it is packed', () => {
    expect(Object.keys(manifest.scripts).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);
    expect(manifest.scripts['prepack']).toBe('npm run build');
    // npm links man pages only from a list.
    expect(manifest.man).toEqual(['./man/ktriage.1']);
    expect(readFileSync(manifest.bin['ktriage']!, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it("is imported by its name: import { analyzeText, analyzePaths } from 'ktriage'", () => {
    // Node resolves a package's own name through its `exports` from inside it, as it will from a user's project.
    const script = [
      "import { analyzeText, analyzePaths } from 'ktriage';",
      "const { result, readable } = await analyzePaths(['examples/node-2/seed-excerpt.log']);",
      "const text = analyzeText('[  10.000000] BUG: unable to handle kernel NULL pointer dereference at 0000000000000008');",
      'console.log(JSON.stringify({ readable, incidents: result.incidents.length, kind: text.incidents[0].kind }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ readable: 1, incidents: 3, kind: 'bad-access' });
  });

  it('exposes nothing but the entry point, the schema and package.json', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('ktriage/dist/src/analyzer.js')"], { encoding: 'utf8' });
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('bundles the command with its workers beside it, and imports of its own files only', () => {
    // The command is bundled (scripts/bundle-cli.mjs): a worker it starts by `new URL('./x.js', import.meta.url)` must be
    // a file of the bundle's folder, else the run silently reads on one thread; every other import is Node's or a dependency's.
    const dir = 'dist/cli';
    const code = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8'));
    const started = code.flatMap((c) => [...c.matchAll(/new URL\("\.\/([\w.-]+)", import\.meta\.url\)/g)].map((m) => m[1]!));
    expect([...new Set(started)].sort()).toEqual(['prescan-worker.js', 'shipped.json', 'xz-worker.js']);
    for (const file of started) expect(existsSync(join(dir, file))).toBe(true);
    const packages = Object.keys(manifest['dependencies'] as Record<string, string>);
    const imported = code.flatMap((c) => [...c.matchAll(/^(?:import|export)\b[^\n]*?"([^"]+)";$|\bimport\("([^"]+)"\)/gm)].map((m) => (m[1] ?? m[2])!));
    expect(imported).toContain('commander');
    const strays = imported.filter((id) => !id.startsWith('./') && !id.startsWith('node:') && !packages.some((p) => id === p || id.startsWith(`${p}/`)));
    expect(strays).toEqual([]);
  });
});
