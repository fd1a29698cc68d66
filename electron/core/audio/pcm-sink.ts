/**
 * What every decoder writes to (decode.ts, mpg123.ts, decode-speech.ts): its own module so the decoders do not
 * import the dispatcher that imports them.
 */
/** Receives audio as it is decoded; the analyser is the usual sink. */
export interface PcmSink {
  /** Interleaved signed 16-bit frames. */
  push(samples: Int16Array, frames: number): void;
  /** Planar float frames (-1..1), one array per channel, as the WASM decoders produce them. */
  pushPlanar(planes: Float32Array[], frames: number): void;
  /** Interleaved 8-bit codes (A-law, μ-law, unsigned 8-bit) and the table that expands them to 16-bit. */
  pushMapped(codes: Uint8Array, table: Int16Array, frames: number): void;
}
