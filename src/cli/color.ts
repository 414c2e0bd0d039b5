/** When the text report is coloured: `--color auto|always|never` (`--no-color` is never). */
export type ColorWhen = 'auto' | 'always' | 'never';

/**
 * Whether to colour the text report. `always` and `never` decide; with `auto`, a report written to a file (-o)
 * is plain, NO_COLOR (set and not empty, no-color.org) turns colours off, FORCE_COLOR turns them on (off when
 * `0` or `false`, as Node reads it), and otherwise only a terminal gets them.
 */
export function colorWanted(when: ColorWhen, env: NodeJS.ProcessEnv, isTty: boolean, toFile: boolean): boolean {
  if (when !== 'auto') return when === 'always';
  if (toFile) return false;
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTty;
}
