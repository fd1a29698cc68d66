/* wasi-libc has no temporary files: libavutil's av_tempfile, which no decoder calls, falls back to tempnam. */
#include <stdio.h>
static inline char *tempnam(const char *dir, const char *prefix) {
  (void)dir;
  (void)prefix;
  return NULL;
}
