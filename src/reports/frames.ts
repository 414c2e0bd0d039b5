import { baseFunctionName } from '../knowledge/frames.js';
import type { Frame, FunctionRef } from './types.js';

// `func+0x15/0x20`, optionally followed by ` [module]` or ` [module buildid]`. powerpc64 ELFv1 names the code of a
// function with a dot before its name (`.xfs_vm_releasepage+0xc4/0x140`): the dot is dropped. 2.6 x86_64 put the module
// first: `:ext3:ext3_get_inode_loc+0x1a/0x200`.
const SYMBOL_RE = /^(?::([\w-]{1,64}):)?\.?([A-Za-z_$][\w.$]{0,255})\+0x([0-9a-fA-F]{1,16})\/0x([0-9a-fA-F]{1,16})(?: \[([\w-]{1,64})(?: [0-9a-f]{1,64})?\])?/;

/** Parses `func+0x15/0x20 [mod]` into its parts; null when the text is not a symbol. */
export function parseSymbol(text: string): Omit<Frame, 'address' | 'reliable' | 'context'> | null {
  const m = SYMBOL_RE.exec(text.trim());
  if (!m) return null;
  return { function: m[2]!, offset: `0x${m[3]!.toLowerCase()}`, size: `0x${m[4]!.toLowerCase()}`, module: m[5] ?? m[1] ?? null };
}

// One call-trace line in any era:
//   ` [<ffffffff810bd514>] ? __wake_up+0x44/0x50 [mod]`   (3.x, with address)
//   ` <IRQ>  [<ffffffff816038f7>] dump_stack+0x19/0x1b`     (3.x, stack marker inline)
//   ` ? func+0x11e/0x4f0 [mod]`                            (4.x+, no address)
//   ` handle_softirqs+0x9c/0x310 (P)`                      (arm64 6.x)
//   ` func+0x1a/0x40 mm/kasan/report.c:123`                (symbolized)
//   ` [<ffffffff8805a0b5>] :ext3:ext3_get_inode_loc+0x1a/0x200`   (2.6 x86_64: the module before the name)
const FRAME_RE =
  /^\s{0,16}(?:<{1,2}([#\w/]{2,24})>{1,2}\s{0,4})?(?:\[<([0-9a-fA-F]{6,16})>\]\s{0,4})?(\? )?(?::([\w-]{1,64}):)?\.?([A-Za-z_$][\w.$]{0,255})\+0x([0-9a-fA-F]{1,16})\/0x([0-9a-fA-F]{1,16})(?: \[([\w-]{1,64})(?: [0-9a-f]{1,64})?\])?(?: \([PLF]\))?(?: [\w./-]{1,256}:\d{1,7}(?: \[inline\])?)?\s*$/;

// ` func mm/slub.c:123 [inline]`: symbolized inline frames have no offset.
const INLINE_FRAME_RE = /^\s{0,16}(\? )?([A-Za-z_.$][\w.$]{0,255}) [\w./-]{1,256}:\d{1,7} \[inline\]\s*$/;

// decode_stacktrace.sh (5.8+) replaces the offset with the source line: ` ? __warn (kernel/panic.c:673)`,
// ` dump_stack_lvl (lib/dump_stack.c:107 (discriminator 1))`, ` func (drivers/x.c:12 drivers/x.c:40) [mod]` (an inline chain).
// The rest after the first `(file:line` is read by decodedTail: a lazy rest up to `)` would rescan on every `)`.
const DECODED_FRAME_RE = /^\s{0,16}(\? )?([A-Za-z_$][\w.$]{0,255}) \([\w./-]{1,256}:\d{1,7}(.*)$/;

/** The module after a decoded frame's closing parenthesis (`[mod]`), null for none, undefined when the tail is no frame's. */
function decodedTail(tail: string): string | null | undefined {
  const text = tail.trimEnd();
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const after = text.slice(close + 1);
  if (after === '') return null;
  const module = /^ \[([\w-]{1,64})\]$/.exec(after);
  return module ? module[1]! : undefined;
}

// 32-bit arm `Backtrace:` lines name the callee first: `[<80b10c70>] (memset) from [<8062eec8>] (n_tty_set_termios+0x154/0x3c4)`,
// or without addresses (5.17+): ` memset from n_tty_set_termios+0x154/0x3c4`.
// 2.6 printed the callee with its offset: `[<c002e3c8>] (warn_slowpath+0x0/0x7c) from [<c00c3b24>] (kmem_cache_free+0x60/0x1d0)`.
const ARM_FROM_FRAME_RE = /^\s{0,16}(?:\[<([0-9a-f]{8})>\] )?\(?([A-Za-z_.$][\w.$]{0,255})(?:\+0x[0-9a-f]{1,8}\/0x[0-9a-f]{1,8})?\)? from (?:\[<[0-9a-f]{8}>\] )?\(?[A-Za-z_.$][\w.$]{0,255}\+0x[0-9a-f]{1,8}\/0x[0-9a-f]{1,8}\)?(?: \[[\w-]{1,64}\])?\s*$/;

// powerpc: `[c000000049a87710] [c0000000000286fc] __switch_to+0x43c/0x6d0`, the stack pointer then the return
// address, then the frame as other architectures print it; a saved word that is no symbol is printed as
// `0xc000000049a875a0 (unreliable)`.
// (the rest taken whole and its ` (unreliable)` mark read by ppcFrame: a lazy rest before `\s*$` is quadratic on a run of spaces)
const PPC_FRAME_RE = /^\s{0,16}\[[0-9a-f]{8,16}\] \[([0-9a-f]{8,16})\] (.*)$/;
const UNRELIABLE = ' (unreliable)';
// powerpc: `--- interrupt: 700 at assert_slb_presence+0x2c/0x70`: where the code was interrupted (a trap, a fault).
const PPC_INTERRUPT_RE = /^\s{0,16}--- interrupt: [0-9a-f]{1,4} at (\S.*)$/;

/** A call-trace line the kernel could not symbolize: ` [<ffffffffc0a1b2c3>] 0xffffffffc0a1b2c3`, ` ? 0xffffffffc0a1b2c3` (groups: the addresses). */
// (one run of spaces only, at the start: messages are trimmed at the end, and two runs would backtrack quadratically)
// s390 prints the frame of the return register first, in parentheses, and it may be stale: ` ([<000003ff80a2c19a>] func+0x32/0x1f0 [xfs])`.
const S390_R14_FRAME_RE = /^\s{0,16}\((\[<[0-9a-f]{6,16}>\] [^()]{1,300})\)\s*$/;

export const UNNAMED_FRAME_RE = /^\s*(?:\[<([0-9a-f]{6,16})>\] ?)?(?:\? )?(?:0x([0-9a-f]{6,16}))?$/;

// Stack transition markers: `<IRQ>`, `</IRQ>`, `<NMI>`, `<TASK>`, `<EOI>`, `<<EOE>>`, `<#DF>`.
const MARKER_RE = /^\s{0,16}<{1,2}(\/?[#\w]{2,24})>{1,2}\s*$/;

export interface FrameLine {
  readonly frame: Frame | null;
  /** Stack marker on the line (`IRQ`, `/IRQ`, `TASK`...), if any. */
  readonly marker: string | null;
}

/** Recognises a call-trace line; `context` is the stack the trace is on when this line is printed. */
/**
 * Whether a text may be a call-trace line (parseFrameLine): it holds a piece that every form above has (an offset, a
 * marker, a decoded frame's ` (`, an inline frame's mark, powerpc's interrupt line) or starts with a `[` or `(`. Most
 * messages hold none: a cheap test before the regexes.
 */
export function mayBeFrameLine(text: string): boolean {
  return text.includes('+0x') || text.includes('<') || text.includes(' (') || text.includes(' [inline]') || text.includes('--- interrupt: ') || /^\s*[[(]/.test(text);
}

export function parseFrameLine(text: string, context: string | null): FrameLine | null {
  const marker = MARKER_RE.exec(text);
  if (marker) return { frame: null, marker: marker[1]! };
  const m = FRAME_RE.exec(text);
  if (m) {
    const inlineMarker = m[1] ?? null;
    const ctx = inlineMarker ? nextContext(context, inlineMarker) : context;
    return {
      marker: inlineMarker,
      frame: {
        address: m[2] ? m[2].toLowerCase() : null,
        function: m[5]!,
        offset: `0x${m[6]!.toLowerCase()}`,
        size: `0x${m[7]!.toLowerCase()}`,
        module: m[8] ?? m[4] ?? null,
        reliable: !m[3],
        context: ctx,
      },
    };
  }
  const arm = ARM_FROM_FRAME_RE.exec(text);
  if (arm) {
    return { marker: null, frame: { address: arm[1] ?? null, function: arm[2]!, offset: null, size: null, module: null, reliable: true, context } };
  }
  const ppc = PPC_FRAME_RE.exec(text);
  if (ppc) {
    const rest = ppc[2]!.trimEnd();
    const unreliable = rest.endsWith(UNRELIABLE);
    return ppcFrame(ppc[1]!, unreliable ? rest.slice(0, -UNRELIABLE.length) : rest, unreliable, context);
  }
  const r14 = S390_R14_FRAME_RE.exec(text);
  if (r14) {
    const inner = parseFrameLine(r14[1]!, context);
    return inner?.frame ? { marker: null, frame: { ...inner.frame, reliable: false } } : null;
  }
  const interrupted = PPC_INTERRUPT_RE.exec(text);
  if (interrupted) return FRAME_RE.test(interrupted[1]!) ? parseFrameLine(interrupted[1]!, context) : null;
  const decoded = DECODED_FRAME_RE.exec(text);
  const decodedModule = decoded ? decodedTail(decoded[3]!) : undefined;
  if (decoded && decodedModule !== undefined) {
    return { marker: null, frame: { address: null, function: decoded[2]!, offset: null, size: null, module: decodedModule, reliable: !decoded[1], context } };
  }
  const inline = INLINE_FRAME_RE.exec(text);
  if (inline) {
    return { marker: null, frame: { address: null, function: inline[2]!, offset: null, size: null, module: null, reliable: !inline[1], context } };
  }
  return null;
}

function ppcFrame(address: string, rest: string, unreliable: boolean, context: string | null): FrameLine | null {
  if (/^0x[0-9a-f]{8,16}$/.test(rest)) return { marker: null, frame: { address, function: rest, offset: null, size: null, module: null, reliable: false, context } };
  const inner = /^0x|^\[/.test(rest) ? null : parseFrameLine(rest, context);
  if (!inner?.frame) return null;
  return { marker: null, frame: { ...inner.frame, address, reliable: inner.frame.reliable && !unreliable } };
}

/** The stack context after a marker: `<IRQ>` enters IRQ, `</IRQ>` or `<EOI>` leaves it. */
export function nextContext(current: string | null, marker: string): string | null {
  if (marker.startsWith('/') || marker === 'EOI' || marker === 'EOE') return null;
  return marker;
}

/** The function-and-module pair of a frame, named without compiler suffixes (`tabledist`, not `tabledist.part.0`). */
export function refOf(frame: Pick<Frame, 'function' | 'module'>): FunctionRef {
  return { function: baseFunctionName(frame.function), module: frame.module };
}
