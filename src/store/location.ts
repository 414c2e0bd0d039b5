import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the store lives: a SQLite file, or a PostgreSQL server named by a connection URL. */
export type StoreLocation = { readonly engine: 'sqlite'; readonly path: string } | { readonly engine: 'postgres'; readonly url: string };

const POSTGRES_URL_RE = /^postgres(?:ql)?:\/\//i;
const SQLITE_URL_RE = /^sqlite:(?:\/\/)?/i;

/** The default SQLite file: `$XDG_DATA_HOME/ktriage/ktriage.db`, else `~/.local/share/ktriage/ktriage.db`. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(dataHome, 'ktriage', 'ktriage.db');
}

/** `--db` wins, then `KTRIAGE_DB`, then the default file; `postgres://...` is a server, anything else a file. */
export function storeLocation(db: string | undefined, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const spec = db || env['KTRIAGE_DB'] || defaultStorePath(env);
  if (POSTGRES_URL_RE.test(spec)) return { engine: 'postgres', url: spec };
  return { engine: 'sqlite', path: resolve(spec.replace(SQLITE_URL_RE, '')) };
}

/** The location as it may be shown: a password in the URL (user:password@, or ?password=) becomes ***. */
export function describeLocation(location: StoreLocation): string {
  return location.engine === 'sqlite' ? location.path : redactUrl(location.url);
}

export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@?#]*:)[^@/?#]*@/i, '$1***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Any text (an error message) with the location's password taken out, wherever it was echoed. */
export function redactIn(text: string, location: StoreLocation): string {
  if (location.engine === 'sqlite') return text;
  const secrets = passwordsOf(location.url);
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text.split(location.url).join(redactUrl(location.url)));
}

function passwordsOf(url: string): string[] {
  const found: string[] = [];
  const userinfo = /^[a-z]+:\/\/[^:/@?#]*:([^@/?#]+)@/i.exec(url)?.[1];
  if (userinfo) found.push(userinfo, safeDecode(userinfo));
  for (const m of url.matchAll(/[?&]password=([^&#]+)/gi)) found.push(m[1]!, safeDecode(m[1]!));
  // Short passwords would redact unrelated words; the URL itself is redacted whole above.
  return [...new Set(found)].filter((s) => s.length >= 4);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
