import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AudioFormatError } from './errors';

/** Positional reads on an open file, so probing and decoding never hold more than one chunk in memory. */
export interface ByteSource {
  readonly size: number;
  /** Reads up to `length` bytes at `position` into `target` (from its start); returns the count read. */
  readInto(target: Uint8Array, position: number, length: number): number;
  /** A fresh buffer with up to `length` bytes at `position`. */
  read(position: number, length: number): Buffer;
}

export class FileSource implements ByteSource {
  readonly size: number;
  private readonly fd: number;

  constructor(path: string) {
    let info;
    try {
      // Non-blocking, so a pipe put where a file was (after the scan looked) cannot hang this thread in open().
      this.fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      info = fstatSync(this.fd);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new AudioFormatError('unreadable', `Cannot read the file (${reason}).`);
    }
    if (!info.isFile()) {
      closeSync(this.fd);
      throw new AudioFormatError('unreadable', 'Not a regular file (a pipe, device or socket).');
    }
    this.size = info.size;
  }

  readInto(target: Uint8Array, position: number, length: number): number {
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, target, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  read(position: number, length: number): Buffer {
    const size = Math.max(0, Math.min(length, this.size - position));
    const buffer = Buffer.alloc(size);
    const n = this.readInto(buffer, position, size);
    return n === size ? buffer : buffer.subarray(0, n);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** In-memory source for tests of the probe on hand-made headers. */
export class BufferSource implements ByteSource {
  constructor(private readonly data: Uint8Array) {}
  get size(): number {
    return this.data.length;
  }
  readInto(target: Uint8Array, position: number, length: number): number {
    const part = this.data.subarray(position, Math.min(this.data.length, position + length));
    target.set(part);
    return part.length;
  }
  read(position: number, length: number): Buffer {
    return Buffer.from(this.data.subarray(position, Math.min(this.data.length, position + length)));
  }
}
