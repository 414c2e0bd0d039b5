import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { hasMessage, t } from '../../src/i18n/index.js';
import { EN_MESSAGES } from '../../src/i18n/en.js';
import { KIND_ZH } from '../../src/i18n/zh.js';
import { ERRNO_TABLE } from '../../src/knowledge/errno-table.js';
import { SUBSYSTEM_OWNERS } from '../../src/knowledge/subsystems.js';
import { TAINT_FLAGS } from '../../src/knowledge/taint.js';
import { ERRNO_ZH, TAINT_ZH, TEAMS_ZH } from '../../src/knowledge/zh.js';
import { CORRUPTION_CODES, DETAIL_CODES } from '../../src/reports/codes.js';
import { INCIDENT_KINDS } from '../../src/result/kinds.js';
import type { MessageParams, Result } from '../../src/result/schema.js';
import { CORPUS_DIR, hasShared, itWithShared } from '../helpers/shared.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const CJK = /[\u4e00-\u9fff]/;

function results(): Result[] {
  const fixtures = ['messages.node-2.20221112.log', 'seed-excerpt.log'].map((f) => analyzeText(readFileSync(`examples/node-2/${f}`, 'utf8'), f, { now: NOW }));
  // The corpus only where the shared data is beside the repository (see the test that says so below).
  const corpus = (hasShared ? readdirSync(CORPUS_DIR) : [])
    .filter((f) => /^\d+$/.test(f))
    .map((f) => analyzeText(readFileSync(`${CORPUS_DIR}/${f}`, 'utf8'), f, { now: NOW }));
  return [...fixtures, ...corpus];
}

/** Every message code a result uses: findings, next steps (and their `.why`), verdict, notes, nested messages. */
function codesOf(r: Result): string[] {
  const nested = (params: MessageParams) => Object.values(params).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) ? [v.code] : []));
  return [
    r.summary.verdictCode,
    ...nested(r.summary.verdictParams),
    ...r.findings.flatMap((f) => [f.code, ...nested(f.params)]),
    ...r.nextSteps.flatMap((s) => [s.code, `${s.code}.why`]),
    ...r.incidents.flatMap((i) => [...i.noteMessages, ...i.corruptionMessages, ...Object.values(i.detailMessages)].map((n) => n.code)),
    ...r.incidents.flatMap((i) => [...(i.machine?.noteMessages ?? []).map((n) => n.code), ...(i.machine?.codePatterns ?? []).map((p) => `pattern.${p.kind}`)]),
  ];
}

describe('message catalog', () => {
  const all = results();
  const used = [...new Set(all.flatMap(codesOf))].sort();

  itWithShared('checks the logs of the syzkaller corpus too', () => {
    expect(all.length).toBe(2 + 747);
  });

  it('has an English and a Chinese entry for every code the analysis produces on node-2, the seed excerpt and the corpus', () => {
    expect(used.length).toBeGreaterThanOrEqual(15);
    expect(used.filter((code) => !hasMessage('en', code))).toEqual([]);
    expect(used.filter((code) => !hasMessage('zh', code))).toEqual([]);
  });

  it('has a Chinese entry for every English analysis code, and each says something in Chinese', () => {
    for (const code of Object.keys(EN_MESSAGES)) expect(hasMessage('zh', code), code).toBe(true);
    const verdict = all[0]!.summary;
    expect(t('zh', verdict.verdictCode, verdict.verdictParams)).toMatch(CJK);
  });

  it('re-says every stored English sentence exactly from its code and parameters', () => {
    for (const r of all) {
      expect(t('en', r.summary.verdictCode, r.summary.verdictParams)).toBe(r.summary.verdict);
      for (const f of r.findings) expect(t('en', f.code, f.params)).toBe(f.text);
      for (const s of r.nextSteps) expect([t('en', s.code, s.params), t('en', `${s.code}.why`, s.params)]).toEqual([s.text, s.why]);
      for (const i of r.incidents) {
        expect(i.noteMessages.map((n) => t('en', n.code, n.params))).toEqual(i.notes);
        expect(i.corruptionMessages.map((n) => t('en', n.code, n.params))).toEqual(i.corruptionReasons);
        for (const [key, m] of Object.entries(i.detailMessages)) expect(t('en', m.code, m.params)).toBe(i.details[key]);
        expect(i.machine?.noteMessages.map((n) => t('en', n.code, n.params))).toEqual(i.machine?.notes);
        for (const p of i.machine?.codePatterns ?? []) expect(t('en', `pattern.${p.kind}`, p.params)).toBe(p.explanation);
      }
    }
  });

  it('says every corruption and detail code (src/reports/codes.ts) in English and in Chinese', () => {
    for (const code of [...CORRUPTION_CODES, ...DETAIL_CODES]) {
      expect(hasMessage('en', code), code).toBe(true);
      expect(hasMessage('zh', code), code).toBe(true);
    }
  });

  it('falls back to the code itself when no language has it', () => {
    expect(t('zh', 'no.such.code')).toBe('no.such.code');
  });
});

describe('Chinese knowledge tables', () => {
  const chinese = (text: string | undefined) => text !== undefined && CJK.test(text);

  it('translate every errno meaning', () => {
    expect(ERRNO_TABLE.filter((e) => !chinese(ERRNO_ZH[e.name])).map((e) => e.name)).toEqual([]);
    expect(ERRNO_ZH['ENOTCONN']).toBe('传输端点尚未连接');
  });

  it('translate every taint flag', () => {
    expect(TAINT_FLAGS.filter((f) => !chinese(TAINT_ZH[f.letter])).map((f) => f.letter)).toEqual([]);
    expect(TAINT_ZH['L']).toContain('软锁死');
  });

  it('translate every team and every incident kind', () => {
    expect(SUBSYSTEM_OWNERS.filter((o) => !chinese(TEAMS_ZH[o.team])).map((o) => o.team)).toEqual([]);
    expect(INCIDENT_KINDS.filter((k) => !KIND_ZH[k])).toEqual([]);
  });
});
