import type { Database } from 'better-sqlite3';

interface Waiting {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the importer. The database runs with synchronous=FULL, so every commit waits for the disk, and
 * it does so on the event loop: one commit per file was 6 of the 7 ms each file spent in the database, time in
 * which no worker could be handed its next file.
 *
 * Files that finish close together are written in one transaction instead, each in its own savepoint
 * (better-sqlite3 nests transactions that way), so one file's failure rolls back only that file and rejects only
 * its promise. A file waits at most `delayMs` for company; every promise settles only after the commit, so a file
 * is never reported imported before it is durable.
 */
export class CommitGroup {
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Database,
    private readonly maxSize = 32,
    private readonly delayMs = 15,
  ) {}

  /** Runs `write` (one file's statements) in the next group; settles once that group has committed or failed. */
  add(write: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    });
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.waiting.splice(0);
    if (group.length === 0) return;
    const failures = new Map<Waiting, unknown>();
    try {
      this.db.transaction(() => {
        for (const item of group) {
          try {
            this.db.transaction(item.write)();
          } catch (error) {
            // Some errors (disk full, I/O, RAISE(ROLLBACK)) end the whole transaction, not just the savepoint:
            // going on would commit the next files one by one, outside the group.
            if (!this.db.inTransaction) throw error;
            failures.set(item, error);
          }
        }
      })();
    } catch (error) {
      // The group's transaction failed as a whole (at COMMIT, or from within): nothing in it was written.
      for (const item of group) item.reject(error);
      return;
    }
    for (const item of group) {
      if (failures.has(item)) item.reject(failures.get(item));
      else item.resolve();
    }
  }
}
