// Trimming by a character test, from the end: a loop where `/[set]+$/` would rescan a long run from every start
// position (quadratic on a run that does not reach the end, as a 64 KiB log line can hold).

/** `text` without the characters at its end that pass `drop`. */
export function trimEndWhere(text: string, drop: (code: number) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

export const isAsciiDigit = (code: number): boolean => code >= 48 && code <= 57;
