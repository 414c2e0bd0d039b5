import { openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { BLOCK_BYTES, scanBlock } from './prescan-block.js';

/** Reads and scans the blocks of one file it is asked for (see `prescan.ts`), and hands each block over with its stops. */
const { path, maxLineBytes } = workerData as { path: string; maxLineBytes: number };
const fd = openSync(path, 'r');

// One byte more than a block, before it: whether the block starts at a line start.
const BUFFER_BYTES = BLOCK_BYTES + 1;

parentPort!.on('message', ({ block, spare }: { block: number; spare?: ArrayBuffer }) => {
  const from = block * BLOCK_BYTES;
  const before = from === 0 ? 0 : 1;
  const whole = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(BUFFER_BYTES);
  const buffer = whole.subarray(0, BLOCK_BYTES + before);
  const read = readSync(fd, buffer, 0, buffer.length, from - before);
  const bytes = buffer.subarray(before, Math.max(before, read));
  const found = bytes.length > 0 ? scanBlock(bytes, before === 0 || buffer[0] === 10, maxLineBytes) : null;
  const transfer = [buffer.buffer as ArrayBuffer];
  if (found) for (const list of [found.stops, found.ends, found.previous, found.lineIndex, found.restAt, found.restIds, found.clocks]) transfer.push(list.buffer as ArrayBuffer);
  parentPort!.postMessage({ block, bytes, found }, transfer);
});
