/**
 * The two scores head-office reports can show (issue 20): the final one and the one before critical items, with
 * their sections, computed by shared/scoring.ts from the answers and the card the revision carries — the same
 * computation the app's report store makes, so both sides agree to the cent in either mode.
 */
import type { EvaluationRevision } from '../shared/evaluation';
import { hundredths, type ScorecardDefinition } from '../shared/scorecard';
import { computeScore } from '../shared/scoring';
import type { Db } from './db';

export interface ScoreModeColumns {
  /** {sectionId: final hundredths or null}: 0 after a critical fail that zeroed the evaluation or the section. */
  sectionsX100: string;
  uncappedX100: number;
  /** {sectionId: hundredths before critical items or null}. */
  sectionsUncappedX100: string;
}

export function scoreModeColumns(body: Pick<EvaluationRevision, 'scorecardDefinition' | 'answers'>): ScoreModeColumns {
  const score = computeScore(body.scorecardDefinition, body.answers);
  const final: Record<string, number | null> = {};
  const uncapped: Record<string, number | null> = {};
  for (const [id, s] of Object.entries(score.sections)) {
    final[id] = s.finalScore === null ? null : hundredths(s.finalScore);
    uncapped[id] = s.uncappedScore === null ? null : hundredths(s.uncappedScore);
  }
  return {
    sectionsX100: JSON.stringify(final),
    uncappedX100: hundredths(score.uncappedTotal),
    sectionsUncappedX100: JSON.stringify(uncapped),
  };
}

/**
 * Fills in both modes for latest revisions stored before migration 007, a page at a time, from their bodies. Runs
 * at every start and does nothing once all rows have them; a revision pushed meanwhile carries them already.
 */
export async function backfillScoreModes(db: Db, page = 500): Promise<number> {
  let done = 0;
  for (;;) {
    // The stored body may leave the card out (it is stored once, in scorecards): the card comes from there.
    const rows = await db.query<{ id: string; revision: number; body_json: string; card: string | null }>(
      `SELECT l.evaluation_id AS id, l.revision, r.body_json, c.definition_json AS card FROM evaluation_latest l
         JOIN evaluation_revisions r ON r.evaluation_id = l.evaluation_id AND r.revision = l.revision
         LEFT JOIN scorecards c ON c.id = l.scorecard_id AND c.version = l.scorecard_version
        WHERE l.uncapped_x100 IS NULL ORDER BY l.evaluation_id LIMIT $1`,
      [page],
    );
    if (rows.length === 0) return done;
    for (const row of rows) {
      let c: ScoreModeColumns;
      try {
        const body = JSON.parse(row.body_json) as EvaluationRevision;
        const scorecardDefinition = row.card ? (JSON.parse(row.card) as ScorecardDefinition) : body.scorecardDefinition;
        c = scoreModeColumns({ scorecardDefinition, answers: body.answers });
      } catch {
        // Every stored body was scored on push against a card the server holds, so this is a damaged row: it keeps
        // its final score in both modes rather than stopping the start or being tried again forever.
        await db.query(
          `UPDATE evaluation_latest SET uncapped_x100 = total_x100, sections_uncapped_x100 = sections_x100
            WHERE evaluation_id = $1 AND revision = $2 AND uncapped_x100 IS NULL`,
          [row.id, row.revision],
        );
        continue;
      }
      // Only the revision read: a newer one pushed meanwhile brought its own columns.
      await db.query(
        `UPDATE evaluation_latest SET sections_x100 = $3::jsonb, uncapped_x100 = $4,
                sections_uncapped_x100 = $5::jsonb
          WHERE evaluation_id = $1 AND revision = $2 AND uncapped_x100 IS NULL`,
        [row.id, row.revision, c.sectionsX100, c.uncappedX100, c.sectionsUncappedX100],
      );
    }
    done += rows.length;
  }
}
