-- Head-office sync: connection settings and the pull cursor (one row), a history of sync runs, and the monthly
-- sampling targets head office sends. The outbox itself is in 003 (written by submit in its own transaction).
CREATE TABLE sync_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  server_url       TEXT,
  token_sealed     TEXT,                         -- as the SecretStore returned it (safeStorage in Electron)
  token_protection TEXT,                         -- which SecretStore sealed it: 'plain', 'safeStorage', ...
  cursor           TEXT NOT NULL DEFAULT '0',    -- server version of the last applied head-office change
  last_attempt_at  TEXT,
  last_success_at  TEXT,
  last_error       TEXT,
  last_error_at    TEXT,
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_history (
  id          INTEGER PRIMARY KEY,
  trigger     TEXT NOT NULL CHECK (trigger IN ('start', 'reconnect', 'submit', 'manual', 'retry')),
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
  pushed      INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  pulled      INTEGER NOT NULL DEFAULT 0,
  error       TEXT
) STRICT;

CREATE TABLE sampling_targets (
  scope           TEXT PRIMARY KEY,              -- 'all', 'team:<id>' or 'agent:<agent no>'
  calls_per_month INTEGER NOT NULL CHECK (calls_per_month >= 0),
  source          TEXT NOT NULL DEFAULT 'server' CHECK (source IN ('local', 'server')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
