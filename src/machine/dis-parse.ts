/** One instruction of user-supplied disassembly (`crash> dis [-l]`, `objdump -d[l]`). */
export interface DisInstruction {
  readonly address: bigint;
  /** Function the instruction belongs to, when the listing names it. */
  readonly function: string | null;
  /** Byte offset in that function. */
  readonly offset: number | null;
  /** Instruction text with its spacing collapsed: `callq 0xffffffff810bd4d0 <__wake_up>`. */
  readonly text: string;
  /** Source position from `dis -l` / `objdump -dl`. */
  readonly file: string | null;
  readonly line: number | null;
}

export interface DisListing {
  readonly path: string;
  /** Instructions sorted by address. */
  readonly instructions: readonly DisInstruction[];
}

// crash: `0xffffffff812f7920 <blk_set_queue_dying+112>:   cmpq   $0x0,0x20(%rbx)` (offsets in decimal, or hex with 0x).
// (Both are matched on a line without trailing spaces: a lazy text before `\s*$` rescans a run of spaces.)
const CRASH_RE = /^\s*0x([0-9a-f]{1,16}) <([^>+\s]+)(?:\+(0x[0-9a-f]+|\d+))?>:\s+(.+)$/i;
// objdump: `ffffffff816ab925:\t55                   \tpush   %rbp` (bytes, then the instruction).
const OBJDUMP_RE = /^\s*([0-9a-f]{1,16}):\t(?:[0-9a-f]{2} ?)+ *(?:\t(.+))?$/i;
// objdump function header: `ffffffff816ab920 <_raw_spin_unlock_irqrestore>:`.
const OBJDUMP_FUNCTION_RE = /^([0-9a-f]{1,16}) <([^>\s]+)>:\s*$/i;
// Source position: crash `dis -l` prints `/path/file.c: 495`, objdump -l `/path/file.c:495 (discriminator 2)`.
const SOURCE_RE = /^(\/?[\w./+-]+\.[chS]): ?(\d{1,7})(?: \(discriminator \d+\))?\s*$/;

function parseOffset(text: string | undefined): number {
  if (!text) return 0;
  return text.startsWith('0x') ? parseInt(text, 16) : Number(text);
}

/** Parses disassembly text; lines that are none of the known shapes (prompts, `func():`, relocations) are skipped. */
export function parseDisassembly(path: string, text: string): DisListing {
  const instructions: DisInstruction[] = [];
  let source: { file: string; line: number } | null = null;
  let objdumpFunction: { name: string; start: bigint } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const src = SOURCE_RE.exec(line.trim());
    if (src) {
      source = { file: src[1]!, line: Number(src[2]) };
      continue;
    }
    const crash = CRASH_RE.exec(line);
    if (crash) {
      instructions.push({ address: BigInt(`0x${crash[1]}`), function: crash[2]!, offset: parseOffset(crash[3]), text: collapse(crash[4]!), file: source?.file ?? null, line: source?.line ?? null });
      continue;
    }
    const header = OBJDUMP_FUNCTION_RE.exec(line);
    if (header) {
      objdumpFunction = { name: header[2]!, start: BigInt(`0x${header[1]}`) };
      source = null;
      continue;
    }
    const obj = OBJDUMP_RE.exec(line);
    // Lines with bytes only continue the previous instruction.
    if (obj && obj[2]) {
      const address = BigInt(`0x${obj[1]}`);
      const fn = objdumpFunction && address >= objdumpFunction.start ? objdumpFunction : null;
      instructions.push({ address, function: fn?.name ?? null, offset: fn ? Number(address - fn.start) : null, text: collapse(obj[2]), file: source?.file ?? null, line: source?.line ?? null });
    }
  }
  const unique = new Map(instructions.map((i) => [i.address, i]));
  return { path, instructions: [...unique.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)) };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The mnemonic of an instruction text, without `lock`/`rep` prefixes. */
export function mnemonicOfText(text: string): string {
  return text.replace(/^(?:(?:lock|rep\w*|notrack|bnd|cs|ds|data16)\s+)+/, '').split(' ', 1)[0]!;
}

/** Direct jump/branch target in AT&T text: `je 0xffffffff812f7951 <...>` (crash) or `jne 1160 <f+0x20>` (objdump). */
export function branchTarget(text: string): bigint | null {
  const m = /^(?:bnd\s+|notrack\s+)?(j[a-z]{1,4}q?|loop\w*)\s+(?:0x)?([0-9a-f]{1,16})\b/i.exec(text);
  return m ? BigInt(`0x${m[2]}`) : null;
}

/** Whether the instruction is a call; its target function when the listing names it (`<__wake_up>`). */
export function callTarget(text: string): { isCall: boolean; function: string | null } {
  if (!/^call[qlw]?\b/.test(mnemonicOfText(text))) return { isCall: false, function: null };
  // A name holds no `<`, so a text of many `<` is scanned once, not from each of them to the end.
  const named = /<([^<>+\s]+)(?:\+[^<>]*)?>/.exec(text);
  return { isCall: true, function: named ? named[1]! : null };
}
