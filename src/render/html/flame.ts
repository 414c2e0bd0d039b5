import { t, type Lang } from '../../i18n/index.js';
import type { Incident } from '../../result/schema.js';
import { html, type SafeHtml } from './escape.js';
import { fitText, nameHash, px } from './svg.js';
import { visible } from '../visible.js';

/** A call path node: how many samples passed through this function from this caller chain. */
export interface FlameNode {
  readonly name: string;
  count: number;
  readonly children: FlameNode[];
}

/** Merges stacks (innermost first, as samples store them) into a call tree rooted at the outermost frames. */
export function foldStacks(stacks: readonly (readonly string[])[]): FlameNode {
  const root: FlameNode = { name: 'all samples', count: 0, children: [] };
  for (const stack of stacks) {
    root.count++;
    let node = root;
    for (let n = stack.length - 1; n >= 0; n--) {
      const name = stack[n]!;
      let child = node.children.find((c) => c.name === name);
      if (!child) {
        child = { name, count: 0, children: [] };
        node.children.push(child);
      }
      child.count++;
      node = child;
    }
  }
  return root;
}

function depthOf(node: FlameNode): number {
  return 1 + Math.max(0, ...node.children.map(depthOf));
}

const WIDTH = 1120;
const ROW = 20;
const PALETTE_SIZE = 6;

interface Marks {
  readonly loop: string | null;
  readonly culprit: string | null;
  readonly total: number;
}

function frameClass(name: string, marks: Marks, depth: number): string {
  if (depth === 0) return 'fl-root';
  if (name === marks.loop) return 'fl-loop';
  if (name === marks.culprit) return 'fl-culprit';
  return `fl-${nameHash(name) % PALETTE_SIZE}`;
}

function frameTip(node: FlameNode, marks: Marks): string {
  const pct = Math.round((node.count / marks.total) * 100);
  const role = node.name === marks.loop ? '\nloop-bounding function: every sample passes through it' : '';
  return `${visible(node.name)}\n${node.count} of ${marks.total} sample${marks.total === 1 ? '' : 's'} (${pct}%)${role}`;
}

function layout(node: FlameNode, x: number, width: number, depth: number, marks: Marks, out: SafeHtml[]): void {
  // Frames narrower than a pixel cannot be seen or hovered; their share stays in the parent.
  if (width < 1) return;
  const y = depth * ROW;
  const label = fitText(node.name, width - 8, 6.4);
  out.push(html`<g class="fl ${frameClass(node.name, marks, depth)}" data-tip="${frameTip(node, marks)}" data-fn="${node.name}"><rect x="${px(x)}" y="${y}" width="${px(width - 1)}" height="${ROW - 2}" rx="2"/>${label ? html`<text x="${px(x + 4)}" y="${y + 13}">${label}</text>` : null}</g>`);
  let at = x;
  for (const child of [...node.children].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))) {
    const w = (child.count / node.count) * width;
    layout(child, at, w, depth + 1, marks, out);
    at += w;
  }
}

/** Icicle graph of all samples' stacks: outermost caller on top, the interrupted instruction's function at the bottom. */
export function renderFlameGraph(i: Incident, lang: Lang = 'en'): SafeHtml {
  const ui = (code: string, params?: Parameters<typeof t>[2]) => t(lang, code, params);
  const stacks = i.samples.filter((s) => s.stack.length > 0).map((s) => s.stack);
  if (stacks.length === 0) return html`<p class="muted">${ui('ui.flame.none')}</p>`;
  const root = foldStacks(stacks);
  const marks: Marks = { loop: i.loopFunction, culprit: i.culprit?.function ?? null, total: root.count };
  const frames: SafeHtml[] = [];
  layout(root, 0, WIDTH, 0, marks, frames);
  const height = depthOf(root) * ROW;
  const ripOnly = i.samples.length - stacks.length;
  return html`<figure class="flame">
<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${ui('ui.flame.aria')}">${frames}</svg>
<figcaption>${ui('ui.flame.caption', { count: stacks.length })}${i.loopFunction ? html`; <span class="key key-loop"></span><code>${i.loopFunction}</code> ${ui('ui.flame.loop')}` : null}${ripOnly > 0 ? `; ${ui('ui.flame.ripOnly', { count: ripOnly })}` : ''}.</figcaption>
</figure>`;
}
