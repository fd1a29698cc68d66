import type { WavSampleFormat } from './probe';
import { alawTable, mulawTable } from './g711';

/**
 * Converts `frames × channels` interleaved samples from raw WAV bytes to interleaved signed 16-bit, the one
 * format the peak and voice-activity kernel reads. 16-bit PCM needs no copy at all. Plain indexed loops on typed
 * arrays: these run once per sample of hour-long files, so no closures or per-sample calls.
 */
export function toInt16(format: WavSampleFormat, bytes: Uint8Array, samples: number, out: Int16Array): Int16Array {
  switch (format) {
    case 's16':
      if ((bytes.byteOffset & 1) === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, samples);
      for (let i = 0; i < samples; i++) out[i] = ((bytes[2 * i] | (bytes[2 * i + 1] << 8)) << 16) >> 16;
      return out;
    case 'u8':
      for (let i = 0; i < samples; i++) out[i] = (bytes[i] - 128) << 8;
      return out;
    case 'alaw':
      for (let i = 0; i < samples; i++) out[i] = alawTable[bytes[i]];
      return out;
    case 'mulaw':
      for (let i = 0; i < samples; i++) out[i] = mulawTable[bytes[i]];
      return out;
    case 's24':
      // The top two bytes of each little-endian 24-bit sample are its 16-bit value.
      for (let i = 0, j = 1; i < samples; i++, j += 3) out[i] = ((bytes[j] | (bytes[j + 1] << 8)) << 16) >> 16;
      return out;
    case 's32':
      for (let i = 0, j = 2; i < samples; i++, j += 4) out[i] = ((bytes[j] | (bytes[j + 1] << 8)) << 16) >> 16;
      return out;
    case 'f32': {
      const f = new Float32Array(bytes.buffer, bytes.byteOffset, samples);
      return floatToInt16(f, samples, out);
    }
    case 'f64': {
      const f = new Float64Array(bytes.buffer, bytes.byteOffset, samples);
      return floatToInt16(f, samples, out);
    }
  }
}

/** unsigned 8-bit PCM as a lookup table, so it can share the A-law/μ-law path. */
export const u8Table = Int16Array.from({ length: 256 }, (_, i) => (i - 128) << 8);

/** The expansion table for 8-bit codes, or undefined for formats that are not one byte per sample. */
export function byteTable(format: WavSampleFormat): Int16Array | undefined {
  return format === 'alaw' ? alawTable : format === 'mulaw' ? mulawTable : format === 'u8' ? u8Table : undefined;
}

function floatToInt16(f: Float32Array | Float64Array, samples: number, out: Int16Array): Int16Array {
  for (let i = 0; i < samples; i++) {
    const v = f[i] * 32768;
    out[i] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : v;
  }
  return out;
}

/** Planar float output of the WASM decoders → interleaved 16-bit, keeping the first `channels` planes. */
export function planarFloatToInt16(
  planes: Float32Array[],
  channels: number,
  frames: number,
  out: Int16Array,
): Int16Array {
  for (let c = 0; c < channels; c++) {
    const p = planes[c];
    for (let i = 0, j = c; i < frames; i++, j += channels) {
      const v = p[i] * 32768;
      out[j] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : v;
    }
  }
  return out;
}
