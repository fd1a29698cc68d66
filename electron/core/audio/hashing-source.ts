import { createHash } from 'node:crypto';
import type { ByteSource } from './source';

/**
 * Hashes a file (SHA-256) from the reads its decoder makes anyway, so an import reads each byte once. Decoders read
 * mostly front to back: bytes already hashed are skipped, a read past the hashed part first hashes the gap, and
 * `digest` hashes whatever the decoder never read (trailing chunks, a tag at the end).
 */
export class HashingSource implements ByteSource {
  private readonly hash = createHash('sha256');
  private hashed = 0;
  private gap: Uint8Array | undefined;

  constructor(private readonly inner: ByteSource) {}

  get size(): number {
    return this.inner.size;
  }

  readInto(target: Uint8Array, position: number, length: number): number {
    const n = this.inner.readInto(target, position, length);
    this.absorb(target, position, n);
    return n;
  }

  read(position: number, length: number): Buffer {
    const bytes = this.inner.read(position, length);
    this.absorb(bytes, position, bytes.length);
    return bytes;
  }

  digest(): string {
    this.fill(this.inner.size);
    return this.hash.digest('hex');
  }

  private absorb(bytes: Uint8Array, position: number, n: number): void {
    if (position > this.hashed) this.fill(position);
    if (position + n > this.hashed) {
      this.hash.update(bytes.subarray(this.hashed - position, n));
      this.hashed = position + n;
    }
  }

  /** Hashes [hashed, upTo) by reading it. */
  private fill(upTo: number): void {
    this.gap ??= new Uint8Array(new ArrayBuffer(1024 * 1024));
    while (this.hashed < upTo) {
      const n = this.inner.readInto(this.gap, this.hashed, Math.min(this.gap.length, upTo - this.hashed));
      if (n === 0) break;
      this.hash.update(this.gap.subarray(0, n));
      this.hashed += n;
    }
  }
}
