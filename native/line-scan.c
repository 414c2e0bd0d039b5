// The byte scan of ktriage's fast path, compiled to WebAssembly (see build-wasm.mjs beside it; the module is
// committed as src/lines/line-scan-wasm.ts). It walks the complete lines of a region and records the lines that
// may matter: those holding a four-byte piece of the table the caller fills in (case folded), an errno-like `-`
// digit not inside a word, or longer than the caller's limit. The caller checks each such line again with the
// regexes it approximates (src/lines/fast-scan.ts): the scan may stop at too many lines, never at too few.
#include <stdint.h>
#include <wasm_simd128.h>

// 4096 slots for some 230 pieces: a multiplier that gives each its own slot is found in a few tries (2048 took 3000).
#define TABLE_BITS 12
#define BLOCK_BYTES (1 << 20)
#define ROOM 65536
// Loads reach this far past the region's end: the marks' last four vectors and the byte after them, or a window after the last byte.
#define SLACK 80

#define MAX_RESTS 8192
#define REST_SLOTS 16384

// Filled in by the caller: each piece in its own slot, found by a multiplicative hash.
uint32_t piece_table[1 << TABLE_BITS];
uint32_t piece_multiplier;
// Filled in by the caller as piece_table: the pieces of report headers alone (HEADER_PIECES in src/lines/fast-scan.ts).
uint32_t header_table[1 << TABLE_BITS];
uint32_t header_multiplier;
// 1 for the bytes that, before a `-`, make it part of a word (`x-1`, `2.-5`) rather than an errno's sign.
uint8_t wordish[256];
// Filled in by the caller: the months' names as written in syslog times (`Jan`), each as a little-endian load of its letters.
uint32_t month_names[12];

// The region, copied in by the caller at offset 0.
uint8_t region[BLOCK_BYTES + SLACK];
// Out: for each line that may matter, its start, its end (its `\n`), the start of the line before it (-1 for the
// first line scanned) and the number of lines scanned before it.
int32_t stop_at[ROOM];
int32_t stop_end[ROOM];
int32_t stop_previous[ROOM];
int32_t stop_line[ROOM];
// Out: lines passed (whole lines, stops included), the start of the last one, and where the scan stopped (the
// region's end unless ROOM ran out).
int32_t lines_passed;
int32_t last_line_at;
int32_t resume_at;

// Out, for each stop that starts with a syslog time (`Nov 12 10:10:59 `, see readSyslogStamp in src/lines/formats.ts):
// where its text after the time starts, which of the region's distinct such texts it is, and its time packed as
// month | day << 4 | hour << 9 | minute << 15 | second << 21 (-1 when the time has a fraction of a second); -1 otherwise.
int32_t stop_rest_at[ROOM];
int32_t stop_rest_id[ROOM];
int32_t stop_clock[ROOM];
// Out: the region's distinct texts after a syslog time (start and end of the first line that has each), since `fresh`.
int32_t rest_start[MAX_RESTS];
int32_t rest_end[MAX_RESTS];
int32_t rest_count;
// Filled in by the caller after a scan: whether each distinct text, and each stop without one, may matter after all.
uint8_t rest_keep[MAX_RESTS];
uint8_t stop_keep[ROOM];
// Out: the hash of each distinct text (see text_key_hash), which the scan workers also remember texts by.
uint32_t rest_hash[MAX_RESTS];
// Out, for each distinct text: whether it holds a piece of a report header (header_table: a text without one can open
// no report, and is read without the header regexes, src/analysis/text-reading.ts), and a notable word (see
// has_notable_word; not looked for by a scan of every line). The header pieces of a text whose shape was described
// before are not looked for (HEADER_NOT_LOOKED_FOR, see seen_shape_hash): such a text most often takes
// the read of its shape and is never read whole, and one that is asks header_piece.
#define HEADER_NOT_LOOKED_FOR 2
uint8_t rest_header[MAX_RESTS];
uint8_t rest_notable[MAX_RESTS];
// Out, for each distinct text: the hash of its shape (see shape_of), low and high halves, and where its first long
// number starts (-1 when it has none, or is longer than SHAPE_BYTES).
int32_t rest_shape[3 * MAX_RESTS];
// The distinct texts by hash: their index + 1 (0 for an empty slot).
static int32_t rest_slot[REST_SLOTS];

// A function compiled on its own, not inlined into its callers: V8 compiles a WebAssembly function with TurboFan once it
// has run long enough, in a time that grows faster than its size, and each of these runs only for some texts. Inlined,
// template_of was one 12.7 KB function (its TurboFan compile 55-111 ms of a noisy or storage run's CPU), and the scan
// and shape_of took 33-54 ms each; apart, a noisy 1 GB run compiles 67 ms of the module in all, a storage one 51.
#define APART __attribute__((noinline))

static inline uint32_t load32(const uint8_t* p) {
  uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

static inline uint64_t load64(const uint8_t* p) {
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}

// The two lanes of a hash (see lanes_hash) mixed into one.
static inline uint64_t lanes_joined(uint64_t a, uint64_t b) {
  uint64_t h = a ^ (b >> 29) ^ (b << 35);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 33);
}

// A hash of p[0, n) from the starting states `a` and `b`: two lanes of 8 bytes a round side by side, the last 8 bytes
// again for the tail (bytes past a text are another's), the two mixed into one.
static uint64_t lanes_hash(const uint8_t* p, int n, uint64_t a, uint64_t b) {
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    a = (a ^ load64(p + i)) * 0xff51afd7ed558ccdull;
    b = (b ^ load64(p + i + 8)) * 0xc4ceb9fe1a85ec53ull;
  }
  if (n >= 8) {
    a = (a ^ load64(p + (i + 8 <= n ? i : n - 8))) * 0xff51afd7ed558ccdull;
    b = (b ^ load64(p + n - 8)) * 0xc4ceb9fe1a85ec53ull;
  } else
    for (; i < n; i++) a = (a ^ p[i]) * 0xff51afd7ed558ccdull;
  return lanes_joined(a, b);
}

// Whether a window of four bytes starting in [s, e) is in `table`, each folded by `| 0x20`: eight windows a round,
// made from one load and hashed side by side. Windows that run into the next line cannot match: no piece has a line
// end (folded `*`) before its last byte.
static inline int has_piece(const uint32_t* table, uint32_t multiplier, const uint8_t* p, int s, int e) {
  const v128_t fold = wasm_i32x4_splat(0x20202020), m = wasm_i32x4_splat((int32_t)multiplier);
  const v128_t low = wasm_i8x16_make(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6);
  const v128_t high = wasm_i8x16_make(4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 10);
  for (int i = s; i < e; i += 8) {
    v128_t bytes = wasm_v128_load(p + i);
    v128_t w0 = wasm_v128_or(wasm_i8x16_swizzle(bytes, low), fold), w1 = wasm_v128_or(wasm_i8x16_swizzle(bytes, high), fold);
    v128_t h0 = wasm_u32x4_shr(wasm_i32x4_mul(w0, m), 32 - TABLE_BITS), h1 = wasm_u32x4_shr(wasm_i32x4_mul(w1, m), 32 - TABLE_BITS);
    v128_t t0 = wasm_u32x4_make(table[wasm_u32x4_extract_lane(h0, 0)], table[wasm_u32x4_extract_lane(h0, 1)],
                                table[wasm_u32x4_extract_lane(h0, 2)], table[wasm_u32x4_extract_lane(h0, 3)]);
    v128_t t1 = wasm_u32x4_make(table[wasm_u32x4_extract_lane(h1, 0)], table[wasm_u32x4_extract_lane(h1, 1)],
                                table[wasm_u32x4_extract_lane(h1, 2)], table[wasm_u32x4_extract_lane(h1, 3)]);
    if (wasm_v128_any_true(wasm_v128_or(wasm_i32x4_eq(t0, w0), wasm_i32x4_eq(t1, w1)))) return 1;
  }
  return 0;
}

// Bytes a vector at a time: each lane of the result all ones when its byte is of the class.
static inline v128_t in_range(v128_t v, uint8_t low, uint8_t count) {
  return wasm_u8x16_lt(wasm_i8x16_sub(v, wasm_i8x16_splat((int8_t)low)), wasm_i8x16_splat((int8_t)count));
}
static inline v128_t digits16(v128_t v) { return in_range(v, '0', 10); }
static inline v128_t lowers16(v128_t v) { return in_range(v, 'a', 26); }
// `[a-z_]`: the bytes a subject's name is made of.
static inline v128_t names16(v128_t v) { return wasm_v128_or(lowers16(v), wasm_i8x16_eq(v, wasm_i8x16_splat('_'))); }
static inline v128_t hexes16(v128_t v) { return wasm_v128_or(digits16(v), in_range(wasm_v128_or(v, wasm_i8x16_splat(0x20)), 'a', 6)); }
static inline v128_t words16(v128_t v) {
  v128_t letters = in_range(wasm_v128_or(v, wasm_i8x16_splat(0x20)), 'a', 26);
  return wasm_v128_or(wasm_v128_or(digits16(v), letters), wasm_i8x16_eq(v, wasm_i8x16_splat('_')));
}
// The vector `v` moved one byte on, a space before it: the bytes before a text's first vector.
static inline v128_t after_space(v128_t v) {
  return wasm_i8x16_shuffle(wasm_i8x16_splat(' '), v, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
}

// The marks of the bytes of a scan's region (see find_marks), one bit a byte, 64 a word: its line ends, and its `-`
// followed by a digit (an errno's sign, unless a wordish byte is before it). Made a vector at a time in one pass before
// the lines are walked, the lines' ends are then taken a bit at a time: a loop over each line's vectors to find its end
// took more than the rest of the walk (quiet, scan alone: 0.71 against 0.62 ms a block).
#define MARK_WORDS (BLOCK_BYTES / 64 + 1)
static uint64_t line_ends[MARK_WORDS];
static uint64_t minus_digits[MARK_WORDS];

static inline uint64_t bits64(const uint8_t* p, v128_t (*of)(const uint8_t*)) {
  return (uint64_t)wasm_i8x16_bitmask(of(p)) | (uint64_t)wasm_i8x16_bitmask(of(p + 16)) << 16 |
         (uint64_t)wasm_i8x16_bitmask(of(p + 32)) << 32 | (uint64_t)wasm_i8x16_bitmask(of(p + 48)) << 48;
}
static inline v128_t ends_at(const uint8_t* p) { return wasm_i8x16_eq(wasm_v128_load(p), wasm_i8x16_splat('\n')); }
static inline v128_t minus_digit_at(const uint8_t* p) {
  return wasm_v128_and(wasm_i8x16_eq(wasm_v128_load(p), wasm_i8x16_splat('-')), digits16(wasm_v128_load(p + 1)));
}

// Marks region[from, to): bit k of word w is byte from + 64 w + k; none past `to`. Returns the number of words.
static int find_marks(const uint8_t* p, int from, int to) {
  int words = (to - from + 63) / 64;
  for (int w = 0; w < words; w++) {
    line_ends[w] = bits64(p + from + 64 * w, ends_at);
    minus_digits[w] = bits64(p + from + 64 * w, minus_digit_at);
  }
  int past = (to - from) % 64;
  if (past) {
    line_ends[words - 1] &= (1ull << past) - 1;
    minus_digits[words - 1] &= (1ull << past) - 1;
  }
  return words;
}

// A walk over the marks of one kind, a bit at a time: the word it is in and the bits of that word not yet taken.
typedef struct {
  const uint64_t* marks;
  int words, word;
  uint64_t bits;
} Marks;

// The position of the walk's next mark (the region's byte, counted from `from`), taken; -1 when there is none.
static inline int next_mark(Marks* walk) {
  while (!walk->bits) {
    if (++walk->word >= walk->words) return -1;
    walk->bits = walk->marks[walk->word];
  }
  int at = 64 * walk->word + __builtin_ctzll(walk->bits);
  walk->bits &= walk->bits - 1;
  return at;
}

// The region's byte of the walk's next mark, taken (its position counted from `from` moved by it); `none` past the last.
static inline int next_byte(Marks* walk, int from, int none) {
  int at = next_mark(walk);
  return at < 0 ? none : from + at;
}

static inline int is_digit(uint8_t c) { return c - '0' < 10u; }

// The digits at p[*at], 1 to `most` of them, as a number (moving *at past them); -1 when there is none.
static int digits(const uint8_t* p, int* at, int end, int most) {
  int value = 0, i = *at;
  for (; i < end && i - *at < most && is_digit(p[i]); i++) value = value * 10 + p[i] - '0';
  if (i == *at) return -1;
  *at = i;
  return value;
}

// Two digits at p[at] followed by `after` (or anything when `after` is 0); -1 otherwise.
static int two_digits(const uint8_t* p, int at, uint8_t after) {
  if (!is_digit(p[at]) || !is_digit(p[at + 1]) || (after && p[at + 2] != after)) return -1;
  return (p[at] - '0') * 10 + p[at + 1] - '0';
}

// The length of the syslog time at p[s] (with the space after it) and its packed time in *clock; 0 when the line does
// not start with one of a known month. The syntax is readSyslogStamp's: `[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d(\.\d{1,9})? `.
static int syslog_time(const uint8_t* p, int s, int e, int32_t* clock) {
  if (e - s < 15 || p[s] - 'A' >= 26u || p[s + 1] - 'a' >= 26u || p[s + 2] - 'a' >= 26u || p[s + 3] != ' ') return 0;
  uint32_t name = load32(p + s) & 0xffffff;
  int month = 0;
  while (month < 12 && month_names[month] != name) month++;
  if (month == 12) return 0;
  int at = s + (p[s + 4] == ' ' ? 5 : 4);
  int day = digits(p, &at, e, 2);
  if (day < 0 || p[at] != ' ') return 0;
  at++;
  int h = two_digits(p, at, ':'), min = two_digits(p, at + 3, ':'), sec = two_digits(p, at + 6, 0);
  if (h < 0 || min < 0 || sec < 0) return 0;
  at += 8;
  *clock = month | day << 4 | h << 9 | min << 15 | sec << 21;
  if (p[at] == '.') {
    at++;
    if (digits(p, &at, e, 9) < 0) return 0;
    *clock = -1;
  }
  return p[at] == ' ' ? at + 1 - s : 0;
}

// The classes of bytes the rules name (ASCII only: template_of reads no other byte).
#define C_DIGIT 1
#define C_LOWER 2
#define C_UPPER 4
#define C_UNDER 8
#define C_HEX 16
#define C_WORD (C_DIGIT | C_LOWER | C_UPPER | C_UNDER)
static const uint8_t char_class[256] = {
    ['0' ... '9'] = C_DIGIT | C_HEX, ['a' ... 'f'] = C_LOWER | C_HEX, ['g' ... 'z'] = C_LOWER,
    ['A' ... 'F'] = C_UPPER | C_HEX, ['G' ... 'Z'] = C_UPPER,       ['_'] = C_UNDER,
};
static inline int is_word(uint8_t c) { return char_class[c] & C_WORD; }

// The length of the run of bytes from s[at] (before n) of the classes `mask`.
static inline int run_of(const uint8_t* s, int at, int n, int mask) {
  int i = at;
  while (i < n && (char_class[s[i]] & mask)) i++;
  return i - at;
}

// Whether s[at] ends a match there: the text's end, or a byte that is none of the word characters (`\b`, `(?!\w)`).
static inline int word_ends(const uint8_t* s, int at, int n) { return at == n || !is_word(s[at]); }

// Whether s[i] starts a word: no word character before it (`\b` before a word character).
static inline int word_starts(const uint8_t* s, int i) { return i == 0 || !is_word(s[i - 1]); }

// The shape of a text (src/analysis/text-reading.ts, readText): the text with each character of its numbers changed.
// A number is a run of digits next to no letter or `_` (`\w` but a digit) and no errno's place (see errno_place): a
// sector, a time, a serial, a pid, an address's part (`1668219031.261:45678`, `10.10.0.12`); or a run of 5 hex digits
// or more (lowercase) with a letter and a digit among them, or of 8 or more after `0x`, next to no word character: an
// address, an id (`web-3fa9b2c1`, a container's `eea27f`); or the id of a generated interface name (`vethcfaef9`, see
// generated_ids); or the digits ending a subject (`c47`, `sda1`, see subject_digits). No rule reads a number's digits
// by value but an errno's (the errno table): the others match them as `\d`, `[0-9a-f]` or by length, and the digits
// they name by value (`EXT[234]`, `int3`, `0x`) are no number (test/analysis/text-reading.test.ts asks shape_of). The
// scan makes the shape of each distinct text it finds (rest_shape); `shape` makes one of a text the caller copies to
// shape_in, to shape_out.
#define SHAPE_BYTES 1024
#define LONG_HEX 8
#define SHORT_HEX 5
// The most digits an errno has (NEGATIVE_RE and UNSIGNED_RE in src/analysis/events.ts take 1 to 3).
#define ERRNO_DIGITS 3
// The shapes are written and read a vector at a time: room for one past a text.
uint8_t shape_in[SHAPE_BYTES + 16];
uint8_t shape_out[SHAPE_BYTES + 16];
// Filled in by the caller with random bits: the seed of the shapes' hash (see shape_hash_of).
uint64_t shape_seed;

static inline int is_hex(uint8_t c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
// A word character but a digit: a digit next to one is part of a word (`sdc1`, `c12`, `0x`, `E1112`).
static inline int is_lettered(uint8_t c) { return is_word(c) && !is_digit(c); }
static inline v128_t lower_hexes16(v128_t v) { return wasm_v128_or(digits16(v), in_range(v, 'a', 6)); }

static inline uint8_t folded(uint8_t c) { return c | 0x20; }
// Whether p[0, at) ends with the word `word` (any case) of `n` letters.
static int ends_with_word(const uint8_t* p, int at, const char* word, int n) {
  if (at < n) return 0;
  for (int i = 0; i < n; i++)
    if (folded(p[at - n + i]) != (uint8_t)word[i]) return 0;
  return 1;
}

// Whether a run of digits at p[at] may be an errno the rules read by value: of 1 to 3 digits after `-` (NEGATIVE_RE), or
// after `err`, `error` or `errno` and 1 or 2 of ` =:` (UNSIGNED_RE). (Either regex may still not take it: kept the same.)
static int errno_place(const uint8_t* p, int at, int length) {
  if (length > ERRNO_DIGITS) return 0;
  if (at > 0 && p[at - 1] == '-') return 1;
  int k = at;
  while (k > 0 && at - k < 2 && (p[k - 1] == ' ' || p[k - 1] == '=' || p[k - 1] == ':')) k--;
  return k < at && (ends_with_word(p, k, "err", 3) || ends_with_word(p, k, "error", 5) || ends_with_word(p, k, "errno", 5));
}

// Filled in by the caller: the prefixes of generated interface names (GENERATED_NAME_PREFIXES in
// src/knowledge/interface-names.ts), each NUL-padded, and the fewest and most hex digits of the id after one.
#define MAX_NAME_PREFIXES 8
#define NAME_PREFIX_BYTES 8
uint8_t name_prefixes[MAX_NAME_PREFIXES][NAME_PREFIX_BYTES];
int32_t name_prefix_count, id_digits_min, id_digits_max;

// SUBJECT_RE's first branch at s[i], a lowercase letter that starts a word: one of name_prefixes, then a run of
// id_digits_min to id_digits_max of `[0-9a-f]`, to the word's end. Returns the end, or -1; *name_end: where the prefix
// ends. (No prefix is another's: the regex's first one that matches is the only one.)
static int generated_name_end(const uint8_t* s, int i, int n, int* name_end) {
  for (int k = 0; k < name_prefix_count; k++) {
    const uint8_t* prefix = name_prefixes[k];
    int j = i;
    for (int c = 0; c < NAME_PREFIX_BYTES && prefix[c]; c++, j++)
      if (j >= n || s[j] != prefix[c]) break;
    if (j - i < NAME_PREFIX_BYTES && prefix[j - i]) continue;
    int q = j;
    while (q < n && is_hex(s[q])) q++;
    if (q - j < id_digits_min || q - j > id_digits_max || !word_ends(s, q, n)) return -1;
    *name_end = j;
    return q;
  }
  return -1;
}

// A generated name's id may hold no digit: its prefix's last two letters and a lowercase hex digit make the subject rule
// run. Tables of those letters' nibbles, one bit per prefix (at most 8), made once the caller has filled name_prefixes
// (at the first template_of or shape): a byte is one prefix's last letter when its low and its high nibble both have
// that prefix's bit in last_low and last_high, and so for the letter before the last in before_low and before_high.
static int tails_made;
static v128_t last_low, last_high, before_low, before_high;
static void make_tails(void) {
  uint8_t tables[4][16] = {{0}};
  for (int k = 0; k < name_prefix_count; k++) {
    int end = 0;
    while (end < NAME_PREFIX_BYTES && name_prefixes[k][end]) end++;
    uint8_t last = name_prefixes[k][end - 1], before = name_prefixes[k][end - 2];
    tables[0][last & 15] |= (uint8_t)(1 << k);
    tables[1][last >> 4] |= (uint8_t)(1 << k);
    tables[2][before & 15] |= (uint8_t)(1 << k);
    tables[3][before >> 4] |= (uint8_t)(1 << k);
  }
  last_low = wasm_v128_load(tables[0]);
  last_high = wasm_v128_load(tables[1]);
  before_low = wasm_v128_load(tables[2]);
  before_high = wasm_v128_load(tables[3]);
  tails_made = 1;
}

// The prefixes (a bit each) whose letter the tables (`low`, `high`: see make_tails) give each byte of v is.
static inline v128_t nibbles_in(v128_t v, v128_t low, v128_t high) {
  return wasm_v128_and(wasm_i8x16_swizzle(low, wasm_v128_and(v, wasm_i8x16_splat(15))), wasm_i8x16_swizzle(high, wasm_u8x16_shr(v, 4)));
}

// The bytes after the last two letters of a generated name's prefix (b2, b1: the bytes two and one before each): a
// prefix's bit is set for a byte only by that prefix's letter's two nibbles.
static inline v128_t after_name_tails(v128_t b1, v128_t b2) {
  v128_t both = wasm_v128_and(nibbles_in(b1, last_low, last_high), nibbles_in(b2, before_low, before_high));
  return wasm_i8x16_ne(both, wasm_i8x16_splat(0));
}

// Where a subject that may end at s[t] starts: the word of `[a-z_]` before it (and before a `-` before it). Both of
// SUBJECT_RE's branches match only from such a word's start: a name's letters and then a digit (after a `-` or not), or a
// generated name's prefix and then its id's first hex digit.
static int name_start(const uint8_t* s, int t) {
  int i = t > 0 && s[t - 1] == '-' ? t - 1 : t;
  while (i > 0 && (char_class[s[i - 1]] & (C_LOWER | C_UNDER))) i--;
  return i;
}

// Whether a[0, n) and b[0, n) hold the same bytes.
static int same_bytes(const uint8_t* a, const uint8_t* b, int n) {
  if (n < 16) {
    for (int i = 0; i < n; i++)
      if (a[i] != b[i]) return 0;
    return 1;
  }
  // (the last vector overlaps the one before it)
  for (int i = 0;; i += 16) {
    int at = i + 16 <= n ? i : n - 16;
    if (!wasm_i8x16_all_true(wasm_i8x16_eq(wasm_v128_load(a + at), wasm_v128_load(b + at)))) return 0;
    if (at + 16 >= n) return 1;
  }
}

// SUBJECT_RE's second branch /([a-z][a-z_]{0,15}-?)\d[\da-z]{0,15}\b/ at s[i], a lowercase letter that starts a word:
// the name, the letter and a run of at most 15 of `[a-z_]` (a longer run cannot be followed by a digit), maybe a `-`
// that a digit follows; then the digit and a run of at most 15 of `[0-9a-z]`, followed by no word character.
// *name_end: where the name ends.
static int subject_end(const uint8_t* s, int i, int n, int* name_end) {
  if (!(char_class[s[i]] & C_LOWER) || !word_starts(s, i)) return -1;
  int j = i + 1 + run_of(s, i + 1, n, C_LOWER | C_UNDER);
  if (j - i - 1 > 15) return -1;
  if (j + 1 < n && s[j] == '-' && is_digit(s[j + 1])) j++;
  else if (j >= n || !is_digit(s[j])) return -1;
  *name_end = j;
  int m = run_of(s, j + 1, n, C_LOWER | C_DIGIT), q = j + 1 + m;
  return m <= 15 && word_ends(s, q, n) ? q : -1;
}

// Names whose digits a rule reads by value (`int3`, the trap of an oops header): the digits after one are no number of a
// shape (see subject_digits; test/analysis/text-reading.test.ts checks the rules' sources against shape_of).
static const struct {
  char name[8];
  int length;
} named_by_value[] = {{"int", 3}};

static int is_named_by_value(const uint8_t* p, int start, int end) {
  for (unsigned k = 0; k < sizeof named_by_value / sizeof named_by_value[0]; k++)
    if (end - start == named_by_value[k].length && same_bytes(p + start, (const uint8_t*)named_by_value[k].name, end - start)) return 1;
  return 0;
}

// Writes the last `length` decimal digits of `value` to d, zero-padded.
static void write_count(uint8_t* d, int length, int value) {
  for (int j = length - 1; j >= 0; j--, value /= 10) d[j] = (uint8_t)('0' + value % 10);
}

// Changes in out the digits that end a subject of letters and digits (SUBJECT_RE's second branch with no `-`, see
// subject_end: `c47`, `s0`, `sda1`), but where a rule reads them by value (is_named_by_value) or shape_of changed them
// already (a hex id, a generated name's): each made `0`, or with `other` the next of a count, zero-padded and never the
// text's own digits, so that the changed text's subjects differ from each other (see withPlaces in
// src/analysis/text-reading.ts). Returns where the first starts, -1 for none. `starts`: per vector of p, its digits
// after `[a-z_]` (see shape_of).
static APART int subject_digits(const uint8_t* p, int n, int other, uint8_t* out, const uint16_t* starts) {
  int first = -1, count = 0;
  for (int i = 0; i < n; i += 16) {
    for (uint32_t found = starts[i / 16]; found; found &= found - 1) {
      int at = i + __builtin_ctz(found), start = name_start(p, at);
      int name_end, q = subject_end(p, start, n, &name_end);
      if (q < 0 || name_end != at || run_of(p, at, q, C_DIGIT) != q - at || out[at] != p[at] || is_named_by_value(p, start, at)) continue;
      if (first < 0) first = at;
      if (!other) {
        for (int j = at; j < q; j++) out[j] = '0';
        continue;
      }
      do write_count(out + at, q - at, ++count);
      while (same_bytes(out + at, p + at, q - at));
    }
  }
  return first;
}

// Changes in out the characters of each generated interface name's id in p[0, n) (SUBJECT_RE's first branch, see
// generated_name_end: `veth3a4b5c`), as shape_of does a hex run's with a letter: each made `a`, or with `other` `b`
// (`c` for a `b`). Returns where the first id starts, -1 for none. An id is found where a prefix's last two letters
// are followed by a hex digit (`starts`, per vector of p: see shape_of), from the start of the word there.
static APART int generated_ids(const uint8_t* p, int n, int other, uint8_t* out, const uint16_t* starts) {
  int first = -1;
  for (int i = 0; i < n; i += 16) {
    for (uint32_t found = starts[i / 16]; found; found &= found - 1) {
      int at = i + __builtin_ctz(found), start = name_start(p, at);
      int name_end, q = word_starts(p, start) ? generated_name_end(p, start, n, &name_end) : -1;
      if (q < 0 || name_end != at) continue;
      if (first < 0) first = at;
      for (int j = at; j < q; j++) out[j] = other ? (p[j] == 'b' ? 'c' : 'b') : 'a';
    }
  }
  return first;
}

// Writes the shape of p[0, n) to out (both with room for a vector past n): the characters of its numbers made `0`, or
// with `other` another digit than each one was (`1`, and `2` for a `1`; a subject's, see subject_digits, a count); those
// of a hex run with a letter and no `0x` made `a`, or `b` (`c` for a `b`). Returns where the first number starts, -1 when there is none. A number starts at a
// digit after a byte that is no word character, or (hex) at `0x` or at a hex digit after no word character with four
// more after it: such bytes are found a vector at a time, and each run read from one on its own.
static int shape_of(const uint8_t* p, int n, int other, uint8_t* out) {
  if (!tails_made) make_tails();
  // Per vector: its hex digits, where a generated name's id may start (see generated_ids) and a subject's digits (see
  // subject_digits), found in one pass.
  uint16_t hexes[SHAPE_BYTES / 16 + 2], id_starts[SHAPE_BYTES / 16 + 1], digit_tails[SHAPE_BYTES / 16 + 1];
  uint32_t ids = 0, tails = 0;
  int vectors = (n + 15) / 16;
  for (int k = 0; k < vectors; k++) {
    int i = 16 * k;
    v128_t v = wasm_v128_load(p + i);
    v128_t b1 = i ? wasm_v128_load(p + i - 1) : after_space(v);
    v128_t b2 = i ? wasm_v128_load(p + i - 2) : after_space(b1);
    wasm_v128_store(out + i, v);
    v128_t hex = lower_hexes16(v);
    uint32_t valid = n - i < 16 ? (1u << (n - i)) - 1 : 0xffffu;
    hexes[k] = (uint16_t)((uint32_t)wasm_i8x16_bitmask(hex) & valid);
    id_starts[k] = (uint16_t)((uint32_t)wasm_i8x16_bitmask(wasm_v128_and(after_name_tails(b1, b2), hex)) & valid);
    digit_tails[k] = (uint16_t)((uint32_t)wasm_i8x16_bitmask(wasm_v128_and(digits16(v), names16(b1))) & valid);
    ids |= id_starts[k];
    tails |= digit_tails[k];
  }
  hexes[vectors] = 0;
  int first = -1;
  for (int k = 0; k < vectors; k++) {
    int i = 16 * k;
    v128_t v = wasm_v128_load(p + i);
    v128_t before = i > 0 ? wasm_v128_load(p + i - 1) : after_space(v);
    uint32_t window = hexes[k] | (uint32_t)hexes[k + 1] << 16;
    uint32_t five = window & (window >> 1) & (window >> 2) & (window >> 3) & (window >> 4);
    uint32_t hex_x = (uint32_t)wasm_i8x16_bitmask(wasm_v128_and(wasm_i8x16_eq(v, wasm_i8x16_splat('0')), wasm_i8x16_eq(wasm_v128_load(p + i + 1), wasm_i8x16_splat('x'))));
    uint32_t after_word = (uint32_t)wasm_i8x16_bitmask(words16(before));
    // (hexes[k] holds the vector's hex digits, made in the pass before, and only those before n)
    uint32_t free = hexes[k] & ~after_word;
    uint32_t digit_starts = (uint32_t)wasm_i8x16_bitmask(digits16(v)) & ~after_word;
    uint32_t starts = (free & (five | hex_x)) | digit_starts;
    if (n - i < 16) starts &= (1u << (n - i)) - 1;
    for (; starts; starts &= starts - 1) {
      int at = i + __builtin_ctz(starts);
      int prefixed = p[at] == '0' && at + 2 < n && p[at + 1] == 'x' && is_hex(p[at + 2]);
      int from = prefixed ? at + 2 : at, past = from, digits = 0;
      for (; past < n && is_hex(p[past]); past++) digits += is_digit(p[past]);
      int length = past - from;
      int letters = !prefixed && digits < length;
      int hex = (prefixed ? length >= LONG_HEX : letters && digits > 0 && length >= SHORT_HEX) && (past == n || !is_word(p[past]));
      int decimal = !prefixed && !letters && (past == n || !is_lettered(p[past])) && !errno_place(p, from, length);
      if (!hex && !decimal) continue;
      if (first < 0) first = from;
      // (a run with a letter and one without are told apart by the hex rule: the one's characters are made letters, the
      // other's digits)
      for (int j = from; j < past; j++)
        out[j] = letters ? (other ? (p[j] == 'b' ? 'c' : 'b') : 'a') : other ? (p[j] == '1' ? '2' : '1') : '0';
    }
  }
  int id = ids ? generated_ids(p, n, other, out, id_starts) : -1;
  if (id >= 0 && (first < 0 || id < first)) first = id;
  int tail = tails ? subject_digits(p, n, other, out, digit_tails) : -1;
  return tail >= 0 && (first < 0 || tail < first) ? tail : first;
}

// A 64-bit hash of p[0, n), seeded (shape_seed): texts of one shape are known by it, without their bytes compared, so
// the seed is random, that no log can be written whose texts take another's shape.
static uint64_t shape_hash_of(const uint8_t* p, int n) { return lanes_hash(p, n, shape_seed ^ ((uint64_t)n * 0x9e3779b97f4a7c15ull), shape_seed ^ 0xc2b2ae3d27d4eb4full); }

// Writes the shape of shape_in[0, length) to shape_out (see shape_of).
int shape(int length, int other) { return shape_of(shape_in, length, other, shape_out); }

// Whether shape_in[0, length) holds a piece of a report header (see rest_header; a window past the text may take the
// bytes a text before left there: a piece found so only costs the header regexes).
int header_piece(int length) { return has_piece(header_table, header_multiplier, shape_in, 0, length); }

// Whole words NOTABLE_RE takes (NOTABLE_WORDS in src/analysis/events.ts), filled in by the caller: lower case, each in
// 16 bytes (zeros after it), sorted by length; the words of length L are [notable_from[L], notable_from[L + 1]).
#define MAX_NOTABLE_WORDS 64
#define NOTABLE_WORD_BYTES 16
uint8_t notable_words[MAX_NOTABLE_WORDS][NOTABLE_WORD_BYTES] __attribute__((aligned(16)));
int32_t notable_from[NOTABLE_WORD_BYTES + 2];

// Whether p[s, e) holds one of notable_words as a whole word (`\w` on neither side), in any case: the text then may
// matter, as NOTABLE_RE tells, without the regex asked.
static int has_notable_word(const uint8_t* p, int s, int e) {
  const v128_t lane = wasm_i8x16_make(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  for (int i = s; i < e;) {
    if (!is_word(p[i])) {
      i++;
      continue;
    }
    int length = run_of(p, i, e, C_WORD);
    if (length < NOTABLE_WORD_BYTES && notable_from[length] < notable_from[length + 1]) {
      // (`| 0x20` makes capitals small, and no other word character a letter)
      v128_t word = wasm_v128_and(wasm_v128_or(wasm_v128_load(p + i), wasm_i8x16_splat(0x20)), wasm_i8x16_lt(lane, wasm_i8x16_splat((int8_t)length)));
      for (int k = notable_from[length]; k < notable_from[length + 1]; k++)
        if (wasm_i8x16_all_true(wasm_i8x16_eq(word, wasm_v128_load(notable_words[k])))) return 1;
    }
    i += length;
  }
  return 0;
}

// FNV-1a, four bytes a round: the template's hash (text_hash), which templateHash in src/analysis/events.ts makes the same of a string.
static uint32_t hash_bytes(const uint8_t* p, int s, int e) {
  uint32_t h = 2166136261u;
  int i = s;
  for (; i + 4 <= e; i += 4) h = (h ^ load32(p + i)) * 16777619u;
  for (; i < e; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

// The hash of a distinct text (rest_hash, rest_slot). FNV-1a four bytes a round (hash_bytes), a chain of one multiply
// each, took a twelfth of a storage flood's scan, whose lines are each a stop (2.32 against 2.13 ms a block).
static uint32_t text_key_hash(const uint8_t* p, int s, int e) { return (uint32_t)lanes_hash(p + s, e - s, 0x9e3779b97f4a7c15ull ^ (uint64_t)(e - s), 0xc2b2ae3d27d4eb4full); }

// The slot of `slots` (a power of two) for hash `h`, from the high bits of a multiple of it, which all of its bits make.
static inline uint32_t slot_of(uint32_t h, uint32_t slots) {
  return (h * 2654435769u) >> (32 - __builtin_ctz(slots));
}

// The shapes of the distinct texts described before (their hashes and lengths), one a slot, in all the scans of this
// instance, with whether their texts hold a notable word: the texts of one shape hold the same words (a number is a
// word of digits, or part of one of hex digits, and no notable word is one), and one whose shape is there most likely takes the read of its
// shape's texts (src/analysis/text-reading.ts, readText), which needs no header pieces. A storage flood's scan spent
// 0.18 ms a block, a twelfth, on the header pieces of texts that differ in a sector, and 0.13 on their notable words.
#define SEEN_SHAPE_BITS 12
static uint64_t seen_shape_hash[1 << SEEN_SHAPE_BITS];
static int32_t seen_shape_length[1 << SEEN_SHAPE_BITS];
static uint8_t seen_shape_notable[1 << SEEN_SHAPE_BITS];
// seen_shape_notable of a shape the full read described: it asks no notable words (a fast read describes it again).
#define NOTABLE_NOT_ASKED 2

// What the scan tells of a new distinct text p[s, e): rest_header, rest_notable (unless `every`), rest_shape.
static APART void describe_rest(int id, const uint8_t* p, int s, int e, int every) {
  int n = e - s, first = n <= SHAPE_BYTES ? shape_of(p + s, n, 0, shape_out) : -1;
  uint64_t h = first < 0 ? 0 : shape_hash_of(shape_out, n);
  rest_shape[3 * id] = (int32_t)h;
  rest_shape[3 * id + 1] = (int32_t)(h >> 32);
  rest_shape[3 * id + 2] = first;
  // (the full read reads most texts by their shape's read too: 96-97 % of the bench profiles' texts, one thread)
  int remembers = first >= 0;
  uint32_t slot = ((uint32_t)h * 2654435769u) >> (32 - SEEN_SHAPE_BITS);
  if (remembers && seen_shape_hash[slot] == h && seen_shape_length[slot] == n && (every || seen_shape_notable[slot] != NOTABLE_NOT_ASKED)) {
    rest_header[id] = HEADER_NOT_LOOKED_FOR;
    rest_notable[id] = every ? 0 : seen_shape_notable[slot];
    return;
  }
  rest_header[id] = (uint8_t)has_piece(header_table, header_multiplier, p, s, e);
  rest_notable[id] = (uint8_t)(!every && has_notable_word(p, s, e));
  if (!remembers) return;
  seen_shape_hash[slot] = h;
  seen_shape_length[slot] = n;
  seen_shape_notable[slot] = every ? NOTABLE_NOT_ASKED : rest_notable[id];
}

// The index of the text p[s, e) among the distinct texts seen since `fresh`, added (and described) when new; -1 when
// there is no room.
static int rest_id(const uint8_t* p, int s, int e, int every) {
  uint32_t h = text_key_hash(p, s, e);
  for (uint32_t slot = slot_of(h, REST_SLOTS);; slot = (slot + 1) & (REST_SLOTS - 1)) {
    int32_t id = rest_slot[slot] - 1;
    if (id < 0) {
      if (rest_count == MAX_RESTS) return -1;
      id = rest_count++;
      rest_slot[slot] = id + 1;
      rest_hash[id] = h;
      rest_start[id] = s;
      rest_end[id] = e;
      describe_rest(id, p, s, e, every);
      return id;
    }
    if (rest_hash[id] == h && rest_end[id] - rest_start[id] == e - s && same_bytes(p + rest_start[id], p + s, e - s)) return id;
  }
}

// What has_piece of piece_table told of lines before, by a seeded hash of their bytes with their digits made `0` (see
// piece_key), one a slot, in all the scans of this instance: the key with its lowest bit the answer. Most lines of a log
// repeat one another but for their numbers (a session's, a pid, a time), and the key costs a seventh of the windows'
// lookups. Lines alike but for their digits hold the same pieces: LINE_PIECES is closed under a digit's change, but for
// the `0` of `0x`, which the key keeps (test/lines/line-scan.test.ts).
#define KNOWN_BITS 14
static uint64_t known_pieces[1 << KNOWN_BITS];

// The key of line p[s, e) in known_pieces (its lowest bit 0): a hash of its bytes, each digit `0` but one before an `x`
// (or `X`), seeded (shape_seed) with its length, so that no log can be written whose line takes the key of another.
static uint64_t piece_key(const uint8_t* p, int s, int e) {
  const v128_t lane = wasm_i8x16_make(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  uint64_t a = shape_seed ^ ((uint64_t)(e - s) * 0x9e3779b97f4a7c15ull), b = shape_seed ^ 0xc2b2ae3d27d4eb4full;
  for (int i = s; i < e; i += 16) {
    v128_t v = wasm_v128_load(p + i);
    v128_t before_x = wasm_i8x16_eq(wasm_v128_or(wasm_v128_load(p + i + 1), wasm_i8x16_splat(0x20)), wasm_i8x16_splat('x'));
    v = wasm_v128_bitselect(wasm_i8x16_splat('0'), v, wasm_v128_andnot(digits16(v), before_x));
    // (the bytes past the line are the next line's: left out)
    if (e - i < 16) v = wasm_v128_and(v, wasm_i8x16_lt(lane, wasm_i8x16_splat((int8_t)(e - i))));
    a = (a ^ (uint64_t)wasm_i64x2_extract_lane(v, 0)) * 0xff51afd7ed558ccdull;
    b = (b ^ (uint64_t)wasm_i64x2_extract_lane(v, 1)) * 0xc4ceb9fe1a85ec53ull;
  }
  return lanes_joined(a, b) & ~1ull;
}

// Whether line p[s, e) holds a piece of piece_table (has_piece), asked once of the lines alike but for their digits.
static int holds_piece(const uint8_t* p, int s, int e) {
  uint64_t key = piece_key(p, s, e);
  uint32_t slot = (uint32_t)(key >> (64 - KNOWN_BITS));
  if ((known_pieces[slot] & ~1ull) == key) return (int)(known_pieces[slot] & 1);
  int piece = has_piece(piece_table, piece_multiplier, p, s, e);
  known_pieces[slot] = key | (uint64_t)piece;
  return piece;
}

// Scans the lines of region[from, to): `to` is just past a line end. Returns the number of stops recorded. `fresh`
// forgets the distinct texts of the region before (a new region); without it ids go on from the call before. `every`
// makes every line a stop (the full read: each line is read, most of them as a repeat of a text read once).
int scan(int from, int to, int max_line, int fresh, int every) {
  const uint8_t* p = region;
  if (fresh) {
    __builtin_memset(rest_slot, 0, sizeof rest_slot);
    rest_count = 0;
  }
  int words = find_marks(p, from, to);
  Marks ends = {line_ends, words, 0, words ? line_ends[0] : 0}, minus = {minus_digits, words, 0, words ? minus_digits[0] : 0};
  // The next `-` followed by a digit not yet looked at (`to` past the last).
  int next_minus = -1;
  int stops = 0, line = 0, s = from, previous = -1;
  while (stops < ROOM) {
    int e = next_byte(&ends, from, -1);
    if (e < 0) break;
    // The line's errno: a `-` and a digit at its start, or after a byte that is not wordish.
    int errno_like = 0;
    for (; next_minus < e; next_minus = next_byte(&minus, from, to))
      if (next_minus >= s && (next_minus == s || !wordish[p[next_minus - 1]])) {
        errno_like = 1;
        break;
      }
    if (every || errno_like || e - s > max_line || holds_piece(p, s, e)) {
      stop_at[stops] = s;
      stop_end[stops] = e;
      stop_previous[stops] = previous;
      stop_line[stops] = line;
      int32_t clock = -1;
      int time = e - s > max_line ? 0 : syslog_time(p, s, e, &clock);
      stop_rest_at[stops] = time ? s + time : -1;
      stop_rest_id[stops] = time ? rest_id(p, s + time, e, every) : -1;
      stop_clock[stops] = time ? clock : -1;
      stops++;
    }
    line++;
    previous = s;
    s = e + 1;
  }
  lines_passed = line;
  last_line_at = previous;
  resume_at = s;
  return stops;
}

// Keeps the first `count` stops of the last scan that may matter (`check`: by rest_keep for those with a text after a
// syslog time, else by stop_keep; all without it), moved to the front, as positions of the caller's bytes: offsets
// plus `offset`, line indexes plus `line_base`, text ids plus `rest_base`, and `previous_start` for a first line's
// previous line. Returns how many were kept.
int compact(int count, int check, int offset, int line_base, int previous_start, int rest_base) {
  int kept = 0;
  for (int k = 0; k < count; k++) {
    int id = stop_rest_id[k];
    if (check && !(id >= 0 ? rest_keep[id] : stop_keep[k])) continue;
    stop_at[kept] = offset + stop_at[k];
    stop_end[kept] = offset + stop_end[k];
    stop_previous[kept] = stop_previous[k] < 0 ? previous_start : offset + stop_previous[k];
    stop_line[kept] = line_base + stop_line[k];
    stop_rest_at[kept] = stop_rest_at[k] < 0 ? -1 : offset + stop_rest_at[k];
    stop_rest_id[kept] = id < 0 ? -1 : rest_base + id;
    stop_clock[kept] = stop_clock[k];
    kept++;
  }
  return kept;
}

// The template of a message (src/analysis/events.ts, templateByRules, whose regexes are the rules): errnos set aside
// (`-107`, then `error 5`), IPv4 addresses made `IP`, long hex `ADDR`, device-like subjects `nameN` (kept), other
// numbers `N`. Each rule is a pass over the text the pass before made, as each regex replaces over the last one's
// output; the comments give the match each regex's backtracking comes to. The caller copies the text (ASCII) to text_in;
// template_of writes text_out, text_errno and the subjects.
#define TEXT_BYTES 4096
#define NO_ERRNO (1 << 30)
// Filled in by the caller: 1 for the numbers below 1000 that are errnos (src/knowledge/errno.ts).
uint8_t errno_known[1000];
// The passes read and write a vector at a time: each buffer has room for one past its text.
#define TEXT_SLACK 16
uint8_t text_in[TEXT_BYTES + TEXT_SLACK];
uint8_t text_out[TEXT_BYTES + TEXT_SLACK];
// Out: the first errno set aside, signed as printed (NO_ERRNO for none), and the distinct subjects in order.
int32_t text_errno;
// Out: the template's hash (hash_bytes; templateHash in src/analysis/events.ts makes the same of a string).
uint32_t text_hash;
int32_t subject_count;
int32_t subject_at[TEXT_BYTES / 2];
int32_t subject_length[TEXT_BYTES / 2];
uint8_t subject_bytes[TEXT_BYTES];
static uint8_t pass_a[TEXT_BYTES + TEXT_SLACK], pass_b[TEXT_BYTES + TEXT_SLACK];
// What was set aside, of each kind, in the order of the text: put back at the end where its mark is. A mark is one byte
// no rule matches or joins to (no word character, none of `.-:/ =`), as the regexes' placeholders (`\0E0\0`) are.
#define ASIDE_NEGATIVE 1
#define ASIDE_UNSIGNED 2
static uint8_t aside_bytes[TEXT_BYTES];
static int32_t aside_at[3][TEXT_BYTES / 2], aside_length[3][TEXT_BYTES / 2], aside_count[3];
static int aside_used, subject_used;

// The bytes of a vector that may start a match of a pass, given the vector and the bytes before each of its bytes.
typedef v128_t (*Starts)(v128_t bytes, v128_t before);

static v128_t dashes(v128_t v, v128_t before) { (void)before; return wasm_i8x16_eq(v, wasm_i8x16_splat('-')); }
static v128_t letter_es(v128_t v, v128_t before) { (void)before; return wasm_i8x16_eq(v, wasm_i8x16_splat('e')); }
static v128_t digit_starts(v128_t v, v128_t before) { return wasm_v128_andnot(digits16(v), words16(before)); }
static v128_t marks(v128_t v, v128_t before) { (void)before; return wasm_u8x16_le(v, wasm_i8x16_splat(ASIDE_UNSIGNED)); }

// Copies s[*at, n) to d from o on, up to the first byte that `starts` takes (a vector at a time): *at becomes that
// byte's place (n for none) and the place in d after the copy is returned. Before the text's first byte is a space.
static inline __attribute__((always_inline)) int copy_to_start(const uint8_t* s, int* at, int n, uint8_t* d, int o, Starts starts) {
  int i = *at;
  while (i < n) {
    v128_t v = wasm_v128_load(s + i);
    v128_t before = i > 0 ? wasm_v128_load(s + i - 1) : after_space(v);
    wasm_v128_store(d + o, v);
    uint32_t found = (uint32_t)wasm_i8x16_bitmask(starts(v, before));
    int left = n - i;
    if (left < 16) found &= (1u << left) - 1;
    if (found) {
      int k = __builtin_ctz(found);
      *at = i + k;
      return o + k;
    }
    int step = left < 16 ? left : 16;
    i += step;
    o += step;
  }
  *at = n;
  return o;
}

static void set_aside(int kind, const uint8_t* s, int from, int to) {
  int k = aside_count[kind]++;
  aside_at[kind][k] = aside_used;
  aside_length[kind][k] = to - from;
  for (int i = from; i < to; i++) aside_bytes[aside_used++] = s[i];
}

// s[from, to) holds an errno's 1 to 3 digits at [at, to): set aside (a mark in d) when it is one the table knows.
static int errno_aside(int kind, int sign, const uint8_t* s, int from, int at, int to, uint8_t* d, int o) {
  int value = digits(s, &at, to, 3);
  if (!errno_known[value]) {
    for (int i = from; i < to; i++) d[o++] = s[i];
    return o;
  }
  if (text_errno == NO_ERRNO) text_errno = sign * value;
  set_aside(kind, s, from, to);
  d[o++] = (uint8_t)kind;
  return o;
}

// NEGATIVE_RE /(?<![\w.-])-(\d{1,3})(?![\w.])/: a `-` after no wordish byte (the scan's table, the look-behind's
// class), then a run of 1 to 3 digits followed by no word character or `.`.
static APART int pass_negative(const uint8_t* s, int n, uint8_t* d) {
  int o = 0;
  for (int i = 0; i < n;) {
    o = copy_to_start(s, &i, n, d, o, dashes);
    if (i == n) break;
    if (i == 0 || !wordish[s[i - 1]]) {
      int l = run_of(s, i + 1, n, C_DIGIT), q = i + 1 + l;
      if (l >= 1 && l <= 3 && (q == n || !(is_word(s[q]) || s[q] == '.'))) {
        o = errno_aside(ASIDE_NEGATIVE, -1, s, i, i + 1, q, d, o);
        i = q;
        continue;
      }
    }
    d[o++] = s[i++];
  }
  return o;
}

// UNSIGNED_RE /(?<!I\/O )\b(?:error|err|errno)[ =:]{1,2}(\d{1,3})(?![\w.:/-])/ at s[i], after no word character and
// not after `I/O `: the end of the match (-1 for none) and where its digits start. The three words are tried in that
// order; after each, a run of 1 or 2 of ` =:` and a run of 1 to 3 digits followed by none of `\w.:/-`.
static int unsigned_end(const uint8_t* s, int i, int n, int* digits) {
  static const char* const words[3] = {"error", "err", "errno"};
  static const int lengths[3] = {5, 3, 5};
  if (!word_starts(s, i)) return -1;
  if (i >= 4 && s[i - 4] == 'I' && s[i - 3] == '/' && s[i - 2] == 'O' && s[i - 1] == ' ') return -1;
  for (int w = 0; w < 3; w++) {
    int p = i + lengths[w];
    if (p > n || !same_bytes(s + i, (const uint8_t*)words[w], lengths[w])) continue;
    int seps = 0;
    while (p + seps < n && (s[p + seps] == ' ' || s[p + seps] == '=' || s[p + seps] == ':')) seps++;
    if (seps < 1 || seps > 2) continue;
    int at = p + seps, l = run_of(s, at, n, C_DIGIT), q = at + l;
    if (l < 1 || l > 3) continue;
    if (q < n && (is_word(s[q]) || s[q] == '.' || s[q] == ':' || s[q] == '/' || s[q] == '-')) continue;
    *digits = at;
    return q;
  }
  return -1;
}

static APART int pass_unsigned(const uint8_t* s, int n, uint8_t* d) {
  int o = 0;
  for (int i = 0; i < n;) {
    o = copy_to_start(s, &i, n, d, o, letter_es);
    if (i == n) break;
    int digits, q = unsigned_end(s, i, n, &digits);
    if (q < 0) {
      d[o++] = s[i++];
      continue;
    }
    o = errno_aside(ASIDE_UNSIGNED, 1, s, i, digits, q, d, o);
    i = q;
  }
  return o;
}

// IPV4_RE /\b\d{1,3}(?:\.\d{1,3}){3}\b/ at s[i]: a digit that starts a word, four runs of 1 to 3 digits with a `.`
// between each two, the last followed by no word character. The end of the match, -1 for none.
static int ipv4_end(const uint8_t* s, int i, int n) {
  if (!is_digit(s[i]) || !word_starts(s, i)) return -1;
  int at = i;
  for (int k = 0; k < 4; k++) {
    int l = run_of(s, at, n, C_DIGIT);
    if (l < 1 || l > 3) return -1;
    at += l;
    if (k < 3) {
      if (at >= n || s[at] != '.') return -1;
      at++;
    }
  }
  return word_ends(s, at, n) ? at : -1;
}

// Whether s[i] and s[i + 1] are digits of the text s[0, n) (two_digits, kept within the text: past it is another's).
static inline int digit_pair(const uint8_t* s, int i, int n) { return i + 1 < n && two_digits(s, i, 0) >= 0; }

// The zone of ISO_TIME_RE at s[p], after a time: the end of the first of its ways the regex tries that no word character
// follows (`Z`; `+hh:mm`, `+hhmm`, `+hh`; none), -1 for none.
static int zone_end(const uint8_t* s, int p, int n) {
  if (p < n && s[p] == 'Z' && word_ends(s, p + 1, n)) return p + 1;
  if (p < n && (s[p] == '+' || s[p] == '-') && digit_pair(s, p + 1, n)) {
    int q = p + 3;
    if (q < n && s[q] == ':' && digit_pair(s, q + 1, n) && word_ends(s, q + 3, n)) return q + 3;
    if (digit_pair(s, q, n) && word_ends(s, q + 2, n)) return q + 2;
    if (word_ends(s, q, n)) return q;
  }
  return word_ends(s, p, n) ? p : -1;
}

// The time of ISO_TIME_RE at s[p], after a date: `T` or a space, `hh:mm`, maybe `:ss` with maybe a fraction of 1 to 9
// digits after `.` or `,`, and its zone; the end of the first of its ways the regex tries that ends a match, -1 for none.
static int time_end(const uint8_t* s, int p, int n) {
  if (!(p < n && (s[p] == 'T' || s[p] == ' ') && digit_pair(s, p + 1, n) && p + 3 < n && s[p + 3] == ':' && digit_pair(s, p + 4, n))) return -1;
  int m = p + 6;
  if (m < n && s[m] == ':' && digit_pair(s, m + 1, n)) {
    int c = m + 3;
    if (c < n && (s[c] == '.' || s[c] == ',')) {
      int l = run_of(s, c + 1, n, C_DIGIT);
      int z = l >= 1 && l <= 9 ? zone_end(s, c + 1 + l, n) : -1;
      if (z >= 0) return z;
    }
    int z = zone_end(s, c, n);
    if (z >= 0) return z;
  }
  return zone_end(s, m, n);
}

// ISO_TIME_RE /\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9}(?!\d))?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?(?!\w)/ at
// s[i], a digit that starts a word: a run of 4 digits, `-`, 2 digits, `-`, 2 digits, then its time when one ends a match
// there, else the date alone when no word character follows it. The end of the match, -1 for none.
static int date_end(const uint8_t* s, int i, int n) {
  if (!word_starts(s, i) || run_of(s, i, n, C_DIGIT) != 4 || i + 10 > n) return -1;
  if (s[i + 4] != '-' || !digit_pair(s, i + 5, n) || s[i + 7] != '-' || !digit_pair(s, i + 8, n)) return -1;
  int t = time_end(s, i + 10, n);
  if (t >= 0) return t;
  return word_ends(s, i + 10, n) ? i + 10 : -1;
}

static inline int is_klog_level(uint8_t c) { return c == 'I' || c == 'W' || c == 'E' || c == 'F'; }
static v128_t klog_starts(v128_t v, v128_t before) {
  v128_t level = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(before, wasm_i8x16_splat('I')), wasm_i8x16_eq(before, wasm_i8x16_splat('W'))),
                              wasm_v128_or(wasm_i8x16_eq(before, wasm_i8x16_splat('E')), wasm_i8x16_eq(before, wasm_i8x16_splat('F'))));
  return wasm_v128_and(digits16(v), level);
}

// KLOG_TIME_RE /(?<=\b[IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}(?!\w)/ at s[i], a digit after a level letter that starts a word: a
// run of 4 digits, a space, `hh:mm:ss`, `.` and a run of 6 digits that no word character follows. The end, -1 for none.
static int klog_end(const uint8_t* s, int i, int n) {
  if (i < 1 || !is_klog_level(s[i - 1]) || !word_starts(s, i - 1) || run_of(s, i, n, C_DIGIT) != 4 || i + 20 > n) return -1;
  if (s[i + 4] != ' ' || !digit_pair(s, i + 5, n) || s[i + 7] != ':' || !digit_pair(s, i + 8, n) || s[i + 10] != ':' || !digit_pair(s, i + 11, n) || s[i + 13] != '.') return -1;
  return run_of(s, i + 14, n, C_DIGIT) == 6 && word_ends(s, i + 20, n) ? i + 20 : -1;
}

// HEX_RE /\b(?:0x)?[0-9a-f]{8,}\b/i at s[i], a word's start: `0x` (either case) and a run of 8 hex digits or more
// followed by no word character; else such a run alone.
static int hex_end(const uint8_t* s, int i, int n) {
  if (!word_starts(s, i)) return -1;
  if (s[i] == '0' && i + 1 < n && (s[i + 1] | 0x20) == 'x') {
    int r = run_of(s, i + 2, n, C_HEX), q = i + 2 + r;
    if (r >= 8 && word_ends(s, q, n)) return q;
  }
  int r = run_of(s, i, n, C_HEX), q = i + r;
  return r >= 8 && word_ends(s, q, n) ? q : -1;
}

// NUMBER_RE /(?<![\w-])\d+(?:\.\d+)?(?![\w])/ at s[i], a digit after no word character or `-`: the run of digits with
// a `.` and a run of digits after it when no word character follows those, else the first run alone when none follows it.
static int number_end(const uint8_t* s, int i, int n) {
  if (!is_digit(s[i]) || (i > 0 && (is_word(s[i - 1]) || s[i - 1] == '-'))) return -1;
  int p = i + run_of(s, i, n, C_DIGIT);
  if (p + 1 < n && s[p] == '.' && is_digit(s[p + 1])) {
    int q = p + 1 + run_of(s, p + 1, n, C_DIGIT);
    // (without the fraction the match ends before the `.`, which is no word character)
    return word_ends(s, q, n) ? q : p;
  }
  return word_ends(s, p, n) ? p : -1;
}

// What a rule's match s[from, to) becomes (its regex's replacement).
typedef const char* (*With)(const uint8_t* s, int from, int to);
static const char* as_time(const uint8_t* s, int from, int to) { (void)s, (void)from, (void)to; return "TIME"; }
static const char* as_klog_time(const uint8_t* s, int from, int to) { (void)s, (void)from, (void)to; return " TIME"; }
static const char* as_ip(const uint8_t* s, int from, int to) { (void)s, (void)from, (void)to; return "IP"; }
static const char* as_number(const uint8_t* s, int from, int to) { (void)s, (void)from, (void)to; return "N"; }
// addressOf in src/analysis/events.ts: a run of decimal digits alone is a number, any other match an address.
static const char* as_address(const uint8_t* s, int from, int to) { return run_of(s, from, to, C_DIGIT) == to - from ? "N" : "ADDR"; }

// A pass of a rule whose every match becomes what `with` makes of it: `end` gives the end of the match at s[i], -1 for
// none; it is asked only at the bytes `starts` takes (inlined for each rule: the bytes between are copied a vector at a
// time).
static inline __attribute__((always_inline)) int pass_replace(const uint8_t* s, int n, uint8_t* d, Starts starts, int (*end)(const uint8_t*, int, int), With with) {
  int o = 0;
  for (int i = 0; i < n;) {
    o = copy_to_start(s, &i, n, d, o, starts);
    if (i == n) break;
    int q = end(s, i, n);
    if (q < 0) {
      d[o++] = s[i++];
      continue;
    }
    for (const char* w = with(s, i, q); *w; w++) d[o++] = (uint8_t)*w;
    i = q;
  }
  return o;
}

// The bits of `window` that start a run of 8 set bits.
static inline uint32_t runs_of_eight(uint32_t window) {
  uint32_t run = window & (window >> 1);
  run &= run >> 2;
  return run & (run >> 4);
}

// HEX_RE, tried only where a run of 8 hex digits or more starts (or `0x` before one): no other word start can match. The
// runs are found a vector at a time (8 hex bytes in a row ending in a vector, with the vector before), each tried once,
// at its first 8; every hex letter that starts a word was tried before (a message's words of `a-f`: `a`, `dev`, `file`).
static APART int pass_hex(const uint8_t* s, int n, uint8_t* d) {
  int o = 0, at = 0, run_end = 0;
  uint32_t window = 0;
  for (int i = 0; i < n; i += 16) {
    v128_t v = wasm_v128_load(s + i);
    uint32_t bytes = (uint32_t)wasm_i8x16_bitmask(hexes16(v));
    if (n - i < 16) bytes &= (1u << (n - i)) - 1;
    // (bit k + 16 of the window is byte i + k: a run of 8 ends there when run bit k + 9 is set)
    window = (window >> 16) | (bytes << 16);
    for (uint32_t ends = runs_of_eight(window) >> 9; ends; ends &= ends - 1) {
      int last = i + __builtin_ctz(ends);
      if (last < run_end) continue;
      int first = last - 7;
      while (first > 0 && (char_class[s[first - 1]] & C_HEX)) first--;
      run_end = first + run_of(s, first, n, C_HEX);
      int start = first;
      if (!word_starts(s, first)) {
        if (first < 2 || (s[first - 1] | 0x20) != 'x' || s[first - 2] != '0' || !word_starts(s, first - 2)) continue;
        start = first - 2;
      }
      if (start < at) continue;
      int q = hex_end(s, start, n);
      if (q < 0) continue;
      __builtin_memcpy(d + o, s + at, (unsigned)(start - at));
      o += start - at;
      for (const char* w = as_address(s, start, q); *w; w++) d[o++] = (uint8_t)*w;
      at = q;
    }
  }
  __builtin_memcpy(d + o, s + at, (unsigned)(n - at));
  return o + n - at;
}

static void add_subject(const uint8_t* s, int from, int to) {
  for (int k = 0; k < subject_count; k++)
    if (subject_length[k] == to - from && same_bytes(subject_bytes + subject_at[k], s + from, to - from)) return;
  subject_at[subject_count] = subject_used;
  subject_length[subject_count++] = to - from;
  for (int i = from; i < to; i++) subject_bytes[subject_used++] = s[i];
}

// The bytes where a subject's digits or a generated name's id may begin (see subject_triggers in template_of): a digit
// after `[a-z_]`, or after `-` after `[a-z_]`; a lowercase hex digit after the last two letters of a generated name's
// prefix.
static inline v128_t subject_triggers(v128_t v, v128_t b1, v128_t b2) {
  v128_t found = wasm_v128_and(digits16(v), wasm_v128_or(names16(b1), wasm_v128_and(wasm_i8x16_eq(b1, wasm_i8x16_splat('-')), names16(b2))));
  return wasm_v128_or(found, wasm_v128_and(lower_hexes16(v), after_name_tails(b1, b2)));
}

// SUBJECT_RE, tried at each lowercase letter that starts a word as the regex is, but only at the starts of the words a
// trigger (subject_triggers) ends: no other start can match, and a trigger's word start is found by walking back over
// `[a-z_]` (name_start). Asked at every word that starts with a lowercase letter, this pass and the hex one took a third
// of the module's time on a long message (an audit record: 1.6 µs in all, 1.1 asking only there).
static APART int pass_subject(const uint8_t* s, int n, uint8_t* d) {
  int o = 0, at = 0, tried = -1;
  for (int i = 0; i < n; i += 16) {
    v128_t v = wasm_v128_load(s + i);
    v128_t b1 = i ? wasm_v128_load(s + i - 1) : after_space(v);
    v128_t b2 = i ? wasm_v128_load(s + i - 2) : after_space(b1);
    uint32_t found = (uint32_t)wasm_i8x16_bitmask(subject_triggers(v, b1, b2));
    if (n - i < 16) found &= (1u << (n - i)) - 1;
    for (; found; found &= found - 1) {
      int start = name_start(s, i + __builtin_ctz(found));
      if (start < at || start == tried || !(char_class[s[start]] & C_LOWER) || !word_starts(s, start)) continue;
      int name_end, q = generated_name_end(s, start, n, &name_end);
      if (q < 0) q = subject_end(s, start, n, &name_end);
      if (q < 0) {
        tried = start;
        continue;
      }
      __builtin_memcpy(d + o, s + at, (unsigned)(name_end - at));
      o += name_end - at;
      d[o++] = 'N';
      add_subject(s, start, q);
      at = q;
    }
  }
  __builtin_memcpy(d + o, s + at, (unsigned)(n - at));
  return o + n - at;
}

// Puts back what was set aside, each where its mark is.
static APART int put_back(const uint8_t* s, int n, uint8_t* d) {
  if (aside_used == 0) {
    __builtin_memcpy(d, s, (unsigned)n);
    return n;
  }
  int o = 0, next[3] = {0, 0, 0};
  for (int i = 0; i < n; i++) {
    o = copy_to_start(s, &i, n, d, o, marks);
    if (i == n) break;
    int kind = s[i], k = next[kind]++;
    for (int j = 0; j < aside_length[kind][k]; j++) d[o++] = aside_bytes[aside_at[kind][k] + j];
  }
  return o;
}

static APART int pass_dates(const uint8_t* s, int n, uint8_t* d) { return pass_replace(s, n, d, digit_starts, date_end, as_time); }
static APART int pass_klog_times(const uint8_t* s, int n, uint8_t* d) { return pass_replace(s, n, d, klog_starts, klog_end, as_klog_time); }
static APART int pass_ipv4(const uint8_t* s, int n, uint8_t* d) { return pass_replace(s, n, d, digit_starts, ipv4_end, as_ip); }
static APART int pass_numbers(const uint8_t* s, int n, uint8_t* d) { return pass_replace(s, n, d, digit_starts, number_end, as_number); }

// Writes the template of text_in[0, length) to text_out and returns its length (never more than the text's); -1 for a
// text it does not read: longer than TEXT_BYTES, or with a byte past ASCII or one that could be taken for a mark.
int template_of(int length) {
  if (length > TEXT_BYTES) return -1;
  // What each rule cannot match without, seen in one pass over the text (what a pass replaces never makes it so: every
  // match ends before no word character): `-` and a digit; `err` and a digit; a digit, `-` and a digit; a klog level
  // letter after no word character, and a digit; a digit, `.` and a digit; a run of 8 hex digits; `[a-z_]` or
  // `[a-z_]-` and a digit, or the end of a generated name's prefix and a hex digit; a digit after no word character or
  // `-`. A vector at a time, with the bytes one and two before each (spaces before the text's start).
  const v128_t lane = wasm_i8x16_make(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  v128_t bad = wasm_i8x16_splat(0), negative = bad, err = bad, date = bad, klog = bad, ipv4 = bad, subject = bad, number = bad;
  if (!tails_made) make_tails();
  uint32_t hex_window = 0, hex = 0;
  for (int i = 0; i < length; i += 16) {
    v128_t v = wasm_v128_load(text_in + i);
    v128_t b1 = i ? wasm_v128_load(text_in + i - 1) : after_space(v);
    v128_t b2 = i ? wasm_v128_load(text_in + i - 2) : after_space(b1);
    v128_t valid = wasm_u8x16_lt(lane, wasm_i8x16_splat((int8_t)(length - i < 16 ? length - i : 16)));
    bad = wasm_v128_or(bad, wasm_v128_and(valid, wasm_v128_or(wasm_u8x16_le(v, wasm_i8x16_splat(ASIDE_UNSIGNED)), wasm_u8x16_ge(v, wasm_i8x16_splat((int8_t)0x80)))));
    v128_t digit = wasm_v128_and(valid, digits16(v)), dash_before = wasm_i8x16_eq(b1, wasm_i8x16_splat('-'));
    negative = wasm_v128_or(negative, wasm_v128_and(digit, dash_before));
    err = wasm_v128_or(err, wasm_v128_and(wasm_v128_and(valid, wasm_i8x16_eq(v, wasm_i8x16_splat('r'))),
                                          wasm_v128_and(wasm_i8x16_eq(b1, wasm_i8x16_splat('r')), wasm_i8x16_eq(b2, wasm_i8x16_splat('e')))));
    date = wasm_v128_or(date, wasm_v128_and(digit, wasm_v128_and(dash_before, digits16(b2))));
    klog = wasm_v128_or(klog, wasm_v128_and(valid, wasm_v128_andnot(klog_starts(v, b1), words16(b2))));
    ipv4 = wasm_v128_or(ipv4, wasm_v128_and(digit, wasm_v128_and(wasm_i8x16_eq(b1, wasm_i8x16_splat('.')), digits16(b2))));
    subject = wasm_v128_or(subject, wasm_v128_and(valid, subject_triggers(v, b1, b2)));
    number = wasm_v128_or(number, wasm_v128_andnot(digit, wasm_v128_or(words16(b1), dash_before)));
    // The hex bytes of the last two vectors as bits: a run of 8 of them is 8 bits set in a row.
    hex_window = (hex_window >> 16) | ((uint32_t)wasm_i8x16_bitmask(wasm_v128_and(valid, hexes16(v))) << 16);
    hex |= runs_of_eight(hex_window);
  }
  if (wasm_v128_any_true(bad)) return -1;
  text_errno = NO_ERRNO;
  subject_count = subject_used = aside_used = 0;
  aside_count[ASIDE_NEGATIVE] = aside_count[ASIDE_UNSIGNED] = 0;
  // Each pass writes to the buffer the text is not in.
  uint8_t* buffers[2] = {pass_a, pass_b};
  const uint8_t* s = text_in;
  int n = length, b = 0;
  if (wasm_v128_any_true(negative)) n = pass_negative(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (wasm_v128_any_true(err)) n = pass_unsigned(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (wasm_v128_any_true(date)) n = pass_dates(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (wasm_v128_any_true(klog)) n = pass_klog_times(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (wasm_v128_any_true(ipv4)) n = pass_ipv4(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (hex) n = pass_hex(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (wasm_v128_any_true(subject)) n = pass_subject(s, n, buffers[b]), s = buffers[b], b ^= 1;
  if (wasm_v128_any_true(number)) n = pass_numbers(s, n, buffers[b]), s = buffers[b], b ^= 1;
  int written = put_back(s, n, text_out);
  text_hash = hash_bytes(text_out, 0, written);
  return written;
}
