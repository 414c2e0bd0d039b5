/**
 * What was found for the texts seen last, in a bounded memory that is emptied when full (repeats come close
 * together). With room for none it remembers nothing: where most texts are unique (every line of a log read
 * in full) keeping them costs more than it saves, as they outlive the young generation of the garbage collector.
 */
export class RecentTexts<V> {
  private readonly known = new Map<string, V>();

  constructor(private readonly room: number) {}

  get(text: string): V | undefined {
    // (an empty map would still hash the text)
    return this.room === 0 ? undefined : this.known.get(text);
  }

  set(text: string, value: V): void {
    if (this.room === 0) return;
    if (this.known.size >= this.room) this.known.clear();
    this.known.set(text, value);
  }
}

/** Texts remembered when the analysis sees mostly repeated lines (the fast path: notable lines and reports only). */
export const REPEATED_TEXTS_ROOM = 4096;
