/** Typed access to a message's parameters, for catalog entries. */
export interface Args {
  /** The value as text; '' when absent or null. */
  str(key: string): string;
  /** The value as text, or null when absent or null. */
  opt(key: string): string | null;
  num(key: string): number;
  optNum(key: string): number | null;
  /** A list parameter as text; [] when absent. */
  list(key: string): string[];
  /** A nested message said in the same language, or null when absent. */
  say(key: string): string | null;
}

export type Entry = (a: Args) => string;
export type Catalog = Readonly<Record<string, Entry>>;
