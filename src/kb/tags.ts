// The first release tag that holds each indexed commit, in one walk of the history: tags are taken in version
// order (v5.0-rc1 < v5.0 < v5.0.1 < v5.1-rc1), and each tag lists only the commits no earlier tag holds
// (`git rev-list TAG ^EARLIER...`). Every commit is listed once, by its first tag; only the indexed commits are kept.
import { gitOutput, gitRecords } from './git.js';

/**
 * Tags of commits in version order, release candidates before their release (git's version sort with `-rc` as a
 * pre-release suffix). Tags of a tree (Linux's v2.6.11-tree) hold no commit and are left out.
 */
export function versionTags(repo: string): string[] {
  return gitOutput(repo, ['-c', 'versionsort.suffix=-rc', 'tag', '--list', '--sort=version:refname', '--format=%(objecttype) %(*objecttype) %(refname:strip=2)'])
    .split('\n')
    .map((line) => /^(\w+) (\w*) (.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && (m[1] === 'commit' || m[2] === 'commit'))
    .map((m) => m[3]!);
}

export interface TagWalk {
  /** Resolves to the first tag of each wanted commit that a tag holds, or null when stopped. */
  readonly done: Promise<Map<string, string> | null>;
  stop(): void;
}

/** Walks the tags in order; `onTag` is told how many have been walked. */
export function firstTags(repo: string, tags: readonly string[], wanted: ReadonlySet<string>, onTag: (walked: number) => void): TagWalk {
  let stopped = false;
  let current: { stop(): void } | null = null;
  const walk = async (): Promise<Map<string, string> | null> => {
    const found = new Map<string, string>();
    for (let i = 0; i < tags.length && found.size < wanted.size; i++) {
      const tag = tags[i]!;
      // (refs on stdin: a kernel tree has thousands of tags, more than a command line holds)
      const refs = [`${tag}^{commit}`, ...tags.slice(0, i).map((t) => `^${t}^{commit}`)].join('\n');
      const stream = gitRecords(repo, ['rev-list', '--stdin'], 0x0a, (commit) => {
        if (wanted.has(commit) && !found.has(commit)) found.set(commit, tag);
      }, `${refs}\n`);
      current = stream;
      if (stopped || (await stream.done) === 'stopped') return null;
      onTag(i + 1);
    }
    return found;
  };
  return {
    done: walk(),
    stop() {
      stopped = true;
      current?.stop();
    },
  };
}
