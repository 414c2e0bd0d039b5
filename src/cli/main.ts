#!/usr/bin/env node
/**
 * The command's entry point. When the command line names a large file (earlyScan), the scan workers are started first,
 * so that their start (a thread, Node and the scan's module: some 85 ms on two cores) overlaps the loading of the rest
 * of the command (command.ts, some 90 ms), which is then loaded and run: a quiet 100 MB log 0.74-0.78 against
 * 0.80-0.87 s. V8's tiering is set (tuneTiering) once this thread and the workers have loaded their modules: Node
 * compiles its own modules from its code cache only under V8's default flags. Set first, the cache was passed over
 * (main thread 18 against 8 ms compiling Node's modules, each worker 37 against 15: quiet 100 MB, `perf`).
 */
import { earlyScan, regularFileSize } from './early-scan.js';
import { plainFileScanWorkers, workersLoaded } from '../sources/scan-workers.js';
import { tuneTiering } from './tiering.js';

const early = earlyScan(process.argv.slice(2), regularFileSize);
// (as many as a plain file's scan takes: a compressed one's starts the rest when it needs them)
const workers = early ? plainFileScanWorkers(early.everyLine) : null;
const { runCommand } = await import('./command.js');
// (after Node's own modules of this thread and the workers are loaded: see workersLoaded)
if (workers) await workersLoaded(workers);
tuneTiering();
await runCommand();
