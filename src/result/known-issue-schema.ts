import { z } from 'zod';
import { KERNEL_VERDICTS, MATCH_CONFIDENCES, MATCH_KEYS } from './known-issue-match.js';

export { KERNEL_VERDICTS, MATCH_CONFIDENCES, MATCH_KEYS };

export const knownIssueMatchSchema = z.object({
  incident: z.string(),
  id: z.string().describe('the entry id, or the fix commit (12 digits) for a match from a --kb index'),
  source: z.enum(['knowledge', 'fix-index']).describe('where the entry comes from: the shipped knowledge folder, or an index made by `ktriage kb index` (--kb)'),
  index: z.string().optional().describe('the --kb index file the fix commit was found in'),
  title: z.string().describe('the entry title, or the fix commit subject'),
  status: z.enum(['match', 'other-kernel']).describe('other-kernel: the same shape, but the node runs a kernel outside the range (or one that has the fix)'),
  confidence: z.enum(MATCH_CONFIDENCES),
  keys: z.array(z.enum(MATCH_KEYS)),
  callers: z.array(z.string()).describe('the caller functions that matched'),
  kernel: z.enum(KERNEL_VERDICTS),
  state: z.enum(['confirmed-fix', 'upstream-report', 'inference']),
  fix: z
    .object({
      commit: z.string(),
      subject: z.string(),
      release: z.string().nullable().describe('first upstream release (or tag) carrying it'),
      distros: z.array(z.object({ name: z.string(), release: z.string().nullable(), kernel: z.string() })),
    })
    .nullable(),
  report: z.string().nullable().describe('the public report it rests on'),
  confirm: z.object({ on: z.enum(['vmcore', 'node']), command: z.string() }).nullable().describe('how to confirm it: in a crash dump or on the running node'),
  workaround: z.string().nullable().describe('in English; renderers of other languages take the entry\'s own wording by id'),
  references: z.array(z.string()),
});

export type KnownIssueMatch = z.infer<typeof knownIssueMatchSchema>;
