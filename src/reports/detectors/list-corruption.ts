import { defineHeaderDetector } from '../define.js';

// CONFIG_DEBUG_LIST: `list_del corruption. prev->next should be ffff..., but was ffff...`, `list_add corruption. ...`,
// `list_add double add: new=..., prev=..., next=...`, `list_del corruption, ffff...->next is LIST_POISON1 (dead000000000100)`,
// followed by `kernel BUG at lib/list_debug.c:53!` (4.15+) or inside a WARNING (older kernels).
const HEADER_RE = /^(?:h?list_(?:add|del|bl_add|replace|splice)\w{0,12} (?:corruption|double add)\b)(.*)$/;

export const listCorruption = defineHeaderDetector({
  kind: 'list-corruption',
  meta: {
    description: 'CONFIG_DEBUG_LIST found a corrupted linked list (use-after-free or missing locking), usually followed by a BUG.',
    examples: [
      'list_del corruption. prev->next should be ffff8801d8caa528, but was ffffffff868a8010',
      'list_add corruption. next->prev should be prev (ffff88806c2271b0), but was 0000000000000000. (next=ffff88801d9a4068).',
      'list_add double add: new=ffff888024b8a528, prev=ffff888024b8a528, next=ffff88807c4d3e98.',
    ],
  },
  header: HEADER_RE,
  absorbs: [/^kernel BUG at /, /^(?:Oops: )?invalid opcode: /, /^Internal error: Oops - BUG: /],
  describe(match, report) {
    report.details['message'] = match[0].trim();
  },
});
