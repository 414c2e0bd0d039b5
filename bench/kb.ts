// `npm run bench:kb` (after `npm run build`): generates a kernel-like git history (default 1,000,000 commits; sizes
// as arguments: `npm run bench:kb -- 200000 1000000`) with git fast-import in a temporary folder: one commit in
// 300 quoting a kernel report, a release tag every 50,000. Runs `ktriage kb index` on it as a user would and prints
// the generation time, the index's wall and CPU time, its peak RSS and the entries found. Exit 1 when the entries
// found are not the commits planted.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { readFixIndex } from '../src/kb/index-file.js';
import { makeHistory, type HistoryPlan } from './kb-history.js';
import { measure } from './measure.js';

const QUOTE_EVERY = 300;
const TAG_EVERY = 50_000;

async function benchSize(commits: number): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'ktriage-bench-kb-'));
  try {
    const plan: HistoryPlan = { commits, quoteEvery: QUOTE_EVERY, tagEvery: TAG_EVERY };
    const started = process.hrtime.bigint();
    const planted = await makeHistory(join(dir, 'linux'), plan);
    const generated = Number(process.hrtime.bigint() - started) / 1e9;
    const output = join(dir, 'kb.jsonl');
    const run = await measure('ktriage', process.execPath, ['dist/cli/main.js', 'kb', 'index', join(dir, 'linux'), '-o', output, '-q']);
    const index = readFixIndex(output);
    const tagged = index.entries.filter((e) => e.tag !== null).length;
    const ok = index.entries.length === planted.quoting && index.end.commits === commits;
    const cpu = run.cpuSeconds === null ? '?' : run.cpuSeconds.toFixed(1);
    const rss = run.peakRssMb === null ? '?' : run.peakRssMb.toFixed(0);
    process.stdout.write(
      `| ${commits.toLocaleString('en-US')} | ${generated.toFixed(1)} | ${run.seconds.toFixed(1)} | ${cpu} | ${rss} MB | ${index.entries.length.toLocaleString('en-US')} of ${planted.quoting.toLocaleString('en-US')} | ${tagged.toLocaleString('en-US')} (${planted.tags} tags) |\n`,
    );
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  process.stdout.write(`${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n\n`);
  process.stdout.write('| commits | generate s | kb index wall s | CPU s | peak RSS | entries found of planted | with a tag |\n|---:|---:|---:|---:|---:|---:|---:|\n');
  let ok = true;
  for (const commits of sizes.length ? sizes : [1_000_000]) ok = (await benchSize(commits)) && ok;
  if (!ok) {
    process.stderr.write('bench:kb: the entries found differ from the commits planted\n');
    process.exitCode = 1;
  }
}

void main();
