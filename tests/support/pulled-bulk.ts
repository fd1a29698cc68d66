/**
 * A centre's year of evaluations as head office sends them down, generated page by page (a million would not fit
 * in memory as JSON): each working day, every inspector pushes that day's evaluations of agents in their own teams,
 * so pages arrive in the order a real server hands them out. Bodies are real scored revisions (a few dozen
 * templates scored with shared/scoring.ts on the shipped card) with the ids, agents and dates changed.
 */
import { createHash } from 'node:crypto';
import type { EvaluationRevision } from '../../shared/evaluation';
import type { EvaluationChange } from '../../shared/sync';
import { seededRandom } from './fault-proxy';
import { revisionFor } from './pulled-evaluations';
import { defaultCard, type Card } from './sync-client';

export interface CentreShape {
  agents: number;
  teams: number;
  sites: number;
  inspectors: number;
  /** Months of evaluations, oldest first (YYYY-MM); 21 working days each. */
  months: string[];
  evaluations: number;
}

export const yearOfCentre = (evaluations: number): CentreShape => ({
  agents: 2000,
  teams: 100,
  sites: 10,
  inspectors: 50,
  months: Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
  evaluations,
});

const comments = ['客户描述问题时多次抢话', '未使用安抚用语', '答复含糊', '让客户等待时未说“请您稍等”'];

export function teamOf(agent: number, shape: CentreShape): { teamId: string; site: string } {
  const team = agent % shape.teams;
  return { teamId: `S${team % shape.sites}/T${team}`, site: `分公司${team % shape.sites}` };
}

/** Templates: real scored bodies on the shipped card, some with findings, item comments and suggestions. */
function templates(card: Card, count = 64): EvaluationRevision[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, (_, i) =>
    revisionFor(
      {
        agentNo: 'X',
        day: '2025-01-02',
        teamId: 'T',
        site: 'S',
        inspectorId: 'I',
        findings: i % 3 === 0 ? ['抢话'] : i % 5 === 0 ? ['无安抚语', '答复含糊'] : [],
        itemComments: i % 4 === 0 ? { 'attitude-listen': comments[i % comments.length] } : {},
        comment: i % 2 === 0 ? '整体尚可，注意语速' : '',
        suggestion: i % 6 === 0 ? '加强业务培训' : '',
      },
      card,
      random,
    ),
  );
}

/** The changes of one evaluation after another, in arrival order; `pageSize` per yield. */
export function* centrePages(shape: CentreShape, pageSize = 1000, card = defaultCard()): Generator<EvaluationChange[]> {
  const bodies = templates(card);
  const days = shape.months.flatMap((m) =>
    Array.from({ length: 21 }, (_, d) => `${m}-${String(d + 2).padStart(2, '0')}`),
  );
  const perInspectorDay = Math.max(1, Math.round(shape.evaluations / days.length / shape.inspectors));
  const agentsPerInspector = Math.ceil(shape.agents / shape.inspectors);
  let page: EvaluationChange[] = [];
  let n = 0;
  for (const [d, day] of days.entries()) {
    for (let inspector = 0; inspector < shape.inspectors; inspector++) {
      for (let k = 0; k < perInspectorDay; k++) {
        if (n >= shape.evaluations) break;
        const agent =
          (inspector * agentsPerInspector + ((d * perInspectorDay + k) % agentsPerInspector)) % shape.agents;
        const t = bodies[n % bodies.length];
        const { teamId, site } = teamOf(agent, shape);
        const id = uuidOf(n);
        const { scorecardDefinition: _card, ...rest } = t;
        page.push({
          kind: 'evaluation',
          id,
          revision: 1,
          hash: createHash('sha256').update(id).digest('hex'),
          inspectorId: `insp-${inspector}`,
          inspectorName: `质检员${inspector}`,
          receivedAt: `${day}T09:00:00.000Z`,
          teamId,
          site,
          body: {
            ...rest,
            id,
            recordingId: `rec-${n}`,
            agentNo: `A${String(agent).padStart(4, '0')}`,
            inspectorId: `insp-${inspector}`,
            submittedAt: `${day}T08:00:00.000Z`,
            call: {
              ...t.call!,
              recordingSha256: createHash('sha256').update(`rec-${n}`).digest('hex'),
              callId: `C${n}`,
              startedAt: `${day}T${String(9 + (k % 8)).padStart(2, '0')}:15:00`,
              agentName: `坐席${agent}`,
              teamId,
              teamName: teamId.split('/')[1],
              site,
            },
          },
        });
        n++;
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
    }
  }
  if (page.length) yield page;
}

/**
 * Deterministic but scattered v4-shaped UUIDs (from a hash of n), so a run can be repeated exactly while inserts
 * land all over the id indexes as real random UUIDs do.
 */
export function uuidOf(n: number): string {
  const h = createHash('sha256').update(String(n)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
