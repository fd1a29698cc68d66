import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AgentsRepository } from '../../electron/core/recordings/agents-repo';
import { RecordingsRepository } from '../../electron/core/recordings/repo';

export interface RecordingSeed {
  id?: string;
  agentNo?: string | null;
  agentName?: string;
  startedAt?: string | null;
  fileName?: string;
  callId?: string | null;
  category?: string | null;
  durationMs?: number;
}

/**
 * A recording as the import stores it (through the recordings and agents repositories), for tests that do not need
 * the import pipeline itself: a 65 s mono call with flat peaks and no speech found.
 */
export function insertRecording(db: Database, opts: RecordingSeed = {}): string {
  const id = opts.id ?? randomUUID();
  const agentNo = opts.agentNo === undefined ? '1001' : opts.agentNo;
  const sha256 = createHash('sha256').update(id).digest('hex');
  new RecordingsRepository(db).insert(
    {
      id,
      sha256,
      fileName: opts.fileName ?? `${agentNo ?? 'x'}_${id.slice(0, 8)}.wav`,
      libraryPath: `${sha256.slice(0, 2)}/${sha256}.wav`,
      sizeBytes: 1000,
      format: 'wav',
      codec: 'pcm_s16le',
      sampleRate: 8000,
      channels: 1,
      durationMs: opts.durationMs ?? 65_000,
      callId: opts.callId === undefined ? `call-${id.slice(0, 6)}` : opts.callId,
      agentNo,
      startedAt: opts.startedAt === undefined ? '2025-03-14T09:30:00' : opts.startedAt,
      category: opts.category === undefined ? '服务类' : opts.category,
      callerNumber: '13800138000',
      agentChannel: 0,
    },
    { samplesPerPeak: 80, peakCount: 1, channels: 1, data: Buffer.alloc(4) },
    { data: null, factor: 1 },
    {
      speech: [[]],
      talkOver: [],
      silences: [],
      deadAirMs: 0,
      talkRatioAgent: null,
      longestMonologueMs: null,
      channelsSame: false,
    },
    () => {
      if (agentNo) new AgentsRepository(db).ensure(agentNo, opts.agentName ?? `坐席${agentNo}`);
    },
  );
  return id;
}
