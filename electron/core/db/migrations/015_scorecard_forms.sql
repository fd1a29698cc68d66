-- Richer scorecards (choice items, items hidden by a condition). The per-answer and per-section copies of the
-- current revision only mirrored what the revision body holds, and their CHECKs (kind, answer) cannot hold an
-- option id or a hidden item, so a submit on a choice card failed. Section scores are read from the body instead.
DROP TABLE evaluation_answers;
DROP TABLE evaluation_section_scores;
