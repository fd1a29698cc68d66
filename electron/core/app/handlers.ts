import type { appContract } from '../../../shared/contracts/app';
import type { CoreContext, HandlersFor } from '../context';
import { appliedMigrations } from '../db/migrate';
import { appVersion } from '../version';

export function createAppHandlers(ctx: CoreContext): HandlersFor<keyof typeof appContract> {
  return {
    'app.info': () => ({
      name: 'QA Inspector',
      version: appVersion,
      dataDir: ctx.dataDir,
      databasePath: ctx.databasePath,
      schemaVersion: ctx.schemaVersion,
      migrations: appliedMigrations(ctx.db).map(({ version, name, appliedAt }) => ({ version, name, appliedAt })),
      transport: ctx.transport,
    }),
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch) => {
      const next = ctx.settings.update(patch);
      ctx.events.emit('settings.changed', { language: next.language });
      return next;
    },
  };
}
