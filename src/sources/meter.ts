/** Something that has read bytes from disk: an fs.ReadStream. */
interface DiskReader {
  readonly bytesRead: number;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Bytes read from disk (compressed bytes for archives) against the total size of the inputs, for the
 * progress bar. Disk streams are polled rather than tapped, so reading costs nothing extra.
 */
export class ReadMeter {
  /** Sum of the input files' sizes; null when stdin is read (its size is unknown). */
  total: number | null = null;
  private settled = 0;
  private readonly live = new Set<DiskReader>();

  watch(reader: DiskReader): void {
    this.live.add(reader);
    reader.once('close', () => {
      this.live.delete(reader);
      this.settled += reader.bytesRead;
    });
  }

  /** The inputs are read again from the start (a second pass). */
  restart(): void {
    this.settled = 0;
  }

  /** Bytes read by other means (zip members are read at random offsets). */
  add(bytes: number): void {
    this.settled += bytes;
  }

  get read(): number {
    let n = this.settled;
    for (const reader of this.live) n += reader.bytesRead;
    return n;
  }
}
