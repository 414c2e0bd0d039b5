import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasShared, SHARED_DIR } from '../helpers/shared.js';

/** Test files (under test/) that use the shared data through test/helpers/shared.ts. */
function filesNeedingShared(dir = 'test'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesNeedingShared(path);
    return e.name.endsWith('.test.ts') && /\b(?:describe|it)WithShared\b/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

// One line for the whole run, not one per test: what was skipped and how to get the data.
export default function setup(): void {
  if (hasShared) return;
  const files = filesNeedingShared().map((f) => f.replace(/^test\//, '')).sort();
  process.stderr.write(
    `ktriage tests: ${SHARED_DIR} not found, so the tests that read the syzkaller corpus and the shared fixtures are skipped (in ${files.join(', ')}); ` +
      `to run them, put the project's shared data at ${SHARED_DIR} (corpus/syzkaller-linux: google/syzkaller pkg/report/testdata/linux/report at 1e72964b; fixtures/node-2-softlockup) or name it with KTRIAGE_SHARED=DIR.\n`,
  );
}
