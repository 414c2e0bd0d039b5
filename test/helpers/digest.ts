import type { Result } from '../../src/result/schema.js';

/** The parts of a diagnosis a person checks, independent of line numbers and formats. */
export function diagnosisDigest(result: Result) {
  return {
    incidents: result.incidents.map((i) => ({
      kind: i.kind,
      title: i.title,
      cpu: i.cpu,
      pid: i.pid,
      comm: i.comm,
      role: i.role,
      causedBy: i.causedBy,
      reports: i.reports,
      maxStuckSeconds: i.maxStuckSeconds,
      loopFunction: i.loopFunction,
      culprit: i.culprit?.function ?? null,
      entry: i.entry?.function ?? null,
      ripSamples: i.ripSamples,
    })),
    rbd: result.events
      .filter((e) => e.template === 'rbd: rbdN: encountered watch error: -107')
      .map((e) => ({ count: e.count, subjects: e.subjects, errnoName: e.errnoName, relatedTo: e.relation?.incident ?? null })),
  };
}
