import type { InnerMessage } from './schema.js';

/** Where an event sits on an incident's timeline, as a message: one line logged at a moment, or a span of lines. */
export function relationMessage(count: number, start: number, end: number): InnerMessage {
  return count === 1 ? { code: 'relation.once', params: { start } } : { code: 'relation.span', params: { start, end } };
}
