-- Placeholder (drop at merge): server migrations 003–004 belong to issues 18–19, not merged into this branch yet.
-- Only here so the runner's numbering has no gap below 005 while issue 20 is developed.
SELECT 1;
