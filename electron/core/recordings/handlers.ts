import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { recordingsContract } from '../../../shared/contracts/recordings';
import {
  overviewPeaks,
  type RecordingAnalysis,
  type RecordingDetail,
  type RecordingPeaks,
} from '../../../shared/recording';
import { downsamplePeaks, overviewOf } from '../audio/downsample-peaks';
import { gaps } from '../audio/talk';
import type { CoreContext, HandlersFor } from '../context';
import { AppError } from '../errors';
import { AgentsRepository } from './agents-repo';
import { RecordingCorrections } from './corrections';
import { Importer } from './importer';
import { RecordingListQueries } from './list-query';
import { WorkerPool } from './pool';
import { RecordingsRepository, type StoredOverview, type StoredPeaks } from './repo';
import { readSampleRoster, sampleDir } from './sample';

/** The wire form of RecordingPeaks.channels (every platform the app ships on is little-endian). */
function base64Of(values: Int16Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Peaks between two times, merged down to at most `maxPeaks` pairs per channel. */
function peaksFor(
  stored: StoredPeaks,
  sampleRate: number,
  startMs: number,
  endMs: number | undefined,
  maxPeaks: number,
): RecordingPeaks {
  const msPerPeak = (stored.samplesPerPeak * 1000) / sampleRate;
  const all = new Int16Array(stored.data.buffer, stored.data.byteOffset, stored.data.byteLength / 2);
  const first = Math.min(stored.peakCount, Math.floor(startMs / msPerPeak));
  const last = endMs === undefined ? stored.peakCount : Math.min(stored.peakCount, Math.ceil(endMs / msPerPeak));
  const channels: string[] = [];
  let factor = 1;
  for (let c = 0; c < stored.channels; c++) {
    const base = c * stored.peakCount * 2;
    const slice = all.subarray(base + first * 2, base + Math.max(first, last) * 2);
    const down = downsamplePeaks(slice, maxPeaks);
    factor = down.factor;
    channels.push(base64Of(down.pairs));
  }
  return { samplesPerPeak: stored.samplesPerPeak, msPerPeak: msPerPeak * factor, bits: 16, channels };
}

/** A stored overview in its wire form: one base64 string per channel. */
function overviewPeaksOf(o: StoredOverview & { data: Buffer; factor: number }, sampleRate: number): RecordingPeaks {
  const msPerPeak = (o.samplesPerPeak * 1000) / sampleRate;
  const perChannel = o.data.byteLength / o.channels;
  const channels = Array.from({ length: o.channels }, (_, c) =>
    o.data.subarray(c * perChannel, (c + 1) * perChannel).toString('base64'),
  );
  return { samplesPerPeak: o.samplesPerPeak, msPerPeak: msPerPeak * o.factor, bits: 16, channels };
}

const noPeaks: RecordingPeaks = { samplesPerPeak: 0, msPerPeak: 0, bits: 16, channels: [] };

export interface RecordingsService {
  handlers: HandlersFor<keyof typeof recordingsContract>;
  close(): Promise<void>;
}

export function createRecordingsService(ctx: CoreContext): RecordingsService {
  const repo = new RecordingsRepository(ctx.db);
  const corrections = new RecordingCorrections(ctx.db);
  const agents = new AgentsRepository(ctx.db);
  const lists = new RecordingListQueries(ctx.db);
  const pool = new WorkerPool();
  const importer = new Importer(ctx, repo, agents, pool);

  const mustGet = (id: string) => {
    const row = repo.get(id);
    if (!row) throw new AppError('not_found', `No recording with id ${id}.`);
    return row;
  };

  /**
   * The whole call's peaks. At the opening size they come from the stored overview; a call imported before there
   * was one gets it now, once.
   */
  const wholeCall = (id: string, sampleRate: number, maxPeaks: number): RecordingPeaks => {
    const overview = maxPeaks === overviewPeaks ? repo.overview(id) : undefined;
    if (overview?.data && overview.factor && overview.factor > 1)
      return overviewPeaksOf({ ...overview, data: overview.data, factor: overview.factor }, sampleRate);
    const stored = repo.peaks(id);
    if (!stored) return noPeaks;
    if (overview && overview.factor === null) {
      const all = new Int16Array(stored.data.buffer, stored.data.byteOffset, stored.data.byteLength / 2);
      const pairs = stored.peakCount * 2;
      const channels = Array.from({ length: stored.channels }, (_, c) => all.subarray(c * pairs, (c + 1) * pairs));
      const made = overviewOf(channels, overviewPeaks);
      const data = made.factor > 1 ? Buffer.from(made.data.buffer, made.data.byteOffset, made.data.byteLength) : null;
      repo.saveOverview(id, data, made.factor);
      if (data) return overviewPeaksOf({ ...overview, data, factor: made.factor }, sampleRate);
    }
    return peaksFor(stored, sampleRate, 0, undefined, maxPeaks);
  };

  const handlers: RecordingsService['handlers'] = {
    'recordings.import': (input) => importer.run(input),
    'recordings.update': ({ id, agentName, ...patch }) => corrections.apply([id], patch, agentName),
    'recordings.assign': ({ ids, agentName, agentNo, category }) =>
      corrections.apply([...new Set(ids)], { agentNo, category }, agentName),
    'recordings.history': ({ id }) => {
      mustGet(id);
      return corrections.list(id);
    },
    'recordings.cancelImport': ({ jobId }) => ({ cancelled: importer.cancel(jobId) }),
    'recordings.loadSample': ({ jobId }) => {
      const dir = sampleDir();
      agents.upsertRoster(readSampleRoster(dir));
      return importer.run({
        // The manifest names every call; scanning the folder would also meet agents.csv, a roster, not a manifest.
        paths: [join(dir, 'manifest.csv')],
        manifest: join(dir, 'manifest.csv'),
        agentChannel: 0,
        jobId: jobId ?? randomUUID(),
      });
    },
    'recordings.list': (query) => lists.list(query),
    'recordings.facets': () => lists.facets(agents.agents(), agents.teams()),
    'recordings.get': ({ id, maxPeaks }): RecordingDetail => {
      const row = mustGet(id);
      const listed = lists.byId(id)!;
      const peaks = wholeCall(id, row.sampleRate, maxPeaks);
      return { ...listed, sizeBytes: row.sizeBytes, agentChannel: row.agentChannel, sha256: row.sha256, peaks };
    },
    'recordings.peaks': ({ id, startMs, endMs, maxPeaks }) => {
      const row = mustGet(id);
      const stored = repo.peaks(id);
      if (!stored) throw new AppError('not_found', `Recording ${id} has no waveform.`);
      return peaksFor(stored, row.sampleRate, startMs, endMs, maxPeaks);
    },
    'recordings.analysis': ({ id }): RecordingAnalysis => {
      const row = mustGet(id);
      const stored = repo.analysis(id);
      if (!stored) throw new AppError('not_found', `Recording ${id} has not been analysed.`);
      const deadAirSeconds = ctx.settings.get().deadAirSeconds;
      const deadAirMs = Math.round(deadAirSeconds * 1000);
      // Speech is stored, so a changed dead-air setting applies to old recordings without decoding them again.
      const silences =
        deadAirMs === stored.deadAirMs ? stored.silences : gaps(stored.speech.flat(), row.durationMs, deadAirMs);
      // Two copies of one signal are analysed as one channel: no speaker split to show.
      const stereo = row.channels > 1 && !stored.channelsSame;
      return {
        talkOver: stored.talkOver,
        silences,
        talkRatio: !stereo
          ? null
          : stored.talkRatioAgent === null
            ? { agent: 0, customer: 0 }
            : { agent: stored.talkRatioAgent, customer: Math.round((1 - stored.talkRatioAgent) * 1000) / 1000 },
        speech: stored.speech,
        agentChannel: stereo ? row.agentChannel : null,
        longestAgentMonologueMs: stored.longestMonologueMs,
        deadAirSeconds,
        channelsSame: stored.channelsSame,
      };
    },
  };
  return {
    handlers,
    close: () => {
      importer.release();
      return pool.close();
    },
  };
}

/** The registration point for core.ts; the pool's closer goes onto the core's `closers`. */
export function createRecordingsHandlers(ctx: CoreContext, closers: (() => void)[]) {
  const service = createRecordingsService(ctx);
  closers.push(() => void service.close());
  return service.handlers;
}
