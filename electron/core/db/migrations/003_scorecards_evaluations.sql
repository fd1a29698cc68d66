-- Scorecards, evaluations with every submitted revision, autosaved drafts, annotations, sampling plans, sync outbox.
-- Scores are stored as integer hundredths (*_x100: 81.49 → 8149) so SQL sums and averages are exact;
-- divide by 100.0 when showing them.

-- One row per version of a card. A published version never changes (triggers below); editing makes version n+1.
CREATE TABLE scorecards (
  id              TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  status          TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  name            TEXT NOT NULL,
  channel         TEXT NOT NULL,
  definition_json TEXT NOT NULL CHECK (json_valid(definition_json)),
  source          TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'server')),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  published_at    TEXT,
  PRIMARY KEY (id, version),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
) STRICT;
-- At most one draft per card: the editor always continues the same one.
CREATE UNIQUE INDEX scorecards_one_draft ON scorecards (id) WHERE status = 'draft';

CREATE TRIGGER scorecards_published_immutable BEFORE UPDATE ON scorecards
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published scorecard versions are immutable');
END;

CREATE TRIGGER scorecards_published_kept BEFORE DELETE ON scorecards
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published scorecard versions cannot be deleted');
END;

-- One evaluation per recording; revision 0 until first submitted. Totals are those of the current revision.
CREATE TABLE evaluations (
  id                 TEXT PRIMARY KEY,                -- UUID
  recording_id       TEXT NOT NULL UNIQUE REFERENCES recordings (id),
  agent_no           TEXT REFERENCES agents (agent_no),
  scorecard_id       TEXT NOT NULL,
  scorecard_version  INTEGER NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  revision           INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
  total_x100         INTEGER,
  uncapped_total_x100 INTEGER,
  critical_failed    INTEGER CHECK (critical_failed IN (0, 1)),
  inspector_id       TEXT,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  first_submitted_at TEXT,
  submitted_at       TEXT,                            -- of the current revision
  FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards (id, version),
  CHECK ((status = 'submitted') = (revision >= 1)),
  CHECK (status = 'draft' OR (total_x100 IS NOT NULL AND submitted_at IS NOT NULL))
) STRICT;
CREATE INDEX evaluations_agent ON evaluations (agent_no, status);
CREATE INDEX evaluations_status_submitted ON evaluations (status, submitted_at);

-- Evaluations are scored only against published cards.
CREATE TRIGGER evaluations_published_card BEFORE INSERT ON evaluations
WHEN (SELECT status FROM scorecards WHERE id = NEW.scorecard_id AND version = NEW.scorecard_version) IS NOT 'published'
BEGIN
  SELECT RAISE(ABORT, 'evaluations use published scorecard versions only');
END;

-- Per-section scores of the current revision, so reports aggregate with plain SQL.
CREATE TABLE evaluation_section_scores (
  evaluation_id        TEXT NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  section_id           TEXT NOT NULL,
  section_name         TEXT NOT NULL,
  position             INTEGER NOT NULL,
  points_x100          INTEGER NOT NULL,
  score_x100           INTEGER,                       -- NULL: every item N/A, the section dropped out
  uncapped_score_x100  INTEGER,
  earned_x100          INTEGER NOT NULL,
  possible_x100        INTEGER NOT NULL,
  na                   INTEGER NOT NULL CHECK (na IN (0, 1)),
  critical_failed      INTEGER NOT NULL CHECK (critical_failed IN (0, 1)),
  PRIMARY KEY (evaluation_id, section_id)
) STRICT;
CREATE INDEX evaluation_section_scores_section ON evaluation_section_scores (section_id);

-- Answers of the current revision, one row per item (item-level analysis: which items lose the most points).
CREATE TABLE evaluation_answers (
  evaluation_id   TEXT NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  item_id         TEXT NOT NULL,
  section_id      TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('points', 'yesno', 'critical')),
  answer          TEXT NOT NULL CHECK (answer IN ('points', 'na', 'pass', 'fail')),
  points_x100     INTEGER,                            -- earned points; NULL for N/A and critical items
  max_x100        INTEGER NOT NULL,
  comment         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (evaluation_id, item_id)
) STRICT;

-- Every submitted revision, exactly as pushed to head office. Never updated, never deleted.
CREATE TABLE evaluation_revisions (
  evaluation_id TEXT NOT NULL REFERENCES evaluations (id),
  revision      INTEGER NOT NULL CHECK (revision >= 1),
  reason        TEXT,
  total_x100    INTEGER NOT NULL,
  submitted_at  TEXT NOT NULL,
  hash          TEXT NOT NULL,
  body_json     TEXT NOT NULL CHECK (json_valid(body_json)),
  PRIMARY KEY (evaluation_id, revision),
  CHECK ((revision = 1) = (reason IS NULL))
) STRICT;

CREATE TRIGGER evaluation_revisions_no_update BEFORE UPDATE ON evaluation_revisions
BEGIN
  SELECT RAISE(ABORT, 'evaluation revisions are never overwritten');
END;

CREATE TRIGGER evaluation_revisions_no_delete BEFORE DELETE ON evaluation_revisions
BEGIN
  SELECT RAISE(ABORT, 'evaluation revisions are never deleted');
END;

-- Autosaved work in progress: the evaluate screen's state as JSON, one per evaluation.
CREATE TABLE evaluation_drafts (
  evaluation_id TEXT PRIMARY KEY REFERENCES evaluations (id) ON DELETE CASCADE,
  base_revision INTEGER NOT NULL,                     -- revision being re-scored; 0 for a first evaluation
  state_json    TEXT NOT NULL CHECK (json_valid(state_json)),
  saved_at      TEXT NOT NULL
) STRICT;

-- Timestamped notes on a recording, optionally tied to a scorecard item.
CREATE TABLE annotations (
  id           INTEGER PRIMARY KEY,
  recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  start_ms     INTEGER NOT NULL CHECK (start_ms >= 0),
  end_ms       INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
  item_id      TEXT,
  text         TEXT NOT NULL,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX annotations_recording ON annotations (recording_id, start_ms);

-- The monthly sampling plan (the inspector's work queue): N calls per agent, drawn spread over the month.
CREATE TABLE sampling_plans (
  id              INTEGER PRIMARY KEY,
  month           TEXT NOT NULL UNIQUE CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  quota_per_agent INTEGER NOT NULL CHECK (quota_per_agent >= 1),
  seed            INTEGER NOT NULL,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE sampling_plan_items (
  plan_id      INTEGER NOT NULL REFERENCES sampling_plans (id) ON DELETE CASCADE,
  recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  agent_no     TEXT NOT NULL,
  position     INTEGER NOT NULL,
  PRIMARY KEY (plan_id, recording_id)
) STRICT;
CREATE INDEX sampling_plan_items_agent ON sampling_plan_items (plan_id, agent_no, position);

-- Sync outbox: written in the same transaction as each submitted revision; the sync service pushes and deletes
-- acknowledged rows and keeps rejected ones (status 'rejected') visible with the server's reason.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  evaluation_id   TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  hash            TEXT NOT NULL,
  body_json       TEXT NOT NULL CHECK (json_valid(body_json)),
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  rejected_reason TEXT,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (evaluation_id, revision),
  FOREIGN KEY (evaluation_id, revision) REFERENCES evaluation_revisions (evaluation_id, revision)
) STRICT;
CREATE INDEX outbox_status ON outbox (status, id);
