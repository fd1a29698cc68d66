import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { joinDisjoint } from '../../shared/contracts/define';
import { createDispatcher, type Dispatcher, type Handlers } from './api';
import { createAppHandlers } from './app/handlers';
import { createDisputesHandlers } from './disputes/handlers';
import { createCalibrationHandlers } from './calibration/handlers';
import { createCallbacksHandlers } from './callbacks/handlers';
import { createChannelsHandlers } from './channels/service';
import { createEvaluationHandlers } from './evaluations/handlers';
import { createScorecardHandlers } from './scorecards/handlers';
import { createNativeHandlers, type NativeCapabilities } from './native/handlers';
import type { CoreContext } from './context';
import { backupDaily } from './db/backup';
import { keepStatistics, openDatabase } from './db/open';
import { SettingsRepository } from './db/settings-repo';
import type { SyncEngine } from './sync/engine';
import { createSyncHandlers, type SyncOptions } from './sync/handlers';
import { EventBus } from './events';
import { createFileLogger, type Logger } from './logger';
import { defaultMigrationsDir } from './paths';
import { ensurePrivateDir } from './private-files';
import { createRecordingsHandlers } from './recordings/handlers';
import { libraryDirOf } from './recordings/importer';
import type { PdfPrinter } from './reports/export/pdf-printer';
import { createReportsHandlers } from './reports/handlers';
import { createNarrativeHandlers } from './reports/narrative-handlers';
import { ReportStore } from './reports/store';
import { IdentityRepository } from './sync/identity-repo';

export interface CoreOptions {
  dataDir: string;
  migrationsDir?: string;
  /** Shown by app.info so support can tell Electron, browser mode and the CLI apart. */
  transport?: string;
  /** Scorecards published on first start (default: resources/scorecards in the source tree). */
  scorecardsDir?: string;
  /** Sync settings: the token's SecretStore (Electron: safeStorage), background loop, timings. */
  sync?: SyncOptions;
  /** How this transport prints reports to PDF (browser mode and the qa command give headless Chromium). */
  pdfPrinter?: PdfPrinter;
  /** The desktop app's pickers and window printing (Electron's main gives them; elsewhere they are unavailable). */
  native?: NativeCapabilities;
  /**
   * Take the daily database backup in the background (db/backup.ts). On by default for the desktop app and browser
   * mode; the one-shot qa command (and the tests) do not, as they would end it half-way.
   */
  autoBackup?: boolean;
}

export interface Core extends Dispatcher {
  readonly dataDir: string;
  readonly db: Database;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly context: CoreContext;
  /** The daily backup started at start-up, if one was due: its path once written. */
  readonly backup: Promise<string | undefined>;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const { dataDir } = options;
  const logger = createFileLogger(dataDir);
  const databasePath = join(dataDir, 'qa.sqlite');
  const { db, migration } = openDatabase(databasePath, options.migrationsDir ?? defaultMigrationsDir(), {
    dataDir,
    libraryDir: libraryDirOf(dataDir),
  });
  // Older versions made it world-readable; its recordings are customers' calls.
  ensurePrivateDir(libraryDirOf(dataDir));
  if (migration.applied.length) logger.info(`migrated database to version ${migration.schemaVersion}`);
  const identity = new IdentityRepository(db);
  const reports = new ReportStore(
    db,
    () => {
      const me = identity.get();
      return me ? { userId: me.userId, name: me.name } : null;
    },
    (message) => logger.info(message),
  );
  // After the migration that made the report store (or a change of user), everything is counted again once.
  if (reports.needsRebuild()) {
    const started = Date.now();
    reports.rebuild();
    logger.info(`rebuilt the report store in ${Date.now() - started} ms`);
  }
  const autoBackup = options.autoBackup ?? (options.transport === 'electron' || options.transport === 'browser');
  const backup = autoBackup ? backupDaily(db, dataDir, logger) : Promise.resolve(undefined);
  const context: CoreContext = {
    db,
    dataDir,
    databasePath,
    events: new EventBus((event, error) => logger.error(`a ${event} listener failed`, error)),
    logger,
    settings: new SettingsRepository(db),
    schemaVersion: migration.schemaVersion,
    transport: options.transport,
    identity,
    reports,
  };
  const closers: (() => void)[] = [];

  // One line per domain: each returns the handlers for its slice of shared/api.ts.
  let engine: SyncEngine | null = null;
  const handlers: Handlers = joinDisjoint(
    createAppHandlers(context),
    createRecordingsHandlers(context, closers),
    createChannelsHandlers(context),
    createScorecardHandlers(context, { seedDir: options.scorecardsDir }),
    createEvaluationHandlers(context),
    createSyncHandlers(context, {
      background: options.transport !== 'cli',
      ...options.sync,
      closers,
      onEngine: (e) => (engine = e),
    }),
    createNativeHandlers(context, options.native),
    createReportsHandlers(context, {
      dispatch: () => dispatcher.dispatch,
      history: () => (engine ? (id) => engine!.history(id) : null),
      pdfPrinter: options.pdfPrinter,
    }),
    createDisputesHandlers(context, () => engine),
    createCalibrationHandlers(context, {
      engine: () => engine,
      dispatch: () => dispatcher.dispatch,
      pdfPrinter: options.pdfPrinter,
    }),
    createCallbacksHandlers(context, () => engine),
    createNarrativeHandlers(context, () => engine, closers),
  );

  const dispatcher = createDispatcher(handlers, (method, error) => logger.error(`${method} failed`, error));
  return {
    ...dispatcher,
    dataDir,
    db,
    events: context.events,
    logger,
    context,
    backup,
    close: () => {
      for (const close of closers.splice(0)) close();
      keepStatistics(db);
      db.close();
    },
  };
}
