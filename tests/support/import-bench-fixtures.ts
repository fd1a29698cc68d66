/**
 * Audio for the import benchmark: a realistic one-minute stereo call (espeak-ng Mandarin on both channels, with
 * talk-over and dead air) repeated to an hour, as 16-bit PCM, A-law and 16 kbps MP3, plus a batch of distinct
 * 10-minute files. Generating them takes a while, so they are cached under the system temp folder between runs
 * (delete the folder or set QA_BENCH_FIXTURES to regenerate elsewhere).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCall, convert, type Utterance } from '../fixtures/calls';

export interface BenchFixtures {
  dir: string;
  minuteWav: string;
  hourPcm: string;
  hourAlaw: string;
  hourMp3: string;
  /** A folder of 200 distinct one-minute stereo WAVs: a day's sample, imported whole. */
  minuteFolder: string;
  /** Eight distinct 10-minute stereo files of one format each, for the one-versus-two-workers batch. */
  batchPcm: string[];
  batchMp3: string[];
}

const version = 'v1';

function sox(...args: string[]): void {
  const r = spawnSync('sox', args);
  if (r.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${r.stderr?.toString()}`);
}

/** Writes `path` through a temporary name, so an interrupted run never leaves a half-written fixture cached. */
function make(path: string, build: (tmp: string) => void): void {
  if (existsSync(path)) return;
  const tmp = `${path}.tmp${path.slice(path.lastIndexOf('.'))}`;
  build(tmp);
  renameSync(tmp, path);
}

const lines: Utterance[] = [
  { who: 'agent', text: '您好，这里是客户服务中心，请问有什么可以帮您？', gapMs: 400 },
  { who: 'customer', text: '你好，我的网站昨天开始打不开了，一直显示错误。', gapMs: 600 },
  { who: 'agent', text: '好的，请您提供一下域名，我帮您查询。', gapMs: 500 },
  { who: 'customer', text: '域名是示例点中国。', gapMs: -700 },
  { who: 'agent', text: '请稍等，我现在为您查询。', gapMs: 400 },
  { who: 'customer', text: '好的，谢谢。', gapMs: 300 },
  { who: 'agent', text: '查到了，您的域名解析记录在昨天被修改过，现在指向了错误的地址。', gapMs: 6000 },
  { who: 'agent', text: '您先别着急，我帮您恢复原来的解析记录，大约十分钟生效。', gapMs: 300 },
  { who: 'customer', text: '好的。', gapMs: -600 },
  { who: 'agent', text: '没有了，请问还有其他问题吗？感谢您的来电，再见。', gapMs: 400 },
];

export function benchFixtures(): BenchFixtures {
  const dir = process.env.QA_BENCH_FIXTURES ?? join(tmpdir(), `qa-import-bench-${version}`);
  mkdirSync(dir, { recursive: true });
  const minuteWav = join(dir, 'minute.wav');
  make(minuteWav, (tmp) => {
    const { wav, truth } = buildCall(lines, { tailMs: 0 });
    if (truth.durationMs > 60_000) throw new Error(`the benchmark call is ${truth.durationMs} ms, over a minute`);
    writeFileSync(`${tmp}.raw.wav`, wav);
    // Pad with digital silence to exactly one minute, so an hour is exactly 60 repeats.
    sox(`${tmp}.raw.wav`, tmp, 'pad', '0', `${(60_000 - truth.durationMs) / 1000}`);
    rmSync(`${tmp}.raw.wav`);
  });
  const hourPcm = join(dir, 'hour-pcm.wav');
  make(hourPcm, (tmp) => sox(minuteWav, tmp, 'repeat', '59'));
  const hourAlaw = join(dir, 'hour-alaw.wav');
  make(hourAlaw, (tmp) => convert(hourPcm, tmp, 'alaw'));
  const hourMp3 = join(dir, 'hour.mp3');
  make(hourMp3, (tmp) => convert(hourPcm, tmp, 'mp3'));
  const elevenMinutes = join(dir, 'eleven.wav');
  make(elevenMinutes, (tmp) => sox(minuteWav, tmp, 'repeat', '10'));
  const batchPcm: string[] = [];
  const batchMp3: string[] = [];
  for (let i = 0; i < 8; i++) {
    // Each file starts at a different second, so no two are byte-identical.
    const pcm = join(dir, `batch-${i}.wav`);
    make(pcm, (tmp) => sox(elevenMinutes, tmp, 'trim', String(i + 1), '600'));
    const mp3 = join(dir, `batch-${i}.mp3`);
    make(mp3, (tmp) => convert(pcm, tmp, 'mp3'));
    batchPcm.push(pcm);
    batchMp3.push(mp3);
  }
  const minuteFolder = join(dir, 'minutes');
  mkdirSync(minuteFolder, { recursive: true });
  // A half-written file from an interrupted run would be imported as a 201st call.
  for (const name of readdirSync(minuteFolder)) if (name.includes('.tmp')) rmSync(join(minuteFolder, name));
  for (let i = 0; i < 200; i++) {
    // A different volume each, so no two are byte-identical (the importer would call them duplicates).
    make(join(minuteFolder, `call-${String(i).padStart(3, '0')}.wav`), (tmp) =>
      sox(minuteWav, tmp, 'vol', (0.5 + i / 400).toFixed(4)),
    );
  }
  return { dir, minuteWav, minuteFolder, hourPcm, hourAlaw, hourMp3, batchPcm, batchMp3 };
}
