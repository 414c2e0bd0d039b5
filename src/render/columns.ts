// Widths in terminal columns, for the text reports' aligned columns.

/** Pads to a width in terminal columns. */
export function padColumns(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - columns(s)));
}

/** Terminal columns a text takes: CJK characters take two. */
export function columns(s: string): number {
  return [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
}
