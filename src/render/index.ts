import type { Lang } from '../i18n/index.js';
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
  /** Language of the text, md and html reports ('en' when not given); JSON is always English. */
  readonly lang?: Lang;
  /** Most characters of the Markdown report (--md-limit; 60,000 when not given). */
  readonly mdLimit?: number;
}

/** Renders the result; every renderer is a pure function of the result object. */
export function render(result: Result, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(result, options.compactJson);
    case 'md':
      return renderMarkdown(result, options.lang, { limit: options.mdLimit });
    case 'html':
      return renderHtml(result, options.lang);
    case 'text':
      return renderText(result, { color: options.color, lang: options.lang });
  }
}
