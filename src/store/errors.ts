import { describeLocation, redactIn, type StoreLocation } from './location.js';

/** Why a store could not be used; each has one sentence in `describeStoreError` and exits with EXIT.database. */
export type StoreProblem = 'unreachable' | 'auth' | 'missing' | 'readOnly' | 'full' | 'busy' | 'corrupt' | 'newerSchema' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly problem: StoreProblem,
    readonly detail: string,
    readonly location: StoreLocation,
  ) {
    super(`${problem}: ${detail}`);
  }
}

// SQLite result codes (better-sqlite3 gives the extended name, e.g. SQLITE_READONLY_DBMOVED) by their prefix.
const SQLITE_PROBLEMS: readonly (readonly [string, StoreProblem])[] = [
  ['SQLITE_NOTADB', 'corrupt'],
  ['SQLITE_CORRUPT', 'corrupt'],
  ['SQLITE_READONLY', 'readOnly'],
  ['SQLITE_PERM', 'readOnly'],
  ['SQLITE_FULL', 'full'],
  // The WAL's shared-memory file could not grow: what a full file system gives when the store is opened.
  ['SQLITE_IOERR_SHMSIZE', 'full'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_CANTOPEN', 'unreachable'],
];

// PostgreSQL SQLSTATE codes and Node socket errors.
const PG_PROBLEMS: Readonly<Record<string, StoreProblem>> = {
  '25006': 'readOnly', // read_only_sql_transaction: a standby, or default_transaction_read_only
  '42501': 'readOnly', // insufficient_privilege: the role may not write these tables
  '53100': 'full', // disk_full
  '53200': 'full', // out_of_memory
  '28P01': 'auth', // invalid_password
  '28000': 'auth', // invalid_authorization_specification
  '3D000': 'missing', // invalid_catalog_name: no such database
  '57P01': 'unreachable', // admin_shutdown
  '57P03': 'unreachable', // cannot_connect_now: starting up or shutting down
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  ETIMEDOUT: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ECONNRESET: 'unreachable',
  ENOSPC: 'full',
  EROFS: 'readOnly',
  EACCES: 'readOnly',
};

/** The store problem an error of better-sqlite3, pg or the file system stands for. */
export function classifyStoreError(error: unknown, location: StoreLocation): StoreError {
  if (error instanceof StoreError) return error;
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = redactIn(typeof e.message === 'string' ? e.message : String(error), location);
  const problem =
    SQLITE_PROBLEMS.find(([prefix]) => code.startsWith(prefix))?.[1] ??
    PG_PROBLEMS[code] ??
    // pg's pool says so in words when connecting takes longer than connectionTimeoutMillis.
    (/timeout.*connect|Connection terminated/i.test(message) ? 'unreachable' : 'failed');
  return new StoreError(problem, message, location);
}

const SENTENCES: Readonly<Record<StoreProblem, string>> = {
  unreachable: 'cannot be reached',
  auth: 'refused the login (user or password)',
  missing: 'does not exist',
  readOnly: 'is read-only here: nothing was stored',
  full: 'is full (no space left): nothing of this input was stored',
  busy: 'stayed locked by another writer: nothing was stored, try again',
  corrupt: 'is not a ktriage SQLite database or is damaged; it was left as it is',
  newerSchema: 'was written by a newer ktriage: upgrade ktriage to use it',
  failed: 'failed',
};

/** One line for stderr: the store (its password hidden), what is wrong, and the engine's own words. */
export function describeStoreError(error: StoreError): string {
  return `incident store ${describeLocation(error.location)} ${SENTENCES[error.problem]} (${error.detail})`;
}
