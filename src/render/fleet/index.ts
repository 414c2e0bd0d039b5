import type { Lang } from '../../i18n/index.js';
import type { OutputFormat } from '../index.js';
import type { FleetView } from './common.js';
import { renderFleetHtml } from './html.js';
import { renderFleetMarkdown } from './markdown.js';
import { renderFleetText } from './text.js';

export type { FleetView } from './common.js';

/** Renders a fleet view (problems, one problem, hosts); each renderer is a pure function of the view. */
export function renderFleet(view: FleetView, format: OutputFormat, lang: Lang = 'en'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ view: view.view, store: view.store, ...view.data }, null, 2)}\n`;
    case 'md':
      return renderFleetMarkdown(view, lang);
    case 'html':
      return renderFleetHtml(view, lang);
    case 'text':
      return renderFleetText(view, lang);
  }
}
