/**
 * Where imports put their copies before they are moved into the library, shared safely by every process on one
 * data folder (the desktop app, browser mode and `qa` commands may run side by side).
 *
 * Each core has its own folder, library/.incoming/<owner>/, holding:
 * - `owner.lock`: a small SQLite file the core keeps an exclusive lock on for as long as it runs. The OS drops the
 *   lock when the process ends, however it ends (kill -9 included), and a lock never passes to another process,
 *   so "is its owner still running" is asked of the lock. A PID file could not answer it: a dead importer's PID
 *   can belong to a new process, and a zombie's PID still answers kill(pid, 0).
 * - `<id>.part`: copies being written.
 * - `<name>.placing`: the library path of a copy that is being (or was) moved into the library and whose row has
 *   not committed yet; removed once it has.
 *
 * At start, every other owner's folder whose lock is free is swept: a `.placing` file whose recording never
 * committed names audio no row refers to (the importer was killed between the move and the commit), which is
 * removed, unless a running importer is placing the same content; then the folder goes. Running owners' folders are
 * left alone, so one process never deletes another's copies.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile } from '../private-files';

const lockName = 'owner.lock';
const placingSuffix = '.placing';
/** A folder without a complete lock is an owner being born, unless it has been like that for this long. */
const bornWithinMs = 60_000;

type OwnerState = 'running' | 'gone' | 'starting';

/** Asks the lock: held (running), free and stamped (gone), or not yet stamped (starting, or died doing so). */
function ownerState(dir: string): OwnerState {
  const lockPath = join(dir, lockName);
  const young = () => Date.now() - statSync(dir).mtimeMs < bornWithinMs;
  if (!existsSync(lockPath)) return young() ? 'starting' : 'gone';
  let lock: Database | undefined;
  try {
    lock = new BetterSqlite3(lockPath, { fileMustExist: true, timeout: 0 });
    const stamped = lock.prepare("SELECT 1 FROM sqlite_master WHERE name = 'owner'").get();
    return stamped || !young() ? 'gone' : 'starting';
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return 'running';
    // A running owner's lock is always readable or busy: an unreadable one is an owner that died creating it.
    return young() ? 'starting' : 'gone';
  } finally {
    lock?.close();
  }
}

export class IncomingArea {
  private readonly root: string;
  private own: { dir: string; lock: Database } | undefined;

  constructor(private readonly libraryDir: string) {
    this.root = join(libraryDir, '.incoming');
  }

  /** This core's folder, made (and locked) on first use: commands that never import leave nothing behind. */
  get dir(): string {
    this.own ??= this.claim();
    return this.own.dir;
  }

  private claim(): { dir: string; lock: Database } {
    const dir = join(this.root, randomUUID());
    ensurePrivateDir(dir);
    ensurePrivateFile(join(dir, lockName));
    const lock = new BetterSqlite3(join(dir, lockName), { timeout: 5_000 });
    // Its content does not matter, only its lock: no journal file beside it.
    lock.pragma('journal_mode = MEMORY');
    lock.pragma('synchronous = OFF');
    // Exclusive locking mode keeps the lock taken by the first write until the connection closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; CREATE TABLE owner (pid INTEGER, started_at TEXT); COMMIT');
    lock.prepare('INSERT INTO owner VALUES (?, ?)').run(process.pid, new Date().toISOString());
    return { dir, lock };
  }

  partPath(id: string): string {
    return join(this.dir, `${id}.part`);
  }

  /** Before a copy is moved to `libraryPath`: if this process dies before the row commits, the next start cleans up. */
  notePlacing(libraryPath: string): void {
    writeFileSync(this.notePath(libraryPath), libraryPath, { mode: 0o600 });
  }

  /** The row committed (or the copy was removed): nothing left to clean up for it. */
  settled(libraryPath: string): void {
    rmSync(this.notePath(libraryPath), { force: true });
  }

  private notePath(libraryPath: string): string {
    return join(this.dir, `${libraryPath.split('/').pop()}${placingSuffix}`);
  }

  /** The library paths running owners (this one included) are placing right now. */
  private livePlacements(): Set<string> {
    const live = new Set<string>();
    for (const dir of this.ownerDirs()) {
      if (dir !== this.own?.dir && ownerState(dir) === 'gone') continue;
      for (const name of readdirSync(dir)) if (name.endsWith(placingSuffix)) live.add(name);
    }
    return live;
  }

  private ownerDirs(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(this.root, entry.name));
  }

  /**
   * Removes audio at `libraryPath` that no committed row names, unless a running importer is placing the same
   * content. The file is moved aside first and the check made again, so a copy placed meanwhile is put back.
   */
  removeUncommitted(libraryPath: string, committed: () => boolean, asideDir = this.dir): void {
    const note = `${libraryPath.split('/').pop()}${placingSuffix}`;
    const others = () => {
      const live = this.livePlacements();
      // Our own note for it is what brought us here.
      if (this.own && existsSync(join(this.own.dir, note))) live.delete(note);
      return live.has(note);
    };
    if (committed() || others()) return;
    const target = join(this.libraryDir, ...libraryPath.split('/'));
    const aside = join(asideDir, `${randomUUID()}.orphan`);
    try {
      renameSync(target, aside);
    } catch {
      return; // already gone
    }
    if (committed() || others()) {
      try {
        linkSync(aside, target);
      } catch {
        // another copy of the same content is already back in place
      }
    }
    rmSync(aside, { force: true });
  }

  /** Cleans up after importers that are no longer running (see above). */
  sweep(committed: (libraryPath: string) => boolean): void {
    if (!existsSync(this.root)) return;
    for (const entry of readdirSync(this.root, { withFileTypes: true })) {
      const path = join(this.root, entry.name);
      // Loose copies are from versions before per-process folders, which emptied this folder at every start.
      if (!entry.isDirectory()) {
        rmSync(path, { force: true });
        continue;
      }
      if (path === this.own?.dir || ownerState(path) !== 'gone') continue;
      for (const name of readdirSync(path)) {
        if (!name.endsWith(placingSuffix)) continue;
        const libraryPath = readFileSync(join(path, name), 'utf8');
        this.removeUncommitted(libraryPath, () => committed(libraryPath), path);
      }
      rmSync(path, { recursive: true, force: true });
    }
  }

  /** At close: our lock goes with the folder. */
  release(): void {
    if (!this.own) return;
    this.own.lock.close();
    rmSync(this.own.dir, { recursive: true, force: true });
    this.own = undefined;
  }
}
