// Builds tar and zip archives in memory for tests, including forged members (absolute paths, "..",
// symbolic links) that a real archiver would refuse to write.
import { crc32, deflateRawSync } from 'node:zlib';
import tar from 'tar-stream';

export interface ArchiveMember {
  readonly name: string;
  readonly data?: string | Buffer;
  /** Target of a symbolic link member. */
  readonly symlinkTo?: string;
  readonly mtime?: Date;
  /** A zip member listed with no data of its own, pointing at this earlier member's (as a zip bomb's directory does). */
  readonly sameDataAs?: string;
}

/** A tar archive of the members, as bytes. */
export async function tarOf(members: readonly ArchiveMember[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const m of members) {
    const mtime = m.mtime ?? new Date('2022-11-13T00:00:00Z');
    if (m.symlinkTo !== undefined) pack.entry({ name: m.name, type: 'symlink', linkname: m.symlinkTo, mtime });
    else pack.entry({ name: m.name, mtime }, typeof m.data === 'string' ? Buffer.from(m.data) : (m.data ?? Buffer.alloc(0)));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/**
 * A zip archive of the members (deflated; symbolic links stored with their Unix mode), as bytes. Past 65,535 members
 * it ends with the Zip64 end records, which hold the count.
 */
export function zipOf(members: readonly ArchiveMember[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  const placed = new Map<string, { offset: number; common: Buffer }>();
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const shared = m.sameDataAs !== undefined ? placed.get(m.sameDataAs)! : null;
    let common: Buffer;
    let at: number;
    const stored = m.symlinkTo !== undefined;
    if (shared) {
      ({ common, offset: at } = shared);
    } else {
      const data = stored ? Buffer.from(m.symlinkTo!) : typeof m.data === 'string' ? Buffer.from(m.data) : (m.data ?? Buffer.alloc(0));
      const body = stored ? data : deflateRawSync(data);
      // Version 2.0, UTF-8 names (bit 11), no data descriptor; DOS date 2022-11-13 00:00.
      common = Buffer.concat([u16(20), u16(0x800), u16(stored ? 0 : 8), u16(0), u16(((2022 - 1980) << 9) | (11 << 5) | 13), u32(crc32(data)), u32(body.length), u32(data.length), u16(name.length), u16(0)]);
      const header = Buffer.concat([u32(0x04034b50), common, name]);
      local.push(header, body);
      at = offset;
      placed.set(m.name, { offset: at, common });
      offset += header.length + body.length;
    }
    // (the name length inside `common` is the first member's: rewritten for this one)
    const own = Buffer.from(common);
    own.writeUInt16LE(name.length, 22);
    const mode = stored ? 0o120777 : 0o100644;
    central.push(Buffer.concat([u32(0x02014b50), u16((3 << 8) | 20), own, u16(0), u16(0), u16(0), u32(mode << 16), u32(at), name]));
  }
  const directory = Buffer.concat(central);
  const count = members.length;
  const zip64 = count > 0xffff;
  const zip64End = zip64
    ? Buffer.concat([
        Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(directory.length), u64(offset)]),
        Buffer.concat([u32(0x07064b50), u32(0), u64(offset + directory.length), u32(1)]),
      ])
    : Buffer.alloc(0);
  const shown = zip64 ? 0xffff : count;
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(shown), u16(shown), u32(directory.length), u32(offset), u16(0)]);
  return Buffer.concat([...local, directory, zip64End, end]);
}
