/*
 * The import worker's interface to FFmpeg's telephone-speech decoders, compiled with a minimal libavcodec to
 * WebAssembly by scripts/build-speech-codecs.sh: GSM 6.10 (plain and Microsoft's WAV framing), G.729, AMR-NB,
 * G.726, G.722, IMA ADPCM, Microsoft ADPCM and Dialogic VOX (OKI ADPCM).
 *
 * The caller hands over bytes and gets interleaved signed 16-bit frames. Every packet yields exactly its length of
 * audio: one the decoder rejects (damaged, or an AMR comfort-noise or no-data frame, which FFmpeg's AMR decoder does
 * not render) yields silence, and damaged ones are counted, so the timeline and the duration stay exact and the
 * caller decides how many bad packets make a damaged file.
 */
#include <stdint.h>
#include <string.h>
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>

enum {
  QA_GSM = 1,
  QA_GSM_MS = 2,
  QA_G729 = 3,
  QA_AMR_NB = 4,
  QA_G726 = 5,
  QA_G722 = 6,
  QA_IMA_ADPCM = 7,
  QA_MS_ADPCM = 8,
  QA_VOX = 9,
};

typedef struct {
  int codec;
  int channels;
  int block_align;
  int bits;
  AVCodecContext *ctx;
  AVPacket *packet;
  AVFrame *frame;
} qa_decoder;

/* Octets after the AMR storage format's one-octet frame header, by frame type (RFC 4867, 5.3); -1: reserved. */
static const int8_t amr_sizes[16] = {12, 13, 15, 17, 19, 20, 26, 31, 5, -1, -1, -1, -1, -1, -1, 0};

/* Streams without packets of their own are cut into packets of at most this many bytes. */
enum { STREAM_PACKET = 2048 };

static enum AVCodecID codec_id(int codec) {
  switch (codec) {
    case QA_GSM: return AV_CODEC_ID_GSM;
    case QA_GSM_MS: return AV_CODEC_ID_GSM_MS;
    case QA_G729: return AV_CODEC_ID_G729;
    case QA_AMR_NB: return AV_CODEC_ID_AMR_NB;
    case QA_G726: return AV_CODEC_ID_ADPCM_G726;
    case QA_G722: return AV_CODEC_ID_ADPCM_G722;
    case QA_IMA_ADPCM: return AV_CODEC_ID_ADPCM_IMA_WAV;
    case QA_MS_ADPCM: return AV_CODEC_ID_ADPCM_MS;
    case QA_VOX: return AV_CODEC_ID_ADPCM_IMA_OKI;
    default: return AV_CODEC_ID_NONE;
  }
}

/*
 * The packet at `in` (`size` bytes available): its length in bytes and, in *frames, the frames it holds.
 * Returns 0 when the next packet is cut off, -1 when `in` cannot start a packet.
 */
static int next_packet(const qa_decoder *d, const uint8_t *in, int size, int *frames) {
  int bytes;
  switch (d->codec) {
    case QA_GSM: bytes = 33, *frames = 160; break;
    case QA_GSM_MS: bytes = 65, *frames = 320; break;
    case QA_G729: bytes = 10, *frames = 80; break;
    case QA_AMR_NB: {
      if (size < 1) return 0;
      const int body = amr_sizes[(in[0] >> 3) & 15];
      if (body < 0) return -1;
      bytes = 1 + body, *frames = 160;
      break;
    }
    case QA_IMA_ADPCM:
      bytes = d->block_align, *frames = (d->block_align - 4 * d->channels) * 2 / d->channels + 1;
      break;
    case QA_MS_ADPCM:
      bytes = d->block_align, *frames = (d->block_align - 7 * d->channels) * 2 / d->channels + 2;
      break;
    case QA_G726: {
      /* Whole groups of 8 codes (`bits` octets), so every packet starts on a code. */
      const int groups = (size < STREAM_PACKET ? size : STREAM_PACKET) / d->bits;
      bytes = groups * d->bits, *frames = groups * 8;
      break;
    }
    default: /* G.722 and VOX: two samples an octet */
      bytes = size < STREAM_PACKET ? size : STREAM_PACKET, *frames = bytes * 2;
  }
  return bytes > 0 && size >= bytes ? bytes : 0;
}

/*
 * `block_align` is the WAV block size (IMA and Microsoft ADPCM), `bits` the bits per code (G.726: 2-5; G.722: 6-8),
 * `rate` the sample rate (VOX has no header to say it). Returns NULL when the parameters are not ones the decoder
 * accepts.
 */
qa_decoder *qa_open(int codec, int channels, int rate, int block_align, int bits) {
  const AVCodec *decoder = avcodec_find_decoder(codec_id(codec));
  if (!decoder || channels < 1 || channels > 2) return NULL;
  av_log_set_level(AV_LOG_QUIET);
  qa_decoder *d = av_mallocz(sizeof *d);
  if (!d) return NULL;
  d->codec = codec;
  d->channels = channels;
  d->block_align = codec == QA_GSM_MS ? 65 : block_align;
  d->bits = bits;
  d->ctx = avcodec_alloc_context3(decoder);
  d->packet = av_packet_alloc();
  d->frame = av_frame_alloc();
  if (d->ctx) {
    d->ctx->sample_rate = rate;
    av_channel_layout_default(&d->ctx->ch_layout, channels);
    d->ctx->block_align = d->block_align;
    d->ctx->bits_per_coded_sample = codec == QA_IMA_ADPCM || codec == QA_MS_ADPCM ? 4 : bits;
  }
  if (!d->ctx || !d->packet || !d->frame || avcodec_open2(d->ctx, decoder, NULL) < 0) {
    avcodec_free_context(&d->ctx);
    av_packet_free(&d->packet);
    av_frame_free(&d->frame);
    av_free(d);
    return NULL;
  }
  return d;
}

static float clampf(float v) { return v >= 32767.0f ? 32767.0f : v <= -32768.0f ? -32768.0f : v; }

/* The decoded frame as interleaved 16-bit; 0 when it does not have the frames the packet should hold. */
static int copy_out(const AVFrame *f, int channels, int frames, int16_t *out) {
  if (f->nb_samples != frames) return 0;
  const int planar = av_sample_fmt_is_planar(f->format);
  const int floats = f->format == AV_SAMPLE_FMT_FLT || f->format == AV_SAMPLE_FMT_FLTP;
  for (int c = 0; c < channels; c++) {
    const void *plane = f->extended_data[planar ? c : 0];
    const int step = planar ? 1 : channels, first = planar ? 0 : c;
    for (int i = 0; i < frames; i++) {
      const int at = first + i * step;
      out[i * channels + c] =
          floats ? (int16_t)clampf(((const float *)plane)[at] * 32768.0f) : ((const int16_t *)plane)[at];
    }
  }
  return frames;
}

/*
 * Decodes the whole packets at the start of `in` that fit `cap` frames into `out`. Writes the bytes used to
 * counts[0] and the number of damaged packets (rendered as silence) to counts[1]. Returns the frames written, or -1
 * when `in` starts with something that cannot be a packet (an AMR frame type that does not exist).
 */
int qa_decode(qa_decoder *d, const uint8_t *in, int size, int16_t *out, int cap, int32_t *counts) {
  int used = 0, written = 0, bad = 0;
  for (;;) {
    int frames = 0;
    const int bytes = next_packet(d, in + used, size - used, &frames);
    if (bytes < 0 && used == 0) return -1;
    if (bytes <= 0 || written + frames > cap) break;
    int16_t *at = out + written * d->channels;
    int got = 0, silent = 0;
    if (d->codec == QA_AMR_NB) {
      const int type = (in[used] >> 3) & 15;
      /* Comfort noise and no-data frames: the line was quiet. */
      silent = type == 8 || type == 15;
    }
    if (!silent) {
      d->packet->data = (uint8_t *)in + used;
      d->packet->size = bytes;
      if (avcodec_send_packet(d->ctx, d->packet) >= 0 && avcodec_receive_frame(d->ctx, d->frame) >= 0) {
        got = copy_out(d->frame, d->channels, frames, at);
        av_frame_unref(d->frame);
      }
    }
    if (got == 0) {
      memset(at, 0, (size_t)frames * d->channels * 2);
      bad += !silent;
    }
    written += frames;
    used += bytes;
  }
  counts[0] = used;
  counts[1] = bad;
  return written;
}

void qa_close(qa_decoder *d) {
  if (!d) return;
  avcodec_free_context(&d->ctx);
  av_packet_free(&d->packet);
  av_frame_free(&d->frame);
  av_free(d);
}
