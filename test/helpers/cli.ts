import { spawn, spawnSync } from 'node:child_process';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (npm test builds it first) as a user would. */
export function runCli(args: readonly string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], {
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI in a process of its own without blocking (for runs that overlap in time, or tests run at once). */
export function runCliAsync(args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<CliRun & { readonly signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', ...args], { env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}
