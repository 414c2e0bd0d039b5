import { atomicSleep } from './detectors/atomic-sleep.js';
import { badAccess } from './detectors/bad-access.js';
import { badPageState } from './detectors/bad-page-state.js';
import { bug } from './detectors/bug.js';
import { cfiFailure } from './detectors/cfi-failure.js';
import { cpuException } from './detectors/cpu-exception.js';
import { generalProtectionFault } from './detectors/general-protection-fault.js';
import { hardLockup } from './detectors/hard-lockup.js';
import { hungTask } from './detectors/hung-task.js';
import { kasan } from './detectors/kasan.js';
import { kcsan } from './detectors/kcsan.js';
import { kfence } from './detectors/kfence.js';
import { kmsan } from './detectors/kmsan.js';
import { listCorruption } from './detectors/list-corruption.js';
import { lockdep } from './detectors/lockdep.js';
import { mce } from './detectors/mce.js';
import { memoryLeak } from './detectors/memory-leak.js';
import { oom } from './detectors/oom.js';
import { pageAllocationFailure } from './detectors/page-allocation-failure.js';
import { panic } from './detectors/panic.js';
import { rcuStall } from './detectors/rcu-stall.js';
import { slabCorruption } from './detectors/slab-corruption.js';
import { softLockup } from './detectors/soft-lockup.js';
import { spinlockBug } from './detectors/spinlock-bug.js';
import { stackOverflow } from './detectors/stack-overflow.js';
import { suspiciousRcu } from './detectors/suspicious-rcu.js';
import { ubsan } from './detectors/ubsan.js';
import { userspaceSegfault } from './detectors/userspace-segfault.js';
import { warning } from './detectors/warning.js';
import { workqueueStall } from './detectors/workqueue-stall.js';
import type { Detector } from './types.js';

/**
 * Every detector, one per incident kind, sorted by kind. Order of matching is this order, so
 * headers must not overlap between detectors (a test checks it on the detectors' examples).
 */
export const DETECTORS: readonly Detector[] = [
  atomicSleep,
  badAccess,
  badPageState,
  bug,
  cfiFailure,
  cpuException,
  generalProtectionFault,
  hardLockup,
  hungTask,
  kasan,
  kcsan,
  kfence,
  kmsan,
  listCorruption,
  lockdep,
  mce,
  memoryLeak,
  oom,
  pageAllocationFailure,
  panic,
  rcuStall,
  slabCorruption,
  softLockup,
  spinlockBug,
  stackOverflow,
  suspiciousRcu,
  ubsan,
  userspaceSegfault,
  warning,
  workqueueStall,
];
