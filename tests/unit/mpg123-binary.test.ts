import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mpg123Base64 } from '../../electron/core/audio/mpg123-binary';

// The committed build of libmpg123 (scripts/build-mpg123.sh) is what the import worker runs.
describe('the committed mpg123 WebAssembly', () => {
  const bytes = Buffer.from(mpg123Base64, 'base64');

  it('is the build its header names', () => {
    const source = readFileSync(new URL('../../electron/core/audio/mpg123-binary.ts', import.meta.url), 'utf8');
    const stated = /sha256 of the WebAssembly: ([0-9a-f]{64})/.exec(source)?.[1];
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stated);
  });

  it('asks the host for nothing but a few WASI file calls, and exports what the decoder drives', () => {
    const module = new WebAssembly.Module(bytes);
    for (const i of WebAssembly.Module.imports(module)) {
      expect(i.module).toBe('wasi_snapshot_preview1');
      expect(i.kind).toBe('function');
    }
    const exported = WebAssembly.Module.exports(module).map((e) => e.name);
    for (const name of ['memory', '_initialize', 'malloc', 'free', 'qa_mp3_open', 'qa_mp3_feed', 'qa_mp3_read'])
      expect(exported).toContain(name);
  });
});
