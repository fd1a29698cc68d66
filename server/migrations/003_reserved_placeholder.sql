-- PLACEHOLDER for another branch's server migration 003 (issue 18). It exists only so that the runner, which requires
-- numbers without gaps, can apply this branch's 004 in tests. Drop it at merge, where the real 003 takes its place.
SELECT 1;
