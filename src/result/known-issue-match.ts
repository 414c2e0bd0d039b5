// The words of a known-issue match, without zod: the analysis ranks matches with them on every run, and loading zod
// (about 0.1 s) is left to the commands that check a schema.

/** Which parts of an incident agreed with a known issue. */
export const MATCH_KEYS = ['kind', 'signature', 'culprit', 'callers', 'module', 'header', 'details', 'kernel'] as const;
/** How strong the agreement is, strongest first. */
export const MATCH_CONFIDENCES = ['signature', 'culprit-and-caller', 'culprit', 'pattern'] as const;
/** Where the node's kernel stands against the kernel range. */
export const KERNEL_VERDICTS = ['in-range', 'unknown', 'before', 'after', 'fixed'] as const;
