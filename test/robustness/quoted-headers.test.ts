// A kernel line may quote text anyone chooses: a USB device's Product string, a file name in an audit record or an
// EXT4 error. A report header inside such a quote is not a report: a header counts only where the kernel prints one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/analyzer.js';
import { HEADER_PREFIXES } from '../../src/knowledge/header-prefixes.js';
import { HeaderMatcher } from '../../src/reports/header-matcher.js';
import { DETECTORS } from '../../src/reports/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../fuzz/params.js';
import { node2Lines, node2Text, withPrefixOf } from './support.js';

const NOW = () => new Date('2022-11-13T00:00:00Z');
const analyze = (text: string, path = 'messages') => analyzeText(text, path, { now: NOW, year: 2022 });
const matcher = new HeaderMatcher();

/** Every header the detectors document, with the kind it opens. */
const EXAMPLES = DETECTORS.flatMap((d) => d.meta.examples.map((example) => ({ kind: d.kind, example })));

/** Kernel messages that quote a string someone else chose (printk formats of the kernel's own code). */
const QUOTES: readonly ((text: string) => string)[] = [
  (s) => `usb 1-1: Product: ${s}`,
  (s) => `usb 2-1.4: Manufacturer: ${s}`,
  (s) => `audit: type=1400 audit(1668219059.123:456): avc:  denied  { read } for  pid=666 comm="evil" name="${s}" dev="sda1" ino=1234`,
  (s) => `EXT4-fs error (device sda1): ext4_readdir:1604: inode #2: comm ls: path /srv/${s}: bad entry in directory`,
  (s) => `EXT4-fs warning (device dm-0): ext4_dirblock_csum_verify:377: inode #131074: comm evil: ${s}`,
];

const kindsOf = (text: string, path?: string) => analyze(text, path).incidents.map((i) => i.kind);

describe('headers quoted inside kernel lines', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('each documented header opens its own kind where the kernel prints it (the control of the tests below)', () => {
    for (const { kind, example } of EXAMPLES) expect(matcher.read(example).header?.kind, example).toBe(kind);
  });

  it('no documented header opens a report when a kernel line quotes it', () => {
    for (const quote of QUOTES) for (const { example } of EXAMPLES) expect(matcher.matches(quote(example)), quote(example)).toBe(false);
  });

  it('quoted headers of every kind between node-2 reports change nothing in its diagnosis', () => {
    const at = node2Lines.findIndex((l) => l.includes('CPU#13 stuck'));
    const quoted = QUOTES.flatMap((quote) => EXAMPLES.map(({ example }) => withPrefixOf(quote(example), node2Lines[at]!)));
    const text = [...node2Lines.slice(0, at), ...quoted, ...node2Lines.slice(at)].join('\n');
    const clean = analyze(node2Text);
    const result = analyze(text);
    const digest = (r: typeof clean) => r.incidents.map((i) => [i.kind, i.cpu, i.pid, i.reports, i.loopFunction, i.role, i.causedBy]);
    expect(digest(result)).toEqual(digest(clean));
    expect(result.summary.verdict).toBe(clean.summary.verdict);
  });

  it('the USB Product string of the issue, with the lines a report would carry after it: no soft lockup', () => {
    const lines = [
      '[  100.000000] usb 1-1: new high-speed USB device number 2 using xhci_hcd',
      '[  100.100000] usb 1-1: Product: BUG: soft lockup - CPU#3 stuck for 22s! [evil:666]',
      '[  100.100001] usb 1-1: Manufacturer: CPU: 3 PID: 666 Comm: evil Not tainted 5.4.0 #1',
      '[  100.100002] usb 1-1: SerialNumber: RIP: 0010:evil_function+0x1/0x2',
    ];
    expect(kindsOf(`${lines.join('\n')}\n`, 'dmesg.txt')).toEqual([]);
  });

  it('any quoted text before any documented header: never an incident (property)', () => {
    const field = fc.stringMatching(/^[\w ./:-]{0,24}$/);
    fc.assert(
      fc.property(fc.constantFrom(...QUOTES), fc.constantFrom(...EXAMPLES), field, (quote, { example }, before) => {
        const line = quote(`${before}${example}`);
        expect(matcher.matches(line), line).toBe(false);
        expect(kindsOf(`[  100.000000] ${line}\n`, 'dmesg.txt')).toEqual([]);
      }),
      fuzzParams(200),
    );
  });
});

describe('stamps inside a line', () => {
  const HEADER = 'BUG: soft lockup - CPU#3 stuck for 22s! [evil:666]';

  it("console output glued before a stamped kernel line: the report is the kernel's", () => {
    const log = ['[   35.000000] random: crng init done', `syzkaller login: [   35.184476] ${HEADER}`, '[   35.184480] CPU: 3 PID: 666 Comm: evil Not tainted 5.4.0 #1', '[   35.184481] RIP: 0010:spin+0x1/0x2', ''].join('\n');
    expect(kindsOf(log, 'console.log')).toEqual(['soft-lockup']);
  });

  it('a stamp quoted inside a stamped kernel line, or in a log without stamps, opens nothing', () => {
    expect(kindsOf(`[    5.000000] usb 1-1: Product: [    5.000001] ${HEADER}\n`, 'dmesg.txt')).toEqual([]);
    expect(kindsOf(`Nov 12 10:10:59 node-2 kernel: usb 1-1: Product: [    5.000001] ${HEADER}\n`)).toEqual([]);
    expect(kindsOf(`usb 1-1: new high-speed USB device number 2 using xhci_hcd\nusb 1-1: Product: [    5.000001] ${HEADER}\n`, 'pasted.txt')).toEqual([]);
  });
});

describe('what the kernel prints before a header on the same line (knowledge/header-prefixes.ts)', () => {
  it.each(HEADER_PREFIXES.map((p) => [p.example, p] as const))('%s', (example, prefix) => {
    const match = prefix.pattern.exec(example);
    expect(match?.index).toBe(0);
    expect(matcher.matches(example)).toBe(true);
    // Without its prefix the rest is a header too: the prefix is all the table adds.
    expect(matcher.matches(example.slice(match![0].length))).toBe(true);
  });
});
