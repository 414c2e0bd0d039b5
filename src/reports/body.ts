import type { LogLine } from '../lines/types.js';
import { trimEndWhere } from '../text/trim.js';
import { taintingModules } from '../knowledge/taint.js';
import { nextContext, parseFrameLine, parseSymbol, UNNAMED_FRAME_RE } from './frames.js';
import type { CodeBytes, CommonFields, Frame } from './types.js';

// 2.6 kernels print `Pid: 3411, comm: ntpd Not tainted 2.6.18-419.el5 #1` (x86_64; i386 pads the name to 20) and no CPU.
const CPU_LINE_RE = /^(?:CPU: (\d{1,5}) (?:UID: \d{1,10} )?PID: (-?\d{1,10}) Comm: |Pid: (-?\d{1,10}), comm: {0,20})/;
// 2.6 x86_64 prints the CPU on a line of its own before the modules (`CPU 6`), i386 at the end of its EIP line
// (`EIP: 0060:[<c0268a3b>] EFLAGS: 00010246 CPU: 1`): the CPU of a report whose task line (`Pid: ...`) names none.
// 2.6 x86_64 `CPU 1`, i386 `EIP: 0060:[<c01234ab>] EFLAGS: 00010246 CPU: 0` (2.6.24+) and `CPU:    0` (before).
const OLD_CPU_RE = /^(?:CPU (\d{1,5}) ?$|EIP: \S+ EFLAGS: [0-9a-f]{8} CPU: (\d{1,5})$|CPU: {2,8}(\d{1,5})$)/;
// The task of a 2.6 i386, 32-bit ARM or MIPS oops: `Process bash (pid: 3000, ti=f6e2c000 ...`, `(pid: 123, stack limit = ...)`.
const PROCESS_RE = /^Process (.{1,64}?) \(pid: (\d{1,10}), /;
// The release: `3.10.0-693.11.1.el7.x86_64`, `6.1.0-rc1-syzkaller`; the token after the taint field.
const RELEASE_RE = /^\s*(\d+\.\d+[\w.+~-]*)/;

// `------------[ cut here ]------------`: what WARN() and BUG() print first; 4.15+ WARN(cond, fmt) prints its message
// after it, before the `WARNING:` header (see Segmenter).
const CUT_HERE_RE = /^\s*-{4,}\[ cut here \]-{4,}\s*$/;

/** Whether a message is the `cut here` line that opens a WARN() or BUG() report. */
export const isCutHereLine = (text: string): boolean => CUT_HERE_RE.test(text);

/** Whether a message is the `Hardware name:` line of a register dump (2.6 prints it between a WARNING's header and its message). */
export const isHardwareLine = (text: string): boolean => text.trimStart().startsWith('Hardware name: ');

/** Parses the `CPU: 12 PID: 39156 Comm: dockerd-current Tainted: G W OE ... 3.10.0-693... #1` line (or 2.6's `Pid: 12, comm: ...`). */
export function parseCpuLine(text: string): Pick<CommonFields, 'cpu' | 'pid' | 'comm' | 'taint' | 'kernel'> | null {
  const m = CPU_LINE_RE.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  let comm = rest;
  let taint: string | null = null;
  let after = '';
  const notTainted = rest.indexOf(' Not tainted');
  const tainted = rest.indexOf(' Tainted: ');
  if (notTainted >= 0 && (tainted < 0 || notTainted < tainted)) {
    comm = rest.slice(0, notTainted);
    after = rest.slice(notTainted + ' Not tainted'.length);
  } else if (tainted >= 0) {
    comm = rest.slice(0, tainted);
    const flags = /^[A-Z -]*/.exec(rest.slice(tainted + ' Tainted: '.length))![0];
    // The release follows the padded flags; trailing spaces/dashes are padding, not flags.
    taint = trimEndWhere(flags, (c) => c === 45 || c === 32) || null;
    after = rest.slice(tainted + ' Tainted: '.length + flags.length);
  }
  const release = RELEASE_RE.exec(after);
  return {
    cpu: m[1] === undefined ? null : Number(m[1]),
    pid: Number(m[2] ?? m[3]),
    comm: comm.replace(/ Kdump: loaded$/, '').trim() || null,
    taint,
    kernel: release ? release[1]! : null,
  };
}

// `RIP: 0010:[<ffffffff816ab935>]  [<ffffffff816ab935>] _raw_spin_unlock_irqrestore+0x15/0x20` (3.x)
// `RIP: 0010:smp_call_function_many_cond+0x11e/0x4f0` (4.x+), `RIP: 0010:0xffffffff81000000`
const RIP_RE = /^(?:RIP|EIP|IP): (?:[0-9a-f]{4}:)?(?:\[<([0-9a-f]{6,16})>\]\s+(?:\[<[0-9a-f]{6,16}>\] )?)?(.*)$/;
// arm64 / arm: `pc : func+0x1/0x2`, `PC is at func+0x1/0x2`; 32-bit x86: `EIP is at func+0x1/0x2`;
// s390: `Krnl PSW : 0704c00180000000 000003ff80a2c1b2 (xfs_buf_ioend+0x4a/0x1f0 [xfs])` (mask, then the address).
const PC_RE = /^(?:pc : |PC is at |EIP is at |NIP \[[0-9a-f]+\] |epc : |Krnl PSW : [0-9a-f]{16} [0-9a-f]{16} \()(.*)$/;
// MIPS and LoongArch (5.19-6.1) `epc   : 8027a1b4 func+0x24/0x80 [mod]`, `era   : ...`; LoongArch 6.2+ `ERA: 9000000002a4b1d4 func+0x74/0x6a0`
// (the address, then the symbol; RISC-V's `epc : ` has one space and its own form).
const ADDRESSED_PC_RE = /^(?:(?:epc|era) {3}: |ERA: )([0-9a-f]{8,16}) (.+)$/;
// RISC-V's register dump opens with `epc : ffffffff01234562 ra : ffffffff80123456 sp : ff2000000012bd70` (after the
// symbolized `epc : sym` and ` ra : sym` of a kernel-mode trap): a RIP line, and three registers.
const RISCV_PC_REGISTERS_RE = /^epc : [0-9a-f]{8,16} ra : [0-9a-f]{8,16} /;

function ripFrom(address: string | null, symbolText: string): Frame | null {
  const sym = parseSymbol(symbolText);
  // (fields named, not `{ ...sym, address }`: properties added to a spread copy cost V8 some 5 µs, a new map each time)
  if (sym) return { address, function: sym.function, offset: sym.offset, size: sym.size, module: sym.module, reliable: true, context: null };
  const raw = /^(?:0x)?([0-9a-f]{6,16})\b/.exec(symbolText.trim());
  if (raw) return { address: address ?? raw[1]!, function: `0x${raw[1]!}`, offset: null, size: null, module: null, reliable: true, context: null };
  return null;
}

/**
 * Whether the line gives the interrupted instruction: `RIP:`, arm `pc :`/`PC is at`, powerpc `NIP [...]`, MIPS/RISC-V
 * `epc :`, s390 `Krnl PSW :`.
 */
export function isRipLine(text: string): boolean {
  return /^(?:RIP|EIP|IP): |^(?:pc : |PC is at |EIP is at |NIP \[|epc : |Krnl PSW : )/.test(text) || ADDRESSED_PC_RE.test(text);
}

/** Parses the RIP/pc line into a frame; user-space RIPs (segment 0033) are not the kernel's. */
export function parseRipLine(text: string): Frame | null {
  if (/^RIP: 0033:/.test(text) || /^RIP: 0023:/.test(text)) return null;
  const m = RIP_RE.exec(text);
  if (m) return ripFrom(m[1] ?? null, m[2]!);
  const addressed = ADDRESSED_PC_RE.exec(text);
  if (addressed) return ripFrom(addressed[1]!, addressed[2]!);
  const pc = PC_RE.exec(text);
  return pc ? ripFrom(null, pc[1]!) : null;
}

/** Parses `Code: 07 00 ... 57 9d <0f> 1f ...` (x86 bytes) or `Code: a9bf7bfd ... (e5c3201c)` (arm64 words). */
export function parseCodeLine(text: string): CodeBytes | null {
  const m = /^Code: (.*)$/.exec(text);
  if (!m) return null;
  const tokens = m[1]!.trim().split(/\s+/);
  const bytes: number[] = [];
  const words: string[] = [];
  let markerIndex: number | null = null;
  let unit: 'byte' | 'word' | null = null;
  for (const token of tokens) {
    const t = /^([<(]?)([0-9a-fA-F]+)([>)]?)$/.exec(token);
    if (!t) return null;
    const hexDigits = t[2]!;
    const isWord = hexDigits.length === 8 || hexDigits.length === 4;
    if (hexDigits.length !== 2 && !isWord) return null;
    const tokenUnit = hexDigits.length === 2 ? 'byte' : 'word';
    if (unit && unit !== tokenUnit) return null;
    unit = tokenUnit;
    const marked = t[1] !== '' && t[3] !== '';
    if (tokenUnit === 'byte') {
      if (marked) markerIndex = bytes.length;
      bytes.push(parseInt(hexDigits, 16));
    } else {
      if (marked) markerIndex = words.length;
      words.push(hexDigits.toLowerCase());
    }
  }
  if (!unit) return null;
  return { bytes, words, markerIndex, unit, raw: m[1]!.trim() };
}

// (2.6 i386 wrote its registers in lower case: `eax: 00000000   ebx: f6e2df00`)
// MIPS `Hi    : 00000000`, `Status: 1100fc03`, `BadVA : 00000004`; LoongArch `CRMD: 000000b0 (...)`, `BADV: ...` (names padded to the colon);
// powerpc `NIP:  c000000000123456 LR: ... CTR: ...`, `MSR:  8000000100029032 <SF,...>  CR: 24042048  XER: 00000000`, `CFAR: ... DAR: ...`;
// RISC-V `status: 0000000200000120 badaddr: 0000000000000000 cause: 000000000000000d` (and `epc : ...`, an `e[a-z]{2}`: see RISCV_PC_REGISTERS_RE).
const REGISTER_LINE_RE = /^(?:R[A-Z0-9]{1,3}|E[A-Z]{2}|e[a-z]{2}|FS|GS|CS|DS|ES|CR\d|DR\d|PKRU|x\d{1,2}|sp|lr|pc|pstate|ORIG_RAX|[a-z]{1,2}\d{0,2}|Hi|Lo|Status|Cause|BadVA|PrId|CRMD|PRMD|EUEN|ECFG|ESTAT|BADV|PRID|NIP|MSR|CFAR|DAR|status|badaddr|cause) {0,4}:/;
// (x86's `FS:  00007f1c8d5e1700(0000)` and powerpc's `NIP:  ...` put two spaces after the colon)
const REGISTER_PAIR_RE = /\b([A-Za-z][A-Za-z0-9_]{0,7}) {0,4}: {0,2}([0-9a-f]{4}:)?([0-9a-f]{4,16})\b/g;
// General registers printed in runs, several a line from the one the line names: MIPS and LoongArch (5.19-6.1)
// `$ 4   : 87d2a800 00000000 00000000 00000001` (MIPS leaves $26 and $27, the kernel's own, blank at the end of the `$24`
// line), powerpc `GPR08: ...` (four a line on 64-bit, eight on 32-bit), s390 `Krnl GPRS: ...` (r0-r3; see S390_GPRS_MORE_RE).
const NUMBERED_REGISTERS_RE = /^(?:\$ ?(\d{1,2}) {1,4}:|GPR(\d\d):|Krnl GPRS:)((?: {1,2}[0-9a-f]{8,16}){1,8})\s*$/;
/** s390's r4-r15: four a line on the three lines under `Krnl GPRS:`. */
const S390_GPRS_MORE_RE = /^(?:[0-9a-f]{16} ){3}[0-9a-f]{16}\s*$/;
// LoongArch 6.2+ general registers by their ABI names, four a line: `pc 9000000002a4b1d4 ra 9000000002a4b1c0 tp ... sp ...`.
const NAMED_REGISTERS_RE = /^(?:(?:pc|ra|tp|sp|a[0-7]|t[0-8]|u0|fp|s[0-8]) [0-9a-f]{16}(?: |$)){2,4}$/;

/** Sets the registers `prefix` + `first`, the next and so on to the whitespace-separated `values` of a run. */
function setRun(into: Record<string, string>, prefix: string, first: number, values: string): void {
  values.trim().split(/\s+/).forEach((value, i) => (into[`${prefix}${first + i}`] = value));
}

/** Collects the register values of a register-dump line into `into`: `NAME: value` pairs, or a line of MIPS/LoongArch general registers. */
export function parseRegisterLine(text: string, into: Record<string, string>): boolean {
  const numbered = text.startsWith('$') || text.startsWith('GPR') || text.startsWith('Krnl GPRS') ? NUMBERED_REGISTERS_RE.exec(text) : null;
  if (numbered) {
    setRun(into, numbered[1] !== undefined ? '$' : 'r', Number(numbered[1] ?? numbered[2] ?? 0), numbered[3]!);
    return true;
  }
  if (NAMED_REGISTERS_RE.test(text)) {
    for (const [, name, value] of text.matchAll(/\b([a-z][a-z0-9]?) ([0-9a-f]{16})\b/g)) into[name!] = value!;
    return true;
  }
  if (!REGISTER_LINE_RE.test(text) || /^(?:RIP|pc|lr) ?: ?[A-Za-z_]/.test(text)) return false;
  let found = false;
  for (const m of text.matchAll(REGISTER_PAIR_RE)) {
    into[m[1]!] = (m[2] ?? '') + m[3]!;
    found = true;
  }
  return found;
}

// Words separated by whitespace: `(?:[0-9a-f]{8,16}\s*){1,8}` would try every split of a long hex run (seconds per line).
const STACK_WORDS_RE = /^\s*(?:<EOI>\s*)?([0-9a-f]{8,16}(?:\s+[0-9a-f]{8,16}){0,7})\s*$/;

/** A line of raw stack words (`Stack:` section of 3.x reports). */
export function isStackWordsLine(text: string): boolean {
  return STACK_WORDS_RE.test(text);
}

/** Lines any report layout may contain; a body ends at the first line that is none of them. */
const STRUCTURAL_RES: readonly RegExp[] = [
  /^Modules linked in:/, /^CPU: \d/, OLD_CPU_RE, /^Pid: -?\d{1,10}, comm: /, /^Hardware name:/, /^task: [0-9a-f]+/, /^(?:RIP|EIP|IP|RSP|ESP|EFLAGS): /, /^Code: /,
  /^Call [Tt]race:/, /^Stack:/, /^Workqueue: /, /^Stopper: /, /^Tainted: \[/, /^Kernel Offset: /, /^---\[ end /,
  /^(?:pc|lr|sp|pstate) ?: /, /^(?:epc|ra) : /, /^(?:PC|LR|EIP) is at /, /^Exception stack\(/, /^[0-9a-f]{4}:(?:\s+[0-9a-f]{8})+\s*$/, /^Backtrace:/, PROCESS_RE,
  /^(?:Oops|Internal error)[:\s]/, /^Mem abort info:/, /^\s+(?:ESR|EC|IL|SET|FAR|EA|S1PTW|FSC|ISV|ISS|CM|WnR|Data abort info:|DFSC|TCMA|GCS)/,
  /^(?:user|swapper) pgtable:/, /^\[[0-9a-f]+\] pgd=/, /^#PF: /, /^(?:PGD|P4D|PUD|PMD|PTE) [0-9a-f]/, /^irq event stamp:/,
  /^hardirqs (?:last|first)\s/, /^softirqs (?:last|first)\s/, /^Dumping ftrace buffer/, /^Showing stack for process/, /^Sending NMI/,
  /^NMI backtrace for cpu/, /^\s*\.\.\.\s*$/, /^ ?Register r\d+ information:/, /^(?:xer|msr|ctr|nip|link|cfar|NIP|LR): /,
  /^note: .{1,40}\[\d+\] exited with/, /^ORIG_RAX/, /^\s*$/,
  // powerpc register dump: `MSR:  800000010280b033 <SF,...>`, `GPR00: ...`, `NIP [c00000000022d79c] func+0x1ac/0x5f0`.
  /^(?:MSR|CFAR|REGS|CTR|XER|DAR|DSISR|IRQMASK|SOFTE|GPR\d\d): /, /^(?:NIP|LR) \[[0-9a-f]{8,16}\] /, /^Instruction dump:/, /^Faulting instruction address: /,
  // s390: `Krnl PSW : ...`, its bit line `R:0 T:1 IO:1 EX:1 Key:0 ...`, `Krnl GPRS: ...` and their continuation lines,
  // `Krnl Code: 000003ff80a2c1a4: e31020000004 lg %r1,0(%r2)`, `Last Breaking-Event-Address:`.
  /^Krnl (?:PSW|GPRS|Code) ?: /, /^\s+R:\d T:\d IO:\d/, /^\s+(?:[0-9a-f]{16} ){3}[0-9a-f]{16}\s*$/, /^\s+(?:#|>)?[0-9a-f]{12,16}: [0-9a-f]{4,12}\s/, /^Last Breaking-Event-Address:/,
  UNNAMED_FRAME_RE,
];

/** True when the line has the shape of report structure (header lines, registers, frames, markers, Code:). */
export function isStructuralLine(text: string): boolean {
  if (STRUCTURAL_RES.some((re) => re.test(text))) return true;
  if (NUMBERED_REGISTERS_RE.test(text) || NAMED_REGISTERS_RE.test(text)) return true;
  if (REGISTER_LINE_RE.test(text) && REGISTER_PAIR_RE.test(text)) {
    REGISTER_PAIR_RE.lastIndex = 0;
    return true;
  }
  REGISTER_PAIR_RE.lastIndex = 0;
  return parseFrameLine(text, null) !== null || STACK_WORDS_RE.test(text);
}

/** The last `Modules linked in:` line read, and what taintedBy made of it: a flood of one report repeats the line. */
let lastModules: { readonly text: string; readonly taintedBy: string | null } = { text: '', taintedBy: null };

/** The modules of a `Modules linked in:` line that carry taint letters, as printed; null for none. */
function taintedBy(text: string): string | null {
  if (text === lastModules.text) return lastModules.taintedBy;
  const tainting = taintingModules(text.slice('Modules linked in:'.length).trim().split(/\s+/));
  lastModules = { text, taintedBy: tainting.length > 0 ? tainting.map((m) => `${m.name}(${m.letters})`).join(' ') : null };
  return lastModules.taintedBy;
}

/** Extracts the fields every report layout shares from a report's lines. */
export function parseCommonFields(lines: readonly LogLine[]): CommonFields {
  const fields: CommonFields = {
    cpu: null, pid: null, comm: null, taint: null, kernel: null, hardware: null, rip: null,
    registers: {}, stackWords: [], stack: [], reporterFrames: 0, code: null, taintedBy: null,
  };
  let section: 'none' | 'stack' | 'trace' | 'breaking' = 'none';
  // The next of s390's general registers on a line under `Krnl GPRS:` (4 to 15), 0 when the line before was none of them.
  let s390Next = 0;
  let context: string | null = null;
  let modulesSeen = false;
  for (const line of lines) {
    const text = line.text.trimStart();
    // (the first CPU/PID line only: a CPU line always names a PID)
    const cpuLine = fields.pid === null ? parseCpuLine(text) : null;
    if (cpuLine) {
      Object.assign(fields, { ...cpuLine, cpu: cpuLine.cpu ?? fields.cpu });
      continue;
    }
    const oldCpu = fields.cpu === null ? OLD_CPU_RE.exec(text) : null;
    if (oldCpu) fields.cpu = Number(oldCpu[1] ?? oldCpu[2] ?? oldCpu[3]);
    if (oldCpu && oldCpu[2] === undefined) continue;
    const process = fields.pid === null && text.startsWith('Process ') ? PROCESS_RE.exec(text) : null;
    if (process) {
      fields.pid = Number(process[2]);
      fields.comm = process[1]!;
      continue;
    }
    if (isHardwareLine(text)) {
      fields.hardware ??= text.slice('Hardware name: '.length).trim();
      continue;
    }
    if (text.startsWith('Modules linked in:')) {
      // (the first list only, as for the other fields)
      if (!modulesSeen) fields.taintedBy = taintedBy(text);
      modulesSeen = true;
      continue;
    }
    if (isRipLine(text)) {
      // The first kernel RIP is the interrupted instruction; later ones belong to nested frames.
      if (fields.rip === null) {
        fields.rip = parseRipLine(text);
        // A RIP inside the trace: the frames above it belong to the interrupt that printed the report.
        if (fields.rip && section === 'trace') fields.reporterFrames = fields.stack.length;
      }
      if (RISCV_PC_REGISTERS_RE.test(text)) parseRegisterLine(text, fields.registers);
      section = 'none';
      continue;
    }
    if (text.startsWith('Code: ')) {
      fields.code ??= parseCodeLine(text);
      continue;
    }
    if (/^Stack:/.test(text)) {
      section = 'stack';
      continue;
    }
    if (/^Call [Tt]race:|^Backtrace:/.test(text)) {
      section = 'trace';
      continue;
    }
    // s390 prints the last branch taken before the fault after the trace: a frame, but not one of the trace.
    if (/^Last Breaking-Event-Address:/.test(text)) {
      section = 'breaking';
      continue;
    }
    if (section === 'stack') {
      const words = STACK_WORDS_RE.exec(line.text);
      if (words) {
        fields.stackWords.push(...words[1]!.trim().split(/\s+/));
        continue;
      }
    }
    const frameLine = parseFrameLine(line.text, context);
    if (frameLine && section !== 'breaking' && (section === 'trace' || frameLine.frame)) {
      if (frameLine.marker) context = nextContext(context, frameLine.marker);
      if (frameLine.frame) fields.stack.push(frameLine.frame);
      section = 'trace';
      continue;
    }
    if (s390Next > 0 && s390Next < 16 && S390_GPRS_MORE_RE.test(text)) {
      setRun(fields.registers, 'r', s390Next, text);
      s390Next += 4;
      continue;
    }
    s390Next = text.startsWith('Krnl GPRS:') ? 4 : 0;
    parseRegisterLine(text, fields.registers);
  }
  return fields;
}
