import type { Database } from 'better-sqlite3';

/**
 * The report summaries of migration 005 rebuilt from scratch with set-based SQL. Triggers keep them current one
 * evaluation at a time; a bulk load (head-office history, benchmarks) switches them off and rebuilds once, which is
 * an order of magnitude faster than row-by-row upkeep.
 */
const rebuildSql = `
DELETE FROM report_text_month;
DELETE FROM report_item_month;
DELETE FROM report_section_month;
DELETE FROM report_category_month;
DELETE FROM report_agent_month;
DELETE FROM report_eval_texts;
DELETE FROM report_facts;

INSERT INTO report_facts (evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed)
SELECT evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed FROM report_fact_source;

INSERT OR IGNORE INTO report_eval_texts (evaluation_id, kind, key, text)
SELECT v.evaluation_id, 'finding', '', trim(j.value)
FROM evaluation_revisions v JOIN evaluations e ON e.id = v.evaluation_id AND e.revision = v.revision,
     json_each(v.body_json, '$.findings') j
WHERE trim(j.value) <> ''
UNION
SELECT v.evaluation_id, 'item_comment', j.key, trim(j.value)
FROM evaluation_revisions v JOIN evaluations e ON e.id = v.evaluation_id AND e.revision = v.revision,
     json_each(v.body_json, '$.itemComments') j
WHERE trim(j.value) <> ''
UNION
SELECT v.evaluation_id, 'suggestion', '', trim(json_extract(v.body_json, '$.suggestion'))
FROM evaluation_revisions v JOIN evaluations e ON e.id = v.evaluation_id AND e.revision = v.revision
WHERE trim(COALESCE(json_extract(v.body_json, '$.suggestion'), '')) <> ''
UNION
SELECT v.evaluation_id, 'comment', '', trim(json_extract(v.body_json, '$.comment'))
FROM evaluation_revisions v JOIN evaluations e ON e.id = v.evaluation_id AND e.revision = v.revision
WHERE trim(COALESCE(json_extract(v.body_json, '$.comment'), '')) <> '';

INSERT INTO report_agent_month (month, agent_no, n, sum_total_x100, min_total_x100, max_total_x100, critical_fails)
SELECT month, agent_no, count(*), sum(total_x100), min(total_x100), max(total_x100), sum(critical_failed)
FROM report_facts GROUP BY month, agent_no;

INSERT INTO report_category_month (month, agent_no, category, n, sum_total_x100)
SELECT month, agent_no, category, count(*), sum(total_x100) FROM report_facts GROUP BY month, agent_no, category;

INSERT INTO report_section_month
  (month, agent_no, section_id, section_name, position, n, sum_score_x100, sum_points_x100)
SELECT f.month, f.agent_no, s.section_id, max(s.section_name), min(s.position), count(*), sum(s.score_x100),
       sum(s.points_x100)
FROM report_facts f JOIN evaluation_section_scores s ON s.evaluation_id = f.evaluation_id
WHERE s.score_x100 IS NOT NULL
GROUP BY f.month, f.agent_no, s.section_id;

INSERT INTO report_item_month (month, agent_no, item_id, section_id, n, n_lost, lost_x100, max_x100, critical_fails)
SELECT f.month, f.agent_no, a.item_id, max(a.section_id), count(*),
       sum(a.kind <> 'critical' AND a.max_x100 > COALESCE(a.points_x100, 0)),
       sum(CASE WHEN a.kind = 'critical' THEN 0 ELSE a.max_x100 - COALESCE(a.points_x100, 0) END),
       sum(a.max_x100), sum(a.kind = 'critical' AND a.answer = 'fail')
FROM report_facts f JOIN evaluation_answers a ON a.evaluation_id = f.evaluation_id
WHERE a.answer <> 'na'
GROUP BY f.month, f.agent_no, a.item_id;

INSERT INTO report_text_month (month, agent_no, kind, key, text, n)
SELECT f.month, f.agent_no, t.kind, t.key, t.text, count(*)
FROM report_facts f JOIN report_eval_texts t ON t.evaluation_id = f.evaluation_id
WHERE t.kind <> 'comment'
GROUP BY f.month, f.agent_no, t.kind, t.key, t.text;
`;

export class ReportSummaries {
  constructor(private readonly db: Database) {}

  private setLive(live: boolean): void {
    this.db.prepare('UPDATE report_state SET live = ? WHERE id = 1').run(live ? 1 : 0);
  }

  /** Recompute every summary from the evaluation tables. */
  rebuild(): void {
    this.db.transaction(() => {
      this.setLive(false);
      this.db.exec(rebuildSql);
      this.setLive(true);
    })();
  }

  /**
   * Runs `load` (many inserts into the evaluation tables) with the report triggers switched off, then rebuilds the
   * summaries; all in one transaction, so no reader ever sees summaries that disagree with the evaluations.
   */
  bulkLoad<T>(load: () => T): T {
    return this.db.transaction(() => {
      this.setLive(false);
      const result = load();
      this.db.exec(rebuildSql);
      this.setLive(true);
      return result;
    })();
  }
}
