-- The whole-call waveform a player opens with (recordings.get at its default size), stored at import: opening a
-- call then reads a few hundred KB instead of every 10 ms pair of the call (2.9 MB an hour) and merging them down
-- on the core's event loop, while the same loop serves the audio. Both columns are NULL for calls imported before
-- this migration (the first open computes and stores them).
ALTER TABLE recording_peaks ADD COLUMN overview BLOB;
-- Stored pairs per overview pair (the overview's ms per pair is the stored ms per pair times this). 1 means the
-- call is short enough to open with its full peaks, and then no copy of them is kept in `overview`.
ALTER TABLE recording_peaks ADD COLUMN overview_factor INTEGER CHECK (overview_factor IS NULL OR overview_factor >= 1);
