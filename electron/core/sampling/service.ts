import type { SamplingQueue } from '../../../shared/contracts/evaluations';
import { drawSpread, hashString, monthBounds, mulberry32 } from './draw';
import type { PlanRow, SamplingRepository } from './repo';
import type { SamplingTargets } from './targets';

/**
 * The monthly work queue: N calls per agent, drawn at random but spread over the month, never an already evaluated
 * call. N is head office's sampling target for the agent where it set one, else the plan's (the app's setting when
 * the plan was drawn). Calls evaluated outside the plan count toward the quota.
 */
export class SamplingService {
  constructor(
    private readonly repo: SamplingRepository,
    private readonly targets: SamplingTargets,
    private readonly defaultQuota: () => number,
    private readonly newSeed: () => number = () => Math.floor(Math.random() * 0x7fffffff),
  ) {}

  /** Adds calls for every agent short of the quota; a plan that is full is left exactly as it is. */
  private topUp(plan: PlanRow): void {
    const bounds = monthBounds(plan.month);
    const quotaOf = this.targets.resolver(plan.quota_per_agent);
    for (const agent of this.repo.agents(plan.id, bounds)) {
      const missing = quotaOf(agent.agent_no, agent.team_id).quota - agent.planned - agent.evaluated_outside;
      if (missing <= 0) continue;
      const candidates = this.repo.candidates(plan.id, agent.agent_no, bounds);
      const random = mulberry32(plan.seed ^ hashString(agent.agent_no) ^ agent.planned);
      this.repo.addItems(plan.id, agent.agent_no, drawSpread(candidates, missing, random));
    }
  }

  private view(plan: PlanRow): SamplingQueue {
    const bounds = monthBounds(plan.month);
    const quotaOf = this.targets.resolver(plan.quota_per_agent);
    const agents = this.repo.agents(plan.id, bounds).map((a) => ({
      agentNo: a.agent_no,
      agentName: a.agent_name,
      ...(({ quota, source }) => ({ quota, quotaSource: source }))(quotaOf(a.agent_no, a.team_id)),
      evaluated: a.evaluated,
      inProgress: a.in_progress,
      planned: a.planned,
      available: this.repo.candidates(plan.id, a.agent_no, bounds).length,
    }));
    return {
      month: plan.month,
      quotaPerAgent: plan.quota_per_agent,
      quotaSource: this.targets.headOfficeSetsTargets() ? 'head_office' : 'local',
      agents,
      items: this.repo.items(plan.id),
    };
  }

  queue(month: string): SamplingQueue {
    return this.repo.transaction(() => {
      const plan = this.repo.plan(month) ?? this.repo.createPlan(month, this.defaultQuota(), this.newSeed());
      this.topUp(plan);
      return this.view(plan);
    });
  }

  redraw(month: string, quotaPerAgent?: number): SamplingQueue {
    return this.repo.transaction(() => {
      const existing = this.repo.plan(month);
      const quota = quotaPerAgent ?? existing?.quota_per_agent ?? this.defaultQuota();
      let plan: PlanRow;
      if (existing) {
        this.repo.removeUnstarted(existing.id);
        plan = { ...existing, quota_per_agent: quota, seed: this.newSeed() };
        this.repo.updatePlan(plan.id, plan.quota_per_agent, plan.seed);
      } else plan = this.repo.createPlan(month, quota, this.newSeed());
      this.topUp(plan);
      return this.view(plan);
    });
  }
}

export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
