import type { StageError } from '../result/errors.js';
import type { LogLine } from '../lines/types.js';
import type { Report } from '../reports/types.js';
import { decodeTaint } from '../knowledge/taint.js';
import type { InnerMessage } from '../result/schema.js';
import type { UnsaidIncident } from '../result/unsaid.js';
import type { IncidentDraft } from './incidents.js';
import { irqRestoreNote } from './irq.js';
import { buildMachineSection } from '../machine/section.js';
import type { CodeCheck } from '../machine/cross-check.js';
import type { MachineInputs } from '../machine/inputs.js';
import { ripHistogram } from './samples.js';
import { incidentSignature } from './signature.js';

/** Evidence kept per incident: enough to find every report, bounded for huge episodes (the first and last ones). */
const MAX_EVIDENCE = 200;
const MAX_SAMPLES = 1000;
/** Samples listed over all incidents: with many incidents each lists fewer (at least MIN_SAMPLES), so the result stays bounded. */
const SAMPLES_IN_ALL = 100_000;
const MIN_SAMPLES = 20;
/** RIP histogram rows listed, most frequent first (random offsets of a damaged log would make one per sample). */
const MAX_RIP_ROWS = 200;
/** Frames kept per sample stack: deeper stacks are recursion or damage, and the bound keeps the result small. */
const MAX_SAMPLE_FRAMES = 64;

const lineRef = (l: LogLine) => ({ path: l.path, line: l.lineNo });

/** Says which taint flags appeared during the episode (`G W OE` then `G W OEL`: L, a soft lockup happened). */
function taintChangeNote(d: IncidentDraft): InnerMessage | null {
  const taints = [...new Set(d.reports.map((r) => r.taint).filter((t): t is string => t !== null))];
  if (taints.length < 2) return null;
  const first = decodeTaint(taints[0]!);
  const last = decodeTaint(taints[taints.length - 1]!);
  const added = last.flags.filter((f) => !first.flags.some((g) => g.letter === f.letter));
  return { code: 'note.taint.changed', params: { taints: taints.map((taint) => taint.replace(/\s+/g, ' ')), added: added.map((f) => f.letter) } };
}

/**
 * Reports whose code can be compared: those of one kernel release (a build's code is the same on every host; a
 * report that names none runs its episode's), else those of one host.
 */
export function codeScope(d: IncidentDraft, r: Report, episodeKernel = d.reports.find((other) => other.kernel)?.kernel): string {
  const kernel = r.kernel ?? episodeKernel;
  return kernel ? `kernel ${kernel}` : `host ${d.host ?? ''}`;
}

/** The incident's machine-code section; a reading that throws (damaged bytes, odd inputs) is an error entry, not a lost run. */
function machineSection(d: IncidentDraft, machine: MachineInputs | undefined, codeCheck: CodeCheck, onError: StageError): UnsaidIncident['machine'] {
  try {
    return buildMachineSection(d, machine, codeCheck.rejected);
  } catch (error) {
    const at = d.reports[0]!.header;
    onError('machine-code', { at: `${at.path}:${at.lineNo}` }, error);
    return null;
  }
}

/** The first and the last of a list longer than `n`: how an episode began and how it was when the log ended. */
function ends<T>(list: readonly T[], n: number): readonly T[] {
  return list.length <= n ? list : [...list.slice(0, Math.ceil(n / 2)), ...list.slice(list.length - Math.floor(n / 2))];
}

/**
 * Converts an assembled incident into its result form; Code: lines that `codeCheck` rejected are not decoded. A machine-code
 * reading that throws is told to `onError` (the run's errors). `incidents`, how many are kept, shares out the samples listed.
 */
export function toIncident(d: IncidentDraft, machine: MachineInputs | undefined, codeCheck: CodeCheck, onError: StageError, incidents = 1): UnsaidIncident {
  // The first report that kept its registers or trace speaks for the episode: a copy cut to its header has nothing to say.
  const first = d.reports.find((r) => r.rip || r.stack.length > 0) ?? d.reports[0]!;
  const earliest = d.reports[0]!;
  const lastReport = d.reports[d.reports.length - 1]!;
  const firstLine = d.samples[0]?.line ?? first.header;
  const lastLine = d.samples[d.samples.length - 1]?.line ?? lastReport.header;
  const taint = lastReport.taint ?? first.taint;
  const stuck = d.reports.map((r) => r.stuckSeconds).filter((s): s is number => s !== null);
  const histogram = ripHistogram(d.samples);
  const notes = [...d.notes];
  const hottest = histogram[0];
  // Explain the most frequent RIP when it is where interrupts are re-enabled.
  const hotReports = hottest ? d.reports.filter((r) => r.rip?.function === hottest.function && r.rip.offset === hottest.offset) : [];
  const hotCode = hotReports.find((r) => r.code && !codeCheck.rejected.has(r))?.code ?? null;
  const irqNote = hotReports[0] ? irqRestoreNote(hotReports[0].rip, hotCode) : null;
  if (irqNote) notes.unshift(irqNote);
  const own = new Set(d.reports);
  notes.push(...codeCheck.conflicts.filter((c) => c.reports.some((r) => own.has(r))).map((c) => c.message));
  const taintChange = taintChangeNote(d);
  if (taintChange) notes.push(taintChange);
  // Each reason once, however many reports give it.
  const corruptionMessages = [...new Map(d.reports.flatMap((r) => r.corruption).map((c) => [JSON.stringify(c), c])).values()];
  const samples = ends(d.samples, Math.max(MIN_SAMPLES, Math.min(MAX_SAMPLES, Math.floor(SAMPLES_IN_ALL / incidents)))).map((s) => ({
    time: s.line.time,
    uptime: s.line.uptime,
    function: s.rip?.function ?? null,
    offset: s.rip?.offset ?? null,
    stuckSeconds: s.stuckSeconds,
    hasStack: s.stack.length > 0,
    stack: s.stack.slice(0, MAX_SAMPLE_FRAMES).map((f) => f.function),
    evidence: lineRef(s.line),
  }));
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    host: d.host,
    cpu: d.cpu,
    pid: d.pid,
    comm: d.comm,
    role: d.role,
    causedBy: d.causedBy,
    victims: d.victims,
    culprit: d.culprit,
    entry: d.entry,
    // From the result's own fields, so that a store can recompute it from the JSON.
    ...incidentSignature({ kind: d.kind, culprit: d.culprit, entry: d.entry, loopFunction: d.loopFunction, samples, stack: first.stack, details: first.details }),
    corrupted: d.reports.every((r) => r.corrupted),
    corruptionMessages,
    ...(earliest.partial ? { partial: { reason: earliest.partial } } : {}),
    // Every report is a sample; header-less register dumps attached to the episode add samples too.
    reports: d.samples.length,
    firstSeen: firstLine.time,
    lastSeen: lastLine.time,
    firstUptime: firstLine.uptime,
    lastUptime: lastLine.uptime,
    maxStuckSeconds: stuck.length ? stuck.reduce((a, b) => Math.max(a, b)) : null,
    kernel: first.kernel ?? d.reports.find((r) => r.kernel)?.kernel ?? null,
    hardware: first.hardware ?? d.reports.find((r) => r.hardware)?.hardware ?? null,
    taint,
    taintFlags: taint ? decodeTaint(taint).flags.map((f) => ({ letter: f.letter, meaning: f.meaning })) : [],
    rip: first.rip ? { function: first.rip.function, offset: first.rip.offset, size: first.rip.size, module: first.rip.module } : null,
    ripSamples: histogram.slice(0, MAX_RIP_ROWS),
    samples,
    loopFunction: d.loopFunction,
    stack: first.stack.map((f) => ({ ...f })),
    registers: { ...first.registers },
    stackWords: [...first.stackWords],
    code: first.code
      ? { bytes: first.code.unit === 'byte' ? first.code.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ') : first.code.words.join(' '), markerIndex: first.code.markerIndex, raw: first.code.raw }
      : null,
    details: { ...first.details },
    noteMessages: notes,
    machine: machineSection(d, machine, codeCheck, onError),
    lines: earliest.lines.flatMap((l) => l.pieces ?? [l]).map((l) => ({ path: l.path, line: l.lineNo, text: l.text })),
    evidence: ends(d.samples, MAX_EVIDENCE).map((s) => lineRef(s.line)),
  };
}
