// Kernel taint letters, from Documentation/admin-guide/tainted-kernels.rst and kernel/panic.c taint_flags[].
// RHEL 6/7 kernels add 'H' (unsupported hardware, bit 28) and print 'T' for tech preview (bit 29).

export interface TaintFlag {
  readonly letter: string;
  readonly bit: number | null;
  readonly meaning: string;
}

export const TAINT_FLAGS: readonly TaintFlag[] = [
  { letter: 'G', bit: null, meaning: 'all loaded modules are GPL-compatible (not a taint)' },
  { letter: 'P', bit: 0, meaning: 'proprietary module loaded' },
  { letter: 'F', bit: 1, meaning: 'module force-loaded' },
  { letter: 'S', bit: 2, meaning: 'kernel running on an out-of-specification system' },
  { letter: 'R', bit: 3, meaning: 'module force-unloaded' },
  { letter: 'M', bit: 4, meaning: 'machine check exception occurred' },
  { letter: 'B', bit: 5, meaning: 'bad page referenced or unexpected page flags' },
  { letter: 'U', bit: 6, meaning: 'taint requested by user space' },
  { letter: 'D', bit: 7, meaning: 'kernel died recently (OOPS or BUG)' },
  { letter: 'A', bit: 8, meaning: 'ACPI table overridden by user' },
  { letter: 'W', bit: 9, meaning: 'kernel issued a warning earlier' },
  { letter: 'C', bit: 10, meaning: 'staging driver loaded' },
  { letter: 'I', bit: 11, meaning: 'workaround for a platform firmware bug applied' },
  { letter: 'O', bit: 12, meaning: 'externally-built (out-of-tree) module loaded' },
  { letter: 'E', bit: 13, meaning: 'unsigned module loaded' },
  { letter: 'L', bit: 14, meaning: 'soft lockup occurred earlier' },
  { letter: 'K', bit: 15, meaning: 'kernel live-patched' },
  { letter: 'X', bit: 16, meaning: 'auxiliary taint (distribution-defined)' },
  { letter: 'T', bit: 17, meaning: 'built with the struct randomization plugin (RHEL: technology preview code loaded)' },
  { letter: 'N', bit: 18, meaning: 'in-kernel test has run' },
  { letter: 'J', bit: 19, meaning: 'fault injection or mutating debug operation used (recent kernels)' },
  { letter: 'H', bit: 28, meaning: 'RHEL: unsupported hardware device' },
];

const BY_LETTER = new Map(TAINT_FLAGS.map((f) => [f.letter, f]));

export interface DecodedTaint {
  readonly raw: string;
  readonly flags: readonly TaintFlag[];
  readonly unknown: readonly string[];
}

/**
 * Decodes a taint string letter by letter ("G        W  OEL ------------").
 * Positions differ between kernels and RHEL pads with '-', so only the letters count.
 */
export function decodeTaint(raw: string): DecodedTaint {
  const flags: TaintFlag[] = [];
  const unknown: string[] = [];
  for (const ch of raw) {
    if (!/[A-Z]/.test(ch)) continue;
    const flag = BY_LETTER.get(ch);
    if (flag) flags.push(flag);
    else unknown.push(ch);
  }
  return { raw: raw.trim(), flags, unknown };
}

// A module of `Modules linked in:` with the taint letters it brought (print_modules: `i40e(OE)`, `nvidia(POE)`); `+` and
// `-` in the parentheses say the module is loading or unloading, which is no taint.
const TAINTING_MODULE_RE = /^([\w-]{1,64})\(([A-Z+-]{1,12})\)$/;

/** A module that tainted the kernel, and the letters it printed. */
export interface TaintingModule {
  readonly name: string;
  readonly letters: string;
}

/** The modules of a `Modules linked in:` list that carry taint letters, in the list's order. */
export function taintingModules(modules: readonly string[]): TaintingModule[] {
  return modules.flatMap((m) => {
    const match = TAINTING_MODULE_RE.exec(m);
    const letters = match ? match[2]!.replace(/[+-]/g, '') : '';
    return letters ? [{ name: match![1]!, letters }] : [];
  });
}
