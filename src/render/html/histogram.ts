import type { Incident } from '../../result/schema.js';
import { ripText } from '../common.js';
import { html, type SafeHtml } from './escape.js';
import { fitText, px } from './svg.js';
import { visible } from '../visible.js';

const WIDTH = 760;
const LABEL_WIDTH = 300;
const ROW = 22;
/** Distinct RIPs drawn; the long tail of a huge episode adds nothing a reader can see. */
const MAX_ROWS = 20;

/** Horizontal bar chart of where the watchdog interrupts landed (function+offset, count, share). */
export function renderRipHistogram(i: Incident): SafeHtml {
  const rows = i.ripSamples.slice(0, MAX_ROWS);
  if (rows.length === 0) return html`<p class="muted">No RIP line was kept.</p>`;
  const total = i.ripSamples.reduce((n, r) => n + r.count, 0);
  const max = Math.max(...rows.map((r) => r.count));
  const barSpace = WIDTH - LABEL_WIDTH - 90;
  const height = rows.length * ROW + 4;
  const bars = rows.map((r, n) => {
    const y = n * ROW + 2;
    const w = Math.max((r.count / max) * barSpace, 2);
    const pct = Math.round((r.count / total) * 100);
    const where = ripText(r);
    return html`<g class="hist-row${r.function === i.loopFunction ? ' hist-loop' : ''}" data-tip="${`RIP ${visible(where)}\n${r.count} of ${total} samples (${pct}%)`}">
<text class="hist-label" x="${LABEL_WIDTH - 8}" y="${y + 14}">${fitText(where, LABEL_WIDTH - 12, 6.8)}</text>
<rect x="${LABEL_WIDTH}" y="${y}" width="${px(w)}" height="${ROW - 6}" rx="2"/>
<text class="hist-count" x="${px(LABEL_WIDTH + w + 6)}" y="${y + 13}">${r.count} (${pct}%)</text></g>`;
  });
  const more = i.ripSamples.length - rows.length;
  return html`<figure class="hist"><svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="RIP sample histogram">${bars}</svg>
${more > 0 ? html`<figcaption>${more} rarer RIPs not drawn.</figcaption>` : null}</figure>`;
}
