-- Reports in two modes (issue 20): the final score and the score before critical items.
--
-- report_facts.s0..s11 now hold each evaluation's final section scores (0 where a critical item zeroed the whole
-- evaluation or that section: shared/scoring.ts finalScore), so the sections add up to total_x100; u0..u11 hold the
-- sections before critical items (uncappedScore), adding up to uncapped_x100. The agent summaries keep the sums of
-- both (t<i> final, u<i> before critical; n<i> counts the same evaluations in both modes).
--
-- Deductions by root cause (原因分类): report_cause_month counts deducted items per cause, item and card version
-- (the label comes from that version's list, so a cause a later version dropped keeps its name); cause_id '' is
-- 未分类.
--
-- Backfill: report_store_state.built = 0 makes the core rebuild every row at start-up from the stored revision
-- bodies, recomputing the scores with shared/scoring.ts, so an upgraded database shows no old number.
ALTER TABLE report_facts ADD COLUMN u0 INTEGER;
ALTER TABLE report_facts ADD COLUMN u1 INTEGER;
ALTER TABLE report_facts ADD COLUMN u2 INTEGER;
ALTER TABLE report_facts ADD COLUMN u3 INTEGER;
ALTER TABLE report_facts ADD COLUMN u4 INTEGER;
ALTER TABLE report_facts ADD COLUMN u5 INTEGER;
ALTER TABLE report_facts ADD COLUMN u6 INTEGER;
ALTER TABLE report_facts ADD COLUMN u7 INTEGER;
ALTER TABLE report_facts ADD COLUMN u8 INTEGER;
ALTER TABLE report_facts ADD COLUMN u9 INTEGER;
ALTER TABLE report_facts ADD COLUMN u10 INTEGER;
ALTER TABLE report_facts ADD COLUMN u11 INTEGER;
ALTER TABLE report_agent_day ADD COLUMN u0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u8 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u9 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u10 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_day ADD COLUMN u11 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u6 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u7 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u8 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u9 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u10 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_agent_month ADD COLUMN u11 INTEGER NOT NULL DEFAULT 0;

CREATE TABLE report_cause_month (
  month      TEXT NOT NULL,
  team_id    TEXT NOT NULL,
  site       TEXT NOT NULL,
  mine       INTEGER NOT NULL,
  card_key   INTEGER NOT NULL,
  cause_id   TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  section_id TEXT NOT NULL,
  n          INTEGER NOT NULL,
  lost_x100  INTEGER NOT NULL,
  PRIMARY KEY (month, team_id, site, mine, card_key, cause_id, item_id)
) STRICT, WITHOUT ROWID;

UPDATE report_store_state SET built = 0;
