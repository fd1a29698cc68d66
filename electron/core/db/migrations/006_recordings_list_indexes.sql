-- Library listing at 100 000 recordings (issue 3: under 50 ms per query).
-- The talk-over filter and sort joined every recording to its analysis row; the count lives on the recording
-- too, so those queries read one index. recording_analysis stays the source: a trigger copies the count over
-- whenever an analysis row is written or changed, so no writer has to remember it.
ALTER TABLE recordings ADD COLUMN talk_over_count INTEGER NOT NULL DEFAULT 0;

UPDATE recordings
SET talk_over_count = an.talk_over_count
FROM recording_analysis an
WHERE an.recording_id = recordings.id;

CREATE TRIGGER recording_analysis_talk_over_insert AFTER INSERT ON recording_analysis
BEGIN
  UPDATE recordings SET talk_over_count = NEW.talk_over_count WHERE id = NEW.recording_id;
END;

CREATE TRIGGER recording_analysis_talk_over_update AFTER UPDATE OF talk_over_count ON recording_analysis
BEGIN
  UPDATE recordings SET talk_over_count = NEW.talk_over_count WHERE id = NEW.recording_id;
END;

-- "No talk-over" pages straight off this index in date order; "talk-over present" and the talk-over sort use it too.
CREATE INDEX recordings_talk_over_started ON recordings (talk_over_count, started_at);

-- The library's file-name column is sortable too.
CREATE INDEX recordings_file_name ON recordings (file_name);
