/**
 * Request limits count what is refused too: floods without a token, with made-up `qai_…` tokens or without the
 * protocol header are answered 429 once their address has used its allowance, and repeated refusals lock the
 * address out for windows that double. A token that has authenticated keeps being served from that address.
 * (With @fastify/rate-limit the route's own guard refused these before the limit counted them: none was a 429.)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/admin-commands';
import { buildServer } from '../../server/app';
import type { Db } from '../../server/db';
import { RequestLimiter } from '../../server/limits';
import { newToken } from '../../server/auth';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync';
import { createTestDatabase, type TestDatabase } from '../support/sync-server';

const perMinute = 20;
const flood = 200;
let database: TestDatabase;
let db: Db;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await database.open();
  token = (await addUser(db, { name: '甲', role: 'inspector' })).token;
  app = await buildServer({ db, rateLimitPerMinute: perMinute, failuresBeforeLockout: 10, logLevel: 'silent' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await database?.cleanup();
});

const pull = (address: string, headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/v1/sync/pull', remoteAddress: address, headers });

async function floodFrom(address: string, headers: () => Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < flood; i++) statuses.push((await pull(address, headers())).statusCode);
  return statuses;
}

const protocol = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

describe('request limits', () => {
  it('answers 429 to floods without a token, with made-up tokens and without the protocol header', async () => {
    const noToken = await floodFrom('192.0.2.1', () => protocol);
    const fakeTokens = await floodFrom('192.0.2.2', () => ({ ...protocol, authorization: `Bearer ${newToken()}` }));
    const noProtocol = await floodFrom('192.0.2.3', () => ({ authorization: `Bearer ${token}` }));
    const count = (s: number[], code: number) => s.filter((x) => x === code).length;
    console.log(
      `429s of ${flood} requests each: no token ${count(noToken, 429)}, made-up tokens ${count(fakeTokens, 429)}, ` +
        `no protocol header ${count(noProtocol, 429)}`,
    );
    for (const statuses of [noToken, fakeTokens, noProtocol]) {
      expect(count(statuses, 429)).toBeGreaterThanOrEqual(flood - perMinute);
      expect(statuses.every((s) => s === 429 || s === 401 || s === 400)).toBe(true);
    }
    const limited = await pull('192.0.2.2', protocol);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringMatching(/try again/) },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps serving a token that has authenticated, from an address that is locked out', async () => {
    const address = '192.0.2.4';
    expect((await pull(address, { ...protocol, authorization: `Bearer ${token}` })).statusCode).toBe(200);
    await floodFrom(address, () => ({ ...protocol, authorization: `Bearer ${newToken()}` }));
    expect((await pull(address, { ...protocol, authorization: `Bearer ${newToken()}` })).statusCode).toBe(429);
    expect((await pull(address, { ...protocol, authorization: `Bearer ${token}` })).statusCode).toBe(200);
    // another address is not affected by this one's refusals
    expect((await pull('192.0.2.5', protocol)).statusCode).toBe(401);
  });

  it('locks an address out for windows that double with each further refusal', () => {
    let now = 0;
    const limiter = new RequestLimiter({
      perWindow: 1_000,
      failuresBeforeLockout: 5,
      baseLockMs: 1_000,
      now: () => now,
    });
    const waits: (number | null)[] = [];
    for (let i = 0; i < 10; i++) {
      limiter.failed('198.51.100.1');
      waits.push(limiter.admit('198.51.100.1', null));
      now += 1; // a guesser retrying at once
    }
    expect(waits).toEqual([null, null, null, null, null, 1, 2, 4, 8, 16]);
    now += 16_000;
    expect(limiter.admit('198.51.100.1', null)).toBeNull();
    expect(limiter.admit('198.51.100.2', null)).toBeNull();
  });
});
