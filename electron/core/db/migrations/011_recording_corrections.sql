-- A stereo file whose two channels hold the same sound (a low-bitrate encoder mixed it down): analysed as mono, so
-- it has dead air but no talk-over or talk ratio, and the page says the speakers cannot be told apart.
ALTER TABLE recording_analysis ADD COLUMN channels_same INTEGER NOT NULL DEFAULT 0 CHECK (channels_same IN (0, 1));

-- Corrections of a recording's call details (agent, call time, call id, category), one row per changed field, so
-- the history of a file whose name said nothing (or said it wrong) stays visible. `batch` groups the fields of one
-- edit, or one bulk assignment from the library.
CREATE TABLE recording_changes (
  id           INTEGER PRIMARY KEY,
  recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
  batch        TEXT NOT NULL,
  field        TEXT NOT NULL CHECK (field IN ('agent_no', 'started_at', 'call_id', 'category')),
  old_value    TEXT,
  new_value    TEXT,
  changed_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX recording_changes_recording ON recording_changes (recording_id, id);

-- Finding the other files of a call id (one call arriving as several files).
CREATE INDEX recordings_call_id ON recordings (call_id) WHERE call_id IS NOT NULL;
