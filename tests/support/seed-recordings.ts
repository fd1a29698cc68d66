import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AgentsRepository } from '../../electron/core/recordings/agents-repo';
import { RecordingsRepository, type NewRecording } from '../../electron/core/recordings/repo';

export const seedCategories = ['网站类', '邮箱类', '域名类', '服务类', '其他'];

const base = Date.UTC(2024, 0, 1);

function seedRoster(db: Database, agents: number): void {
  new AgentsRepository(db).upsertRoster(
    Array.from({ length: agents }, (_, a) => ({
      agentNo: String(8000 + a),
      name: `坐席${a}`,
      teamId: `T${a % 4}`,
      teamName: `第${a % 4}组`,
    })),
  );
}

function seedRow(i: number, agents: number): NewRecording {
  const id = randomUUID();
  return {
    id,
    sha256: id.replace(/-/g, '').padEnd(64, '0'),
    fileName: `${8000 + (i % agents)}_${i}.wav`,
    libraryPath: `xx/${id}.wav`,
    sizeBytes: 1000,
    format: 'wav',
    codec: 'pcm_s16le',
    sampleRate: 8000,
    channels: 2,
    durationMs: 30_000 + (i % 600) * 1000,
    callId: `C${i}`,
    agentNo: String(8000 + (i % agents)),
    startedAt: new Date(base + i * 60_000).toISOString().slice(0, 19),
    category: seedCategories[i % 5],
    callerNumber: `138${String(i).padStart(8, '0')}`,
    agentChannel: 0,
  };
}

/**
 * Rows straight through the repository (no audio), for list tests and the listing benchmark. Deterministic:
 * row i has agent 80(i % agents), category i % 5, start time i minutes after 2024-01-01, duration 30 s + i % 600 s,
 * and talk-over on every third row.
 */
export function seedRecordings(db: Database, count: number, agents = 40): string[] {
  const repo = new RecordingsRepository(db);
  seedRoster(db, agents);
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const row = seedRow(i, agents);
      ids.push(row.id);
      const talkOver = i % 3 === 0 ? [{ startMs: 1000, endMs: 2000, by: 'agent' as const }] : [];
      repo.insert(
        row,
        { samplesPerPeak: 80, peakCount: 0, channels: 2, data: Buffer.alloc(0) },
        { data: Buffer.alloc(0), factor: 1 },
        {
          speech: [[], []],
          talkOver,
          silences: [],
          deadAirMs: 5000,
          talkRatioAgent: 0.5,
          channelsSame: false,
          longestMonologueMs: 0,
        },
        () => {},
      );
    }
  })();
  return ids;
}

/**
 * The same rows as {@link seedRecordings}, written with plain SQL a library at schema version 7 accepts (the
 * repository's statements name columns later migrations add): for tests of a migration meeting existing data.
 */
export function seedVersion7Recordings(db: Database, count: number, agents = 40): void {
  seedRoster(db, agents);
  const insert = db.prepare<NewRecording>(
    `INSERT INTO recordings (id, sha256, file_name, library_path, size_bytes, format, codec, sample_rate, channels,
       duration_ms, call_id, agent_no, started_at, category, caller_number, agent_channel)
     VALUES (@id, @sha256, @fileName, @libraryPath, @sizeBytes, @format, @codec, @sampleRate, @channels,
       @durationMs, @callId, @agentNo, @startedAt, @category, @callerNumber, @agentChannel)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(seedRow(i, agents));
  })();
}
