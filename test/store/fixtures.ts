import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NODE2 = 'examples/node-2/messages.node-2.20221112.log';
/** The seed write-up's excerpt: a part of the same lines as NODE2 (10:10:59 to 10:16:00), in a file of its own. */
export const NODE2_EXCERPT = 'examples/node-2/seed-excerpt.log';

/** The node-2 log as another host logged it: the same soft lockup, the host name changed in every line. */
export function otherHostLog(dir: string, host: string): string {
  const path = join(dir, `messages.${host}.log`);
  writeFileSync(path, readFileSync(NODE2, 'utf8').replace(/\bnode-2\b/g, host));
  return path;
}
