import { t } from '../i18n/index.js';
import type { MachineSection } from '../result/machine-schema.js';
import { relationMessage } from '../result/relation.js';
import type { EventGroup, Finding, Incident, InnerMessage, Message, NextStep, Result, RunWarning } from '../result/schema.js';
import type { UnsaidRunError } from '../result/errors.js';
import type { UnsaidWarning } from '../result/warnings.js';
import type { UnsaidDetail, UnsaidEvent, UnsaidFinding, UnsaidIncident, UnsaidMachine, UnsaidPattern, UnsaidResult, UnsaidStep } from '../result/unsaid.js';

// The English sentences of the result document, said from the codes and parameters the analysis gives
// (src/result/unsaid.ts). The JSON is always English; the text, Markdown and HTML reports say the codes in their language.

const english = (m: Message | InnerMessage): string => t('en', m.code, m.params);

/** A copy of `object` with `key` set just before the field `before`: the document keeps its order of fields. */
function withFieldBefore<T extends object, K extends string, V>(object: T, before: keyof T & string, key: K, value: V): T & Record<K, V> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    if (k === before) out[key] = value;
    out[k] = v;
  }
  return out as T & Record<K, V>;
}

export function sayPattern(p: UnsaidPattern): MachineSection['codePatterns'][number] {
  return withFieldBefore(p, 'params', 'explanation', t('en', `pattern.${p.kind}`, p.params));
}

function sayMachine(m: UnsaidMachine): MachineSection {
  return withFieldBefore({ ...m, codePatterns: m.codePatterns.map(sayPattern) }, 'noteMessages', 'notes', m.noteMessages.map(english));
}

const isMessageValue = (v: UnsaidDetail): v is InnerMessage => typeof v === 'object' && v !== null;

/** The details with each phrase said in English, and those phrases' messages. */
function sayDetails(details: UnsaidIncident['details']): Pick<Incident, 'details' | 'detailMessages'> {
  const said: Incident['details'] = {};
  const messages: Incident['detailMessages'] = {};
  for (const [key, value] of Object.entries(details)) {
    if (isMessageValue(value)) {
      said[key] = english(value);
      messages[key] = value;
    } else said[key] = value;
  }
  return { details: said, detailMessages: messages };
}

function sayIncident(i: UnsaidIncident): Incident {
  const { details, detailMessages } = sayDetails(i.details);
  const withReasons = withFieldBefore({ ...i, details, machine: i.machine && sayMachine(i.machine) }, 'corruptionMessages', 'corruptionReasons', i.corruptionMessages.map(english));
  const withDetails = withFieldBefore(withReasons, 'noteMessages', 'detailMessages', detailMessages);
  return withFieldBefore(withDetails, 'noteMessages', 'notes', i.noteMessages.map(english));
}

function sayEvent(e: UnsaidEvent): EventGroup {
  const r = e.relation;
  return { ...e, relation: r && { ...r, text: english(relationMessage(e.count, r.startDeltaSeconds, r.endDeltaSeconds)) } };
}

function sayFinding(f: UnsaidFinding): Finding {
  return withFieldBefore(f, 'incidents', 'text', english(f));
}

/** The steps with their sentences; steps that read the same are one, naming every incident of each. */
function saySteps(steps: readonly UnsaidStep[]): NextStep[] {
  const byText = new Map<string, NextStep>();
  for (const step of steps) {
    const text = english(step);
    const known = byText.get(text);
    if (known) known.incidents.push(...step.incidents.filter((id) => !known.incidents.includes(id)));
    else byText.set(text, { text, why: t('en', `${step.code}.why`, step.params), ...step, incidents: [...step.incidents] });
  }
  return [...byText.values()];
}

function sayWarning(w: UnsaidWarning): RunWarning {
  return withFieldBefore({ ...w, params: { ...w.params } }, 'code', 'message', t('en', `warning.${w.code}`, w.params));
}

function sayError(e: UnsaidRunError): Result['errors'][number] {
  return { where: t('en', `stage.${e.stage}`, e.params), ...e, params: { ...e.params } };
}

/** The result document: the analysis's result with every English sentence said. */
export function sayResult(result: UnsaidResult): Result {
  const { summary } = result;
  return {
    ...result,
    summary: withFieldBefore(summary, 'verdictCode', 'verdict', t('en', summary.verdictCode, summary.verdictParams)),
    incidents: result.incidents.map(sayIncident),
    events: result.events.map(sayEvent),
    findings: result.findings.map(sayFinding),
    nextSteps: saySteps(result.nextSteps),
    warnings: result.warnings.map(sayWarning),
    errors: result.errors.map(sayError),
  };
}
