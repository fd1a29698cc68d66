/**
 * Focus items (改进重点) a lead sets for an agent or a team, or head office for a site (督办整改): a section or item of
 * the scorecard, the average to reach, the month it is due. Each report computes the figure from the evaluations
 * the app holds (the due month and the month before) and a verdict (shared/coaching.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FocusItemView } from '../../../shared/contracts/disputes';
import { focusChange, focusFigure, focusVerdict } from '../../../shared/coaching';
import type { EvaluationRevision, PulledRevision } from '../../../shared/evaluation';
import { addMonths } from '../../../shared/report';
import { hundredths, type ScorecardDefinition, type ScorecardItem } from '../../../shared/scorecard';
import type { CoreContext } from '../context';
import { AppError } from '../errors';

interface FocusRow {
  id: string;
  agentNo: string | null;
  teamId: string | null;
  site: string | null;
  sectionId: string | null;
  itemId: string | null;
  targetX100: number;
  month: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
}

interface Target {
  name: string;
  maxPoints: number;
  kind: 'section' | ScorecardItem['kind'];
}

export interface FocusInput {
  agentNo?: string;
  team?: string;
  site?: string;
  target: { sectionId?: string; itemId?: string; value: number };
  month: string;
  note: string;
}

const columns = `id, agent_no AS agentNo, team_id AS teamId, site, section_id AS sectionId, item_id AS itemId,
  target_x100 AS targetX100, month, note, created_by AS createdBy, created_at AS createdAt`;

export class CoachingService {
  constructor(private readonly ctx: CoreContext) {}

  /** The newest published card that has the section or item decides its name and full points. */
  private target(sectionId: string | null, itemId: string | null): Target | null {
    const cards = this.ctx.db
      .prepare<[], { json: string }>(
        "SELECT definition_json AS json FROM scorecards WHERE status = 'published' ORDER BY published_at DESC",
      )
      .all();
    for (const { json } of cards) {
      const card = JSON.parse(json) as ScorecardDefinition;
      for (const s of card.sections) {
        if (s.id === sectionId) return { name: s.name, maxPoints: s.points, kind: 'section' };
        const item = s.items.find((i) => i.id === itemId);
        if (item) return { name: `${s.name}：${item.name}`, maxPoints: item.maxPoints, kind: item.kind };
      }
    }
    return null;
  }

  create(input: FocusInput): FocusItemView {
    const { sectionId = null, itemId = null, value } = input.target;
    const target = this.target(sectionId, itemId);
    if (!target) throw new AppError('not_found', 'No published scorecard has that section or item.', 'unknown_target');
    if (target.kind === 'critical') {
      throw new AppError('invalid_input', 'A critical item has no points to improve on.', 'critical_target');
    }
    if (hundredths(value) > hundredths(target.maxPoints)) {
      throw new AppError(
        'invalid_input',
        `The target is above the full ${target.maxPoints} points.`,
        'target_above_max',
      );
    }
    const id = randomUUID();
    this.ctx.db
      .prepare(
        `INSERT INTO focus_items (id, agent_no, team_id, site, section_id, item_id, target_x100, month, note, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.agentNo ?? null,
        input.team ?? null,
        input.site ?? null,
        sectionId,
        itemId,
        hundredths(value),
        input.month,
        input.note,
        this.ctx.identity.get()?.name ?? null,
      );
    return this.view(this.row(id)!);
  }

  delete(id: string): boolean {
    return this.ctx.db.prepare('DELETE FROM focus_items WHERE id = ?').run(id).changes > 0;
  }

  private row(id: string): FocusRow | undefined {
    return this.ctx.db.prepare<[string], FocusRow>(`SELECT ${columns} FROM focus_items WHERE id = ?`).get(id);
  }

  /** Focus items due in `month`, each with its verdict. */
  list(month: string): FocusItemView[] {
    return this.ctx.db
      .prepare<[string], FocusRow>(`SELECT ${columns} FROM focus_items WHERE month = ? ORDER BY created_at, id`)
      .all(month)
      .map((r) => this.view(r));
  }

  /** Integer sums of the section's (or item's) points over the scope's evaluations of a month. */
  private sums(row: FocusRow, month: string): { sumX100: number; n: number } {
    const facts = this.ctx.db
      .prepare<Record<string, string | null>, Record<string, string | number | null>>(
        `SELECT * FROM report_facts WHERE month = @month
            AND (agent_no = @agent OR @agent IS NULL) AND (team_id = @team OR @team IS NULL)
            AND (site = @site OR @site IS NULL) AND (@agent IS NOT NULL OR @team IS NOT NULL OR @site IS NOT NULL)`,
      )
      .all({ month, agent: row.agentNo, team: row.teamId, site: row.site });
    let sumX100 = 0;
    let n = 0;
    const max = row.itemId ? (this.target(null, row.itemId)?.maxPoints ?? 0) : 0;
    for (const f of facts) {
      if (row.sectionId) {
        const at = this.ctx.reports.cardByKey(f.card_key as number).sectionIds.indexOf(row.sectionId);
        const score = at >= 0 ? (f[`s${at}`] as number | null) : null;
        if (score === null) continue;
        sumX100 += score;
        n++;
        continue;
      }
      const body = this.body(f.evaluation_id as string, f.source as string, f.revision as number);
      const answer = body?.answers[row.itemId!];
      if (answer === undefined || answer === 'na') continue;
      sumX100 += typeof answer === 'number' ? hundredths(answer) : answer === 'pass' ? hundredths(max) : 0;
      n++;
    }
    return { sumX100, n };
  }

  private body(id: string, source: string, revision: number): EvaluationRevision | PulledRevision | null {
    const row =
      source === 'own'
        ? this.ctx.db
            .prepare<[string, number], { json: string }>(
              'SELECT body_json AS json FROM evaluation_revisions WHERE evaluation_id = ? AND revision = ?',
            )
            .get(id, revision)
        : this.ctx.db
            .prepare<[string], { json: string }>('SELECT body_json AS json FROM pulled_evaluations WHERE id = ?')
            .get(id);
    return row ? (JSON.parse(row.json) as EvaluationRevision) : null;
  }

  private view(row: FocusRow): FocusItemView {
    const target = this.target(row.sectionId, row.itemId);
    const before = addMonths(row.month, -1);
    const current = this.sums(row, row.month);
    const baseline = focusFigure(before, this.sums(row, before));
    const figure = focusFigure(row.month, current);
    const agentName = row.agentNo
      ? (this.ctx.db.prepare<[string], { name: string }>('SELECT name FROM agents WHERE agent_no = ?').get(row.agentNo)
          ?.name ?? null)
      : null;
    const teamName = row.teamId
      ? (this.ctx.db.prepare<[string], { name: string }>('SELECT name FROM teams WHERE id = ?').get(row.teamId)?.name ??
        row.teamId)
      : null;
    return {
      id: row.id,
      agentNo: row.agentNo,
      agentName: agentName || null,
      team: row.teamId,
      teamName,
      site: row.site,
      target: {
        sectionId: row.sectionId,
        itemId: row.itemId,
        name: target?.name ?? row.sectionId ?? row.itemId ?? '',
        value: row.targetX100 / 100,
        maxPoints: target?.maxPoints ?? null,
      },
      month: row.month,
      note: row.note,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      baseline,
      current: figure,
      change: focusChange(baseline.value, figure.value),
      verdict: focusVerdict(current, row.targetX100),
    };
  }
}
