// The run warnings' sentences (src/result/warnings.ts), English and Chinese: `warning.<code>`, and `reason.<reason>`
// for why a file could not be read, said inside the warning that carries it. Foreign text (a library's message, a log
// excerpt, a command) is a code span in Chinese.
import type { IncidentKind } from '../result/kinds.js';
import type { WarningCode, WarningReason } from '../result/warnings.js';
import type { Args, Entry } from './types.js';
import { KIND_ZH } from './zh.js';

type WarningCatalog = Readonly<Record<`warning.${WarningCode}` | `reason.${WarningReason}`, Entry>>;

/** A byte count as the limits are set: `64 GiB`, `64 MiB`. */
export function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${n / 1024 ** 3} GiB` : `${Math.round(n / 1024 ** 2)} MiB`;
}

const bytes = (a: Args) => formatBytes(a.num('limitBytes'));
const quoted = (a: Args, key: string) => `\`${a.str(key)}\``;

/** The reason a warning carries (its `reason` parameter), said from the same parameters. */
const reasonIn = (catalog: () => WarningCatalog) => (a: Args) => catalog()[`reason.${a.str('reason')}` as `reason.${WarningReason}`]?.(a) ?? a.str('reason');

/** The three largest groups of omitted incidents (`countN`, `kindN`, `culpritN`). */
function omittedGroups(a: Args, say: (count: number, kind: string, culprit: string) => string): string[] {
  return [1, 2, 3].filter((n) => a.opt(`kind${n}`) !== null).map((n) => say(a.num(`count${n}`), a.str(`kind${n}`), a.str(`culprit${n}`)));
}

/** The first three names a warning lists (`name1`..`name3`). */
const names = (a: Args) => [1, 2, 3].map((n) => a.opt(`name${n}`)).filter((x): x is string => x !== null);

const reasonEn = reasonIn(() => WARNINGS_EN);

export const WARNINGS_EN: WarningCatalog = {
  'reason.absolute-path': () => 'refused: absolute path in the archive',
  'reason.archive-budget': (a) => `refused: the archive's members decompress to more than ${bytes(a)} in all (${a.num('ratio')} times its size)`,
  'reason.archive-format': () => 'this archive format is not read; use tar, tar.gz, tar.xz or zip',
  'reason.bzip2': () => 'bzip2-compressed logs are not read; decompress with bunzip2 first',
  'reason.compression-bomb': (a) => `refused: decompresses to more than ${a.num('ratio')} times its size (compression bomb?)`,
  'reason.dotdot-path': () => 'refused: path with ".." in the archive',
  'reason.errno': (a) => `cannot read: ${a.str('errno')}`,
  'reason.error': (a) => a.str('detail'),
  'reason.gzip-corrupt': (a) => `corrupt gzip data (${a.str('detail')})`,
  'reason.gzip-truncated': () => 'compressed data ends early (truncated file)',
  'reason.hardlink': () => 'refused: hard link (not followed)',
  'reason.is-directory': () => 'is a directory',
  'reason.no-such-file': () => 'no such file',
  'reason.no-such-file-or-directory': () => 'no such file or directory',
  'reason.permission-denied': () => 'permission denied',
  'reason.size-cap': (a) => `refused: decompresses to more than ${bytes(a)} (size cap)`,
  'reason.symlink': () => 'refused: symbolic link (not followed)',
  'reason.tar-corrupt': (a) => `not a tar archive, or a corrupt one (${a.str('detail')})`,
  'reason.tar-truncated': () => 'archive ends early (truncated, or not a tar archive)',
  'reason.too-large': (a) => `larger than ${bytes(a)}`,
  'reason.xz-corrupt': () => 'corrupt xz data',
  'reason.xz-dictionary': (a) => `xz data compressed with a dictionary larger than ${bytes(a)}, the most this decoder takes (it bounds the memory one file can claim); decompress it with xz -d first`,
  'reason.xz-error': (a) => `corrupt xz data (error ${a.num('xzCode')})`,
  'reason.xz-memory': () => 'xz data needs more memory than could be had',
  'reason.xz-not-xz': () => 'not xz data',
  'reason.xz-options': () => 'xz options this decoder does not support',
  'reason.xz-truncated': () => 'xz data ends early (truncated file)',
  'reason.zstd': () => 'zstd-compressed logs are not read; decompress with unzstd first',

  'warning.archive-failed': (a) => `${reasonEn(a)}${a.num('members') > 0 ? `; analyzed the ${a.num('members')} member(s) before it` : ''}`,
  'warning.archive-too-deep': (a) => `archive nested more than ${a.num('max')} deep: not read`,
  'warning.archive-without-log': (a) => `archive holds no kernel log (${a.str('names')})`,
  'warning.binary-data': () => 'binary data, not a text log: skipped',
  'warning.copies-forgotten': (a) => `${a.num('lines')} lines of ${a.num('hosts')} host(s) (${a.str('host')} first) came after other hosts' inputs, when the host's earlier lines were no longer remembered (past ${a.num('max')} lines): not checked for copies of those`,
  'warning.copies-unchecked': (a) => `${a.num('lines')} lines past the first ${a.num('max')} were not checked for copies in other inputs`,
  'warning.directory-unreadable': (a) => `cannot read directory: ${a.str('errno')}`,
  'warning.directory-without-log': (a) => `directory holds no kernel log (${a.str('names')}) or bundle`,
  'warning.dis-no-instructions': () => '--dis: no `crash> dis` or `objdump -d` instruction lines found; ignored',
  'warning.dis-unreadable': (a) => `--dis: cannot read it (${reasonEn(a)}); ignored`,
  'warning.empty-file': () => 'empty file',
  'warning.excluded': (a) => `${reasonEn(a)}; nothing of it was analyzed`,
  'warning.file-shrank': (a) => `file shrank while it was read (truncated, as log rotation does?): read ${a.num('read')} of its ${a.num('size')} bytes`,
  'warning.fragments-dropped': (a) => `${a.num('count')} register dump(s) without a report header past the first ${a.num('max')} were not kept`,
  'warning.fragments-unmatched': (a) => `${a.num('count')} register dump(s) without a report header matched no incident and were ignored`,
  'warning.incidents-omitted': (a) => {
    const top = omittedGroups(a, (count, kind, culprit) => `${count} ${kind}${culprit ? ` in ${culprit}` : ''}`).join(', ');
    return `${a.num('incidents')} incident(s) past the first ${a.num('max')} were counted, not kept whole (${a.num('reports')} reports; ${top}${a.num('more') ? ', ...' : ''}): see omittedIncidents in the JSON output`;
  },
  'warning.invalid-utf8': () => 'contains bytes that are not valid UTF-8; they were replaced',
  'warning.kb-index-invalid': (a) => `--kb: ${a.str('detail')}; analyzed without it`,
  'warning.kb-index-missing': () => '--kb: no such file; analyzed without it',
  'warning.kb-index-unreadable': (a) => `--kb: cannot read it: ${reasonEn(a)}; analyzed without it`,
  'warning.known-issue-id-mismatch': (a) => `id ${a.str('id')} differs from the file name; entry skipped`,
  'warning.known-issue-invalid': (a) => `${a.str('problem') === 'not-yaml' ? 'not YAML' : 'not a known-issue entry'}: ${a.str('detail')}; entry skipped`,
  'warning.known-issues-unreadable': (a) => `cannot read the known-issue folder: ${a.str('errno')}`,
  'warning.long-lines-cut': (a) => `${a.num('lines')} line(s) longer than 64 KiB were cut`,
  'warning.member-unreadable': (a) => `cannot read this member (${a.str('detail')})`,
  'warning.nested-zip': () => 'a zip inside an archive is not read (zip needs random access); extract it first',
  'warning.not-a-file': () => 'a device or socket, not a log file: skipped (use - to read standard input)',
  'warning.not-read': (a) => reasonEn(a),
  'warning.nul-bytes-removed': (a) => `${a.num('bytes')} NUL byte(s) removed (zeroed blocks, as a crash leaves in a log file)`,
  'warning.only-nul-bytes': (a) => `only NUL bytes (${a.num('bytes')}), no log text`,
  'warning.read-failed': (a) => `${reasonEn(a)}${a.num('lines') > 0 ? `; analyzed the ${a.num('lines')} line(s) before it` : ''}`,
  'warning.reports-dropped': (a) =>
    `${a.num('count')} report(s) past the first ${a.num('max')} (the first of them at line ${a.num('line')}) were counted, not kept, to bound memory: each repeats a problem kept already (its host, kind and culprit), or came when the room left for new problems was full. The counts and time spans of their incidents end with the reports kept`,
  'warning.reports-unassembled': (a) =>
    `${a.num('count')} report(s) printed at the same moment by several CPUs could not be reassembled whole (lines that could be another's, or more reports at once than can be told apart without printk caller tags): flagged corrupted`,
  'warning.spoofed-report': (a) => {
    // No program tag: a /dev/kmsg record or dmesg line whose facility is not the kernel's.
    const source = a.str('program') ? `from the program "${a.str('program')}"` : 'written to the kernel log by user space (not the kernel facility)';
    return `line ${a.num('line')}: ${a.num('count')} line(s) ${source} look like a kernel report ("${a.str('excerpt')}") but were not logged by the kernel; ignored as reports`;
  },
  'warning.src-not-directory': () => '--src: not a directory; ignored',
  'warning.src-unreadable': (a) => `--src: ${reasonEn(a)}; ignored`,
  'warning.symbols-no-lines': () => '--symbols: no System.map or kallsyms lines (address, type, name) found; ignored',
  'warning.symbols-unreadable': (a) => `--symbols: cannot read it (${reasonEn(a)}); ignored`,
  'warning.template-cap': (a) => `${a.num('lines')} lines with rare message templates were not grouped into events (template cap reached)`,
  'warning.unknown-header': (a) => `line ${a.num('line')}: a report header no detector knows, kept as a partial incident with the register dump after it: ${a.str('excerpt')}`,
  'warning.utf16-without-bom': (a) => {
    const order = a.str('order');
    return `looks like UTF-16${order} text without a byte-order mark: read with its NUL bytes dropped, so only ASCII text is right; convert it with iconv -f UTF-16${order} -t UTF-8`;
  },
  'warning.vmlinux-unreadable': (a) => `--vmlinux: cannot read its symbols (${reasonEn(a)}); ignored`,
  'warning.zip-corrupt': (a) => `corrupt zip archive (${a.str('detail')})`,
  'warning.zip-overlapping-members': (a) =>
    `refused ${a.num('count')} members whose data overlap another member's (a zip bomb's trick), not read: ${names(a).join(', ')}${a.num('count') > 3 ? ', ...' : ''}`,
  'warning.zip-too-many-members': (a) => `lists ${a.num('members')} members: only the first ${a.num('max')} were looked at, the others not read`,
  'warning.zip-unreadable': (a) => `not a readable zip archive (${a.str('detail')})`,
};

const reasonZh = reasonIn(() => WARNINGS_ZH);
const kindZh = (kind: string) => KIND_ZH[kind as IncidentKind] ?? kind;

export const WARNINGS_ZH: WarningCatalog = {
  'reason.absolute-path': () => '已拒绝：归档中的绝对路径',
  'reason.archive-budget': (a) => `已拒绝：归档各成员解压后合计超过 ${bytes(a)}（归档大小的 ${a.num('ratio')} 倍）`,
  'reason.archive-format': () => '不读取这种归档格式，请使用 tar、tar.gz、tar.xz 或 zip',
  'reason.bzip2': () => '不读取 bzip2 压缩的日志，请先用 `bunzip2` 解压',
  'reason.compression-bomb': (a) => `已拒绝：解压后超过自身大小的 ${a.num('ratio')} 倍（疑似压缩炸弹）`,
  'reason.dotdot-path': () => '已拒绝：归档中含 `..` 的路径',
  'reason.errno': (a) => `无法读取：${a.str('errno')}`,
  'reason.error': (a) => quoted(a, 'detail'),
  'reason.gzip-corrupt': (a) => `gzip 数据已损坏（${quoted(a, 'detail')}）`,
  'reason.gzip-truncated': () => '压缩数据提前结束（文件被截断）',
  'reason.hardlink': () => '已拒绝：硬链接（不跟随）',
  'reason.is-directory': () => '这是一个目录',
  'reason.no-such-file': () => '文件不存在',
  'reason.no-such-file-or-directory': () => '文件或目录不存在',
  'reason.permission-denied': () => '权限不足',
  'reason.size-cap': (a) => `已拒绝：解压后超过 ${bytes(a)}（大小上限）`,
  'reason.symlink': () => '已拒绝：符号链接（不跟随）',
  'reason.tar-corrupt': (a) => `不是 tar 归档，或归档已损坏（${quoted(a, 'detail')}）`,
  'reason.tar-truncated': () => '归档提前结束（被截断，或不是 tar 归档）',
  'reason.too-large': (a) => `大于 ${bytes(a)}`,
  'reason.xz-corrupt': () => 'xz 数据已损坏',
  'reason.xz-dictionary': (a) => `xz 数据的压缩字典大于 ${bytes(a)}，超出本解码器的上限（以此限制单个文件占用的内存）；请先用 \`xz -d\` 解压`,
  'reason.xz-error': (a) => `xz 数据已损坏（错误码 ${a.num('xzCode')}）`,
  'reason.xz-memory': () => 'xz 数据所需的内存超出了可用内存',
  'reason.xz-not-xz': () => '不是 xz 数据',
  'reason.xz-options': () => '本解码器不支持该 xz 选项',
  'reason.xz-truncated': () => 'xz 数据提前结束（文件被截断）',
  'reason.zstd': () => '不读取 zstd 压缩的日志，请先用 `unzstd` 解压',

  'warning.archive-failed': (a) => `${reasonZh(a)}${a.num('members') > 0 ? `；已分析此前的 ${a.num('members')} 个成员` : ''}`,
  'warning.archive-too-deep': (a) => `归档嵌套超过 ${a.num('max')} 层：未读取`,
  'warning.archive-without-log': (a) => `归档中没有内核日志（${quoted(a, 'names')}）`,
  'warning.binary-data': () => '二进制数据，不是文本日志：已跳过',
  'warning.copies-forgotten': (a) => `${a.num('hosts')} 个主机（首个：${quoted(a, 'host')}）的 ${a.num('lines')} 行出现在其他主机的输入之后，此时该主机先前的行已不再保留（超过 ${a.num('max')} 行）：未检查是否与那些行重复`,
  'warning.copies-unchecked': (a) => `前 ${a.num('max')} 行之后的 ${a.num('lines')} 行未检查是否与其他输入重复`,
  'warning.directory-unreadable': (a) => `无法读取目录：${a.str('errno')}`,
  'warning.directory-without-log': (a) => `目录中没有内核日志（${quoted(a, 'names')}）或日志包`,
  'warning.dis-no-instructions': () => '--dis：未找到 `crash> dis` 或 `objdump -d` 的指令行，已忽略',
  'warning.dis-unreadable': (a) => `--dis：无法读取（${reasonZh(a)}），已忽略`,
  'warning.empty-file': () => '空文件',
  'warning.excluded': (a) => `${reasonZh(a)}；其中的内容均未分析`,
  'warning.file-shrank': (a) => `文件在读取期间变小（被截断，可能是日志轮转所致）：原有 ${a.num('size')} 字节，只读取了 ${a.num('read')} 字节`,
  'warning.fragments-dropped': (a) => `前 ${a.num('max')} 个之后的 ${a.num('count')} 个没有报告头的寄存器转储未保留`,
  'warning.fragments-unmatched': (a) => `${a.num('count')} 个没有报告头的寄存器转储未对应任何内核事件，已忽略`,
  'warning.incidents-omitted': (a) => {
    const top = omittedGroups(a, (count, kind, culprit) => `${kindZh(kind)} ${count} 个${culprit ? `（位于 ${culprit}）` : ''}`).join('，');
    return `前 ${a.num('max')} 个之后的 ${a.num('incidents')} 个内核事件只计数、未完整保留（共 ${a.num('reports')} 份报告；${top}${a.num('more') ? '等' : ''}）：详见 JSON 输出中的 \`omittedIncidents\``;
  },
  'warning.invalid-utf8': () => '含有无效的 UTF-8 字节，已替换',
  'warning.kb-index-invalid': (a) => `--kb：索引无效（${quoted(a, 'detail')}）；分析时未使用该索引`,
  'warning.kb-index-missing': () => '--kb：文件不存在；分析时未使用该索引',
  'warning.kb-index-unreadable': (a) => `--kb：无法读取（${reasonZh(a)}）；分析时未使用该索引`,
  'warning.known-issue-id-mismatch': (a) => `编号 ${quoted(a, 'id')} 与文件名不一致，已跳过该条目`,
  'warning.known-issue-invalid': (a) => `${a.str('problem') === 'not-yaml' ? '不是 YAML' : '不是有效的已知问题条目'}（${quoted(a, 'detail')}），已跳过`,
  'warning.known-issues-unreadable': (a) => `无法读取已知问题目录：${a.str('errno')}`,
  'warning.long-lines-cut': (a) => `${a.num('lines')} 行超过 64 KiB，已截断`,
  'warning.member-unreadable': (a) => `无法读取该成员（${quoted(a, 'detail')}）`,
  'warning.nested-zip': () => '不读取归档中的 zip（zip 需要随机访问），请先解压',
  'warning.not-a-file': () => '这是设备或套接字，不是日志文件：已跳过（读取标准输入请用 `-`）',
  // A library's own words alone are no Chinese sentence: they are said as what could not be read.
  'warning.not-read': (a) => (a.str('reason') === 'error' ? `无法读取：${reasonZh(a)}` : reasonZh(a)),
  'warning.nul-bytes-removed': (a) => `已移除 ${a.num('bytes')} 个 NUL 字节（崩溃在日志文件中留下的零填充块）`,
  'warning.only-nul-bytes': (a) => `只有 NUL 字节（${a.num('bytes')} 个），没有日志文本`,
  'warning.read-failed': (a) => `${reasonZh(a)}${a.num('lines') > 0 ? `；已分析此前的 ${a.num('lines')} 行` : ''}`,
  'warning.reports-dropped': (a) =>
    `前 ${a.num('max')} 份之后的 ${a.num('count')} 份报告（第一份在第 ${a.num('line')} 行）只计数、未保留，以限制内存：每一份都重复了已保留的问题（相同的主机、类型和根因函数），或是在为新问题预留的空间用完之后才出现。相关事件的次数和时间跨度止于已保留的报告`,
  'warning.reports-unassembled': (a) =>
    `${a.num('count')} 份由多个 CPU 同时打印的报告无法完整重组（有些行可能属于另一份报告，或同时打印的报告太多，没有 printk 调用者标记就无法区分）：已标记为损坏`,
  'warning.spoofed-report': (a) => {
    const source = a.str('program') ? `来自程序 ${quoted(a, 'program')} 的` : '由用户空间写入内核日志（而非内核日志设施）的';
    return `第 ${a.num('line')} 行：${source} ${a.num('count')} 行看起来像内核报告（${quoted(a, 'excerpt')}），但并非由内核记录，未当作报告处理`;
  },
  'warning.src-not-directory': () => '--src：不是目录，已忽略',
  'warning.src-unreadable': (a) => `--src：${reasonZh(a)}，已忽略`,
  'warning.symbols-no-lines': () => '--symbols：未找到 System.map 或 kallsyms 格式的行（地址、类型、名称），已忽略',
  'warning.symbols-unreadable': (a) => `--symbols：无法读取（${reasonZh(a)}），已忽略`,
  'warning.template-cap': (a) => `${a.num('lines')} 行属于罕见的消息模板，未归入日志事件（已达模板数上限）`,
  'warning.unknown-header': (a) => `第 ${a.num('line')} 行：没有检测器认识的报告头，已连同其后的寄存器转储保留为不完整的内核事件：${quoted(a, 'excerpt')}`,
  'warning.utf16-without-bom': (a) => {
    const order = a.str('order');
    return `看起来是没有字节序标记的 UTF-16${order} 文本：已去掉其中的 NUL 字节后读取，只有 ASCII 文本是正确的；请用 \`iconv -f UTF-16${order} -t UTF-8\` 转换`;
  },
  'warning.vmlinux-unreadable': (a) => `--vmlinux：无法读取其符号（${reasonZh(a)}），已忽略`,
  'warning.zip-corrupt': (a) => `zip 归档已损坏（${quoted(a, 'detail')}）`,
  'warning.zip-overlapping-members': (a) =>
    `已拒绝 ${a.num('count')} 个数据与其他成员重叠的成员（zip 炸弹的手法），未读取：${names(a).map((n) => `\`${n}\``).join('、')}${a.num('count') > 3 ? '等' : ''}`,
  'warning.zip-too-many-members': (a) => `列出了 ${a.num('members')} 个成员：只查看了前 ${a.num('max')} 个，其余未读取`,
  'warning.zip-unreadable': (a) => `不是可读的 zip 归档（${quoted(a, 'detail')}）`,
};
