import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashingSource } from '../../electron/core/audio/hashing-source';
import { BufferSource } from '../../electron/core/audio/source';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

// The import hashes a new file from its decoder's reads: whatever order they come in, the hash must be the file's.
describe('hashing a file from the reads a decoder makes', () => {
  it('gives the SHA-256 of the whole file for any pattern of reads', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 5000 }),
        fc.array(fc.record({ at: fc.nat(6000), length: fc.nat(3000), copy: fc.boolean() }), { maxLength: 20 }),
        (data, reads) => {
          const src = new HashingSource(new BufferSource(data));
          for (const { at, length, copy } of reads) {
            if (copy) src.read(at, length);
            else src.readInto(new Uint8Array(length), at, length);
          }
          expect(src.digest()).toBe(sha256(data));
        },
      ),
    );
  });

  it('hands the decoder the bytes it asked for', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 255);
    const src = new HashingSource(new BufferSource(data));
    const into = new Uint8Array(10);
    expect(src.readInto(into, 100, 10)).toBe(10);
    expect([...into]).toEqual([...data.subarray(100, 110)]);
    expect([...src.read(295, 10)]).toEqual([...data.subarray(295)]);
  });
});
