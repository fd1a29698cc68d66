#!/usr/bin/env bash
# Encodes a WAV (8 kHz mono 16-bit) to raw G.729 Annex A frames with bcg729's own encoder, for the test fixture
# tests/fixtures/audio/eventful-mono.g729: neither ffmpeg nor sox can encode G.729. bcg729 (GPL-3) is built
# natively here and used only to make that file; nothing of it ships in the app.
# Source: Debian 12's bcg729 1.1.1, from deb.debian.org, checked against the hash below. Needs gcc, curl, sox.
# Usage: scripts/make-g729-fixture.sh IN.wav OUT.g729
set -euo pipefail
version=1.1.1
orig_sha256=68599a850535d1b182932b3f86558ac8a76d4b899a548183b062956c5fdc916d
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsS -o "$work/bcg729.tar.gz" "http://deb.debian.org/debian/pool/main/b/bcg729/bcg729_${version}.orig.tar.gz"
echo "$orig_sha256  $work/bcg729.tar.gz" | sha256sum -c --quiet -
tar -xzf "$work/bcg729.tar.gz" -C "$work"
src="$work/bcg729-$version"
cat >"$work/encode.c" <<'C'
#include <stdio.h>
#include <stdint.h>
#include <bcg729/encoder.h>
/* 80 samples (10 ms) in, one 10-octet frame out; voice activity detection off, so every frame is a full one. */
int main(void) {
  bcg729EncoderChannelContextStruct *encoder = initBcg729EncoderChannel(0);
  int16_t pcm[80];
  uint8_t frame[10], length;
  while (fread(pcm, 2, 80, stdin) == 80) {
    bcg729Encoder(encoder, pcm, frame, &length);
    fwrite(frame, 1, length, stdout);
  }
  closeBcg729EncoderChannel(encoder);
  return 0;
}
C
gcc -O2 -I"$src/include" -I"$src/src" -o "$work/encode" "$work/encode.c" "$src"/src/*.c -lm
sox "$1" -t raw -r 8000 -e signed -b 16 -c 1 - | "$work/encode" >"$2"
echo "make-g729-fixture: $(stat -c %s "$2") bytes → $2"
