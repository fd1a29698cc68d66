import type { ImportFailureCode, ImportFailureReason } from '../../../shared/recording';

export type AudioErrorCode = Extract<
  ImportFailureCode,
  'empty' | 'not_audio' | 'truncated' | 'unsupported_codec' | 'decode_error' | 'unreadable' | 'cancelled'
>;

/** A per-file problem the inspector can act on; the message names what is wrong with the file. */
export class AudioFormatError extends Error {
  constructor(
    readonly code: AudioErrorCode,
    message: string,
    /** What the page shows, in its own language; `message` is the English detail for logs and the qa command. */
    readonly reason?: ImportFailureReason,
  ) {
    super(message);
    this.name = 'AudioFormatError';
  }
}

/** For a decoder that got no audio at all out of a file: names the codec and the decoder's first complaint. */
export function noAudioError(codec: string, firstError: string): AudioFormatError {
  const detail = firstError ? `: ${firstError}` : '';
  return new AudioFormatError('decode_error', `No audio could be decoded from this ${codec} file${detail}.`);
}
