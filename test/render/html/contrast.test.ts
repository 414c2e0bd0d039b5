import { describe, expect, it } from 'vitest';
import { STYLE } from '../../../src/render/html/style.js';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const full = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex);

/** The custom properties a rule block sets, `--name` -> #rrggbb. */
function variables(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+):(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1]!, full(m[2]!.toLowerCase())]));
}

describe('badge colours (WCAG AA, 4.5:1)', () => {
  const light = variables(/:root\{([^}]*)\}/.exec(STYLE)![1]!);
  const dark = new Map([...light, ...variables(/prefers-color-scheme:dark\)\{:root\{([^}]*)\}/.exec(STYLE)![1]!)]);
  const badge = /\.badge\{[^}]*color:(#[0-9a-f]{3,6})/i.exec(STYLE)![1]!;
  // Every background a badge class takes, read from the rules themselves.
  const backgrounds = [...STYLE.matchAll(/\.badge-([\w-]+)\{background:var\((--[\w-]+)\)\}/g)].map((m) => [m[1]!, m[2]!] as const);

  it('reads every badge rule', () => {
    expect(backgrounds.map(([name]) => name).sort()).toEqual(['critical', 'culprit', 'event', 'info', 'routine', 'standalone', 'victim', 'warning']);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s theme: white badge text on each badge colour reaches 4.5:1', (_theme, vars) => {
    for (const [name, variable] of backgrounds) expect(contrast(full(badge), vars.get(variable)!), name).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s theme: body and muted text on the page and on cards reach 4.5:1', (_theme, vars) => {
    for (const fg of ['--ink', '--muted']) for (const bg of ['--bg', '--card', '--soft']) expect(contrast(vars.get(fg)!, vars.get(bg)!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('has a dark theme that follows the system setting', () => {
    expect(dark.get('--bg')).not.toBe(light.get('--bg'));
    expect(luminance(dark.get('--bg')!)).toBeLessThan(0.05);
  });
});
