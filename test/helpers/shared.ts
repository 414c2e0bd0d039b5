import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

/**
 * The project's shared data beside the repository (`../shared`: the syzkaller corpus, the fixtures): CI has it,
 * a fresh clone does not. `KTRIAGE_SHARED` names another place (also: a missing one, to see what skips).
 */
export const SHARED_DIR = process.env['KTRIAGE_SHARED'] ?? '../shared';
export const CORPUS_DIR = `${SHARED_DIR}/corpus/syzkaller-linux`;
export const NODE2_FIXTURE_DIR = `${SHARED_DIR}/fixtures/node-2-softlockup`;
export const hasShared = existsSync(CORPUS_DIR) && existsSync(NODE2_FIXTURE_DIR);

/** `describe`/`it` that run only with the shared data; test/setup/shared-data.ts says once what was skipped. */
export const describeWithShared: ReturnType<typeof describe.skipIf> = describe.skipIf(!hasShared);
export const itWithShared: ReturnType<typeof it.skipIf> = it.skipIf(!hasShared);
