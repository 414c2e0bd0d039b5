import type { Command, Option } from 'commander';
import { EXIT_MEANINGS } from './exit-codes.js';

// The help's examples, exit codes and environment, and the man page made from the same program and tables
// (`npm run man` writes man/ktriage.1; a test checks that the committed page is current).

export const EXAMPLES: readonly (readonly [string, string])[] = [
  ['ktriage /var/log/messages', 'diagnose a log (analyze is the default command)'],
  ['ktriage sosreport.tar.xz -f html -o report.html', 'one self-contained HTML page to attach to a ticket'],
  ["ktriage logs/ --since 2h --host 'node-*'", 'the last two hours of the logs, hosts matching node-*'],
  ['ktriage messages --since 2022-11-12T10:00 --until 2022-11-12T11:00', 'one hour, in the zone of the log (or --tz)'],
  ['dmesg | ktriage -', 'read standard input'],
  ['ktriage messages -q --fail-on critical', 'for CI and scripts: exit 4 when a critical incident is found'],
  ['ktriage messages --lang zh -f md', 'a Markdown report in Chinese'],
  ['ktriage completion bash > ~/.local/share/bash-completion/completions/ktriage', 'shell completion (bash, zsh)'],
];

export const ENVIRONMENT: readonly (readonly [string, string])[] = [
  ['NO_COLOR', 'set and not empty: no colours in the text report (unless --color always)'],
  ['FORCE_COLOR', 'colours in the text report even when stdout is no terminal (0 or false: none)'],
  ['KTRIAGE_LANG', 'default of --lang (en, zh)'],
  ['KTRIAGE_WORKERS', 'scan worker threads (1 to 8; default: the cores, at most 8, but one fewer for a large plain file, whose main thread scans too)'],
  ['KTRIAGE_XZ', 'builtin: decode .xz with the WebAssembly decoder, not the xz program on PATH'],
];

const table = (rows: readonly (readonly [string | number, string])[], width: number) => rows.map(([k, v]) => `  ${String(k).padEnd(width)}  ${v}`).join('\n');

/** Examples, exit codes and environment, after the options in `--help`. */
export function helpFooter(): string {
  return [
    '',
    'Examples:',
    EXAMPLES.map(([command, what]) => `  $ ${command}\n      ${what}`).join('\n'),
    '',
    'Exit codes:',
    table(EXIT_MEANINGS, 1),
    '',
    'Environment:',
    table(ENVIRONMENT, 12),
    '',
  ].join('\n');
}

/** roff text: backslashes, leading dots and quotes, and hyphens that are minus signs in options. */
function roff(text: string): string {
  return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');
}

function optionLines(o: Option): string[] {
  const choices = o.argChoices ? ` (${o.argChoices.join(', ')})` : '';
  const fallback = o.defaultValue !== undefined && !Array.isArray(o.defaultValue) && typeof o.defaultValue !== 'boolean' ? ` [default: ${String(o.defaultValue)}]` : '';
  return ['.TP', `.B ${roff(o.flags)}`, roff(`${o.description}${choices}${fallback}`)];
}

/** The man page of the program: what `--help` says of every command, with the examples, exit codes and environment. */
export function manPage(program: Command, version: string): string {
  const commands = program.commands.filter((c) => c.name() !== 'man');
  const out = [
    `.TH KTRIAGE 1 "" "ktriage ${version}" "User Commands"`,
    '.SH NAME',
    `ktriage \\- ${roff(program.description())}`,
    '.SH SYNOPSIS',
    '.B ktriage',
    '[\\fIOPTIONS\\fR] \\fIPATH\\fR...',
    ...commands.map((c) => `.br\n.B ktriage ${c.name()}\n${roff(c.usage())}`),
    '.SH DESCRIPTION',
    roff('Reads log files, directories, bundles (tar, tar.gz, tar.xz, zip, gz, xz) or - (stdin) and prints a diagnosis of the kernel incidents they hold: soft and hard lockups, hung tasks, RCU stalls, oopses, BUG, WARNING, sanitizers, panics, OOM kills and machine checks, with the evidence (file and line) of each. Without a command, the arguments are paths to analyze.'),
  ];
  for (const c of commands) {
    out.push('.SH', `COMMAND: ${c.name().toUpperCase()}`, roff(c.description()));
    for (const o of c.options) out.push(...optionLines(o));
  }
  out.push('.SH EXAMPLES');
  for (const [command, what] of EXAMPLES) out.push('.TP', `.B ${roff(command)}`, roff(what));
  out.push('.SH EXIT STATUS');
  for (const [code, meaning] of EXIT_MEANINGS) out.push('.TP', `.B ${code}`, roff(meaning));
  out.push('.SH ENVIRONMENT');
  for (const [name, meaning] of ENVIRONMENT) out.push('.TP', `.B ${name}`, roff(meaning));
  out.push('.SH SEE ALSO', roff('The README of the package (docs, the result schema in schema/result.schema.json).'), '');
  return out.join('\n');
}
