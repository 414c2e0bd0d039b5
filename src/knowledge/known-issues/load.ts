// Reads the known-issue entries: one YAML file each. A file that does not parse or fit the schema is a problem
// naming it; the other entries are still used.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UnsaidWarning } from '../../result/warnings.js';
import { knownIssueSchema, type KnownIssue } from './schema.js';

/** A file or folder that gave no entry: a run warning naming it. */
export type LoadProblem = UnsaidWarning & { readonly path: string };

export interface KnownIssues {
  readonly entries: readonly KnownIssue[];
  readonly problems: readonly LoadProblem[];
}

const FOLDER = join('knowledge', 'known-issues');

/** The shipped folder, beside the package.json found upward from this module (src/ under vitest, dist/src/ once built). */
export function shippedFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`${FOLDER} not found above ${dirname(fileURLToPath(import.meta.url))}`);
    dir = up;
  }
  return join(dir, FOLDER);
}

type ParseYaml = (text: string) => unknown;
let parseYaml: ParseYaml | null = null;

/** Why a file is not an entry: not YAML at all, or YAML the entry schema refuses; `detail` is the parser's or the schema's words. */
export interface EntryError {
  readonly problem: 'not-yaml' | 'not-entry';
  readonly detail: string;
}

/** One entry from its YAML text, or why it is not one (the first few schema complaints, with their field paths). */
export function parseEntry(text: string): { entry: KnownIssue } | { error: EntryError } {
  parseYaml ??= (createRequire(import.meta.url)('yaml') as { parse: ParseYaml }).parse;
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { error: { problem: 'not-yaml', detail: (error as Error).message.split('\n')[0]! } };
  }
  const parsed = knownIssueSchema().safeParse(data);
  if (parsed.success) return { entry: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`);
  return { error: { problem: 'not-entry', detail: issues.join('; ') } };
}

/** Every `*.yaml` of a folder, sorted by name; ids must be unique and match the file name. */
export function loadKnownIssues(folder: string): KnownIssues {
  const entries: KnownIssue[] = [];
  const problems: LoadProblem[] = [];
  const shown = (file: string) => relative(process.cwd(), join(folder, file)) || file;
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort();
  } catch (error) {
    return { entries, problems: [{ path: folder, code: 'known-issues-unreadable', params: { errno: (error as NodeJS.ErrnoException).code ?? (error as Error).message } }] };
  }
  for (const file of files) {
    const parsed = parseEntry(readFileSync(join(folder, file), 'utf8'));
    if ('error' in parsed) problems.push({ path: shown(file), code: 'known-issue-invalid', params: { ...parsed.error } });
    else if (`${parsed.entry.id}.yaml` !== file) problems.push({ path: shown(file), code: 'known-issue-id-mismatch', params: { id: parsed.entry.id } });
    else entries.push(parsed.entry);
  }
  return { entries, problems };
}

let shipped: KnownIssues | null = null;

/**
 * The shipped entries as JSON, written beside the built module by `npm run build` (writeShippedSnapshot): parsing the
 * YAML files and checking them takes about 0.3 s of every run with an incident, JSON.parse of the same entries 10 ms.
 */
const SNAPSHOT = new URL('./shipped.json', import.meta.url);

/** Writes the snapshot of the shipped entries, or removes it when one of them has a problem (then each run reads the YAML and says which). */
export function writeShippedSnapshot(): void {
  const loaded = loadKnownIssues(shippedFolder());
  if (loaded.problems.length > 0) rmSync(SNAPSHOT, { force: true });
  else writeFileSync(SNAPSHOT, JSON.stringify(loaded.entries));
}

/** The entries shipped with ktriage, read once per process: from the built snapshot, else (running from the sources) from the YAML files. */
export function shippedKnownIssues(): KnownIssues {
  shipped ??= existsSync(SNAPSHOT) ? { entries: JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as KnownIssue[], problems: [] } : loadKnownIssues(shippedFolder());
  return shipped;
}
