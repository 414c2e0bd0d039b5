import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The desktop's "open this file" command: `open` on macOS, `xdg-open` elsewhere. */
function openerName(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'open' : 'xdg-open';
}

/** Full path of an executable on PATH, or null. */
export function findOnPath(command: string, path = process.env['PATH'] ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * Opens a written report in the user's viewer, detached so that ktriage exits at once; never
 * fails: returns the line to tell the user (what was opened, or where the file is).
 */
export function openReport(file: string): string {
  const where = resolve(file);
  const name = openerName(process.platform);
  const opener = findOnPath(name);
  if (!opener) return `report written to ${where} (no ${name} here to open it)`;
  const child = spawn(opener, [where], { detached: true, stdio: 'ignore' });
  // A viewer that fails to start must not turn a written report into an error.
  child.on('error', () => undefined);
  child.unref();
  return `opening ${where} with ${name}`;
}
