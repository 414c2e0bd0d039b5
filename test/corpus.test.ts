import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyzer.js';
import { acceptedFunctions, dumpNamesHolder, evaluateCorpus, expectedFunction, expectedKinds, scoreCase, scoreSignatures, splitCaseFile, type CaseOutcome, type CorpusCase } from '../src/eval/corpus.js';
import { log } from './detectors/tester.js';
import { CORPUS_DIR, describeWithShared } from './helpers/shared.js';
import { at, hung } from './helpers/wait-logs.js';

/** The counts reached so far: they may only go up (raise them in test/corpus-ratchet.json as detectors improve). */
const ratchet = JSON.parse(readFileSync('test/corpus-ratchet.json', 'utf8')) as {
  detected: number;
  kindCorrect: number;
  culpritEqual: number;
  corruptedAgrees: number;
  maxFalseIncidents: number;
  /** Pairwise, over the cases we detect whose title names the crash (see scoreSignatures). */
  signaturePrecision: number;
  signatureRecall: number;
  /** Hung-task cases whose held-locks dump names a holder, and those we name a holder for (see dumpNamesHolder). */
  holdersInDumps: number;
  holdersNamed: number;
};

describe('splitCaseFile', () => {
  it('reads headers up to the first empty line and stops the log before a REPORT: section', () => {
    const { headers, log } = splitCaseFile('TITLE: kernel BUG in foo\r\nALT: a\nALT: b\n# comment\n\nline one\nline two\n\nREPORT:\nexpected\n');
    expect(headers.get('TITLE')).toEqual(['kernel BUG in foo']);
    expect(headers.get('ALT')).toEqual(['a', 'b']);
    expect(log).toBe('line one\nline two\n\n');
  });

  it('keeps the whole log of a file without headers', () => {
    expect(splitCaseFile('\nonly log\n').log).toBe('only log\n');
  });
});

describe('expected kind and function of a case', () => {
  const base: CorpusCase = { file: 'x', title: null, alt_titles: [], category: 'none', corrupted: false, frame: null };
  it.each([
    ['kernel_bug', 'BUG: corrupted list in tipc_nametbl_unsubscribe', ['list-corruption'], 'tipc_nametbl_unsubscribe'],
    ['kernel_bug', 'kernel BUG in pte_list_remove', ['bug'], 'pte_list_remove'],
    ['rcu_stall', 'INFO: rcu detected stall in corrupted', ['rcu-stall'], null],
    ['mm_fs_state', 'BUG: Bad page state in __get_metapage', ['bad-page-state'], '__get_metapage'],
    ['trusty', 'trusty: ASSERT FAILED: !list_in_list(&chan->node)', null, null],
  ])('%s %s', (category, title, kinds, fn) => {
    const c = { ...base, category, title };
    expect(expectedKinds(c)).toEqual(kinds);
    expect(expectedFunction(c)).toBe(fn);
  });

  it('accepts the functions of the alternative titles', () => {
    const c = { ...base, category: 'hung_task', title: 'INFO: task hung in synchronize_rcu', alt_titles: ['INFO: task hung in synchronize_rcu_expedited', 'hang in synchronize_rcu'] };
    expect(acceptedFunctions(c)).toEqual(['synchronize_rcu', 'synchronize_rcu_expedited']);
  });

  it('prefers the FRAME header to the title', () => {
    expect(expectedFunction({ ...base, category: 'kernel_bug', title: 'kernel BUG in a', frame: 'b' })).toBe('b');
  });
});

describe('scoreCase', () => {
  const stall = analyzeText(
    log(`
      [  599.875361] rcu: INFO: rcu_sched self-detected stall on CPU
      [  599.881199] rcu: 	0-....: (105000 ticks this GP) idle=2f6/1/0x4000000000000002 softirq=23001/23001 fqs=26239
      [  599.896509] NMI backtrace for cpu 0
      [  599.900150] CPU: 0 PID: 8551 Comm: syz-executor7 Not tainted 4.18.0-next-20180824+ #47
      [  600.214345] RIP: 0010:lock_release+0xa2/0x9f0
      [  600.300000] Call Trace:
      [  600.310986]  _copy_from_user+0x30/0x150
      [  600.315053]  snd_seq_write+0x472/0x8d0
      [  600.332960]  __vfs_write+0x117/0x9d0
      [  600.382717]  ksys_write+0x101/0x260
      [  600.390441]  __x64_sys_write+0x73/0xb0
      [  600.398306]  do_syscall_64+0x1b9/0x820
    `),
  ).incidents;
  const stallCase = (title: string): CorpusCase => ({ file: 'x', title, alt_titles: [], category: 'rcu_stall', corrupted: false, frame: null });

  it.each([
    ['INFO: rcu detected stall in snd_seq_write', true],
    ['INFO: rcu detected stall in sys_write', true],
    ['INFO: rcu detected stall in __x64_sys_write', true],
    ['INFO: rcu detected stall in snd_seq_read', false],
  ])('a stall titled %s: culprit equal %s (culprit, entry or system call)', (title, equal) => {
    expect(scoreCase(stallCase(title), stall)).toMatchObject({ detected: true, kindCorrect: true, culpritChecked: true, culpritEqual: equal, corruptedAgrees: true });
  });

  it('scores the first hung task in the log, as syzkaller titles it, even when the wait-for graph names a later holder', () => {
    const RT_WAIT = ['__schedule', 'schedule', '__rt_mutex_slowlock', 'i2c_smbus_xfer', 'i2c_transfer', 'i2cdev_ioctl', 'do_syscall_64'];
    const chain = analyzeText(
      [
        ...hung(284.1, 'syz-executor.6', 3901, RT_WAIT),
        ...hung(284.2, 'syz-executor.4', 3875, ['__schedule', 'schedule', 'schedule_timeout', 'wait_for_completion_timeout', 'aspeed_i2c_master_xfer', 'i2c_smbus_xfer', 'do_syscall_64']),
        `${at(284.38)} Showing all locks held in the system:`,
        `${at(284.40)} 1 lock held by syz-executor.6/3901:`,
        `${at(284.40)}  #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_smbus_xfer+0x74/0x130`,
        `${at(284.40)} 1 lock held by syz-executor.4/3875:`,
        `${at(284.40)}  #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_smbus_xfer+0x74/0x130`,
        '',
      ].join('\n'),
    ).incidents;
    expect(chain.map((i) => i.causedBy === null)).toEqual([false, true]);
    const hungCase: CorpusCase = { file: 'h', title: 'INFO: task hung in i2c_smbus_xfer', alt_titles: [], category: 'hung_task', corrupted: false, frame: null };
    expect(scoreCase(hungCase, chain)).toMatchObject({ detected: true, culpritEqual: true });
  });

  it('counts crash incidents in a case that must have none', () => {
    const oops = analyzeText('[   10.000000] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010\n').incidents;
    expect(scoreCase({ file: 'n', title: null, alt_titles: [], category: 'none', corrupted: false, frame: null }, oops)).toMatchObject({ falseIncidents: 1, detected: false, covered: false });
  });
});

describe('scoreSignatures', () => {
  const outcome = (expectedTitle: string | null, signatureText: string | null): CaseOutcome => ({
    file: 'x', category: 'warning', expectedTitle, covered: expectedTitle !== null, detected: signatureText !== null, kindCorrect: true,
    culpritChecked: true, culpritEqual: true, corruptedAgrees: true, falseIncidents: 0, said: null, signatureText,
  });

  it('counts pairs: same title and same signature over same signature (precision), over same title (recall)', () => {
    const s = scoreSignatures([outcome('WARNING in a', 'w|a'), outcome('WARNING in a', 'w|a'), outcome('WARNING in a', 'w|a|x'), outcome('WARNING in b', 'w|a|x'), outcome('WARNING in c', 'w|c')]);
    // same title: 3 pairs (the three "in a"); same signature: 2 pairs (w|a, w|a|x); both: 1.
    expect(s).toMatchObject({ cases: 5, sameTitlePairs: 3, sameSignaturePairs: 2, bothPairs: 1, precision: 0.5, recall: 1 / 3 });
  });

  it('leaves out undetected cases and titles that name no crash site', () => {
    const s = scoreSignatures([outcome('WARNING in corrupted', 'w|?'), outcome('WARNING in corrupted', 'w|?'), outcome('WARNING in a', null), outcome(null, null)]);
    expect(s).toMatchObject({ cases: 0, precision: 1, recall: 1 });
  });
});

describe('dumpNamesHolder', () => {
  const dump = (lines: string[]) => ['Showing all locks held in the system:', ...lines, ''].join('\n');
  it('counts a holder that lists the lock without waiting for it, not a co-waiter', () => {
    const holder = dump(['3 locks held by kworker/u4:7/338:', ' #0: ffff8880a9771938 (pernet_ops_rwsem){++++}-{3:3}, at: cleanup_net+0x9b/0xa50', '1 lock held by syz/9850:', ' #0: ffff8880a9771938 (pernet_ops_rwsem){++++}-{3:3}, at: register_netdevice_notifier+0x1e/0x270']);
    expect(dumpNamesHolder(holder, new Set([9850]))).toBe(true);
    const coWaiters = dump(['1 lock held by a/1:', ' #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_transfer+0x1db/0x260', '1 lock held by b/2:', ' #0: 000000006fdd818f (i2c_register_adapter){+.+.}, at: i2c_smbus_xfer+0x74/0x130']);
    expect(dumpNamesHolder(coWaiters, new Set([1, 2]))).toBe(false);
  });
});

describeWithShared('syzkaller corpus ratchet', () => {
  let evaluation: ReturnType<typeof evaluateCorpus>;
  beforeAll(() => {
    evaluation = evaluateCorpus(CORPUS_DIR);
  });

  it('scores every case of the corpus', () => {
    expect(evaluation.outcomes).toHaveLength(747);
  });

  it('does not fall below the stored counts', () => {
    const t = evaluation.totals;
    expect(t.detected).toBeGreaterThanOrEqual(ratchet.detected);
    expect(t.kindCorrect).toBeGreaterThanOrEqual(ratchet.kindCorrect);
    expect(t.culpritEqual).toBeGreaterThanOrEqual(ratchet.culpritEqual);
    expect(t.corruptedAgrees).toBeGreaterThanOrEqual(ratchet.corruptedAgrees);
    expect(evaluation.falseIncidents).toBeLessThanOrEqual(ratchet.maxFalseIncidents);
  });

  it('keeps the signatures\' pairwise precision and recall', () => {
    expect(evaluation.signatures.precision).toBeGreaterThanOrEqual(ratchet.signaturePrecision);
    expect(evaluation.signatures.recall).toBeGreaterThanOrEqual(ratchet.signatureRecall);
    expect(evaluation.holders.dumpNamesHolder).toBeGreaterThanOrEqual(ratchet.holdersInDumps);
    expect(evaluation.holders.named).toBeGreaterThanOrEqual(ratchet.holdersNamed);
  });
});
