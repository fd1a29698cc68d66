import type { ByteSource } from './source';

/**
 * Dialogic VOX (OKI ADPCM) for playback from the middle of a file. Its predictor never decays, so a decoder started
 * mid-stream stays off by a constant for the rest of the file; playback instead resumes from the exact decoder state
 * at a checkpoint. Bit-exact with FFmpeg's adpcm_ima_oki, which the import decodes with.
 */
const steps = Int16Array.from([
  16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190,
  209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552,
]);
const indexShift = Int8Array.from([-1, -1, -1, -1, 2, 4, 6, 8, -1, -1, -1, -1, 2, 4, 6, 8]);

interface State {
  predictor: number;
  index: number;
}

/** Decodes `count` bytes (two samples each, high nibble first) from `bytes`, advancing `state`; `out` may be absent. */
function decode(bytes: Uint8Array, count: number, state: State, out?: Int16Array): void {
  let { predictor, index } = state;
  for (let i = 0; i < 2 * count; i++) {
    const nibble = i & 1 ? bytes[i >> 1] & 15 : bytes[i >> 1] >> 4;
    const step = steps[index];
    index = Math.min(48, Math.max(0, index + indexShift[nibble]));
    const diff = ((2 * (nibble & 7) + 1) * step) >> 3;
    predictor += nibble & 8 ? -diff : diff;
    predictor = predictor > 2047 ? 2047 : predictor < -2048 ? -2048 : predictor;
    if (out) out[i] = predictor * 16;
  }
  state.predictor = predictor;
  state.index = index;
}

const checkpointBytes = 64 * 1024;
/** Decoder states at every checkpointBytes of a file, for the last few files played (library files never change). */
const checkpoints = new Map<string, State[]>();

function statesOf(key: string, src: ByteSource): State[] {
  let states = checkpoints.get(key);
  if (states) return states;
  states = [{ predictor: 0, index: 0 }];
  const chunk = new Uint8Array(new ArrayBuffer(checkpointBytes));
  const state = { predictor: 0, index: 0 };
  for (let at = 0; at + checkpointBytes <= src.size; at += checkpointBytes) {
    decode(chunk, src.readInto(chunk, at, checkpointBytes), state);
    states.push({ ...state });
  }
  if (checkpoints.size >= 8) checkpoints.delete(checkpoints.keys().next().value!);
  checkpoints.set(key, states);
  return states;
}

/** Interleaved 16-bit PCM of frames [from, to) of the VOX file `key` (its path), about `chunkFrames` at a time. */
export function* voxPcm(
  key: string,
  src: ByteSource,
  from: number,
  to: number,
  chunkFrames: number,
): Generator<Buffer> {
  const states = statesOf(key, src);
  const checkpoint = Math.min(states.length - 1, Math.floor(from / 2 / checkpointBytes));
  const state = { ...states[checkpoint] };
  let position = checkpoint * checkpointBytes;
  const input = new Uint8Array(new ArrayBuffer(Math.ceil(chunkFrames / 2)));
  const output = new Int16Array(input.length * 2);
  while (position * 2 < to) {
    const got = src.readInto(input, position, input.length);
    if (got === 0) return;
    decode(input, got, state, output);
    const first = position * 2;
    const skip = Math.max(0, from - first);
    const keep = Math.min(got * 2, to - first);
    // Copied: `output` is reused for the next chunk.
    if (keep > skip) yield Buffer.from(new Uint8Array(output.buffer, skip * 2, (keep - skip) * 2));
    position += got;
  }
}
