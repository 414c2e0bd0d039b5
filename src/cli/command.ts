import { closeSync, openSync, writeFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from 'commander';
import { parseTimeBound, type TimeBound } from '../analysis/filter.js';
import { severityOf } from '../analysis/findings.js';
import { colorWanted, type ColorWhen } from './color.js';
import { completionScript, SHELLS, type Shell } from './completion.js';
import { helpFooter, manPage } from './help.js';
import { render, OUTPUT_FORMATS, type OutputFormat } from '../render/index.js';
import { visible } from '../render/visible.js';
import type { Result } from '../result/schema.js';
import { analyzePaths, describeReadError, type RunOptions, type RunOutcome } from '../run.js';
import { TOOL_VERSION } from '../version.js';
import { EXIT } from './exit-codes.js';
import type { AsmSyntax } from '../machine/x86-decode.js';
import { openReport } from './open.js';
import { addStoreCommands } from './store.js';
import { addKbCommands } from './kb.js';
import { progressWanted, startProgress } from './progress.js';
import { isLang, LANGS, sayReason, type Lang } from '../i18n/index.js';
import { ReadMeter } from '../sources/meter.js';
import { outputClash } from '../sources/collect.js';
import { normaliseZone } from '../time/clock.js';
import { capYoungGeneration, limitHeapGrowth } from './heap.js';
import { FAST_FROM_BYTES } from './early-scan.js';

type Severity = 'critical' | 'warning';

interface AnalyzeFlags {
  format: OutputFormat;
  output?: string;
  each?: boolean;
  year?: number;
  tz?: string;
  /** `--no-color` gives false. */
  color: ColorWhen | false;
  strict?: boolean;
  failOn?: Severity;
  since?: TimeBound;
  until?: TimeBound;
  host: string[];
  quiet?: boolean;
  dis: string[];
  symbols?: string;
  vmlinux?: string;
  src?: string;
  syntax: AsmSyntax;
  open?: boolean;
  lang: Lang;
  fast?: boolean;
  full?: boolean;
  mdLimit?: number;
  kb: string[];
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1970 || year > 2200) throw new CommanderError(EXIT.usage, 'ktriage.year', `--year must be a year like 2022, not "${value}"`);
  return year;
}

function parseZone(value: string): string {
  const zone = normaliseZone(value);
  if (!zone) throw new CommanderError(EXIT.usage, 'ktriage.tz', `--tz must be an offset from UTC like +08:00, between -14:00 and +14:00, not "${value}"`);
  return zone;
}

function parseMdLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1000) throw new CommanderError(EXIT.usage, 'ktriage.mdLimit', `--md-limit must be a whole number of characters, at least 1000, not "${value}"`);
  return limit;
}

function parseLang(value: string): Lang {
  if (!isLang(value)) throw new CommanderError(EXIT.usage, 'ktriage.lang', `--lang must be one of ${LANGS.join(', ')}, not "${value}"`);
  return value;
}

function parseTime(option: string) {
  return (value: string): TimeBound => {
    const bound = parseTimeBound(value);
    if (!bound) throw new CommanderError(EXIT.usage, 'ktriage.time', `${option} must be a time like 2022-11-12T10:15, 2022-11-12 10:15:00+08:00 or 2022-11-12, or a duration before the end of the logs like 90s, 30m, 2h, 7d, 1h30m; not "${value}"`);
    return bound;
  };
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { warning: 1, critical: 2 };

function exitCodeOf(outcomes: readonly RunOutcome[], flags: AnalyzeFlags): number {
  if (outcomes.every((o) => o.readable === 0)) return EXIT.noInput;
  const failOn = flags.failOn;
  if (failOn && outcomes.some((o) => o.result.incidents.some((i) => SEVERITY_RANK[severityOf(i)] >= SEVERITY_RANK[failOn]))) return EXIT.failOn;
  if (flags.strict && outcomes.some((o) => o.result.warnings.length > 0 || o.result.errors.length > 0)) return EXIT.strictWarnings;
  return EXIT.ok;
}

/** One line on stderr; what it says may quote a log or name an archive's member, so it is made visible first. */
function tell(message: string): void {
  process.stderr.write(`ktriage: ${visible(message)}\n`);
}

/** One line per warning on stderr, so that a pipe of the JSON still tells the user what went wrong. */
function reportWarnings(result: Result, quiet: boolean): void {
  if (quiet) return;
  for (const w of result.warnings) tell(`${w.path ? `${w.path}: ` : ''}${w.message}`);
  for (const e of result.errors) tell(`error in ${e.where}: ${e.message}`);
}

/** Writes the report to `path`: null when done, else the exit code (a file that cannot be opened is a usage error). */
function writeReport(path: string, text: string): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    tell(`cannot write ${path}: ${sayReason('en', describeReadError(error))}`);
    return EXIT.usage;
  }
  try {
    writeFileSync(fd, text);
    return null;
  } catch (error) {
    tell(`cannot write ${path}: ${describeWriteError(error)}`);
    return EXIT.writeFailed;
  } finally {
    closeSync(fd);
  }
}

/** A failed write in words, with its code: `no space left on device (ENOSPC)`. */
function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const words: Readonly<Record<string, string>> = { ENOSPC: 'no space left on device', EDQUOT: 'disk quota exceeded', EIO: 'input/output error', EFBIG: 'file too large', EPIPE: 'the reader closed the pipe' };
  return e.code ? `${words[e.code] ?? e.message.replace(/^\w+: /, '')} (${e.code})` : String(error);
}

type ReadingFlags = Pick<AnalyzeFlags, 'year' | 'tz' | 'fast' | 'full'>;

/** The run options of the reading flags shared by analyze and ingest. */
function readingRunOptions(flags: ReadingFlags): RunOptions {
  if (flags.full && flags.fast) throw new CommanderError(EXIT.usage, 'ktriage.readMode', '--fast and --full cannot be given together');
  return { year: flags.year, assumedZone: flags.tz ?? null, skipRoutineLines: flags.full ? false : flags.fast ? true : undefined, fastFromBytes: FAST_FROM_BYTES };
}

/** Analyzes one group of paths with a progress bar on a terminal and the warnings on stderr. */
async function analyzeWithProgress(paths: string[], options: RunOptions, quiet: boolean): Promise<RunOutcome> {
  if (options.skipRoutineLines !== false) capYoungGeneration();
  const meter = new ReadMeter();
  const progress = progressWanted(process.stderr, quiet) ? startProgress(meter, process.stderr) : null;
  const outcome = await analyzePaths(paths, { ...options, meter }).finally(() => progress?.stop());
  reportWarnings(outcome.result, quiet);
  return outcome;
}

/** --year, --tz, --fast and --full: how the logs are read, for analyze and ingest. */
function readingOptions(command: Command): Command {
  return command
    .option('--year <year>', 'year of syslog lines that carry none (default: from the file date)', parseYear)
    .option('--tz <offset>', 'time zone of log times that carry none, e.g. +08:00', parseZone)
    .option('--fast', 'pass over routine lines unread whatever the size (the default from 64 MiB of input): the same reports and notable events, routine messages grouped only around reports')
    .option('--full', 'read and group every line, however large the input (2 to 10 times slower on gigabyte logs)');
}

async function analyzeCommand(paths: string[], flags: AnalyzeFlags): Promise<number> {
  // An HTML report is one page: pages glued together would not be a valid document.
  if (flags.each && flags.format === 'html' && paths.length > 1) throw new CommanderError(EXIT.usage, 'ktriage.each', '--each with --format html would glue several pages into one file: run ktriage once per input');
  const machineFiles = { dis: flags.dis, symbols: flags.symbols, vmlinux: flags.vmlinux, src: flags.src, syntax: flags.syntax };
  const filter = flags.since || flags.until || flags.host.length > 0 ? { since: flags.since, until: flags.until, hosts: flags.host } : undefined;
  const options = { ...readingRunOptions(flags), machineFiles, filter, kbFiles: flags.kb };
  const clash = flags.output ? await outputClash(flags.output, paths) : null;
  if (clash) throw new CommanderError(EXIT.usage, 'ktriage.output', `-o ${flags.output}: ${clash}; choose another output path`);
  const groups = flags.each ? paths.map((p) => [p]) : [paths];
  const outcomes: RunOutcome[] = [];
  const chunks: string[] = [];
  const color = colorWanted(flags.color || 'never', process.env, Boolean(process.stdout.isTTY), Boolean(flags.output));
  for (const group of groups) {
    const outcome = await analyzeWithProgress(group, options, Boolean(flags.quiet));
    outcomes.push(outcome);
    // Nothing read, nothing to report: the messages on stderr say why, and no verdict stands for an empty input.
    // JSON lines of --each keep one document per input (its warnings say why), so that line N is input N.
    if (outcome.readable > 0 || (flags.each && flags.format === 'json')) chunks.push(render(outcome.result, flags.format, { color, compactJson: Boolean(flags.each), lang: flags.lang, mdLimit: flags.mdLimit }));
  }
  const text = chunks.join(flags.format === 'json' && flags.each ? '' : '\n');
  if (chunks.length === 0) {
    if (flags.open) tell('nothing could be read: no report to open');
  } else if (flags.output) {
    const failed = writeReport(flags.output, text);
    if (failed !== null) return failed;
  } else process.stdout.write(text);
  if (flags.open && chunks.length > 0) tell(flags.output ? openReport(flags.output) : '--open needs -o FILE: the report went to stdout');
  return exitCodeOf(outcomes, flags);
}

export function buildProgram(): Command {
  const program = new Command('ktriage')
    .description("Diagnose Linux kernel incidents from a node's logs")
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', helpFooter());
  readingOptions(
    program
      .command('analyze', { isDefault: true })
      .description('analyze log files, directories, bundles or - (stdin); the default command: `ktriage PATH...` is `ktriage analyze PATH...`')
      .addHelpText('after', helpFooter())
      .argument('<paths...>', 'log files, directories, or - for stdin')
      .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
      .option('-o, --output <file>', 'write the report to this file instead of stdout')
      .option('--each', 'analyze every path on its own (with --format json: one JSON document per line)'),
  )
    .option('--md-limit <chars>', 'most characters of the --format md report (default 60000, under GitHub\'s 65,536; 32767 for Jira)', parseMdLimit)
    .addOption(new Option('--color <when>', 'colours in the text report (auto: on a terminal only, NO_COLOR and FORCE_COLOR respected)').choices(['auto', 'always', 'never']).default('auto'))
    .option('--no-color', 'same as --color never')
    .option('--strict', `exit ${EXIT.strictWarnings} when any warning was raised`)
    .addOption(new Option('--fail-on <severity>', `exit ${EXIT.failOn} when an incident of this severity or worse is found (warning: any incident)`).choices(['critical', 'warning']))
    .option('--since <time>', 'only incidents and events from this time on: 2022-11-12T10:15[:00][+08:00] (zone: the log\'s, or --tz), or a duration before the end of the logs: 90s, 30m, 2h, 7d', parseTime('--since'))
    .option('--until <time>', 'only incidents and events up to this time, written as for --since (a duration: that long before the end of the logs)', parseTime('--until'))
    .option('--host <glob>', 'only incidents and events of hosts matching this glob (*, ?, [...]; repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('-q, --quiet', 'no warnings and no progress bar on stderr')
    .option('--dis <file>', 'disassembly to map the samples on: `crash> dis [-l]` or `objdump -d[l]` output, whole functions or fragments (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--kb <file>', 'a fix index made by `ktriage kb index LINUX_GIT_DIR`: name the fix commits whose messages quote the same report (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--symbols <file>', 'System.map or /proc/kallsyms of the kernel, to symbolize raw addresses')
    .option('--vmlinux <file>', 'vmlinux with symbols (and debug info, for file:line with addr2line or llvm-symbolizer)')
    .option('--src <dir>', 'kernel source tree: show the source lines of the mapped addresses and the loop')
    .addOption(new Option('--syntax <syntax>', 'assembly syntax of decoded instructions').choices(['att', 'intel']).default('att'))
    .option('--open', 'open the report written with -o in the default viewer (xdg-open or open), e.g. with --format html')
    .addOption(new Option('--lang <lang>', `language of the text, md and html reports (${LANGS.join(', ')}); json stays English`).env('KTRIAGE_LANG').argParser(parseLang).default('en'))
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      process.exitCode = await analyzeCommand(paths, flags);
    });
  addStoreCommands(program, {
    parseLang,
    readingOptions,
    analyze: (paths, flags) => analyzeWithProgress(paths, readingRunOptions(flags as ReadingFlags), Boolean(flags['quiet'])),
  });
  addKbCommands(program);
  program
    .command('eval')
    .description('score the analyzer on the syzkaller crash-report corpus (per category: detection, kind, culprit)')
    .option('--corpus <dir>', 'corpus directory with index.json', '../shared/corpus/syzkaller-linux')
    .option('--misses', 'list the cases where we disagree with the corpus')
    .option('--category <name>', 'only the cases of this corpus category')
    .action(async (flags: { corpus: string; misses?: boolean; category?: string }) => {
      // (loaded only for this command, like the schema's: the analysis starts without them)
      const [{ evaluateCorpus }, { formatEvaluation }] = await Promise.all([import('../eval/corpus.js'), import('../eval/table.js')]);
      const evaluation = evaluateCorpus(flags.corpus, { category: flags.category });
      process.stdout.write(formatEvaluation(evaluation, { misses: Boolean(flags.misses) }));
    });
  program
    .command('completion')
    .description('print a shell completion script (bash or zsh)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(SHELLS))
    .action((shell: Shell) => {
      process.stdout.write(completionScript(program, shell));
    });
  program
    .command('man', { hidden: true })
    .description('print the man page (npm run man writes it to man/ktriage.1)')
    .action(() => {
      process.stdout.write(manPage(program, TOOL_VERSION));
    });
  program
    .command('schema')
    .description('print the JSON Schema of the --format json document')
    .action(async () => {
      // (zod is loaded only here: reading logs needs no schema)
      const { resultJsonSchema } = await import('../result/json-schema.js');
      process.stdout.write(`${JSON.stringify(resultJsonSchema(), null, 2)}\n`);
    });
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      if (error.code.startsWith('ktriage.')) tell(error.message);
      return EXIT.usage;
    }
    // (a stack is lines of its own: each is made visible, the breaks between them kept)
    process.stderr.write(`ktriage: internal error: ${(error instanceof Error ? (error.stack ?? error.message) : String(error)).split('\n').map((l) => visible(l)).join('\n')}\n`);
    return EXIT.internal;
  }
}

/** Runs the command this process was started with (see main.ts), its exit code set when it is done. */
export async function runCommand(): Promise<void> {
  // A reader that stops early (`ktriage analyze ... | head`) is not an error: stop quietly. Any other failed write of
  // the report (a full disk) is one line and its own exit code, not a stack.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    tell(`cannot write the report to standard output: ${describeWriteError(error)}`);
    process.exit(EXIT.writeFailed);
  });
  limitHeapGrowth();
  process.exitCode = await main(process.argv);
}
