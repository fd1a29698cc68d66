import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSpeech } from '../../electron/core/audio/decode-speech';
import { probe } from '../../electron/core/audio/probe';
import { FileSource } from '../../electron/core/audio/source';
import { speechMemoryBytes } from '../../electron/core/audio/speech-codecs';
import { compileWat } from '../../scripts/compile-wat.mjs';
import { g729Fixture } from '../fixtures/speech-codecs';
import { makeTempDir } from '../support/temp';

// A file crafted to crash FFmpeg is hard to come by, so a stand-in with the same interface traps on its first
// decode, loaded the way a user's own FFmpeg build would be: through QA_SPEECH_CODECS_WASM.
const trapping = `(module
  (memory (export "memory") 2)
  (global $top (mut i32) (i32.const 1024))
  (func (export "_initialize"))
  (func (export "malloc") (param $size i32) (result i32)
    (global.get $top)
    (global.set $top (i32.add (global.get $top) (local.get $size))))
  (func (export "free") (param i32))
  (func (export "qa_open") (param i32 i32 i32 i32 i32) (result i32) (i32.const 8))
  (func (export "qa_decode") (param i32 i32 i32 i32 i32 i32) (result i32) (unreachable))
  (func (export "qa_close") (param i32) (unreachable)))`;

const temp = makeTempDir('qa-speech-trap-');
const file = join(temp.dir, 'call.g729');
beforeAll(async () => {
  writeFileSync(file, g729Fixture());
  const wasm = join(temp.dir, 'trapping.wasm');
  writeFileSync(wasm, await compileWat(trapping));
  process.env.QA_SPEECH_CODECS_WASM = wasm;
});
afterAll(() => {
  delete process.env.QA_SPEECH_CODECS_WASM;
  temp.cleanup();
});

describe('a speech decoder that crashes on a file', () => {
  it('reports a decode error for that file and gives the next file a new instance', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const src = new FileSource(file);
      const sink = { push() {}, pushPlanar() {}, pushMapped() {} };
      try {
        // qa_close traps too: after a crash the decoder's memory is not trusted, so it must not be called.
        expect(() => decodeSpeech(src, probe(src, { extension: '.g729' }), sink, () => {})).toThrow(
          expect.objectContaining({ code: 'decode_error', message: expect.stringContaining('decoder crashed') }),
        );
      } finally {
        src.close();
      }
      expect(speechMemoryBytes()).toBe(0);
    }
  });
});
