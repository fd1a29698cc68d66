-- Teams and agents arrive from head office (sync) or are created when an import names an unknown agent.
CREATE TABLE teams (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  site       TEXT,
  source     TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'server')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE agents (
  agent_no   TEXT PRIMARY KEY,               -- 工号
  name       TEXT NOT NULL DEFAULT '',
  team_id    TEXT REFERENCES teams (id),
  site       TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  source     TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'server')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX agents_team ON agents (team_id);

-- One row per distinct audio file (sha256); the file itself is copied under <dataDir>/library/.
CREATE TABLE recordings (
  id            TEXT PRIMARY KEY,            -- UUID
  sha256        TEXT NOT NULL UNIQUE,
  file_name     TEXT NOT NULL,               -- name as imported
  library_path  TEXT NOT NULL,               -- relative to <dataDir>/library, '/' separated
  size_bytes    INTEGER NOT NULL,
  format        TEXT NOT NULL,               -- container: wav, mp3, ogg, flac
  codec         TEXT NOT NULL,               -- pcm_s16le, pcm_alaw, pcm_mulaw, mp3, opus, vorbis, flac, ...
  sample_rate   INTEGER NOT NULL,
  channels      INTEGER NOT NULL,
  duration_ms   INTEGER NOT NULL,
  call_id       TEXT,
  agent_no      TEXT REFERENCES agents (agent_no),
  started_at    TEXT,                        -- call start, ISO 8601 local time as the recording system wrote it
  category      TEXT,                        -- business category, data not code (网站类, 邮箱类, ...)
  caller_number TEXT,                        -- personal data: the UI shows it masked
  agent_channel INTEGER NOT NULL DEFAULT 0,  -- which stereo channel is the agent
  imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX recordings_agent_started ON recordings (agent_no, started_at);
CREATE INDEX recordings_started ON recordings (started_at);
CREATE INDEX recordings_category_started ON recordings (category, started_at);
CREATE INDEX recordings_duration ON recordings (duration_ms);
CREATE INDEX recordings_imported ON recordings (imported_at);

-- Waveform peaks computed once at import: per channel, min/max pairs of signed 16-bit little-endian values,
-- one pair per samples_per_peak frames (about 10 ms), channel after channel.
CREATE TABLE recording_peaks (
  recording_id     TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
  samples_per_peak INTEGER NOT NULL CHECK (samples_per_peak > 0),
  peak_count       INTEGER NOT NULL CHECK (peak_count >= 0),
  channels         INTEGER NOT NULL CHECK (channels > 0),
  data             BLOB NOT NULL
) STRICT;

-- Talk analytics computed once at import. Speech segments are kept so dead air can be recomputed when the
-- threshold setting changes; the counts are columns so the library can filter on them.
CREATE TABLE recording_analysis (
  recording_id          TEXT PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
  speech_json           TEXT NOT NULL,   -- [[[startMs, endMs], ...] per channel]
  talk_over_json        TEXT NOT NULL,   -- [{startMs, endMs, by}]
  silences_json         TEXT NOT NULL,   -- [{startMs, endMs}]
  dead_air_ms           INTEGER NOT NULL,
  talk_over_count       INTEGER NOT NULL DEFAULT 0,
  agent_talk_over_count INTEGER NOT NULL DEFAULT 0,
  silence_count         INTEGER NOT NULL DEFAULT 0,
  talk_ratio_agent      REAL,
  longest_monologue_ms  INTEGER
) STRICT;
CREATE INDEX recording_analysis_talk_over ON recording_analysis (talk_over_count);
