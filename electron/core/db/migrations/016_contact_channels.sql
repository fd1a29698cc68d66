-- Other channels (issue 20 item 4): a row of `recordings` is the contact being scored, a phone call, an online
-- chat or a store visit (神秘顾客/暗访); evaluations, notes, corrections and the library keep working on it as
-- they do for calls. Only phone rows have audio: the player, peaks, analysis and media handler never touch the
-- others. A chat keeps its imported log under the library (sha256 de-duplicates re-imports) with the parsed
-- messages below; a visit has no file (library_path '', sha256 of its own id) and its details below.
ALTER TABLE recordings ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone'
  CHECK (channel IN ('phone', 'chat', 'store'));
CREATE INDEX recordings_channel_started ON recordings (channel, started_at);

-- A chat's messages in order; at_ms from the first message (the row's duration is the last one's).
CREATE TABLE chat_messages (
  recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL CHECK (seq >= 0),
  at_ms        INTEGER NOT NULL CHECK (at_ms >= 0),
  role         TEXT NOT NULL CHECK (role IN ('agent', 'customer', 'system')),
  speaker      TEXT NOT NULL,
  text         TEXT NOT NULL,
  PRIMARY KEY (recording_id, seq)
) STRICT;

-- A store visit: which store, who visited (暗访员), when; the row's started_at is the visit date at midnight
-- unless a time was given.
CREATE TABLE store_visits (
  recording_id TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
  store_name   TEXT NOT NULL,
  visitor      TEXT NOT NULL,
  visit_date   TEXT NOT NULL CHECK (visit_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  notes        TEXT NOT NULL DEFAULT ''
) STRICT;

-- A note on a chat is anchored to a message (its start_ms is the message's time, for ordering with the rest).
ALTER TABLE annotations ADD COLUMN message_seq INTEGER CHECK (message_seq IS NULL OR message_seq >= 0);

-- Reports: each evaluation's channel beside its other facts, so a comparison can be narrowed to one channel and a
-- period split by channel (reports/repo.ts reads the facts for those; the monthly summaries stay as they are).
ALTER TABLE report_facts ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'chat', 'store'));
-- The few evaluations that are not calls, by day: the quota alerts count calls only (reports/alerts.ts).
CREATE INDEX report_facts_not_calls ON report_facts (day, agent_no) WHERE channel <> 'phone';

-- A visit's photos, copied into the library under their SHA-256 (channels/photos.ts checks they are images).
CREATE TABLE store_visit_photos (
  recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL CHECK (seq >= 0),
  sha256       TEXT NOT NULL,
  library_path TEXT NOT NULL,
  mime         TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
  PRIMARY KEY (recording_id, seq)
) STRICT;
