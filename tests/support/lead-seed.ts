/**
 * A team lead's data folder without a server: the bundled sample calls (real audio, agents 8001–8006 in 一组/二组),
 * head-office roster changes putting 一组 and 二组 in 武汉 and a 三组 in 长沙, evaluations head office sent down
 * (pulled, read-only) for all three teams, two of the lead's own submitted evaluations of which head office refused
 * one, and a head-office sampling target. Everything goes through the core's dispatcher and repositories, as a
 * pull or a push would write it; nothing is raw SQL.
 */
import { createCore } from '../../electron/core/core';
import { SyncRepository } from '../../electron/core/sync/repo';
import type { Answers } from '../../shared/evaluation';
import type { Change, EvaluationChange } from '../../shared/sync';
import { pulledChange, type PulledSpec } from './pulled-evaluations';
import { defaultCard } from './sync-client';

export const leadIdentity = {
  userId: 'lead-1',
  name: '王班长',
  role: 'lead' as const,
  teams: [{ id: 'T1', name: '一组' }],
  site: null,
};

/** Head office's roster as a pull delivers it: teams with their site, and 三组's agents (the samples bring 80xx). */
const rosterChanges: Change[] = [
  { kind: 'team', id: 'T1', name: '一组', site: '武汉' },
  { kind: 'team', id: 'T2', name: '二组', site: '武汉' },
  { kind: 'team', id: 'T3', name: '三组', site: '长沙' },
  { kind: 'agent', agentNo: '8001', name: '张敏', teamId: 'T1', site: '武汉', active: true },
  { kind: 'agent', agentNo: '8002', name: '李强', teamId: 'T1', site: '武汉', active: true },
  { kind: 'agent', agentNo: '8003', name: '王芳', teamId: 'T1', site: '武汉', active: true },
  { kind: 'agent', agentNo: '8004', name: '刘洋', teamId: 'T2', site: '武汉', active: true },
  { kind: 'agent', agentNo: '8005', name: '陈静', teamId: 'T2', site: '武汉', active: true },
  { kind: 'agent', agentNo: '8006', name: '赵磊', teamId: 'T2', site: '武汉', active: true },
  { kind: 'agent', agentNo: '9001', name: '孙丽', teamId: 'T3', site: '长沙', active: true },
  { kind: 'agent', agentNo: '9002', name: '马超', teamId: 'T3', site: '长沙', active: true },
  /** Head office wants 3 monitored calls per agent per month. */
  { kind: 'sampling_target', scope: 'all', callsPerMonth: 3 },
];

const teamOf: Record<string, { teamId: string; teamName: string; site: string; name: string }> = {
  '8001': { teamId: 'T1', teamName: '一组', site: '武汉', name: '张敏' },
  '8002': { teamId: 'T1', teamName: '一组', site: '武汉', name: '李强' },
  '8003': { teamId: 'T1', teamName: '一组', site: '武汉', name: '王芳' },
  '8004': { teamId: 'T2', teamName: '二组', site: '武汉', name: '刘洋' },
  '8005': { teamId: 'T2', teamName: '二组', site: '武汉', name: '陈静' },
  '9001': { teamId: 'T3', teamName: '三组', site: '长沙', name: '孙丽' },
  '9002': { teamId: 'T3', teamName: '三组', site: '长沙', name: '马超' },
};

/** Answers on the default card losing `lose` points on the attitude items (the rest full marks). */
function answers(lose: number): Answers {
  const card = defaultCard().definition;
  const out: Answers = {};
  let left = lose;
  for (const section of card.sections) {
    for (const item of section.items) {
      if (item.kind === 'critical') out[item.id] = 'pass';
      else if (item.kind === 'yesno') out[item.id] = 'pass';
      else {
        const lost = section.id === card.sections[1].id ? Math.min(left, item.maxPoints) : 0;
        left -= lost;
        out[item.id] = item.maxPoints - lost;
      }
    }
  }
  return out;
}

/** The annex row the e2e test opens: a pulled evaluation with item comments, findings, a suggestion and a note. */
export const annexPick = {
  id: '5b1c8f4e-2d6a-4c1e-9f3b-7a2e4d6c8b10',
  agentNo: '8003',
  inspectorName: '质检员李四',
  itemComment: '客户抱怨时未安抚，直接解释资费',
  comment: '整体服务规范，安抚不足',
  suggestion: '遇到抱怨先致歉再解释',
  finding: '无安抚语',
};

function pulledSpecs(): PulledSpec[] {
  const specs: PulledSpec[] = [];
  const plan: [string, string, number][] = [
    // agent, day, points lost
    ['8001', '2024-03-04', 4],
    ['8001', '2024-03-14', 2],
    ['8002', '2024-03-06', 6],
    ['8004', '2024-03-08', 8],
    ['8005', '2024-03-12', 3],
    ['9001', '2024-03-05', 10],
    ['9001', '2024-03-15', 12],
    ['9002', '2024-03-07', 9],
    ['8001', '2024-02-10', 7],
    ['8004', '2024-02-12', 5],
    ['9001', '2024-02-11', 6],
  ];
  for (const [agentNo, day, lose] of plan) {
    const t = teamOf[agentNo];
    specs.push({
      agentNo,
      agentName: t.name,
      day,
      teamId: t.teamId,
      teamName: t.teamName,
      site: t.site,
      inspectorId: t.site === '武汉' ? 'insp-wh' : 'insp-cs',
      inspectorName: t.site === '武汉' ? '质检员张三' : '质检员赵六',
      category: '服务类',
      answers: answers(lose),
    });
  }
  specs.push({
    id: annexPick.id,
    agentNo: annexPick.agentNo,
    agentName: '王芳',
    day: '2024-03-07',
    teamId: 'T1',
    teamName: '一组',
    site: '武汉',
    inspectorId: 'insp-ls',
    inspectorName: annexPick.inspectorName,
    category: '域名类',
    answers: answers(5),
    itemComments: { 'attitude-soothe': annexPick.itemComment },
    findings: [annexPick.finding],
    comment: annexPick.comment,
    suggestion: annexPick.suggestion,
  });
  return specs;
}

export interface LeadSeed {
  /** The lead's own evaluations: the refused one and the accepted-pending one. */
  rejectedEvaluationId: string;
  waitingEvaluationId: string;
  pulled: number;
}

/** Seeds `dataDir` (closed again before browser mode opens it). */
export async function seedLeadDataDir(dataDir: string): Promise<LeadSeed> {
  const core = createCore({ dataDir, transport: 'test', sync: { background: false } });
  try {
    await core.call('recordings.loadSample', {});
    core.context.identity.set(leadIdentity);
    const sync = new SyncRepository(core.db, core.context.reports);
    sync.applyPage(rosterChanges, '1');

    // One pulled evaluation is of sample call S003 (same audio, by SHA-256), so the read-only view can play it.
    const list = await core.call('recordings.list', { limit: 10 });
    const byCall = new Map(list.items.map((r) => [r.callId, r.id]));
    const s003 = await core.call('recordings.get', { id: byCall.get('S003')! });
    const changes: EvaluationChange[] = pulledSpecs().map((spec) =>
      pulledChange(spec.id === annexPick.id ? { ...spec, recordingSha256: s003.sha256 } : spec),
    );
    core.db.transaction(() => core.context.reports.putPulled(changes))();

    // The lead's own evaluations of S001 and S002; head office refused the first (its card is not published there).
    const own: string[] = [];
    for (const callId of ['S001', 'S002']) {
      const submitted = await core.call('evaluations.submit', {
        recordingId: byCall.get(callId)!,
        answers: answers(callId === 'S001' ? 3 : 1),
        itemComments: {},
        findings: [],
        comment: '',
        suggestion: '',
      });
      own.push(submitted.id);
    }
    sync.applyPushResults([
      {
        id: own[0],
        revision: 1,
        status: 'rejected',
        code: 'card_not_published',
        reason: 'Scorecard default-phone version 1 is not published at head office.',
      },
    ]);
    return { rejectedEvaluationId: own[0], waitingEvaluationId: own[1], pulled: changes.length };
  } finally {
    core.close();
  }
}
