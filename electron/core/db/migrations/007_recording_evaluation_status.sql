-- The library's "evaluation status" filter and column read this view (see recordings/list-query.ts).
-- evaluations.recording_id is UNIQUE, so each recording has at most one row and the join uses that index.
CREATE VIEW recording_evaluation_status AS
SELECT recording_id, status FROM evaluations;
