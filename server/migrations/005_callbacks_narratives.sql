-- Issue 20: customer call-backs (回访) and the leads' narratives of the monthly report.

-- Each call-back once, by its id (shared/callbacks.ts callbackId); a push of the same id with other content is a
-- correction and replaces it. Filed like an evaluation: under the roster's team and site of its agent, else under
-- the site it carries; stamped with a server version for pulls, and restamped when the roster moves its agent.
CREATE TABLE callbacks (
  id          TEXT PRIMARY KEY,
  hash        TEXT NOT NULL,
  record_json TEXT NOT NULL,
  call_day    DATE NOT NULL,
  agent_no    TEXT,
  given_site  TEXT,
  team_id     TEXT,
  site        TEXT,
  uploaded_by TEXT NOT NULL REFERENCES inspectors (id),
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  version     BIGINT NOT NULL
);
CREATE UNIQUE INDEX callbacks_version ON callbacks (version);
CREATE INDEX callbacks_team ON callbacks (team_id, version);
CREATE INDEX callbacks_site ON callbacks (site, version);
CREATE INDEX callbacks_agent ON callbacks (agent_no);

-- The latest narrative of each team and month, as the last edit to arrive left it (the server's order, never a
-- laptop's clock), and every edit id seen, so a repeated push is a duplicate and never overwrites a later edit.
CREATE TABLE narratives (
  team_id     TEXT NOT NULL,
  month       TEXT NOT NULL,
  site        TEXT,
  change_id   TEXT NOT NULL,
  body_json   TEXT NOT NULL,
  author_id   TEXT NOT NULL REFERENCES inspectors (id),
  author_name TEXT NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  version     BIGINT NOT NULL,
  PRIMARY KEY (team_id, month)
);
CREATE UNIQUE INDEX narratives_version ON narratives (version);
CREATE INDEX narratives_team ON narratives (team_id, version);
CREATE INDEX narratives_site ON narratives (site, version);

CREATE TABLE narrative_changes (
  change_id   TEXT PRIMARY KEY,
  team_id     TEXT NOT NULL,
  month       TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES inspectors (id),
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
