-- The dry-run actor's effects now live in a database of their own
-- (dryrun-effects.db), as a platform's would.
DROP TABLE dryrun_effects;
