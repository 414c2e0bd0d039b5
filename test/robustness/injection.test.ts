// Log text must never speak for ktriage: not to the terminal (control sequences, forged lines), not in Markdown
// (markup, a table's cells, code spans), not by reversing its sentences (bidi controls), in every output format.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { renderHtml } from '../../src/render/html/index.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { visible } from '../../src/render/visible.js';
import { tarOf } from '../helpers/archives.js';
import { runCli } from '../helpers/cli.js';
import { FORGED_LINE, hostileJournal, hostileSyslog, MARKDOWN_COMM, TERMINAL_CONTROLS } from '../helpers/hostile-log.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const analyze = (text: string, path = 'messages') => analyzeText(text, path, { now: NOW, year: 2022 });
const dir = mkdtempSync(join(tmpdir(), 'ktriage-inject-'));
const write = (name: string, data: string | Buffer) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
  return path;
};

// Every C0 control but the tab and the line break, DEL, every C1 control, the bidi controls and the line separators.
const RAW_CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Text the payload forged at the start of a line of its own (and not behind a visible `<U+000A>`). */
const FORGED_START_RE = /^FORGED/m;

/** Asserts what a terminal would get: no control of the log's, no forged line, and the controls shown as escapes. */
function expectNeutral(output: string): void {
  expect(output).not.toMatch(RAW_CONTROL_RE);
  expect(output).not.toMatch(FORGED_START_RE);
}

describe('one neutralising function', () => {
  it('shows C0 and C1 controls, line breaks and bidi controls as visible escapes, and keeps the tab', () => {
    expect(visible('a\u001b[2Jb\r\nc\u009b\u202e\u2066d\te')).toBe('a<U+001B>[2Jb<U+000D><U+000A>c<U+009B><U+202E><U+2066>d\te');
    expect(visible('line\nbreak', true)).toBe('line\nbreak');
    expect(visible('plain text, 中文')).toBe('plain text, 中文');
  });
});

/** Runs `ktriage analyze` on the input written at `name` and asserts that both its streams are neutral. */
function runNeutral(name: string, data: string | Buffer): ReturnType<typeof runCli> {
  const run = runCli(['analyze', write(name, data)]);
  expect(run.status).toBe(0);
  expectNeutral(run.stdout);
  expectNeutral(run.stderr);
  return run;
}

describe('terminal output (stdout and stderr) of hostile logs', () => {
  it('syslog host, Hardware name, task name, messages and a spoofed line: text report and warnings neutral', () => {
    const run = runNeutral('syslog/messages', hostileSyslog(TERMINAL_CONTROLS));
    expect(run.stdout).toContain('<U+001B>]52;c;ZXZpbA==<U+0007>');
    expect(run.stdout).toContain('soft lockup');
    // The spoof warning quotes the program's line, escapes shown.
    expect(run.stderr).toMatch(/look like a kernel report .*<U\+001B>\[2J/);
  });

  it('the same report line for line as with a harmless payload: nothing added, nothing forged', () => {
    const hostile = runCli(['analyze', write('count/hostile/messages', hostileSyslog(TERMINAL_CONTROLS))]);
    const harmless = runCli(['analyze', write('count/harmless/messages', hostileSyslog('x'))]);
    expect(hostile.stdout.split('\n').length).toBe(harmless.stdout.split('\n').length);
    expect(hostile.stderr.split('\n').length).toBe(harmless.stderr.split('\n').length);
  });

  it('a line break in journal fields (host, program name) forges no line of the report or of stderr', () => {
    const run = runNeutral('journal/journal.json', hostileJournal(`${FORGED_LINE}${TERMINAL_CONTROLS}`));
    expect(run.stdout).toContain('node-2<U+000D><U+000A>FORGED: all clear<U+000A>');
    expect(run.stderr).toContain('evil<U+000D><U+000A>FORGED');
  });

  it('archive member names with controls and line breaks: evidence paths and refusals neutral', async () => {
    const log = hostileSyslog('x');
    const tar = await tarOf([
      { name: `var/log${FORGED_LINE}\u001b]0;t\u0007/messages`, data: log },
      { name: `/etc${FORGED_LINE}\u001b[2J/messages`, data: 'x' },
    ]);
    const run = runNeutral('bundle.tar.gz', gzipSync(tar));
    expect(run.stderr).toContain('/etc<U+000D><U+000A>FORGED: all clear<U+000A><U+001B>[2J/messages: refused: absolute path');
    expect(run.stdout).toContain('var/log<U+000D><U+000A>FORGED: all clear<U+000A><U+001B>]0;t<U+0007>/messages');
  });

  it('JSON carries the log text unchanged, with DEL, C1 and bidi controls written as \\u escapes', () => {
    const result = analyze(hostileSyslog(TERMINAL_CONTROLS));
    const json = renderJson(result);
    expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain('\\u009b31m\\u202egnp.exe');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it("with colours on, the only escape sequences are the report's own colours", () => {
    const text = renderText(analyze(hostileSyslog(TERMINAL_CONTROLS)), { color: true });
    expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_CONTROL_RE);
  });
});

describe('Markdown of a hostile log, rendered by a common renderer (markdown-it, raw HTML allowed)', () => {
  const result = analyze(hostileSyslog('x``y|z<b onmouseover=alert(6)>w</b>', MARKDOWN_COMM));
  const markdown = renderMarkdown(result);
  const page = new MarkdownIt({ html: true }).render(markdown);
  const rowsOf = (table: string) => [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh][ >]/g) ?? []).length);

  it('no markup from the log becomes a tag', () => {
    expect(page).not.toMatch(/<(?:img|b|script)[\s>]/i);
    expect(page).toContain('&lt;img src=x onerror=alert(5)&gt;');
  });

  it('every table keeps its columns: `|` in code spans and in the Where row splits no cell', () => {
    // GitHub and GitLab split a row at every `|` not escaped, code spans or not (GFM tables).
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    const tables = markdown.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) expect(new Set(table.split('\n').map(cells)).size, table).toBe(1);
    for (const table of [...page.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!)) expect(new Set(rowsOf(table)).size, table).toBe(1);
  });

  it('a double backtick in the text does not close its code span', () => {
    // The events table shows the rbd template as code: whole, backticks and `|` included.
    expect(page).toContain('<td><code>rbd: rbdN: x``y|z&lt;b onmouseover=alert(N)&gt;w&lt;/b&gt; failed: -5</code><br>');
    // So does the verbatim example line beside it.
    expect(page).toMatch(/<code>rbd: rbd0: x``y\|z&lt;b onmouseover=alert\(6\)&gt;w&lt;\/b&gt; failed: -5<\/code><\/td>/);
  });

  it('the Where row is escaped: the task name is text, not markup', () => {
    const where = markdown.split('\n').find((l) => l.startsWith('| Where |'))!;
    expect(where).toContain('\\<img src=x onerror=alert(5)\\>');
    expect(where.split(/(?<!\\)\|/).length).toBe(4);
  });
});

describe('bidi controls from a log never reorder the report', () => {
  const result = analyze(hostileSyslog('\u202e\u2066x\u2069\u200f', `evil\u202etxt.exe`));

  it('text, Markdown and HTML show them as visible escapes', () => {
    for (const out of [renderText(result, { color: false }), renderMarkdown(result)]) {
      expect(out).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(out).toMatch(/evil(?:\\)?<U\+202E(?:\\)?>txt\.exe/);
    }
    const html = renderHtml(result);
    expect(html).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain('evil&lt;U+202E&gt;txt.exe');
  });

  it('HTML isolates log text with <bdi>: task, title, trace and report lines', () => {
    const html = renderHtml(result);
    expect(html).toMatch(/<bdi>CPU 1 · evil&lt;U\+202E&gt;txt\.exe\[42\]<\/bdi>/);
    expect(html).toMatch(/<span class="fn"><bdi>do_work\+0x10\/0x20<\/bdi><\/span>/);
    expect(html).toMatch(/<td><bdi>NMI watchdog: BUG: soft lockup - CPU#1 stuck for 22s! \[evil&lt;U\+202E&gt;txt\.exe:42\]<\/bdi><\/td>/);
  });
});
