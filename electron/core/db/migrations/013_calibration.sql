-- Calibration (issue 19) and the work behind each evaluation. Calibration evaluations live in these tables only:
-- never in evaluations, the report store, the sampling plan or the library's evaluation status, so they can never
-- count in an agent's reports, quotas or alerts.

-- Sessions created here (source 'local' until head office acknowledged them) or sent down by head office.
-- session_json is the session as created (calls with references) for the creator, or the pulled change
-- (shared/calibration.ts calibrationSessionChangeSchema) for everyone else.
CREATE TABLE calibration_sessions (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  created_by_name   TEXT NOT NULL,
  scorecard_id      TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  deadline          TEXT NOT NULL,
  closed_at         TEXT,                 -- head office's clock, from a pull
  source            TEXT NOT NULL CHECK (source IN ('local', 'server')),
  session_json      TEXT NOT NULL CHECK (json_valid(session_json)),
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- This app's own scoring of a session's call: a draft while scoring, then the submitted body (revision 1 only:
-- a calibration score is a snapshot, never re-scored).
CREATE TABLE calibration_evaluations (
  id             TEXT PRIMARY KEY,        -- UUID, the score's id at head office
  session_id     TEXT NOT NULL REFERENCES calibration_sessions (id),
  sha256         TEXT NOT NULL,
  recording_id   TEXT NOT NULL REFERENCES recordings (id),
  status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  draft_json     TEXT CHECK (draft_json IS NULL OR json_valid(draft_json)),
  draft_saved_at TEXT,
  body_json      TEXT CHECK (body_json IS NULL OR json_valid(body_json)),
  hash           TEXT,
  submitted_at   TEXT,
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, sha256),
  CHECK ((status = 'submitted') = (body_json IS NOT NULL AND hash IS NOT NULL))
) STRICT;

CREATE TRIGGER calibration_evaluations_submitted_kept BEFORE UPDATE OF body_json, hash ON calibration_evaluations
WHEN OLD.status = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'a submitted calibration score is never changed');
END;

-- Every score of a session this app holds: its own (on submit) and those head office sent down. The results are
-- computed from these.
CREATE TABLE calibration_scores (
  id             TEXT PRIMARY KEY,
  session_id     TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  inspector_id   TEXT NOT NULL,
  inspector_name TEXT NOT NULL,
  source         TEXT NOT NULL CHECK (source IN ('own', 'pulled')),
  body_json      TEXT NOT NULL CHECK (json_valid(body_json)),
  received_at    TEXT
) STRICT;
CREATE INDEX calibration_scores_session ON calibration_scores (session_id, sha256);

-- What waits to go to head office (POST /v1/calibration/push), written in the same transaction as the change it
-- carries. Refused items stay, with head office's code and words, until sent again.
CREATE TABLE calibration_outbox (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('session', 'score', 'close')),
  item_id      TEXT NOT NULL,
  session_id   TEXT NOT NULL,
  payload_json TEXT NOT NULL CHECK (json_valid(payload_json)),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected', 'sent')),
  code         TEXT,
  reason       TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (kind, item_id)
) STRICT;
CREATE INDEX calibration_outbox_status ON calibration_outbox (status, id);

-- The work behind an evaluation of a call (or its calibration scoring): active time and the stretches played,
-- reported by the evaluate page and frozen into each revision's body at submit.
CREATE TABLE evaluation_work (
  recording_id   TEXT NOT NULL,
  calibration_id TEXT NOT NULL DEFAULT '',   -- '' for the call's own evaluation
  opened_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  active_ms      INTEGER NOT NULL DEFAULT 0 CHECK (active_ms >= 0),
  played_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(played_json)),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (recording_id, calibration_id)
) STRICT;
