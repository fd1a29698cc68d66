import { readMigrations } from '../../electron/core/db/migrate';
import { defaultMigrationsDir } from '../../electron/core/paths';

/** The schema version a fresh database reaches: the number of shipped migrations. */
export const shippedSchemaVersion = readMigrations(defaultMigrationsDir()).length;
