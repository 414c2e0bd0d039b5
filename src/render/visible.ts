// Log and archive text is untrusted. Control characters in it would act on the reader's terminal (ESC]52 writes the
// clipboard, ESC[2J clears the screen, CR overwrites a line), line breaks would forge lines of the report, and bidi
// controls would reverse the tool's own sentences around them (in a terminal, Markdown or a browser alike).
// Every such character is shown instead as a visible escape, `<U+202E>`; the tab is kept (it moves the cursor only
// to the next tab stop on its own line).

/** C0 controls but the tab and the line break. */
const C0 = String.raw`\u0000-\u0008\u000b-\u001f`;
/** DEL, the C1 controls (a terminal may take U+009B for ESC [), the bidi controls and the Unicode line separators. */
const BEYOND_C0 = String.raw`\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069`;

const HIDDEN_RE = new RegExp(`[${C0}\\n${BEYOND_C0}]`, 'g');
// The same but for the line break, in markup whose own line breaks carry no meaning for the reader (HTML).
const HIDDEN_BUT_LF_RE = new RegExp(`[${C0}${BEYOND_C0}]`, 'g');
/** What JSON.stringify leaves as it is of the above (it escapes all C0 controls itself). */
const RAW_AFTER_JSON_RE = new RegExp(`[${BEYOND_C0}]`, 'g');

const hex = (c: string): string => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/**
 * Text from a log or an archive (host, task and member names, messages, warnings quoting them) made safe to show:
 * the one function every renderer and the CLI's stderr pass such text through. `keepLineBreaks` is for HTML only.
 */
export function visible(text: string, keepLineBreaks = false): string {
  return text.replace(keepLineBreaks ? HIDDEN_BUT_LF_RE : HIDDEN_RE, (c) => `<U+${hex(c)}>`);
}

/** A JSON document with those characters written as `\u` escapes: the same strings to any JSON reader. */
export function jsonVisible(json: string): string {
  return json.replace(RAW_AFTER_JSON_RE, (c) => `\\u${hex(c).toLowerCase()}`);
}
