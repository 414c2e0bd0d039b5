import type { LogLine } from '../lines/types.js';

/**
 * The moment a line was logged, the same whatever zone or precision its input wrote it in (a journal in UTC with
 * microseconds, a syslog file in +08:00 with seconds): the whole second of its wall-clock time, else its uptime.
 * Null for a line without either: copies of it cannot be told from a second line. One integer for both: even for a
 * second of wall-clock time (epochMoment), odd for an uptime in microseconds (the kernel prints six decimals at most).
 */
export function lineMoment(line: Pick<LogLine, 'epochMs' | 'uptime'>): number | null {
  if (line.epochMs !== null) return epochMoment(line.epochMs);
  return line.uptime !== null ? Math.round(line.uptime * 1e6) * 2 + 1 : null;
}

/** lineMoment() of a line logged at `epochMs`. */
export const epochMoment = (epochMs: number): number => Math.floor(epochMs / 1000) * 2;

/**
 * Lines remembered to find copies in later inputs: beyond this, lines are counted as they come (a warning says so).
 * Notable lines have a room of their own: the full read's routine lines never crowd them out, so both reads find the
 * same copies of them and give the same notable events.
 */
export const MAX_REMEMBERED = { notable: 400_000, routine: 100_000 } as const;

/**
 * Notable lines remembered past which, when an input begins, the hosts that the last input giving lines did not give
 * are forgotten, those seen longest ago first: a directory of many nodes' logs is read node after node, and a node's lines can only
 * repeat its own. Counted in notable lines alone, so that the fast and the full read forget the same hosts.
 */
export const FORGET_HOSTS_PAST = 50_000;

/** The lines remembered of one host. */
interface HostLines {
  /** The input that first gave each line (moment, text). */
  readonly owners: KeyOwners;
  readonly remembered: { notable: number; routine: number };
  /** The last input that gave a line of the host. */
  lastInput: number;
  /** The host was forgotten before (see FORGET_HOSTS_PAST): its new lines are not checked against those it gave then. */
  readonly returned: boolean;
}

/**
 * Finds the lines one input repeats from another (`messages`, the journal export and `vmcore-dmesg.txt` of one node;
 * a file given twice): the same host, time and text. A line belongs to the first input that gave it, which counts
 * every copy it holds (a message logged twice in one second is two lines); a later input adds only the lines no
 * earlier one gave. So a file given twice counts once, an input that overlaps in part is merged only where it does,
 * a truncated copy never removes lines the whole one has, and lines of two hosts never merge.
 * Inputs are fed one after the other: begin() says which one is being fed (see Analyzer.openSource).
 */
export class LineCopies {
  /** The hosts' lines, the host seen longest ago first. */
  private readonly hosts = new Map<string, HostLines>();
  /** Lines remembered, notable and routine (see MAX_REMEMBERED), all hosts together. */
  private readonly remembered = { notable: 0, routine: 0 };
  /** Hosts forgotten (see FORGET_HOSTS_PAST). */
  private readonly forgotten = new Set<string>();
  /** Forgotten hosts that came back, and their lines read since (not checked against their forgotten lines). */
  readonly returned = { hosts: new Set<string>(), lines: 0 };
  /** Copies found: input -> the input it repeats -> lines. */
  readonly overlaps = new Map<number, Map<number, number>>();
  /** Lines past MAX_REMEMBERED, counted without looking for copies. */
  unchecked = 0;
  private input = 0;
  /** The last input that gave a line. */
  private lastGiving = 0;
  /** The host of the last line and its lines: most lines are of the host before them, found without the map. */
  private last: { readonly host: string; readonly lines: HostLines } | null = null;

  constructor(
    private readonly room: { readonly notable: number; readonly routine: number } = MAX_REMEMBERED,
    private readonly forgetPast = FORGET_HOSTS_PAST,
  ) {}

  /** The lines that come now are those of `input`; past FORGET_HOSTS_PAST, hosts the last input that gave lines did not give are forgotten. */
  begin(input: number): void {
    this.input = input;
    this.last = null;
    for (const [host, lines] of this.hosts) {
      // (the last input's hosts may go on in this one: a node's rotated logs come one after the other)
      if (this.remembered.notable <= this.forgetPast || lines.lastInput === this.lastGiving) break;
      this.hosts.delete(host);
      this.forgotten.add(host);
      this.remembered.notable -= lines.remembered.notable;
      this.remembered.routine -= lines.remembered.routine;
    }
  }

  /** Whether the line (`notable`: an event the fast read keeps too) is a copy of one an earlier input gave (and is not to be counted again). */
  isCopy(line: LogLine, host: string | null, notable: boolean): boolean {
    const moment = lineMoment(line);
    return moment !== null && this.isCopyOf(host, moment, textHashes(line.text), notable);
  }

  /** isCopy() of a line known by its host, moment (lineMoment) and its text's hashes (textHashes: made once for the lines of one text). */
  isCopyOf(hostOrNull: string | null, moment: number, text: TextHashes, notable: boolean): boolean {
    const host = hostOrNull ?? '';
    const lines = this.linesOf(host);
    const kind = notable ? 'notable' : 'routine';
    const room = this.remembered[kind] < this.room[kind];
    const first = lines.owners.claim(text, moment, room ? this.input : null);
    if (first === -1) {
      if (room) {
        this.remembered[kind]++;
        lines.remembered[kind]++;
      } else this.unchecked++;
      if (lines.returned) {
        this.returned.hosts.add(host);
        this.returned.lines++;
      }
      return false;
    }
    if (first === this.input) return false;
    const mine = this.overlaps.get(this.input) ?? new Map<number, number>();
    mine.set(first, (mine.get(first) ?? 0) + 1);
    this.overlaps.set(this.input, mine);
    return true;
  }

  /** The host's lines, the host now the one seen last. */
  private linesOf(host: string): HostLines {
    if (this.last?.host === host) return this.last.lines;
    const known = this.hosts.get(host);
    const lines = known ?? { owners: new KeyOwners(), remembered: { notable: 0, routine: 0 }, lastInput: this.input, returned: this.forgotten.has(host) };
    if (lines.lastInput !== this.input || !known) {
      lines.lastInput = this.lastGiving = this.input;
      this.hosts.delete(host);
      this.hosts.set(host, lines);
    }
    this.last = { host, lines };
    return lines;
  }
}

/** Numbers per slot of KeyOwners: the key's two hashes, and the input that gave it first (-1 for an empty slot). */
const SLOT_WORDS = 3;
const [HIGH, LOW, OWNER] = [0, 1, 2];

/**
 * Keys and the input that gave each first, kept as two 32-bit hashes of the key in a typed array (open addressing):
 * 12 bytes a slot, at most half of them used, instead of the key's text (some 300 bytes in a Map). A slot's numbers lie
 * side by side: a lookup waits for memory once, not once for each of three arrays. Two different lines share both
 * hashes with a chance of about 1 in 10^19 (1 in 10^8 that any two of 500,000 lines do): the later would then count as
 * a copy.
 */
class KeyOwners {
  // (small at first: a run of many hosts holds a table for each)
  private slots = emptySlots(1 << 10);
  private size = 0;

  /** The input that gave the key (a text at a moment) first, -1 when none did; then `input` (unless null) becomes its owner. One probe for both. */
  claim([textHigh, textLow]: TextHashes, moment: number, input: number | null): number {
    // Past half full, probes grow long: twice the room, every key moved.
    if (input !== null && (this.size + 1) * 2 * SLOT_WORDS > this.slots.length) this.grow();
    // The moment's two 32-bit halves (it is below 2^53), mixed into each of the text's hashes with other constants.
    const momentLow = moment | 0;
    const momentHigh = Math.floor(moment / 0x100000000) | 0;
    const high = finalMix(textHigh ^ Math.imul(momentLow, 0x9e3779b1) ^ Math.imul(momentHigh, 0x7feb352d));
    const low = finalMix(textLow ^ Math.imul(momentLow, 0x85ebca77) ^ Math.imul(momentHigh, 0xc2b2ae3d));
    const at = this.find(this.slots, high, low);
    const owner = this.slots[at + OWNER]!;
    if (owner === -1 && input !== null) {
      this.put(this.slots, at, high, low, input);
      this.size++;
    }
    return owner;
  }

  /** Where the slot holding these hashes starts, or the empty slot where they would go. */
  private find(slots: Int32Array, high: number, low: number): number {
    const mask = slots.length / SLOT_WORDS - 1;
    for (let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_WORDS;
      if (slots[at + OWNER] === -1 || (slots[at + HIGH] === high && slots[at + LOW] === low)) return at;
    }
  }

  private put(slots: Int32Array, at: number, high: number, low: number, input: number): void {
    slots[at + HIGH] = high;
    slots[at + LOW] = low;
    slots[at + OWNER] = input;
  }

  private grow(): void {
    const old = this.slots;
    const slots = emptySlots((old.length / SLOT_WORDS) * 2);
    for (let at = 0; at < old.length; at += SLOT_WORDS) {
      const [high, low, owner] = [old[at + HIGH]!, old[at + LOW]!, old[at + OWNER]!];
      if (owner !== -1) this.put(slots, this.find(slots, high, low), high, low, owner);
    }
    this.slots = slots;
  }
}

function emptySlots(count: number): Int32Array {
  const slots = new Int32Array(count * SLOT_WORDS);
  for (let at = OWNER; at < slots.length; at += SLOT_WORDS) slots[at] = -1;
  return slots;
}

/** A text's two 32-bit hashes (textHashes). */
export type TextHashes = readonly [number, number];

/** Two independent 32-bit hashes of a string's UTF-16 units (FNV-1a, and a multiply-rotate hash with another seed). */
export function textHashes(text: string): TextHashes {
  let fnv = 0x811c9dc5;
  let mix = 0x6a09e667;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ c, 0x01000193);
    mix = Math.imul((mix ^ c) << 5 | (mix ^ c) >>> 27, 0x85ebca6b) ^ c;
  }
  return [fnv | 0, Math.imul(mix ^ (mix >>> 16), 0xc2b2ae35) | 0];
}

/** Spreads every bit of a 32-bit number over all the others (murmur3's finalizer). */
function finalMix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
