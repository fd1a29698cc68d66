import type { Database } from 'better-sqlite3';
import type { Annotation } from '../../../shared/contracts/evaluations';

interface Row {
  id: number;
  recording_id: string;
  start_ms: number;
  end_ms: number | null;
  item_id: string | null;
  message_seq: number | null;
  text: string;
  created_at: string;
  updated_at: string;
}

const toAnnotation = (r: Row): Annotation => ({
  id: r.id,
  recordingId: r.recording_id,
  startMs: r.start_ms,
  endMs: r.end_ms,
  itemId: r.item_id,
  messageSeq: r.message_seq,
  text: r.text,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface AnnotationInput {
  recordingId: string;
  startMs: number;
  endMs: number | null;
  itemId: string | null;
  text: string;
  messageSeq?: number | null;
}

/** Timestamped notes on a recording (the player shows them on the waveform; items link them to the scorecard). */
export class AnnotationRepository {
  private readonly stmts;

  constructor(db: Database) {
    this.stmts = {
      list: db.prepare<[string], Row>('SELECT * FROM annotations WHERE recording_id = ? ORDER BY start_ms, id'),
      get: db.prepare<[number], Row>('SELECT * FROM annotations WHERE id = ?'),
      insert: db.prepare<[string, number, number | null, string | null, string, number | null]>(
        `INSERT INTO annotations (recording_id, start_ms, end_ms, item_id, text, message_seq)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare<[number, number | null, string | null, string, number]>(
        `UPDATE annotations SET start_ms = ?, end_ms = ?, item_id = ?, text = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      ),
      delete: db.prepare<[number]>('DELETE FROM annotations WHERE id = ?'),
    };
  }

  list(recordingId: string): Annotation[] {
    return this.stmts.list.all(recordingId).map(toAnnotation);
  }

  get(id: number): Annotation | undefined {
    const row = this.stmts.get.get(id);
    return row ? toAnnotation(row) : undefined;
  }

  create(a: AnnotationInput): Annotation {
    const id = Number(
      this.stmts.insert.run(a.recordingId, a.startMs, a.endMs, a.itemId, a.text, a.messageSeq ?? null).lastInsertRowid,
    );
    return this.get(id) as Annotation;
  }

  update(id: number, a: Omit<AnnotationInput, 'recordingId'>): Annotation | undefined {
    this.stmts.update.run(a.startMs, a.endMs, a.itemId, a.text, id);
    return this.get(id);
  }

  delete(id: number): boolean {
    return this.stmts.delete.run(id).changes > 0;
  }
}
