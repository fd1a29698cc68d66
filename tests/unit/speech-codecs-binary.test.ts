import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { speechCodecsBase64 } from '../../electron/core/audio/speech-codecs-binary';

// The committed build of FFmpeg's decoders (scripts/build-speech-codecs.sh) is what the import worker runs.
describe('the committed speech-codecs WebAssembly', () => {
  const bytes = Buffer.from(speechCodecsBase64, 'base64');
  const header = readFileSync(new URL('../../electron/core/audio/speech-codecs-binary.ts', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('//'))
    .join('\n');
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

  it('is the build its header names, from the build inputs as they are now', () => {
    expect(sha256(bytes)).toBe(/sha256 of the WebAssembly: ([0-9a-f]{64})/.exec(header)?.[1]);
    // Editing the C interface or the build without running `npm run build:speech-codecs` leaves a stale binary.
    const inputs = [
      'scripts/build-speech-codecs.sh',
      'scripts/speech-codecs/qa_speech.c',
      'scripts/speech-codecs/wasi-compat.h',
    ];
    for (const input of inputs) {
      const now = sha256(readFileSync(new URL(`../../${input}`, import.meta.url)));
      expect(header, `${input} changed since the binary was built`).toContain(`${now}  ${input}`);
    }
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
