import { describe, expect, it } from 'vitest';
import { kernelsOfTag, kernelVerdict } from '../../src/analysis/kernel-range.js';
import { readCommitMessage, unquote } from '../../src/kb/extract.js';
import { QUOTED_TITLES } from '../../src/knowledge/quoted-reports.js';

const message = (body: string) => `subsys: fix it\n\n${body}\nSigned-off-by: T <t@example.org>\n`;

describe('quoted report titles (src/knowledge/quoted-reports.ts)', () => {
  it.each(QUOTED_TITLES.map((t) => [t.example, t.pattern] as const))('%s opens a quoted report', (example, pattern) => {
    expect(pattern.test(example)).toBe(true);
  });
});

describe('unquote', () => {
  it.each([
    ['    BUG: KASAN: use-after-free in f+0x1/0x2', 'BUG: KASAN: use-after-free in f+0x1/0x2'],
    ['[   44.381969][    C4]  BUG: KCSAN: data-race in f+0x1/0x2', 'BUG: KCSAN: data-race in f+0x1/0x2'],
    ['  [ 1234.5] Call Trace:', 'Call Trace:'],
    ['> kernel: RIP: 0010:f+0x1/0x2', 'RIP: 0010:f+0x1/0x2'],
  ])('%j -> %j', (line, text) => {
    expect(unquote(line)).toBe(text);
  });
});

describe('readCommitMessage', () => {
  const cases: { name: string; body: string; reports: unknown[] | null }[] = [
    {
      name: 'a soft lockup, blamed on its RIP, with its callers',
      body: '  watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [a:1]\n  RIP: 0010:spin_here+0x12/0x40\n  Call Trace:\n   <IRQ>\n   ? show_regs+0x1/0x2\n   caller_one+0x50/0x200\n   caller_two+0x13/0x20\n',
      reports: [{ title: 'watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [a:1]', kind: 'soft-lockup', culprit: 'spin_here', frames: ['caller_one', 'caller_two'], signature: 'soft-lockup|spin_here|caller_one|caller_two' }],
    },
    {
      name: 'a WARNING, blamed on the function its title names, frames without offsets',
      body: 'WARNING: CPU: 1 PID: 2 at net/core/dev.c:10 dev_close_many+0x1/0x2\nCall Trace:\n dev_close_many\n dev_close.part.0\n\nThe prose after the trace is not a frame.\n',
      reports: [{ title: 'WARNING: CPU: 1 PID: 2 at net/core/dev.c:10 dev_close_many+0x1/0x2', kind: 'warning', culprit: 'dev_close_many', frames: ['dev_close_many', 'dev_close'], signature: 'warning|dev_close_many|dev_close' }],
    },
    {
      name: 'a call trace quoted without its title: kept, with no kind',
      body: 'The stack:\n\n Call Trace:\n  __schedule+0x1/0x2\n  my_wait+0x3/0x4\n',
      reports: [{ title: null, kind: null, culprit: 'my_wait', frames: ['__schedule', 'my_wait'], signature: null }],
    },
    { name: 'prose that starts like a title, with no trace', body: 'WARNING: this changes the ABI.\nOops, a typo.\n', reports: null },
    { name: 'no report at all', body: 'Just a cleanup.\n', reports: null },
  ];
  it.each(cases)('$name', ({ body, reports }) => {
    const facts = readCommitMessage(message(body));
    expect(facts?.reports ?? null).toEqual(reports);
  });

  it('keeps the trailers: Fixes (id and subject), Reported-by, Closes, Link', () => {
    const facts = readCommitMessage(
      message(
        'BUG: KASAN: slab-out-of-bounds in f+0x1/0x2\n\nFixes: 0123456789ab ("subsys: add f")\nFixes: abcdef1\nReported-by: syzbot+1@syzkaller.appspotmail.com\nCloses: https://syzkaller.appspot.com/bug?extid=1\nLink: https://lore.kernel.org/r/1\n',
      ),
    )!;
    expect(facts).toMatchObject({
      subject: 'subsys: fix it',
      fixes: [
        { commit: '0123456789ab', subject: 'subsys: add f' },
        { commit: 'abcdef1', subject: null },
      ],
      reportedBy: ['syzbot+1@syzkaller.appspotmail.com'],
      closes: ['https://syzkaller.appspot.com/bug?extid=1'],
      links: ['https://lore.kernel.org/r/1'],
    });
  });
});

describe('kernelsOfTag: which kernels carry a commit first held by a tag', () => {
  it.each([
    ['v5.2', '5.1.0', 'in-range'],
    ['v5.2-rc3', '5.2.0', 'fixed'],
    ['v5.2', '5.4.0-100-generic', 'fixed'],
    ['v6.1.53', '6.1.50', 'in-range'],
    ['v6.1.53', '6.1.60', 'fixed'],
    ['kernel-3.10.0-957.el7', '3.10.0-693.11.1.el7.es.10.x86_64', 'in-range'],
    ['kernel-3.10.0-957.el7', '3.10.0-1160.el7.x86_64', 'fixed'],
  ])('%s against a node on %s: %s', (tag, kernel, verdict) => {
    expect(kernelVerdict(kernel, kernelsOfTag(tag)!).verdict).toBe(verdict);
  });

  it('says nothing of a tag of another naming', () => {
    expect(kernelsOfTag('release-2024-01')).toBeNull();
  });
});
