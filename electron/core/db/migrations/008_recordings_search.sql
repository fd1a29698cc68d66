-- Library text search at 100 000 recordings (under 50 ms). A LIKE '%term%' over six columns reads every
-- recording, twice (count and page). A trigram index answers any substring of three or more characters (Chinese
-- names included: trigrams are of characters, not bytes); shorter terms still fall back to LIKE in list-query.ts.
-- Contentless: the text lives in recordings and agents; the index keeps only trigrams, keyed by recordings.rowid
-- (no statement in this app renumbers rowids: whoever adds a VACUUM must rebuild this table after it).
-- The agent's name is indexed with each recording so one MATCH covers all columns; triggers below keep it in step.
CREATE VIRTUAL TABLE recordings_search USING fts5(
  file_name, call_id, agent_no, caller_number, category, agent_name,
  tokenize = 'trigram', content = '', contentless_delete = 1
);

INSERT INTO recordings_search (rowid, file_name, call_id, agent_no, caller_number, category, agent_name)
SELECT r.rowid, r.file_name, r.call_id, r.agent_no, r.caller_number, r.category, a.name
FROM recordings r
LEFT JOIN agents a ON a.agent_no = r.agent_no;

CREATE TRIGGER recordings_search_insert AFTER INSERT ON recordings
BEGIN
  INSERT INTO recordings_search (rowid, file_name, call_id, agent_no, caller_number, category, agent_name)
  VALUES (NEW.rowid, NEW.file_name, NEW.call_id, NEW.agent_no, NEW.caller_number, NEW.category,
          (SELECT name FROM agents WHERE agent_no = NEW.agent_no));
END;

CREATE TRIGGER recordings_search_update AFTER UPDATE OF file_name, call_id, agent_no, caller_number, category
ON recordings
BEGIN
  DELETE FROM recordings_search WHERE rowid = OLD.rowid;
  INSERT INTO recordings_search (rowid, file_name, call_id, agent_no, caller_number, category, agent_name)
  VALUES (NEW.rowid, NEW.file_name, NEW.call_id, NEW.agent_no, NEW.caller_number, NEW.category,
          (SELECT name FROM agents WHERE agent_no = NEW.agent_no));
END;

CREATE TRIGGER recordings_search_delete AFTER DELETE ON recordings
BEGIN
  DELETE FROM recordings_search WHERE rowid = OLD.rowid;
END;

-- An agent's name changes rarely (roster pulls rewrite unchanged names, hence the WHEN); the re-index reads that
-- agent's recordings through recordings_agent_started.
CREATE TRIGGER agents_search_insert AFTER INSERT ON agents
BEGIN
  DELETE FROM recordings_search WHERE rowid IN (SELECT rowid FROM recordings WHERE agent_no = NEW.agent_no);
  INSERT INTO recordings_search (rowid, file_name, call_id, agent_no, caller_number, category, agent_name)
  SELECT rowid, file_name, call_id, agent_no, caller_number, category, NEW.name
  FROM recordings WHERE agent_no = NEW.agent_no;
END;

CREATE TRIGGER agents_search_update AFTER UPDATE OF agent_no, name ON agents
WHEN OLD.name IS NOT NEW.name OR OLD.agent_no IS NOT NEW.agent_no
BEGIN
  DELETE FROM recordings_search
  WHERE rowid IN (SELECT rowid FROM recordings WHERE agent_no IN (OLD.agent_no, NEW.agent_no));
  INSERT INTO recordings_search (rowid, file_name, call_id, agent_no, caller_number, category, agent_name)
  SELECT r.rowid, r.file_name, r.call_id, r.agent_no, r.caller_number, r.category, a.name
  FROM recordings r
  LEFT JOIN agents a ON a.agent_no = r.agent_no
  WHERE r.agent_no IN (OLD.agent_no, NEW.agent_no);
END;

CREATE TRIGGER agents_search_delete AFTER DELETE ON agents
BEGIN
  DELETE FROM recordings_search WHERE rowid IN (SELECT rowid FROM recordings WHERE agent_no = OLD.agent_no);
  INSERT INTO recordings_search (rowid, file_name, call_id, agent_no, caller_number, category, agent_name)
  SELECT rowid, file_name, call_id, agent_no, caller_number, category, NULL
  FROM recordings WHERE agent_no = OLD.agent_no;
END;
