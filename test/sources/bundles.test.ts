import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/result/schema.js';
import { tarOf, zipOf, type ArchiveMember } from '../helpers/archives.js';
import { convert, parseBundle } from '../helpers/convert.js';
import { diagnosisDigest } from '../helpers/digest.js';
import { analyzeAt, hasXz, scratchFolder } from '../helpers/scratch.js';

const EXAMPLE = 'examples/node-2/messages.node-2.20221112.log';
const exampleText = readFileSync(EXAMPLE, 'utf8');
const NOW = () => new Date('2022-11-13T00:00:00Z');
const { dir, write } = scratchFolder('ktriage-bundles-');
const analyze = (...paths: string[]) => analyzeAt(NOW, ...paths);

/** The example split as logrotate would: the older half rotated and gzipped, cut just before a watchdog report. */
function rotatedNode2(folder: string): ArchiveMember[] {
  const lines = exampleText.split('\n');
  const cut = lines.findIndex((l, i) => i >= lines.length / 2 && /soft lockup - CPU#/.test(l));
  const older = `${lines.slice(0, cut).join('\n')}\n`;
  const newer = lines.slice(cut).join('\n');
  // The live file first: archive order is not time order, and the diagnosis must not depend on it.
  return [
    { name: `${folder}/os/messages`, data: newer },
    { name: `${folder}/os/messages-20221112.gz`, data: gzipSync(older) },
  ];
}

/** What a person compares: incidents, victims, loop bound, RIP histogram, the rbd errors, verdict and findings. */
function diagnosis(result: Result) {
  return { ...diagnosisDigest(result), verdict: result.summary.verdict, findings: result.findings.map((f) => f.text), warnings: result.warnings };
}

describe('a node bundle read in place (no unpacking)', () => {
  const FOLDER = 'ecs-i-bp1f2a3b4c5d6e7f8a9b';

  it('gives the same diagnosis for node-2 as a .tar.gz of os/messages + rotated messages-20221112.gz as for the plain file', async () => {
    const plain = await analyze(EXAMPLE);
    const bundle = write('node-2.tar.gz', gzipSync(await tarOf(rotatedNode2(FOLDER))));
    const result = await analyze(bundle);
    expect(result.inputs.map((i) => [i.path, i.host])).toEqual([
      [`${bundle}:${FOLDER}/os/messages`, 'node-2'],
      [`${bundle}:${FOLDER}/os/messages-20221112.gz`, 'node-2'],
    ]);
    expect(result.inputs.reduce((n, i) => n + i.lines, 0)).toBe(plain.inputs[0]!.lines);
    expect(diagnosis(result)).toEqual(diagnosis(plain));
    expect(result.incidents.map((i) => [i.title, i.role, i.reports])).toEqual([
      ['soft lockup in blk_set_queue_dying', 'culprit', 24],
      ['soft lockup in multi_cpu_stop', 'victim', 14],
      ['soft lockup in multi_cpu_stop', 'victim', 8],
    ]);
  });

  it('reads the same bundle as .zip, rotated file first', async () => {
    const plain = await analyze(EXAMPLE);
    const result = await analyze(write('node-2.zip', zipOf(rotatedNode2(FOLDER))));
    expect(result.inputs.map((i) => i.path.split(':').pop())).toEqual([`${FOLDER}/os/messages-20221112.gz`, `${FOLDER}/os/messages`]);
    expect(diagnosis(result)).toEqual(diagnosis(plain));
  });

  it.skipIf(!hasXz)('reads .tar.xz (sosreport) bundles and .xz logs', async () => {
    const plain = await analyze(EXAMPLE);
    const tarPath = write('xz/sosreport-node-2-2022-11-12-abcdef.tar', await tarOf(rotatedNode2('sosreport-node-2-2022-11-12-abcdef/var/log')));
    execFileSync('xz', ['-z', '-f', tarPath]);
    expect(diagnosis(await analyze(`${tarPath}.xz`))).toEqual(diagnosis(plain));
    const xzLog = write('xz/messages-20221112', exampleText);
    execFileSync('xz', ['-z', '-f', xzLog]);
    expect(diagnosis(await analyze(`${xzLog}.xz`))).toEqual(diagnosis(plain));
  });

  it('walks into bundles inside a directory, and into a bundle inside a bundle', async () => {
    const inner = gzipSync(await tarOf(rotatedNode2(FOLDER)));
    const outer = write('fleet/collected.tar', await tarOf([{ name: 'node-2.tar.gz', data: inner }, { name: 'README', data: 'collected by support' }]));
    const result = await analyze(join(dir, 'fleet'));
    expect(result.inputs.map((i) => i.path)).toEqual([`${outer}:node-2.tar.gz:${FOLDER}/os/messages`, `${outer}:node-2.tar.gz:${FOLDER}/os/messages-20221112.gz`]);
    expect(result.incidents).toHaveLength(3);
  });

  it('says what is wrong with a truncated or corrupt bundle and keeps what it read', async () => {
    const whole = gzipSync(await tarOf(rotatedNode2(FOLDER)));
    const result = await analyze(write('cut.tar.gz', whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(/compressed data ends early|truncated|Unexpected end/);
    const zip = await analyze(write('broken.zip', Buffer.from('PK\u0003\u0004 not really a zip')));
    expect(zip.warnings).toEqual([expect.objectContaining({ path: expect.stringContaining('broken.zip'), message: expect.stringMatching(/^not a readable zip archive/) })]);
  });
});

describe('several hosts in one run', () => {
  const records = parseBundle(exampleText);

  /** The node-2 incident as another host saw it: syslog lines naming that host. */
  function syslogOf(host: string): string {
    return convert(records.map((r) => ({ ...r, host })), 'syslog');
  }

  it('answers per host for a directory of three hosts\' bundles, and names the incidents seen on several hosts at once', async () => {
    const fleet = join(dir, 'three-hosts');
    write('three-hosts/node-a.tar.gz', gzipSync(await tarOf([{ name: 'var/log/messages', data: syslogOf('node-a') }])));
    // dmesg -T lines carry no hostname: the bundle's name tells the host.
    write('three-hosts/node-b.tar.gz', gzipSync(await tarOf([{ name: 'var/log/dmesg', data: convert(records, 'dmesg-human') }])));
    const quiet = records.filter((r) => r.tag !== 'kernel').map((r) => ({ ...r, host: 'node-c' }));
    write('three-hosts/node-c.zip', zipOf([{ name: 'var/log/messages', data: convert(quiet, 'syslog') }]));
    const result = await analyze(fleet);
    expect(result.summary.hosts).toEqual(['node-a', 'node-b', 'node-c']);
    const byHost = (host: string) => result.incidents.filter((i) => i.host === host).map((i) => [i.title, i.role, i.reports]);
    const node2 = [
      ['soft lockup in blk_set_queue_dying', 'culprit', 24],
      ['soft lockup in multi_cpu_stop', 'victim', 14],
      ['soft lockup in multi_cpu_stop', 'victim', 8],
    ];
    expect(byHost('node-a')).toEqual(node2);
    expect(byHost('node-b')).toEqual(node2);
    expect(byHost('node-c')).toEqual([]);
    // Victims are linked within their own host only.
    for (const victim of result.incidents.filter((i) => i.role === 'victim')) {
      expect(result.incidents.find((i) => i.id === victim.causedBy)!.host).toBe(victim.host);
    }
    expect(result.summary.verdict).toMatch(/on 2 hosts \(node-a, node-b\)\.$/);
    const texts = result.findings.map((f) => f.text);
    expect(texts).toContainEqual(expect.stringMatching(/^node-a: 1 incident: soft lockup in blk_set_queue_dying \(I\d+, 24 reports\)\.$/));
    expect(texts).toContainEqual(expect.stringMatching(/^node-b: 1 incident: soft lockup in blk_set_queue_dying/));
    const atOnce = result.findings.find((f) => /hosts had incidents at the same time/.test(f.text))!;
    expect(atOnce.text).toMatch(/^2 hosts had incidents at the same time \(.*\): node-a soft lockup in blk_set_queue_dying .*; node-b soft lockup in blk_set_queue_dying/);
    expect(atOnce.severity).toBe('warning');
    // The rbd errors stay with the host that logged them.
    expect(result.events.filter((e) => e.template === 'rbd: rbdN: encountered watch error: -107').map((e) => e.host).sort()).toEqual(['node-a', 'node-b']);
  });

  it('tells hosts apart by their top-level folders in a directory of unpacked bundles', async () => {
    write('unpacked/node-x/var/log/dmesg', convert(records, 'dmesg-human'));
    write('unpacked/node-y/var/log/dmesg', convert(records.slice(0, 5), 'dmesg-human'));
    const result = await analyze(join(dir, 'unpacked'));
    expect(result.inputs.map((i) => i.host)).toEqual(['node-x', 'node-y']);
    expect(new Set(result.incidents.map((i) => i.host))).toEqual(new Set(['node-x']));
  });

  it('names an input\'s host by its lines when they name one, not by its folder: one node in two folders is one host', async () => {
    write('renamed/case-1/messages', syslogOf('node-a'));
    write('renamed/case-2/messages', syslogOf('node-b'));
    write('renamed/case-2-again/messages', syslogOf('node-a'));
    const result = await analyze(join(dir, 'renamed'));
    expect(result.inputs.map((i) => i.host)).toEqual(['node-a', 'node-b', 'node-a']);
    expect(result.summary.hosts).toEqual(['node-a', 'node-b']);
  });

  it('tells two unconfigured nodes that both log as localhost apart by their folders, in syslog and in a journal export', async () => {
    write('unnamed/vm-1/messages', syslogOf('localhost'));
    write('unnamed/vm-2/journal.json', convert(records.map((r) => ({ ...r, host: 'localhost.localdomain' })), 'journal-json'));
    const result = await analyze(join(dir, 'unnamed'));
    expect(result.inputs.map((i) => i.host)).toEqual(['vm-1', 'vm-2']);
    expect([...result.summary.hosts].sort()).toEqual(['vm-1', 'vm-2']);
    // Each node's soft lockup and its two victims, on its own host (one node's reports never merged with the other's).
    const byHost = (host: string) => result.incidents.filter((i) => i.host === host).map((i) => [i.title, i.role, i.reports]);
    expect(byHost('vm-1')).toEqual(byHost('vm-2'));
    expect(byHost('vm-1').map(([, role, reports]) => [role, reports])).toEqual([['culprit', 24], ['victim', 14], ['victim', 8]]);
  });
});

describe('unsafe archive members are refused, nothing is written, the rest is read', () => {
  const normal = { name: 'var/log/messages', data: exampleText };
  // 64 MiB of one letter: gzip packs it about 1028 times (deflate's limit), past the 1000x bomb ratio.
  const bombText = Buffer.alloc(64 * 1024 * 1024, 'a');

  function refusals(result: Result): string[] {
    return result.warnings.filter((w) => /refused/.test(w.message)).map((w) => `${w.path}: ${w.message}`);
  }

  it('refuses ".." and absolute paths and symbolic links in a tar, and analyzes the other members', async () => {
    const before = readdirSync(dir).sort();
    const archive = write('evil.tar.gz', gzipSync(await tarOf([
      { name: '../../evil/messages', data: 'x' },
      { name: '/var/log/messages', data: 'x' },
      { name: 'var/log/kern.log', symlinkTo: '/etc/shadow' },
      normal,
    ])));
    const result = await analyze(archive);
    expect(refusals(result)).toEqual([
      `${archive}:../../evil/messages: refused: path with ".." in the archive`,
      `${archive}:/var/log/messages: refused: absolute path in the archive`,
      `${archive}:var/log/kern.log: refused: symbolic link (not followed)`,
    ]);
    expect(result.inputs.map((i) => i.path)).toEqual([`${archive}:var/log/messages`]);
    expect(result.incidents).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual([...before, 'evil.tar.gz'].sort());
    expect(existsSync(join(dir, '..', 'evil'))).toBe(false);
  });

  it('refuses the same in a zip, and a zip member whose sizes say bomb, before inflating it', async () => {
    const archive = write('evil.zip', zipOf([
      { name: '../evil/messages', data: 'x' },
      { name: 'var/log/syslog', symlinkTo: '/etc/passwd' },
      { name: 'var/log/dmesg', data: bombText },
      normal,
    ]));
    const result = await analyze(archive);
    // Zip members are read in rotation order (dmesg, messages, syslog), not stored order.
    expect(refusals(result)).toEqual([
      `${archive}:var/log/dmesg: refused: decompresses to more than 1000 times its size (compression bomb?)`,
      `${archive}:../evil/messages: refused: path with ".." in the archive`,
      `${archive}:var/log/syslog: refused: symbolic link (not followed)`,
    ]);
    expect(result.inputs.map((i) => i.path)).toEqual([`${archive}:var/log/messages`]);
    expect(result.incidents).toHaveLength(3);
  });

  it('stops a gzip bomb inside a tar while inflating it and goes on with the next member', async () => {
    const archive = write('bomb.tar', await tarOf([{ name: 'var/log/messages-20221111.gz', data: gzipSync(bombText, { level: 9 }) }, normal]));
    const result = await analyze(archive);
    expect(result.warnings).toContainEqual({ path: `${archive}:var/log/messages-20221111.gz`, message: expect.stringMatching(/^refused: decompresses to more than 1000 times its size \(compression bomb\?\)/), code: 'read-failed', params: { reason: 'compression-bomb', ratio: 1000, lines: 0 } });
    expect(result.incidents).toHaveLength(3);
  });

  it('names compressions it cannot read instead of calling them binary', async () => {
    const result = await analyze(write('old/messages-20221110.bz2', 'BZh91AY&SY'));
    expect(result.warnings).toEqual([{ path: join(dir, 'old/messages-20221110.bz2'), message: 'bzip2-compressed logs are not read; decompress with bunzip2 first', code: 'not-read', params: { reason: 'bzip2' } }]);
  });
});
