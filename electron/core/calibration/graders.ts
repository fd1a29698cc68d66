/**
 * reports.graders in the app: the evaluations the report store holds (this app's own and those head office sent
 * down, within the report's scope), their work as each revision body carries it, and the alignments of the closed
 * calibration sessions held, through shared/grader-math.ts. An inspector's app holds no peers' evaluations, so for
 * an inspector it asks head office for their own row (measured against everyone) and falls back to what it holds.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { GradersInput, GradersView } from '../../../shared/contracts/calibration';
import {
  driftWindow,
  graderReport,
  type GraderAlignment,
  type GraderEvaluation,
  type GraderReport,
} from '../../../shared/grader-math';
import { lastDay, resolvePeriod } from '../../../shared/report';
import { callDay } from '../../../shared/report-math';
import type { Identity } from '../../../shared/sync';
import type { ScopeFilter } from '../reports/repo';
import type { CalibrationService } from './service';

/** A fact as read: the pulled inspector's name, or none for this app's own (the user's name then). */
type FactRow = Omit<GraderEvaluation, 'inspectorName'> & { inspectorName: string | null; source: 'own' | 'pulled' };

type Params = { from: string; to: string; mine: number; teams: string | null; site: string | null };

export class LocalGraders {
  private readonly facts: Statement<[Params], FactRow>;

  constructor(
    db: Database,
    private readonly identity: () => Identity | null,
    private readonly calibration: CalibrationService,
  ) {
    // Work comes from the body of the revision reported: the current one of this app's own, the pulled one else.
    this.facts = db.prepare(
      `SELECT f.inspector_id AS inspectorId, p.inspector_name AS inspectorName, f.source, f.agent_no AS agentNo,
              f.month, f.total_x100 AS totalX100,
              json_extract(COALESCE(p.body_json, v.body_json), '$.work.activeSeconds') AS activeSeconds,
              json_extract(COALESCE(p.body_json, v.body_json), '$.work.playedMs') AS playedMs,
              json_extract(COALESCE(p.body_json, v.body_json), '$.call.durationMs') AS durationMs
         FROM report_facts f
         LEFT JOIN pulled_evaluations p ON f.source = 'pulled' AND p.id = f.evaluation_id
         LEFT JOIN evaluations e ON f.source = 'own' AND e.id = f.evaluation_id
         LEFT JOIN evaluation_revisions v ON v.evaluation_id = e.id AND v.revision = e.revision
        WHERE f.day BETWEEN @from AND @to
          AND (@mine = 0 OR f.mine = 1)
          AND (@teams IS NULL OR f.team_id IN (SELECT value FROM json_each(@teams)))
          AND (@site IS NULL OR f.site = @site)`,
    );
  }

  private evaluations(from: string, to: string, scope: ScopeFilter): GraderEvaluation[] {
    const me = this.identity();
    const rows = this.facts.all({
      from,
      to,
      mine: scope.mine ? 1 : 0,
      teams: scope.teams ? JSON.stringify(scope.teams) : null,
      site: scope.site,
    });
    return rows.map(({ source, inspectorName, ...r }) => ({
      ...r,
      inspectorName: inspectorName ?? (source === 'own' ? (me?.name ?? '') : ''),
    }));
  }

  /** Alignments in the sessions held that closed in the period (head office's clock, the centre's day). */
  private alignments(from: string, to: string): GraderAlignment[] {
    const out: GraderAlignment[] = [];
    for (const session of this.calibration.list()) {
      if (session.closedAt === null || session.results !== 'available') continue;
      const day = callDay(null, session.closedAt);
      if (day < from || day > to) continue;
      for (const i of this.calibration.results(session.id).inspectors) {
        if (i.alignment !== null)
          out.push({ inspectorId: i.inspectorId, inspectorName: i.name, alignment: i.alignment });
      }
    }
    return out;
  }

  report(input: GradersInput, scope: ScopeFilter): GraderReport {
    const period = resolvePeriod(input.from, input.to);
    const window = driftWindow(period.to, input.driftMonths);
    const me = this.identity();
    // An inspector (or an app not yet known to head office) sees only their own row.
    const only = !me || me.role === 'inspector' ? (me?.userId ?? '') : undefined;
    return graderReport(
      this.evaluations(period.from, period.to, scope),
      this.evaluations(`${window[0]}-01`, lastDay(window[window.length - 1]), scope),
      this.alignments(period.from, period.to),
      {
        from: period.from,
        to: period.to,
        driftPoints: input.driftPoints,
        driftMonths: input.driftMonths,
        ...(only === undefined ? {} : { only }),
      },
    );
  }
}

/** The figures an inspector's app shows: head office's (peers included) when it answers, else its own. */
export async function gradersFor(
  input: GradersInput,
  local: () => GraderReport,
  remote: ((query: string) => Promise<GraderReport>) | null,
  role: Identity['role'] | null,
): Promise<GradersView> {
  if (role === 'inspector' && remote) {
    const query = new URLSearchParams({
      from: input.from,
      to: input.to,
      driftPoints: String(input.driftPoints),
      driftMonths: String(input.driftMonths),
    });
    try {
      return { ...(await remote(query.toString())), source: 'head_office' };
    } catch {
      // offline: what this app holds (strictness needs peers, so it stays empty)
    }
  }
  return { ...local(), source: 'local' };
}
