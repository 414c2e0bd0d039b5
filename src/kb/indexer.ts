// `ktriage kb index`: reads `git log` of a kernel tree once, keeps the commits whose messages quote a kernel report
// (src/kb/extract.ts), then finds the first release tag holding each (src/kb/tags.ts) and writes the index
// (src/kb/index-file.ts). The index being written is FILE.partial, with a checkpoint line every few thousand
// commits: stopped (SIGINT), the run saves its place; `--resume` truncates the partial file after its last
// checkpoint and skips that many commits of the same history.
import { closeSync, createReadStream, existsSync, openSync, renameSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readCommitMessage } from './extract.js';
import { gitOutput, gitRecords, headCommit, KbError } from './git.js';
import { checkpointSchema, INDEX_FORMAT, INDEX_VERSION, indexHeaderSchema, jsonLine, type Checkpoint, type IndexHeader } from './index-file.js';
import { firstTags, versionTags } from './tags.js';

/** Commits between two checkpoints: what a stop loses at most is this many commits of re-reading. */
const CHECKPOINT_EVERY = 10_000;

export interface IndexRun {
  readonly repo: string;
  readonly output: string;
  readonly resume: boolean;
  /** Commits between checkpoints (default 10,000). */
  readonly checkpointEvery?: number;
}

export interface IndexOutcome {
  readonly stopped: boolean;
  readonly commits: number;
  readonly entries: number;
  /** Indexed commits that a tag holds. */
  readonly tagged: number;
  /** Commits read by an earlier, stopped run (0: started afresh). */
  readonly resumedAt: number;
}

/** What advances, for a progress bar: commits of the history, then tags walked. */
export interface IndexProgress {
  phase: 'commits' | 'tags';
  read: number;
  total: number | null;
}

interface Partial {
  readonly header: IndexHeader;
  readonly checkpoint: Checkpoint;
  readonly entries: number;
  /** Bytes up to the end of the last checkpoint line: what comes after it is read again. */
  readonly keep: number;
}

/** Reads a partial index line by line (it may hold many entries): its header and its last checkpoint. */
async function readPartial(path: string): Promise<Partial> {
  let header: IndexHeader | null = null;
  let checkpoint: Checkpoint = { commits: 0, last: null, walked: false };
  let bytes = 0;
  let keep = 0;
  let entries = 0;
  let entriesKept = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    bytes += Buffer.byteLength(line) + 1;
    if (header === null) {
      const parsed = indexHeaderSchema.safeParse(safeJson(line));
      if (!parsed.success || parsed.data.version !== INDEX_VERSION) throw new KbError(`${path}: not a partial ktriage fix index of this version; delete it to start over`);
      header = parsed.data;
      keep = bytes;
      continue;
    }
    if (line.startsWith('{"checkpoint"')) {
      const parsed = checkpointSchema.safeParse(safeJson(line));
      if (!parsed.success) break;
      checkpoint = parsed.data.checkpoint;
      keep = bytes;
      entriesKept = entries;
    } else if (line.startsWith('{"commit"')) entries++;
  }
  if (header === null) throw new KbError(`${path}: empty; delete it to start over`);
  return { header, checkpoint, entries: entriesKept, keep };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** The commits a partial index holds (their tags are to be found). */
async function entryCommits(path: string): Promise<Set<string>> {
  const commits = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (line.startsWith('{"commit":"')) commits.add(line.slice(11, line.indexOf('"', 11)));
  }
  return commits;
}

/** Writes the index: the partial file's header and entries, each with its tag, then the end line. */
async function writeIndex(partial: string, output: string, tags: ReadonlyMap<string, string>, end: { commits: number; entries: number; tags: number }): Promise<void> {
  const temporary = `${output}.tmp`;
  const fd = openSync(temporary, 'w');
  let buffered = '';
  const flush = () => {
    writeSync(fd, buffered);
    buffered = '';
  };
  try {
    let first = true;
    for await (const line of createInterface({ input: createReadStream(partial, 'utf8'), crlfDelay: Infinity })) {
      if (first) buffered += `${line}\n`;
      else if (line.startsWith('{"commit"')) {
        const entry = JSON.parse(line) as { commit: string; tag: string | null };
        buffered += jsonLine({ ...entry, tag: tags.get(entry.commit) ?? null });
      }
      first = false;
      if (buffered.length > 1 << 20) flush();
    }
    buffered += jsonLine({ end });
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, output);
  unlinkSync(partial);
}

export class KbIndexer {
  readonly progress: IndexProgress = { phase: 'commits', read: 0, total: null };
  private stopRequested = false;
  private current: { stop(): void } | null = null;

  constructor(private readonly run: IndexRun) {}

  /** Stops the walk (SIGINT): the run saves its place and resolves with `stopped`. */
  stop(): void {
    this.stopRequested = true;
    this.current?.stop();
  }

  async index(): Promise<IndexOutcome> {
    const { repo, output } = this.run;
    const partialPath = `${output}.partial`;
    let start: Partial;
    if (existsSync(partialPath) && this.run.resume) {
      start = await readPartial(partialPath);
      this.checkResumable(start);
      truncateSync(partialPath, start.keep);
    } else {
      if (existsSync(partialPath)) throw new KbError(`${partialPath} holds the index of a stopped run: --resume continues it; delete it to start over`);
      const header: IndexHeader = { format: INDEX_FORMAT, version: INDEX_VERSION, repo, head: headCommit(repo) };
      writeFileSync(partialPath, jsonLine(header));
      start = { header, checkpoint: { commits: 0, last: null, walked: false }, entries: 0, keep: 0 };
    }
    const walked = start.checkpoint.walked ? { ...start.checkpoint, entries: start.entries, stopped: false } : await this.walk(partialPath, start);
    const base = { commits: walked.commits, entries: walked.entries, resumedAt: start.checkpoint.commits };
    if (walked.stopped) return { ...base, stopped: true, tagged: 0 };
    const tags = await this.tags(partialPath);
    if (tags === null) return { ...base, stopped: true, tagged: 0 };
    await writeIndex(partialPath, output, tags, { commits: walked.commits, entries: walked.entries, tags: tags.size });
    return { ...base, stopped: false, tagged: tags.size };
  }

  /** A partial index continues only on the history it was started on, at the commit it stopped after. */
  private checkResumable(p: Partial): void {
    const { repo } = this.run;
    const { commits, last } = p.checkpoint;
    if (commits === 0 || p.checkpoint.walked) return;
    let at: string;
    try {
      at = gitOutput(repo, ['rev-list', `--skip=${commits - 1}`, '--max-count=1', p.header.head]).trim();
    } catch {
      throw new KbError(`${repo} does not hold commit ${p.header.head}, where the partial index was started: delete ${this.run.output}.partial to start over`);
    }
    if (at !== last) throw new KbError(`the partial index stopped after commit ${last}, but commit ${commits} of ${repo}'s history is ${at}: delete ${this.run.output}.partial to start over`);
  }

  private async walk(partialPath: string, start: Partial): Promise<Checkpoint & { entries: number; stopped: boolean }> {
    const { repo } = this.run;
    const head = start.header.head;
    let commits = start.checkpoint.commits;
    let last = start.checkpoint.last;
    let entries = start.entries;
    let pending = '';
    const fd = openSync(partialPath, 'a');
    const checkpoint = (walked: boolean) => {
      writeSync(fd, `${pending}${jsonLine({ checkpoint: { commits, last, walked } })}`);
      pending = '';
    };
    this.progress.phase = 'commits';
    this.progress.read = commits;
    // The total comes from a second, cheaper walk; the bar shows a count until it is known.
    const counter = gitRecords(repo, ['rev-list', '--count', head], 0x0a, (n) => {
      this.progress.total = Number(n);
    });
    counter.done.catch(() => undefined);
    const stream = gitRecords(repo, ['log', '-z', '--format=%H%n%B', `--skip=${commits}`, head], 0, (record) => {
      const newline = record.indexOf('\n');
      const commit = newline < 0 ? record : record.slice(0, newline);
      const facts = newline < 0 ? null : readCommitMessage(record.slice(newline + 1));
      if (facts) {
        pending += jsonLine({ commit, ...facts, tag: null });
        entries++;
      }
      commits++;
      last = commit;
      this.progress.read = commits;
      if (commits % (this.run.checkpointEvery ?? CHECKPOINT_EVERY) === 0) checkpoint(false);
    });
    this.current = stream;
    try {
      if (this.stopRequested) stream.stop();
      const how = await stream.done;
      checkpoint(how === 'complete');
      return { commits, last, walked: how === 'complete', entries, stopped: how === 'stopped' };
    } finally {
      counter.stop();
      closeSync(fd);
      this.current = null;
    }
  }

  private async tags(partialPath: string): Promise<Map<string, string> | null> {
    const tags = versionTags(this.run.repo);
    this.progress.phase = 'tags';
    this.progress.read = 0;
    this.progress.total = tags.length;
    const walk = firstTags(this.run.repo, tags, await entryCommits(partialPath), (n) => {
      this.progress.read = n;
    });
    this.current = walk;
    if (this.stopRequested) walk.stop();
    const found = await walk.done;
    this.current = null;
    return found;
  }
}
