import type { Incident } from '../result/schema.js';

// What the store's queries give the renderers (src/render/fleet/): plain data, times as ISO (UTC) text.

export interface ProblemFilter {
  /** Only occurrences that ended within this many milliseconds before the store's clock. */
  readonly sinceMs?: number | null;
  /** Host name glob (`*`, `?`), case-insensitive. */
  readonly host?: string | null;
  /** Kernel release glob; without `*` or `?` it matches anywhere in the release. */
  readonly kernel?: string | null;
  readonly kind?: string | null;
  /** Only problems first seen within the status window (status `new`). */
  readonly onlyNew?: boolean;
  readonly limit?: number;
}

export interface ProblemRow {
  readonly id: number;
  readonly signature: string;
  readonly signatureText: string;
  readonly signatureVersion: number;
  readonly kind: string;
  readonly culprit: string | null;
  readonly title: string;
  readonly status: string;
  readonly knownIssue: string | null;
  readonly hosts: number;
  readonly occurrences: number;
  readonly reports: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface ProblemList {
  /** The store's clock (the newest stored log time) the statuses and --since count from. */
  readonly asOf: string | null;
  readonly filter: ProblemFilter;
  readonly problems: readonly ProblemRow[];
  /** Problems that matched beyond the limit. */
  readonly more: number;
}

export interface HostCount {
  readonly name: string;
  readonly occurrences: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface KernelCount {
  readonly release: string;
  readonly arch: string | null;
  readonly distro: string | null;
  readonly hosts: number;
  readonly occurrences: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface OccurrenceRow {
  readonly host: string;
  readonly kernel: string | null;
  readonly role: string;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly reports: number;
  readonly input: string;
}

export interface ProblemDetail {
  readonly asOf: string | null;
  readonly problem: ProblemRow;
  readonly hosts: readonly HostCount[];
  /** Oldest release first. */
  readonly kernels: readonly KernelCount[];
  /**
   * The newest release that had the problem and the first later release that hosts which had it ran without it,
   * with those hosts; null while no such later release is known.
   */
  readonly stoppedAfter: { readonly lastAffected: string; readonly firstClean: string; readonly cleanHosts: readonly string[] } | null;
  /** Occurrences, oldest first (victims of the problem's culprits too, by role), at most `timelineLimit`. */
  readonly timeline: readonly OccurrenceRow[];
  readonly timelineMore: number;
  /** The latest occurrence's incident as the analysis gave it. */
  readonly latest: Incident | null;
}

export interface HostRow {
  readonly name: string;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly kernels: readonly string[];
  readonly inputs: number;
  readonly occurrences: number;
  /** Problems on this host that are not quiet, most recent first. */
  readonly openProblems: readonly { readonly id: number; readonly kind: string; readonly title: string; readonly status: string; readonly occurrences: number }[];
}

export interface HostList {
  readonly asOf: string | null;
  readonly hosts: readonly HostRow[];
  readonly more: number;
}
