/**
 * `npm run server:admin` run for real (the same `tsx server/admin.ts` the script runs, in its own process) against a
 * fresh server database: tokens issued once and kept only as hashes, revocation seen by a running server, a
 * scorecard published, a GBK roster from Excel imported, evaluations exported as CSV and JSON by date, and an audit
 * row for each of these. Runs on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync';
import { repoRoot } from '../support/cli';
import { seededRandom } from '../support/fault-proxy';
import { makeItem } from '../support/revisions';
import { defaultCard, openClient, submitRevision, type Submitted } from '../support/sync-client';
import { createTestDatabase, startServer, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-server-admin-');
const card = defaultCard();
let database: TestDatabase;

interface AdminRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

function admin(...args: string[]): AdminRun {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    SERVER_DATA_DIR: undefined,
  };
  if (database.config.databaseUrl) env.DATABASE_URL = database.config.databaseUrl;
  else env.SERVER_DATA_DIR = database.config.dataDir;
  // node with tsx as a loader is what the script's `tsx server/admin.ts` runs, minus tsx's extra wrapper process.
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'server', 'admin.ts'), ...args], {
    cwd: repoRoot,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout) as Record<string, unknown>,
  };
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = await database.open();
  try {
    return await db.query<T>(sql, params);
  } finally {
    await db.close();
  }
}

async function pullStatus(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/v1/sync/pull?since=0`, {
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

let inspector: { inspectorId: string; token: string; tokenId: string };
let submitted: Submitted[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database?.cleanup();
  temp.cleanup();
});

describe('npm run server:admin', () => {
  it('is what the npm script runs', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['server:admin']).toBe('tsx server/admin.ts');
    const help = admin('--help');
    expect(help.status).toBe(0);
    for (const command of ['add-inspector', 'revoke-token', 'publish-scorecard', 'import-agents', 'export-evaluations'])
      expect(help.stdout).toContain(command);
  }, 60_000);

  it('add-inspector prints a token once and the server keeps only its SHA-256', async () => {
    const run = admin('add-inspector', '--name', '质检员甲');
    expect(run.status, run.stderr).toBe(0);
    inspector = run.json() as typeof inspector;
    expect(inspector.token).toMatch(/^qai_[A-Za-z0-9_-]{43}$/);
    const rows = await query<{ token_hash: string; name: string }>(
      'SELECT t.token_hash, i.name FROM tokens t JOIN inspectors i ON i.id = t.inspector_id WHERE t.id = $1',
      [inspector.tokenId],
    );
    expect(rows).toEqual([
      { token_hash: createHash('sha256').update(inspector.token).digest('hex'), name: '质检员甲' },
    ]);
    const leaked = await query<{ n: string }>(
      'SELECT count(*)::text AS n FROM tokens WHERE token_hash = $1 OR position($1 in token_hash) > 0',
      [inspector.token],
    );
    expect(leaked[0].n).toBe('0');
  }, 120_000);

  it('refuses a missing name or an unknown command with a clear error and exit code 1', () => {
    for (const args of [['frobnicate'], ['add-inspector', '--name', '  ']]) {
      const run = admin(...args);
      expect(run.status, args.join(' ')).toBe(1);
      expect(JSON.parse(run.stderr.trim().split('\n').pop()!)).toMatchObject({
        code: 'admin_failed',
        message: expect.stringMatching(/name|Unknown command/),
      });
    }
  }, 120_000);

  it('publish-scorecard publishes a scorecard file once; running it again changes nothing', () => {
    // the app's built-in card is already there: every server publishes it when it opens its database
    const builtIn = join(temp.dir, 'card.json');
    writeFileSync(builtIn, JSON.stringify({ format: 'qa-inspector/scorecard@1', ...card }));
    const again = admin('publish-scorecard', builtIn);
    expect(again.status, again.stderr).toBe(0);
    expect(again.json()).toEqual({ id: card.id, version: card.version, status: 'unchanged' });
    const file = join(temp.dir, 'custom-card.json');
    writeFileSync(file, JSON.stringify({ format: 'qa-inspector/scorecard@1', ...card, id: 'custom-phone' }));
    const first = admin('publish-scorecard', file);
    expect(first.status, first.stderr).toBe(0);
    expect(first.json()).toEqual({ id: 'custom-phone', version: card.version, status: 'published' });
    expect(admin('publish-scorecard', file).json()).toMatchObject({ status: 'unchanged' });
  }, 120_000);

  it('import-agents reads a GBK CSV saved by Excel with Chinese headers, and a UTF-8 one with a BOM', async () => {
    const gbk = join(temp.dir, 'roster-gbk.csv');
    const text = '工号,姓名,班组,站点\r\nA001,张伟,一组,杭州\r\nA002,李娜,一组,杭州\r\nA003,王芳,二组,宁波\r\n';
    writeFileSync(gbk, iconv.encode(text, 'gbk'));
    const run = admin('import-agents', gbk);
    expect(run.status, run.stderr).toBe(0);
    const utf8 = join(temp.dir, 'roster-utf8.csv');
    writeFileSync(utf8, `\uFEFFagent_no,name,team,site\nA004,赵磊,二组,宁波\n`);
    expect(admin('import-agents', utf8).status).toBe(0);
    const agents = await query<{ agent_no: string; name: string; team: string; site: string }>(
      `SELECT a.agent_no, a.name, t.name AS team, a.site FROM agents a JOIN teams t ON t.id = a.team_id
        ORDER BY a.agent_no`,
    );
    expect(agents).toEqual([
      { agent_no: 'A001', name: '张伟', team: '一组', site: '杭州' },
      { agent_no: 'A002', name: '李娜', team: '一组', site: '杭州' },
      { agent_no: 'A003', name: '王芳', team: '二组', site: '宁波' },
      { agent_no: 'A004', name: '赵磊', team: '二组', site: '宁波' },
    ]);
    const bad = join(temp.dir, 'roster-bad.csv');
    writeFileSync(bad, '工号,姓名\n"A 5/..",x\n');
    const refused = admin('import-agents', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Row 1/);
  }, 120_000);

  it('export-evaluations writes what the server received, filtered by date, as CSV and JSON', async () => {
    const client = openClient(join(temp.dir, 'client'));
    const random = seededRandom(11);
    try {
      // agents of the roster imported above: the server refuses others once it has a roster
      submitted = Array.from({ length: 12 }, (_, i) =>
        submitRevision(client.db, card, random, { agentNo: `A00${(i % 4) + 1}` }),
      );
      const server = await startServer(database);
      try {
        await client.call('sync.configure', { serverUrl: server.url, token: inspector.token });
        expect((await client.call('sync.now', {})).pushed).toBe(12);
      } finally {
        await server.stop();
      }
    } finally {
      client.close();
    }
    const day = (s: Submitted) => s.body.submittedAt.slice(0, 10);
    const [from, to] = ['2025-03-05', '2025-03-20'];
    const expected = submitted.filter((s) => day(s) >= from && day(s) <= to).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(12);

    const json = admin('export-evaluations', '--from', from, '--to', to, '--format', 'json');
    expect(json.status, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as {
      evaluationId: string;
      inspectorName: string;
      total: number;
      agentName: string;
      teamName: string;
    }[];
    expect(rows.map((r) => r.evaluationId).sort()).toEqual([...expected].sort());
    expect(rows.every((r) => r.inspectorName === '质检员甲')).toBe(true);
    const byId = new Map(submitted.map((s) => [s.id, s]));
    for (const r of rows) expect(r.total).toBe(byId.get(r.evaluationId)!.body.total);
    // a revision without call context (the app before protocol 2) is filed by the roster
    expect(rows.map((r) => r.agentName).every((n) => ['张伟', '李娜', '王芳', '赵磊'].includes(n))).toBe(true);
    expect(rows.every((r) => r.teamName === '一组' || r.teamName === '二组')).toBe(true);

    const out = join(temp.dir, 'export.csv');
    const csv = admin('export-evaluations', '--from', from, '--to', to, '--format', 'csv', '--out', out);
    expect(csv.json()).toEqual({ exported: expected.length, file: out, format: 'csv' });
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^evaluation_id,call_day,call_id,call_time,file_name,category,agent_no,agent_name,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([...expected].sort());

    expect(admin('export-evaluations', '--from', '5 March').stderr).toMatch(/YYYY-MM-DD/);
  }, 120_000);

  it('add-user issues tokens for leads of one or more teams, site users and head office', async () => {
    const lead = admin('add-user', '--role', 'lead', '--team', 'T01', '--team', 'T02', '--name', '王芳');
    expect(lead.status, lead.stderr).toBe(0);
    const created = lead.json() as { inspectorId: string; token: string; role: string };
    expect(created).toMatchObject({ role: 'lead', token: expect.stringMatching(/^qai_/) });
    const teams = await query<{ team_id: string }>('SELECT team_id FROM user_teams WHERE user_id = $1 ORDER BY 1', [
      created.inspectorId,
    ]);
    expect(teams.map((t) => t.team_id)).toEqual(['T01', 'T02']);
    const site = admin('add-user', '--role', 'site', '--site', '武汉', '--name', '武汉分公司');
    expect(site.status, site.stderr).toBe(0);
    expect(admin('add-user', '--role', 'head_office', '--name', '总部').status).toBe(0);
    for (const [args, message] of [
      [['add-user', '--role', 'lead', '--name', '没有班组'], /team/],
      [['add-user', '--role', 'site', '--name', '没有分公司'], /site/],
      [['add-user', '--role', 'boss', '--name', '老板'], /--role must be one of/],
      [['add-user', '--role', 'inspector', '--team', 'T01', '--name', '甲'], /only for --role lead/],
    ] as const) {
      const run = admin(...args);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  }, 120_000);

  it('export-evaluations writes the call context by call day and site, as formula-safe CSV and as xlsx', async () => {
    const user = admin('add-user', '--role', 'inspector', '--name', '质检员丙').json() as typeof inspector;
    const random = seededRandom(12);
    const items = [
      makeItem(card, random, {
        agentNo: 'A001',
        comment: '=HYPERLINK("http://evil.example","点击")',
        call: { callId: 'C-77', startedAt: '2025-04-01T23:30:00', category: '投诉' },
      }),
      makeItem(card, random, { agentNo: 'A003', call: { startedAt: '2025-04-01T08:00:00' } }),
      makeItem(card, random, { agentNo: 'A001', call: { startedAt: '2025-04-02T08:00:00' } }),
    ];
    const server = await startServer(database);
    try {
      const res = await fetch(`${server.url}/v1/sync/push`, {
        method: 'POST',
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          authorization: `Bearer ${user.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ items }),
      });
      expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
        'stored',
        'stored',
        'stored',
      ]);
    } finally {
      await server.stop();
    }
    const out = join(temp.dir, 'april.csv');
    const csv = admin(
      'export-evaluations',
      '--from',
      '2025-04-01',
      '--to',
      '2025-04-01',
      '--site',
      '杭州',
      '--out',
      out,
    );
    expect(csv.json()).toEqual({ exported: 1, file: out, format: 'csv' });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, row] = parseCsv(text.slice(1)) as string[][];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('call_id')).toBe('C-77');
    expect(cell('call_time')).toBe('2025-04-01T23:30:00');
    expect(cell('category')).toBe('投诉');
    expect([cell('agent_no'), cell('agent_name'), cell('team'), cell('site')]).toEqual([
      'A001',
      '张伟',
      '一组',
      '杭州',
    ]);
    expect(cell('comment')).toBe(`'=HYPERLINK("http://evil.example","点击")`);
    expect(cell('inspector')).toBe('质检员丙');
    expect(Number(cell('talk_over_count'))).toBe(3);
    expect(header.filter((h) => / \(.+, \d+(\.\d+)?\)$/.test(h))).toHaveLength(card.definition.sections.length);

    const xlsx = join(temp.dir, 'april.xlsx');
    const run = admin(
      'export-evaluations',
      '--from',
      '2025-04-01',
      '--to',
      '2025-04-02',
      '--format',
      'xlsx',
      '--out',
      xlsx,
    );
    expect(run.json()).toEqual({ exported: 3, file: xlsx, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(4);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const comment = sheet.getRow(2).getCell(headers.indexOf('comment') + 1);
    expect(comment.type).toBe(ExcelJS.ValueType.String);
    expect(typeof sheet.getRow(2).getCell(headers.indexOf('total') + 1).value).toBe('number');
    expect(admin('export-evaluations', '--format', 'xlsx').stderr).toMatch(/needs --out/);
  }, 180_000);

  it('revoke-token makes the running server answer 401 to that token at once', async () => {
    const other = admin('add-inspector', '--name', '质检员乙').json() as typeof inspector;
    const server = await startServer(database);
    try {
      expect(await pullStatus(server.url, inspector.token)).toBe(200);
      if (database.config.databaseUrl) {
        // PostgreSQL takes the admin command while the server runs; PGlite's folder belongs to one process.
        expect(admin('revoke-token', '--inspector', inspector.inspectorId).json()).toEqual({ revoked: 1 });
      } else {
        await server.stop();
        expect(admin('revoke-token', '--inspector', inspector.inspectorId).json()).toEqual({ revoked: 1 });
      }
    } finally {
      await server.stop();
    }
    const restarted = await startServer(database);
    try {
      expect(await pullStatus(restarted.url, inspector.token)).toBe(401);
      expect(await pullStatus(restarted.url, other.token)).toBe(200);
    } finally {
      await restarted.stop();
    }
    expect(admin('revoke-token', '--token', other.token).json()).toEqual({ revoked: 1 });
  }, 120_000);

  it('leaves an audit row for every command and push, never the token itself', async () => {
    const rows = await query<{ action: string; actor: string; detail_json: string }>(
      'SELECT action, actor, detail_json FROM audit ORDER BY id',
    );
    const actions = rows.map((r) => r.action);
    for (const action of ['add-user', 'publish-scorecard', 'import-agents', 'push', 'revoke-token'])
      expect(actions, action).toContain(action);
    const push = rows.find((r) => r.action === 'push')!;
    expect(push.actor).toBe(inspector.inspectorId);
    expect(JSON.parse(push.detail_json)).toMatchObject({ stored: 12, rejected: 0, forbidden: 0 });
    expect(rows.some((r) => r.detail_json.includes(inspector.token))).toBe(false);
  }, 120_000);
});
