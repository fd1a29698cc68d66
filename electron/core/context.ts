import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Contract, Output } from '../../shared/api';
import type { SettingsRepository } from './db/settings-repo';
import type { EventBus } from './events';
import type { Logger } from './logger';
import type { ReportStore } from './reports/store';
import type { IdentityRepository } from './sync/identity-repo';

/** What every domain's services get: one database connection, the data folder, events and the log. */
export interface CoreContext {
  db: Database;
  dataDir: string;
  databasePath: string;
  events: EventBus;
  logger: Logger;
  settings: SettingsRepository;
  schemaVersion: number;
  transport?: string;
  /** This app's user at head office (null until sync is set up). */
  identity: IdentityRepository;
  /** Every evaluation the reports cover: submit, pull and rebuild all write through it. */
  reports: ReportStore;
}

/** Handlers for a slice of the contract; each domain exports one `create…Handlers(ctx)` of this type. */
export type HandlersFor<K extends keyof Contract> = {
  [M in K]: (input: z.output<Contract[M]['input']>) => Output<M> | Promise<Output<M>>;
};
