import type { Result } from '../result/schema.js';
import { renderHtml } from './html/index.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export const OUTPUT_FORMATS = ['text', 'json', 'md', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  readonly color: boolean;
  /** One JSON document per line (--each with --format json). */
  readonly compactJson: boolean;
}

/** Renders the result; every renderer is a pure function of the result object. */
export function render(result: Result, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(result, options.compactJson);
    case 'md':
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result);
    case 'text':
      return renderText(result, { color: options.color });
  }
}
