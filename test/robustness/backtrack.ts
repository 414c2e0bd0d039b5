// A model of a backtracking regex engine (as V8's irregexp is) that counts its steps instead of timing them:
// the pattern is parsed (regexpp) and compiled to a small instruction set (char, split, jump, assert...), run
// from every start position as an unanchored search does, every instruction executed counted. The same
// pattern on the same text costs the same count on any machine, so growth can be asserted exactly.
import { RegExpParser, type AST } from '@eslint-community/regexpp';

type Test = (c: number) => boolean;
type Instr =
  | { op: 'char'; test: Test }
  | { op: 'split'; first: number; second: number }
  | { op: 'jump'; to: number }
  | { op: 'assert'; kind: 'start' | 'end' | 'word' | 'notword' }
  | { op: 'look'; program: Program; behind: boolean; negate: boolean; longest: number }
  | { op: 'mark'; reg: number }
  | { op: 'progress'; reg: number }
  | { op: 'count'; reg: number; min: number; max: number; body: number; exit: number; greedy: boolean }
  | { op: 'reset'; reg: number }
  | { op: 'match' };

interface Program {
  readonly code: Instr[];
  readonly registers: number;
  /** Every alternative starts with `^` (without the m flag): a search tries position 0 only. */
  readonly anchored: boolean;
}

interface Flags {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
}

const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const SPACE = /\s/;
const isSpace = (c: number) => SPACE.test(String.fromCharCode(c));
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const fold = (c: number) => String.fromCharCode(c).toLowerCase().charCodeAt(0);

function setTest(node: AST.CharacterSet, flags: Flags): Test {
  switch (node.kind) {
    case 'any':
      return flags.dotAll ? () => true : (c) => !isLineEnd(c);
    case 'digit':
      return node.negate ? (c) => !isDigit(c) : isDigit;
    case 'space':
      return node.negate ? (c) => !isSpace(c) : isSpace;
    case 'word':
      return node.negate ? (c) => !isWord(c) : isWord;
    default: {
      // Unicode properties and string sets: judged by the engine itself, one character at a time.
      const re = new RegExp(`[${node.raw}]`, 'u');
      return (c) => re.test(String.fromCharCode(c));
    }
  }
}

function classTest(node: AST.CharacterClass | AST.ExpressionCharacterClass, flags: Flags): Test {
  if (node.type === 'ExpressionCharacterClass') {
    const re = new RegExp(node.raw, 'v');
    return (c) => re.test(String.fromCharCode(c));
  }
  const parts: Test[] = node.elements.map((e) => {
    if (e.type === 'Character') return charTest(e.value, flags);
    if (e.type === 'CharacterClassRange') {
      const [lo, hi] = [e.min.value, e.max.value];
      return flags.ignoreCase ? (c) => (c >= lo && c <= hi) || [fold(c), String.fromCharCode(c).toUpperCase().charCodeAt(0)].some((x) => x >= lo && x <= hi) : (c) => c >= lo && c <= hi;
    }
    if (e.type === 'CharacterSet') return setTest(e, flags);
    throw new Error(`unsupported class element ${e.type} in ${node.raw}`);
  });
  const any: Test = (c) => parts.some((p) => p(c)) !== node.negate;
  // ASCII answers looked up: the counter runs millions of steps.
  const ascii = Uint8Array.from({ length: 128 }, (_, c) => (any(c) ? 1 : 0));
  return (c) => (c < 128 ? ascii[c] === 1 : any(c));
}

function charTest(value: number, flags: Flags): Test {
  if (!flags.ignoreCase) return (c) => c === value;
  const v = fold(value);
  return (c) => fold(c) === v;
}

/** The longest text alternatives can match (Infinity when unbounded). */
function longest(alts: readonly AST.Alternative[]): number {
  const of = (e: AST.Element): number => {
    switch (e.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass':
        return 1;
      case 'Group':
      case 'CapturingGroup':
        return longest(e.alternatives);
      case 'Quantifier':
        return e.max === 0 ? 0 : e.max * of(e.element);
      case 'Assertion':
        return 0;
      default:
        return Infinity;
    }
  };
  return Math.max(0, ...alts.map((a) => a.elements.reduce((n, e) => n + of(e), 0)));
}

/** The shortest text an element can match. */
function shortest(e: AST.Element): number {
  switch (e.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return 1;
    case 'Group':
    case 'CapturingGroup':
      return Math.min(...e.alternatives.map((a) => a.elements.reduce((n, x) => n + shortest(x), 0)));
    case 'Quantifier':
      return e.min * shortest(e.element);
    default:
      return 0;
  }
}

/** Compiles a parsed pattern; `registers` counts the loop registers handed out. */
class Compiler {
  readonly code: Instr[] = [];
  registers = 0;

  constructor(private readonly flags: Flags) {}

  alternatives(alts: readonly AST.Alternative[]): void {
    // split L1, L2; L1: alt1; jump end; L2: split ... (earlier alternatives are tried first)
    const jumps: Instr[] = [];
    alts.forEach((alt, i) => {
      if (i < alts.length - 1) {
        const split: Instr = { op: 'split', first: this.code.length + 1, second: -1 };
        this.code.push(split);
        this.sequence(alt.elements);
        const jump: Instr = { op: 'jump', to: -1 };
        this.code.push(jump);
        jumps.push(jump);
        split.second = this.code.length;
      } else this.sequence(alt.elements);
    });
    for (const j of jumps) if (j.op === 'jump') j.to = this.code.length;
  }

  sequence(elements: readonly AST.Element[]): void {
    for (const e of elements) this.element(e);
  }

  element(e: AST.Element): void {
    switch (e.type) {
      case 'Character':
        this.code.push({ op: 'char', test: charTest(e.value, this.flags) });
        return;
      case 'CharacterSet':
        this.code.push({ op: 'char', test: setTest(e, this.flags) });
        return;
      case 'CharacterClass':
      case 'ExpressionCharacterClass':
        this.code.push({ op: 'char', test: classTest(e, this.flags) });
        return;
      case 'Group':
      case 'CapturingGroup':
        this.alternatives(e.alternatives);
        return;
      case 'Assertion':
        this.assertion(e);
        return;
      case 'Quantifier':
        this.quantifier(e);
        return;
      default:
        throw new Error(`unsupported ${e.type}: ${e.raw}`);
    }
  }

  assertion(e: AST.Assertion): void {
    if (e.kind === 'lookahead' || e.kind === 'lookbehind') {
      const sub = new Compiler(this.flags);
      sub.alternatives(e.alternatives);
      sub.code.push({ op: 'match' });
      const program = { code: sub.code, registers: sub.registers, anchored: false };
      this.code.push({ op: 'look', program, behind: e.kind === 'lookbehind', negate: e.negate, longest: longest(e.alternatives) });
      return;
    }
    if (e.kind === 'word') this.code.push({ op: 'assert', kind: e.negate ? 'notword' : 'word' });
    else this.code.push({ op: 'assert', kind: e.kind });
  }

  quantifier(q: AST.Quantifier): void {
    const { min, max, greedy } = q;
    if (max === Infinity) {
      // min copies, then a loop that must make progress each round (an empty round ends it, as in JS).
      for (let i = 0; i < min; i++) this.element(q.element);
      // The progress check (and its register) only where a round can be empty.
      const reg = shortest(q.element) === 0 ? this.registers++ : -1;
      const loop = this.code.length;
      const split: Instr = { op: 'split', first: -1, second: -1 };
      this.code.push(split);
      const body = this.code.length;
      if (reg >= 0) this.code.push({ op: 'mark', reg });
      this.element(q.element);
      if (reg >= 0) this.code.push({ op: 'progress', reg });
      this.code.push({ op: 'jump', to: loop });
      const exit = this.code.length;
      Object.assign(split, greedy ? { first: body, second: exit } : { first: exit, second: body });
      return;
    }
    // Bounded: a counter register, as an engine keeps one for {n,m}.
    const reg = this.registers++;
    this.code.push({ op: 'reset', reg });
    const count: Instr = { op: 'count', reg, min, max, body: -1, exit: -1, greedy };
    const at = this.code.length;
    this.code.push(count);
    if (count.op === 'count') count.body = this.code.length;
    this.element(q.element);
    this.code.push({ op: 'jump', to: at });
    if (count.op === 'count') count.exit = this.code.length;
  }
}

/** A search that went past its step budget: super-linear on that text. */
export class OverBudget extends Error {
  constructor(readonly budget: number) {
    super(`over budget (${budget} steps)`);
  }
}

/** A compiled pattern whose searches are counted. */
export class CountingRegex {
  private readonly program: Program;
  private readonly flags: Flags;
  private readonly global: boolean;
  /** Steps of the searches run so far. */
  steps = 0;

  constructor(readonly source: string, flags = '') {
    this.flags = { ignoreCase: flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s') };
    this.global = flags.includes('g') || flags.includes('y');
    const parser = new RegExpParser({ ecmaVersion: 2025 });
    const pattern = parser.parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
    const compiler = new Compiler(this.flags);
    compiler.alternatives(pattern.alternatives);
    compiler.code.push({ op: 'match' });
    const anchored = !this.flags.multiline && pattern.alternatives.every((a) => a.elements[0]?.type === 'Assertion' && a.elements[0].kind === 'start');
    this.program = { code: compiler.code, registers: compiler.registers, anchored };
  }

  /**
   * Searches `text` as exec() does (every match in turn with the g or y flag, as a global replace or split walks
   * them); returns whether it matched, counting steps. Throws past `budget` steps in all.
   */
  search(text: string, budget = Infinity): boolean {
    let from = 0;
    let found = false;
    do {
      const end = this.searchFrom(text, from, budget);
      if (end === null) break;
      found = true;
      from = end.end > end.start ? end.end : end.start + 1;
    } while (this.global && from <= text.length);
    return found;
  }

  private searchFrom(text: string, from: number, budget: number): { start: number; end: number } | null {
    const last = this.program.anchored ? Math.min(from, 0) : text.length;
    for (let start = from; start <= last; start++) {
      const end = this.run(this.program, text, start, budget);
      if (end !== null) return { start, end };
    }
    return null;
  }

  /** One anchored attempt at `start`: the end of the match, or null. */
  private run(program: Program, text: string, start: number, budget: number): number | null {
    const { code } = program;
    // Backtrack points: where to resume, at which position, with which loop registers.
    const pcs: number[] = [0];
    const sps: number[] = [start];
    const saved: Int32Array[] = [new Int32Array(program.registers)];
    const copy = (r: Int32Array) => (program.registers === 0 ? r : r.slice());
    while (pcs.length > 0) {
      let pc = pcs.pop()!;
      let sp = sps.pop()!;
      let regs = saved.pop()!;
      for (;;) {
        if (++this.steps > budget) throw new OverBudget(budget);
        const ins = code[pc]!;
        if (ins.op === 'char') {
          if (sp < text.length && ins.test(text.charCodeAt(sp))) {
            sp++;
            pc++;
            continue;
          }
          break;
        }
        if (ins.op === 'jump') {
          pc = ins.to;
          continue;
        }
        if (ins.op === 'split') {
          pcs.push(ins.second);
          sps.push(sp);
          saved.push(copy(regs));
          pc = ins.first;
          continue;
        }
        if (ins.op === 'mark') {
          regs[ins.reg] = sp;
          pc++;
          continue;
        }
        if (ins.op === 'progress') {
          if (regs[ins.reg] === sp) break;
          pc++;
          continue;
        }
        if (ins.op === 'reset') {
          regs[ins.reg] = 0;
          pc++;
          continue;
        }
        if (ins.op === 'count') {
          const n = regs[ins.reg]!;
          if (n >= ins.max) {
            pc = ins.exit;
            continue;
          }
          if (n < ins.min) {
            regs[ins.reg] = n + 1;
            pc = ins.body;
            continue;
          }
          const more = regs.slice();
          more[ins.reg] = n + 1;
          pcs.push(ins.greedy ? ins.exit : ins.body);
          sps.push(sp);
          saved.push(ins.greedy ? regs : more);
          regs = ins.greedy ? more : regs;
          pc = ins.greedy ? ins.body : ins.exit;
          continue;
        }
        if (ins.op === 'assert') {
          if (!this.holds(ins.kind, text, sp)) break;
          pc++;
          continue;
        }
        if (ins.op === 'look') {
          if (this.looks(ins, text, sp, budget) === ins.negate) break;
          pc++;
          continue;
        }
        return sp;
      }
    }
    return null;
  }

  /** A lookahead runs at the position; a lookbehind is modelled by trying every start as far back as its longest text. */
  private looks(ins: Extract<Instr, { op: 'look' }>, text: string, sp: number, budget: number): boolean {
    if (!ins.behind) return this.run(ins.program, text, sp, budget) !== null;
    for (let start = sp; start >= Math.max(0, sp - ins.longest); start--) {
      const end = this.run(ins.program, text.slice(0, sp), start, budget);
      if (end === sp) return true;
    }
    return false;
  }

  private holds(kind: 'start' | 'end' | 'word' | 'notword', text: string, sp: number): boolean {
    if (kind === 'start') return sp === 0 || (this.flags.multiline && isLineEnd(text.charCodeAt(sp - 1)));
    if (kind === 'end') return sp === text.length || (this.flags.multiline && isLineEnd(text.charCodeAt(sp)));
    const before = sp > 0 && isWord(text.charCodeAt(sp - 1));
    const after = sp < text.length && isWord(text.charCodeAt(sp));
    return (before !== after) === (kind === 'word');
  }
}

/** Characters tried for a class or set, in this order: the ones log lines are made of and the ones that close a field. */
const CANDIDATES = [...' a0Af:.-_/[](){}<>=#,+*!@\t|x9Z;$%&?^~\'"`\\'].map((c) => c.charCodeAt(0));
/** What the failing end of an adversarial text is: a character few patterns take (SOH). */
const BREAK = '\u0001';

function parse(source: string, flags: string): AST.Pattern {
  return new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
}

/** The characters (up to `n`) a one-character element accepts, from CANDIDATES. */
function samples(e: AST.Element, flags: Flags, n: number): string[] {
  let test: Test | null = null;
  if (e.type === 'Character') test = charTest(e.value, flags);
  else if (e.type === 'CharacterSet') test = setTest(e, flags);
  else if (e.type === 'CharacterClass' || e.type === 'ExpressionCharacterClass') test = classTest(e, flags);
  if (!test) return [];
  if (e.type === 'Character') return [String.fromCharCode(e.value)];
  return CANDIDATES.filter((c) => test!(c))
    .slice(0, n)
    .map((c) => String.fromCharCode(c));
}

const MARK = '\uE000';

/** A short text the pattern accepts, taking the way through `through` (when given) and marking it with MARK. */
function witness(alts: readonly AST.Alternative[], flags: Flags, through: AST.Node | null, choice: string | null): string {
  const contains = (node: AST.Node): boolean => through !== null && through.start >= node.start && through.end <= node.end;
  const alt = alts.find((a) => contains(a)) ?? alts[0];
  if (!alt) return '';
  const of = (e: AST.Element): string => {
    if (e === through) return MARK;
    switch (e.type) {
      case 'Character':
        return String.fromCharCode(e.value);
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass':
        return samples(e, flags, 1)[0] ?? 'a';
      case 'Group':
      case 'CapturingGroup':
        return witness(e.alternatives, flags, through, choice);
      case 'Quantifier': {
        const times = contains(e) ? Math.max(1, e.min) : e.min;
        return of(e.element).repeat(Math.min(times, 64));
      }
      default:
        return '';
    }
  };
  return alt.elements.map(of).join('');
}

/** The pattern's repeats worth pumping: unbounded or long ones. */
function pumpable(pattern: AST.Pattern): AST.Quantifier[] {
  const found: AST.Quantifier[] = [];
  const visit = (node: AST.Node): void => {
    if (node.type === 'Quantifier' && node.max >= 16) found.push(node);
    for (const child of children(node)) visit(child);
  };
  visit(pattern);
  return found;
}

function alternativesOf(pattern: AST.Pattern): AST.Alternative[] {
  const found: AST.Alternative[] = [];
  const visit = (node: AST.Node): void => {
    if (node.type === 'Alternative') found.push(node);
    for (const child of children(node)) visit(child);
  };
  visit(pattern);
  return found;
}

function children(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    case 'Assertion':
      return node.kind === 'lookahead' || node.kind === 'lookbehind' ? node.alternatives : [];
    default:
      return [];
  }
}

/**
 * Texts of about `length` characters made to make a backtracking engine work hard on this pattern: for each long
 * repeat, a text the pattern would take with that repeat run long (with each character it takes, when it is one
 * character), then broken at its end or after the run; the pattern's own shortest text repeated; long runs of the
 * characters logs are made of. Each is a function of the length, so that its cost can be compared across lengths.
 */
export function adversarialShapes(source: string, flags = ''): ((length: number) => string)[] {
  const f: Flags = { ignoreCase: flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s') };
  const pattern = parse(source, flags);
  const fill = (unit: string, length: number) => (unit.length === 0 ? '' : unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
  const shapes: ((length: number) => string)[] = [];
  for (const q of pumpable(pattern)) {
    const [before, after] = witness(pattern.alternatives, f, q, null).split(MARK) as [string, string];
    const own = q.element.type === 'Group' || q.element.type === 'CapturingGroup' ? [witness(q.element.alternatives, f, null, null)] : samples(q.element, f, 3);
    // What follows the repeat, repeated: `(` then `){` many times against `\((.+)\)\{[^}]*\}`.
    const units = new Set([...own, after.slice(0, 1), after.slice(0, 2)].filter((u) => u.length > 0));
    for (const unit of units) {
      shapes.push((n) => `${before}${fill(unit, n)}${after}${BREAK}`);
      shapes.push((n) => `${before}${fill(unit, n)}${BREAK}`);
      // The text up to just past the repeat, repeated: `WARNING: [ ] ` many times.
      shapes.push((n) => fill(`${before}${unit}${after.slice(0, 2)}`, n));
    }
  }
  // The shortest text through each alternative of each group, repeated whole and without its last character.
  for (const alt of alternativesOf(pattern)) {
    const whole = witness(pattern.alternatives, f, alt, null).replace(MARK, '');
    if (whole.length < 2) continue;
    shapes.push((n) => fill(whole, n));
    shapes.push((n) => fill(whole.slice(0, -1), n));
  }
  for (const unit of [' ', 'a', '0', ':', '(', '['] as const) shapes.push((n) => `${fill(unit, n)}${BREAK}`);
  return shapes;
}
