import type { Database, Statement } from 'better-sqlite3';
import type { ContactChannel } from '../../../shared/channels';
import type { TalkOverEvent, TimeSpan } from '../../../shared/recording';

export interface NewRecording {
  id: string;
  sha256: string;
  fileName: string;
  libraryPath: string;
  sizeBytes: number;
  format: string;
  codec: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
  callId: string | null;
  agentNo: string | null;
  startedAt: string | null;
  category: string | null;
  callerNumber: string | null;
  agentChannel: number;
}

export interface StoredPeaks {
  samplesPerPeak: number;
  peakCount: number;
  channels: number;
  /** Int16 LE, channel after channel, min/max pairs. */
  data: Buffer;
}

/**
 * The whole-call overview of migration 009: `factor` is null for calls imported before it, 1 (and `data` null)
 * for calls short enough to open with their full peaks.
 */
export interface StoredOverview {
  samplesPerPeak: number;
  peakCount: number;
  channels: number;
  factor: number | null;
  /** Int16 LE, channel after channel, min/max pairs. */
  data: Buffer | null;
}

export interface StoredAnalysis {
  speech: TimeSpan[][];
  talkOver: TalkOverEvent[];
  silences: TimeSpan[];
  deadAirMs: number;
  talkRatioAgent: number | null;
  longestMonologueMs: number | null;
  /** The two channels hold one signal (see audio/stereo-vad.ts): speech has one entry. */
  channelsSame: boolean;
}

export interface RecordingRow extends NewRecording {
  importedAt: string;
  channel: ContactChannel;
}

const recordingColumns = `id, sha256, file_name AS fileName, library_path AS libraryPath, size_bytes AS sizeBytes,
  format, codec, sample_rate AS sampleRate, channels, duration_ms AS durationMs, call_id AS callId,
  agent_no AS agentNo, started_at AS startedAt, category, caller_number AS callerNumber,
  agent_channel AS agentChannel, imported_at AS importedAt, channel`;

/** Recordings with their peaks and analysis; one transaction writes all three so none exists without the others. */
export class RecordingsRepository {
  private readonly insertRecording: Statement<NewRecording>;
  private readonly insertPeaks: Statement<[string, number, number, number, Buffer, Buffer | null, number]>;
  private readonly overviewById: Statement<[string], StoredOverview>;
  private readonly updateOverview: Statement<[Buffer | null, number, string]>;
  private readonly insertAnalysis: Statement<unknown[]>;
  private readonly bySha: Statement<[string], { id: string }>;
  private readonly byCallId: Statement<[string], string>;
  private readonly byId: Statement<[string], RecordingRow>;
  private readonly peaksById: Statement<[string], StoredPeaks>;
  private readonly analysisById: Statement<
    [string],
    {
      speech: string;
      talkOver: string;
      silences: string;
      deadAirMs: number;
      ratio: number | null;
      mono: number | null;
      same: number;
    }
  >;

  constructor(readonly db: Database) {
    this.insertRecording = db.prepare(
      `INSERT INTO recordings (id, sha256, file_name, library_path, size_bytes, format, codec, sample_rate, channels,
         duration_ms, call_id, agent_no, started_at, category, caller_number, agent_channel)
       VALUES (@id, @sha256, @fileName, @libraryPath, @sizeBytes, @format, @codec, @sampleRate, @channels,
         @durationMs, @callId, @agentNo, @startedAt, @category, @callerNumber, @agentChannel)`,
    );
    this.insertPeaks = db.prepare(
      `INSERT INTO recording_peaks (recording_id, samples_per_peak, peak_count, channels, data, overview,
         overview_factor) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.overviewById = db.prepare(
      `SELECT samples_per_peak AS samplesPerPeak, peak_count AS peakCount, channels, overview_factor AS factor,
         overview AS data
       FROM recording_peaks WHERE recording_id = ?`,
    );
    this.updateOverview = db.prepare(
      'UPDATE recording_peaks SET overview = ?, overview_factor = ? WHERE recording_id = ?',
    );
    this.insertAnalysis = db.prepare(
      `INSERT INTO recording_analysis (recording_id, speech_json, talk_over_json, silences_json, dead_air_ms,
         talk_over_count, agent_talk_over_count, silence_count, talk_ratio_agent, longest_monologue_ms, channels_same)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.bySha = db.prepare('SELECT id FROM recordings WHERE sha256 = ?');
    this.byCallId = db
      .prepare<[string], string>('SELECT file_name FROM recordings WHERE call_id = ? ORDER BY file_name')
      .pluck();
    this.byId = db.prepare(`SELECT ${recordingColumns} FROM recordings WHERE id = ?`);
    this.peaksById = db.prepare(
      `SELECT samples_per_peak AS samplesPerPeak, peak_count AS peakCount, channels, data
       FROM recording_peaks WHERE recording_id = ?`,
    );
    this.analysisById = db.prepare(
      `SELECT speech_json AS speech, talk_over_json AS talkOver, silences_json AS silences, dead_air_ms AS deadAirMs,
         talk_ratio_agent AS ratio, longest_monologue_ms AS mono, channels_same AS same
       FROM recording_analysis WHERE recording_id = ?`,
    );
  }

  /** The file names of the recordings that carry this call id (uses recordings_call_id, migration 011). */
  fileNamesWithCallId(callId: string): string[] {
    return this.byCallId.all(callId);
  }

  /** Every file size in the library: a file of another size cannot be a duplicate of one of them. */
  sizes(): Set<number> {
    return new Set(this.db.prepare('SELECT DISTINCT size_bytes FROM recordings').pluck().all() as number[]);
  }

  findBySha(sha256: string): string | undefined {
    return this.bySha.get(sha256)?.id;
  }

  get(id: string): RecordingRow | undefined {
    return this.byId.get(id);
  }

  peaks(id: string): StoredPeaks | undefined {
    return this.peaksById.get(id);
  }

  /** The stored overview without reading the full-resolution peaks. */
  overview(id: string): StoredOverview | undefined {
    return this.overviewById.get(id);
  }

  saveOverview(id: string, data: Buffer | null, factor: number): void {
    this.updateOverview.run(data, factor, id);
  }

  analysis(id: string): StoredAnalysis | undefined {
    const row = this.analysisById.get(id);
    if (!row) return undefined;
    const speech = (JSON.parse(row.speech) as [number, number][][]).map((spans) =>
      spans.map(([startMs, endMs]) => ({ startMs, endMs })),
    );
    return {
      speech,
      talkOver: JSON.parse(row.talkOver) as TalkOverEvent[],
      silences: JSON.parse(row.silences) as TimeSpan[],
      deadAirMs: row.deadAirMs,
      talkRatioAgent: row.ratio,
      longestMonologueMs: row.mono,
      channelsSame: row.same === 1,
    };
  }

  /** Writes the recording, its peaks and analysis in one transaction, after `before` (e.g. adding its agent). */
  insert(
    rec: NewRecording,
    peaks: StoredPeaks,
    overview: { data: Buffer | null; factor: number },
    analysis: StoredAnalysis,
    before: () => void,
  ): void {
    this.db.transaction(() => {
      before();
      this.insertRecording.run(rec);
      this.insertPeaks.run(
        rec.id,
        peaks.samplesPerPeak,
        peaks.peakCount,
        peaks.channels,
        peaks.data,
        overview.data,
        overview.factor,
      );
      this.insertAnalysis.run(
        rec.id,
        JSON.stringify(analysis.speech.map((spans) => spans.map((s) => [s.startMs, s.endMs]))),
        JSON.stringify(analysis.talkOver),
        JSON.stringify(analysis.silences),
        analysis.deadAirMs,
        analysis.talkOver.length,
        analysis.talkOver.filter((t) => t.by === 'agent').length,
        analysis.silences.length,
        analysis.talkRatioAgent,
        analysis.longestMonologueMs,
        analysis.channelsSame ? 1 : 0,
      );
    })();
  }
}
