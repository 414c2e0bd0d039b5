// The fix index `ktriage kb index` writes and `ktriage analyze --kb FILE` reads (docs/kb-index.md): JSON Lines,
// a header line, one line per commit whose message quotes a kernel report, and an end line with the counts. The
// index being written (FILE.partial) has the same header and entries, with checkpoint lines between them.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const INDEX_FORMAT = 'ktriage-fix-index';
/** Bumped when a field changes meaning or goes; an older ktriage refuses a newer index by this number. */
export const INDEX_VERSION = 1;

const text = z.string();

export const indexHeaderSchema = z.strictObject({
  format: z.literal(INDEX_FORMAT),
  version: z.number().int(),
  /** The repository indexed (as given) and the commit the walk started from. */
  repo: text,
  head: z.string().regex(/^[0-9a-f]{40,64}$/),
});

export const quotedReportSchema = z.strictObject({
  title: text.nullable(),
  kind: text.nullable(),
  culprit: text.nullable(),
  frames: z.array(text),
  signature: text.nullable(),
});

export const fixEntrySchema = z.strictObject({
  commit: z.string().regex(/^[0-9a-f]{40,64}$/),
  subject: text,
  reports: z.array(quotedReportSchema).min(1),
  fixes: z.array(z.strictObject({ commit: text, subject: text.nullable() })),
  reportedBy: z.array(text),
  closes: z.array(text),
  links: z.array(text),
  /** The first release tag (in version order) whose history holds the commit; null: no tag holds it yet. */
  tag: text.nullable(),
});

export const checkpointSchema = z.strictObject({
  checkpoint: z.strictObject({
    /** Commits of `git log HEAD` read so far, and the last of them. */
    commits: z.number().int().nonnegative(),
    last: text.nullable(),
    /** The whole history has been read: only the tags are left to find. */
    walked: z.boolean(),
  }),
});

export const endSchema = z.strictObject({ end: z.strictObject({ commits: z.number().int().nonnegative(), entries: z.number().int().nonnegative(), tags: z.number().int().nonnegative() }) });

export type IndexHeader = z.infer<typeof indexHeaderSchema>;
export type FixEntry = z.infer<typeof fixEntrySchema>;
export type Checkpoint = z.infer<typeof checkpointSchema>['checkpoint'];
export type IndexEnd = z.infer<typeof endSchema>['end'];

export interface FixIndex {
  readonly path: string;
  readonly header: IndexHeader;
  readonly entries: readonly FixEntry[];
  readonly end: IndexEnd;
}

export const jsonLine = (value: unknown) => `${JSON.stringify(value)}\n`;

function parseLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`line ${n} is not JSON (a cut-off file?)`);
  }
}

function issue(error: z.ZodError): string {
  const first = error.issues[0]!;
  return `${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`;
}

/** Reads and checks an index; throws an Error saying what is wrong with it (the caller names the file). */
export function readFixIndex(path: string): FixIndex {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const first = parseLine(lines[0] ?? '', 1) as { format?: unknown; version?: unknown };
  if (first?.format !== INDEX_FORMAT) throw new Error('not a ktriage fix index (no ktriage-fix-index header line); make one with `ktriage kb index LINUX_GIT_DIR -o FILE`');
  if (first.version !== INDEX_VERSION) throw new Error(`fix index version ${String(first.version)}; this ktriage reads version ${INDEX_VERSION}: index the tree again`);
  const header = indexHeaderSchema.safeParse(first);
  if (!header.success) throw new Error(`line 1: ${issue(header.error)}`);
  const last = endSchema.safeParse(lines.length > 1 ? parseLine(lines[lines.length - 1]!, lines.length) : null);
  if (!last.success) throw new Error('no end line: the index was not finished (`ktriage kb index ... --resume` finishes it)');
  const entries = lines.slice(1, -1).map((line, i) => {
    const entry = fixEntrySchema.safeParse(parseLine(line, i + 2));
    if (!entry.success) throw new Error(`line ${i + 2}: ${issue(entry.error)}`);
    return entry.data;
  });
  if (entries.length !== last.data.end.entries) throw new Error(`the end line counts ${last.data.end.entries} entries, the file holds ${entries.length}`);
  return { path, header: header.data, entries, end: last.data.end };
}
