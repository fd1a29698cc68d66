-- Placeholder for migration 011, reserved for issue 17 (the runner requires numbers without gaps). Replaced by that
-- branch's own 011 at merge; it changes nothing.
SELECT 1;
