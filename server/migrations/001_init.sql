-- One row whose version every head-office write bumps inside its own transaction. The row lock it takes makes
-- writers commit in version order, so a pull cursor never skips a change that commits late (a serial id would).
CREATE TABLE server_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO server_version (id, version) VALUES (1, 0);

CREATE TABLE inspectors (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL DEFAULT 'inspector' CHECK (role IN ('inspector', 'head_office')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each token is kept; the token itself is printed once by the admin command.
CREATE TABLE tokens (
  id           TEXT PRIMARY KEY,
  inspector_id TEXT NOT NULL REFERENCES inspectors (id),
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at   TIMESTAMPTZ
);
CREATE INDEX tokens_inspector ON tokens (inspector_id);

CREATE TABLE teams (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  site    TEXT,
  version BIGINT NOT NULL
);
CREATE INDEX teams_version ON teams (version);

CREATE TABLE agents (
  agent_no TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  team_id  TEXT REFERENCES teams (id),
  site     TEXT,
  active   BOOLEAN NOT NULL DEFAULT TRUE,
  version  BIGINT NOT NULL
);
CREATE INDEX agents_version ON agents (version);

-- Published scorecard versions are immutable; definition_json is canonical JSON.
CREATE TABLE scorecards (
  id              TEXT NOT NULL,
  version         INTEGER NOT NULL,
  definition_json TEXT NOT NULL,
  published_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  server_version  BIGINT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX scorecards_server_version ON scorecards (server_version);

CREATE TABLE sampling_targets (
  scope           TEXT PRIMARY KEY,
  calls_per_month INTEGER NOT NULL,
  version         BIGINT NOT NULL
);
CREATE INDEX sampling_targets_version ON sampling_targets (version);

-- The first push of an evaluation fixes its owner; later pushes by anyone else are refused in the insert itself.
CREATE TABLE evaluation_owners (
  evaluation_id TEXT PRIMARY KEY,
  inspector_id  TEXT NOT NULL REFERENCES inspectors (id)
);

-- Each (evaluation, revision) once; body_json is the canonical JSON whose SHA-256 is hash.
CREATE TABLE evaluation_revisions (
  evaluation_id     TEXT NOT NULL REFERENCES evaluation_owners (evaluation_id),
  revision          INTEGER NOT NULL,
  inspector_id      TEXT NOT NULL REFERENCES inspectors (id),
  hash              TEXT NOT NULL,
  body_json         TEXT NOT NULL,
  agent_no          TEXT,
  scorecard_id      TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  total             NUMERIC(5, 2) NOT NULL,
  sections_json     TEXT NOT NULL,
  submitted_at      TIMESTAMPTZ NOT NULL,
  received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (evaluation_id, revision)
);
CREATE INDEX evaluation_revisions_inspector ON evaluation_revisions (inspector_id);
CREATE INDEX evaluation_revisions_submitted ON evaluation_revisions (submitted_at);

-- Pushed revisions that were refused, with the reason the client was given.
CREATE TABLE rejections (
  id            BIGSERIAL PRIMARY KEY,
  evaluation_id TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  inspector_id  TEXT NOT NULL,
  hash          TEXT NOT NULL,
  status        TEXT NOT NULL,
  reason        TEXT NOT NULL,
  at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rejections_evaluation ON rejections (evaluation_id, revision);

-- Who did what and when: every push (with its per-item outcome) and every admin command.
CREATE TABLE audit (
  id          BIGSERIAL PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor       TEXT NOT NULL,
  token_id    TEXT,
  action      TEXT NOT NULL,
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_at ON audit (at);
