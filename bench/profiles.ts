// The inputs `npm run bench` measures: each a generated log (or set of logs) of a given size with planted incidents,
// and the commands an engineer would run by hand on it (grep, and cat for the cost of reading alone).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { IncidentKind } from '../src/result/kinds.js';
import { generateChunks, type GenerateOptions, type Plan } from './generate.js';

/** What `grep` matches in every profile: the lines an engineer looks for first. */
export const GREP_PATTERN = 'x86_64|kernel: RIP:';

export interface Profile {
  readonly name: string;
  /** One line on what the input is. */
  readonly about: string;
  /** The generator's options of each log the input holds, for a size (also the cache key of the input). */
  readonly options: (bytes: number) => readonly GenerateOptions[];
  /** Where the input goes in `dir`, named by `stem` (the profile and size). */
  readonly path: (dir: string, stem: string) => string;
  /** Writes the input from the logs' chunks; returns what was planted, all logs together. */
  readonly write: (path: string, options: readonly GenerateOptions[]) => Promise<Plan>;
  /** The shell command that prints the input's text (cat), to be piped into grep; null for a plain file (grep reads it itself). */
  readonly text: (path: string) => string | null;
}

/** The kinds the generator plants, in its order (see episode in generate.ts). */
const KINDS: readonly IncidentKind[] = ['soft-lockup', 'hung-task', 'bad-access', 'warning', 'oom', 'rcu-stall'];

/** The same incidents at every size: memory must not grow with the noise around them. */
const single = (mix: GenerateOptions['mix'], extra: Partial<GenerateOptions> = {}) => (bytes: number) => [{ bytes, format: 'syslog' as const, host: 'node-7', incidents: 150, seed: 6, mix, ...extra }];

function emptyPlan() {
  return { incidents: {} as Record<string, number>, reports: 0, lines: 0, bytes: 0 };
}

/** Writes the log of `options` across `paths` in turn, about the same size each; those `gzip` names are gzipped. */
async function writeParts(options: GenerateOptions, paths: readonly string[], gzip: (index: number) => boolean, plan: ReturnType<typeof emptyPlan>): Promise<void> {
  const per = options.bytes / paths.length;
  let index = -1;
  let part: { file: NodeJS.WritableStream; out: NodeJS.WritableStream } | null = null;
  const close = async () => {
    if (!part) return;
    part.out.end();
    await once(part.file, 'close');
  };
  for (const chunk of generateChunks(options, plan)) {
    // (plan.bytes already counts the chunk)
    const wanted = Math.min(paths.length - 1, Math.floor((plan.bytes - chunk.length) / per));
    if (wanted !== index) {
      await close();
      index = wanted;
      const file = createWriteStream(paths[index]!);
      const zipped = gzip(index) ? createGzip() : null;
      zipped?.pipe(file);
      part = { file, out: zipped ?? file };
    }
    if (!part!.out.write(chunk)) await once(part!.out, 'drain');
  }
  await close();
}

/** Adds one log's plan to the input's. */
function addPlan(into: ReturnType<typeof emptyPlan>, one: ReturnType<typeof emptyPlan>): void {
  for (const [kind, n] of Object.entries(one.incidents)) into.incidents[kind] = (into.incidents[kind] ?? 0) + n;
  into.reports += one.reports;
  into.lines += one.lines;
  into.bytes += one.bytes;
}

const HOSTS = 200;
/** Rotations of each host's log: three gzipped, then the live file. */
const ROTATIONS = ['messages-20221105.gz', 'messages-20221106.gz', 'messages-20221107.gz', 'messages'];

const plainFile: Profile['write'] = async (path, options) => {
  const plan = emptyPlan();
  await writeParts(options[0]!, [path], () => false, plan);
  return plan;
};

export const PROFILES: readonly Profile[] = [
  {
    name: 'quiet',
    about: 'one node syslog, kernel lines mostly routine',
    options: single(undefined),
    path: (dir, stem) => join(dir, `${stem}.log`),
    write: plainFile,
    text: () => null,
  },
  {
    name: 'noisy',
    about: 'busy container node: conntrack drops, audit denials, veth and session churn; about 7 % notable, mostly distinct',
    options: single('noisy'),
    path: (dir, stem) => join(dir, `${stem}.log`),
    write: plainFile,
    text: () => null,
  },
  {
    name: 'storage',
    about: "one disk's I/O errors every few ms for about an hour, with hung tasks",
    // Twelve minutes apart (past the 10-minute episode gap): the log spans 84 minutes, whatever its size.
    options: single('storage', { incidents: 6, spacingSeconds: 12 * 60, kinds: ['hung-task'] }),
    path: (dir, stem) => join(dir, `${stem}.log`),
    write: plainFile,
    text: () => null,
  },
  {
    name: 'hosts',
    about: `a directory of ${HOSTS} hosts' syslogs, each rotated (${ROTATIONS.length - 1} gzipped and the live file)`,
    options: (bytes) =>
      Array.from({ length: HOSTS }, (_v, h) => ({
        bytes: bytes / HOSTS,
        format: 'syslog' as const,
        host: `node-${String(h).padStart(3, '0')}`,
        // One incident on three hosts of four, the kinds taking turns from host to host.
        incidents: h % 4 === 3 ? 0 : 1,
        seed: 100 + h,
        kinds: [KINDS[h % KINDS.length]!],
        mix: h % 10 === 0 ? ('noisy' as const) : undefined,
        // (a host's log at small sizes is mostly its reports)
        clockByNoise: true,
      })),
    path: (dir, stem) => join(dir, stem),
    write: async (path, options) => {
      rmSync(path, { recursive: true, force: true });
      const plan = emptyPlan();
      for (const o of options) {
        const folder = join(path, o.host);
        mkdirSync(folder, { recursive: true });
        const one = emptyPlan();
        await writeParts(o, ROTATIONS.map((name) => join(folder, name)), (i) => i < ROTATIONS.length - 1, one);
        addPlan(plan, one);
      }
      return plan;
    },
    text: (path) => `find "${path}" -type f | sort | xargs zcat -f`,
  },
  {
    name: 'sosreport',
    about: 'a sosreport-like .tar.xz of a noisy node: rotated messages files and command outputs',
    options: single('noisy', { host: 'node-9', seed: 9 }),
    path: (dir, stem) => join(dir, `sosreport-node-9-2022-11-12-${stem}.tar.xz`),
    write: async (path, options) => {
      const stage = `${path}.stage`;
      const top = 'sosreport-node-9-2022-11-12-abcdef';
      rmSync(stage, { recursive: true, force: true });
      mkdirSync(join(stage, top, 'var/log'), { recursive: true });
      mkdirSync(join(stage, top, 'sos_commands/kernel'), { recursive: true });
      writeFileSync(join(stage, top, 'sos_commands/kernel/uname_-a'), 'Linux node-9 3.10.0-693.11.1.el7.x86_64 #1 SMP Mon Dec 4 23:52:40 UTC 2017 x86_64 x86_64 x86_64 GNU/Linux\n');
      writeFileSync(join(stage, top, 'hostname'), 'node-9\n');
      const plan = emptyPlan();
      // sosreport copies rotated logs as they are on the node: the older ones uncompressed here (logrotate's dateext).
      await writeParts(options[0]!, ['messages-20221106', 'messages'].map((name) => join(stage, top, 'var/log', name)), () => false, plan);
      // xz -1 with threads: the generation stays minutes, not tens of minutes, at 1 GB.
      const tar = spawnSync('sh', ['-c', `tar -C "${stage}" -cf - ${top} | xz -1 -T2 > "${path}"`], { stdio: 'inherit' });
      rmSync(stage, { recursive: true, force: true });
      if (tar.status !== 0) throw new Error(`tar | xz failed for ${path}`);
      return plan;
    },
    text: (path) => `xz -dc "${path}"`,
  },
];
