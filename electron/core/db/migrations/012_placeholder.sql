-- Placeholder (drop at merge): app migrations 011–013 belong to issues 17–19, not merged into this branch yet.
-- Only here so the runner's numbering has no gap below 014 while issue 20 is developed.
SELECT 1;
