// The shape of one known-issue entry (knowledge/known-issues/*.yaml), built on first use: an analysis reads the shipped
// entries from their checked JSON snapshot, and only a run that parses YAML loads zod (about 0.1 s). It is required
// then (synchronously, zod's CommonJS build): in a process that also loaded the ES module, that is a second copy.
import { createRequire } from 'node:module';
import type { z as Zod } from 'zod';
import { INCIDENT_KINDS } from '../../result/kinds.js';

/** How much is known: a fix commit, a public report without a fix, or reasoning only. */
export const EVIDENCE_STATES = ['confirmed-fix', 'upstream-report', 'inference'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A kernel release as `uname -r` starts: 4.18, 5.10.120, 3.10.0-957. */
const RELEASE = /^\d+\.\d+(?:\.\d+)?(?:-\d+(?:\.\d+)*)?$/;

function build() {
  const { z } = createRequire(import.meta.url)('zod') as { z: typeof Zod };
  const text = z.string().trim().min(1);
  const release = z.string().regex(RELEASE, 'a kernel release such as 4.18, 5.10.120 or 3.10.0-957');
  const url = z.url({ protocol: /^https$/ });
  const fn = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'a kernel function name');
  const distro = z.strictObject({
    name: text.describe('as people say it: RHEL 7'),
    tag: z.string().regex(/^[a-z]+\d+$/, 'the release suffix that names the distribution, e.g. el7').describe('el7 matches 3.10.0-693.11.1.el7.x86_64'),
    from: release.optional().describe('first affected kernel release of this distribution'),
    to: release.optional().describe('last kernel release known affected'),
    fixed: release.optional().describe('first kernel release carrying the fix'),
    fixedRelease: text.optional().describe('the distribution release that ships it: RHEL 7.6'),
  });
  const evidence = z.discriminatedUnion('state', [
    z.strictObject({
      state: z.literal('confirmed-fix'),
      commit: z.strictObject({
        id: z.string().regex(/^[0-9a-f]{12,40}$/, '12 to 40 hex digits of the upstream commit'),
        subject: text,
      }),
      report: url.optional(),
    }),
    z.strictObject({ state: z.literal('upstream-report'), report: url.describe('the public thread or bug that describes it') }),
    z.strictObject({ state: z.literal('inference'), reasoning: text.describe('what it is inferred from and what is not known') }),
  ]);
  return z
    .strictObject({
      id: z.string().regex(ID, 'lower-case words joined by -'),
      title: z.strictObject({ en: text, zh: text }),
      kinds: z.array(z.enum(INCIDENT_KINDS)).min(1),
      match: z
        .strictObject({
          signatures: z.array(text).optional().describe('incident signature texts that match exactly (kind|culprit|callers)'),
          culprit: z.array(fn).min(1).optional().describe('the culprit or loop-bounding function is one of these'),
          callers: z.array(fn).optional().describe('a reliable frame of the stack other than the culprit is one of these'),
          requireCaller: z.boolean().optional().describe('the culprit alone is too common: one of the callers must be there too'),
          module: z.string().regex(/^[a-z0-9_]+$/).optional().describe('a frame of the stack is in this module'),
          header: text.optional().describe('a regular expression one of the first report lines must match'),
          details: z.record(z.string(), text).optional().describe('regular expressions the parsed report details must match (OOM constraint, gfp mask...)'),
        })
        .refine((m) => [m.header, ...Object.values(m.details ?? {})].every((r) => r === undefined || validRegex(r)), { message: 'not a valid regular expression' })
        .refine((m) => m.culprit || m.header || m.details || m.signatures, { message: 'match on at least a culprit, a header, details or a signature' })
        .refine((m) => !m.requireCaller || (m.callers ?? []).length > 0, { message: 'requireCaller needs callers' }),
      kernels: z.strictObject({
        upstream: z.strictObject({
          introduced: z.string().regex(/^\d+\.\d+$/).optional().describe('first mainline release affected'),
          fixed: z.string().regex(/^\d+\.\d+$/).optional().describe('first mainline release with the fix'),
          stable: z.array(release).optional().describe('stable releases that carry the fix backported'),
        }),
        distros: z.array(distro).optional(),
      }),
      what: text.describe('what happens, one paragraph'),
      evidence,
      workaround: z.strictObject({ en: text, zh: text }).optional(),
      references: z.array(url).min(1, 'at least one public source'),
      confirm: z
        .strictObject({ on: z.enum(['vmcore', 'node']).describe('a crash dump, or the running node'), command: text.describe('crash, drgn, sysctl or shell: commands only, no prose') })
        .optional()
        .describe('how to confirm it'),
    })
    .refine((e) => e.evidence.state !== 'confirmed-fix' || e.kernels.upstream.fixed || e.kernels.upstream.stable?.length || (e.kernels.distros ?? []).some((d) => d.fixed), {
      message: 'a confirmed fix names a release that carries it (kernels.upstream.fixed, a stable release or a distribution fixed)',
      path: ['kernels'],
    });
}

function validRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export type KnownIssueSchema = ReturnType<typeof build>;
export type KnownIssue = Zod.infer<KnownIssueSchema>;

let schema: KnownIssueSchema | null = null;

export function knownIssueSchema(): KnownIssueSchema {
  schema ??= build();
  return schema;
}
