// Run warnings as the pipeline gives them: a stable code from this table and flat parameters, no sentence. The
// result document's English `message` is said by src/render/words.ts, and the reports say the code in their language
// (src/i18n: `warning.<code>`, and `reason.<reason>` for the `reason` parameter some warnings carry).

/** Why a file, an archive member or an index could not be read (the `reason` parameter). */
export const WARNING_REASONS = [
  'absolute-path',
  'archive-budget',
  'archive-format',
  'bzip2',
  'compression-bomb',
  'dotdot-path',
  'errno',
  'error',
  'gzip-corrupt',
  'gzip-truncated',
  'hardlink',
  'is-directory',
  'no-such-file',
  'no-such-file-or-directory',
  'permission-denied',
  'size-cap',
  'symlink',
  'tar-corrupt',
  'tar-truncated',
  'too-large',
  'xz-corrupt',
  'xz-dictionary',
  'xz-error',
  'xz-memory',
  'xz-not-xz',
  'xz-options',
  'xz-truncated',
  'zstd',
] as const;
export type WarningReason = (typeof WARNING_REASONS)[number];

/** Every run warning's code. */
export const WARNING_CODES = [
  'archive-failed',
  'archive-too-deep',
  'archive-without-log',
  'binary-data',
  'copies-forgotten',
  'copies-unchecked',
  'directory-unreadable',
  'directory-without-log',
  'dis-no-instructions',
  'dis-unreadable',
  'empty-file',
  'excluded',
  'file-shrank',
  'fragments-dropped',
  'fragments-unmatched',
  'incidents-omitted',
  'invalid-utf8',
  'kb-index-invalid',
  'kb-index-missing',
  'kb-index-unreadable',
  'known-issue-id-mismatch',
  'known-issue-invalid',
  'known-issues-unreadable',
  'long-lines-cut',
  'member-unreadable',
  'nested-zip',
  'not-a-file',
  'not-read',
  'nul-bytes-removed',
  'only-nul-bytes',
  'read-failed',
  'reports-dropped',
  'reports-unassembled',
  'spoofed-report',
  'src-not-directory',
  'src-unreadable',
  'symbols-no-lines',
  'symbols-unreadable',
  'template-cap',
  'unknown-header',
  'utf16-without-bom',
  'vmlinux-unreadable',
  'zip-corrupt',
  'zip-overlapping-members',
  'zip-too-many-members',
  'zip-unreadable',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export type WarningParams = Readonly<Record<string, string | number>>;

/** Why something could not be read: a reason code and the values its sentence names (`detail`: a library's own words). */
export type Reason = { readonly reason: WarningReason } & WarningParams;

/** Says what went wrong with `path` (null: the run as a whole). */
export type Warn = (path: string | null, code: WarningCode, params?: WarningParams) => void;

/** A warning as the pipeline gives it: the result document adds its English `message`. */
export interface UnsaidWarning {
  readonly path: string | null;
  readonly code: WarningCode;
  readonly params: WarningParams;
}

/** A thrown error's own words, for a reason the tool cannot name better (a parser's or a library's message). */
export function errorReason(error: unknown): Reason {
  return { reason: 'error', detail: error instanceof Error ? error.message : String(error) };
}
