/*
 * The import worker's interface to libmpg123, compiled with it to WebAssembly by scripts/build-mpg123.sh.
 * One handle per file, fed from JavaScript in chunks, read back as interleaved signed 16-bit samples: the
 * analyser's fastest input, and mpg123's own rounding decides each sample once.
 */
#include <stddef.h>
#include <mpg123.h>

/*
 * `channels` and `rate` are what the file's first header announced. Output keeps both for the whole file, so the
 * caller can treat it as plain interleaved PCM on one timeline: if a later frame changes mode, mpg123 mixes a
 * stereo frame down or doubles a mono one, and if a joined recording changes sample rate, mpg123 resamples it to
 * the first rate (the format table below offers no other). Returns NULL if no handle could be set up.
 */
mpg123_handle *qa_mp3_open(int channels, long rate) {
  int error = 0;
  mpg123_handle *mh = mpg123_new(NULL, &error);
  if (!mh) return NULL;
  const int mono = channels == 1;
  const long flags =
      MPG123_QUIET | MPG123_GAPLESS | MPG123_AUTO_RESAMPLE | (mono ? MPG123_MONO_MIX : MPG123_FORCE_STEREO);
  const int ok = mpg123_param(mh, MPG123_FLAGS, flags, 0) == MPG123_OK && mpg123_format_none(mh) == MPG123_OK &&
                 mpg123_format(mh, rate, mono ? MPG123_MONO : MPG123_STEREO, MPG123_ENC_SIGNED_16) == MPG123_OK;
  if (!ok || mpg123_open_feed(mh) != MPG123_OK) {
    mpg123_delete(mh);
    return NULL;
  }
  return mh;
}

int qa_mp3_feed(mpg123_handle *mh, const unsigned char *input, size_t size) { return mpg123_feed(mh, input, size); }

/* Writes up to `size` bytes of samples to `output` and their count in bytes to `*done`; returns mpg123's code. */
int qa_mp3_read(mpg123_handle *mh, short *output, size_t size, size_t *done) {
  return mpg123_read(mh, output, size, done);
}

const char *qa_mp3_error(mpg123_handle *mh) { return mpg123_strerror(mh); }

void qa_mp3_close(mpg123_handle *mh) { mpg123_delete(mh); }
