import type { Database, Statement } from 'better-sqlite3';
import { identitySchema, type Identity } from '../../../shared/sync';

/**
 * Who this app's user is at head office (GET /v1/me), kept with the sync state. Reports read it for "mine" and the
 * scopes a user may pick; the submit path stamps the user's id into each revision.
 */
export class IdentityRepository {
  private readonly read: Statement<[], { json: string | null }>;
  private readonly write: Statement<[string | null]>;
  private cached: Identity | null | undefined;

  constructor(db: Database) {
    this.read = db.prepare('SELECT identity_json AS json FROM sync_state WHERE id = 1');
    this.write = db.prepare('UPDATE sync_state SET identity_json = ? WHERE id = 1');
  }

  get(): Identity | null {
    if (this.cached === undefined) {
      const json = this.read.get()?.json;
      const parsed = json ? identitySchema.safeParse(JSON.parse(json)) : null;
      this.cached = parsed?.success ? parsed.data : null;
    }
    return this.cached;
  }

  /** Stores the identity; true when the user (and so what counts as "mine") changed. */
  set(identity: Identity | null): boolean {
    const before = this.get();
    this.write.run(identity ? JSON.stringify(identity) : null);
    this.cached = identity;
    return (before?.userId ?? null) !== (identity?.userId ?? null);
  }
}
