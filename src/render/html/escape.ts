import { visible } from '../visible.js';

/** Markup that is already safe to emit as is: built by `html` from escaped parts. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML/SVG text node or a quoted attribute value; hidden characters become visible escapes. */
export function escapeHtml(text: string): string {
  return visible(text, true).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function emit(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(emit).join('');
  return escapeHtml(String(part));
}

/**
 * Template tag that escapes every interpolated value unless it is SafeHtml, so that log text
 * (comm names, messages) can never become markup; arrays are joined, null/false/undefined vanish.
 */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, n) => {
    out += emit(v) + strings[n + 1]!;
  });
  return new SafeHtml(out);
}

/** Text from a log isolated from the sentence around it: right-to-left letters in it cannot reorder that sentence. */
export function isolate(part: Part): SafeHtml {
  return html`<bdi>${part}</bdi>`;
}

/** Trusted markup written by this renderer (never log text). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Prose from findings/notes: `quoted` parts become <code>, everything is escaped. */
export function prose(text: string): SafeHtml {
  return html`${text.split(/(`[^`]*`)/).map((part, n) => (n % 2 === 1 ? html`<code>${part.slice(1, -1)}</code>` : part))}`;
}
