import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptedFunctions, evaluateCorpus, expectedFunction, expectedKinds, splitCaseFile, type CorpusCase } from '../src/eval/corpus.js';

const CORPUS = '../shared/corpus/syzkaller-linux';

/** The counts reached so far: they may only go up (raise them in test/corpus-ratchet.json as detectors improve). */
const ratchet = JSON.parse(readFileSync('test/corpus-ratchet.json', 'utf8')) as {
  detected: number;
  kindCorrect: number;
  culpritEqual: number;
  corruptedAgrees: number;
  maxFalseIncidents: number;
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

describe('syzkaller corpus ratchet', () => {
  const evaluation = evaluateCorpus(CORPUS);
  const t = evaluation.totals;

  it('scores every case of the corpus', () => {
    expect(evaluation.outcomes).toHaveLength(747);
  });

  it('does not fall below the stored counts', () => {
    expect(t.detected).toBeGreaterThanOrEqual(ratchet.detected);
    expect(t.kindCorrect).toBeGreaterThanOrEqual(ratchet.kindCorrect);
    expect(t.culpritEqual).toBeGreaterThanOrEqual(ratchet.culpritEqual);
    expect(t.corruptedAgrees).toBeGreaterThanOrEqual(ratchet.corruptedAgrees);
    expect(evaluation.falseIncidents).toBeLessThanOrEqual(ratchet.maxFalseIncidents);
  });
});
