import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyzer.js';
import { resultSchema, type Result } from '../src/result/schema.js';
import { convert, parseBundle, type TargetFormat } from './helpers/convert.js';
import { diagnosisDigest } from './helpers/digest.js';
import { describeWithShared, NODE2_FIXTURE_DIR } from './helpers/shared.js';

// What ../shared/fixtures/node-2-softlockup/EXPECTED.md says a correct diagnosis finds, read from its copy in
// examples/ (the first test checks that the copy is the fixture).
const FIXTURE = 'examples/node-2';
const messages = readFileSync(`${FIXTURE}/messages.node-2.20221112.log`, 'utf8');
const excerpt = readFileSync(`${FIXTURE}/seed-excerpt.log`, 'utf8');
const NOW = () => new Date('2022-11-13T00:00:00Z');

function analyze(text: string, path = 'messages', options = {}): Result {
  return analyzeText(text, path, { now: NOW, ...options });
}

const full = analyze(messages);
const culprit = full.incidents.find((i) => i.cpu === 12)!;

/** Every file under a directory, by its path relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = join(prefix, name);
    return statSync(join(dir, path)).isDirectory() ? filesUnder(dir, path) : [path];
  });
}

describeWithShared('examples/node-2', () => {
  it('is the node-2 fixture of ../shared, file for file', () => {
    const files = filesUnder(NODE2_FIXTURE_DIR).sort();
    expect(filesUnder(FIXTURE).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(FIXTURE, f), 'utf8'), f).toBe(readFileSync(join(NODE2_FIXTURE_DIR, f), 'utf8'));
  });
});

describe('node-2 messages file (EXPECTED.md)', () => {
  it('validates against the result schema', () => {
    expect(resultSchema.safeParse(full).success).toBe(true);
    expect(full.schemaVersion).toBe(1);
    expect(full.inputs).toEqual([expect.objectContaining({ path: 'messages', format: 'bundle', lines: 1499, host: 'node-2' })]);
  });

  it('finds the CPU 12 soft lockup as the culprit: 24 reports over 10:10:59-10:22:23', () => {
    expect(culprit).toMatchObject({
      kind: 'soft-lockup',
      title: 'soft lockup in blk_set_queue_dying',
      host: 'node-2',
      cpu: 12,
      pid: 39156,
      comm: 'dockerd-current',
      role: 'culprit',
      reports: 24,
      firstSeen: '2022-11-12T10:10:59+08:00',
      lastSeen: '2022-11-12T10:22:23+08:00',
      maxStuckSeconds: 23,
      kernel: '3.10.0-693.11.1.el7.es.10.x86_64',
      hardware: 'Dell Inc. PowerEdge R740/01YM03, BIOS 2.2.11 06/13/2019',
      loopFunction: 'blk_set_queue_dying',
      culprit: { function: 'blk_set_queue_dying', module: null },
      entry: { function: 'dm_ctl_ioctl', module: 'dm_mod' },
      signatureText: 'soft-lockup|blk_set_queue_dying|__dm_destroy|dm_destroy',
      corrupted: false,
    });
    expect(culprit.samples.map((s) => s.stuckSeconds).every((s) => s === 22 || s === 23)).toBe(true);
  });

  it('builds the RIP sample histogram of the culprit', () => {
    const histogram = Object.fromEntries(culprit.ripSamples.map((r) => [`${r.function}+${r.offset}`, r.count]));
    expect(histogram).toEqual({
      '_raw_spin_unlock_irqrestore+0x15': 16,
      '_raw_spin_unlock_irqrestore+0x1b': 2,
      '__wake_up+0xe': 2,
      '__wake_up+0x15': 2,
      '_raw_spin_lock_irqsave+0x6': 1,
      'blk_set_queue_dying+0xa1': 1,
    });
    expect(culprit.ripSamples[0]).toEqual({ function: '_raw_spin_unlock_irqrestore', offset: '0x15', count: 16 });
  });

  it('shows migration/13 and migration/15 as victims of CPU 12', () => {
    const victims = full.incidents.filter((i) => i.role === 'victim');
    expect(victims.map((v) => ({ comm: v.comm, pid: v.pid, cpu: v.cpu, reports: v.reports, first: v.firstSeen, last: v.lastSeen, causedBy: v.causedBy, loop: v.loopFunction }))).toEqual([
      { comm: 'migration/13', pid: 74, cpu: 13, reports: 14, first: '2022-11-12T10:16:03+08:00', last: '2022-11-12T10:22:07+08:00', causedBy: culprit.id, loop: 'multi_cpu_stop' },
      { comm: 'migration/15', pid: 84, cpu: 15, reports: 8, first: '2022-11-12T10:18:47+08:00', last: '2022-11-12T10:22:03+08:00', causedBy: culprit.id, loop: 'multi_cpu_stop' },
    ]);
    expect(culprit.victims).toEqual(victims.map((v) => v.id));
    expect(full.summary.verdict).toMatch(/CPU 12.*blk_set_queue_dying.*11 min 24 s.*migration\/13 and migration\/15 are only waiting/);
  });

  it('explains the hottest RIP as the point right after popfq where the timer interrupt lands', () => {
    expect(culprit.notes[0]).toMatch(/_raw_spin_unlock_irqrestore\+0x15.*popfq.*re-enables interrupts.*not where the CPU loops/);
    expect(culprit.code?.raw).toContain('57 9d <0f> 1f 44 00 00');
  });

  it('decodes the taint letters, G W OE then G W OEL', () => {
    expect(culprit.taint?.replace(/\s+/g, ' ')).toBe('G W OEL');
    expect(culprit.taintFlags.map((f) => f.letter)).toEqual(['G', 'W', 'O', 'E', 'L']);
    expect(culprit.taintFlags.find((f) => f.letter === 'L')?.meaning).toMatch(/soft lockup/);
    expect(culprit.notes).toContain('Taint changed during the episode: `G W OE` then `G W OEL` (L: soft lockup occurred earlier).');
  });

  it('groups the rbd -107 errors and places them on the timeline of the lockup', () => {
    const rbd = full.events.find((e) => e.template === 'rbd: rbdN: encountered watch error: -107')!;
    expect(rbd).toMatchObject({
      kind: 'rbd',
      count: 21,
      subjects: ['rbd0', 'rbd1', 'rbd3', 'rbd4'],
      errno: -107,
      errnoName: 'ENOTCONN',
      errnoMeaning: 'Transport endpoint is not connected',
      firstSeen: '2022-11-12T10:11:00+08:00',
      lastSeen: '2022-11-12T10:16:00+08:00',
      notable: true,
    });
    expect(rbd.relation).toMatchObject({ incident: culprit.id, startDeltaSeconds: 1, endDeltaSeconds: -383 });
    expect(rbd.relation?.text).toBe('started 1 s after the first report, ended 6 min 23 s before the last report');
  });

  it('notes the container teardown just before and the sshd timeout during the lockup', () => {
    expect(full.findings.some((f) => f.text.startsWith('Just before') && f.text.includes('XFS (dm-N): Unmounting Filesystem') && f.text.includes('vethN'))).toBe(true);
    const sshd = full.events.find((e) => e.kind === 'sshd' && e.template.startsWith('fatal: Timeout before authentication'));
    expect(sshd?.firstSeen).toBe('2022-11-12T10:14:40+08:00');
    expect(sshd?.relation?.incident).toBe(culprit.id);
  });

  it('names the next steps: kdump with softlockup_panic, all-CPU backtraces, blkg_list, the storage team', () => {
    const steps = full.nextSteps.map((s) => s.text).join('\n');
    expect(steps).toMatch(/kdump.*kernel\.softlockup_panic=1/);
    expect(steps).toMatch(/softlockup_all_cpu_backtrace=1/);
    expect(steps).toMatch(/blkg_list/);
    expect(steps).toMatch(/storage \(Ceph\) team.*rbd: rbdN: encountered watch error: -107/);
  });

  it('keeps file and line of every report as evidence', () => {
    const lines = messages.split('\n');
    expect(culprit.evidence).toHaveLength(24);
    for (const e of culprit.evidence) expect(lines[e.line - 1]).toContain('soft lockup - CPU#12');
  });
});

describe('node-2 seed excerpt (only CPU and RIP lines for the later reports)', () => {
  const result = analyze(excerpt, 'seed-excerpt.log');

  it('gives the same culprit, samples and loop bound', () => {
    const digest = diagnosisDigest(result);
    const expected = diagnosisDigest(full);
    expect(digest.incidents[0]).toEqual({ ...expected.incidents[0], maxStuckSeconds: 22 });
    expect(result.incidents[0]!.samples.filter((s) => s.hasStack)).toHaveLength(1);
  });

  it('recovers the migration victims from their CPU/RIP lines, flagged as damaged reports', () => {
    const victims = result.incidents.filter((i) => i.role === 'victim');
    expect(victims.map((v) => [v.comm, v.reports, v.loopFunction, v.corrupted])).toEqual([
      ['migration/13', 14, 'multi_cpu_stop', true],
      ['migration/15', 8, 'multi_cpu_stop', true],
    ]);
    expect(victims[0]!.corruptionReasons[0]).toMatch(/header missing/);
  });
});

describe('node-2 converted to every line format', () => {
  const lines = parseBundle(messages);
  const expected = diagnosisDigest(full);
  const cases: [TargetFormat, string][] = [
    ['syslog', 'syslog'],
    ['short-iso', 'iso'],
    ['short-precise', 'syslog'],
    ['rfc5424', 'rfc5424'],
    ['journal-json', 'journal-json'],
    ['dmesg', 'dmesg'],
    ['dmesg-caller', 'dmesg'],
    ['dmesg-human', 'dmesg-human'],
    ['kmsg', 'kmsg'],
    ['bare', 'bare'],
  ];
  it.each(cases)('%s gives the same diagnosis', (format, detected) => {
    const result = analyze(convert(lines, format), `node-2.${format}`, { year: 2022, assumedZone: '+08:00' });
    expect(result.inputs[0]!.format).toBe(detected);
    const digest = diagnosisDigest(result);
    expect(digest.incidents).toEqual(expected.incidents);
    if (format !== 'bare') expect(digest.rbd).toEqual(expected.rbd);
  });

  it('reads journalctl -o json: UTC wall-clock time, monotonic uptime of kernel lines, host and program', () => {
    const result = analyze(convert(lines, 'journal-json'), 'journal.json');
    expect(result.incidents[0]!.firstSeen).toBe('2022-11-12T02:10:59.000000Z');
    expect(result.incidents[0]!.firstUptime).toBe(3600 + (Date.parse('2022-11-12T10:10:59+08:00') - Date.parse('2022-11-12T10:05:01+08:00')) / 1000);
    expect(result.summary.hosts).toEqual(['node-2']);
    expect(result.events.some((e) => e.kind === 'sshd' && e.notable)).toBe(true);
  });

  it('keeps wall-clock time and zone in syslog, uptime in dmesg', () => {
    const syslog = analyze(convert(lines, 'syslog'), 'messages', { year: 2022, assumedZone: '+08:00' });
    expect(syslog.incidents[0]!.firstSeen).toBe('2022-11-12T10:10:59+08:00');
    const dmesg = analyze(convert(lines, 'dmesg'), 'dmesg');
    expect(dmesg.incidents[0]!.firstSeen).toBeNull();
    expect(dmesg.incidents[0]!.firstUptime).toBe(3600 + (Date.parse('2022-11-12T10:10:59+08:00') - Date.parse('2022-11-12T10:05:01+08:00')) / 1000);
  });
});
