import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { findExecutable } from '../machine/addr2line.js';

/** The desktop's "open this file" command: `open` on macOS, `xdg-open` elsewhere. */
function openerName(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'open' : 'xdg-open';
}

/**
 * Opens a written report in the user's viewer, detached so that ktriage exits at once; never
 * fails: returns the line to tell the user (what was opened, or where the file is).
 */
export function openReport(file: string): string {
  const where = resolve(file);
  // Over SSH xdg-open would fall back to a terminal browser, detached from any terminal.
  if (process.platform !== 'darwin' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) return `report written to ${where} (no desktop session to open it in)`;
  const name = openerName(process.platform);
  const opener = findExecutable(name);
  if (!opener) return `report written to ${where} (no ${name} here to open it)`;
  const child = spawn(opener, [where], { detached: true, stdio: 'ignore' });
  // A viewer that fails to start must not turn a written report into an error.
  child.on('error', () => undefined);
  child.unref();
  return `opening ${where} with ${name}`;
}
