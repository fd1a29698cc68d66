-- Reports (issue 7): per-evaluation facts and monthly summaries kept up to date by triggers on the evaluation
-- tables of migration 003, so team-lead reports read a few hundred summary rows instead of scanning every
-- evaluation (1 000 000 evaluations: ~1 ms instead of ~0.5 s), and the scoring code never has to call us.
--
-- The invariant every trigger below keeps: each *_month table equals the GROUP BY of report_facts joined with its
-- source rows. A fact exists only for a submitted evaluation; a child row (section score, answer, text) only counts
-- while its evaluation has a fact. So each trigger adds or subtracts exactly the join delta of the row it sees, and
-- the result is right whatever order the submit path writes the evaluation, its sections and its answers in.
--
-- The month of an evaluation is the month of the call (recordings.started_at, local time as recorded), or the day
-- the evaluation was created when the call time is unknown (as evaluations.list does): re-scoring never moves it.
-- Teams are the agent's current team (agents.team_id), joined at query time.

-- live = 0 while a bulk load runs: the triggers stand aside and ReportsRepository.bulkLoad() rebuilds the summaries
-- with a few set-based statements at the end, in the same transaction (row-by-row upkeep is ~10× slower).
CREATE TABLE report_state (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  live INTEGER NOT NULL CHECK (live IN (0, 1))
) STRICT;
INSERT INTO report_state (id, live) VALUES (1, 1);

-- What one submitted evaluation contributes; also used by ReportsRepository.rebuild().
CREATE VIEW report_fact_source AS
SELECT e.id AS evaluation_id,
       e.recording_id AS recording_id,
       substr(COALESCE(r.started_at, e.created_at), 1, 7) AS month,
       substr(COALESCE(r.started_at, e.created_at), 1, 10) AS day,
       COALESCE(e.agent_no, r.agent_no) AS agent_no,
       COALESCE(r.category, '') AS category,
       e.total_x100 AS total_x100,
       COALESCE(e.critical_failed, 0) AS critical_failed
FROM evaluations e
JOIN recordings r ON r.id = e.recording_id
WHERE e.status = 'submitted' AND COALESCE(e.agent_no, r.agent_no) IS NOT NULL;

CREATE TABLE report_facts (
  evaluation_id   TEXT PRIMARY KEY,
  recording_id    TEXT NOT NULL,
  month           TEXT NOT NULL,
  day             TEXT NOT NULL,
  agent_no        TEXT NOT NULL,
  category        TEXT NOT NULL,
  total_x100      INTEGER NOT NULL,
  critical_failed INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- min/max of one agent's month after a delete; the annex in call order; partial-month ranges (covering).
CREATE INDEX report_facts_agent_month ON report_facts (agent_no, month, total_x100);
CREATE INDEX report_facts_day ON report_facts (day, agent_no, evaluation_id, total_x100, critical_failed);

-- Comments, suggestions and finding tags of the current revision (only the revision body carries them).
CREATE TABLE report_eval_texts (
  evaluation_id TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('finding', 'suggestion', 'item_comment', 'comment')),
  key           TEXT NOT NULL,                       -- the item id for item comments, '' otherwise
  text          TEXT NOT NULL,                       -- the tag for findings
  PRIMARY KEY (evaluation_id, kind, key, text)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_agent_month (
  month          TEXT NOT NULL,
  agent_no       TEXT NOT NULL,
  n              INTEGER NOT NULL,
  sum_total_x100 INTEGER NOT NULL,
  min_total_x100 INTEGER NOT NULL,
  max_total_x100 INTEGER NOT NULL,
  critical_fails INTEGER NOT NULL,
  PRIMARY KEY (month, agent_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_category_month (
  month          TEXT NOT NULL,
  agent_no       TEXT NOT NULL,
  category       TEXT NOT NULL,
  n              INTEGER NOT NULL,
  sum_total_x100 INTEGER NOT NULL,
  PRIMARY KEY (month, agent_no, category)
) STRICT, WITHOUT ROWID;

-- Sections that dropped out (all N/A) do not count: n is the number of evaluations that scored the section.
CREATE TABLE report_section_month (
  month           TEXT NOT NULL,
  agent_no        TEXT NOT NULL,
  section_id      TEXT NOT NULL,
  section_name    TEXT NOT NULL,
  position        INTEGER NOT NULL,
  n               INTEGER NOT NULL,
  sum_score_x100  INTEGER NOT NULL,
  sum_points_x100 INTEGER NOT NULL,
  PRIMARY KEY (month, agent_no, section_id)
) STRICT, WITHOUT ROWID;

-- Points lost per item (answered, not N/A); critical items count fails instead.
CREATE TABLE report_item_month (
  month          TEXT NOT NULL,
  agent_no       TEXT NOT NULL,
  item_id        TEXT NOT NULL,
  section_id     TEXT NOT NULL,
  n              INTEGER NOT NULL,
  n_lost         INTEGER NOT NULL,
  lost_x100      INTEGER NOT NULL,
  max_x100       INTEGER NOT NULL,
  critical_fails INTEGER NOT NULL,
  PRIMARY KEY (month, agent_no, item_id)
) STRICT, WITHOUT ROWID;

-- Finding tags, suggestions and item comments counted by exact text (overall comments stay per evaluation).
CREATE TABLE report_text_month (
  month    TEXT NOT NULL,
  agent_no TEXT NOT NULL,
  kind     TEXT NOT NULL,
  key      TEXT NOT NULL,
  text     TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (month, agent_no, kind, key, text)
) STRICT, WITHOUT ROWID;

-- ---------------------------------------------------------------- evaluations → facts
CREATE TRIGGER report_evaluation_inserted AFTER INSERT ON evaluations
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (NEW.status = 'submitted')
BEGIN
  INSERT INTO report_facts (evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed)
  SELECT evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed
  FROM report_fact_source WHERE evaluation_id = NEW.id;
END;

CREATE TRIGGER report_evaluation_updated
AFTER UPDATE OF status, total_x100, critical_failed, agent_no, recording_id, created_at ON evaluations
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (OLD.status = 'submitted' OR NEW.status = 'submitted')
BEGIN
  DELETE FROM report_facts WHERE evaluation_id = OLD.id;
  INSERT INTO report_facts (evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed)
  SELECT evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed
  FROM report_fact_source WHERE evaluation_id = NEW.id;
END;

CREATE TRIGGER report_evaluation_deleted AFTER DELETE ON evaluations
WHEN (SELECT live FROM report_state WHERE id = 1) = 1
BEGIN
  DELETE FROM report_facts WHERE evaluation_id = OLD.id;
  DELETE FROM report_eval_texts WHERE evaluation_id = OLD.id;
END;

-- A corrected call time, category or agent moves the evaluation in the reports too.
CREATE TRIGGER report_recording_updated AFTER UPDATE OF started_at, category, agent_no ON recordings
WHEN (SELECT live FROM report_state WHERE id = 1) = 1
BEGIN
  DELETE FROM report_facts WHERE evaluation_id IN (SELECT id FROM evaluations WHERE recording_id = NEW.id);
  INSERT INTO report_facts (evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed)
  SELECT evaluation_id, recording_id, month, day, agent_no, category, total_x100, critical_failed
  FROM report_fact_source WHERE recording_id = NEW.id;
END;

-- ---------------------------------------------------------------- revision bodies → texts
CREATE TRIGGER report_revision_inserted AFTER INSERT ON evaluation_revisions
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (NEW.revision = (SELECT max(revision) FROM evaluation_revisions WHERE evaluation_id = NEW.evaluation_id))
BEGIN
  DELETE FROM report_eval_texts WHERE evaluation_id = NEW.evaluation_id;
  INSERT OR IGNORE INTO report_eval_texts (evaluation_id, kind, key, text)
  SELECT NEW.evaluation_id, 'finding', '', trim(value) FROM json_each(NEW.body_json, '$.findings')
  WHERE trim(value) <> ''
  UNION
  SELECT NEW.evaluation_id, 'item_comment', key, trim(value) FROM json_each(NEW.body_json, '$.itemComments')
  WHERE trim(value) <> ''
  UNION
  SELECT NEW.evaluation_id, 'suggestion', '', trim(json_extract(NEW.body_json, '$.suggestion'))
  WHERE trim(COALESCE(json_extract(NEW.body_json, '$.suggestion'), '')) <> ''
  UNION
  SELECT NEW.evaluation_id, 'comment', '', trim(json_extract(NEW.body_json, '$.comment'))
  WHERE trim(COALESCE(json_extract(NEW.body_json, '$.comment'), '')) <> '';
END;

-- ---------------------------------------------------------------- facts → monthly summaries
CREATE TRIGGER report_fact_inserted AFTER INSERT ON report_facts
WHEN (SELECT live FROM report_state WHERE id = 1) = 1
BEGIN
  INSERT INTO report_agent_month (month, agent_no, n, sum_total_x100, min_total_x100, max_total_x100, critical_fails)
  VALUES (NEW.month, NEW.agent_no, 1, NEW.total_x100, NEW.total_x100, NEW.total_x100, NEW.critical_failed)
  ON CONFLICT (month, agent_no) DO UPDATE SET
    n = n + 1,
    sum_total_x100 = sum_total_x100 + excluded.sum_total_x100,
    min_total_x100 = min(min_total_x100, excluded.min_total_x100),
    max_total_x100 = max(max_total_x100, excluded.max_total_x100),
    critical_fails = critical_fails + excluded.critical_fails;

  INSERT INTO report_category_month (month, agent_no, category, n, sum_total_x100)
  VALUES (NEW.month, NEW.agent_no, NEW.category, 1, NEW.total_x100)
  ON CONFLICT (month, agent_no, category) DO UPDATE SET
    n = n + 1, sum_total_x100 = sum_total_x100 + excluded.sum_total_x100;

  INSERT INTO report_section_month
    (month, agent_no, section_id, section_name, position, n, sum_score_x100, sum_points_x100)
  SELECT NEW.month, NEW.agent_no, s.section_id, s.section_name, s.position, 1, s.score_x100, s.points_x100
  FROM evaluation_section_scores s WHERE s.evaluation_id = NEW.evaluation_id AND s.score_x100 IS NOT NULL
  ON CONFLICT (month, agent_no, section_id) DO UPDATE SET
    section_name = excluded.section_name, position = excluded.position, n = n + 1,
    sum_score_x100 = sum_score_x100 + excluded.sum_score_x100,
    sum_points_x100 = sum_points_x100 + excluded.sum_points_x100;

  INSERT INTO report_item_month
    (month, agent_no, item_id, section_id, n, n_lost, lost_x100, max_x100, critical_fails)
  SELECT NEW.month, NEW.agent_no, a.item_id, a.section_id, 1,
         (a.kind <> 'critical' AND a.max_x100 > COALESCE(a.points_x100, 0)),
         CASE WHEN a.kind = 'critical' THEN 0 ELSE a.max_x100 - COALESCE(a.points_x100, 0) END,
         a.max_x100, (a.kind = 'critical' AND a.answer = 'fail')
  FROM evaluation_answers a WHERE a.evaluation_id = NEW.evaluation_id AND a.answer <> 'na'
  ON CONFLICT (month, agent_no, item_id) DO UPDATE SET
    n = n + 1, n_lost = n_lost + excluded.n_lost, lost_x100 = lost_x100 + excluded.lost_x100,
    max_x100 = max_x100 + excluded.max_x100, critical_fails = critical_fails + excluded.critical_fails;

  INSERT INTO report_text_month (month, agent_no, kind, key, text, n)
  SELECT NEW.month, NEW.agent_no, t.kind, t.key, t.text, 1
  FROM report_eval_texts t WHERE t.evaluation_id = NEW.evaluation_id AND t.kind <> 'comment'
  ON CONFLICT (month, agent_no, kind, key, text) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER report_fact_deleted AFTER DELETE ON report_facts
WHEN (SELECT live FROM report_state WHERE id = 1) = 1
BEGIN
  DELETE FROM report_agent_month WHERE month = OLD.month AND agent_no = OLD.agent_no AND n = 1;
  UPDATE report_agent_month SET
    n = n - 1,
    sum_total_x100 = sum_total_x100 - OLD.total_x100,
    critical_fails = critical_fails - OLD.critical_failed,
    min_total_x100 = (SELECT min(total_x100) FROM report_facts WHERE agent_no = OLD.agent_no AND month = OLD.month),
    max_total_x100 = (SELECT max(total_x100) FROM report_facts WHERE agent_no = OLD.agent_no AND month = OLD.month)
  WHERE month = OLD.month AND agent_no = OLD.agent_no;

  UPDATE report_category_month SET n = n - 1, sum_total_x100 = sum_total_x100 - OLD.total_x100
  WHERE month = OLD.month AND agent_no = OLD.agent_no AND category = OLD.category;
  DELETE FROM report_category_month WHERE month = OLD.month AND agent_no = OLD.agent_no AND n = 0;

  UPDATE report_section_month SET
    n = n - 1, sum_score_x100 = sum_score_x100 - s.score_x100, sum_points_x100 = sum_points_x100 - s.points_x100
  FROM evaluation_section_scores s
  WHERE s.evaluation_id = OLD.evaluation_id AND s.score_x100 IS NOT NULL
    AND report_section_month.month = OLD.month AND report_section_month.agent_no = OLD.agent_no
    AND report_section_month.section_id = s.section_id;
  DELETE FROM report_section_month WHERE month = OLD.month AND agent_no = OLD.agent_no AND n = 0;

  UPDATE report_item_month SET
    n = n - 1,
    n_lost = n_lost - (a.kind <> 'critical' AND a.max_x100 > COALESCE(a.points_x100, 0)),
    lost_x100 = lost_x100 - CASE WHEN a.kind = 'critical' THEN 0 ELSE a.max_x100 - COALESCE(a.points_x100, 0) END,
    max_x100 = report_item_month.max_x100 - a.max_x100,
    critical_fails = critical_fails - (a.kind = 'critical' AND a.answer = 'fail')
  FROM evaluation_answers a
  WHERE a.evaluation_id = OLD.evaluation_id AND a.answer <> 'na'
    AND report_item_month.month = OLD.month AND report_item_month.agent_no = OLD.agent_no
    AND report_item_month.item_id = a.item_id;
  DELETE FROM report_item_month WHERE month = OLD.month AND agent_no = OLD.agent_no AND n = 0;

  UPDATE report_text_month SET n = n - 1
  FROM report_eval_texts t
  WHERE t.evaluation_id = OLD.evaluation_id AND t.kind <> 'comment'
    AND report_text_month.month = OLD.month AND report_text_month.agent_no = OLD.agent_no
    AND report_text_month.kind = t.kind AND report_text_month.key = t.key AND report_text_month.text = t.text;
  DELETE FROM report_text_month WHERE month = OLD.month AND agent_no = OLD.agent_no AND n = 0;
END;

-- ---------------------------------------------------------------- section scores
CREATE TRIGGER report_section_inserted AFTER INSERT ON evaluation_section_scores
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (NEW.score_x100 IS NOT NULL)
BEGIN
  INSERT INTO report_section_month
    (month, agent_no, section_id, section_name, position, n, sum_score_x100, sum_points_x100)
  SELECT f.month, f.agent_no, NEW.section_id, NEW.section_name, NEW.position, 1, NEW.score_x100, NEW.points_x100
  FROM report_facts f WHERE f.evaluation_id = NEW.evaluation_id
  ON CONFLICT (month, agent_no, section_id) DO UPDATE SET
    section_name = excluded.section_name, position = excluded.position, n = n + 1,
    sum_score_x100 = sum_score_x100 + excluded.sum_score_x100,
    sum_points_x100 = sum_points_x100 + excluded.sum_points_x100;
END;

CREATE TRIGGER report_section_deleted AFTER DELETE ON evaluation_section_scores
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (OLD.score_x100 IS NOT NULL)
BEGIN
  UPDATE report_section_month SET
    n = n - 1, sum_score_x100 = sum_score_x100 - OLD.score_x100, sum_points_x100 = sum_points_x100 - OLD.points_x100
  FROM report_facts f
  WHERE f.evaluation_id = OLD.evaluation_id AND report_section_month.month = f.month
    AND report_section_month.agent_no = f.agent_no AND report_section_month.section_id = OLD.section_id;
  DELETE FROM report_section_month WHERE n = 0
    AND (month, agent_no) IN (SELECT month, agent_no FROM report_facts WHERE evaluation_id = OLD.evaluation_id);
END;

CREATE TRIGGER report_section_updated AFTER UPDATE ON evaluation_section_scores
WHEN (SELECT live FROM report_state WHERE id = 1) = 1
BEGIN
  UPDATE report_section_month SET
    n = n - 1, sum_score_x100 = sum_score_x100 - OLD.score_x100, sum_points_x100 = sum_points_x100 - OLD.points_x100
  FROM report_facts f
  WHERE OLD.score_x100 IS NOT NULL AND f.evaluation_id = OLD.evaluation_id AND report_section_month.month = f.month
    AND report_section_month.agent_no = f.agent_no AND report_section_month.section_id = OLD.section_id;
  INSERT INTO report_section_month
    (month, agent_no, section_id, section_name, position, n, sum_score_x100, sum_points_x100)
  SELECT f.month, f.agent_no, NEW.section_id, NEW.section_name, NEW.position, 1, NEW.score_x100, NEW.points_x100
  FROM report_facts f WHERE NEW.score_x100 IS NOT NULL AND f.evaluation_id = NEW.evaluation_id
  ON CONFLICT (month, agent_no, section_id) DO UPDATE SET
    section_name = excluded.section_name, position = excluded.position, n = n + 1,
    sum_score_x100 = sum_score_x100 + excluded.sum_score_x100,
    sum_points_x100 = sum_points_x100 + excluded.sum_points_x100;
  DELETE FROM report_section_month WHERE n = 0
    AND (month, agent_no) IN (SELECT month, agent_no FROM report_facts WHERE evaluation_id = OLD.evaluation_id);
END;

-- ---------------------------------------------------------------- answers
CREATE TRIGGER report_answer_inserted AFTER INSERT ON evaluation_answers
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (NEW.answer <> 'na')
BEGIN
  INSERT INTO report_item_month
    (month, agent_no, item_id, section_id, n, n_lost, lost_x100, max_x100, critical_fails)
  SELECT f.month, f.agent_no, NEW.item_id, NEW.section_id, 1,
         (NEW.kind <> 'critical' AND NEW.max_x100 > COALESCE(NEW.points_x100, 0)),
         CASE WHEN NEW.kind = 'critical' THEN 0 ELSE NEW.max_x100 - COALESCE(NEW.points_x100, 0) END,
         NEW.max_x100, (NEW.kind = 'critical' AND NEW.answer = 'fail')
  FROM report_facts f WHERE f.evaluation_id = NEW.evaluation_id
  ON CONFLICT (month, agent_no, item_id) DO UPDATE SET
    n = n + 1, n_lost = n_lost + excluded.n_lost, lost_x100 = lost_x100 + excluded.lost_x100,
    max_x100 = max_x100 + excluded.max_x100, critical_fails = critical_fails + excluded.critical_fails;
END;

CREATE TRIGGER report_answer_deleted AFTER DELETE ON evaluation_answers
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (OLD.answer <> 'na')
BEGIN
  UPDATE report_item_month SET
    n = n - 1,
    n_lost = n_lost - (OLD.kind <> 'critical' AND OLD.max_x100 > COALESCE(OLD.points_x100, 0)),
    lost_x100 = lost_x100 - CASE WHEN OLD.kind = 'critical' THEN 0 ELSE OLD.max_x100 - COALESCE(OLD.points_x100, 0) END,
    max_x100 = max_x100 - OLD.max_x100,
    critical_fails = critical_fails - (OLD.kind = 'critical' AND OLD.answer = 'fail')
  FROM report_facts f
  WHERE f.evaluation_id = OLD.evaluation_id AND report_item_month.month = f.month
    AND report_item_month.agent_no = f.agent_no AND report_item_month.item_id = OLD.item_id;
  DELETE FROM report_item_month WHERE n = 0
    AND (month, agent_no) IN (SELECT month, agent_no FROM report_facts WHERE evaluation_id = OLD.evaluation_id);
END;

CREATE TRIGGER report_answer_updated AFTER UPDATE ON evaluation_answers
WHEN (SELECT live FROM report_state WHERE id = 1) = 1
BEGIN
  UPDATE report_item_month SET
    n = n - 1,
    n_lost = n_lost - (OLD.kind <> 'critical' AND OLD.max_x100 > COALESCE(OLD.points_x100, 0)),
    lost_x100 = lost_x100 - CASE WHEN OLD.kind = 'critical' THEN 0 ELSE OLD.max_x100 - COALESCE(OLD.points_x100, 0) END,
    max_x100 = max_x100 - OLD.max_x100,
    critical_fails = critical_fails - (OLD.kind = 'critical' AND OLD.answer = 'fail')
  FROM report_facts f
  WHERE OLD.answer <> 'na' AND f.evaluation_id = OLD.evaluation_id AND report_item_month.month = f.month
    AND report_item_month.agent_no = f.agent_no AND report_item_month.item_id = OLD.item_id;
  INSERT INTO report_item_month
    (month, agent_no, item_id, section_id, n, n_lost, lost_x100, max_x100, critical_fails)
  SELECT f.month, f.agent_no, NEW.item_id, NEW.section_id, 1,
         (NEW.kind <> 'critical' AND NEW.max_x100 > COALESCE(NEW.points_x100, 0)),
         CASE WHEN NEW.kind = 'critical' THEN 0 ELSE NEW.max_x100 - COALESCE(NEW.points_x100, 0) END,
         NEW.max_x100, (NEW.kind = 'critical' AND NEW.answer = 'fail')
  FROM report_facts f WHERE NEW.answer <> 'na' AND f.evaluation_id = NEW.evaluation_id
  ON CONFLICT (month, agent_no, item_id) DO UPDATE SET
    n = n + 1, n_lost = n_lost + excluded.n_lost, lost_x100 = lost_x100 + excluded.lost_x100,
    max_x100 = max_x100 + excluded.max_x100, critical_fails = critical_fails + excluded.critical_fails;
  DELETE FROM report_item_month WHERE n = 0
    AND (month, agent_no) IN (SELECT month, agent_no FROM report_facts WHERE evaluation_id = OLD.evaluation_id);
END;

-- ---------------------------------------------------------------- texts
CREATE TRIGGER report_text_inserted AFTER INSERT ON report_eval_texts
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (NEW.kind <> 'comment')
BEGIN
  INSERT INTO report_text_month (month, agent_no, kind, key, text, n)
  SELECT f.month, f.agent_no, NEW.kind, NEW.key, NEW.text, 1
  FROM report_facts f WHERE f.evaluation_id = NEW.evaluation_id
  ON CONFLICT (month, agent_no, kind, key, text) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER report_text_deleted AFTER DELETE ON report_eval_texts
WHEN (SELECT live FROM report_state WHERE id = 1) = 1 AND (OLD.kind <> 'comment')
BEGIN
  UPDATE report_text_month SET n = n - 1
  FROM report_facts f
  WHERE f.evaluation_id = OLD.evaluation_id AND report_text_month.month = f.month
    AND report_text_month.agent_no = f.agent_no AND report_text_month.kind = OLD.kind
    AND report_text_month.key = OLD.key AND report_text_month.text = OLD.text;
  DELETE FROM report_text_month WHERE n = 0
    AND (month, agent_no) IN (SELECT month, agent_no FROM report_facts WHERE evaluation_id = OLD.evaluation_id);
END;
