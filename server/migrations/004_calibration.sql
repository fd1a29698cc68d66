-- Calibration (issue 19): sessions head office or a lead creates, the inspectors invited, and their scores. Kept
-- apart from evaluation_revisions and evaluation_latest, so a calibration score can never reach an agent's reports,
-- exports, quotas or a lead's pull of evaluations. Every row is stamped with a server version (versions.ts) like
-- every head-office change, so pulls deliver them in order; closing a session stamps it and its scores again, which
-- is how the other inspectors' scores reach an inspector once the session has closed.

CREATE TABLE calibration_sessions (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  created_by        TEXT NOT NULL REFERENCES inspectors (id),
  scorecard_id      TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  -- Head office's clock decides: scores received after it are refused.
  deadline          TIMESTAMPTZ NOT NULL,
  -- SHA-256 of the session's canonical JSON as pushed: the same id again with other content is refused.
  hash              TEXT NOT NULL,
  -- The session as pushed (calls with their references), canonical JSON.
  session_json      TEXT NOT NULL,
  received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at         TIMESTAMPTZ,
  version           BIGINT NOT NULL,
  FOREIGN KEY (scorecard_id, scorecard_version) REFERENCES scorecards (id, version)
);
CREATE UNIQUE INDEX calibration_sessions_version ON calibration_sessions (version);
-- What the lazy close looks for on every pull: open sessions past their deadline.
CREATE INDEX calibration_sessions_due ON calibration_sessions (deadline) WHERE closed_at IS NULL;

CREATE TABLE calibration_invites (
  session_id   TEXT NOT NULL REFERENCES calibration_sessions (id),
  inspector_id TEXT NOT NULL REFERENCES inspectors (id),
  PRIMARY KEY (session_id, inspector_id)
);
CREATE INDEX calibration_invites_inspector ON calibration_invites (inspector_id);

-- One score per inspector and call; body_json is the canonical body without its scorecard definition.
CREATE TABLE calibration_scores (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES calibration_sessions (id),
  inspector_id TEXT NOT NULL REFERENCES inspectors (id),
  call_sha256  TEXT NOT NULL,
  hash         TEXT NOT NULL,
  body_json    TEXT NOT NULL,
  total_x100   INTEGER NOT NULL,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  version      BIGINT NOT NULL,
  UNIQUE (session_id, inspector_id, call_sha256)
);
CREATE UNIQUE INDEX calibration_scores_version ON calibration_scores (version);
CREATE INDEX calibration_scores_session ON calibration_scores (session_id);
