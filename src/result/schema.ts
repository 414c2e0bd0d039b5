import { z } from 'zod';
import { INCIDENT_KINDS, PARTIAL_REASONS } from './kinds.js';
import { STORAGE_KINDS } from '../knowledge/storage.js';
import { knownIssueMatchSchema } from './known-issue-schema.js';
import { machineSchema } from './machine-schema.js';
import { SCHEMA_VERSION } from './version.js';
import { STAGE_CODES } from './errors.js';
import { WARNING_CODES } from './warnings.js';

export { SCHEMA_VERSION };

const functionRef = z.object({ function: z.string(), module: z.string().nullable() });
const hex = z.string().describe('as printed, e.g. "0x15"');

export const frameSchema = z.object({
  address: z.string().nullable(),
  function: z.string(),
  offset: hex.nullable(),
  size: hex.nullable(),
  module: z.string().nullable(),
  reliable: z.boolean().describe('false for "? " frames the unwinder could not confirm'),
  context: z.string().nullable().describe('stack the frame ran on: IRQ, NMI, SOFTIRQ, TASK...'),
});

const messageScalar = z.union([z.string(), z.number(), z.null()]);
const flatMessageParam = z.union([messageScalar, z.array(messageScalar)]);
/** A sentence in language-neutral form: renderers re-say it in the reader's language from the catalog (src/i18n). */
export const innerMessageSchema = z.object({ code: z.string(), params: z.record(z.string(), flatMessageParam) });
export const messageParamsSchema = z
  .record(z.string(), z.union([flatMessageParam, innerMessageSchema]))
  .describe('values the sentence is built from; a value may itself be a message (one level deep)');
export const messageSchema = z.object({ code: z.string().describe('stable message code, e.g. "finding.incident"'), params: messageParamsSchema });

export const evidenceSchema = z.object({ path: z.string(), line: z.number().int().positive() });

export const sampleSchema = z.object({
  time: z.string().nullable(),
  uptime: z.number().nullable(),
  function: z.string().nullable(),
  offset: hex.nullable(),
  stuckSeconds: z.number().nullable(),
  hasStack: z.boolean().describe('false when the log kept only the RIP line of this report'),
  stack: z.array(z.string()).describe('functions of the reliable task stack, innermost (the RIP) first, at most 64; empty when only the RIP line survived'),
  evidence: evidenceSchema,
});

export const incidentSchema = z.object({
  id: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  title: z.string(),
  host: z.string().nullable(),
  cpu: z.number().int().nullable(),
  pid: z.number().int().nullable(),
  comm: z.string().nullable(),
  role: z.enum(['culprit', 'victim', 'standalone']),
  causedBy: z.string().nullable(),
  victims: z.array(z.string()),
  culprit: functionRef.nullable(),
  entry: functionRef.nullable(),
  signature: z.string().describe('short stable hash of signatureText: incidents with the same signature are the same problem'),
  signatureText: z
    .string()
    .describe('kind|culprit|caller|caller, normalized (no offsets, compiler suffixes, `?`, generic or entry frames), e.g. "soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy"'),
  signatureVersion: z.number().int().positive().describe('version of the normalization: signatures of different versions are not comparable'),
  corrupted: z.boolean(),
  corruptionReasons: z.array(z.string()).describe('why the incident cannot be trusted whole, in English'),
  corruptionMessages: z.array(innerMessageSchema).describe('the corruption reasons as message codes and parameters, same order as corruptionReasons'),
  partial: z
    .object({ reason: z.enum(PARTIAL_REASONS) })
    .optional()
    .describe('present when the incident was built from a register dump whose report header is missing (header-missing) or known to no detector (header-unknown)'),
  reports: z.number().int().positive(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  firstUptime: z.number().nullable(),
  lastUptime: z.number().nullable(),
  maxStuckSeconds: z.number().nullable(),
  kernel: z.string().nullable(),
  hardware: z.string().nullable(),
  taint: z.string().nullable(),
  taintFlags: z.array(z.object({ letter: z.string(), meaning: z.string() })),
  rip: z.object({ function: z.string(), offset: hex.nullable(), size: hex.nullable(), module: z.string().nullable() }).nullable(),
  ripSamples: z.array(z.object({ function: z.string(), offset: hex.nullable(), count: z.number().int().positive() })),
  samples: z.array(sampleSchema),
  loopFunction: z.string().nullable(),
  stack: z.array(frameSchema),
  registers: z.record(z.string(), z.string()),
  stackWords: z.array(z.string()),
  code: z.object({ bytes: z.string(), markerIndex: z.number().int().nullable(), raw: z.string() }).nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).describe("kind-specific facts; a value that is ktriage's own phrase is in English here and in detailMessages"),
  detailMessages: z.record(z.string(), innerMessageSchema).describe('the details whose value is a phrase of ktriage (a task state, a cut trace), as message codes and parameters'),
  notes: z.array(z.string()).describe('explanations attached to this incident (interrupt re-enable point, victims...)'),
  noteMessages: z.array(innerMessageSchema).describe('the notes as message codes and parameters, same order as notes'),
  machine: machineSchema.nullable().describe('instructions, mapped samples, loop range and source lines; null when there was no machine code to read'),
  lines: z.array(z.object({ path: z.string(), line: z.number().int(), text: z.string() })).describe('raw lines of the first report'),
  evidence: z.array(evidenceSchema),
});

export const eventSchema = z.object({
  kind: z.string().describe('subsystem that logged it: rbd, xfs, sshd...'),
  template: z.string(),
  host: z.string().nullable(),
  kernel: z.boolean(),
  count: z.number().int().positive(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  firstUptime: z.number().nullable(),
  lastUptime: z.number().nullable(),
  subjects: z.array(z.string()),
  errno: z.number().int().nullable(),
  errnoName: z.string().nullable(),
  errnoMeaning: z.string().nullable(),
  notable: z.boolean().describe('an error, failure or timeout rather than routine noise'),
  example: z.object({ path: z.string(), line: z.number().int(), text: z.string() }),
  relation: z
    .object({ incident: z.string(), startDeltaSeconds: z.number(), endDeltaSeconds: z.number(), text: z.string() })
    .nullable()
    .describe('where the event sits on the timeline of the incident it overlaps'),
  storage: z
    .object({
      kind: z.enum(STORAGE_KINDS),
      device: z.string().describe('the disk (sdb, not sdb1), nvme0n1 or controller nvme0, dm-3, major:minor 8:16, SCSI address 0:0:0:0, host2, or NFS server'),
      address: z.string().nullable().describe('SCSI H:C:T:L when the line names the disk too'),
    })
    .optional()
    .describe('present when the event is a storage error (block I/O, SCSI/NVMe timeout or reset, file system I/O error, NFS, multipath)'),
});

export const findingSchema = z.object({
  severity: z.enum(['critical', 'warning', 'info']),
  text: z.string(),
  code: messageSchema.shape.code,
  params: messageParamsSchema,
  incidents: z.array(z.string()),
});

export const nextStepSchema = z.object({
  text: z.string(),
  why: z.string().describe('the catalog says it under the code followed by ".why"'),
  code: messageSchema.shape.code,
  params: messageParamsSchema,
  incidents: z.array(z.string()),
});

export const omittedSchema = z
  .object({
    incidents: z.number().int().nonnegative(),
    reports: z.number().int().nonnegative(),
    groups: z.array(
      z.object({
        kind: z.enum(INCIDENT_KINDS),
        culprit: z.string().nullable(),
        incidents: z.number().int().positive(),
        reports: z.number().int().positive(),
        firstSeen: z.string().nullable(),
        lastSeen: z.string().nullable(),
      }),
    ),
    otherIncidents: z.number().int().nonnegative().describe('omitted incidents in groups past the largest ones listed'),
  })
  .describe('incidents past the cap on incidents kept whole, counted by kind and culprit (present only when the cap was reached)');

export const problemSchema = z
  .object({
    signature: z.string(),
    signatureText: z.string(),
    kind: z.enum(INCIDENT_KINDS),
    title: z.string().describe('title of the first occurrence'),
    culprit: z.string().nullable(),
    occurrences: z.number().int().positive(),
    incidents: z.array(z.string()).describe('the occurrences: ids of root incidents with this signature, oldest first'),
    hosts: z.array(z.string()),
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    firstUptime: z.number().nullable(),
    lastUptime: z.number().nullable(),
    interval: z
      .object({ minSeconds: z.number(), maxSeconds: z.number() })
      .nullable()
      .describe('shortest and longest time between the starts of consecutive occurrences; null for one occurrence or times not comparable'),
  })
  .describe('root incidents (culprits and standalone ones) that share a signature: one problem, however often and on however many hosts');

export const waitNodeSchema = z
  .object({
    id: z.string().describe('`task:<pid>` or `cpu:<n>`, prefixed by `<host>/` when the log holds several hosts'),
    kind: z.enum(['task', 'cpu']),
    host: z.string().nullable().describe('the host whose log names it, null when the log names none'),
    pid: z.number().int().nullable().describe('a task node\'s PID; null for a CPU'),
    comm: z.string().nullable().describe('task name as the kernel printed it (a CPU node: `comm/pid` of the task it ran), null when not printed'),
    cpu: z.number().int().nullable().describe('the CPU a task ran on when sampled, or the CPU node itself'),
    state: z.string().nullable().describe('task state letter from a task dump (`D` uninterruptible, `R` running), null when not printed'),
    running: z.string().nullable().describe('the function its stack sample runs in (culprit frame of an NMI backtrace or task dump), null when no stack was printed'),
    stack: z.array(z.string()).describe('innermost first, at most 32 frames, from the sample that shows it'),
    idle: z.boolean().describe('its samples sit in the idle loop'),
    incidents: z.array(z.string()).describe('ids of the incidents about this task or CPU'),
    partial: z.boolean().describe('known from one line only (a blocker line naming a PID that never appears, a cut dump): what it says is kept'),
    evidence: z.array(evidenceSchema).describe('the lines that name it, at most 8'),
  })
  .describe('a task or CPU that waits or is waited on');

export const waitEdgeSchema = z
  .object({
    from: z.string().describe('node id of the waiter'),
    to: z.string().nullable().describe('node id of what it waits for; null when the log does not show the holder'),
    kind: z
      .enum(['lock', 'ipi', 'stop-machine', 'journal', 'io', 'rcu-gp'])
      .describe('what is waited for: a sleeping lock, a cross-CPU function call, stop_machine, a journal commit (of the jbd2 thread), block I/O, an RCU grace period'),
    resource: z.string().nullable().describe('lock class name, device (`sdb1`), journal thread, or null'),
    how: z
      .enum(['held-locks', 'held-locks-running', 'blocker-line', 'csd-line', 'lockup-stacks', 'rcu-stall', 'stack'])
      .describe('how the wait was known. held-locks: the holder lists the lock in a lockdep dump; held-locks-running: the only task whose locks lockdep did not list (it was running); blocker-line: the hung-task blocker line; csd-line: a CSD-lock wait line; lockup-stacks: overlapping lockups, one waiting in stopper/IPI code; rcu-stall: the RCU stall details; stack: the waiter\'s frames'),
    evidence: z.array(evidenceSchema).describe('the lines that say it, at most 8'),
    storage: z
      .object({
        device: z.string().describe('the disk the errors name (`sdb` for a wait on `sdb1`)'),
        lines: z.number().int().positive().describe('storage error lines on it in the log'),
        kinds: z.array(z.enum(STORAGE_KINDS)),
        firstSeen: z.string().nullable(),
        firstUptime: z.number().nullable(),
        lastSeen: z.string().nullable(),
        lastUptime: z.number().nullable(),
        basis: z.enum(['device', 'host']).describe('device: the wait names the device; host: it names none and this is the only device of its host with errors'),
      })
      .optional()
      .describe('the storage errors and timeouts the same log shows on the device an I/O or journal wait is for: absent when it shows none'),
  })
  .describe('one wait: `from` waits for `to` (or for something the log does not show)');

export const waitGraphSchema = z
  .object({
    nodes: z.array(waitNodeSchema).describe('every task and CPU a wait, a dump or an NMI backtrace names; ids are unique'),
    edges: z.array(waitEdgeSchema).describe('every wait read, one per waiter, awaited node, kind and resource (a wait said twice is one edge with more evidence)'),
    roots: z.array(z.string()).describe('ids of nodes others wait for that wait for nothing shown (and of nodes in a deadlock cycle): the culprits'),
    deadlocks: z.array(z.array(z.string())).describe('cycles of waits: each a deadlock, its nodes in order'),
    chains: z
      .array(
        z.object({
          root: z.string().describe('node id of the culprit the waiters lead to'),
          waiters: z.array(z.string()).describe('tasks (and CPUs with an incident) whose waits lead to the root, directly or through others'),
          kind: z.enum(['lock', 'ipi', 'stop-machine', 'journal', 'io', 'rcu-gp']).describe('what the last wait before the root is for'),
          resource: z.string().nullable().describe('what that last wait is for: lock class name, device, function called on the CPU'),
          within: z.string().nullable().describe('the function the root runs that its waiters do not: where it left their common path (udf_fill_super under mount_bdev)'),
        }),
      )
      .describe('each root with what waits on it, most waiters first'),
    notes: z.array(innerMessageSchema).describe('what the log leaves open (a holder it does not show) and what would show it'),
    nmiSamples: z.number().int().nonnegative().describe('NMI backtraces read as CPU stack samples'),
  })
  .describe('who waits for whom: tasks and CPUs, what each waits on and how that was known');

export const resultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('ktriage'), version: z.string() }),
  generatedAt: z.string(),
  inputs: z.array(
    z.object({
      path: z.string(),
      format: z.string(),
      lines: z.number().int().nonnegative(),
      linesPassedOver: z.number().int().nonnegative().describe('routine lines the fast read counted without reading them (0: every line was read)'),
      bytes: z.number().int().nonnegative(),
      host: z.string().nullable(),
      firstSeen: z.string().nullable(),
      lastSeen: z.string().nullable(),
      overlaps: z
        .array(z.object({ path: z.string(), lines: z.number().int().positive() }))
        .describe('lines outside reports this input repeats from an earlier one (same host, time and text), counted once: the same logs in another form'),
    }),
  ),
  summary: z.object({
    verdict: z.string(),
    verdictCode: messageSchema.shape.code,
    verdictParams: messageParamsSchema,
    hosts: z.array(z.string()),
    kernels: z.array(z.string()),
    hardware: z.array(z.string()),
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    problems: z.array(problemSchema),
  }),
  filter: z
    .object({
      since: z.string().nullable().describe('--since as given: a time, or a duration before the end of the logs'),
      until: z.string().nullable().describe('--until as given'),
      hosts: z.array(z.string()).describe('--host globs'),
      from: z.string().nullable().describe('wall-clock start of the window (ISO), null when open or the logs have no wall-clock time'),
      to: z.string().nullable(),
      fromUptime: z.number().nullable().describe('start of the window in seconds since boot (durations on logs with uptime)'),
      toUptime: z.number().nullable(),
      incidentsLeftOut: z.number().int().nonnegative(),
      eventsLeftOut: z.number().int().nonnegative(),
      undated: z.number().int().nonnegative().describe('incidents and event groups kept because no clock could place them'),
    })
    .nullable()
    .describe('what --since, --until and --host kept: incidents and event groups overlapping the window on a matching host; null without them'),
  incidents: z.array(incidentSchema),
  events: z.array(eventSchema),
  knownIssues: z.array(knownIssueMatchSchema).describe('known issues and fix commits the incidents match, strongest first per incident'),
  findings: z.array(findingSchema),
  nextSteps: z.array(nextStepSchema),
  omittedIncidents: omittedSchema.optional(),
  waitGraph: waitGraphSchema.optional().describe('who waits for whom, when the log shows any wait: absent otherwise'),
  warnings: z.array(
    z.object({
      path: z.string().nullable().describe('the input, member or file named; null for the run as a whole'),
      message: z.string().describe('the English sentence of code and params'),
      code: z.enum(WARNING_CODES).describe('stable warning code'),
      params: z.record(z.string(), z.union([z.string(), z.number()])).describe('values the sentence is built from; `reason`, when present, is a stable code of why a file could not be read'),
    }),
  ),
  errors: z
    .array(
      z.object({
        where: z.string().describe('the English name of the stage and of the report it was working on'),
        stage: z.enum(STAGE_CODES).describe('stable code of the stage that threw'),
        params: z.record(z.string(), z.union([z.string(), z.number()])).describe('which report: `at` (path:line), `kind` (a detector)'),
        message: z.string().describe("the thrown error's own words"),
      }),
    )
    .describe('detectors or stages that threw; the run went on'),
});

export type Result = z.infer<typeof resultSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type WaitGraph = z.infer<typeof waitGraphSchema>;
export type WaitNode = z.infer<typeof waitNodeSchema>;
export type WaitEdge = z.infer<typeof waitEdgeSchema>;
export type Problem = z.infer<typeof problemSchema>;
export type EventGroup = z.infer<typeof eventSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type NextStep = z.infer<typeof nextStepSchema>;
export type Message = z.infer<typeof messageSchema>;
export type InnerMessage = z.infer<typeof innerMessageSchema>;
export type MessageParams = Message['params'];
export type OmittedIncidents = z.infer<typeof omittedSchema>;
export type InputSummary = Result['inputs'][number];
export type RunWarning = Result['warnings'][number];
