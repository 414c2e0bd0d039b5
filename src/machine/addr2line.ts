import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
}

/** A tool on PATH that turns addresses of an ELF file into source lines. */
export interface LineTool {
  readonly name: 'addr2line' | 'llvm-symbolizer';
  readonly path: string;
}

const TOOL_NAMES = ['addr2line', 'llvm-symbolizer'] as const;

/** The executable `name` on PATH, or null. */
export function findExecutable(name: string, pathEnv: string | undefined = process.env['PATH']): string | null {
  for (const dir of (pathEnv ?? '').split(delimiter).filter(Boolean)) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** addr2line, else llvm-symbolizer, from PATH; null when neither is installed. */
export function findLineTool(pathEnv: string | undefined = process.env['PATH']): LineTool | null {
  for (const name of TOOL_NAMES) {
    const path = findExecutable(name, pathEnv);
    if (path) return { name, path };
  }
  return null;
}

/** `file:line`, `file:line (discriminator 2)` (addr2line) or `file:line:column` (llvm-symbolizer); `??` when unknown. */
function parsePosition(text: string): SourcePosition | null {
  const m = /^(.+?):(\d+)(?::\d+)?(?: \(discriminator \d+\))?$/.exec(text.trim());
  if (!m || m[1] === '??' || m[2] === '0') return null;
  return { file: m[1]!, line: Number(m[2]) };
}

/**
 * Source lines of addresses (link-time addresses of the ELF file), in the order given; null entries
 * for addresses without line information. Throws when the tool cannot run.
 */
export function sourceLinesOf(tool: LineTool, elfPath: string, addresses: readonly bigint[]): (SourcePosition | null)[] {
  if (addresses.length === 0) return [];
  const hex = addresses.map((a) => `0x${a.toString(16)}`);
  const args = tool.name === 'addr2line' ? ['-e', elfPath, ...hex] : [`--obj=${elfPath}`, '--functions=none', '--no-inlines', ...hex];
  const run = spawnSync(tool.path, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${tool.name} exited with ${run.status}: ${run.stderr.trim().split('\n')[0] ?? ''}`);
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  return addresses.map((_, n) => (lines[n] !== undefined ? parsePosition(lines[n]!) : null));
}
