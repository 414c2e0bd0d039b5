import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, Result } from '../../src/result/schema.js';
import { analyzePaths } from '../../src/run.js';
import { digestInputs } from '../../src/store/digest.js';
import { ingestResult, type InputDigest } from '../../src/store/ingest.js';
import { storeLocation } from '../../src/store/location.js';
import { Store } from '../../src/store/open.js';

export const NODE2 = 'examples/node-2/messages.node-2.20221112.log';
/** The seed write-up's excerpt: a part of the same lines as NODE2 (10:10:59 to 10:16:00), in a file of its own. */
export const NODE2_EXCERPT = 'examples/node-2/seed-excerpt.log';

/** The node-2 log as another host logged it: the same soft lockup, the host name changed in every line. */
export function otherHostLog(dir: string, host: string): string {
  const path = join(dir, `messages.${host}.log`);
  writeFileSync(path, readFileSync(NODE2, 'utf8').replace(/\bnode-2\b/g, host));
  return path;
}

/**
 * One day's result of a host of a fleet, made from an analyzed result (node-2's): one input, the host on `kernel`,
 * and `incidents` copies of its first incident (the same problem), an hour apart from the day's start. `incidents` 0
 * is a clean day, which still says which kernel the host ran.
 */
export function fleetDay(analyzed: Result, host: string, kernel: string, day: string, incidents: number): { result: Result; digests: Map<string, InputDigest> } {
  const path = `${host}/messages-${day}`;
  const start = Date.parse(`${day}T00:00:00Z`);
  const at = (ms: number) => new Date(start + ms).toISOString();
  const template = analyzed.incidents[0]!;
  const list: Incident[] = Array.from({ length: incidents }, (_, n) => ({
    ...template,
    id: `I${n + 1}`,
    host,
    kernel,
    pid: 1000 + n,
    role: 'standalone',
    causedBy: null,
    victims: [],
    firstSeen: at(n * 3_600_000),
    lastSeen: at(n * 3_600_000 + 60_000),
    evidence: [{ path, line: 10 + n }],
    lines: template.lines.slice(0, 2).map((l) => ({ ...l, path })),
  }));
  const result: Result = {
    ...analyzed,
    inputs: [{ ...analyzed.inputs[0]!, path, host, firstSeen: at(0), lastSeen: at(86_399_000) }],
    summary: { ...analyzed.summary, hosts: [host], kernels: [kernel] },
    incidents: list,
    events: [],
  };
  return { result, digests: new Map([[path, { sha256: createHash('sha256').update(path).digest('hex'), size: 1000 }]]) };
}

const analyzed = new Map<string, Promise<Result>>();

/**
 * Stores a log as `ktriage ingest` does, in this process, each log analyzed once per file: the setup of a test whose
 * assertions are not about that ingest's own run (a process each costs about a CPU second).
 */
export async function keep(db: string, ...paths: string[]): Promise<void> {
  const store = await Store.open(storeLocation(db), { create: true });
  try {
    for (const path of paths) {
      const result = await (analyzed.get(path) ?? analyzed.set(path, analyzePaths([path]).then((o) => o.result)).get(path)!);
      await ingestResult(store, result, await digestInputs(result.inputs.map((i) => i.path)));
    }
  } finally {
    await store.close();
  }
}
