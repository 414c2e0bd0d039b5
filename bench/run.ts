// `npm run bench`: generates a 100 MB and a 1 GB node log with planted reports, then runs ktriage (as a user runs
// it, and with --full, which reads every line), the grep an engineer would run by hand, and cat side by side on each
// (the median of 3 runs each, --full once); prints throughput, the ratio to grep and peak RSS, and checks that every
// planted incident was found. Exit code 1 when one was not.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../src/result/schema.js';
import { checkIncidents } from './check.js';
import { generateFile, type GenerateOptions, type GeneratedFormat, type Plan } from './generate.js';

const OUT_DIR = 'bench/out';
const TIME = '/usr/bin/time';
const GREP_PATTERN = 'x86_64|kernel: RIP:';
/** The targets of the benchmark (issue 6). */
const TARGETS = { grepRatio: 0.5, maxRssMb: 300, rssGrowth: 0.2 };

interface Measured {
  readonly tool: string;
  readonly seconds: number;
  /** User + system CPU seconds: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number | null;
  readonly peakRssMb: number | null;
  readonly stdout: string;
}

/** Runs a command (under /usr/bin/time -v when present, for the peak RSS) and times it. */
function measure(tool: string, command: string, args: readonly string[]): Promise<Measured> {
  const timed = existsSync(TIME);
  const child = spawn(timed ? TIME : command, timed ? ['-v', command, ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // grep -c exits 1 when nothing matched; anything else is a failure.
      if (code !== 0 && !(tool === 'grep' && code === 1)) return reject(new Error(`${tool} exited ${code}: ${err.slice(-2000)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const system = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : null;
      resolve({ tool, seconds, cpuSeconds, peakRssMb: rss ? Number(rss[1]) / 1024 : null, stdout: Buffer.concat(out).toString() });
    });
  });
}

/** Runs of each tool but the complete read, of which the median counts: one run on a shared machine can be off by 5 %. */
const RUNS = 3;

/** The run of median wall time of `count` runs. */
async function medianOf(count: number, run: () => Promise<Measured>): Promise<Measured> {
  const runs: Measured[] = [];
  for (let i = 0; i < count; i++) runs.push(await run());
  return runs.sort((a, b) => a.seconds - b.seconds)[count >> 1]!;
}

function optionsFor(bytes: number, format: GeneratedFormat): GenerateOptions {
  // The same incidents in every size: memory must not grow with the noise around them.
  return { bytes, format, host: 'node-7', incidents: 150, seed: 6 };
}

/** Generates the log unless the same one is already in bench/out. */
async function ensureLog(name: string, options: GenerateOptions): Promise<{ path: string; plan: Plan }> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `${name}.log`);
  const planPath = `${path}.plan.json`;
  if (existsSync(path) && existsSync(planPath)) {
    const saved = JSON.parse(readFileSync(planPath, 'utf8')) as { options: GenerateOptions; plan: Plan };
    if (JSON.stringify(saved.options) === JSON.stringify(options) && statSync(path).size === saved.plan.bytes) return { path, plan: saved.plan };
  }
  process.stderr.write(`generating ${path} (${(options.bytes / 1e6).toFixed(0)} MB)...\n`);
  const plan = await generateFile(path, options);
  writeFileSync(planPath, JSON.stringify({ options, plan }, null, 2));
  return { path, plan };
}

interface SizeResult {
  readonly name: string;
  readonly megabytes: number;
  readonly runs: { tool: string; seconds: number; mbPerSecond: number; ratioToGrep: number; cpuSeconds: number | null; peakRssMb: number | null }[];
  readonly incidentsOk: boolean;
  readonly kinds: ReturnType<typeof checkIncidents>['kinds'];
}

async function benchOne(name: string, options: GenerateOptions): Promise<SizeResult> {
  const { path, plan } = await ensureLog(name, options);
  const megabytes = plan.bytes / 1e6;
  // A first cat puts the file in the page cache, so that every tool reads it from memory alike.
  await measure('cat', 'sh', ['-c', `cat "${path}" > /dev/null`]);
  const cat = await medianOf(RUNS, () => measure('cat', 'sh', ['-c', `cat "${path}" > /dev/null`]));
  const grep = await medianOf(RUNS, () => measure('grep', 'env', ['LC_ALL=C', 'grep', '-cE', GREP_PATTERN, path]));
  const ktriage = await medianOf(RUNS, () => measure('ktriage', process.execPath, ['dist/src/cli/main.js', 'analyze', '--format', 'json', '--quiet', path]));
  // The complete read (every routine line grouped) once: on 1 GB it takes a while.
  const full = await measure('--full', process.execPath, ['dist/src/cli/main.js', 'analyze', '--full', '--format', 'json', '--quiet', path]);
  const check = checkIncidents(plan, JSON.parse(ktriage.stdout) as Result);
  const fullCheck = checkIncidents(plan, JSON.parse(full.stdout) as Result);
  const runs = [ktriage, full, grep, cat].map((m) => ({
    tool: m.tool,
    seconds: m.seconds,
    mbPerSecond: megabytes / m.seconds,
    ratioToGrep: grep.seconds / m.seconds,
    cpuSeconds: m.cpuSeconds,
    peakRssMb: m.peakRssMb,
  }));
  return { name, megabytes, runs, incidentsOk: check.ok && fullCheck.ok, kinds: check.kinds };
}

const num = (n: number | null, digits = 1) => (n === null ? 'n/a' : n.toFixed(digits));

function printSize(r: SizeResult): void {
  process.stdout.write(`\n${r.name}: ${r.megabytes.toFixed(0)} MB\n`);
  process.stdout.write(`  ${'tool'.padEnd(8)} ${'seconds'.padStart(8)} ${'MB/s'.padStart(8)} ${'x grep'.padStart(7)} ${'CPU s'.padStart(7)} ${'peak RSS MB'.padStart(12)}\n`);
  for (const run of r.runs) {
    process.stdout.write(`  ${run.tool.padEnd(8)} ${num(run.seconds, 2).padStart(8)} ${num(run.mbPerSecond, 0).padStart(8)} ${num(run.ratioToGrep, 3).padStart(7)} ${num(run.cpuSeconds, 2).padStart(7)} ${num(run.peakRssMb).padStart(12)}\n`);
  }
  for (const k of r.kinds) process.stdout.write(`  ${k.kind.padEnd(24)} planted ${String(k.planted).padStart(4)}  found ${String(k.found).padStart(4)}  ${k.checked ? (k.planted === k.found ? 'ok' : 'MISMATCH') : 'not checked (no detector yet)'}\n`);
}

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(text);
  if (!m) throw new Error(`size must look like 100M or 1G, not "${text}"`);
  return Number(m[1]) * { '': 1, K: 1e3, M: 1e6, G: 1e9 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
}

async function main(argv: readonly string[]): Promise<number> {
  const format = (argv.includes('--bundle') ? 'bundle' : 'syslog') as GeneratedFormat;
  const sizes = argv.filter((a) => !a.startsWith('--'));
  const results: SizeResult[] = [];
  for (const size of sizes.length ? sizes : ['100M', '1G']) {
    const result = await benchOne(`${format}-${size}`, optionsFor(parseSize(size), format));
    printSize(result);
    results.push(result);
  }
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} CPUs, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}`;
  process.stdout.write(`\nmachine: ${machine}\n`);
  const largest = results[results.length - 1]!;
  for (const tool of ['ktriage', '--full']) {
    const runOf = (r: SizeResult) => r.runs.find((run) => run.tool === tool)!;
    const top = runOf(largest);
    const rssValues = results.map((r) => runOf(r).peakRssMb).filter((v): v is number => v !== null);
    const growth = rssValues.length >= 2 ? rssValues[rssValues.length - 1]! / rssValues[0]! - 1 : null;
    process.stdout.write(`targets on ${largest.name}, ${tool}: throughput ${num(top.ratioToGrep, 2)}x grep (want >= ${TARGETS.grepRatio}), peak RSS ${num(top.peakRssMb)} MB (want < ${TARGETS.maxRssMb})`);
    process.stdout.write(`, RSS growth over the smallest size ${growth === null ? 'n/a' : `${(growth * 100).toFixed(0)} %`} (want <= ${TARGETS.rssGrowth * 100} %)\n`);
  }
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify({ machine, format, results, targets: TARGETS }, null, 2));
  const ok = results.every((r) => r.incidentsOk);
  process.stdout.write(ok ? 'every planted incident found\n' : 'SOME PLANTED INCIDENTS WERE NOT FOUND (or extra ones were)\n');
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
