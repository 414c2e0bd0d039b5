import type { Generated } from 'kysely';

// Times are kept twice: epoch milliseconds to compare and sort by (zones differ between hosts), and the text
// as the log gave it, to show. Booleans are 0/1 integers, the same on both engines.

export interface SchemaTable {
  version: number;
}

export interface HostsTable {
  id: Generated<number>;
  name: string;
  first_ms: number | null;
  last_ms: number | null;
}

export interface KernelsTable {
  id: Generated<number>;
  release: string;
  arch: string | null;
  distro: string | null;
}

export interface InputsTable {
  id: Generated<number>;
  sha256: string;
  path: string;
  size: number;
  format: string;
  host_id: number | null;
  /** The kernel the input's host ran, when the result names one only. */
  kernel_id: number | null;
  lines: number;
  first_ms: number | null;
  last_ms: number | null;
  first_seen: string | null;
  last_seen: string | null;
  ingested_at: string;
  tool_version: string;
}

export interface ProblemsTable {
  id: Generated<number>;
  signature: string;
  signature_text: string;
  signature_version: number;
  kind: string;
  culprit: string | null;
  title: string;
  first_ms: number | null;
  last_ms: number | null;
  status: string;
  known_issue: string | null;
  /** What the problem's occurrences (not victims) add up to, kept by each ingest (schema 4): hosts, count, reports. */
  hosts: number;
  occurrences: number;
  reports: number;
}

/**
 * A problem's occurrences (not victims) on one host and kernel, kept by each ingest (schema 4) so that the queries
 * read a row per host and kernel instead of every occurrence. `kernel_id` 0: the incident named no kernel.
 */
export interface ProblemHostsTable {
  problem_id: number;
  host_id: number;
  kernel_id: number;
  occurrences: number;
  reports: number;
  first_ms: number | null;
  last_ms: number | null;
}

/** The kernels each host was seen running, from its inputs and its incidents (schema 4). */
export interface HostKernelsTable {
  host_id: number;
  kernel_id: number;
}

export interface OccurrencesTable {
  id: Generated<number>;
  problem_id: number;
  host_id: number;
  kernel_id: number | null;
  input_id: number;
  role: string;
  /** A victim's culprit occurrence. */
  caused_by: number | null;
  /** CPU, PID and command of the incident: two tasks stuck at once in the same place are two occurrences. */
  task: string;
  first_ms: number | null;
  last_ms: number | null;
  first_seen: string | null;
  last_seen: string | null;
  first_uptime: number | null;
  reports: number;
  /** The incident of the result as JSON (the latest one read for this occurrence). */
  incident: string;
}

export interface EventsTable {
  id: Generated<number>;
  input_id: number;
  host_id: number | null;
  kind: string;
  template: string;
  count: number;
  notable: number;
  errno: number | null;
  first_ms: number | null;
  last_ms: number | null;
}

export interface StoreTables {
  ktriage_schema: SchemaTable;
  hosts: HostsTable;
  kernels: KernelsTable;
  inputs: InputsTable;
  problems: ProblemsTable;
  occurrences: OccurrencesTable;
  events: EventsTable;
  problem_hosts: ProblemHostsTable;
  host_kernels: HostKernelsTable;
}
