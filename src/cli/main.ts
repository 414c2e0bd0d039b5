#!/usr/bin/env node
/**
 * The command's entry point. When the command line names a large file (earlyScan), the scan workers are started first,
 * so that their start (a thread, Node and the scan's module: some 85 ms on two cores) overlaps the loading of the rest
 * of the command (command.ts, some 90 ms), which is then loaded and run: a quiet 100 MB log 0.74-0.78 against
 * 0.80-0.87 s.
 */
import { earlyScan, regularFileSize } from './early-scan.js';
import { plainFileScanWorkers } from '../sources/scan-workers.js';
import { tuneTiering } from './tiering.js';

tuneTiering();

const early = earlyScan(process.argv.slice(2), regularFileSize);
// (as many as a plain file's scan takes: a compressed one's starts the rest when it needs them)
if (early) plainFileScanWorkers(early.everyLine);
const { runCommand } = await import('./command.js');
await runCommand();
