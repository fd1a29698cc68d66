import type { Database } from 'better-sqlite3';

interface Waiting {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the importer. The database runs with synchronous=FULL, so every commit waits for the disk; on
 * ext4 that flush also writes out the audio copied into the library since the previous one. One commit per file
 * was 6 of the 7 ms each file spent in the database, and it held the event loop, so the workers sat idle.
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

  /** Runs `write` (its statements and any file moves that must commit with them) in the next group. */
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
            failures.set(item, error);
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in the group was written.
      for (const item of group) item.reject(error);
      return;
    }
    for (const item of group) {
      if (failures.has(item)) item.reject(failures.get(item));
      else item.resolve();
    }
  }
}
