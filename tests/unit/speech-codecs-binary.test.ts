import { describe, expect, it } from 'vitest';
import { committedWasm } from '../support/committed-wasm';
import { speechCodecsBase64 } from '../../electron/core/audio/speech-codecs-binary';

// The committed build of FFmpeg's decoders (scripts/build-speech-codecs.sh) is what the import worker runs.
describe('the committed speech-codecs WebAssembly', () => {
  const build = committedWasm('electron/core/audio/speech-codecs-binary.ts', speechCodecsBase64, [
    'scripts/build-speech-codecs.sh',
    'scripts/speech-codecs/qa_speech.c',
    'scripts/speech-codecs/wasi-compat.h',
  ]);
  const bytes = build.bytes;

  it('is the build its header names, from the build inputs as they are now', () => {
    expect(build.matchesHeader).toBe(true);
    expect(build.stale, 'inputs changed since the binary was built').toEqual([]);
  });

  it('asks the host only for WASI calls the loader answers or stubs, and exports what it drives', () => {
    const module = new WebAssembly.Module(bytes);
    const imports = WebAssembly.Module.imports(module);
    expect(new Set(imports.map((i) => `${i.module}:${i.kind}`))).toEqual(new Set(['wasi_snapshot_preview1:function']));
    // No file, socket or process call beyond what wasi-libc's start-up and stdio link in.
    expect(imports.map((i) => i.name).filter((n) => /sock|path_(?!open)|poll|random|sched/.test(n))).toEqual([]);
    const exported = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(exported).toEqual(
      expect.arrayContaining(['memory', '_initialize', 'malloc', 'free', 'qa_open', 'qa_decode', 'qa_close']),
    );
  });
});
