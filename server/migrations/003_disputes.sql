-- Sign-off and disputes (申诉), issue 18. Each step (acknowledge, file, decide, escalate, arbitrate) is stored once
-- by the id the app gave it; the dispute's state is kept whole beside it and stamped with a server version in the
-- writing transaction, so pulls send it down with the same cursor rules as evaluations.

-- Head office's rules, one row, pulled by every app: days to dispute (or escalate) and disputes per agent a month.
CREATE TABLE dispute_policy (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  window_days   INTEGER NOT NULL CHECK (window_days BETWEEN 1 AND 365),
  monthly_limit INTEGER NOT NULL CHECK (monthly_limit BETWEEN 1 AND 1000),
  version       BIGINT NOT NULL
);
INSERT INTO dispute_policy (id, window_days, monthly_limit, version)
SELECT 1, 7, 3, version + 1 FROM server_version;
UPDATE server_version SET version = version + 1;

-- One dispute (or sign-off) per evaluation. team_id, site and inspector_id are what pulls scope it by; filed_month
-- (the centre's time zone, server clock) is what the monthly limit counts. state_json is shared/disputes.ts
-- DisputeState as canonical ASCII JSON, sent down as it is.
CREATE TABLE disputes (
  id            TEXT PRIMARY KEY,
  evaluation_id TEXT NOT NULL UNIQUE REFERENCES evaluation_owners (evaluation_id),
  agent_no      TEXT,
  team_id       TEXT,
  site          TEXT,
  inspector_id  TEXT NOT NULL,
  status        TEXT NOT NULL,
  filed_month   TEXT NOT NULL,
  state_json    TEXT NOT NULL,
  version       BIGINT NOT NULL
);
CREATE UNIQUE INDEX disputes_version ON disputes (version);
CREATE INDEX disputes_agent_month ON disputes (agent_no, filed_month);
CREATE INDEX disputes_team ON disputes (team_id, version);
CREATE INDEX disputes_inspector ON disputes (inspector_id, version);

-- Every stored step, as received (canonical JSON): a repeat with the same content is a duplicate, other content
-- under the same id is refused.
CREATE TABLE dispute_steps (
  id          TEXT PRIMARY KEY,
  dispute_id  TEXT NOT NULL REFERENCES disputes (id),
  kind        TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES inspectors (id),
  step_json   TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dispute_steps_dispute ON dispute_steps (dispute_id);
