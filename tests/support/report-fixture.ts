/**
 * Evaluations that reproduce the monthly QA report of domain.md: 7 agents × 10 calls a month, Jan–Mar 2026;
 * March section averages 4.34 / 19.07 / 15.21 / 42.86 of 5 / 25 / 20 / 50 (total 81.49 over 70 calls) and
 * 杨冲 77.3 → 80.6 → 85.9. Every evaluation goes through the real submit path (evaluations.submit) with answers
 * on the shipped default card, so the reports read what the scoring code stored.
 */
import type { Core } from '../../electron/core/core';
import { AgentsRepository } from '../../electron/core/recordings/agents-repo';
import { insertRecording } from './recording-rows';

export const fixtureMonths = ['2026-01', '2026-02', '2026-03'] as const;
export const fixtureCategories = ['网站类', '邮箱类', '域名类', '服务类', '其他'] as const;

export const fixtureTeams = [
  { id: 'team-1', name: '一组' },
  { id: 'team-2', name: '二组' },
];

/** Monthly sums of the 10 totals per agent (so 859 is an average of 85.9). */
export const fixtureAgents = [
  { agentNo: '1001', name: '杨冲', team: 'team-1', sums: [773, 806, 859] },
  { agentNo: '1002', name: '王芳', team: 'team-1', sums: [842, 850, 780] },
  { agentNo: '1003', name: '李娜', team: 'team-1', sums: [801, 795, 812] },
  { agentNo: '1004', name: '张伟', team: 'team-1', sums: [820, 828, 835] },
  { agentNo: '1005', name: '刘洋', team: 'team-2', sums: [778, 802, 790] },
  { agentNo: '1006', name: '陈静', team: 'team-2', sums: [815, 809, 818] },
  { agentNo: '1007', name: '赵磊', team: 'team-2', sums: [799, 812, 810] },
];
/** On the roster without a single evaluation: a quota alert. */
export const idleAgent = { agentNo: '1008', name: '周敏', team: 'team-2' };

/** March section sums over the 70 calls: averages 4.34 / 19.07 / 15.21 / 42.86, total 5704 → 81.49. */
const marchSectionSums = [304, 1335, 1065, 3000];
const sectionMax = [5, 25, 20, 50];
const sectionShare = [4.34, 19.07, 15.21, 42.86].map((v) => v / 81.48);

/** Deduction order per section (first items lose points first), rotated per call for variety. */
const itemOrder: { id: string; max: number; yesno?: boolean }[][] = [
  [
    { id: 'opening-greeting', max: 2 },
    { id: 'closing', max: 2 },
    { id: 'opening-reply', max: 1, yesno: true },
  ],
  [
    { id: 'attitude-listen', max: 5 },
    { id: 'attitude-soothe', max: 6 },
    { id: 'attitude-polite', max: 5 },
    { id: 'attitude-concise', max: 4 },
    { id: 'attitude-questioning', max: 3 },
    { id: 'attitude-tag-questions', max: 2, yesno: true },
  ],
  [
    { id: 'phrasing-hold', max: 5 },
    { id: 'phrasing-apology', max: 3 },
    { id: 'phrasing-resume', max: 4 },
    { id: 'phrasing-thanks', max: 4 },
    { id: 'phrasing-repeat', max: 2 },
    { id: 'phrasing-no-self-talk', max: 2, yesno: true },
  ],
  [
    { id: 'handling-knowledge', max: 15 },
    { id: 'handling-diagnosis', max: 12 },
    { id: 'handling-ownership', max: 10 },
    { id: 'handling-clarity', max: 8 },
    { id: 'handling-verify', max: 5 },
  ],
];
const criticalItems = ['critical-abuse', 'critical-hangup', 'critical-privacy'];

const quotes: Record<string, { tag: string; comment: string }> = {
  'opening-greeting': { tag: '语速过快', comment: '开头语语气疲惫，“您好”说得有气无力' },
  closing: { tag: '语速过快', comment: '客户未说完即说结束语，语速过快' },
  'attitude-listen': { tag: '抢话', comment: '客户描述问题时多次抢话' },
  'attitude-soothe': { tag: '无安抚语', comment: '客户抱怨时无回应，未使用安抚用语' },
  'attitude-polite': { tag: '礼貌用语不足', comment: '“请”“您”使用偏少' },
  'attitude-concise': { tag: '冗余重复', comment: '口头禅多，同一句话重复三次' },
  'phrasing-hold': { tag: '礼貌用语不足', comment: '让客户等待时未说“请您稍等”' },
  'phrasing-apology': { tag: '礼貌用语不足', comment: '未致歉' },
  'handling-knowledge': { tag: '业务不熟', comment: '对邮箱扩容资费解释不清' },
  'handling-diagnosis': { tag: '未确认需求', comment: '提问无重点，未找准客户问题' },
  'handling-ownership': { tag: '推诿', comment: '让客户自行联系其他部门' },
  'handling-clarity': { tag: '答复含糊', comment: '答复“可能在开会吧”，含糊不清' },
};

const suggestions = [
  '加强新业务知识培训，重点学习邮箱与域名产品',
  '练习倾听技巧，客户说完再回应',
  '规范等待、恢复通话时的标准用语',
];

/** Ten totals around the agent's average that add up to `sum` exactly. */
function totalsFor(sum: number): number[] {
  const offsets = [-6, -4, -3, -1, 0, 0, 1, 3, 4, 6];
  const base = Math.floor(sum / 10);
  return offsets.map((o, k) => base + o + (k < sum % 10 ? 1 : 0));
}

/** Splits each total over the four sections, within their points, matching column sums when given. */
function splitSections(totals: number[], columnSums?: number[]): number[][] {
  const rows = totals.map((t) => {
    const r = sectionShare.map((share, i) => Math.min(sectionMax[i], Math.round(t * share)));
    let diff = t - r.reduce((a, b) => a + b, 0);
    for (let i = 3; diff !== 0; i = (i + 3) % 4) {
      const step = diff > 0 ? Math.min(diff, sectionMax[i] - r[i]) : Math.max(diff, -r[i]);
      r[i] += step;
      diff -= step;
    }
    return r;
  });
  if (!columnSums) return rows;
  const sums = () => [0, 1, 2, 3].map((i) => rows.reduce((a, r) => a + r[i], 0));
  for (let guard = 0; guard < 100_000; guard++) {
    const s = sums();
    const from = s.findIndex((v, i) => v > columnSums[i]);
    const to = s.findIndex((v, i) => v < columnSums[i]);
    if (from < 0 || to < 0) break;
    const row = rows.find((r) => r[from] > 0 && r[to] < sectionMax[to]);
    if (!row) throw new Error('fixture: cannot balance section sums');
    row[from] -= 1;
    row[to] += 1;
  }
  return rows;
}

/** Answers (and the inspector's words) that give exactly these section scores on the default card. */
export function answersFor(sections: number[], seed: number) {
  const answers: Record<string, number | 'pass' | 'fail'> = {};
  const itemComments: Record<string, string> = {};
  const findings = new Set<string>();
  sections.forEach((score, s) => {
    const order = itemOrder[s];
    const start = seed % 3 === 0 ? 0 : seed % order.length;
    const rotated = [...order.slice(start), ...order.slice(0, start)];
    let lose = sectionMax[s] - score;
    for (const item of rotated) {
      let lost = 0;
      if (item.yesno) lost = lose >= item.max ? item.max : 0;
      else lost = Math.min(lose, item.max);
      lose -= lost;
      answers[item.id] = item.yesno ? (lost ? 'fail' : 'pass') : item.max - lost;
      const quote = quotes[item.id];
      if (lost > 0 && quote) {
        itemComments[item.id] = quote.comment;
        findings.add(quote.tag);
      }
    }
    if (lose !== 0) throw new Error(`fixture: cannot lose ${lose} more points in section ${s}`);
  });
  for (const id of criticalItems) answers[id] = 'pass';
  return { answers, itemComments, findings: [...findings] };
}

export interface FixtureResult {
  evaluations: number;
  recordingIds: string[];
}

/** Loads the roster and 210 submitted evaluations into a running core. */
export async function loadReportFixture(core: Core): Promise<FixtureResult> {
  const db = core.db;
  new AgentsRepository(db).upsertRoster(
    [...fixtureAgents, idleAgent].map((a) => ({
      agentNo: a.agentNo,
      name: a.name,
      teamId: a.team,
      teamName: fixtureTeams.find((t) => t.id === a.team)!.name,
    })),
  );

  const recordingIds: string[] = [];
  let serial = 0;
  for (const [m, month] of fixtureMonths.entries()) {
    const totals = fixtureAgents.flatMap((a) => totalsFor(a.sums[m]));
    const split = splitSections(totals, month === '2026-03' ? marchSectionSums : undefined);
    for (const [k, sections] of split.entries()) {
      const agent = fixtureAgents[Math.floor(k / 10)];
      const call = k % 10;
      serial += 1;
      const id = `rec-${month}-${agent.agentNo}-${call}`;
      const day = String(1 + ((call * 3 + Math.floor(k / 10)) % 28)).padStart(2, '0');
      const startedAt = `${month}-${day}T${String(9 + (call % 8)).padStart(2, '0')}:15:00`;
      insertRecording(db, {
        id,
        fileName: `${agent.agentNo}_${month.replace('-', '')}${day}_${call}.wav`,
        callId: `C${serial}`,
        agentNo: agent.agentNo,
        startedAt,
        category: fixtureCategories[(serial * 7) % 5],
        durationMs: 180_000,
      });
      const { answers, itemComments, findings } = answersFor(sections, serial);
      const result = await core.dispatch('evaluations.submit', {
        recordingId: id,
        answers,
        itemComments,
        findings,
        comment: `${agent.name} ${month} 第 ${call + 1} 通`,
        suggestion: findings.length ? suggestions[serial % suggestions.length] : '',
      });
      if (!result.ok) throw new Error(`fixture submit failed: ${result.error.message}`);
      recordingIds.push(id);
    }
  }
  return { evaluations: recordingIds.length, recordingIds };
}
