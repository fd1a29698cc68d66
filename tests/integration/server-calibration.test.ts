/**
 * Calibration at head office, against a real server process: who may create, score and close; each item stored once
 * by id; scoring blind (no one's score, and no reference, reaches an inspector before the session closed and they
 * scored); closing by the creator and by the deadline on the server's clock; calibration scores never in agents'
 * evaluations or reports; and grading the graders (an inspector sees only their own row).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, importAgents, publishScorecardFile } from '../../server/admin-commands';
import type { CalibrationPushItem, CalibrationScoreChange, CalibrationSessionChange } from '../../shared/calibration';
import type { Answers } from '../../shared/evaluation';
import type { GraderReport } from '../../shared/grader-math';
import type { Change } from '../../shared/sync';
import { scoreItem, sessionItem, shaOf } from '../support/calibration';
import { seededRandom } from '../support/fault-proxy';
import { makeItem } from '../support/revisions';
import { serverApi } from '../support/server-api';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';

const card = defaultCard();
const random = seededRandom(19);
let database: TestDatabase;
let server: ServerProcess;
let api: ReturnType<typeof serverApi>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  const add = async (key: string, user: Parameters<typeof addUser>[1]) => {
    const created = await addUser(db, user);
    tokens[key] = created.token;
    ids[key] = created.inspectorId;
  };
  await add('head', { name: '总部', role: 'head_office' });
  await add('lead', { name: '王组长', role: 'lead', teams: ['武汉/一组'] });
  for (const k of ['a', 'b', 'c', 'outsider']) await add(k, { name: `质检员${k}`, role: 'inspector' });
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await importAgents(db, [{ agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' }]);
  await db.close();
  server = await startServer(database);
  api = serverApi(server.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

function fullMarks(): Answers {
  const answers: Answers = {};
  for (const s of card.definition.sections) {
    for (const i of s.items) answers[i.id] = i.kind === 'points' ? i.maxPoints : 'pass';
  }
  return answers;
}

const push = (who: string, items: CalibrationPushItem[]) =>
  api.api('/v1/calibration/push', { token: tokens[who], body: { items } });
const statuses = async (who: string, items: CalibrationPushItem[]) => {
  const res = await push(who, items);
  expect(res.status).toBe(200);
  return (res.json.results as { status: string; code?: string }[]).map((r) => r.code ?? r.status);
};

async function calibrationOf(who: string) {
  const { changes } = await api.pullAll(tokens[who]);
  const of = <K extends Change['kind']>(kind: K) =>
    changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);
  return {
    sessions: of('calibration_session') as CalibrationSessionChange[],
    scores: of('calibration_score') as CalibrationScoreChange[],
  };
}

describe('calibration sessions at head office', () => {
  const calls = [shaOf('c1'), shaOf('c2'), shaOf('c3')];
  let session: ReturnType<typeof sessionItem>;

  it('is created by head office or a lead, stored once by id, never by an inspector', async () => {
    session = sessionItem(card, [ids.a, ids.b, ids.c], { calls, references: true });
    expect(await statuses('head', [session])).toEqual(['stored']);
    expect(await statuses('head', [session])).toEqual(['duplicate']);
    const changed = { ...session, session: { ...session.session, name: '改名' } };
    expect(await statuses('head', [changed])).toEqual(['hash_mismatch']);
    expect(await statuses('a', [sessionItem(card, [ids.b])])).toEqual(['role']);
    expect(await statuses('lead', [sessionItem(card, ['no-such-user'])])).toEqual(['unknown_inspector']);
    const past = sessionItem(card, [ids.a], { deadline: '2020-01-01T00:00:00.000Z' });
    expect(await statuses('lead', [past])).toEqual(['deadline_passed']);
  });

  it('reaches the invited inspectors by pull without the references; others not at all', async () => {
    const a = await calibrationOf('a');
    expect(a.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(a.sessions[0].calls.map((c) => c.reference)).toEqual([null, null, null]);
    expect(a.sessions[0].inspectors.map((i) => i.name).sort()).toEqual(['质检员a', '质检员b', '质检员c']);
    expect(a.sessions[0].closedAt).toBeNull();
    expect((await calibrationOf('outsider')).sessions).toEqual([]);
    expect((await calibrationOf('lead')).sessions).toEqual([]); // not the lead's session
    const head = await calibrationOf('head');
    expect(head.sessions[0].calls[0].reference?.inspectorName).toBe('专家');
  });

  it('takes one score per invited inspector and call, blind to the others until closed', async () => {
    const a1 = scoreItem(card, session.id, calls[0], random);
    expect(await statuses('a', [a1])).toEqual(['stored']);
    expect(await statuses('a', [a1])).toEqual(['duplicate']);
    expect(await statuses('a', [scoreItem(card, session.id, calls[0], random)])).toEqual(['already_scored']);
    expect(await statuses('outsider', [scoreItem(card, session.id, calls[0], random)])).toEqual(['not_invited']);
    expect(await statuses('a', [scoreItem(card, session.id, shaOf('other'), random)])).toEqual(['call_not_in_session']);
    expect(await statuses('b', [scoreItem(card, session.id, calls[0], random)])).toEqual(['stored']);
    // a calibration score never enters agents' evaluations
    const sneaky = scoreItem(card, session.id, calls[1], random);
    const res = await api.push(tokens.a, [{ id: sneaky.id, revision: 1, hash: sneaky.hash, body: sneaky.body }]);
    expect((res.json.results as { code: string }[])[0].code).toBe('invalid');

    const a = await calibrationOf('a');
    expect(a.scores.map((s) => s.inspector.id)).toEqual([ids.a]); // only their own
    expect((await calibrationOf('c')).scores).toEqual([]);
    expect((await calibrationOf('head')).scores.map((s) => s.inspector.id).sort()).toEqual([ids.a, ids.b].sort());
  });

  it('closes by its creator: scorers see each other’s scores and the references; no one scores after', async () => {
    expect(await statuses('a', [{ kind: 'close', id: session.id }])).toEqual(['not_creator']);
    expect(await statuses('head', [{ kind: 'close', id: session.id }])).toEqual(['stored']);
    expect(await statuses('head', [{ kind: 'close', id: session.id }])).toEqual(['duplicate']);
    const b = await calibrationOf('b');
    expect(b.sessions[0].closedAt).not.toBeNull();
    expect(b.sessions[0].calls[0].reference?.inspectorName).toBe('专家');
    expect(b.scores.map((s) => s.inspector.id).sort()).toEqual([ids.a, ids.b].sort());
    // c never scored: the session and its references, but no one's scores
    const c = await calibrationOf('c');
    expect(c.sessions[0].closedAt).not.toBeNull();
    expect(c.scores).toEqual([]);
    expect(await statuses('c', [scoreItem(card, session.id, calls[0], random)])).toEqual(['session_closed']);
  });

  it('closes by itself once the deadline passes on the server’s clock', async () => {
    const soon = sessionItem(card, [ids.a], { deadline: new Date(Date.now() + 1500).toISOString() });
    expect(await statuses('lead', [soon])).toEqual(['stored']);
    expect(await statuses('a', [scoreItem(card, soon.id, soon.session.calls[0].sha256, random)])).toEqual(['stored']);
    await expect
      .poll(async () => (await calibrationOf('a')).sessions.find((s) => s.id === soon.id)?.closedAt ?? null, {
        timeout: 15_000,
        interval: 250,
      })
      .not.toBeNull();
    expect(await statuses('a', [scoreItem(card, soon.id, soon.session.calls[1].sha256, random)])).toEqual([
      'session_closed',
    ]);
  });

  it('keeps calibration out of agents’ reports and evaluations', async () => {
    const report = await api.api('/v1/reports/agent-comparison?from=2026-01-01&to=2026-12-31', { token: tokens.head });
    expect(report.status).toBe(200);
    expect(report.json.rows).toEqual([]);
    const head = await api.pullAll(tokens.head);
    expect(head.changes.filter((c) => c.kind === 'evaluation')).toEqual([]);
  });
});

describe('grading the graders at head office', () => {
  it('head office sees everyone; an inspector only themselves, measured against peers on the same agents', async () => {
    const submit = async (who: string, total: number[], day: string) => {
      for (const lose of total) {
        const answers = fullMarks();
        answers['handling-knowledge'] = 15 - lose;
        const item = makeItem(card, random, {
          answers,
          call: { startedAt: `${day}T10:00:00` },
          mutate: (b) => ({ ...b, work: { activeSeconds: 300, playedMs: 90_000 } }),
        });
        expect((await api.push(tokens[who], [item])).status).toBe(200);
      }
    };
    await submit('a', [10], '2026-03-05'); // a: 90
    await submit('b', [0, 4], '2026-03-06'); // b: 100, 96 → a is 98 − 90 = 8 stricter; b is (2·90 − 196)/2 = −8
    const get = async (who: string) => {
      const res = await api.api('/v1/reports/graders?from=2026-03&to=2026-03', { token: tokens[who] });
      expect(res.status).toBe(200);
      return res.json as unknown as GraderReport;
    };
    const head = await get('head');
    const strictness = Object.fromEntries(head.rows.map((r) => [r.name, r.strictness]));
    expect(strictness).toMatchObject({ 质检员a: 8, 质检员b: -8 });
    const a = head.rows.find((r) => r.name === '质检员a')!;
    expect(a).toMatchObject({ evaluations: 1, activeSecondsMedian: 300, meanTotal: 90 });
    expect(a.playedShare).toBeCloseTo(90_000 / 185_000, 12);
    const own = await get('a');
    expect(own.rows.map((r) => [r.name, r.strictness])).toEqual([['质检员a', 8]]);
  });
});
