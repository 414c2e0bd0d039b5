import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS } from '../fuzz/params.js';
import { EventAggregator, MAX_GROUPS, NOTABLE_RE, NOTABLE_WORDS, readEvent, templateByRules, templateHash, templateOf } from '../../src/analysis/events.js';
import { readdirSync, readFileSync } from 'node:fs';
import { CORPUS_DIR, itWithShared } from '../helpers/shared.js';
import { templateByModule } from '../../src/lines/line-scan.js';
import type { LogLine } from '../../src/lines/types.js';
import { GENERATED_NAME_PREFIXES } from '../../src/knowledge/interface-names.js';

function line(text: string, extra: Partial<LogLine> = {}): LogLine {
  return { path: 'log', lineNo: 1, text, host: 'h', time: null, epochMs: null, uptime: null, kernel: true, tag: 'kernel', caller: null, ...extra };
}

describe('templateOf', () => {
  it.each([
    ['rbd: rbd1: encountered watch error: -107', 'rbd: rbdN: encountered watch error: -107', ['rbd1'], -107],
    ['XFS (dm-12): Unmounting Filesystem', 'XFS (dm-N): Unmounting Filesystem', ['dm-12'], null],
    ['blk_update_request: I/O error, dev sdb, sector 123456 op 0x1:(WRITE)', 'blk_update_request: I/O error, dev sdb, sector N op 0x1:(WRITE)', [], null],
    ['nfs: server 10.0.0.5 not responding, still trying', 'nfs: server IP not responding, still trying', [], null],
    ['sd 0:0:0:0: [sda] tag#12 timing out command, waited 180s', 'sd N:N:N:N: [sda] tag#N timing out command, waited 180s', [], null],
    ['libceph: osd3 192.168.1.4:6800 socket closed (con state OPEN)', 'libceph: osdN IP:N socket closed (con state OPEN)', ['osd3'], null],
    ['ret=-110 on eth0', 'ret=-110 on ethN', ['eth0'], -110],
    // An errno printed without its sign or name after the word that says it is one keeps its value as printed.
    ['XFS (dm-3): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x3a00 len 8 error 5', 'XFS (dm-N): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x3a00 len N error 5', ['dm-3'], 5],
    ['XFS (sdb1): log I/O error -5', 'XFS (sdbN): log I/O error -5', ['sdb1'], -5],
    ['ceph: mds0 reconnect failed, err 5', 'ceph: mdsN reconnect failed, err 5', ['mds0'], 5],
    ['md/raid1:md0: read error corrected, errno=5', 'md/raidN:mdN: read error corrected, errno=5', ['raid1', 'md0'], 5],
    ['mpt3sas_cm0: port enable: FAILED, returned -5', 'mpt3sas_cm0: port enable: FAILED, returned -5', [], -5],
    // Not errnos: a sector, a blk_status_t after `I/O error` (ext4_end_bio), a version, a time.
    ['blk_update_request: I/O error, dev sdb, sector 5', 'blk_update_request: I/O error, dev sdb, sector N', [], null],
    ['EXT4-fs warning (device sdb1): ext4_end_bio:342: I/O error 10 writing to inode 12', 'EXT4-fs warning (device sdbN): ext4_end_bio:N: I/O error N writing to inode N', ['sdb1'], null],
    ['firmware error 5.1 ignored', 'firmware error N ignored', [], null],
    ['link error 5s ago', 'link error 5s ago', [], null],
    ['error 999 on eth0', 'error N on ethN', ['eth0'], null],
    // Dates and times as daemons print them: one template whatever the day, hour and zone.
    ['level=info time="2022-11-12T10:15:00.123456789Z" msg="sync done"', 'level=info time="TIME" msg="sync done"', [], null],
    ['2022-11-12 10:15:00,123 WARN job 5 late', 'TIME WARN job N late', [], null],
    ['backup of 2022-11-12 done at 2022-11-13T01:02:03+08:00, 2022-11-13T01:02-0500 and 2022-11-13 01:02:03+08', 'backup of TIME done at TIME, TIME and TIME', [], null],
    ['E1112 10:15:00.123456    1234 kubelet.go:2100] "Error syncing pod, skipping" err="network is not ready"', 'E TIME    N kubelet.go:N] "Error syncing pod, skipping" err="network is not ready"', [], null],
    ['KE1112 10:15:00.123456 and I1112 10:15:00.1234567 and W1112 10:15:00.123456x', 'KE1112 N:N:N and I1112 N:N:N and W1112 N:N:N.123456x', [], null],
    // Not dates: a run of digits too long or too short, a date joined to a word, a time whose minutes run on (the date alone is taken).
    ['ids 12022-11-12 2022-111-12 2022-11-123 x2022-11-12 2022-11-12T10:155', 'ids N-11-12 N-111-12 N-11-123 xN-11-12 N-11-12T10:N', ['x2022'], null],
    ['at 2022-11-12 10:155 and 2022-11-12T10:15:00.1234567890', 'at TIME N:N and TIME.N', [], null],
    // Addresses and ids: after `0x`, or hex with a letter; a run of decimal digits is a number whatever its length.
    ['audit(1668219031.538:274594109): denied pid=962324609 ino=1234 dev 0x00001234 at ffff8801d9c4e000 id=2f1e0d9c', 'audit(N.N:N): denied pid=N ino=N dev ADDR at ADDR id=ADDR', [], null],
    ['pod default/web-12345678 and default/web-1234abcd, sector 12345678 and 1234567', 'pod default/web-N and default/web-ADDR, sector N and N', [], null],
    // Interfaces named with a generated id: one template whatever the id's letters, the name kept as the subject.
    ['docker0: port 2(vethaeb51b) entered blocking state', 'dockerN: port N(vethN) entered blocking state', ['docker0', 'vethaeb51b'], null],
    ['device veth3687fe left promiscuous mode', 'device vethN left promiscuous mode', ['veth3687fe'], null],
    ['device vethbfbcdd left promiscuous mode', 'device vethN left promiscuous mode', ['vethbfbcdd'], null],
    ['IPv6: ADDRCONF(NETDEV_CHANGE): cali0e1f2a3b4c5: link becomes ready', 'IPv6: ADDRCONF(NETDEV_CHANGE): caliN: link becomes ready', ['cali0e1f2a3b4c5'], null],
    ['eni3b8c1d2e4f5 lxc0a1b2c3d4e5f and veth0', 'eniN lxcN and vethN', ['eni3b8c1d2e4f5', 'lxc0a1b2c3d4e5f', 'veth0'], null],
    // An id of hex letters alone is one too; not such names: an id too short or too long, running on past hex, or a prefix
    // that is no word's start (those that hold a digit are names of the other kind).
    ['vethbfbcdd up, veth12ab up, vethab12cd34ef567890a up, vethab12cdzz up, vethabcdefg up, xveth12345 up', 'vethN up, vethN up, vethabN up, vethabN up, vethabcdefg up, xvethN up', ['vethbfbcdd', 'veth12ab', 'vethab12cd34ef567890a', 'vethab12cdzz', 'xveth12345'], null],
  ])('%s', (text, template, subjects, errno) => {
    const expected = { template, subjects, errno, hash: templateHash(template) };
    expect(templateOf(text)).toEqual(expected);
    // Both ways of making it: the WebAssembly module (ASCII text, its hash made of its bytes) and the rules (any text).
    expect(templateByModule(text)).toEqual(expected);
    expect(templateByRules(text)).toEqual(expected);
  });

  // Pieces that make each rule match, nearly match or stop: errnos with and without sign, `I/O `, IPv4-like runs, dates and times,
  // `0x` and hex runs of 7 to 9 (and of letters alone), names with `_` and `-` or a generated id's prefix, letters of both cases, and the bytes the
  // rules look behind and ahead at.
  const piece = fc.oneof(
    fc.constantFrom('-', '.', ':', '/', '=', ' ', '_', '(', ')', ',', '0x', '0X', 'I/O ', 'error', 'err', 'errno', 'errors', 'sda', 'dm-', 'eth', 'md_r', 'E', 'T', 'Z', '+', 'I', 'W', 'F', ...GENERATED_NAME_PREFIXES),
    // Dates and times, whole or cut anywhere, and their zones.
    fc.tuple(fc.constantFrom('2022-11-12', '2022-11-12T10:15', '2022-11-12 10:15:00', '2022-11-12T10:15:00.123456', '2022-11-12T10:15:00,1234567890', '+08:00', '-0500', '+08', 'E1112 10:15:00.123456', 'I1112 10:15:00.1234567'), fc.nat(26)).map(([t, cut]) => t.slice(0, cut)),
    fc.stringMatching(/^[0-9]{1,5}$/),
    fc.stringMatching(/^[0-9a-fA-F]{6,10}$/),
    fc.stringMatching(/^[a-f]{3,17}$/),
    fc.stringMatching(/^[a-z_]{1,17}$/),
    fc.stringMatching(/^[a-zA-Z0-9]{1,4}$/),
  );
  const message = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));

  it('is made by the module exactly as by the rules, for any ASCII message (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(message, (text) => {
        expect(templateByModule(text)).toEqual(templateByRules(text));
      }),
      { seed: FUZZ_SEED, numRuns: 20000 },
    );
  });

  it('is made by the rules for a message the module does not read: past ASCII, or longer than it holds', () => {
    expect(templateByModule('sdb1: café -5')).toBeNull();
    expect(templateOf('sdb1: café -5')).toEqual({ template: 'sdbN: café -5', subjects: ['sdb1'], errno: -5, hash: templateHash('sdbN: café -5') });
    // (a byte the module's marks use, wherever it falls in the vectors the module reads)
    for (const at of [0, 15, 16, 33]) expect(templateByModule(`${'y'.repeat(at)}\u0001 sda1 -5 ${'z'.repeat(40)}`)).toBeNull();
    const long = `${'x'.repeat(5000)} sda1 -5`;
    expect(templateByModule(long)).toBeNull();
    expect(templateOf(long)).toMatchObject({ template: `${'x'.repeat(5000)} sdaN -5`, subjects: ['sda1'], errno: -5 });
  });
});

describe('template hashes', () => {
  it('tell templates apart, and the events keep templates of one hash apart', () => {
    expect(new Set(['a', 'b', 'rbd: rbdN: error -107', 'rbd: rbdN: error -108', 'xxxxN', 'xxxNx'].map(templateHash)).size).toBe(6);
    // Two templates made to share a hash (as a hostile log could): still two events.
    const events = new EventAggregator();
    const reading = (template: string) => ({ template, subjects: [], errno: null, hash: 7, storage: null, notable: true, lastGroup: null });
    events.addRead(line('first failed'), 'h', reading('first failed'));
    events.addRead(line('second failed'), 'h', reading('second failed'));
    events.addRead(line('first failed'), 'h', reading('first failed'));
    expect(events.groupsList().map((e) => [e.template, e.count])).toEqual([['first failed', 2], ['second failed', 1]]);
  });
});

describe('EventAggregator', () => {
  it('counts lines per template with subjects, first and last time', () => {
    const events = new EventAggregator();
    events.add(line('rbd: rbd1: encountered watch error: -107', { time: 't1', lineNo: 3 }));
    events.add(line('rbd: rbd0: encountered watch error: -107', { time: 't2', lineNo: 9 }));
    events.add(line('rbd: rbd10: encountered watch error: -107', { time: 't3', lineNo: 12 }));
    const [group] = events.groupsList();
    expect(group).toMatchObject({ kind: 'rbd', count: 3, subjects: ['rbd0', 'rbd1', 'rbd10'], firstSeen: 't1', lastSeen: 't3', errnoName: 'ENOTCONN', notable: true, example: { path: 'log', line: 3 } });
  });

  it('makes one event per device of a storage error template, notable even without an error word', () => {
    const events = new EventAggregator();
    events.add(line('device-mapper: multipath: Failing path 8:16.', { time: 't1' }));
    events.add(line('device-mapper: multipath: Failing path 8:32.', { time: 't2' }));
    events.add(line('device-mapper: multipath: Failing path 8:16.', { time: 't3' }));
    events.add(line('XFS (dm-3): Mounting V5 Filesystem', { time: 't4' }));
    expect(events.groupsList().map((e) => [e.template, e.count, e.notable, e.storage])).toEqual([
      ['device-mapper: multipath: Failing path N:N.', 2, true, { kind: 'path-failed', device: '8:16', address: null }],
      ['device-mapper: multipath: Failing path N:N.', 1, true, { kind: 'path-failed', device: '8:32', address: null }],
      ['XFS (dm-N): Mounting V5 Filesystem', 1, false, undefined],
    ]);
  });

  it('makes one event of a daemon error repeated over days and hours, whatever the date in its message', () => {
    const events = new EventAggregator();
    events.add(line('time="2022-11-12T10:10:31.112803114+08:00" level=error msg="failed to sync volume vol-a" error="i/o timeout"', { kernel: false, tag: 'kubelet[900]', time: 't1' }));
    events.add(line('time="2022-11-13T23:59:02+08:00" level=error msg="failed to sync volume vol-a" error="i/o timeout"', { kernel: false, tag: 'kubelet[900]', time: 't2' }));
    expect(events.groupsList().map((e) => [e.template, e.count, e.firstSeen, e.lastSeen])).toEqual([['time="TIME" level=error msg="failed to sync volume vol-a" error="i/o timeout"', 2, 't1', 't2']]);
  });

  it('keeps program lines only when they report an error', () => {
    const events = new EventAggregator();
    events.add(line('Started Session 3301 of user root.', { kernel: false, tag: 'systemd' }));
    events.add(line('fatal: Timeout before authentication for 10.1.1.1 port 22', { kernel: false, tag: 'sshd' }));
    expect(events.groupsList().map((e) => e.kind)).toEqual(['sshd']);
  });

  it.each([
    // A full connection-tracking table drops new flows (nf_conntrack_core.c, `nf_ct_drop` path): a busy node's packet loss.
    ['nf_conntrack: table full, dropping packet', 'nf_conntrack: table full, dropping packet'],
    ['nf_conntrack: nf_conntrack: table full, dropping packet', 'nf_conntrack: nf_conntrack: table full, dropping packet'],
    ['IPVS: rr: TCP 10.96.0.1:443 - no destination available, dropping packet', 'IPVS: rr: TCP IP:N - no destination available, dropping packet'],
    ['eth0: 3 packets dropped on the receive ring', 'ethN: N packets dropped on the receive ring'],
    // Links going down: NIC drivers (e1000e, igb, ixgbe: `NIC Link is Down`), bonding, libata.
    ['e1000e: eth0 NIC Link is Down', 'eN: ethN NIC Link is Down'],
    ['bond0: link status definitely down for interface eth1, disabling it', 'bondN: link status definitely down for interface ethN, disabling it'],
    ['ata1: SATA link down (SStatus 0 SControl 300)', 'ataN: SATA link down (SStatus N SControl N)'],
    ['ata1: hard resetting link', 'ataN: hard resetting link'],
    ['ixgbe 0000:01:00.0 eth0: Detected Tx Unit Hang', 'ixgbe N:N:N ethN: Detected Tx Unit Hang'],
    // Thermal throttling (therm_throt.c, 3.x and 5.x wordings) and the RT scheduler's throttling.
    ['CPU0: Core temperature above threshold, cpu clock throttled (total events = 1)', 'CPU0: Core temperature above threshold, cpu clock throttled (total events = N)'],
    ['CPU2: Package temperature is above threshold, cpu clock is throttled (total events = 3)', 'CPU2: Package temperature is above threshold, cpu clock is throttled (total events = N)'],
    ['sched: RT throttling activated', 'sched: RT throttling activated'],
    ['neighbour: arp_cache: neighbor table overflow!', 'neighbour: arp_cache: neighbor table overflow!'],
    ['TCP: request_sock_TCP: Possible SYN flooding on port 80. Sending cookies.  Check SNMP counters.', 'TCP: request_sock_TCP: Possible SYN flooding on port N. Sending cookies.  Check SNMP counters.'],
    ["clocksource: timekeeping watchdog on CPU1: Marking clocksource 'tsc' as unstable because the skew is too large:", "clocksource: timekeeping watchdog on CPU1: Marking clocksource 'tsc' as unstable because the skew is too large:"],
    ['kworker/0:1: page allocation stalls for 10000ms, order:0', 'kworker/N:N: page allocation stalls for 10000ms, order:N'],
    ['EXT4-fs (sda1): Remounting filesystem read-only', 'EXT4-fs (sdaN): Remounting filesystem read-only'],
    ['Uhhuh. NMI received for unknown reason 2d on CPU 0.', 'Uhhuh. NMI received for unknown reason 2d on CPU N.'],
    // Routine: no problem said.
    ['net_ratelimit: 12 callbacks suppressed', null],
    ['e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx', null],
    ['CPU0: Core temperature/speed normal', null],
    ['EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)', null],
    ['systemd[1]: Reached target Network is Online.', null],
  ])('takes a kernel line a support engineer looks for for a notable event: %s', (message, template) => {
    const reading = readEvent(message, true);
    expect(reading?.notable ? reading.template : null).toBe(template);
  });

  it.each([
    // [program message, what the events keep of it]
    ['time="2022-11-12T10:10:31+08:00" level=info msg="shim disconnected" id=1ed866', null],
    ['operationExecutor.VerifyControllerAttachedVolume started for volume "default-token-929025"', null],
    ['Started Session 3301 of user root.', null],
    ['sync of volume vol-12 returned -5', { errno: -5, notable: false, storage: null }],
    ['sd 2:0:0:0: [sdb] tag#3 timing out command, waited 180s for pod-7', { errno: null, notable: true, storage: { kind: 'timeout', device: 'sdb', address: '2:0:0:0' } }],
    // (no error word and no digit after a dash: a program's line is not read further)
    ['sd 2:0:0:0: [sdb] tag#3 timing out command, waited 180s', null],
    ['checker failed path 8:16 in map mpatha', { errno: null, notable: true, storage: { kind: 'path-failed', device: '8:16', address: null } }],
  ])('reads a program line only for what its event keeps: %s', (message, kept) => {
    const reading = readEvent(message, false);
    expect(reading && { errno: reading.errno, notable: reading.notable, storage: reading.storage }).toEqual(kept);
    // The kernel's own line of the same words is always templated.
    expect(readEvent(message, true)).not.toBeNull();
  });

  it('caps routine and notable groups apart: routine groups of many hosts never crowd out a notable one', () => {
    const events = new EventAggregator();
    // One routine group per host, up to the cap and one past it.
    for (let h = 0; h <= MAX_GROUPS.routine; h++) events.add(line('eth0: link becomes ready', { host: `node-${h}` }));
    events.add(line('rbd: rbd1: encountered watch error: -107', { host: 'node-late' }));
    const list = events.groupsList();
    expect(list.filter((e) => !e.notable)).toHaveLength(MAX_GROUPS.routine);
    expect(list.filter((e) => e.notable).map((e) => [e.host, e.template])).toEqual([['node-late', 'rbd: rbdN: encountered watch error: -107']]);
    expect(events.droppedLines).toBe(1);
  });

  it('drops notable groups past their own cap, counted', () => {
    const events = new EventAggregator();
    for (let h = 0; h < MAX_GROUPS.notable + 2; h++) events.add(line('nfs: server 10.0.0.5 not responding, still trying', { host: `node-${h}` }));
    events.add(line('eth0: link becomes ready', { host: 'node-late' }));
    expect(events.groupsList().filter((e) => e.notable)).toHaveLength(MAX_GROUPS.notable);
    expect(events.groupsList().filter((e) => !e.notable).map((e) => e.host)).toEqual(['node-late']);
    expect(events.droppedLines).toBe(2);
  });
});

describe('notable words', () => {
  // NOTABLE_RE over a word alone: what it takes whole.
  const whole = new RegExp(`^(?:${NOTABLE_RE.source})$`, 'i');

  it.each(NOTABLE_WORDS)('%s is taken whole by NOTABLE_RE, in any case', (word) => {
    expect([whole.test(word), whole.test(word.toUpperCase()), whole.test(word[0]!.toUpperCase() + word.slice(1))]).toEqual([true, true, true]);
  });

  itWithShared('are every word of the syzkaller corpus NOTABLE_RE takes whole', () => {
    const taken = new Set<string>();
    for (const name of readdirSync(CORPUS_DIR).filter((f) => /^\d+$/.test(f))) {
      for (const word of readFileSync(`${CORPUS_DIR}/${name}`, 'latin1').match(/\w+/g) ?? []) if (whole.test(word)) taken.add(word.toLowerCase());
    }
    expect(taken.size).toBeGreaterThan(10);
    expect([...taken].filter((word) => !NOTABLE_WORDS.includes(word))).toEqual([]);
  });
});
