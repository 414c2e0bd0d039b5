import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { readTexts, workerTexts } from '../analysis/text-reading.js';
import { HeaderMatcher } from '../reports/header-matcher.js';
import { BLOCK_BYTES, scanBlock } from './prescan-block.js';

/**
 * Reads and scans the blocks of the file it is given (`open`, see `prescan.ts`: one file after the other), and hands
 * each block asked for over with its stops and the plain texts of its kept lines read and templated (readTexts): the
 * main thread then only counts them into their events.
 */
let file: { fd: number; maxLineBytes: number; id: number } | null = null;

// One byte more than a block, before it: whether the block starts at a line start.
const BUFFER_BYTES = BLOCK_BYTES + 1;

const headers = new HeaderMatcher();
const memory = workerTexts();

type Request = { open: string; maxLineBytes: number; file: number } | { block: number; spare?: ArrayBuffer };

parentPort!.on('message', (request: Request) => {
  if ('open' in request) {
    if (file) closeSync(file.fd);
    file = { fd: openSync(request.open, 'r'), maxLineBytes: request.maxLineBytes, id: request.file };
    return;
  }
  const { block, spare } = request;
  const from = block * BLOCK_BYTES;
  const before = from === 0 ? 0 : 1;
  const whole = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(BUFFER_BYTES);
  const buffer = whole.subarray(0, BLOCK_BYTES + before);
  const read = readSync(file!.fd, buffer, 0, buffer.length, from - before);
  const bytes = buffer.subarray(before, Math.max(before, read));
  const scanned = bytes.length > 0 ? scanBlock(bytes, before === 0 || buffer[0] === 10, file!.maxLineBytes) : null;
  const found = scanned && { ...scanned, texts: readTexts(bytes, scanned, headers, memory) };
  const transfer = [buffer.buffer as ArrayBuffer];
  if (found) for (const list of [found.stops, found.ends, found.previous, found.lineIndex, found.restAt, found.restIds, found.clocks, found.restSpans, found.texts.fields]) transfer.push(list.buffer as ArrayBuffer);
  parentPort!.postMessage({ file: file!.id, block, bytes, found }, transfer);
});
