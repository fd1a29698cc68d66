-- Roles beyond inspector and head office: a lead sees their teams, a site user their 分公司. The table keeps its
-- first name because tokens reference it; every role's user is a row here.
ALTER TABLE inspectors DROP CONSTRAINT inspectors_role_check;
ALTER TABLE inspectors ADD CONSTRAINT inspectors_role_check
  CHECK (role IN ('inspector', 'lead', 'site', 'head_office'));
ALTER TABLE inspectors ADD COLUMN site TEXT;
ALTER TABLE inspectors ADD CONSTRAINT inspectors_site_role CHECK ((role = 'site') = (site IS NOT NULL));

-- A lead's teams. No foreign key: a lead may be set up before the roster that brings the team arrives.
CREATE TABLE user_teams (
  user_id TEXT NOT NULL REFERENCES inspectors (id),
  team_id TEXT NOT NULL,
  PRIMARY KEY (user_id, team_id)
);

-- The call context of each revision as scored (protocol 2), or as reconstructed for older bodies: the report day
-- (shared/report-math.ts callDay), category, the agent's name and the team and site the app filed the call under.
-- From migration 002 on, body_json holds the body without its scorecard definition: a stored revision's definition
-- always equals the published card (id, version), so it is kept once, in scorecards, not in every row.
ALTER TABLE evaluation_revisions ADD COLUMN call_day DATE;
ALTER TABLE evaluation_revisions ADD COLUMN category TEXT;
ALTER TABLE evaluation_revisions ADD COLUMN agent_name TEXT;
ALTER TABLE evaluation_revisions ADD COLUMN call_team_id TEXT;
ALTER TABLE evaluation_revisions ADD COLUMN call_site TEXT;
UPDATE evaluation_revisions
   SET call_day = ((submitted_at AT TIME ZONE 'UTC') + interval '480 minutes')::date,
       body_json = (body_json::jsonb - 'scorecardDefinition')::text;
ALTER TABLE evaluation_revisions ALTER COLUMN call_day SET NOT NULL;

ALTER TABLE rejections ADD COLUMN code TEXT;

-- Revisions that arrived before the one they follow, and when the server first saw each (its own clock). An app
-- sends two batches at once and retries dropped ones, so revision n may overtake n−1 for a while: such a push is
-- answered "try again" until a grace period has passed, and only then is the revision refused as a gap.
CREATE TABLE revision_gaps (
  evaluation_id TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  inspector_id  TEXT NOT NULL,
  first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (evaluation_id, revision, inspector_id)
);

-- The latest revision of each evaluation: what pulls send down and what reports and exports read. Stamped with a
-- server version like every head-office change (never a serial id: see versions.ts), and with the team and site
-- head office files it under (its roster's for a known agent, else the call's own). change_json is the pulled change
-- serialised once, without kind, teamId and site (spliced in when a page is built, so a roster move only restamps
-- columns): a page is string concatenation, not a parse and stringify per row.
CREATE TABLE evaluation_latest (
  evaluation_id     TEXT PRIMARY KEY REFERENCES evaluation_owners (evaluation_id),
  revision          INTEGER NOT NULL,
  inspector_id      TEXT NOT NULL REFERENCES inspectors (id),
  version           BIGINT NOT NULL,
  team_id           TEXT,
  site              TEXT,
  agent_no          TEXT,
  agent_name        TEXT,
  call_team_id      TEXT,
  call_team_name    TEXT,
  call_site         TEXT,
  call_day          DATE NOT NULL,
  scorecard_id      TEXT NOT NULL,
  scorecard_version INTEGER NOT NULL,
  total_x100        INTEGER NOT NULL,
  critical_failed   BOOLEAN NOT NULL,
  -- {sectionId: hundredths or null}: integer sums in SQL, never float averages.
  sections_x100     JSONB NOT NULL,
  change_json       TEXT NOT NULL,
  -- Whether change_json is ASCII already (evaluations.ts asciiJson); only rows this migration copies may not be.
  change_ascii      BOOLEAN NOT NULL DEFAULT TRUE
);
-- Stored uncompressed: a pull page reads a thousand of these, and pglz decompression was a quarter of its time.
ALTER TABLE evaluation_latest ALTER COLUMN change_json SET STORAGE EXTERNAL;
CREATE UNIQUE INDEX evaluation_latest_version ON evaluation_latest (version);
CREATE INDEX evaluation_latest_team ON evaluation_latest (team_id, version);
CREATE INDEX evaluation_latest_site ON evaluation_latest (site, version);
CREATE INDEX evaluation_latest_day ON evaluation_latest (call_day);
CREATE INDEX evaluation_latest_agent ON evaluation_latest (agent_no);

-- Evaluations stored before this migration: their latest revisions, each with a version of its own after the
-- current one, filed by the roster (legacy bodies carry no call context).
INSERT INTO evaluation_latest (evaluation_id, revision, inspector_id, version, team_id, site, agent_no, agent_name,
                               call_team_id, call_team_name, call_site, call_day, scorecard_id, scorecard_version,
                               total_x100, critical_failed, sections_x100, change_json, change_ascii)
SELECT r.evaluation_id, r.revision, r.inspector_id,
       (SELECT version FROM server_version) + row_number() OVER (ORDER BY r.received_at, r.evaluation_id),
       a.team_id, a.site, r.agent_no, NULL, NULL, NULL, NULL, r.call_day, r.scorecard_id, r.scorecard_version,
       round(r.total * 100)::integer, COALESCE((r.body_json::jsonb ->> 'criticalFailed')::boolean, FALSE),
       COALESCE((SELECT jsonb_object_agg(s.key, CASE WHEN jsonb_typeof(s.value) = 'number'
                                                     THEN to_jsonb(round((s.value #>> '{}')::numeric * 100)::integer)
                                                     ELSE 'null'::jsonb END)
                   FROM jsonb_each(r.body_json::jsonb -> 'sections') s), '{}'::jsonb),
       json_build_object('id', r.evaluation_id, 'revision', r.revision, 'hash', r.hash, 'inspectorId', r.inspector_id,
                         'inspectorName', i.name,
                         'receivedAt', to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                         'body', r.body_json::jsonb)::text,
       FALSE
  FROM (SELECT DISTINCT ON (evaluation_id) *
          FROM evaluation_revisions
         ORDER BY evaluation_id, revision DESC) r
  JOIN inspectors i ON i.id = r.inspector_id
  LEFT JOIN agents a ON a.agent_no = r.agent_no;
UPDATE server_version SET version = version + (SELECT count(*) FROM evaluation_latest);
