import { formatDuration } from '../time/format.js';
import { ERRNO_ZH } from '../knowledge/zh.js';
import type { EventGroup, Incident, InnerMessage, Message, MessageParams } from '../result/schema.js';
import type { UnsaidRunError } from '../result/errors.js';
import type { Reason, UnsaidWarning } from '../result/warnings.js';
import { relationMessage } from '../result/relation.js';
import { EN } from './en.js';
import { REPORT_WORDS_EN, REPORT_WORDS_ZH } from './report-words.js';
import { durationZh, taintMeaningZh, titleZh, ZH } from './zh.js';
import { STAGES_EN, STAGES_ZH } from './stages.js';
import { WARNINGS_EN, WARNINGS_ZH } from './warnings.js';
import type { Args, Catalog } from './types.js';

export type { Args, Catalog, Entry } from './types.js';
export { detailLabel, detailValue } from './details.js';

/** Languages of the human-facing reports; the JSON document is always English. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

const CATALOGS: Record<Lang, Catalog> = { en: { ...EN, ...WARNINGS_EN, ...REPORT_WORDS_EN, ...STAGES_EN }, zh: { ...ZH, ...WARNINGS_ZH, ...REPORT_WORDS_ZH, ...STAGES_ZH } };

type Value = MessageParams[string] | undefined;

const isMessage = (v: Value): v is InnerMessage => typeof v === 'object' && v !== null && !Array.isArray(v);

function args(params: MessageParams, say: (m: InnerMessage) => string): Args {
  const scalar = (key: string) => {
    const v: Value = params[key];
    return v === undefined || isMessage(v) || Array.isArray(v) ? null : v;
  };
  return {
    str: (key) => String(scalar(key) ?? ''),
    opt: (key) => (scalar(key) === null ? null : String(scalar(key))),
    num: (key) => Number(scalar(key) ?? 0),
    optNum: (key) => (typeof scalar(key) === 'number' ? (scalar(key) as number) : null),
    list: (key) => {
      const v: Value = params[key];
      return Array.isArray(v) ? v.map((x) => String(x)) : [];
    },
    say: (key) => {
      const v: Value = params[key];
      return isMessage(v) ? say(v) : null;
    },
  };
}

/** True when the language's catalog has the code (English has every code the analysis produces). */
export function hasMessage(lang: Lang, code: string): boolean {
  return Object.hasOwn(CATALOGS[lang], code);
}

/** The sentence for a code in a language, falling back to English, then to the code itself. */
export function t(lang: Lang, code: string, params: MessageParams = {}): string {
  const entry = CATALOGS[lang][code] ?? CATALOGS.en[code];
  if (!entry) return code;
  const text = entry(args(params, (m) => t(lang, m.code, m.params)));
  return lang === 'zh' ? spaceCjk(text) : text;
}

// A Chinese character right before a Latin letter or digit, and the other way round: Chinese typography puts a space there.
// Identifiers count as Latin words: `发生 __memset`, `do_fsync 中`.
const CJK_THEN_LATIN_RE = /([\u3400-\u9fff])(?=[A-Za-z0-9_])/g;
const LATIN_THEN_CJK_RE = /([A-Za-z0-9_])(?=[\u3400-\u9fff])/g;

/** Puts a space between Chinese and Latin words, outside `code` spans (quoted log text stays as printed). */
export function spaceCjk(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, n) => (n % 2 === 1 ? part : part.replace(CJK_THEN_LATIN_RE, '$1 ').replace(LATIN_THEN_CJK_RE, '$1 ')))
    .join('');
}

/** Says a message (finding, next step, note) in a language; English keeps the text stored in the result. */
export function say(lang: Lang, m: Message & { text?: string }): string {
  if (lang === 'en' && m.text !== undefined) return m.text;
  return t(lang, m.code, m.params);
}

/** Stored English sentences re-said in a language from their messages (same order); a sentence without one stays as stored. */
export function sayEach(lang: Lang, texts: readonly string[], messages: readonly Message[]): string[] {
  return texts.map((text, n) => {
    const message = messages[n];
    return message ? say(lang, { text, ...message }) : text;
  });
}

/** A run warning's sentence; English keeps the message stored in the result. */
export function sayWarning(lang: Lang, w: UnsaidWarning & { message?: string }): string {
  return lang === 'en' && w.message !== undefined ? w.message : t(lang, `warning.${w.code}`, w.params);
}

/** A stage that threw, in the reader's language: which stage, on which report, and the error's own words. */
export function sayRunError(lang: Lang, e: UnsaidRunError): string {
  return t(lang, 'ui.errorIn', { where: t(lang, `stage.${e.stage}`, e.params), message: e.message });
}

/** Why a file could not be read (the reason a warning carries). */
export function sayReason(lang: Lang, r: Reason): string {
  return t(lang, `reason.${r.reason}`, r);
}

/** A run warning as one line of plain text: the path it names, then its sentence. */
export function warningLine(lang: Lang, w: UnsaidWarning & { message?: string }): string {
  return `${w.path ? `${w.path}${PUNCTUATION[lang].colon}` : ''}${sayWarning(lang, w)}`;
}

/** The punctuation a report's own phrases are joined with: full-width inside Chinese sentences. */
export interface Punctuation {
  /** Between items of a list: `, ` or `，`. */
  readonly sep: string;
  /** After a label or heading: `: ` or `：`. */
  readonly colon: string;
  /** Between clauses: `; ` or `；`. */
  readonly semi: string;
  /** An aside: ` (x)` or `（x）`. */
  paren(text: string): string;
}

const PUNCTUATION: Record<Lang, Punctuation> = {
  en: { sep: ', ', colon: ': ', semi: '; ', paren: (text) => ` (${text})` },
  zh: { sep: '，', colon: '：', semi: '；', paren: (text) => `（${text}）` },
};

export function punctuation(lang: Lang): Punctuation {
  return PUNCTUATION[lang];
}

/** A duration ("11 min 24 s", "11 分 24 秒"). */
export function duration(lang: Lang, seconds: number): string {
  return lang === 'zh' ? durationZh(seconds) : formatDuration(seconds);
}

/** An incident's title; Chinese re-says the "<kind> in <function>" titles the analysis builds. */
export function incidentTitle(lang: Lang, i: Pick<Incident, 'kind' | 'title'>): string {
  return lang === 'zh' ? spaceCjk(titleZh(i.kind, i.title)) : i.title;
}

/** What a taint flag means. */
export function taintMeaning(lang: Lang, flag: { letter: string; meaning: string }): string {
  return lang === 'zh' ? taintMeaningZh(flag.letter) : flag.meaning;
}

/** What an event's errno means. */
export function errnoMeaning(lang: Lang, e: Pick<EventGroup, 'errnoName' | 'errnoMeaning'>): string | null {
  return lang === 'zh' && e.errnoName ? (ERRNO_ZH[e.errnoName] ?? e.errnoMeaning) : e.errnoMeaning;
}

/** Where an event sits on its incident's timeline. */
export function relationText(lang: Lang, e: EventGroup): string | null {
  const r = e.relation;
  if (!r) return null;
  if (lang === 'en') return r.text;
  const m = relationMessage(e.count, r.startDeltaSeconds, r.endDeltaSeconds);
  return t(lang, m.code, m.params);
}
