/**
 * The importer's group commit on a real SQLite file: files finishing together share one transaction, yet each
 * one's failure stays its own, a failed commit loses nothing silently, and nobody hears "saved" before the commit.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitGroup } from '../../electron/core/recordings/commit-group';
import { makeTempDir } from '../support/temp';

const temps: { cleanup(): void }[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

function openDb() {
  const temp = makeTempDir('qa-commit-group-');
  temps.push(temp);
  const db = new Database(join(temp.dir, 'x.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE files (name TEXT PRIMARY KEY,
      parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER files_abort BEFORE INSERT ON files WHEN NEW.name = 'abort'
    BEGIN SELECT RAISE(ROLLBACK, 'the whole transaction is gone'); END;`);
  const reader = new Database(join(temp.dir, 'x.db'), { readonly: true });
  const names = () =>
    (reader.prepare('SELECT name FROM files ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  return { db, names, insert: db.prepare('INSERT INTO files (name, parent) VALUES (?, ?)') };
}

describe('CommitGroup', () => {
  it('commits files that finish together in one transaction, each in its own savepoint', async () => {
    const { db, names, insert } = openDb();
    const group = new CommitGroup(db, 32, 20);
    const seen: string[][] = [];
    const add = (name: string) =>
      group.add(() => {
        insert.run(name, null);
        seen.push(names()); // another connection sees nothing until the whole group commits
      });
    const results = await Promise.allSettled([add('a'), add('a'), add('b'), add('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(seen).toEqual([[], [], []]); // the duplicate's savepoint failed before it looked
    expect(names()).toEqual(['a', 'b', 'c']);
  });

  it('rejects every file of a group whose commit fails, and writes none of them', async () => {
    const { db, names, insert } = openDb();
    const group = new CommitGroup(db, 32, 20);
    // A deferred foreign key is only checked at COMMIT: the savepoints succeed, the commit does not.
    const results = await Promise.allSettled([
      group.add(() => insert.run('good', null)),
      group.add(() => insert.run('orphan', 42)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(names()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // The next group is unaffected.
    await group.add(() => insert.run('later', null));
    expect(names()).toEqual(['later']);
  });

  it('rejects the whole group, and commits no later file on its own, when one write ends the transaction', async () => {
    const { db, names, insert } = openDb();
    const group = new CommitGroup(db, 32, 20);
    const results = await Promise.allSettled(
      ['before', 'abort', 'after'].map((name) => group.add(() => insert.run(name, null))),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/the whole transaction is gone/);
    expect(names()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('a lone file commits after the short wait, and a full group at once', async () => {
    const { db, names, insert } = openDb();
    const group = new CommitGroup(db, 3, 1000);
    const start = performance.now();
    await Promise.all(['x', 'y', 'z'].map((n) => group.add(() => insert.run(n, null))));
    expect(performance.now() - start).toBeLessThan(500);
    expect(names()).toEqual(['x', 'y', 'z']);
    const lone = new CommitGroup(db, 32, 30);
    let settled = false;
    const pending = lone.add(() => insert.run('w', null)).then(() => (settled = true));
    expect(settled).toBe(false);
    expect(names()).not.toContain('w');
    await pending;
    expect(names()).toContain('w');
  });
});
