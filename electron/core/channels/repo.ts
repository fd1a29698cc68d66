import type { Database, Statement } from 'better-sqlite3';
import type { ChatMessage, ChatRole, ContactChannel, StoreVisit, VisitPhotoInfo } from '../../../shared/channels';

export interface StoredPhoto {
  sha256: string;
  libraryPath: string;
  mime: VisitPhotoInfo['mime'];
  sizeBytes: number;
}

/** The library row of a chat or visit: audio-only columns say honestly that there is no audio. */
export interface NewContact {
  id: string;
  channel: Exclude<ContactChannel, 'phone'>;
  sha256: string;
  fileName: string;
  libraryPath: string;
  sizeBytes: number;
  format: string;
  durationMs: number;
  callId: string | null;
  agentNo: string | null;
  startedAt: string | null;
  category: string | null;
}

/** Chats' messages and store visits' details, beside their rows in `recordings` (migration 016). */
export class ContactsRepository {
  private readonly insertContact: Statement<NewContact>;
  private readonly insertMessage: Statement<[string, number, number, ChatRole, string, string]>;
  private readonly insertVisit: Statement<[string, string, string, string, string]>;
  private readonly messagesOf: Statement<[string], ChatMessage>;
  private readonly visitOf: Statement<[string], Omit<StoreVisit, 'photos'>>;
  private readonly insertPhoto: Statement<[string, number, string, string, string, number]>;
  private readonly photosOf: Statement<[string], VisitPhotoInfo>;
  private readonly photoOf: Statement<[string, number], StoredPhoto & { seq: number }>;
  private readonly setRole: Statement<[ChatRole, string, number]>;
  private readonly channelOf: Statement<[string], { channel: ContactChannel }>;

  constructor(readonly db: Database) {
    this.insertContact = db.prepare(
      `INSERT INTO recordings (id, channel, sha256, file_name, library_path, size_bytes, format, codec, sample_rate,
         channels, duration_ms, call_id, agent_no, started_at, category)
       VALUES (@id, @channel, @sha256, @fileName, @libraryPath, @sizeBytes, @format, 'none', 0, 0, @durationMs,
         @callId, @agentNo, @startedAt, @category)`,
    );
    this.insertMessage = db.prepare(
      'INSERT INTO chat_messages (recording_id, seq, at_ms, role, speaker, text) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertVisit = db.prepare(
      'INSERT INTO store_visits (recording_id, store_name, visitor, visit_date, notes) VALUES (?, ?, ?, ?, ?)',
    );
    this.messagesOf = db.prepare(
      `SELECT seq, at_ms AS atMs, role, speaker, text FROM chat_messages WHERE recording_id = ? ORDER BY seq`,
    );
    this.visitOf = db.prepare(
      `SELECT recording_id AS recordingId, store_name AS storeName, visitor, visit_date AS visitDate, notes
       FROM store_visits WHERE recording_id = ?`,
    );
    this.insertPhoto = db.prepare(
      `INSERT INTO store_visit_photos (recording_id, seq, sha256, library_path, mime, size_bytes)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.photosOf = db.prepare(
      `SELECT seq, mime, size_bytes AS sizeBytes FROM store_visit_photos WHERE recording_id = ? ORDER BY seq`,
    );
    this.photoOf = db.prepare(
      `SELECT seq, sha256, library_path AS libraryPath, mime, size_bytes AS sizeBytes
       FROM store_visit_photos WHERE recording_id = ? AND seq = ?`,
    );
    this.setRole = db.prepare('UPDATE chat_messages SET role = ? WHERE recording_id = ? AND seq = ?');
    this.channelOf = db.prepare('SELECT channel FROM recordings WHERE id = ?');
  }

  channel(id: string): ContactChannel | undefined {
    return this.channelOf.get(id)?.channel;
  }

  /** The row and its messages in one transaction, after `before` (e.g. adding its agent). */
  insertChat(contact: NewContact, messages: ChatMessage[], before: () => void): void {
    this.db.transaction(() => {
      before();
      this.insertContact.run(contact);
      for (const m of messages) this.insertMessage.run(contact.id, m.seq, m.atMs, m.role, m.speaker, m.text);
    })();
  }

  insertStoreVisit(
    contact: NewContact,
    visit: Omit<StoreVisit, 'recordingId' | 'photos'>,
    photos: StoredPhoto[],
    before: () => void,
  ): void {
    this.db.transaction(() => {
      before();
      this.insertContact.run(contact);
      this.insertVisit.run(contact.id, visit.storeName, visit.visitor, visit.visitDate, visit.notes);
      photos.forEach((p, seq) => this.insertPhoto.run(contact.id, seq, p.sha256, p.libraryPath, p.mime, p.sizeBytes));
    })();
  }

  photos(id: string): VisitPhotoInfo[] {
    return this.photosOf.all(id);
  }

  photo(id: string, seq: number): (StoredPhoto & { seq: number }) | undefined {
    return this.photoOf.get(id, seq);
  }

  messages(id: string): ChatMessage[] {
    return this.messagesOf.all(id);
  }

  visit(id: string): StoreVisit | undefined {
    const row = this.visitOf.get(id);
    return row ? { ...row, photos: this.photos(id) } : undefined;
  }

  setRoles(id: string, roles: ChatRole[]): void {
    this.db.transaction(() => roles.forEach((role, seq) => this.setRole.run(role, id, seq)))();
  }
}
