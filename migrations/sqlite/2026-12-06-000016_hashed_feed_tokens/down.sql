-- The hashes stay hashes: feed links made before the migration was undone no longer open.
ALTER TABLE job_alerts RENAME COLUMN feed_token_hash TO feed_token;
