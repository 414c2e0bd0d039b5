// `ktriage kb index LINUX_GIT_DIR`: the fix index of a kernel tree, for `ktriage analyze --kb FILE`.
import type { Command } from 'commander';
import { visible } from '../render/visible.js';
import { EXIT } from './exit-codes.js';
import { progressWanted, startProgress } from './progress.js';

interface IndexFlags {
  output: string;
  resume?: boolean;
  quiet?: boolean;
}

const tell = (message: string) => process.stderr.write(`ktriage: ${visible(message)}\n`);

async function indexCommand(repo: string, flags: IndexFlags): Promise<number> {
  // (loaded only for this command: zod and the indexer are not needed to analyze logs)
  const [{ KbIndexer }, { KbError }] = await Promise.all([import('../kb/indexer.js'), import('../kb/git.js')]);
  const indexer = new KbIndexer({ repo, output: flags.output, resume: Boolean(flags.resume) });
  const wanted = progressWanted(process.stderr, Boolean(flags.quiet));
  let bar: { stop(): void } | null = null;
  let phase = indexer.progress.phase;
  const draw = () => (wanted ? startProgress(indexer.progress, process.stderr, Date.now, indexer.progress.phase) : null);
  bar = draw();
  // The bar is redrawn with the unit of the phase (commits, then tags).
  const phaseWatch = setInterval(() => {
    if (indexer.progress.phase === phase) return;
    phase = indexer.progress.phase;
    bar?.stop();
    bar = draw();
  }, 200);
  phaseWatch.unref();
  let interrupted = false;
  // The first Ctrl-C stops the walk and saves its place; a second one does not wait for that.
  const onInterrupt = () => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    indexer.stop();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const outcome = await indexer.index();
    bar?.stop();
    const from = outcome.resumedAt > 0 ? ` (resumed after ${outcome.resumedAt})` : '';
    if (outcome.stopped) {
      tell(`stopped after ${outcome.commits} commits${from}, ${outcome.entries} quoting a report; saved in ${flags.output}.partial: run again with --resume to continue`);
      return EXIT.interrupted;
    }
    if (!flags.quiet) tell(`${flags.output}: ${outcome.entries} commits quoting a kernel report, of ${outcome.commits} read${from}; ${outcome.tagged} of them in a release tag`);
    return EXIT.ok;
  } catch (error) {
    bar?.stop();
    const code = (error as NodeJS.ErrnoException).code;
    // The index or its partial file cannot be written or read (a missing folder, a full disk).
    if (code && typeof code === 'string' && (error as NodeJS.ErrnoException).syscall) {
      tell(`cannot write the index ${flags.output}: ${(error as Error).message}`);
      return EXIT.writeFailed;
    }
    if (!(error instanceof KbError)) throw error;
    tell(error.message);
    return EXIT.noInput;
  } finally {
    clearInterval(phaseWatch);
    process.off('SIGINT', onInterrupt);
  }
}

export function addKbCommands(program: Command): void {
  const kb = program.command('kb').description('knowledge from a kernel tree: index the fix commits that quote kernel reports');
  kb.command('index')
    .description('index a local kernel git clone: commits whose messages quote a report (BUG:, WARNING:, INFO:, Call Trace:), their Fixes:, Reported-by:, Closes: and Link: trailers, and the first release tag holding each; for analyze --kb FILE')
    .argument('<linux-git-dir>', 'a local clone of a kernel tree (upstream, stable or a distribution\'s)')
    .option('-o, --output <file>', 'the index to write (JSON Lines, docs/kb-index.md)', 'ktriage-kb.jsonl')
    .option('--resume', 'continue a run stopped with Ctrl-C from FILE.partial')
    .option('-q, --quiet', 'no progress bar and no summary on stderr')
    .action(async (repo: string, flags: IndexFlags) => {
      process.exitCode = await indexCommand(repo, flags);
    });
}
