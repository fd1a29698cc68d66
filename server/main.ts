/** `npm run server`: the head-office sync server (see README, "Head-office server"). */
import { buildServer } from './app';
import { dbConfigFromEnv, serverConfigFromEnv } from './config';
import { describeDb, openDb } from './db';
import { hardenDataDir } from './files';
import { prepareDatabase } from './prepare';

async function main(): Promise<void> {
  // The data folder holds the tokens' hashes and every evaluation: nothing this process creates is for other users.
  process.umask(0o077);
  const config = serverConfigFromEnv();
  const dbConfig = dbConfigFromEnv();
  const db = await openDb(dbConfig);
  const migration = await prepareDatabase(db);
  if (dbConfig.dataDir) hardenDataDir(dbConfig.dataDir);
  const app = await buildServer({ db, ...config });
  for (const warning of migration.warnings) app.log.warn(warning);
  app.log.info(
    { database: describeDb(dbConfig), schema: migration.version, applied: migration.applied },
    'database ready',
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // In-flight requests finish (their transactions commit or roll back) before the database closes.
    void app
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 60, msg: 'server failed to start', err: String(error) })}\n`);
  process.exit(1);
});
