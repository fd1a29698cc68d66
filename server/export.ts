/**
 * `export-evaluations`: one row per evaluation (its latest revision) with the call context it was scored in, as
 * JSON, CSV (shared/csv.ts: BOM, formula-safe) or an Excel workbook. Periods are call days, inclusive.
 */
import ExcelJS from 'exceljs';
import { toCsv, type CsvValue } from '../shared/csv';
import type { PulledRevision } from '../shared/evaluation';
import { sectionsOfCards } from '../shared/report-math';
import type { SectionInfo } from '../shared/report';
import type { ScorecardDefinition } from '../shared/scorecard';
import type { Queryable } from './db';

export interface ExportFilter {
  from?: string;
  to?: string;
  site?: string;
  teamId?: string;
}

export interface ExportedEvaluation {
  evaluationId: string;
  callDay: string;
  callId: string | null;
  callTime: string | null;
  fileName: string | null;
  category: string | null;
  agentNo: string | null;
  agentName: string | null;
  teamId: string | null;
  teamName: string | null;
  site: string | null;
  durationSeconds: number | null;
  talkOverCount: number | null;
  talkOverSeconds: number | null;
  deadAirSeconds: number | null;
  talkRatioAgent: number | null;
  inspectorId: string;
  inspectorName: string;
  scorecardId: string;
  scorecardVersion: number;
  total: number;
  uncappedTotal: number;
  criticalFailed: boolean;
  sections: Record<string, number | null>;
  findings: string[];
  comment: string;
  suggestion: string;
  revision: number;
  reason: string | null;
  submittedAt: string;
  receivedAt: string;
}

export interface EvaluationExport {
  sections: SectionInfo[];
  rows: ExportedEvaluation[];
}

export async function exportEvaluations(db: Queryable, f: ExportFilter): Promise<EvaluationExport> {
  const rows = await db.query<{
    evaluation_id: string;
    call_day: string;
    agent_no: string | null;
    agent_name: string | null;
    team_id: string | null;
    team_name: string | null;
    site: string | null;
    inspector_id: string;
    inspector_name: string;
    received_at: string;
    body_json: string;
  }>(
    `SELECT l.evaluation_id, to_char(l.call_day, 'YYYY-MM-DD') AS call_day, l.agent_no,
            COALESCE(NULLIF(a.name, ''), l.agent_name) AS agent_name, l.team_id,
            COALESCE(t.name, l.call_team_name) AS team_name, l.site, l.inspector_id, i.name AS inspector_name,
            to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at, r.body_json
       FROM evaluation_latest l
       JOIN evaluation_revisions r ON r.evaluation_id = l.evaluation_id AND r.revision = l.revision
       JOIN inspectors i ON i.id = l.inspector_id
       LEFT JOIN agents a ON a.agent_no = l.agent_no
       LEFT JOIN teams t ON t.id = l.team_id
      WHERE ($1::date IS NULL OR l.call_day >= $1::date) AND ($2::date IS NULL OR l.call_day <= $2::date)
        AND ($3::text IS NULL OR l.site = $3::text) AND ($4::text IS NULL OR l.team_id = $4::text)
      ORDER BY l.call_day, l.evaluation_id`,
    [f.from ?? null, f.to ?? null, f.site ?? null, f.teamId ?? null],
  );
  const cards = await db.query<{ definition_json: string }>(
    `SELECT c.definition_json FROM scorecards c
      WHERE (c.id, c.version) IN (SELECT DISTINCT l.scorecard_id, l.scorecard_version FROM evaluation_latest l
                                   WHERE ($1::date IS NULL OR l.call_day >= $1::date)
                                     AND ($2::date IS NULL OR l.call_day <= $2::date)
                                     AND ($3::text IS NULL OR l.site = $3::text)
                                     AND ($4::text IS NULL OR l.team_id = $4::text))
      ORDER BY c.published_at DESC, c.version DESC`,
    [f.from ?? null, f.to ?? null, f.site ?? null, f.teamId ?? null],
  );
  const sections = sectionsOfCards(cards.map((c) => JSON.parse(c.definition_json) as ScorecardDefinition));
  return {
    sections,
    rows: rows.map((r) => {
      const b = JSON.parse(r.body_json) as PulledRevision;
      const call = b.call;
      return {
        evaluationId: r.evaluation_id,
        callDay: r.call_day,
        callId: call?.callId ?? null,
        callTime: call?.startedAt ?? null,
        fileName: call?.fileName ?? null,
        category: call?.category ?? null,
        agentNo: r.agent_no,
        agentName: r.agent_name,
        teamId: r.team_id,
        teamName: r.team_name ?? (r.team_id === null ? null : r.team_id),
        site: r.site,
        durationSeconds: call ? Math.round(call.durationMs / 100) / 10 : null,
        talkOverCount: call?.talk?.talkOverCount ?? null,
        talkOverSeconds: call?.talk?.talkOverSeconds ?? null,
        deadAirSeconds: call?.talk?.deadAirSeconds ?? null,
        talkRatioAgent: call?.talk?.talkRatioAgent ?? null,
        inspectorId: r.inspector_id,
        inspectorName: r.inspector_name,
        scorecardId: b.scorecardId,
        scorecardVersion: b.scorecardVersion,
        total: b.total,
        uncappedTotal: b.uncappedTotal,
        criticalFailed: b.criticalFailed,
        sections: b.sections,
        findings: b.findings,
        comment: b.comment,
        suggestion: b.suggestion,
        revision: b.revision,
        reason: b.reason,
        submittedAt: b.submittedAt,
        receivedAt: r.received_at,
      };
    }),
  };
}

/** Columns of the CSV and the workbook, in order: [header, width in characters, value]. */
function columns(sections: SectionInfo[]): [string, number, (r: ExportedEvaluation) => CsvValue][] {
  return [
    ['evaluation_id', 38, (r) => r.evaluationId],
    ['call_day', 12, (r) => r.callDay],
    ['call_id', 18, (r) => r.callId],
    ['call_time', 20, (r) => r.callTime],
    ['file_name', 30, (r) => r.fileName],
    ['category', 12, (r) => r.category],
    ['agent_no', 10, (r) => r.agentNo],
    ['agent_name', 12, (r) => r.agentName],
    ['team_id', 16, (r) => r.teamId],
    ['team', 12, (r) => r.teamName],
    ['site', 10, (r) => r.site],
    ['duration_s', 10, (r) => r.durationSeconds],
    ['talk_over_count', 10, (r) => r.talkOverCount],
    ['talk_over_s', 10, (r) => r.talkOverSeconds],
    ['dead_air_s', 10, (r) => r.deadAirSeconds],
    ['talk_ratio_agent', 10, (r) => r.talkRatioAgent],
    ['inspector', 12, (r) => r.inspectorName],
    ['scorecard', 16, (r) => r.scorecardId],
    ['scorecard_version', 8, (r) => r.scorecardVersion],
    ['total', 8, (r) => r.total],
    ['uncapped_total', 8, (r) => r.uncappedTotal],
    ['critical_failed', 8, (r) => r.criticalFailed],
    ...sections.map((s): [string, number, (r: ExportedEvaluation) => CsvValue] => [
      `${s.name} (${s.id}, ${s.points})`,
      Math.min(30, Math.max(10, s.name.length * 2 + 4)),
      (r) => r.sections[s.id] ?? null,
    ]),
    ['findings', 24, (r) => r.findings.join('; ')],
    ['comment', 40, (r) => r.comment],
    ['suggestion', 40, (r) => r.suggestion],
    ['revision', 8, (r) => r.revision],
    ['reason', 24, (r) => r.reason],
    ['submitted_at', 24, (r) => r.submittedAt],
    ['received_at', 24, (r) => r.receivedAt],
  ];
}

export function evaluationsToCsv(data: EvaluationExport): string {
  const cols = columns(data.sections);
  return toCsv(
    cols.map(([h]) => h),
    data.rows.map((r) => cols.map(([, , value]) => value(r))),
  );
}

/** A workbook with one sheet: a bold, frozen header row and widths fitted to each column's content. */
export async function evaluationsToXlsx(data: EvaluationExport): Promise<Buffer> {
  const cols = columns(data.sections);
  const book = new ExcelJS.Workbook();
  book.creator = 'qa-inspector-server';
  const sheet = book.addWorksheet('evaluations', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = cols.map(([header, width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  // Cells are written as values, never formulas: exceljs stores a string starting with "=" as text.
  for (const r of data.rows) sheet.addRow(cols.map(([, , value]) => value(r) ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}
