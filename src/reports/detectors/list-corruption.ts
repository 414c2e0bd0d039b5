import { defineHeaderDetector } from '../define.js';

// CONFIG_DEBUG_LIST: `list_del corruption. prev->next should be ffff..., but was ffff...`, `list_add corruption. ...`,
// `list_add double add: new=..., prev=..., next=...`, `list_del corruption, ffff...->next is LIST_POISON1 (dead000000000100)`,
// followed by `kernel BUG at lib/list_debug.c:53!` (CONFIG_BUG_ON_DATA_CORRUPTION) or, without it, by the WARNING that
// carries the trace (4.16+ prints a WARN's message before its `WARNING:` line: `WARNING: CPU: 3 PID: 17219 at
// lib/list_debug.c:30 __list_add_valid_or_report+0x7f/0xa0`). Before 4.16 the message came after the WARNING line: the
// warning detector reads those (its helper table blames the list user).
export const LIST_MESSAGE_RE = /^(?:h?list_(?:add|del|bl_add|replace|splice)\w{0,12} (?:corruption|double add)\b)(.*)$/;

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
  header: LIST_MESSAGE_RE,
  absorbs: [/^kernel BUG at /, /^(?:Oops: )?invalid opcode: /, /^Internal error: Oops - BUG: /, /^WARNING: (?:CPU: \d{1,5} PID: -?\d{1,10} )?at ?lib\/list_debug\.c:/],
  describe(match, report) {
    report.details['message'] = match[0].trim();
  },
});
