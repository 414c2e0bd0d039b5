// Running git for `ktriage kb index`: no shell, arguments as an array, output read as a stream of records so that
// a history of a million commits never sits in memory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** A problem of the repository or of git, said in one line that names the directory. */
export class KbError extends Error {}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/** Runs a short git command to its end; its output, or a KbError naming the repository. */
export function gitOutput(repo: string, args: readonly string[]): string {
  const r = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new KbError((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (needed to index a kernel tree)' : `cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new KbError(`${repo}: git ${args[0]} failed: ${lastLine(r.stderr) || `exit ${r.status}`}`);
  return r.stdout;
}

/** The commit HEAD names; a KbError when the directory is no git repository or has no commit. */
export function headCommit(repo: string): string {
  const r = spawnSync('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { encoding: 'utf8' });
  if (r.error) throw new KbError((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (needed to index a kernel tree)' : `cannot run git: ${r.error.message}`);
  if (r.status === 0) return r.stdout.trim();
  const inside = spawnSync('git', ['-C', repo, 'rev-parse', '--git-dir'], { encoding: 'utf8' });
  throw new KbError(inside.status === 0 ? `${repo}: the git repository has no commit` : `${repo}: not a git repository (${lastLine(inside.stderr) || 'git rev-parse failed'})`);
}

export interface RecordStream {
  /** Resolves when git has ended: `complete` (exit 0), or `stopped` (stop() was called); rejects with a KbError. */
  readonly done: Promise<'complete' | 'stopped'>;
  stop(): void;
}

/**
 * Runs git and hands over its output one record at a time, records ending at `separator` (a byte). Only the
 * record being read is held. The last record needs no separator (`git log -z` puts one between records only).
 */
export function gitRecords(repo: string, args: readonly string[], separator: number, onRecord: (record: string) => void, input?: string): RecordStream {
  // Its own process group: a Ctrl-C at the terminal reaches ktriage, which stops git itself and saves its place.
  const child: ChildProcess = spawn('git', ['-C', repo, ...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], detached: true });
  let stopped = false;
  let carry: Buffer | null = null;
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    if (stopped) return;
    let start = 0;
    for (let end = chunk.indexOf(separator); end >= 0 && !stopped; end = chunk.indexOf(separator, start)) {
      const piece = carry ? Buffer.concat([carry, chunk.subarray(start, end)]) : chunk.subarray(start, end);
      carry = null;
      onRecord(piece.toString('utf8'));
      start = end + 1;
    }
    // (copied: a kept slice would pin the whole chunk)
    if (start < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  if (input !== undefined) {
    // git may end before reading all of it (stopped): a closed pipe is no error then.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input);
  }
  const done = new Promise<'complete' | 'stopped'>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(new KbError(error.code === 'ENOENT' ? 'git is not installed (needed to index a kernel tree)' : `cannot run git: ${error.message}`)));
    child.on('close', (code) => {
      if (stopped) return resolve('stopped');
      if (code !== 0) return reject(new KbError(`${repo}: git ${args[0]} failed: ${lastLine(stderr) || `exit ${code}`}`));
      if (carry && carry.length > 0) onRecord(carry.toString('utf8'));
      resolve('complete');
    });
  });
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
    },
  };
}
