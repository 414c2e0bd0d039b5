import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { t, type Lang } from '../i18n/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/index.js';
import type { FleetView } from '../render/fleet/index.js';
import { describeStoreError, StoreError } from '../store/errors.js';
import { describeLocation, storeLocation, type StoreLocation } from '../store/location.js';
import type { Store } from '../store/open.js';
import { parseSpan } from '../time/spans.js';
import { EXIT } from './exit-codes.js';

// The store's modules (and the native SQLite binding, pg, kysely) load only for these commands: `analyze` needs none.
const loadStore = async () => {
  const [open, ingest, query, reprocess, digest, fleet] = await Promise.all([
    import('../store/open.js'),
    import('../store/ingest.js'),
    import('../store/query.js'),
    import('../store/reprocess.js'),
    import('../store/digest.js'),
    import('../render/fleet/index.js'),
  ]);
  return { ...open, ...ingest, ...query, ...reprocess, ...digest, ...fleet };
};

interface StoreFlags {
  db?: string;
  quiet?: boolean;
}

interface ViewFlags extends StoreFlags {
  format: OutputFormat;
  output?: string;
  lang: Lang;
  limit: number;
}

const dbOption = () => new Option('--db <url>', 'the store: a SQLite file path, or postgres://user@host/db (default: $KTRIAGE_DB, else $XDG_DATA_HOME/ktriage/ktriage.db)');

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(EXIT.usage, 'ktriage.limit', `--limit must be a positive whole number, not "${value}"`);
  return n;
}

function parseSince(value: string): number {
  const ms = parseSpan(value);
  if (ms === null) throw new CommanderError(EXIT.usage, 'ktriage.since', `--since must be a span like 30m, 12h, 7d or 2w, not "${value}"`);
  return ms;
}

function viewOptions(command: Command, parseLang: (v: string) => Lang): Command {
  return command
    .addOption(dbOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--limit <n>', 'at most this many rows', parseLimit, 100)
    .addOption(new Option('--lang <lang>', 'language of the text, md and html output').env('KTRIAGE_LANG').argParser(parseLang).default('en'));
}

/** Opens the store, runs `work`, closes it; a store problem becomes one line on stderr and EXIT.database. */
async function withStore(location: StoreLocation, create: boolean, work: (store: Store, lib: Awaited<ReturnType<typeof loadStore>>) => Promise<number>): Promise<number> {
  const lib = await loadStore();
  let store: Store | null = null;
  try {
    store = await lib.Store.open(location, { create });
    return await work(store, lib);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    process.stderr.write(`ktriage: ${describeStoreError(error)}\n`);
    return EXIT.database;
  } finally {
    await store?.close();
  }
}

function emit(text: string, output: string | undefined): number {
  if (!output) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  try {
    writeFileSync(output, text);
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`ktriage: cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT.usage;
  }
}

export interface StoreCommandContext {
  readonly parseLang: (value: string) => Lang;
  /** Analyzes the paths as `analyze` does (same options, warnings on stderr). */
  readonly analyze: (paths: string[], flags: Record<string, unknown>) => Promise<{ result: import('../result/schema.js').Result; readable: number }>;
  /** Adds analyze's reading options (--year, --tz, --fast, --full) to a command. */
  readonly readingOptions: (command: Command) => Command;
}

/** `ingest`, `problems`, `problem`, `hosts`, `reprocess`: the incident store (src/store/). */
export function addStoreCommands(program: Command, ctx: StoreCommandContext): void {
  ctx
    .readingOptions(
      program
        .command('ingest')
        .description('analyze log files, directories or bundles as analyze does and keep the result in the incident store')
        .argument('<paths...>', 'log files, directories or bundles (not stdin: an input is recognized again by its bytes)')
        .addOption(dbOption())
        .option('-q, --quiet', 'no warnings and no summary line on stderr'),
    )
    .action(async (paths: string[], flags: StoreFlags & Record<string, unknown>) => {
      if (paths.includes('-')) throw new CommanderError(EXIT.usage, 'ktriage.stdin', 'ingest reads files: save standard input to a file first, so that ingesting it again is recognized');
      const location = storeLocation(flags.db);
      const { result, readable } = await ctx.analyze(paths, flags);
      if (readable === 0) {
        process.stderr.write('ktriage: no input could be read: nothing stored\n');
        process.exitCode = EXIT.noInput;
        return;
      }
      process.exitCode = await withStore(location, true, async (store, lib) => {
        const digests = await lib.digestInputs(result.inputs.map((i) => i.path));
        const summary = await lib.ingestResult(store, result, digests);
        if (!flags.quiet) {
          process.stderr.write(
            `ktriage: ${describeLocation(location)}: ${summary.inputsAdded} input(s) stored, ${summary.inputsKnown} already there; ` +
              `${summary.occurrencesAdded} occurrence(s) added, ${summary.occurrencesMerged} merged with stored copies; ${summary.problemsAdded} new problem(s)\n`,
          );
        }
        return EXIT.ok;
      });
    });

  viewOptions(program.command('problems').description('list the stored problems by impact (hosts, occurrences, last seen)'), ctx.parseLang)
    .option('--since <span>', 'only problems seen within this span before the newest stored log time (30m, 12h, 7d, 2w)', parseSince)
    .option('--host <glob>', 'only occurrences on hosts matching this glob (node-*)')
    .option('--kernel <pattern>', 'only occurrences on kernels matching this glob, or containing this text')
    .option('--kind <kind>', 'only problems of this incident kind (soft-lockup, oops...)')
    .option('--new', 'only problems first seen within the last 7 days of stored logs')
    .action(async (flags: ViewFlags & { since?: number; host?: string; kernel?: string; kind?: string; new?: boolean }) => {
      const location = storeLocation(flags.db);
      process.exitCode = await withStore(location, false, async (store, lib) => {
        const data = await lib.listProblems(store, { sinceMs: flags.since ?? null, host: flags.host, kernel: flags.kernel, kind: flags.kind, onlyNew: Boolean(flags.new), limit: flags.limit });
        return emit(lib.renderFleet({ view: 'problems', store: describeLocation(location), data }, flags.format, flags.lang), flags.output);
      });
    });

  viewOptions(program.command('problem').description('show one stored problem: hosts, kernels, occurrences, latest diagnosis').argument('<id>', 'problem number or signature (prefix)'), ctx.parseLang).action(
    async (ref: string, flags: ViewFlags) => {
      const location = storeLocation(flags.db);
      process.exitCode = await withStore(location, false, async (store, lib) => {
        const data = await lib.problemDetail(store, ref);
        if (!data) {
          process.stderr.write(`ktriage: ${t(flags.lang, 'ui.fleet.unknownProblem', { ref })}\n`);
          return EXIT.usage;
        }
        const view: FleetView = { view: 'problem', store: describeLocation(location), data };
        return emit(lib.renderFleet(view, flags.format, flags.lang), flags.output);
      });
    },
  );

  viewOptions(program.command('hosts').description('list the stored hosts with their open problems'), ctx.parseLang)
    .option('--host <glob>', 'only hosts matching this glob')
    .action(async (flags: ViewFlags & { host?: string }) => {
      const location = storeLocation(flags.db);
      process.exitCode = await withStore(location, false, async (store, lib) => {
        const data = await lib.listHosts(store, { host: flags.host, limit: flags.limit });
        return emit(lib.renderFleet({ view: 'hosts', store: describeLocation(location), data }, flags.format, flags.lang), flags.output);
      });
    });

  program
    .command('reprocess')
    .description("re-derive every stored incident's signature and problem with this ktriage (after the signature version changed)")
    .addOption(dbOption())
    .action(async (flags: StoreFlags) => {
      const location = storeLocation(flags.db);
      process.exitCode = await withStore(location, false, async (store, lib) => {
        const s = await lib.reprocessStore(store);
        process.stdout.write(`${s.occurrences} occurrence(s) re-signed with signature version ${s.signatureVersion}: ${s.resigned} changed; problems ${s.problemsBefore} -> ${s.problemsAfter}\n`);
        return EXIT.ok;
      });
    });
}
