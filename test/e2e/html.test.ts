/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The two lib references type the callbacks that page.evaluate runs inside the browser.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { HOSTILE_COMM, HOSTILE_LOG } from '../helpers/hostile-log.js';
import { at, freezeLog, hung, MUTEX_WAIT } from '../helpers/wait-logs.js';

// The Debian package `chromium` (.ci/run installs it); playwright-core downloads no browser of its own.
const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve('test-output');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED the HTML end-to-end tests: ${CHROMIUM} is missing (install it: apt-get install chromium)`);

interface OpenedPage {
  readonly page: Page;
  readonly url: string;
  /** Every request the page made, the page itself included. */
  readonly requests: string[];
  readonly dialogs: string[];
  readonly errors: string[];
}

function writeReport(input: string, name: string): string {
  const file = join(OUT, name);
  const r = runCli(['analyze', input, '--format', 'html', '-o', file]);
  expect(r.status).toBe(0);
  return file;
}

describe.skipIf(!hasChromium)(`HTML report in headless Chromium (${CHROMIUM})`, () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'ktriage-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    // A hang guard, not a speed check: on a loaded machine a full-page screenshot took over 5 s (no test judges wall time).
    context.setDefaultTimeout(120_000);
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(file: string): Promise<OpenedPage> {
    const page = await context.newPage();
    const opened: OpenedPage = { page, url: pathToFileURL(file).href, requests: [], dialogs: [], errors: [] };
    page.on('request', (r) => opened.requests.push(r.url()));
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => opened.errors.push(e.message));
    // CSP violations and failed loads are reported on the console.
    page.on('console', (m) => {
      if (m.type() === 'error') opened.errors.push(m.text());
    });
    await page.goto(opened.url);
    return opened;
  }

  it('shows the node-2 timeline, opens the culprit with its flame graph on click, and loads nothing', async () => {
    const { page, url, requests, errors } = await open(writeReport('examples/node-2/messages.node-2.20221112.log', 'node-2.html'));
    await expect.poll(() => page.locator('.lane-incident').count()).toBe(3);
    expect(await page.locator('.lane-event[data-event-kind="rbd"]').isVisible()).toBe(true);
    expect(await page.locator('.lane-event[data-event-kind="rbd"] .lane-title').textContent()).toBe('rbd');
    await page.screenshot({ path: join(OUT, 'node-2-report.png') });

    const flame = page.locator('#incident-I1 .flame');
    expect(await flame.isVisible()).toBe(false);
    await page.locator('.lane-incident.role-culprit .bar').click();
    await flame.waitFor({ state: 'visible' });
    const loopFrame = flame.locator('[data-fn="blk_set_queue_dying"]');
    expect(await loopFrame.isVisible()).toBe(true);
    expect(await loopFrame.textContent()).toBe('blk_set_queue_dying');
    await page.locator('#incident-I1').screenshot({ path: join(OUT, 'node-2-incident-I1.png') });

    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the report line of a tick on hover and filters the table', async () => {
    const { page } = await open(join(OUT, 'node-2.html'));
    await page.locator('.lane-incident.role-culprit .tick').nth(1).hover();
    const tip = page.locator('#tip');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toMatch(/^I1 report 2\/24 at 10:11:32, stuck 23 s\nRIP blk_set_queue_dying\+0xa1\n.*messages\.node-2\.20221112\.log:51$/);

    const visibleRows = () => page.locator('#items tbody tr:visible');
    await page.locator('#filter').fill('rbd');
    await expect.poll(() => visibleRows().count()).toBe(1);
    expect(await visibleRows().first().textContent()).toContain('ENOTCONN');
    await page.locator('#filter').fill('');
    await page.locator('#filter-type').selectOption('incident');
    await expect.poll(() => visibleRows().count()).toBe(3);
    await page.close();
  });

  it.each([
    [1400, 'light'],
    [1400, 'dark'],
    [600, 'light'],
    [600, 'dark'],
  ] as const)('at %i px in the %s theme: nothing overflows the page, text stays readable', async (width, scheme) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(pathToFileURL(join(OUT, 'node-2.html')).href);
    await page.locator('#incident-I1 > summary').click();
    await page.screenshot({ path: join(OUT, `node-2-${width}-${scheme}.png`), fullPage: true });
    const layout = await page.evaluate(() => {
      const doc = document.documentElement;
      // Elements that stick out of the page, unless a box that scrolls holds them.
      const inScroller = (el: Element): boolean => {
        for (let p = el.parentElement; p; p = p.parentElement) if (/auto|scroll/.test(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth - 1) return true;
        return false;
      };
      const sticking = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && !inScroller(el)).map((el) => el.tagName + (el.className ? `.${String(el.className)}` : ''));
      // The rendered size of the timeline's text: its SVG is drawn at its own scale or scrolls in its box.
      const svg = document.querySelector('figure.timeline svg')!;
      const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
      // WCAG 2 contrast of each badge's text on its own background, from the colours Chromium computed for the theme.
      const luminance = (colour: string) => {
        const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const badges = [...document.querySelectorAll('.badge')].map((el) => {
        const style = getComputedStyle(el);
        const [hi, lo] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
        return { badge: String(el.className), background: style.backgroundColor, ratio: (hi! + 0.05) / (lo! + 0.05) };
      });
      return { pageWidth: doc.scrollWidth, viewport: doc.clientWidth, sticking, timelineTextPx: 11 * scale, background: getComputedStyle(document.body).backgroundColor, badges };
    });
    expect(layout.badges.length).toBeGreaterThan(0);
    expect(layout.badges.filter((b) => b.ratio < 4.5 || /rgba\(0, 0, 0, 0\)|transparent/.test(b.background))).toEqual([]);
    expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
    expect(layout.sticking).toEqual([]);
    expect(layout.timelineTextPx).toBeGreaterThanOrEqual(9);
    expect(layout.background).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(245, 247, 250)');
    await page.close();
  });

  it('prints on A4 without clipping a table', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(OUT, 'node-2.html')).href);
    await page.emulateMedia({ media: 'print' });
    // A4 at 96 dpi less the 12 mm margins: 210 mm - 24 mm.
    await page.setViewportSize({ width: Math.floor(((210 - 24) / 25.4) * 96), height: 1000 });
    const clipped = await page.evaluate(() => [...document.querySelectorAll('table, svg, pre, ol.trace')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
    expect(clipped).toBe(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it.each([
    [1400, 'light'],
    [600, 'dark'],
  ] as const)('draws the wait-for graph at %i px in the %s theme: the holder is the root, its box scrolls, a hung task opens its incident', async (width, scheme) => {
    const log = join(OUT, 'held-locks.log');
    writeFileSync(log, freezeLog());
    const file = writeReport(log, 'held-locks.html');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(pathToFileURL(file).href);
    const graph = page.locator('#waits figure.waitgraph');
    expect(await graph.isVisible()).toBe(true);
    expect(await graph.locator('.wg-node').count()).toBe(4);
    expect(await graph.locator('.wg-edge').count()).toBe(3);
    expect(await graph.locator('.wg-root .wg-title').textContent()).toBe('syz-executor013/7547');
    await page.locator('#waits').screenshot({ path: join(OUT, `held-locks-waits-${width}-${scheme}.png`) });
    const layout = await page.evaluate(() => {
      const figure = document.querySelector('figure.waitgraph')!;
      const svg = figure.querySelector('svg')!;
      const root = figure.querySelector('.wg-root rect')!;
      const title = figure.querySelector('.wg-root .wg-title')!;
      return {
        pageWidth: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
        // Drawn at its own scale: 12.5 px titles stay 12.5 px, and a box narrower than the graph scrolls.
        scale: svg.getBoundingClientRect().width / Number(svg.getAttribute('width')),
        scrolls: figure.scrollWidth > figure.clientWidth,
        overflowX: getComputedStyle(figure).overflowX,
        rootStroke: getComputedStyle(root).stroke,
        titleFill: getComputedStyle(title).fill,
        card: getComputedStyle(document.querySelector('#waits')!).backgroundColor,
      };
    });
    expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
    expect(layout.scale).toBe(1);
    expect(layout.scrolls).toBe(width < 1200);
    expect(layout.overflowX).toBe('auto');
    expect(layout.rootStroke).toBe('rgb(192, 57, 43)');
    // Ink on the card colour of the theme: light text on the dark card, dark text on the light one.
    expect(layout.titleFill).toBe(scheme === 'dark' ? 'rgb(230, 237, 243)' : 'rgb(29, 39, 51)');
    expect(layout.card).toBe(scheme === 'dark' ? 'rgb(22, 27, 34)' : 'rgb(255, 255, 255)');
    await graph.locator('[data-node="task:7561"]').scrollIntoViewIfNeeded();
    await graph.locator('[data-node="task:7561"]').click();
    const opened = page.locator('details.incident[open]');
    await expect.poll(() => opened.count()).toBe(1);
    expect(await opened.locator('summary').textContent()).toContain('syz-executor013');
    expect(errors).toEqual([]);
    await page.close();
  });

  it(`shows a wait of ${HOSTILE_COMM} in the graph as text and runs nothing`, async () => {
    const log = join(OUT, 'hostile-waits.log');
    writeFileSync(log, [...hung(100, HOSTILE_COMM, 12, MUTEX_WAIT), `${at(100.1)} INFO: task ${HOSTILE_COMM}:12 is blocked on a mutex likely owned by task <img src=x onerror=alert(2)>:345.`, ''].join('\n'));
    const { page, dialogs, errors } = await open(writeReport(log, 'hostile-waits.html'));
    const graph = page.locator('figure.waitgraph');
    const tips: string[] = [];
    for (const node of await graph.locator('.wg-node').all()) {
      await node.hover();
      await page.locator('#tip').waitFor({ state: 'visible' });
      tips.push((await page.locator('#tip').textContent())!.split('\n')[0]!);
    }
    expect(tips).toEqual([`${HOSTILE_COMM}/12, state D`, '<img src=x onerror=alert(2)>/345, named by one line only']);
    expect((await graph.locator('.wg-title').allTextContents())[1]).toMatch(/^<img src=x onerror=alert\(2.*…$/);
    expect(await page.locator('script, img').count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it(`shows ${HOSTILE_COMM} from a log as text and runs nothing`, async () => {
    const log = join(OUT, 'hostile.log');
    writeFileSync(log, HOSTILE_LOG);
    const { page, dialogs, errors } = await open(writeReport(log, 'hostile.html'));
    await page.locator('.lane-incident .bar').first().click();
    await page.locator('#filter-routine').check();
    for (const row of await page.locator('#items tbody tr').all()) await row.hover();
    expect(await page.getByText(HOSTILE_COMM).first().isVisible()).toBe(true);
    expect(await page.locator('#items').textContent()).toContain('<b onmouseover=alert(N)>error</b>');
    expect(await page.locator('script, img, b[onmouseover]').count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
