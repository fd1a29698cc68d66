import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Inserts an agent (if new) and a recording row directly, for tests that do not need the import pipeline. */
export function insertRecording(
  db: Database,
  opts: { agentNo?: string | null; agentName?: string; startedAt?: string | null; fileName?: string; id?: string } = {},
): string {
  const id = opts.id ?? randomUUID();
  const agentNo = opts.agentNo === undefined ? '1001' : opts.agentNo;
  if (agentNo) {
    db.prepare('INSERT OR IGNORE INTO agents (agent_no, name) VALUES (?, ?)').run(
      agentNo,
      opts.agentName ?? `坐席${agentNo}`,
    );
  }
  db.prepare(
    `INSERT INTO recordings (id, sha256, file_name, library_path, size_bytes, format, codec, sample_rate, channels,
       duration_ms, call_id, agent_no, started_at, category, caller_number)
     VALUES (?, ?, ?, ?, 1000, 'wav', 'pcm_s16le', 8000, 1, 65000, ?, ?, ?, '服务类', '13800138000')`,
  ).run(
    id,
    randomUUID().replace(/-/g, '').padEnd(64, '0'),
    opts.fileName ?? `${agentNo ?? 'x'}_${id.slice(0, 8)}.wav`,
    `${id}.wav`,
    `call-${id.slice(0, 6)}`,
    agentNo,
    opts.startedAt === undefined ? '2025-03-14T09:30:00' : opts.startedAt,
  );
  return id;
}
