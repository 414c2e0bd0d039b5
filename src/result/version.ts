/** Bumped on any incompatible change of the result document (kept apart from the schema: reading logs needs no zod). */
export const SCHEMA_VERSION = 1;
