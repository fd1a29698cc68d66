-- PLACEHOLDER for another branch's migration 012 (issue 17/18). It exists only so that the runner, which requires
-- numbers without gaps, can apply this branch's 013 in tests. Drop it at merge, where the real 012 takes its place.
SELECT 1;
