/**
 * One revision the server fails on (a 500 for any batch that holds it, as a value its database refuses would give)
 * must never hold back the others: the client halves the batch until that revision is alone, sends the rest, and
 * keeps only that one waiting with the error.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { defaultCard, openClient, outboxCount, submitMany } from '../support/sync-client';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-sync-split-');
const client = openClient(temp.dir);
let server: Server;
let url = '';
let poison = '';
const pushSizes: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.url === '/v1/health') {
        return json(200, {
          status: 'ok',
          service: 'qa-inspector-server',
          protocolVersion: PROTOCOL_VERSION,
          database: 'postgres',
        });
      }
      if (req.url === '/v1/me')
        return json(200, { userId: 'u1', name: '张三', role: 'inspector', teams: [], site: null });
      if (req.url?.startsWith('/v1/sync/pull'))
        return json(200, { changes: [], cursor: '0', more: false, scopeKey: 'inspector' });
      if (req.url === '/v1/sync/push') {
        const items = (JSON.parse(body) as { items: { id: string; revision: number }[] }).items;
        pushSizes.push(items.length);
        if (items.some((i) => i.id === poison)) {
          return json(500, { error: { code: 'internal', message: 'The server failed; the request was not applied.' } });
        }
        return json(200, { results: items.map((i) => ({ id: i.id, revision: i.revision, status: 'stored' })) });
      }
      json(404, { error: { code: 'not_found', message: 'no' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  client.close();
  temp.cleanup();
  await new Promise((resolve) => server.close(resolve));
});

describe('a batch the server fails on', () => {
  it('is halved until the failing revision is alone; every other revision is delivered', async () => {
    const submitted = submitMany(client.db, defaultCard(), seededRandom(9), 40);
    poison = submitted[17].id;
    await client.call('sync.configure', { serverUrl: url, token: `qai_${'a'.repeat(43)}` });
    await expect(client.call('sync.now', {})).rejects.toThrow();
    expect(outboxCount(client.db)).toBe(1);
    const status = await client.call('sync.status', {});
    expect(status.waiting).toHaveLength(1);
    expect(status.waiting[0]).toMatchObject({ evaluationId: poison, attempts: 1 });
    // 40 → 20 → 10 → 5 → 3 → 2 → 1 on the failing side, each other half sent once: a handful of requests, not 40.
    expect(pushSizes.length).toBeLessThan(14);
    expect(status.lastErrorCode).toBe('internal');
  });
});
