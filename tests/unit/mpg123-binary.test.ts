import { describe, expect, it } from 'vitest';
import { committedWasm } from '../support/committed-wasm';
import { mpg123Base64 } from '../../electron/core/audio/mpg123-binary';

// The committed build of libmpg123 (scripts/build-mpg123.sh) is what the import worker runs.
describe('the committed mpg123 WebAssembly', () => {
  const build = committedWasm('electron/core/audio/mpg123-binary.ts', mpg123Base64, [
    'scripts/build-mpg123.sh',
    'scripts/mpg123/qa_mpg123.c',
    'scripts/mpg123/wasi-compat.h',
  ]);
  const bytes = build.bytes;

  it('is the build its header names, from the build inputs as they are now', () => {
    expect(build.matchesHeader).toBe(true);
    expect(build.stale, 'inputs changed since the binary was built').toEqual([]);
  });

  it('asks the host only for the four WASI file calls the decoder stubs, and exports what it drives', () => {
    const module = new WebAssembly.Module(bytes);
    const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`);
    expect(imports.sort()).toEqual(
      ['fd_close', 'fd_read', 'fd_seek', 'fd_write'].map((name) => `wasi_snapshot_preview1.${name}:function`),
    );
    const exported = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(exported).toEqual(
      expect.arrayContaining([
        'memory',
        '_initialize',
        'malloc',
        'free',
        'qa_mp3_open',
        'qa_mp3_feed',
        'qa_mp3_read',
        'qa_mp3_error',
        'qa_mp3_close',
      ]),
    );
  });
});
