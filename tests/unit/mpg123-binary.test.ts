import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mpg123Base64 } from '../../electron/core/audio/mpg123-binary';

// The committed build of libmpg123 (scripts/build-mpg123.sh) is what the import worker runs.
describe('the committed mpg123 WebAssembly', () => {
  const bytes = Buffer.from(mpg123Base64, 'base64');
  const header = readFileSync(new URL('../../electron/core/audio/mpg123-binary.ts', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('//'))
    .join('\n');
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

  it('is the build its header names, from the build inputs as they are now', () => {
    expect(sha256(bytes)).toBe(/sha256 of the WebAssembly: ([0-9a-f]{64})/.exec(header)?.[1]);
    // Editing the C interface or the build without running `npm run build:mpg123` leaves a stale binary.
    for (const input of ['scripts/build-mpg123.sh', 'scripts/mpg123/qa_mpg123.c', 'scripts/mpg123/wasi-compat.h']) {
      const now = sha256(readFileSync(new URL(`../../${input}`, import.meta.url)));
      expect(header, `${input} changed since the binary was built`).toContain(`${now}  ${input}`);
    }
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
