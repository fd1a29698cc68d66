import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createDispatcher, type Dispatcher, type Handlers } from './api';
import { openDatabase } from './db/open';
import { appliedMigrations } from './db/migrate';
import { SettingsRepository } from './db/settings-repo';
import { EventBus } from './events';
import { createFileLogger, type Logger } from './logger';
import { defaultMigrationsDir } from './paths';
import { appVersion } from './version';

export interface CoreOptions {
  dataDir: string;
  migrationsDir?: string;
  /** Shown by app.info so support can tell Electron, browser mode and the CLI apart. */
  transport?: string;
}

export interface Core extends Dispatcher {
  readonly dataDir: string;
  readonly db: Database;
  readonly events: EventBus;
  readonly logger: Logger;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const { dataDir } = options;
  const logger = createFileLogger(dataDir);
  const databasePath = join(dataDir, 'qa.sqlite');
  const { db, migration } = openDatabase(databasePath, options.migrationsDir ?? defaultMigrationsDir());
  if (migration.applied.length) logger.info(`migrated database to version ${migration.schemaVersion}`);
  const events = new EventBus();
  const settings = new SettingsRepository(db);

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'QA Inspector',
      version: appVersion,
      dataDir,
      databasePath,
      schemaVersion: migration.schemaVersion,
      migrations: appliedMigrations(db).map(({ version, name, appliedAt }) => ({ version, name, appliedAt })),
      transport: options.transport,
    }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', { language: next.language });
      return next;
    },
  };

  const dispatcher = createDispatcher(handlers, (method, error) => logger.error(`${method} failed`, error));
  return {
    ...dispatcher,
    dataDir,
    db,
    events,
    logger,
    close: () => db.close(),
  };
}
