import { describe, expect, it } from 'vitest';
import { escapeHtml, html, prose, raw } from '../../../src/render/html/escape.js';

describe('HTML escaping', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes interpolated values but not the template or nested html', () => {
    const comm = '<script>alert(1)</script>';
    const inner = html`<b>${comm}</b>`;
    expect(html`<td title="${comm}">${inner}</td>`.value).toBe(
      '<td title="&lt;script&gt;alert(1)&lt;/script&gt;"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b></td>',
    );
  });

  it('joins arrays, drops null/undefined/false, prints numbers', () => {
    expect(html`${['<a>', html`<i>x</i>`]}|${null}|${undefined}|${false}|${0}`.value).toBe('&lt;a&gt;<i>x</i>||||0');
  });

  it('passes raw markup through only when asked', () => {
    expect(html`${raw('<br>')}`.value).toBe('<br>');
  });

  it('turns `quoted` parts of prose into code, escaping both', () => {
    expect(prose('run `a<b` then <c>').value).toBe('run <code>a&lt;b</code> then &lt;c&gt;');
  });
});
