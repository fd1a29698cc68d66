import { formatDuration } from '../player/clock';

/** Elapsed time and ETA: "8 秒"-style precision is noise, so below a minute show seconds with one decimal. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms);
}

/** "2024-03-05T09:30:00" → "2024-03-05 09:30". */
export function formatStartedAt(value: string | null): string {
  return value ? value.replace('T', ' ').slice(0, 16) : '—';
}

/** One path per line; blank lines and surrounding quotes (as pasted from Explorer's "Copy as path") dropped. */
export function parsePathList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^"(.*)"$/, '$1'))
    .filter((line) => line.length > 0);
}

const codecNames: Record<string, string> = {
  pcm_alaw: 'A-law',
  pcm_mulaw: 'μ-law',
  pcm_f32le: 'PCM',
  mp3: 'MP3',
  opus: 'Opus',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  gsm: 'GSM',
  gsm_ms: 'GSM',
  g729: 'G.729',
  adpcm_g726: 'G.726',
  adpcm_g726le: 'G.726',
  adpcm_g722: 'G.722',
  adpcm_ima_wav: 'IMA ADPCM',
  adpcm_ms: 'MS ADPCM',
  adpcm_ima_oki: 'VOX',
  amrnb: 'AMR-NB',
};

/** A codec as people name it (MP3, A-law, PCM 16 位), not the decoder's identifier (pcm_s16le). */
export function codecLabel(codec: string, bitsLabel: (bits: number) => string): string {
  const pcm = /^pcm_[su](\d+)/.exec(codec);
  if (pcm) return `PCM ${bitsLabel(Number(pcm[1]))}`;
  return codecNames[codec] ?? codec.toUpperCase();
}
