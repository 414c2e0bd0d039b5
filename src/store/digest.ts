import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { InputDigest } from './ingest.js';

async function fileDigest(path: string): Promise<InputDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The digest of each input path of a result: a file's own bytes, or for an archive member (`bundle.tar.gz:var/log/messages`)
 * the archive's digest with the member's name (the same member of the same archive is the same input). Archives are
 * hashed once however many members they hold; a path that names no file (stdin) has none.
 */
export async function digestInputs(paths: readonly string[]): Promise<Map<string, InputDigest>> {
  const cache = new Map<string, Promise<InputDigest>>();
  const digestOf = (file: string) => cache.get(file) ?? cache.set(file, fileDigest(file)).get(file)!;
  const out = new Map<string, InputDigest>();
  for (const path of paths) {
    if (isFile(path)) {
      out.set(path, await digestOf(path));
      continue;
    }
    // The longest leading part before a ':' that is a file is the archive.
    for (let at = path.lastIndexOf(':'); at > 0; at = path.lastIndexOf(':', at - 1)) {
      const archive = path.slice(0, at);
      if (!isFile(archive)) continue;
      const outer = await digestOf(archive);
      out.set(path, { sha256: createHash('sha256').update(`${outer.sha256}:${path.slice(at + 1)}`).digest('hex'), size: outer.size });
      break;
    }
  }
  return out;
}
