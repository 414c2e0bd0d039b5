// The byte scan of ktriage's fast path, compiled to WebAssembly (see build-wasm.mjs beside it; the module is
// committed as src/lines/line-scan-wasm.ts). It walks the complete lines of a region and records the lines that
// may matter: those holding a four-byte piece of the table the caller fills in (case folded), an errno-like `-`
// digit not inside a word, or longer than the caller's limit. The caller checks each such line again with the
// regexes it approximates (src/lines/fast-scan.ts): the scan may stop at too many lines, never at too few.
#include <stdint.h>
#include <wasm_simd128.h>

#define TABLE_BITS 13
#define BLOCK_BYTES (1 << 20)
#define ROOM 65536
// Loads reach this far past the region's end: a vector, or the window after the last byte.
#define SLACK 32

// Filled in by the caller: each piece in its own slot, found by a multiplicative hash.
uint32_t piece_table[1 << TABLE_BITS];
uint32_t piece_multiplier;
// 1 for the bytes that, before a `-`, make it part of a word (`x-1`, `2.-5`) rather than an errno's sign.
uint8_t wordish[256];

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

static inline uint32_t load32(const uint8_t* p) {
  uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

static inline int holds(uint32_t window, uint32_t m) {
  return piece_table[(window * m) >> (32 - TABLE_BITS)] == window;
}

// Whether a window of four bytes starting in [s, e) is in the table (four windows a round, each folded by `| 0x20`).
// Windows that run into the next line cannot match: no piece has a line end (folded `*`) before its last byte.
static int has_piece(const uint8_t* p, int s, int e) {
  const uint32_t m = piece_multiplier, fold = 0x20202020u;
  for (int i = s; i < e; i += 4) {
    uint32_t w0 = load32(p + i) | fold, w1 = load32(p + i + 1) | fold, w2 = load32(p + i + 2) | fold, w3 = load32(p + i + 3) | fold;
    if (holds(w0, m) | holds(w1, m) | holds(w2, m) | holds(w3, m)) return 1;
  }
  return 0;
}

// Whether [s, e) holds a `-` followed by a digit, at the line's start or after a byte that is not wordish.
static int has_errno(const uint8_t* p, int s, int e) {
  const v128_t dash = wasm_i8x16_splat('-'), zero = wasm_i8x16_splat('0'), ten = wasm_i8x16_splat(10);
  for (int i = s; i < e; i += 16) {
    v128_t here = wasm_v128_load(p + i), next = wasm_v128_load(p + i + 1);
    uint32_t bits = wasm_i8x16_bitmask(wasm_v128_and(wasm_i8x16_eq(here, dash), wasm_u8x16_lt(wasm_i8x16_sub(next, zero), ten)));
    if (e - i < 16) bits &= (1u << (e - i)) - 1;
    for (; bits; bits &= bits - 1) {
      int at = i + __builtin_ctz(bits);
      if (at == s || !wordish[p[at - 1]]) return 1;
    }
  }
  return 0;
}

static int line_end(const uint8_t* p, int from, int to) {
  const v128_t nl = wasm_i8x16_splat('\n');
  int i = from;
  for (; i + 16 <= to; i += 16) {
    uint32_t bits = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p + i), nl));
    if (bits) return i + __builtin_ctz(bits);
  }
  for (; i < to; i++)
    if (p[i] == '\n') return i;
  return -1;
}

// Scans the lines of region[from, to): `to` is just past a line end. Returns the number of stops recorded.
int scan(int from, int to, int max_line) {
  const uint8_t* p = region;
  int stops = 0, line = 0, s = from, previous = -1;
  while (s < to && stops < ROOM) {
    int e = line_end(p, s, to);
    if (e < 0) break;
    if (e - s > max_line || has_piece(p, s, e) || has_errno(p, s, e)) {
      stop_at[stops] = s;
      stop_end[stops] = e;
      stop_previous[stops] = previous;
      stop_line[stops] = line;
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
