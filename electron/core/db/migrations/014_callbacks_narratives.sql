-- Issue 20: customer call-backs (回访) and the lead's narrative of the monthly report.

-- Call-backs this app imported (own) and those head office sent down (pulled), one row per call-back id
-- (shared/callbacks.ts callbackId). agent_no is what the row says; a call (call_id) links it to the evaluation of
-- that call in the reports, and so to its agent, team and site, when the report is read. filed_* is where head office
-- filed it (pulled rows): the roster's team and site of its agent, else its site.
CREATE TABLE callbacks (
  id            TEXT PRIMARY KEY,
  hash          TEXT NOT NULL,
  day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  month         TEXT NOT NULL,
  call_id       TEXT,
  grp           TEXT NOT NULL,
  agent_no      TEXT,
  time_ok       INTEGER NOT NULL CHECK (time_ok IN (0, 1)),
  overall_ok    INTEGER NOT NULL CHECK (overall_ok IN (0, 1)),
  reason        TEXT NOT NULL DEFAULT '',
  suggestion    TEXT NOT NULL DEFAULT '',
  site          TEXT,
  source        TEXT NOT NULL CHECK (source IN ('own', 'pulled')),
  filed_team_id TEXT,
  filed_site    TEXT,
  -- The import that brought it (own rows) and its row in that file: the annex keeps the file's order.
  batch_id      TEXT,
  line          INTEGER,
  -- The agent head office was last sent (own rows): a link found later sends the call-back again, refiled.
  sent_agent_no TEXT,
  imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX callbacks_month ON callbacks (month, day);
CREATE INDEX callbacks_call ON callbacks (call_id) WHERE call_id IS NOT NULL;

-- Own call-backs waiting for head office; a refused one stays, with the reason, and is not sent again by itself.
CREATE TABLE callback_outbox (
  id          INTEGER PRIMARY KEY,
  callback_id TEXT NOT NULL UNIQUE REFERENCES callbacks (id) ON DELETE CASCADE,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'refused')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- The lead's narrative per team and month (shared/narrative.ts). change_id names the edit the row holds; pending = 1
-- until head office acknowledged that edit (an edit made while a push is on its way stays pending). A pulled edit
-- never replaces a pending one: the lead's unsent words go up and then win.
CREATE TABLE report_narratives (
  team_id     TEXT NOT NULL,
  month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  site        TEXT,
  body_json   TEXT NOT NULL CHECK (json_valid(body_json)),
  author_name TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL,
  change_id   TEXT NOT NULL,
  pending     INTEGER NOT NULL CHECK (pending IN (0, 1)),
  refused     TEXT,
  PRIMARY KEY (team_id, month)
) STRICT;
CREATE INDEX report_narratives_pending ON report_narratives (pending) WHERE pending = 1;

-- The call of each evaluation in the reports, so a call-back's call (呼叫编号) finds its evaluation by index.
ALTER TABLE report_facts ADD COLUMN call_id TEXT;
CREATE INDEX report_facts_call ON report_facts (call_id) WHERE call_id IS NOT NULL;
UPDATE report_store_state SET built = 0;
