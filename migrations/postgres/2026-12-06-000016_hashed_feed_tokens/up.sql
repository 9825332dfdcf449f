-- The secret of an alert's feed URL is kept as its SHA-256 only, like a session's: a copy of
-- the database does not open anyone's feed. The secrets stored before are hashed by the
-- server as it starts (`db::alerts::hash_clear_tokens`: SQLite has no SHA-256 function), so
-- the links people saved keep working.
ALTER TABLE job_alerts RENAME COLUMN feed_token TO feed_token_hash;
