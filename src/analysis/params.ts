import type { UnsaidIncident } from '../result/unsaid.js';

const textDetail = (i: UnsaidIncident, key: string): string | null => (typeof i.details[key] === 'string' ? (i.details[key] as string) : null);
const numberDetail = (i: UnsaidIncident, key: string): number | null => (typeof i.details[key] === 'number' ? (i.details[key] as number) : null);

/** What a sanitizer found (`use-after-free`, `read`), for the sentence to name it as the tool does. */
export function sanitizerParams(i: UnsaidIncident): { bugType: string | null; access: string | null } {
  return { bugType: textDetail(i, 'bugType'), access: textDetail(i, 'access') };
}

/** The task an OOM kill killed (the incident's own task is the one whose allocation invoked the killer). */
export function victimParams(i: UnsaidIncident): { victim: string | null; victimPid: number | null; invoker: string | null } {
  return { victim: textDetail(i, 'victimComm'), victimPid: numberDetail(i, 'victimPid'), invoker: textDetail(i, 'invoker') };
}
