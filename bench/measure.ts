// Runs a benchmarked command as a user would, timed, under /usr/bin/time -v when present (peak RSS, CPU seconds).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const TIME = '/usr/bin/time';

export interface Measured {
  readonly tool: string;
  readonly seconds: number;
  /** User + system CPU seconds: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number | null;
  readonly peakRssMb: number | null;
  readonly stdout: string;
}

/** Runs a command (under /usr/bin/time -v when present, for the peak RSS) and times it. */
export function measure(tool: string, command: string, args: readonly string[]): Promise<Measured> {
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
