import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Reason } from '../result/warnings.js';

/**
 * The largest dictionary the in-process decoder takes (xz-decompress builds xz-embedded with this dict_max: what
 * `xz -9` uses); the program is held to the same bound, so that a file is read or refused the same way by either.
 */
export const XZ_DICTIONARY_LIMIT_BYTES = 64 * 1024 ** 2;
/** `xz -9`'s data needs 65 MiB to decode (its dictionary and the decoder's state); the next dictionary size, 96 MiB, 97. */
const XZ_MEMORY_LIMIT = '65MiB';

/** The xz program's failure, with the reason it gave (its messages read in the C locale). */
export class XzProgramError extends Error {
  override readonly name = 'XzProgramError';
  constructor(
    message: string,
    readonly why: Reason,
  ) {
    super(message);
  }
}

// xz's messages for liblzma's return codes (src/xz/message.c) and the reasons they give for a file not being read.
const XZ_PROGRAM_REASONS: readonly (readonly [RegExp, Reason])[] = [
  [/File format not recognized/, { reason: 'xz-not-xz' }],
  [/Unexpected end of input/, { reason: 'xz-truncated' }],
  [/Compressed data is corrupt/, { reason: 'xz-corrupt' }],
  [/Unsupported options/, { reason: 'xz-options' }],
  [/Memory usage limit reached/, { reason: 'xz-dictionary', limitBytes: XZ_DICTIONARY_LIMIT_BYTES }],
  [/Cannot allocate memory/, { reason: 'xz-memory' }],
];

/** Why the xz program failed, from what it wrote on stderr (its last line when no known message is there). */
export function xzProgramReason(stderr: string, status: string): Reason {
  const known = XZ_PROGRAM_REASONS.find(([message]) => message.test(stderr));
  if (known) return known[1];
  const said = stderr.trim().split('\n').pop()?.replace(/^xz: (?:\(stdin\): )?/, '');
  return { reason: 'error', detail: said ? `xz: ${said}` : `xz ${status}` };
}

let found: { readonly path: string | undefined; readonly program: string | null } | null = null;

/**
 * The `xz` program on PATH, or null when there is none or KTRIAGE_XZ=builtin asks for the decoder in WebAssembly.
 * Looked up once per PATH: a sosreport holds one xz stream, a folder of rotated logs hundreds.
 */
export function xzProgram(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KTRIAGE_XZ === 'builtin') return null;
  if (found === null || found.path !== env.PATH) found = { path: env.PATH, program: findOnPath('xz', env.PATH ?? '') };
  return found.program;
}

function findOnPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: the next folder of PATH
    }
  }
  return null;
}

/** The text of an xz stream decoded in this thread: by the xz `program` when one is given, else by xz-decompress (WebAssembly). */
export function xzText(compressed: Readable, program: string | null): Readable {
  if (program) return xzByProgram(compressed, program);
  // Loaded here, not with the module: its WebAssembly costs some 7 ms at each start, and most runs read no xz.
  const xz = createRequire(import.meta.url)('xz-decompress') as typeof import('xz-decompress');
  return Readable.fromWeb(new xz.XzReadableStream(Readable.toWeb(compressed) as ReadableStream<Uint8Array>) as WebReadableStream<Uint8Array>);
}

/**
 * The text of an xz stream, decoded by the xz program (XZ Utils, some 210 MB of text a second on one core, twice the
 * WebAssembly decoder, and in a process of its own). Only the compressed bytes go to it, on stdin: no file name and no
 * text of the log is on its command line. The text decoded before a failure is read before the failure is given (an
 * XzProgramError); destroying the stream ends the program and the compressed stream.
 */
export function xzByProgram(compressed: Readable, program: string): Readable {
  const child = spawn(program, ['--decompress', '--stdout', `--memlimit-decompress=${XZ_MEMORY_LIMIT}`], {
    // The C locale: its messages are read for the reason of a failure.
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // xz stops reading at a failure (EPIPE here): its exit status and message say why.
  pipeline(compressed, child.stdin, () => undefined);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (said: string) => {
    if (stderr.length < 4096) stderr += said;
  });
  const exit = new Promise<string | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code === 0 ? null : signal ? `killed by ${signal}` : `exit status ${code}`));
  });
  exit.catch(() => undefined);
  async function* text(): AsyncGenerator<Buffer> {
    try {
      yield* gathered(child.stdout);
      const failure = await exit;
      if (failure) throw new XzProgramError(`xz failed: ${stderr.trim() || failure}`, xzProgramReason(stderr, failure));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      compressed.destroy();
    }
  }
  return Readable.from(text(), { objectMode: false });
}

/** Bytes of text per piece handed on: xz writes 8 KiB at a time, and each piece has a cost of its own to the reader. */
const PIECE_BYTES = 1 << 20;

/** The stream's bytes in pieces of PIECE_BYTES (the last one shorter). */
async function* gathered(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let piece = Buffer.allocUnsafe(PIECE_BYTES);
  let filled = 0;
  for await (const chunk of stream) {
    for (let at = 0; at < chunk.length; ) {
      const taken = chunk.copy(piece, filled, at);
      filled += taken;
      at += taken;
      if (filled < PIECE_BYTES) continue;
      yield piece;
      piece = Buffer.allocUnsafe(PIECE_BYTES);
      filled = 0;
    }
  }
  if (filled > 0) yield piece.subarray(0, filled);
}
