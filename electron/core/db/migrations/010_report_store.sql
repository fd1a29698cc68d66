-- Reports for every role (issue 15): one report store fed by the inspector's own submitted evaluations and by the
-- evaluations head office sends down to leads, sites and head office. Replaces migration 005's trigger-kept tables,
-- which could only see evaluations of recordings in this library.
--
-- Writes go through electron/core/reports/store.ts, which adds or subtracts each evaluation's contribution to the
-- monthly summaries a batch at a time (one upsert per summary row a batch touches, not per evaluation): pulling
-- 250 000 evaluations must take seconds. The invariant: every *_month table equals the GROUP BY of report_facts
-- (and, for items and texts, of the evaluations' bodies). report_store_state.built = 0 asks the core to rebuild
-- everything from the evaluations at start-up (after this migration, or after the user's identity changes).

DROP TRIGGER report_evaluation_inserted;
DROP TRIGGER report_evaluation_updated;
DROP TRIGGER report_evaluation_deleted;
DROP TRIGGER report_recording_updated;
DROP TRIGGER report_revision_inserted;
DROP TRIGGER report_fact_inserted;
DROP TRIGGER report_fact_deleted;
DROP TRIGGER report_section_inserted;
DROP TRIGGER report_section_deleted;
DROP TRIGGER report_section_updated;
DROP TRIGGER report_answer_inserted;
DROP TRIGGER report_answer_deleted;
DROP TRIGGER report_answer_updated;
DROP TRIGGER report_text_inserted;
DROP TRIGGER report_text_deleted;
DROP VIEW report_fact_source;
DROP TABLE report_text_month;
DROP TABLE report_item_month;
DROP TABLE report_section_month;
DROP TABLE report_category_month;
DROP TABLE report_agent_month;
DROP TABLE report_eval_texts;
DROP TABLE report_facts;
DROP TABLE report_state;

CREATE TABLE report_store_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  built INTEGER NOT NULL CHECK (built IN (0, 1))
) STRICT;
INSERT INTO report_store_state (id, built) VALUES (1, 0);

-- Evaluations head office sent down (read-only here): the latest revision of each, body without the card.
CREATE TABLE pulled_evaluations (
  id             TEXT PRIMARY KEY,
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  hash           TEXT NOT NULL,
  inspector_id   TEXT NOT NULL,
  inspector_name TEXT NOT NULL,
  received_at    TEXT NOT NULL,
  team_id        TEXT,
  site           TEXT,
  body_json      TEXT NOT NULL
) STRICT;

-- A small integer per scorecard version, and the card's sections by position: facts and summaries keep section
-- scores in positional columns s0..s11 / n0..t11 (shared/scorecard.ts MAX_SECTIONS).
CREATE TABLE report_cards (
  card_key     INTEGER PRIMARY KEY,
  scorecard_id TEXT NOT NULL,
  version      INTEGER NOT NULL,
  UNIQUE (scorecard_id, version)
) STRICT;

-- One row per evaluation in the reports, whoever scored it: the numbers and the dimensions scopes filter on, narrow
-- so a range of days scans little. What only the annex shows (call id, file, comments) stays in the revision bodies.
-- Clustered by call day. Unknown team, site, inspector and category are '' (not NULL) so they key the summaries.
CREATE TABLE report_facts (
  day              TEXT NOT NULL,
  evaluation_id    TEXT NOT NULL,
  month            TEXT NOT NULL,
  source           TEXT NOT NULL CHECK (source IN ('own', 'pulled')),
  mine             INTEGER NOT NULL CHECK (mine IN (0, 1)),
  agent_no         TEXT NOT NULL,
  agent_name       TEXT NOT NULL,
  team_id          TEXT NOT NULL,
  team_name        TEXT NOT NULL,
  site             TEXT NOT NULL,
  inspector_id     TEXT NOT NULL,
  category         TEXT NOT NULL,
  card_key         INTEGER NOT NULL,
  revision         INTEGER NOT NULL,
  total_x100       INTEGER NOT NULL,
  uncapped_x100    INTEGER NOT NULL,
  critical_failed  INTEGER NOT NULL,
  s0              INTEGER,
  s1              INTEGER,
  s2              INTEGER,
  s3              INTEGER,
  s4              INTEGER,
  s5              INTEGER,
  s6              INTEGER,
  s7              INTEGER,
  s8              INTEGER,
  s9              INTEGER,
  s10              INTEGER,
  s11              INTEGER,
  PRIMARY KEY (day, evaluation_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX report_facts_evaluation ON report_facts (evaluation_id);

-- Per agent and day, and per agent and month (with the dimensions scopes filter on): counts and integer sums of
-- hundredths. Any period is whole months from the first and the remaining days from the second; keyed so that
-- one agent's rows of a day or month sit together (reports group by agent without sorting).
CREATE TABLE report_agent_day (
  day            TEXT NOT NULL,
  agent_no       TEXT NOT NULL,
  card_key       INTEGER NOT NULL,
  team_id        TEXT NOT NULL,
  site           TEXT NOT NULL,
  mine           INTEGER NOT NULL,
  agent_name     TEXT NOT NULL,
  team_name      TEXT NOT NULL,
  n              INTEGER NOT NULL,
  sum_total      INTEGER NOT NULL,
  sum_uncapped   INTEGER NOT NULL,
  min_total      INTEGER NOT NULL,
  max_total      INTEGER NOT NULL,
  critical_fails INTEGER NOT NULL,
  n0 INTEGER NOT NULL DEFAULT 0, t0 INTEGER NOT NULL DEFAULT 0,
  n1 INTEGER NOT NULL DEFAULT 0, t1 INTEGER NOT NULL DEFAULT 0,
  n2 INTEGER NOT NULL DEFAULT 0, t2 INTEGER NOT NULL DEFAULT 0,
  n3 INTEGER NOT NULL DEFAULT 0, t3 INTEGER NOT NULL DEFAULT 0,
  n4 INTEGER NOT NULL DEFAULT 0, t4 INTEGER NOT NULL DEFAULT 0,
  n5 INTEGER NOT NULL DEFAULT 0, t5 INTEGER NOT NULL DEFAULT 0,
  n6 INTEGER NOT NULL DEFAULT 0, t6 INTEGER NOT NULL DEFAULT 0,
  n7 INTEGER NOT NULL DEFAULT 0, t7 INTEGER NOT NULL DEFAULT 0,
  n8 INTEGER NOT NULL DEFAULT 0, t8 INTEGER NOT NULL DEFAULT 0,
  n9 INTEGER NOT NULL DEFAULT 0, t9 INTEGER NOT NULL DEFAULT 0,
  n10 INTEGER NOT NULL DEFAULT 0, t10 INTEGER NOT NULL DEFAULT 0,
  n11 INTEGER NOT NULL DEFAULT 0, t11 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, agent_no, card_key, team_id, site, mine)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_agent_month (
  month          TEXT NOT NULL,
  agent_no       TEXT NOT NULL,
  card_key       INTEGER NOT NULL,
  team_id        TEXT NOT NULL,
  site           TEXT NOT NULL,
  mine           INTEGER NOT NULL,
  agent_name     TEXT NOT NULL,
  team_name      TEXT NOT NULL,
  n              INTEGER NOT NULL,
  sum_total      INTEGER NOT NULL,
  sum_uncapped   INTEGER NOT NULL,
  min_total      INTEGER NOT NULL,
  max_total      INTEGER NOT NULL,
  critical_fails INTEGER NOT NULL,
  n0 INTEGER NOT NULL DEFAULT 0, t0 INTEGER NOT NULL DEFAULT 0,
  n1 INTEGER NOT NULL DEFAULT 0, t1 INTEGER NOT NULL DEFAULT 0,
  n2 INTEGER NOT NULL DEFAULT 0, t2 INTEGER NOT NULL DEFAULT 0,
  n3 INTEGER NOT NULL DEFAULT 0, t3 INTEGER NOT NULL DEFAULT 0,
  n4 INTEGER NOT NULL DEFAULT 0, t4 INTEGER NOT NULL DEFAULT 0,
  n5 INTEGER NOT NULL DEFAULT 0, t5 INTEGER NOT NULL DEFAULT 0,
  n6 INTEGER NOT NULL DEFAULT 0, t6 INTEGER NOT NULL DEFAULT 0,
  n7 INTEGER NOT NULL DEFAULT 0, t7 INTEGER NOT NULL DEFAULT 0,
  n8 INTEGER NOT NULL DEFAULT 0, t8 INTEGER NOT NULL DEFAULT 0,
  n9 INTEGER NOT NULL DEFAULT 0, t9 INTEGER NOT NULL DEFAULT 0,
  n10 INTEGER NOT NULL DEFAULT 0, t10 INTEGER NOT NULL DEFAULT 0,
  n11 INTEGER NOT NULL DEFAULT 0, t11 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, agent_no, card_key, team_id, site, mine)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_category_month (
  month     TEXT NOT NULL,
  team_id   TEXT NOT NULL,
  site      TEXT NOT NULL,
  mine      INTEGER NOT NULL,
  category  TEXT NOT NULL,
  n         INTEGER NOT NULL,
  sum_total INTEGER NOT NULL,
  PRIMARY KEY (month, team_id, site, mine, category)
) STRICT, WITHOUT ROWID;

-- Points lost per item (answered, not N/A); critical items count fails instead.
CREATE TABLE report_item_month (
  month          TEXT NOT NULL,
  team_id        TEXT NOT NULL,
  site           TEXT NOT NULL,
  mine           INTEGER NOT NULL,
  item_id        TEXT NOT NULL,
  section_id     TEXT NOT NULL,
  n              INTEGER NOT NULL,
  n_lost         INTEGER NOT NULL,
  lost_x100      INTEGER NOT NULL,
  max_x100       INTEGER NOT NULL,
  critical_fails INTEGER NOT NULL,
  PRIMARY KEY (month, team_id, site, mine, item_id)
) STRICT, WITHOUT ROWID;

-- Finding tags, suggestions and item comments counted by exact text.
CREATE TABLE report_text_month (
  month   TEXT NOT NULL,
  team_id TEXT NOT NULL,
  site    TEXT NOT NULL,
  mine    INTEGER NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('finding', 'suggestion', 'item_comment')),
  key     TEXT NOT NULL,
  text    TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (month, team_id, site, mine, kind, key, text)
) STRICT, WITHOUT ROWID;

-- Who this app's user is at head office (GET /v1/me), and the scope the pull cursor was built under.
ALTER TABLE sync_state ADD COLUMN identity_json TEXT;
ALTER TABLE sync_state ADD COLUMN scope_key TEXT;

-- Why head office refused a revision, as a code the app translates, and so who can fix it.
ALTER TABLE outbox ADD COLUMN rejected_code TEXT;

-- What went wrong with the last sync and each run, as a code the page translates (the message is the detail).
ALTER TABLE sync_state ADD COLUMN last_error_code TEXT;
ALTER TABLE sync_history ADD COLUMN error_code TEXT;
