-- Sign-off, disputes (申诉) and coaching focus items (issue 18).

-- Disputes as head office last sent them (shared/disputes.ts DisputeState): those this app filed, those addressed
-- to its inspector, and those in its user's scope. Read-only here; this app's own steps wait in dispute_outbox.
CREATE TABLE disputes (
  id            TEXT PRIMARY KEY,
  evaluation_id TEXT NOT NULL,
  status        TEXT NOT NULL,
  inspector_id  TEXT NOT NULL,
  agent_no      TEXT,
  team_id       TEXT,
  site          TEXT,
  filed_at      TEXT NOT NULL,
  state_json    TEXT NOT NULL CHECK (json_valid(state_json))
) STRICT;
CREATE INDEX disputes_evaluation ON disputes (evaluation_id);

-- Steps recorded here (acknowledge, file, decide, escalate, arbitrate), each with the UUID head office stores it
-- by. 'sent' once head office stored it (or had it already), deleted when a pull brings the dispute with it, so a
-- step never vanishes between the two; kept with head office's code when refused.
CREATE TABLE dispute_outbox (
  id            INTEGER PRIMARY KEY,
  step_id       TEXT NOT NULL UNIQUE,
  dispute_id    TEXT NOT NULL,
  evaluation_id TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('acknowledge', 'file', 'decide', 'escalate', 'arbitrate')),
  step_json     TEXT NOT NULL CHECK (json_valid(step_json)),
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'rejected')),
  code          TEXT,
  reason        TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  recorded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX dispute_outbox_status ON dispute_outbox (status, id);
CREATE INDEX dispute_outbox_dispute ON dispute_outbox (dispute_id);

-- Outcomes this app wrote into a revision of its own evaluation: once per dispute and stage (decided, arbitrated).
CREATE TABLE dispute_applied (
  dispute_id TEXT NOT NULL,
  stage      TEXT NOT NULL CHECK (stage IN ('decided', 'arbitrated')),
  revision   INTEGER NOT NULL,
  PRIMARY KEY (dispute_id, stage)
) STRICT;

-- Head office's dispute rules as last pulled (none yet: shared/disputes.ts defaultDisputePolicy).
CREATE TABLE dispute_policy (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  window_days   INTEGER NOT NULL,
  monthly_limit INTEGER NOT NULL
) STRICT;

-- Focus items (改进重点 / 督办整改): an agent's, a team's or a site's section or item, the average to reach by a month.
CREATE TABLE focus_items (
  id          TEXT PRIMARY KEY,
  agent_no    TEXT,
  team_id     TEXT,
  site        TEXT,
  section_id  TEXT,
  item_id     TEXT,
  target_x100 INTEGER NOT NULL CHECK (target_x100 >= 0),
  month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  note        TEXT NOT NULL DEFAULT '',
  created_by  TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((agent_no IS NOT NULL) + (team_id IS NOT NULL) + (site IS NOT NULL) = 1),
  CHECK ((section_id IS NULL) <> (item_id IS NULL))
) STRICT;
CREATE INDEX focus_items_month ON focus_items (month);
