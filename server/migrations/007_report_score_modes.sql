-- Head-office reports in two modes (issue 20), as the app's report store keeps them (app migration 017).
--
-- sections_x100 now holds the final section scores: 0 for every section when a critical item zeroed the whole
-- evaluation, so the sections add up to total_x100. Until now it held the section scores before a total-scope
-- critical item. Rows stored before this migration are corrected here: a critical fail with a total of 0 is exactly
-- the case (a section-only fail leaving a total of 0 means every section scored 0 already).
--
-- uncapped_x100 and sections_uncapped_x100 hold the total and sections before critical items; they need the
-- answers scored against the card, so rows stored before this migration get them at start-up from their revision
-- body (server/score-modes.ts backfillScoreModes). Reports read NULL as not yet filled in, never as 0.
ALTER TABLE evaluation_latest ADD COLUMN uncapped_x100 INTEGER;
ALTER TABLE evaluation_latest ADD COLUMN sections_uncapped_x100 JSONB;

UPDATE evaluation_latest
   SET sections_x100 = (SELECT jsonb_object_agg(s.key, CASE WHEN s.value = 'null'::jsonb THEN s.value ELSE '0'::jsonb END)
                          FROM jsonb_each(sections_x100) s)
 WHERE critical_failed AND total_x100 = 0 AND sections_x100 <> '{}'::jsonb;
