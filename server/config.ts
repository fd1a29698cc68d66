import { join } from 'node:path';
import type { DbConfig } from './db';

/** Where the database lives: DATABASE_URL wins; otherwise PGlite in SERVER_DATA_DIR (default ./.data/server). */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.SERVER_DATA_DIR || join(process.cwd(), '.data', 'server') };
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}".`);
  return n;
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    port: env.PORT === '0' ? 0 : positiveInt(env.PORT, 'PORT', 8787),
    host: env.HOST || '127.0.0.1',
    rateLimitPerMinute: positiveInt(env.RATE_LIMIT_PER_MINUTE, 'RATE_LIMIT_PER_MINUTE', 600),
    bodyLimitBytes: positiveInt(env.BODY_LIMIT_BYTES, 'BODY_LIMIT_BYTES', 16 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: trustProxy(env.TRUST_PROXY),
    gapGraceMs:
      env.REVISION_GAP_GRACE_SECONDS === '0'
        ? 0
        : positiveInt(env.REVISION_GAP_GRACE_SECONDS, 'REVISION_GAP_GRACE_SECONDS', 600) * 1000,
  };
}

/**
 * Behind a load balancer every request comes from its address; TRUST_PROXY names the proxies whose
 * X-Forwarded-For to believe (comma-separated addresses or CIDRs), so request limits count each client's own
 * address. Unset: the socket's address, and the header is ignored (a client could forge it).
 */
function trustProxy(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}
