// Generates large, realistic node logs for the benchmark: mostly daemon and kernel noise, with kernel
// reports of several kinds planted at known places, so that the benchmark can check what was found.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { IncidentKind } from '../src/result/kinds.js';
import { DAEMON_NOISE, KERNEL_NOISE, NOISY_NOISE, OTHER_REPORTS, STORAGE_NOISE } from './templates.js';

export type GeneratedFormat = 'syslog' | 'bundle';

/** The noise of the log: today's quiet node, a busy container node, or a node whose disk fails. */
export type NoiseMix = 'quiet' | 'noisy' | 'storage';

/** Lines of a mix drawn from its own list (the rest is the quiet node's noise), and that list. */
const MIXES: Record<Exclude<NoiseMix, 'quiet'>, { readonly share: number; readonly lines: readonly (readonly [string, string])[] }> = {
  // About 7 % of all lines notable (denials, kubelet and containerd errors, nfs), most of them distinct texts.
  noisy: { share: 0.15, lines: NOISY_NOISE },
  storage: { share: 0.6, lines: STORAGE_NOISE },
};

export interface GenerateOptions {
  /** Approximate size of the log in bytes. */
  readonly bytes: number;
  readonly format: GeneratedFormat;
  readonly host: string;
  /** Incidents planted, spread evenly over the log; each is one episode of one kind. */
  readonly incidents: number;
  readonly seed: number;
  /** The noise (default quiet). */
  readonly mix?: NoiseMix;
  /** Seconds between planted incidents (default 30 minutes); the log spans (incidents + 1) times this. */
  readonly spacingSeconds?: number;
  /** The kinds planted, taking turns (default all the templates'). */
  readonly kinds?: readonly IncidentKind[];
  /**
   * The clock advances with the noise written only, not with the reports (default: with all bytes). For logs so small
   * that their reports are a large part of them: otherwise the clock jumps past the episode gap inside an episode.
   */
  readonly clockByNoise?: boolean;
}

/** What was planted: incidents per kind, the reports they hold, and the size written. */
export interface Plan {
  readonly incidents: Partial<Record<IncidentKind, number>>;
  readonly reports: number;
  readonly lines: number;
  readonly bytes: number;
}

const NODE2_EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
/** Planted incidents are this far apart, beyond the analyzer's 10-minute episode gap. */
const INCIDENT_SPACING_SECONDS = 30 * 60;
/** The log starts here (local time, +08:00 like the node-2 example). */
const START_MS = Date.UTC(2022, 10, 5, 0, 0, 0);
const ZONE = '+0800';
const CHUNK_BYTES = 1 << 20;

/** Small deterministic PRNG (mulberry32), so that a seed always gives the same log. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The soft-lockup reports of the node-2 example (kernel messages from header to `Code:`), CPU 12's only. Some reports
 * print no `Code:` line; such a report is left out where the next report's header starts.
 */
function node2SoftLockups(): string[][] {
  const messages = readFileSync(NODE2_EXAMPLE, 'utf8')
    .split('\n')
    .map((l) => /\bkernel: (.*)$/.exec(l)?.[1]?.trimEnd())
    .filter((m): m is string => m !== undefined);
  const reports: string[][] = [];
  let current: string[] | null = null;
  for (const m of messages) {
    if (/BUG: soft lockup - CPU#\d+ /.test(m)) current = /CPU#12 /.test(m) ? [] : null;
    if (!current) continue;
    current.push(m);
    if (m.startsWith('Code:')) {
      reports.push(current);
      current = null;
    }
  }
  return reports;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Line prefix up to the program tag, cached per second (most lines share their second with the one before). */
function prefixer(format: GeneratedFormat, host: string): (ms: number) => string {
  let second = -1;
  let cached = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s === second) return cached;
    second = s;
    const d = new Date(s * 1000);
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const syslog = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${clock} ${host} `;
    cached = format === 'syslog' ? syslog : `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clock} ${ZONE} | messages | ${syslog}`;
    return cached;
  };
}

interface PlantedReport {
  readonly atMs: number;
  readonly lines: readonly string[];
}

interface Episode {
  readonly kind: IncidentKind;
  readonly reports: PlantedReport[];
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(cpu|pid|comm)\}/g, (_w, key: string) => values[key]!);
}

/** The episode planted as the i-th incident: kinds take turns, CPUs and PIDs vary. */
function episode(i: number, atMs: number, softLockups: string[][], rnd: () => number, only?: readonly IncidentKind[]): Episode {
  const kinds = (['soft-lockup', ...OTHER_REPORTS] as const).filter((k) => !only || only.includes(k === 'soft-lockup' ? k : k.kind));
  const pick = kinds[i % kinds.length]!;
  const cpu = String(1 + Math.floor(rnd() * 30));
  const pid = String(20_000 + Math.floor(rnd() * 40_000));
  if (pick === 'soft-lockup') {
    const first = Math.floor(rnd() * (softLockups.length - 4));
    const reports = [0, 1, 2, 3].map((k) => ({
      atMs: atMs + k * 28_000,
      lines: softLockups[first + k]!.map((m) => m.replace(/CPU#12 /, `CPU#${cpu} `).replace(/CPU: 12 PID: 39156/, `CPU: ${cpu} PID: ${pid}`).replace(/:39156\]/, `:${pid}]`)),
    }));
    return { kind: 'soft-lockup', reports };
  }
  const values = { cpu, pid, comm: pick.kind === 'oom' ? 'java' : 'kworker/u64:2' };
  const reports = Array.from({ length: pick.repeats }, (_v, k) => ({ atMs: atMs + k * pick.every * 1000, lines: pick.lines.map((l) => fill(l, values)) }));
  return { kind: pick.kind, reports };
}

function noiseValue(template: string, rnd: () => number): string {
  return template
    .replace(/\{n\}/g, () => String(1 + Math.floor(rnd() * 60)))
    .replace(/\{h\}/g, () => Math.floor(rnd() * 0xffffff).toString(16).padStart(6, '0'))
    .replace(/\{x\}/g, () => Math.floor(rnd() * 0xffffffff).toString(16).padStart(8, '0'))
    .replace(/\{N\}/g, () => String(Math.floor(rnd() * 1e9)))
    .replace(/\{ms\}/g, () => String(Math.floor(rnd() * 1000)).padStart(3, '0'));
}

/**
 * Yields the log in chunks of about 1 MiB. Time advances with the bytes written so that planted
 * incidents fall INCIDENT_SPACING_SECONDS apart; a report is written once the clock reaches it.
 */
export function* generateChunks(options: GenerateOptions, plan: { incidents: Record<string, number>; reports: number; lines: number; bytes: number }): Generator<string> {
  const rnd = random(options.seed);
  const softLockups = node2SoftLockups();
  const spacingMs = (options.spacingSeconds ?? INCIDENT_SPACING_SECONDS) * 1000;
  const spanMs = (options.incidents + 1) * spacingMs;
  const mix = options.mix && options.mix !== 'quiet' ? MIXES[options.mix] : null;
  const prefix = prefixer(options.format, options.host);
  const pending: PlantedReport[] = [];
  let nextIncident = 0;
  let chunk = '';
  let reportBytes = 0;
  const write = (ms: number, tag: string, message: string) => {
    const line = `${prefix(ms)}${tag}: ${message}\n`;
    chunk += line;
    plan.bytes += line.length;
    plan.lines++;
  };
  while (plan.bytes < options.bytes) {
    const now = START_MS + ((plan.bytes - (options.clockByNoise ? reportBytes : 0)) / options.bytes) * spanMs;
    if (nextIncident < options.incidents && now >= START_MS + (nextIncident + 0.5) * spacingMs) {
      const planted = episode(nextIncident++, now, softLockups, rnd, options.kinds);
      plan.incidents[planted.kind] = (plan.incidents[planted.kind] ?? 0) + 1;
      plan.reports += planted.reports.length;
      pending.push(...planted.reports);
    }
    if (pending.length > 0 && pending[0]!.atMs <= now) {
      const report = pending.shift()!;
      // A daemon line lands in the middle of each report, as syslog interleaves programs.
      const middle = Math.floor(report.lines.length / 2);
      const before = plan.bytes;
      report.lines.forEach((m, k) => {
        if (k === middle) write(now, 'sshd[4242]', 'Received disconnect from 10.10.3.21 port 51844:11: disconnected by user');
        write(now, 'kernel', m);
      });
      reportBytes += plan.bytes - before;
      continue;
    }
    if (mix && rnd() < mix.share) {
      const [tag, message] = mix.lines[Math.floor(rnd() * mix.lines.length)]!;
      write(now, tag, noiseValue(message, rnd));
    } else if (rnd() < 0.3) write(now, 'kernel', noiseValue(KERNEL_NOISE[Math.floor(rnd() * KERNEL_NOISE.length)]!, rnd));
    else {
      const [tag, message] = DAEMON_NOISE[Math.floor(rnd() * DAEMON_NOISE.length)]!;
      write(now, noiseValue(tag, rnd), noiseValue(message, rnd));
    }
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function emptyPlan() {
  return { incidents: {} as Record<string, number>, reports: 0, lines: 0, bytes: 0 };
}

/** The whole log as a string (tests, small sizes). */
export function generateText(options: GenerateOptions): { text: string; plan: Plan } {
  const plan = emptyPlan();
  const text = [...generateChunks(options, plan)].join('');
  return { text, plan };
}

/** Writes the log to a file, streaming; returns what was planted. */
export async function generateFile(path: string, options: GenerateOptions): Promise<Plan> {
  const plan = emptyPlan();
  const out = createWriteStream(path);
  for (const chunk of generateChunks(options, plan)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return plan;
}
