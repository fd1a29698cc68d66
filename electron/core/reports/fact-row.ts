/** A report_facts row (migrations 010, 016 and 017) to and from the FactRow a contribution carries. */
import type { ContactChannel } from '../../../shared/channels';
import { MAX_SECTIONS } from '../../../shared/scorecard';
import type { FactRow } from './contribution';

const positions = Array.from({ length: MAX_SECTIONS }, (_, i) => i);
export const factColumns = [
  'day',
  'evaluation_id',
  'month',
  'source',
  'mine',
  'agent_no',
  'agent_name',
  'team_id',
  'team_name',
  'site',
  'inspector_id',
  'category',
  'card_key',
  'revision',
  'total_x100',
  'uncapped_x100',
  'critical_failed',
  ...positions.map((i) => `s${i}`),
  'call_id',
  ...positions.map((i) => `u${i}`),
  'channel',
];

export type StoredFact = Record<string, string | number | null>;

export function factParams(f: FactRow): unknown[] {
  return [
    f.day,
    f.evaluationId,
    f.month,
    f.source,
    f.mine,
    f.agentNo,
    f.agentName,
    f.teamId,
    f.teamName,
    f.site,
    f.inspectorId,
    f.category,
    f.cardKey,
    f.revision,
    f.totalX100,
    f.uncappedX100,
    f.criticalFailed,
    ...f.s,
    f.callId,
    ...f.u,
    f.channel,
  ];
}

export function toFact(r: StoredFact): FactRow {
  const str = (k: string) => r[k] as string;
  return {
    day: str('day'),
    evaluationId: str('evaluation_id'),
    month: str('month'),
    source: str('source') as FactRow['source'],
    mine: r.mine as 0 | 1,
    agentNo: str('agent_no'),
    agentName: str('agent_name'),
    teamId: str('team_id'),
    teamName: str('team_name'),
    site: str('site'),
    inspectorId: str('inspector_id'),
    category: str('category'),
    cardKey: r.card_key as number,
    revision: r.revision as number,
    totalX100: r.total_x100 as number,
    uncappedX100: r.uncapped_x100 as number,
    criticalFailed: r.critical_failed as 0 | 1,
    s: positions.map((i) => r[`s${i}`] as number | null),
    u: positions.map((i) => r[`u${i}`] as number | null),
    callId: (r.call_id as string | null) ?? null,
    channel: (r.channel as ContactChannel | undefined) ?? 'phone',
  };
}
