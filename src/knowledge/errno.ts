import { ERRNO_TABLE, type ErrnoInfo } from './errno-table.js';

const BY_NUMBER = new Map<number, ErrnoInfo>(ERRNO_TABLE.map((e) => [e.number, e]));

/** Looks up an errno by its number; kernel messages print it negated (-107), either sign is accepted. */
export function lookupErrno(value: number): ErrnoInfo | null {
  return BY_NUMBER.get(Math.abs(value)) ?? null;
}

export type { ErrnoInfo };
