// Bundles the built command (dist/src, from tsc) into dist/cli/, the `ktriage` the package installs: a module graph of
// some 180 files cost every run about 0.09 s of resolving, reading and linking before any work (`--version` 0.29 against
// 0.14-0.21 s; a 1 MB log 0.66 against 0.57 s). The scan and xz workers are entries of their own in the same folder, where the
// code that starts them looks for them (new URL('./prescan-worker.js', import.meta.url)); what only some runs need
// (renderers of one format, the store, the decoders) stays in chunks loaded when asked for. Packages stay outside: they
// are resolved from node_modules as before. The library (dist/src/index.js) is not bundled: its users bundle it their way.
import { chmodSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { rolldown } from 'rolldown';

const FROM = 'dist/src';
const TO = 'dist/cli';
const ENTRIES = { main: `${FROM}/cli/main.js`, 'prescan-worker': `${FROM}/sources/prescan-worker.js`, 'xz-worker': `${FROM}/sources/xz-worker.js` };

const builtins = new Set(builtinModules);
const packages = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies);
// Node's modules and the packages ktriage depends on (and their files: `pkg/sub`); what the bundler adds of its own is bundled.
const isExternal = (id) => id.startsWith('node:') || builtins.has(id) || packages.some((p) => id === p || id.startsWith(`${p}/`));

rmSync(TO, { recursive: true, force: true });
const bundle = await rolldown({ input: ENTRIES, platform: 'node', external: isExternal, transform: { target: 'node20' }, logLevel: 'warn' });
await bundle.write({ dir: TO, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js' });
await bundle.close();
// The shipped known issues' snapshot is read beside the module that reads it (see src/knowledge/known-issues/load.ts).
copyFileSync(`${FROM}/knowledge/known-issues/shipped.json`, `${TO}/shipped.json`);
chmodSync(`${TO}/main.js`, 0o755);
