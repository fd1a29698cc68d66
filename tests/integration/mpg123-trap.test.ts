import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMpeg, mpg123MemoryBytes } from '../../electron/core/audio/mpg123';
import { probe } from '../../electron/core/audio/probe';
import { FileSource } from '../../electron/core/audio/source';
import { compileWat } from '../../scripts/compile-wat.mjs';
import { buildCall, cleanCall, convert } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

// A file crafted to crash mpg123 is hard to come by, so a stand-in decoder with the same interface crashes (traps)
// on its first read, loaded the way a user's own libmpg123 build would be: through QA_MPG123_WASM.
const trapping = `(module
  (memory (export "memory") 2)
  (global $top (mut i32) (i32.const 1024))
  (func (export "_initialize"))
  (func (export "malloc") (param $size i32) (result i32)
    (global.get $top)
    (global.set $top (i32.add (global.get $top) (local.get $size))))
  (func (export "free") (param i32))
  (func (export "qa_mp3_open") (param i32 i32) (result i32) (i32.const 8))
  (func (export "qa_mp3_feed") (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "qa_mp3_read") (param i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "qa_mp3_error") (param i32) (result i32) (i32.const 0))
  (func (export "qa_mp3_close") (param i32) (unreachable)))`;

const temp = makeTempDir('qa-mpg123-trap-');
const mp3 = join(temp.dir, 'call.mp3');
beforeAll(async () => {
  const wav = join(temp.dir, 'call.wav');
  writeFileSync(wav, buildCall(cleanCall).wav);
  convert(wav, mp3, 'mp3');
  const wasm = join(temp.dir, 'trapping.wasm');
  writeFileSync(wasm, await compileWat(trapping));
  process.env.QA_MPG123_WASM = wasm;
}, 60_000);
afterAll(() => {
  delete process.env.QA_MPG123_WASM;
  temp.cleanup();
});

describe('a decoder that crashes on a file', () => {
  it('reports a decode error for that file and gives the next file a new decoder', () => {
    const src = new FileSource(mp3);
    const sink = { push() {}, pushPlanar() {}, pushMapped() {} };
    try {
      // qa_mp3_close traps too: after a crash the decoder's memory is not trusted, so it must not be called.
      expect(() => decodeMpeg(src, probe(src), sink, () => {})).toThrow(
        expect.objectContaining({ code: 'decode_error', message: expect.stringContaining('MP3 decoder failed') }),
      );
    } finally {
      src.close();
    }
    expect(mpg123MemoryBytes()).toBe(0);
  });
});
