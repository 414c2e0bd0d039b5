// The wait-for graph drawn as SVG: a column per step of waiting (what everything waits on at the left, its waiters to
// the right of it), a box per task or CPU, an arrow per wait labelled with what is waited on and how that was known.
import { t, type Lang } from '../../i18n/index.js';
import type { Result, WaitEdge, WaitGraph, WaitNode } from '../../result/schema.js';
import { visible } from '../visible.js';
import { waitEdgeWords, waitNodeName } from '../common.js';
import { html, type SafeHtml } from './escape.js';
import { incidentAnchor } from './ids.js';
import { fitText, px } from './svg.js';

const BOX_W = 200;
const BOX_H = 44;
/** Room between two columns: the edge labels sit there. */
const GAP = 230;
const COL_W = BOX_W + GAP;
const ROW_H = 62;
/** Glyph width of the 11 px monospace edge labels. */
const MONO_PX = 6.7;
const PAD = 12;
/** Boxes drawn at most (the text section lists every wait): a show_state of a large node stays a picture. */
const MAX_NODES = 60;

/** A box of the drawing: a node of the graph, or the holder the log does not show for one kind of wait. */
interface Box {
  readonly id: string;
  readonly node: WaitNode | null;
  /** For an unseen holder: what it holds. */
  readonly unseen: { readonly kind: WaitEdge['kind']; readonly resource: string | null } | null;
  col: number;
  row: number;
}

const unseenId = (e: WaitEdge) => `unseen:${e.kind}|${e.resource ?? ''}`;
const targetOf = (e: WaitEdge) => e.to ?? unseenId(e);

/** The edges drawn: those of the chains first (their roots lead), then the rest, within MAX_NODES boxes. */
function pickEdges(graph: WaitGraph): WaitEdge[] {
  const inChain = new Set(graph.chains.flatMap((c) => [c.root, ...c.waiters]));
  const ordered = [...graph.edges.filter((e) => inChain.has(e.from)), ...graph.edges.filter((e) => !inChain.has(e.from))];
  const boxes = new Set<string>();
  const out: WaitEdge[] = [];
  for (const e of ordered) {
    const needs = [e.from, targetOf(e)].filter((id) => !boxes.has(id)).length;
    if (boxes.size + needs > MAX_NODES) continue;
    boxes.add(e.from);
    boxes.add(targetOf(e));
    out.push(e);
  }
  return out;
}

/**
 * Columns by how far each box is from what it waits on: a box that waits for nothing drawn is in column 0, a waiter one
 * column right of the nearest box it waits for (breadth first over the reversed waits: linear, and cycles end).
 */
function layOut(graph: WaitGraph, edges: readonly WaitEdge[]): Box[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, Box>();
  const box = (id: string, e: WaitEdge | null): Box => {
    let b = boxes.get(id);
    if (!b) boxes.set(id, (b = { id, node: nodes.get(id) ?? null, unseen: e && e.to === null ? { kind: e.kind, resource: e.resource } : null, col: -1, row: 0 }));
    return b;
  };
  const waiters = new Map<string, string[]>();
  const waits = new Set<string>();
  for (const e of edges) {
    box(e.from, null);
    box(targetOf(e), e);
    waits.add(e.from);
    const list = waiters.get(targetOf(e));
    if (list) list.push(e.from);
    else waiters.set(targetOf(e), [e.from]);
  }
  const queue: Box[] = [];
  const start = (b: Box) => {
    b.col = 0;
    queue.push(b);
  };
  const spread = () => {
    for (let n = 0; n < queue.length; n++) {
      for (const id of waiters.get(queue[n]!.id) ?? []) {
        const w = boxes.get(id)!;
        if (w.col >= 0) continue;
        w.col = queue[n]!.col + 1;
        queue.push(w);
      }
    }
  };
  for (const b of boxes.values()) if (!waits.has(b.id)) start(b);
  spread();
  // A cycle waits for nothing outside it: it starts a column 0 of its own.
  for (const b of boxes.values()) {
    if (b.col >= 0) continue;
    start(b);
    spread();
  }
  // Rows: a column's boxes in the order of the first box each waits for, so that arrows cross little.
  const all = [...boxes.values()];
  const firstTarget = new Map<string, string>();
  for (const e of edges) if (!firstTarget.has(e.from)) firstTarget.set(e.from, targetOf(e));
  const columns = Math.max(...all.map((b) => b.col)) + 1;
  for (let col = 0; col < columns; col++) {
    const inCol = all.filter((b) => b.col === col);
    const rank = (b: Box) => boxes.get(firstTarget.get(b.id) ?? '')?.row ?? -1;
    if (col > 0) inCol.sort((a, b) => rank(a) - rank(b));
    inCol.forEach((b, n) => {
      b.row = n;
    });
  }
  return all;
}

const boxX = (b: Box) => PAD + b.col * COL_W;
const boxY = (b: Box) => PAD + b.row * ROW_H;

function nodeTip(n: WaitNode, lang: Lang): string {
  const facts = [
    waitNodeName(n),
    n.kind === 'task' && n.cpu !== null ? `CPU ${n.cpu}` : null,
    n.state ? `state ${n.state}` : null,
    n.idle ? t(lang, 'ui.wait.idle') : null,
    n.partial ? t(lang, 'ui.wait.partial') : null,
  ].filter((f): f is string => f !== null);
  const stack = n.stack.slice(0, 8).map((f) => `  ${visible(f)}`);
  const where = n.evidence.slice(0, 3).map((e) => `${visible(e.path)}:${e.line}`);
  return [visible(facts.join(', ')), ...stack, ...n.incidents.map((id) => `${id}: ${t(lang, 'ui.tl.click')}`), ...where].join('\n');
}

function drawBox(b: Box, graph: WaitGraph, lang: Lang): SafeHtml {
  const x = boxX(b);
  const y = boxY(b);
  const n = b.node;
  // An unseen holder is named by what is waited on (`I/O on sdb1`, `lock &sb->s_umount`), under it that the log does not show it.
  const title = n ? waitNodeName(n) : t(lang, 'ui.wait.on', { kind: b.unseen?.kind ?? null, resource: b.unseen?.resource ?? null });
  // A root shows where it left its waiters' path (udf_fill_super under mount_bdev), as the verdict does.
  const running = graph.chains.find((c) => c.root === b.id)?.within ?? n?.running;
  const sub = n
    ? [n.kind === 'task' && n.cpu !== null ? `CPU ${n.cpu}` : null, running, n.idle ? t(lang, 'ui.wait.idle') : null, n.incidents.join(' ')].filter(Boolean).join(' · ')
    : b.unseen?.kind === 'io'
      ? t(lang, 'ui.wait.device', { resource: b.unseen.resource })
      : t(lang, 'ui.wait.unseen');
  const classes = ['wg-node', graph.roots.includes(b.id) ? 'wg-root' : null, !n ? 'wg-unseen' : null, n?.partial ? 'wg-partial' : null, n?.incidents.length ? 'wg-incident' : null].filter(Boolean).join(' ');
  const tip = n ? nodeTip(n, lang) : `${t(lang, 'ui.wait.unseen')}${b.unseen?.resource ? `: ${visible(b.unseen.resource)}` : ''}`;
  const go = n?.incidents[0] ? incidentAnchor(n.incidents[0]) : null;
  return html`<g class="${classes}" data-node="${b.id}" data-tip="${tip}"${go ? html` data-go="${go}" tabindex="0" role="link"` : null}>
<rect x="${px(x)}" y="${px(y)}" width="${BOX_W}" height="${BOX_H}" rx="5"/>
<text x="${px(x + 8)}" y="${px(y + 17)}" class="wg-title">${fitText(title, BOX_W - 16)}</text>
<text x="${px(x + 8)}" y="${px(y + 34)}" class="wg-sub">${fitText(sub, BOX_W - 16, 6)}</text></g>`;
}

function drawEdge(e: WaitEdge, boxes: ReadonlyMap<string, Box>, lang: Lang, dated: boolean): SafeHtml {
  const from = boxes.get(e.from)!;
  const to = boxes.get(targetOf(e))!;
  const words = waitEdgeWords(e, lang, dated);
  const tip = [words.what, words.how, words.storage, ...e.evidence.slice(0, 4).map((r) => `${visible(r.path)}:${r.line}`)].filter(Boolean).join('\n');
  const fy = boxY(from) + BOX_H / 2;
  const ty = boxY(to) + BOX_H / 2;
  let path: string;
  let lx: number;
  let ly: number;
  if (to.col < from.col) {
    // Forward: from the waiter's left side to the right side of what it waits for.
    const x1 = boxX(from);
    const x2 = boxX(to) + BOX_W;
    const bend = (x1 - x2) / 2;
    path = `M${px(x1)} ${px(fy)}C${px(x1 - bend)} ${px(fy)} ${px(x2 + bend)} ${px(ty)} ${px(x2 + 2)} ${px(ty)}`;
    // Labels at the waiter's end, above and below the line: where arrows meet (at the holder) they would pile up.
    lx = x1 - 8;
    ly = fy - 5;
  } else {
    // A wait back (a cycle) or within a column: an arc under the boxes.
    const x1 = boxX(from) + BOX_W / 2;
    const x2 = boxX(to) + BOX_W / 2 + 10;
    const low = Math.max(boxY(from), boxY(to)) + BOX_H + 18;
    path = `M${px(x1)} ${px(boxY(from) + BOX_H)}C${px(x1)} ${px(low)} ${px(x2)} ${px(low)} ${px(x2)} ${px(boxY(to) + BOX_H + 2)}`;
    lx = Math.max(x1, x2) - 6;
    ly = low - 5;
  }
  const room = GAP - 24;
  return html`<g class="wg-edge wg-${e.kind}${e.to === null ? ' wg-to-unseen' : ''}${words.storage ? ' wg-storage' : ''}" data-edge="${e.from}>${targetOf(e)}" data-tip="${tip}">
<path d="${path}" marker-end="url(#wg-arrow)"/>
<text x="${px(lx)}" y="${px(ly)}" class="wg-what">${fitText(words.what, room, MONO_PX)}</text>
<text x="${px(lx)}" y="${px(ly + 17)}" class="wg-how">${fitText(words.storageShort ?? words.how, room)}</text></g>`;
}

/** The wait-for graph as an inline SVG figure, or null when the result has no waits. */
export function renderWaitGraph(result: Result, lang: Lang = 'en', dated = false): SafeHtml | null {
  const graph = result.waitGraph;
  if (!graph || graph.edges.length === 0) return null;
  const edges = pickEdges(graph);
  const placed = layOut(graph, edges);
  const boxes = new Map(placed.map((b) => [b.id, b]));
  const columns = Math.max(...placed.map((b) => b.col)) + 1;
  const rows = Math.max(...placed.map((b) => b.row)) + 1;
  // Columns are drawn right to left from the waiters: the root sits at the left, where reading starts.
  const width = PAD * 2 + (columns - 1) * COL_W + BOX_W;
  const height = PAD * 2 + (rows - 1) * ROW_H + BOX_H + 30;
  const hidden = graph.edges.length - edges.length;
  return html`<figure class="waitgraph">
<svg viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${t(lang, 'ui.wait.aria')}">
<defs><marker id="wg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>
${edges.map((e) => drawEdge(e, boxes, lang, dated))}
${placed.map((b) => drawBox(b, graph, lang))}
</svg>
<figcaption><span class="key key-culprit"></span>${t(lang, 'ui.wait.rootKey')}${placed.some((b) => b.unseen) ? html` <span class="key key-unseen"></span>${t(lang, 'ui.wait.unseen')}` : null}${hidden > 0 ? ` · ${t(lang, 'ui.wait.hidden', { count: hidden })}` : ''}</figcaption>
</figure>`;
}
