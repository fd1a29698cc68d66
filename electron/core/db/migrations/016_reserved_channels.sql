-- Placeholder: number 016 belongs to the channels change (branch chan20), made in parallel with 017. Migrations must
-- be numbered without gaps, so this branch holds the number with an empty step. When merging, keep chan20's 016 and
-- delete this file (no database outside this branch's tests has applied it).
SELECT 1;
