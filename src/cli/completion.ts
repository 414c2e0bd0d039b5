import type { Command, Option } from 'commander';

// Shell completion scripts made from the program itself, so that they know every command, option and choice.

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

/** Options whose value is a path: completed as files or directories. */
const PATH_VALUES: Readonly<Record<string, 'file' | 'dir'>> = { output: 'file', dis: 'file', symbols: 'file', vmlinux: 'file', src: 'dir', corpus: 'dir' };

const visible = (program: Command) => program.commands.filter((c) => c.name() !== 'man');
const names = (o: Option) => [o.short, o.long].filter((n): n is string => Boolean(n));
const takesValue = (o: Option) => o.required || o.optional;

function bash(program: Command): string {
  const options = [...new Set(visible(program).flatMap((c) => c.options.flatMap(names)))].sort();
  const valueCases = visible(program)
    .flatMap((c) => c.options)
    .filter(takesValue)
    .map((o) => {
      const kind = PATH_VALUES[o.attributeName()];
      const reply = o.argChoices ? `$(compgen -W "${o.argChoices.join(' ')}" -- "$cur")` : kind === 'dir' ? '$(compgen -d -- "$cur")' : kind === 'file' ? '$(compgen -f -- "$cur")' : '';
      return `    ${names(o).join('|')}) COMPREPLY=(${reply}); return ;;`;
    });
  return `# bash completion for ktriage: ktriage completion bash > ~/.local/share/bash-completion/completions/ktriage
_ktriage() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${[...new Set(valueCases)].join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${options.join(' ')}" -- "$cur"))
  elif [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${visible(program).map((c) => c.name()).join(' ')}" -- "$cur") $(compgen -f -- "$cur"))
  elif [[ "\${COMP_WORDS[1]}" == completion ]]; then
    COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _ktriage ktriage
`;
}

/** An option's description for zsh: no brackets, colons or quotes, cut at its first clause. */
const zshText = (s: string) => s.split(/[(:;]/)[0]!.replace(/[[\]'`\\]/g, '').trim();

function zshSpec(o: Option): string {
  const kind = PATH_VALUES[o.attributeName()];
  const value = !takesValue(o) ? '' : o.argChoices ? `:${o.attributeName()}:(${o.argChoices.join(' ')})` : kind === 'dir' ? ':directory:_files -/' : kind === 'file' ? ':file:_files' : `:${o.attributeName()}:`;
  const all = names(o);
  const repeat = Array.isArray(o.defaultValue) ? '*' : '';
  const exclusion = all.length > 1 && !repeat ? `(${all.join(' ')})` : '';
  const flags = all.length > 1 && !repeat ? `{${all.join(',')}}` : all.map((n) => `${repeat}${n}`).join(' ');
  return `${exclusion ? `'${exclusion}'` : ''}${flags}'[${zshText(o.description)}]${value}'`;
}

function zsh(program: Command): string {
  const cases = visible(program).map((c) => {
    const specs = c.options.map(zshSpec);
    const rest = c.name() === 'completion' ? `'1:shell:(${SHELLS.join(' ')})'` : c.registeredArguments.length > 0 ? "'*:log file:_files'" : '';
    return `    ${c.name()}) shift words; (( CURRENT-- )); _arguments -s ${[...specs, rest].filter(Boolean).join(' ')} ;;`;
  });
  const analyze = visible(program).find((c) => c.name() === 'analyze')!;
  const commands = visible(program).map((c) => `'${c.name()}:${zshText(c.description())}'`).join(' ');
  return `#compdef ktriage
# zsh completion for ktriage: ktriage completion zsh > "\${fpath[1]}/_ktriage"
_ktriage() {
  if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
    local -a commands=(${commands})
    _describe -t commands command commands
    _files
    return
  fi
  case $words[2] in
${cases.join('\n')}
    *) _arguments -s ${analyze.options.map(zshSpec).join(' ')} '*:log file:_files' ;;
  esac
}
_ktriage "$@"
`;
}

export function completionScript(program: Command, shell: Shell): string {
  return shell === 'bash' ? bash(program) : zsh(program);
}
