/**
 * An hour of call audio in each speech codec for the import benchmark, made from the PCM hour of
 * import-bench-fixtures.ts with the test recipes (tests/fixtures/speech-codecs.ts), plus a tenth of a second of the
 * same format for measuring ffmpeg's start-up. G.729 is the committed call repeated to an hour. Cached beside the
 * other benchmark fixtures.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert, run } from '../fixtures/calls';
import { g729Fixture, speechFormats, writeSpeechFormat } from '../fixtures/speech-codecs';

export interface SpeechBench {
  label: string;
  hour: string;
  /** The same format, a tenth of a second long: what ffmpeg costs before it decodes anything. */
  tiny: string;
  /** ffmpeg's input options for a headerless file. */
  ffmpegInput: string[];
}

const picks: [string, string, string[]][] = [
  ['GSM 6.10 WAV', 'gsm.wav', []],
  ['G.729 (raw)', 'call.g729', ['-f', 'g729']],
  ['AMR-NB 12.2k', 'call.amr', []],
  ['G.726 32k WAV', 'g726-32k.wav', []],
  ['G.722 WAV', 'g722.wav', []],
  ['IMA ADPCM stereo WAV', 'ima.wav', []],
  ['MS ADPCM stereo WAV', 'msadpcm.wav', []],
  ['Dialogic VOX 8 kHz', 'call.vox', ['-f', 'u8', '-ar', '8000', '-ac', '1', '-c:a', 'adpcm_ima_oki']],
];

function once(path: string, build: (tmp: string) => void): void {
  if (existsSync(path)) return;
  const tmp = `${path}.tmp${path.slice(path.lastIndexOf('.'))}`;
  build(tmp);
  renameSync(tmp, path);
}

/** PCM, A-law and MP3 hours (import-bench-fixtures.ts) with their tenth-of-a-second counterparts. */
export function classicBenchFixtures(dir: string, hours: { pcm: string; alaw: string; mp3: string }): SpeechBench[] {
  const tinyPcm = tinyPcmOf(dir, hours.pcm);
  const tinyAlaw = join(dir, 'tiny-alaw.wav');
  once(tinyAlaw, (tmp) => convert(tinyPcm, tmp, 'alaw'));
  const tinyMp3 = join(dir, 'tiny.mp3');
  once(tinyMp3, (tmp) => convert(tinyPcm, tmp, 'mp3'));
  return [
    { label: 'PCM 16-bit WAV', hour: hours.pcm, tiny: tinyPcm, ffmpegInput: [] },
    { label: 'A-law WAV', hour: hours.alaw, tiny: tinyAlaw, ffmpegInput: [] },
    { label: 'MP3 16 kbps', hour: hours.mp3, tiny: tinyMp3, ffmpegInput: [] },
  ];
}

function tinyPcmOf(dir: string, hourPcm: string): string {
  const tinyPcm = join(dir, 'tiny.wav');
  once(tinyPcm, (tmp) => run('sox', [hourPcm, tmp, 'trim', '10', '0.1']));
  return tinyPcm;
}

export function speechBenchFixtures(dir: string, hourPcm: string): SpeechBench[] {
  const tinyPcm = tinyPcmOf(dir, hourPcm);
  return picks.map(([label, file, ffmpegInput]) => {
    const format = speechFormats.find((f) => f.file === file)!;
    const hour = join(dir, `hour-${file}`);
    const tiny = join(dir, `tiny-${file}`);
    if (file === 'call.g729') {
      const call = g729Fixture();
      once(hour, (tmp) => writeFileSync(tmp, Buffer.concat(Array.from({ length: 75 }, () => call))));
      once(tiny, (tmp) => writeFileSync(tmp, call.subarray(0, 100)));
    } else {
      once(hour, (tmp) => writeSpeechFormat(hourPcm, tmp, format));
      once(tiny, (tmp) => writeSpeechFormat(tinyPcm, tmp, format));
    }
    return { label, hour, tiny, ffmpegInput };
  });
}
