// Generators of hostile log text: lines in every prefix format with kernel-report bodies, junk,
// NUL bytes, odd line ends, and mutations (cuts, shuffles, duplicates, damage) of real logs.
import { readdirSync, readFileSync } from 'node:fs';
import { CORPUS_DIR, hasShared } from '../helpers/shared.js';
import fc from 'fast-check';
import { DETECTORS } from '../../src/reports/index.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Report bodies of every era, plus the detectors' own header examples (new detectors join by themselves). */
export const KERNEL_TEXTS = [
  ...DETECTORS.flatMap((d) => d.meta.examples),
  'NMI watchdog: BUG: soft lockup - CPU#12 stuck for 22s! [dockerd-current:39156]',
  'watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:1:123]',
  'Modules linked in: rbd libceph dm_mod',
  'CPU: 12 PID: 39156 Comm: dockerd-current Tainted: G        W  OEL ------------   3.10.0-693.el7.x86_64 #1',
  'CPU: 3 PID: 123 Comm: kworker/3:1 Not tainted 6.1.0 #1',
  'CPU: 13 UID: 0 PID: 74 Comm: migration/13 Tainted: G L 6.12.0 #1',
  'Hardware name: Dell Inc. PowerEdge R740/01YM03, BIOS 2.2.11 06/13/2019',
  'task: ffff881fd1603f80 ti: ffff881f5b314000 task.ti: ffff881f5b314000',
  'RIP: 0010:[<ffffffff816ab935>]  [<ffffffff816ab935>] _raw_spin_unlock_irqrestore+0x15/0x20',
  'RIP: 0010:smp_call_function_many_cond+0x11e/0x4f0',
  'RIP: 0033:0x7f0000000000',
  'pc : queued_spin_lock_slowpath+0x1d8/0x2e0',
  'RSP: 0018:ffff881f5b317c28  EFLAGS: 00000246',
  'RAX: ffff880f2d793cd0 RBX: ffff88103cd99cc0 RCX: ffff880f2d793ce8',
  'Stack:',
  'ffff881f5b317c60 ffffffff810bd514 ffff880f2d793cb8 ffff8820389a7290',
  'Call Trace:',
  'Call trace:',
  ' <IRQ>',
  ' </IRQ>',
  ' <TASK>',
  ' </TASK>',
  '[<ffffffff810bd514>] __wake_up+0x44/0x50',
  '[<ffffffffc00015eb>] __dm_destroy+0x7b/0x310 [dm_mod]',
  ' ? dev_suspend+0x250/0x250 [dm_mod]',
  ' blk_set_queue_dying+0xa1/0xc0',
  ' kasan_report+0x12/0x20 mm/kasan/report.c:123',
  ' __memset mm/kasan/shadow.c:44 [inline]',
  'Code: 07 00 0f 1f 40 00 5d c3 0f 1f 40 00 57 9d <0f> 1f 44 00 00 5d c3',
  'Code: a9bf7bfd 910003fd (e5c3201c)',
  'Code: zz <qq>',
  '** 12 printk messages dropped **',
  '---[ end trace 4f2c8c2a1b3d5e6f ]---',
  '---[ end Kernel panic - not syncing: softlockup: hung tasks ]---',
  'Kernel panic - not syncing: softlockup: hung tasks',
  'INFO: task khugepaged:52 blocked for more than 120 seconds.',
  'rbd: rbd1: encountered watch error: -107',
  'XFS (dm-12): Unmounting Filesystem',
  'Out of memory: Killed process 1234 (java) total-vm:1000kB',
  'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
  'general protection fault: 0000 [#1] SMP KASAN',
  'Oops: 0002 [#1] SMP',
  'WARNING: CPU: 1 PID: 1 at kernel/foo.c:12 foo+0x1/0x2',
  'INFO: rcu_sched self-detected stall on CPU',
  'Sending NMI from CPU 3 to CPUs 0-2:',
  'NMI backtrace for cpu 0',
  'sshd[1234]: fatal: Timeout before authentication',
];

const word = fc.stringMatching(/^[a-z_][a-z0-9_/.:-]{0,12}$/);
const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));

/** A kernel-looking message, a variation of one, or junk. */
export const messageArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KERNEL_TEXTS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...KERNEL_TEXTS), fc.nat(200), fc.string({ maxLength: 8 })).map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s) },
  { weight: 1, arbitrary: fc.tuple(word, hex(4), hex(4)).map(([f, o, s]) => ` ${f}+0x${o}/0x${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(999), fc.nat(99999), word, fc.nat(99999)).map(([c, s, comm, pid]) => `BUG: soft lockup - CPU#${c} stuck for ${s}s! [${comm}:${pid}]`) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(999), fc.nat(99999), word).map(([c, p, comm]) => `CPU: ${c} PID: ${p} Comm: ${comm} Not tainted 5.4.0 #1`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\0', '\t', ' ', '[', ']', '<', '>', ':', '|', '\uFFFD', '\u001b', 'x', '0'), maxLength: 60 }) },
);

/** One of the prefixes ktriage reads, with a plausible time, a program tag, or nothing. */
export const prefixArb: fc.Arbitrary<string> = fc
  .tuple(fc.nat(13), fc.integer({ min: 0, max: 86_399 }), fc.nat(999_999), fc.constantFrom('kernel', 'kernel', 'myapp[123]', 'systemd[1]', 'sshd'), fc.nat(99_999))
  .map(([kind, secs, micros, tag, caller]) => {
    const h = pad(Math.floor(secs / 3600));
    const m = pad(Math.floor(secs / 60) % 60);
    const s = pad(secs % 60);
    const uptime = `${secs}.${pad(micros, 6)}`;
    const plainTag = tag.replace(/\[\d+\]$/, '');
    switch (kind) {
      case 0: return `Nov 12 ${h}:${m}:${s} node-2 ${tag}: `;
      case 1: return `2022-11-12 ${h}:${m}:${s} +0800 | messages | Nov 12 ${h}:${m}:${s} node-2 ${tag}: `;
      case 2: return `2022-11-12T${h}:${m}:${s}.${pad(micros, 6)}+08:00 node-2 ${tag}: `;
      case 3: return `<6>1 2022-11-12T${h}:${m}:${s}.123+08:00 node-2 ${plainTag} - - - `;
      case 4: return `[${uptime.padStart(12)}] `;
      case 5: return `[${uptime.padStart(12)}][${`T${caller}`.padStart(6)}] `;
      case 6: return `[${uptime.padStart(12)}][${`C${caller % 64}`.padStart(6)}] `;
      case 7: return `[Sat Nov 12 ${h}:${m}:${s} 2022] `;
      case 8: return `4,${caller},${secs}${pad(micros, 6)},-;`;
      case 9: return `14,${caller},${secs}${pad(micros, 6)},-;`;
      case 10: return `<4>[${uptime.padStart(12)}] `;
      case 11: return `Nov 12 ${h}:${m}:${s}.${pad(micros, 6)} node-2 ${tag}: `;
      default: return '';
    }
  });

export const lineEndArb = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');

/** A whole log of random lines in mixed formats and line ends. */
export const logArb: fc.Arbitrary<string> = fc
  .array(fc.tuple(prefixArb, messageArb, lineEndArb), { maxLength: 80 })
  .map((lines) => lines.map(([p, m, end]) => p + m + end).join(''));

/** A change to a log's lines: what printk, a full disk, a reboot or a grep does to real logs. */
export type Mutation =
  | { readonly op: 'delete' | 'duplicate' | 'reverse' | 'shuffle'; readonly at: number; readonly length: number }
  | { readonly op: 'move'; readonly at: number; readonly length: number; readonly to: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'damage'; readonly at: number; readonly column: number; readonly text: string }
  | { readonly op: 'cut'; readonly at: number; readonly column: number };

const at = fc.nat(100_000);
/** Mutations that move or remove whole lines, never changing a character: the truth of each line stays known. */
export const lineMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'reverse' as const, 'shuffle' as const), at, length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ op: fc.constant('move' as const), at, length: fc.integer({ min: 1, max: 60 }), to: at }),
);
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  lineMutationArb,
  fc.record({ op: fc.constant('insert' as const), at, text: fc.oneof(messageArb, fc.tuple(prefixArb, messageArb).map(([p, m]) => p + m)) }),
  fc.record({ op: fc.constant('damage' as const), at, column: fc.nat(300), text: fc.oneof(fc.constantFrom('\0', '\0\0\0\0', '\uFFFD', '\r', '** 3 printk messages dropped **'), fc.string({ maxLength: 6 })) }),
  fc.record({ op: fc.constant('cut' as const), at, column: fc.nat(300) }),
);

/**
 * Applies mutations to lines; each output line is `{ text, origin }`, origin being the index of the
 * input line it came from (null for inserted or damaged text).
 */
export function mutate(lines: readonly string[], mutations: readonly Mutation[]): { text: string; origin: number | null }[] {
  let out: { text: string; origin: number | null }[] = lines.map((text, origin) => ({ text, origin }));
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.at % out.length;
    switch (m.op) {
      case 'delete':
        out.splice(i, m.length);
        break;
      case 'duplicate':
        out.splice(i, 0, ...out.slice(i, i + m.length));
        break;
      case 'reverse':
        out.splice(i, m.length, ...out.slice(i, i + m.length).reverse());
        break;
      case 'shuffle': {
        // A fixed permutation (odd positions first) keeps the shrinker's counterexamples readable.
        const part = out.slice(i, i + m.length);
        out.splice(i, m.length, ...part.filter((_, k) => k % 2 === 1), ...part.filter((_, k) => k % 2 === 0));
        break;
      }
      case 'move': {
        const part = out.splice(i, m.length);
        out.splice(m.to % (out.length + 1), 0, ...part);
        break;
      }
      case 'insert':
        out.splice(i, 0, { text: m.text, origin: null });
        break;
      case 'damage': {
        const t = out[i]!.text;
        const col = m.column % (t.length + 1);
        out[i] = { text: t.slice(0, col) + m.text + t.slice(col), origin: null };
        break;
      }
      case 'cut':
        // The log ends in the middle of a line (a reboot, a full disk).
        out = out.slice(0, i + 1);
        out[i] = { text: out[i]!.text.slice(0, m.column), origin: null };
        break;
    }
  }
  return out;
}

/** The console logs of the syzkaller corpus (headers and expected reports removed); none without the shared data. */
export function corpusLogs(dir = CORPUS_DIR): { name: string; text: string }[] {
  if (!hasShared) return [];
  return readdirSync(dir)
    .filter((f) => /^\d+$/.test(f))
    .sort((a, b) => Number(a) - Number(b))
    .map((name) => {
      const raw = readFileSync(`${dir}/${name}`, 'utf8').replace(/\r/g, '');
      const body = raw.slice(raw.indexOf('\n\n') + 2);
      const report = body.indexOf('\n\nREPORT:\n');
      return { name, text: report >= 0 ? body.slice(0, report + 1) : body };
    });
}
