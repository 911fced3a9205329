-- Listening roll-ups: counters per workspace, channel ('*' for all), topic
-- ('*' for all) and bucket, upserted as items are decided. res is the
-- bucket length in seconds (60 or 3600); start is unix seconds. Minute rows
-- are pruned after days, hour rows kept for months.
CREATE TABLE listen_counts (
	workspace   TEXT    NOT NULL,
	channel     TEXT    NOT NULL,
	topic       TEXT    NOT NULL,
	res         INTEGER NOT NULL,
	start       INTEGER NOT NULL,
	volume      INTEGER NOT NULL DEFAULT 0,
	negative    INTEGER NOT NULL DEFAULT 0,
	new_authors INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (workspace, channel, topic, res, start)
) STRICT, WITHOUT ROWID;

CREATE INDEX listen_counts_prune ON listen_counts (res, start);

CREATE TABLE listen_categories (
	workspace TEXT    NOT NULL,
	channel   TEXT    NOT NULL,
	topic     TEXT    NOT NULL,
	res       INTEGER NOT NULL,
	start     INTEGER NOT NULL,
	category  TEXT    NOT NULL,
	n         INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (workspace, channel, topic, res, start, category)
) STRICT, WITHOUT ROWID;

CREATE INDEX listen_categories_prune ON listen_categories (res, start);
