import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { textMemories } from '../analysis/text-reading.js';
import { HeaderMatcher } from '../reports/header-matcher.js';
import { BLOCK_BUFFER_BYTES, BLOCK_BYTES, listBuffers, readScannedBlock, scanWithTexts, type BlockStops, type TextReader } from './prescan-block.js';
import { WORKER_LOADED } from './scan-workers.js';
import type { ReadWholeReply, ReadWholeRequest, WholeBlock } from './read-ahead.js';

/**
 * Reads and scans the blocks of the file it is given (`open`, see `prescan.ts`: one file after the other), and hands
 * each block asked for over with its stops and the plain texts of its kept lines read and templated (readTexts): the
 * main thread then only counts them into their events. The blocks of a stream (`scan`, see `stream-scan.ts`) come
 * with their bytes, and are scanned the same way. A small file (`readWhole`, see read-ahead.ts) is read (and
 * inflated) and cut into blocks here, all of it handed over at once.
 */
let file: { fd: number; maxLineBytes: number; everyLine: boolean; id: number } | null = null;

// zlib's own default piece, for a file whose trailer tells a smaller size (or none).
const MIN_INFLATE_CHUNK = 16 * 1024;

/**
 * The worker's own copy of a stream's block: scanned where the main thread shares it (a SharedArrayBuffer), a block took
 * a fifth longer (quiet, one thread: 1.23-1.25 ms a block against 1.03-1.09 with the copy made first).
 */
let streamBlock: Buffer | null = null;

const headers = new HeaderMatcher();
/** What the worker remembers of the texts it read, in the fast and in the full read (see workerTexts). */
const memoryOf = textMemories();

type Request =
  | { open: string; maxLineBytes: number; everyLine: boolean; file: number }
  | { block: number; spare?: ArrayBuffer }
  // A block of a stream (see stream-scan.ts; the fast read only), its bytes given: scanned, its texts read, the bytes not handed back.
  | { scan: Uint8Array; startsAtLine: boolean; maxLineBytes: number; file: number; block: number }
  | ReadWholeRequest;

parentPort!.on('message', (request: Request) => {
  if ('open' in request) {
    if (file) closeSync(file.fd);
    file = { fd: openSync(request.open, 'r'), maxLineBytes: request.maxLineBytes, everyLine: request.everyLine, id: request.file };
    return;
  }
  if ('readWhole' in request) {
    const { reply, transfer } = readWhole(request);
    parentPort!.postMessage(reply, transfer);
    return;
  }
  if ('scan' in request) {
    streamBlock ??= Buffer.allocUnsafeSlow(BLOCK_BYTES);
    const bytes = streamBlock.subarray(0, Buffer.from(request.scan.buffer, request.scan.byteOffset, request.scan.byteLength).copy(streamBlock));
    const found = scanned(bytes, request.startsAtLine, request.maxLineBytes, false);
    parentPort!.postMessage({ file: request.file, block: request.block, found }, found ? listBuffers(found) : []);
    return;
  }
  const { block, spare } = request;
  const whole = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(BLOCK_BUFFER_BYTES);
  const { bytes, found } = readScannedBlock(file!.fd, block, whole, file!.maxLineBytes, file!.everyLine, readerOf(file!.everyLine));
  parentPort!.postMessage({ file: file!.id, block, bytes, found }, [whole.buffer as ArrayBuffer, ...(found ? listBuffers(found) : [])]);
});

// (the command sets its V8 flags once the workers have loaded: see workersLoaded)
parentPort!.postMessage(WORKER_LOADED);

/** A block's stops with the texts of its kept lines read (see scanWithTexts), by this thread's reader. */
function scanned(bytes: Buffer, startsAtLine: boolean, maxLineBytes: number, everyLine: boolean): BlockStops | null {
  return scanWithTexts(bytes, startsAtLine, maxLineBytes, everyLine, readerOf(everyLine));
}

/** This thread's reader of texts, for the fast or the full read. */
function readerOf(everyLine: boolean): TextReader {
  return { headers, memory: memoryOf(everyLine) };
}

/**
 * A small file read (and inflated when `gzip`), cut into blocks and each scanned; its blocks null when it is not read here
 * (it cannot be read, is no regular file, is no valid gzip, or holds more than `maxBytes`): the main thread then reads it
 * as a stream, and says why it failed.
 */
function readWhole({ readWhole: path, gzip, file, job, maxLineBytes, maxBytes, everyLine }: ReadWholeRequest): { reply: ReadWholeReply; transfer: ArrayBuffer[] } {
  const unread = { reply: { file, job, text: null, blocks: null }, transfer: [] };
  let text: Buffer;
  try {
    const packed = readRegularFile(path, maxBytes);
    if (!packed) return unread;
    if (!gzip) text = packed;
    else {
      // The last member's size, in the gzip trailer (ISIZE): a file too large is left without inflating it.
      const told = packed.length >= 18 ? packed.readUInt32LE(packed.length - 4) : 0;
      if (told > maxBytes) return unread;
      // Output in one piece of the size told, and a byte to spare so that zlib ends with room left: no second piece and
      // no joining of 16 KiB pieces (a third of the worker's time on the hosts bench profile). A wrong size (several
      // members) only costs the pieces again.
      text = gunzipSync(packed, { maxOutputLength: maxBytes, chunkSize: Math.max(told + 1, MIN_INFLATE_CHUNK) });
    }
  } catch {
    return unread;
  }
  // Its own memory (but for the spare byte), moved to the main thread whole; a small buffer may share a pool with others.
  const whole = text.byteOffset === 0 && text.buffer.byteLength - text.byteLength <= 1 ? text : Buffer.from(text);
  const blocks: WholeBlock[] = [];
  for (let at = 0; at < whole.length; at += BLOCK_BYTES) {
    const bytes = whole.subarray(at, Math.min(at + BLOCK_BYTES, whole.length));
    blocks.push({ at, length: bytes.length, found: scanned(bytes, at === 0 || whole[at - 1] === 10, maxLineBytes, everyLine) });
  }
  const transfer = [whole.buffer as ArrayBuffer, ...blocks.flatMap((block) => (block.found ? listBuffers(block.found) : []))];
  return { reply: { file, job, text: whole, blocks }, transfer };
}

/** A regular file's bytes, null when it is none (a pipe is read as a stream: it may never end) or holds more than `maxBytes`. */
function readRegularFile(path: string, maxBytes: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    return info.isFile() && info.size <= maxBytes ? readFileSync(fd) : null;
  } finally {
    closeSync(fd);
  }
}
